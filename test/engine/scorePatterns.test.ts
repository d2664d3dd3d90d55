import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  patternsSql,
  predictionsSql,
  scoreCustomers,
  scorePatterns,
  type HistoryPattern,
  type ScoreConfig,
  type ScoreRow,
  type SpendPattern,
} from "../../src/index.js";
import { MAX_INLINE_PREDICTIONS } from "../../src/engine/predictionsSql.js";
import { codeAndPath } from "../helpers/errors.js";
import { cdnowSample } from "./helpers.js";

/** The two pattern tables of scored rows, built in JavaScript the way patternsSql groups them. */
function patternsOf(rows: readonly ScoreRow[]): { histories: HistoryPattern[]; spend: SpendPattern[] } {
  const h = new Map<string, { frequency: number; recency: number; t: number; customers: number }>();
  const s = new Map<string, { frequency: number; monetary_value: number; customers: number }>();
  for (const c of rows) {
    const hk = `${c.frequency} ${c.recency} ${c.T}`;
    const he = h.get(hk) ?? { frequency: c.frequency, recency: c.recency, t: c.T, customers: 0 };
    he.customers++;
    h.set(hk, he);
    const sk = `${c.frequency} ${c.monetaryValue}`;
    const se = s.get(sk) ?? { frequency: c.frequency, monetary_value: c.monetaryValue, customers: 0 };
    se.customers++;
    s.set(sk, se);
  }
  return { histories: [...h.values()], spend: [...s.values()] };
}

describe("scorePatterns", () => {
  const log = cdnowSample();
  const end = "1997-09-30";

  for (const config of [{}, { clv: { model: "bg-nbd", horizon: 6, margin: 0.25 } }, { clv: { model: "pareto-nbd", method: "dert" } }, { summary: { unit: "day" } }] as ScoreConfig[]) {
    it(`fits the transaction model scoreCustomers fits and gives its numbers bit for bit (${JSON.stringify(config)})`, () => {
      const want = scoreCustomers({ transactions: log, observationEnd: end }, config);
      const patterns = patternsOf(want.customers);
      // The fit sums over the patterns in lexicographic order: in any order of the rows (a database's) it is the engine's to the bit.
      const got = scorePatterns(config, patterns);
      expect(got.models.transaction).toEqual(want.models.transaction);
      const reversed = scorePatterns(config, { histories: [...patterns.histories].reverse(), spend: [...patterns.spend].reverse() });
      expect(reversed.models).toEqual(got.models);
      // Given the spend model scoreCustomers fitted, the CLV is its own to the last bit.
      const spendModel = want.models.spend as { model: "gamma-gamma"; params: { p: number; q: number; v: number } };
      const exact = scorePatterns({ ...config, clv: { ...(config.clv || {}), spendModel: { model: "gamma-gamma", params: spendModel.params } } }, patterns);
      const hist = new Map(exact.histories.map((h) => [`${h.frequency} ${h.recency} ${h.t}`, h]));
      const spend = new Map(exact.spend.map((s) => [`${s.frequency} ${s.monetary_value}`, s]));
      for (const c of want.customers) {
        const h = hist.get(`${c.frequency} ${c.recency} ${c.T}`)!;
        const s = spend.get(`${c.frequency} ${c.monetaryValue}`)!;
        expect([h.probability_alive, h.expected_purchases, s.expected_spend, s.value_per_purchase! * h.value_per_spend]).toEqual([c.probabilityAlive, c.expectedPurchases, c.expectedSpend, c.clv]);
      }
      expect(got.unit).toBe(want.config.summary.unit);
      // The fitted spend model is fitGammaGamma's on the same customers (to its convergence, see the DuckDB test).
      const fitted = got.models.spend as { params: { p: number; q: number; v: number }; customers: number };
      expect(fitted.customers).toBe((want.models.spend as { customers: number }).customers);
      for (const k of ["p", "q", "v"] as const) expect(Math.abs(fitted.params[k] / spendModel.params[k] - 1)).toBeLessThan(1e-6);
    });
  }

  it("gives one row per pattern in input order, with the customers counted, and nothing for no patterns", () => {
    const r = scorePatterns(
      { clv: { transactionModel: { model: "bg-nbd", params: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 } }, spendModel: 20, margin: 0.5 } },
      { histories: [{ frequency: 2, recency: 10, t: 30, customers: 3 }, { frequency: 0, recency: 0, t: 30, customers: 5 }], spend: [{ frequency: 0, monetary_value: 0, customers: 8 }] },
    );
    expect(r.histories.map((h) => [h.frequency, h.customers, h.probability_alive > 0 && h.probability_alive <= 1])).toEqual([[2, 3, true], [0, 5, true]]);
    expect(r.spend).toEqual([{ frequency: 0, monetary_value: 0, customers: 8, expected_spend: 20, value_per_purchase: 10 }]);
    expect(scorePatterns({}, { histories: [], spend: [] })).toEqual({ models: { transaction: null, spend: null }, unit: "week", histories: [], spend: [] });
  });

  it("refuses bad patterns and configs with coded errors naming the row and field", () => {
    const given: ScoreConfig = { clv: { transactionModel: { model: "mbg-nbd", params: { r: 0.5, alpha: 3, a: 0.8, b: 2.5 } }, spendModel: 10 } };
    const h = { frequency: 1, recency: 2, t: 5, customers: 2 };
    const s = { frequency: 1, monetary_value: 3, customers: 2 };
    const cases: [ScoreConfig, unknown, string, string | null][] = [
      [given, { histories: [h, { ...h, customers: 1 }], spend: [s] }, "INVALID_INPUT", "patterns.histories[1]"],
      [given, { histories: [h], spend: [s, s] }, "INVALID_INPUT", "patterns.spend[1]"],
      [given, { histories: [{ ...h, t: 1 }], spend: [s] }, "INCONSISTENT_COUNTS", "patterns.histories[0].recency"],
      [given, { histories: [{ ...h, t: -1, recency: 0, frequency: 0 }], spend: [s] }, "NEGATIVE_VALUE", "patterns.histories[0].t"],
      [given, { histories: [{ ...h, customers: 0 }], spend: [s] }, "OUT_OF_RANGE", "patterns.histories[0].customers"],
      [given, { histories: [{ ...h, customers: 1.5 }], spend: [s] }, "NOT_INTEGER", "patterns.histories[0].customers"],
      [given, { histories: [{ ...h, frequency: 0 }], spend: [s] }, "INCONSISTENT_COUNTS", "patterns.histories[0].recency"],
      [given, { histories: [h], spend: [{ ...s, monetary_value: -1 }] }, "NEGATIVE_VALUE", "patterns.spend[0].monetary_value"],
      [given, { histories: [h], spend: [s], extra: [] }, "UNKNOWN_OPTION", "patterns.extra"],
      [given, { histories: [h], spend: [{ ...s, customers: 3 }] }, "INVALID_INPUT", "patterns.spend"],
      [{ clv: false }, { histories: [h], spend: [s] }, "INVALID_CONFIG", "config.clv"],
      [{}, { histories: [h], spend: [{ ...s, frequency: 0, monetary_value: 0 }] }, "INSUFFICIENT_DATA", "patterns.spend"],
    ];
    for (const [config, patterns, code, path] of cases) {
      expect(codeAndPath(() => scorePatterns(config, patterns as never)), JSON.stringify(patterns)).toEqual([code, path]);
    }
    expect(() => scorePatterns({}, { histories: [h], spend: [{ ...s, frequency: 0, monetary_value: 0 }] })).toThrow(/^scorePatterns: .*config\.clv\.spendModel/);
  });
});

