// rfmSql end to end in DuckDB, PostgreSQL and the two-shard ClickHouse cluster: every customer's R, F, M,
// code, total and segment equal rfmScores + rfmSegment on the same values, over CDNOW and random values with
// many ties, for quantiles (exact and numpy levels, every tie rule, 3 to 10 bins) and thresholds.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rfmScores, rfmSegment, rfmSql, summarizeTransactions, summarySql, type RfmScoreOptions, type RfmSqlOptions } from "../../src/index.js";
import { ch, clickhouseInstalled, cluster, quote as chQuote, PORT1, useCluster } from "./clickhouse.js";
import { useDuckDb } from "./duckdb.js";
import { cdnowSample } from "./helpers.js";
import { postgres, SEP } from "./postgres.js";

interface Values {
  customerId: number;
  recency: number;
  frequency: number;
  monetary: number;
}

/** What rfmScores and rfmSegment give, keyed by id: r, f, m, code, total, segment. */
function expected(values: readonly Values[], options: RfmScoreOptions, segments: boolean): Map<number, string> {
  const out = new Map<number, string>();
  for (const s of rfmScores(values, options)) {
    const seg = segments ? rfmSegment({ r: s.r, f: s.f, m: s.m }, undefined, { bins: options.bins ?? 5 }) : "";
    out.set(s.customerId as number, [s.r, s.f, s.m, s.code, s.total, seg].join("|"));
  }
  return out;
}

/** The SQL result's rows `customer_id, recency, frequency, monetary, r, f, m, code, total[, segment]` keyed by id. */
function got(lines: readonly string[][], segments: boolean): Map<number, string> {
  const out = new Map<number, string>();
  // ClickHouse's TabSeparated escapes quotes and backslashes in text.
  const text = (t: string | undefined): string => (t ?? "").replace(/\\(.)/g, "$1");
  for (const f of lines) out.set(Number(f[0]), [Number(f[4]), Number(f[5]), Number(f[6]), f[7], Number(f[8]), segments ? text(f[9]) : ""].join("|"));
  return out;
}

function expectSame(actual: Map<number, string>, want: Map<number, string>): void {
  expect(actual.size).toBe(want.size);
  let wrong = 0;
  const examples: string[] = [];
  for (const [id, w] of want) {
    if (actual.get(id) !== w) {
      wrong++;
      if (examples.length < 5) examples.push(`${id}: got ${actual.get(id)}, want ${w}`);
    }
  }
  expect(examples).toEqual([]);
  expect(wrong).toBe(0);
}

/** Values with many ties: small integers, repeated amounts, a few negatives and large spends. */
const valuesArb = fc.array(
  fc.record({
    recency: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 900 })),
    frequency: fc.oneof(fc.constantFrom(1, 1, 1, 2, 3), fc.integer({ min: 1, max: 40 })),
    monetary: fc.oneof(fc.constantFrom(0, 9.99, 9.99, 25, -5), fc.double({ min: -1e6, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 300 })),
  }),
  { minLength: 1, maxLength: 300 },
).map((rows) => rows.map((r, i) => ({ customerId: i + 1, ...r })));

const optionsArb: fc.Arbitrary<RfmScoreOptions> = fc.record({
  bins: fc.integer({ min: 2, max: 10 }),
  ties: fc.constantFrom("middle", "low", "high"),
  levels: fc.constantFrom("exact", "numpy"),
}) as fc.Arbitrary<RfmScoreOptions>;

const THRESHOLDS: RfmScoreOptions = { bins: 5, method: { recency: { thresholds: [30, 90, 180, 365] }, frequency: "quantile", monetary: { thresholds: [10, 50.5, 100, 1000] } } };

/** CDNOW's sample as summaries (weeks), and the values rfmSql derives from them. */
function cdnowSummaries(): { summaries: ReturnType<typeof summarizeTransactions>; values: Values[] } {
  const summaries = summarizeTransactions(cdnowSample(), { observationEnd: "1998-06-30", unit: "week" });
  const values = summaries.map((s) => ({ customerId: s.customerId as number, recency: Math.floor((s.T - s.recency) * 7 + 0.5), frequency: s.frequency + 1, monetary: s.monetaryValue }));
  return { summaries, values };
}

const doubleText = (x: number): string => (x === 0 ? "0" : x.toPrecision(17));

describe("rfmSql in DuckDB", () => {
  const duck = useDuckDb("rk_rfm");
  const query = async (sql: string): Promise<string[][]> => {
    const reader = await duck.conn.runAndReadAll(sql);
    return reader.getRowsJS().map((r) => r.map((v) => String(v)));
  };
  const loadValues = async (values: readonly Values[]): Promise<void> => {
    await duck.conn.run(`CREATE OR REPLACE TABLE rk_rfm.v (id BIGINT, days DOUBLE, orders DOUBLE, spend DOUBLE)`);
    if (values.length > 0) await duck.conn.run(`INSERT INTO rk_rfm.v VALUES ${values.map((v) => `(${v.customerId}, ${v.recency}, ${v.frequency}, CAST('${doubleText(v.monetary)}' AS DOUBLE))`).join(", ")}`);
  };
  const columns = { customerId: "id", recency: "days", frequency: "orders", monetary: "spend" };

  it("scores CDNOW's summarySql result as rfmScores scores the same summaries", async () => {
    const { summaries, values } = cdnowSummaries();
    await duck.conn.run(`CREATE OR REPLACE TABLE rk_rfm.tx (customer BIGINT, ts DATE, amount DOUBLE)`);
    const rows = cdnowSample();
    await duck.conn.run(`INSERT INTO rk_rfm.tx VALUES ${rows.map((r) => `(${r.customerId}, DATE '${new Date(r.at).toISOString().slice(0, 10)}', CAST('${doubleText(r.amount)}' AS DOUBLE))`).join(", ")}`);
    await duck.conn.run(`CREATE OR REPLACE TABLE rk_rfm.summary AS ${summarySql({ dialect: "duckdb", table: "rk_rfm.tx", columns: { customerId: "customer", at: "ts", amount: "amount" }, observationEnd: "1998-06-30", unit: "week" })}`);
    expect(summaries.length).toBe(2357);
    const lines = await query(rfmSql({ dialect: "duckdb", summary: "rk_rfm.summary" }));
    expectSame(got(lines, true), expected(values, { bins: 5 }, true));
  });

  it("equals rfmScores on random values with ties, for every bins, tie rule and levels (property)", async () => {
    await fc.assert(
      fc.asyncProperty(valuesArb, optionsArb, async (values, options) => {
        await loadValues(values);
        const lines = await query(rfmSql({ dialect: "duckdb", summary: "rk_rfm.v", columns, ...options } as RfmSqlOptions));
        expectSame(got(lines, true), expected(values, options, true));
      }),
      { numRuns: 40 },
    );
  });

  it("equals rfmScores with thresholds beside a quantile dimension, and without segments", async () => {
    const { values } = cdnowSummaries();
    await loadValues(values);
    const lines = await query(rfmSql({ dialect: "duckdb", summary: "rk_rfm.v", columns, segments: false, ...THRESHOLDS } as RfmSqlOptions));
    expect(lines[0]!.length).toBe(9);
    expectSame(got(lines, false), expected(values, THRESHOLDS, false));
  });

  it("equals rfmScores at the float extremes: ±1.7e308 spends (the overflow branch of the interpolation) and subnormals", async () => {
    const spends = [1.7e308, -1.7e308, 5e-324, -5e-324, 0, 1e308, -1e308, 2.2e-308, 1.7976931348623157e308, -1.7976931348623157e308, 42];
    const values = spends.map((monetary, i) => ({ customerId: i + 1, recency: i % 4, frequency: 1 + (i % 3), monetary }));
    for (const options of [{ bins: 5 }, { bins: 4, levels: "numpy", ties: "low" }, { bins: 10, ties: "high" }] as RfmScoreOptions[]) {
      await loadValues(values);
      const lines = await query(rfmSql({ dialect: "duckdb", summary: "rk_rfm.v", columns, ...options } as RfmSqlOptions));
      expectSame(got(lines, true), expected(values, options, true));
    }
  });

  it("stops on a value rfmScores refuses, naming the customer", async () => {
    await duck.conn.run(`CREATE OR REPLACE TABLE rk_rfm.bad AS SELECT * FROM (VALUES (1, 3.0, 2.0, 10.0), (7, -1.0, 1.0, 5.0)) AS t(id, days, orders, spend)`);
    await expect(query(rfmSql({ dialect: "duckdb", summary: "rk_rfm.bad", columns }))).rejects.toThrow(/rfmSql: customer 7 /);
  });

  it("writes the BigQuery and Spark texts of the golden files (not executed here: no BigQuery or Spark)", () => {
    for (const dialect of ["bigquery", "spark"] as const) {
      expect(rfmSql({ dialect, summary: "crm.customer_summary", bins: 5 })).toMatchSnapshot(`${dialect} quintiles of a summarySql result`);
      expect(rfmSql({ dialect, summary: ["crm", "rfm values"], columns, levels: "numpy", ties: "high", ...THRESHOLDS } as RfmSqlOptions)).toMatchSnapshot(`${dialect} thresholds and numpy levels on own columns`);
    }
  });

  it("refuses rank and options it does not know, with coded errors", () => {
    expect(() => rfmSql({ dialect: "duckdb", summary: "t", method: "rank" })).toThrow(expect.objectContaining({ code: "INVALID_OPTION", path: "options.method" }));
    expect(() => rfmSql({ dialect: "duckdb", summary: "t", bogus: 1 } as never)).toThrow(expect.objectContaining({ code: "UNKNOWN_OPTION" }));
    expect(() => rfmSql({ dialect: "oracle", summary: "t" } as never)).toThrow(expect.objectContaining({ code: "INVALID_OPTION", path: "options.dialect" }));
  });
});