describe("patternsSql and predictionsSql texts", () => {
  const dialects = ["duckdb", "postgres", "bigquery", "spark", "clickhouse"] as const;
  const histories = [{ frequency: 1, recency: 1 / 7, t: 30 / 7, customers: 4, probability_alive: 0.9, expected_purchases: 0.1 + 0.2, value_per_spend: 1e-300 }];
  const spend = [
    { frequency: 0, monetary_value: 0, customers: 3, expected_spend: null, value_per_purchase: null },
    { frequency: 1, monetary_value: 12.3, customers: 4, expected_spend: 5e-324, value_per_purchase: 1.7976931348623157e308 },
  ];

  for (const dialect of dialects) {
    it(`matches the golden ${dialect} texts`, () => {
      expect(patternsSql({ dialect, summary: "analytics.customer_summary" })).toMatchSnapshot();
      expect(patternsSql({ dialect, summary: { query: "SELECT * FROM s" }, kind: "spend" })).toMatchSnapshot();
      expect(predictionsSql({ dialect, summary: "analytics.customer_summary", histories: "analytics.history_predictions", spend: ["analytics", "spend predictions"] })).toMatchSnapshot();
      expect(predictionsSql({ dialect, summary: "analytics.customer_summary", histories, spend })).toMatchSnapshot();
      expect(predictionsSql({ dialect, summary: "s", histories: [], spend: [] })).toMatchSnapshot();
    });
  }

  it("quotes identifiers per dialect", () => {
    expect(patternsSql({ dialect: "postgres", summary: ['we"ird', "t.x"] })).toContain(`FROM "we""ird"."t.x" AS s`);
    expect(patternsSql({ dialect: "bigquery", summary: ["a`b", "c"] })).toContain("FROM `a\\`b`.`c` AS s");
    expect(predictionsSql({ dialect: "spark", summary: "s", histories: ["x`y"], spend: "z" })).toContain("LEFT JOIN `x``y` AS h");
    expect(patternsSql({ dialect: "clickhouse", summary: ["a`b\\", "c d"] })).toContain("FROM `a\\`b\\\\`.`c d` AS s");
    expect(predictionsSql({ dialect: "clickhouse", summary: "s", histories: ["x`y"], spend: "z" })).toContain("FROM `x\\`y`");
  });

  it("refuses bad options and too many inline rows with coded errors", () => {
    const cases: [() => unknown, string, string][] = [
      [() => patternsSql({ dialect: "mysql" as never, summary: "s" }), "INVALID_OPTION", "options.dialect"],
      [() => patternsSql({ dialect: "duckdb", summary: "a..b" }), "INVALID_OPTION", "options.summary"],
      [() => patternsSql({ dialect: "duckdb", summary: { query: " " } }), "INVALID_OPTION", "options.summary.query"],
      [() => patternsSql({ dialect: "duckdb", summary: { query: "SELECT 1", table: "x" } as never }), "UNKNOWN_OPTION", "options.summary.table"],
      [() => patternsSql({ dialect: "duckdb", summary: "s", kind: "rfm" as never }), "INVALID_OPTION", "options.kind"],
      [() => patternsSql({ dialect: "duckdb", summary: "s", unit: "week" } as never), "UNKNOWN_OPTION", "options.unit"],
      [() => predictionsSql({ dialect: "duckdb", summary: "s", histories: [{ ...histories[0]!, recency: Number.NaN }], spend: "p" }), "INVALID_OPTION", "options.histories[0].recency"],
      [() => predictionsSql({ dialect: "duckdb", summary: "s", histories: "h", spend: [{ ...spend[1]!, frequency: null as never }] }), "INVALID_OPTION", "options.spend[0].frequency"],
      [() => predictionsSql({ dialect: "duckdb", summary: "s", histories: 7 as never, spend: "p" }), "INVALID_OPTION", "options.histories"],
      [() => predictionsSql({ dialect: "clickhouse", summary: "s", histories: [{ ...histories[0]!, frequency: 1.5 }], spend: "p" }), "INVALID_OPTION", "options.histories[0].frequency"],
      [() => predictionsSql({ dialect: "clickhouse", summary: "s", histories: "h", spend: [{ ...spend[1]!, expected_spend: Number.POSITIVE_INFINITY }] }), "INVALID_OPTION", "options.spend[0].expected_spend"],
      [() => predictionsSql({ dialect: "clickhouse", summary: "s", histories: Array.from({ length: MAX_INLINE_PREDICTIONS + 1 }, () => histories[0]!), spend: "p" }), "OUT_OF_RANGE", "options.histories"],
      [() => predictionsSql({ dialect: "duckdb", summary: "s", histories: Array.from({ length: MAX_INLINE_PREDICTIONS + 1 }, () => histories[0]!), spend: "p" }), "OUT_OF_RANGE", "options.histories"],
    ];
    for (const [run, code, path] of cases) expect(codeAndPath(run)).toEqual([code, path]);
    expect(predictionsSql({ dialect: "duckdb", summary: "s", histories: Array.from({ length: MAX_INLINE_PREDICTIONS }, () => histories[0]!), spend: "p" }).length).toBeGreaterThan(MAX_INLINE_PREDICTIONS);
  });

  it("writes inline doubles that DuckDB reads back as the same doubles", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    try {
      const doubles = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { numRuns: 300, seed: 7 });
      const edge = [0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1 + 0.2, 1 / 3, 1e21, 1e-7, 123456789.12345678];
      const xs = [...edge, ...doubles];
      const rows = xs.map((x, i) => ({ frequency: i, recency: Math.abs(x), t: Math.abs(x), customers: 1, probability_alive: x, expected_purchases: -x, value_per_spend: 1 }));
      const sql = predictionsSql({ dialect: "duckdb", summary: { query: "SELECT 0 AS customer_id, 0 AS frequency, 0.0 AS recency, 0.0 AS t, 0.0 AS monetary_value" }, histories: rows, spend: [] });
      const cte = sql.slice(sql.indexOf("rk_histories AS (") + "rk_histories AS (".length, sql.indexOf("\n),\nrk_spend"));
      const reader = await conn.runAndReadAll(`SELECT frequency, probability_alive, expected_purchases FROM (${cte}) ORDER BY frequency`);
      const back = reader.getRowObjectsJS().map((r) => [Number(r["frequency"]), r["probability_alive"], r["expected_purchases"]]);
      expect(back).toEqual(xs.map((x, i) => [i, x === 0 ? 0 : x, x === 0 ? 0 : -x]));
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });
});