describe("rfmSql in PostgreSQL", () => {
  const pg = postgres("retention-kit rfmSql test", "the PostgreSQL rfmSql test");
  const schema = `rk_rfm_${process.pid}`;
  beforeAll(() => {
    if (pg.reason === null) pg.psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
  });
  afterAll(() => {
    if (pg.reason === null) pg.psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE;`);
  });
  const run = (values: readonly Values[], options: RfmSqlOptions): string[][] => {
    const data = values.map((v) => `${v.customerId}\t${v.recency}\t${v.frequency}\t${doubleText(v.monetary)}`).join("\n");
    const out = pg.psql(`DROP TABLE IF EXISTS ${schema}.v; CREATE TABLE ${schema}.v (id BIGINT, days DOUBLE PRECISION, orders DOUBLE PRECISION, spend DOUBLE PRECISION);\nCOPY ${schema}.v FROM STDIN;\n${data}\n\\.\n${rfmSql(options)};`);
    return out.split("\n").filter((l) => l !== "").map((l) => l.split(SEP));
  };
  const columns = { customerId: "id", recency: "days", frequency: "orders", monetary: "spend" };

  it.skipIf(pg.reason !== null)("equals rfmScores on CDNOW's values and on random values with ties (property)", () => {
    const { values } = cdnowSummaries();
    expectSame(got(run(values, { dialect: "postgres", summary: [schema, "v"], columns }), true), expected(values, { bins: 5 }, true));
    expectSame(got(run(values, { dialect: "postgres", summary: [schema, "v"], columns, ...THRESHOLDS } as RfmSqlOptions), true), expected(values, THRESHOLDS, true));
    fc.assert(
      fc.property(valuesArb, optionsArb, (vals, options) => {
        expectSame(got(run(vals, { dialect: "postgres", summary: [schema, "v"], columns, ...options } as RfmSqlOptions), true), expected(vals, options, true));
      }),
      { numRuns: 15 },
    );
  });
});

const installed = clickhouseInstalled();
if (!installed && process.env["CI"] === "true") throw new Error("clickhouse-server / clickhouse-client are not installed (CI=true): .ci/run installs them");

describe.skipIf(!installed)("rfmSql on the two-shard ClickHouse cluster", () => {
  const dbName = `rk rfm ${process.pid} ${randomBytes(4).toString("hex")}`;
  const db = chQuote(dbName);
  let started = false;
  beforeAll(() => {
    const up = useCluster("the ClickHouse rfmSql test");
    if (up.reason !== null) throw new Error(up.reason);
    started = up.started;
    for (const port of [PORT1, PORT1 + 1]) ch(port, `CREATE DATABASE IF NOT EXISTS ${db}`);
  });
  afterAll(() => {
    for (const port of [PORT1, PORT1 + 1]) {
      try {
        ch(port, `DROP DATABASE IF EXISTS ${db}`);
      } catch {
        // the server is gone: nothing to drop
      }
    }
    if (started) cluster("stop");
  });
  /** Loads the values into `v local` on both shards (split by id) under a Distributed `v`, and runs the query. */
  const run = (values: readonly Values[], options: Omit<RfmSqlOptions, "dialect" | "summary" | "columns">): string[][] => {
    const cols = "(id Int64, days Float64, orders Float64, spend Float64)";
    const ddl = [`DROP TABLE IF EXISTS ${db}.v`, `DROP TABLE IF EXISTS ${db}.\`v local\``, `CREATE TABLE ${db}.\`v local\` ${cols} ENGINE = MergeTree() ORDER BY id`, `CREATE TABLE ${db}.v ${cols} ENGINE = Distributed(rk_two_shards, '${dbName}', 'v local', id)`];
    for (const port of [PORT1, PORT1 + 1]) ch(port, ddl.join(";\n"), "", ["--multiquery"]);
    // RowBinary: 18.16 reads some decimal texts of doubles one unit off.
    const buf = Buffer.alloc(values.length * 32);
    values.forEach((v, i) => {
      buf.writeBigInt64LE(BigInt(v.customerId), i * 32);
      buf.writeDoubleLE(v.recency, i * 32 + 8);
      buf.writeDoubleLE(v.frequency, i * 32 + 16);
      buf.writeDoubleLE(v.monetary, i * 32 + 24);
    });
    ch(PORT1, `INSERT INTO ${db}.v FORMAT RowBinary`, buf, ["--insert_distributed_sync=1"]);
    const sql = rfmSql({ dialect: "clickhouse", summary: [dbName, "v"], columns: { customerId: "id", recency: "days", frequency: "orders", monetary: "spend" }, ...options } as RfmSqlOptions);
    return ch(PORT1, sql).split("\n").filter((l) => l !== "").map((l) => l.split("\t"));
  };

  it("equals rfmScores on CDNOW's values, with thresholds, and on random values with ties (property)", () => {
    const { values } = cdnowSummaries();
    expectSame(got(run(values, { bins: 5 }), true), expected(values, { bins: 5 }, true));
    // The Distributed table spread the customers over both shards; the edges were found over all of them.
    const local = [PORT1, PORT1 + 1].map((port) => Number(ch(port, `SELECT count() FROM ${db}.\`v local\``).trim()));
    expect(local[0]! + local[1]!).toBe(values.length);
    expect(Math.min(...local)).toBeGreaterThan(values.length / 4);
    expectSame(got(run(values, THRESHOLDS), true), expected(values, THRESHOLDS, true));
    fc.assert(
      fc.property(valuesArb, optionsArb, (vals, options) => {
        expectSame(got(run(vals, options), true), expected(vals, options, true));
      }),
      { numRuns: 12 },
    );
  });
});
