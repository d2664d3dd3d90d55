import { readFileSync } from "node:fs";
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  customerLifetimeValue,
  discountedExpectedTransactions,
  fitBgNbd,
  fitParetoNbd,
  scoreCustomers,
  scorePatterns,
  type GammaGammaFit,
  type ScoreSummary,
  type TransactionModel,
} from "../../src/index.js";
import { thrown } from "../clv/moreFixtures.js";

// The covariates fixture (test/fixtures/covariates): the first 400 customers' transactions over the first 52
// weeks, and their channel (0/1) and standardised age.
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const IDS = 400;
const tx: { customerId: number; at: string; amount: number }[] = [];
for (const line of readFileSync(here("../fixtures/covariates/transactions.csv"), "utf8").trim().split("\n").slice(1)) {
  const [id, at, price] = line.split(",");
  if (Number(id) <= IDS) tx.push({ customerId: Number(id), at: at!, amount: Number(price) });
}
const covariates: { customerId: number; channel: number; age: number }[] = [];
for (const line of readFileSync(here("../fixtures/covariates/covariates.csv"), "utf8").trim().split("\n").slice(1)) {
  const [id, channel, age] = line.split(",").map(Number);
  if (id! <= IDS) covariates.push({ customerId: id!, channel: channel!, age: age! });
}
const END = "2023-12-31";
const COV = { purchase: ["channel", "age"], attrition: ["channel", "age"] };
const OFF = { churn: false, rfm: false, tiers: false, abc: false, lifecycle: false } as const;
const byId = new Map(covariates.map((c) => [c.customerId, c]));

/** The engine's rows as the public functions read them: the summary fields and the customer's covariates. */
function rowsOf(customers: readonly { customerId: string | number; frequency: number; recency: number; T: number; monetaryValue: number }[]) {
  return customers.map((c) => ({ frequency: c.frequency, recency: c.recency, T: c.T, monetaryValue: c.monetaryValue, channel: byId.get(c.customerId as number)!.channel, age: byId.get(c.customerId as number)!.age }));
}

describe("scoreCustomers with config.clv.covariates", () => {
  let result: ReturnType<typeof scoreCustomers<{ transactions: typeof tx; covariates: typeof covariates; observationEnd: string }>>;
  let rows: ReturnType<typeof rowsOf>;
  beforeAll(() => {
    result = scoreCustomers({ transactions: tx, covariates, observationEnd: END }, { ...OFF, clv: { model: "pareto-nbd", covariates: COV } });
    rows = rowsOf(result.customers);
  });

  it("fits the configured model with the covariates, as fitParetoNbd does on the same rows", () => {
    expect(result.customers.length).toBe(IDS);
    const fit = fitParetoNbd(rows, { covariates: COV });
    expect(result.models.transaction).toEqual({ ...fit, unit: "week" });
    const m = result.models.transaction as ReturnType<typeof fitParetoNbd>;
    expect(Object.keys(m.covariates!.purchase)).toEqual(["channel", "age"]);
    expect(m.converged).toBe(true);
  });

  it("gives every customer the P(alive), expected purchases and CLV of customerLifetimeValue on its own covariate values, bit for bit", () => {
    const want = customerLifetimeValue(result.models.transaction as TransactionModel, result.models.spend as GammaGammaFit, rows, { horizon: 12, discountRate: 0.01, margin: 1, unit: "week" });
    expect(result.customers.map((c) => [c.probabilityAlive, c.expectedPurchases, c.expectedSpend, c.clv])).toEqual(want.map((w) => [w.probabilityAlive, w.expectedPurchases, w.expectedSpend, w.clv]));
    // The covariates matter: customers with the same history and different channels differ.
    const noCov = scoreCustomers({ transactions: tx, observationEnd: END }, { ...OFF, clv: { model: "pareto-nbd" } });
    const differ = result.customers.filter((c, i) => c.probabilityAlive !== noCov.customers[i]!.probabilityAlive).length;
    expect(differ).toBeGreaterThan(IDS / 2);
  });

  it("reads the covariates from ready summary rows as from the side table, and from columns", () => {
    const summaries: ScoreSummary[] = result.customers.map((c) => ({
      customerId: c.customerId, frequency: c.frequency, recency: c.recency, T: c.T, monetaryValue: c.monetaryValue, transactionCount: c.transactionCount,
      totalAmount: c.totalAmount, firstAt: c.firstAt, lastAt: c.lastAt, unit: "week", channel: byId.get(c.customerId as number)!.channel, age: byId.get(c.customerId as number)!.age,
    }));
    const fromRows = scoreCustomers({ summaries, observationEnd: END }, { ...OFF, clv: { model: "pareto-nbd", covariates: COV } });
    expect(fromRows.models).toEqual(result.models);
    expect(fromRows.customers.map((c) => c.clv)).toEqual(result.customers.map((c) => c.clv));
    const columns = { customerId: covariates.map((c) => c.customerId), channel: covariates.map((c) => c.channel), age: Float64Array.from(covariates, (c) => c.age) };
    const fromColumns = scoreCustomers({ transactions: tx, covariates: columns, observationEnd: END }, { ...OFF, clv: { model: "pareto-nbd", covariates: COV } });
    expect(fromColumns.customers).toEqual(result.customers);
  });

  it("scores a given model fitted with covariates with each customer's covariates (refused before)", () => {
    const given = scoreCustomers({ transactions: tx, covariates, observationEnd: END }, { ...OFF, clv: { transactionModel: result.models.transaction as TransactionModel as never, spendModel: 25 } });
    const want = customerLifetimeValue(result.models.transaction as TransactionModel, 25, rows, { horizon: 12, discountRate: 0.01, margin: 1, unit: "week" });
    expect(given.customers.map((c) => [c.probabilityAlive, c.expectedPurchases, c.clv])).toEqual(want.map((w) => [w.probabilityAlive, w.expectedPurchases, w.clv]));
  });

  it("with BG/NBD, a shared covariate and method dert composes fitBgNbd and discountedExpectedTransactions", () => {
    const cov = { purchase: ["age"], shared: ["channel"] };
    const some = tx.filter((t) => t.customerId <= 120);
    const r = scoreCustomers({ transactions: some, covariates, observationEnd: END }, { ...OFF, clv: { model: "bg-nbd", covariates: cov, method: "dert", margin: 0.5 } });
    const rs = rowsOf(r.customers);
    expect(r.models.transaction).toEqual({ ...fitBgNbd(rs, { covariates: cov }), unit: "week" });
    const delta = Math.log1p(0.01) / 4.345;
    const spend = customerLifetimeValue(r.models.transaction as TransactionModel, r.models.spend as GammaGammaFit, rs, { horizon: 12, unit: "week" });
    expect(r.customers.map((c) => c.clv)).toEqual(rs.map((row, i) => 0.5 * spend[i]!.expectedSpend! * discountedExpectedTransactions(r.models.transaction as TransactionModel, row, { continuousDiscountRate: delta })));
  });

  it("gives the same numbers for any order of the rows", () => {
    const reversed = scoreCustomers({ transactions: tx.slice().reverse(), covariates: covariates.slice().reverse(), observationEnd: END }, { ...OFF, clv: { model: "pareto-nbd", covariates: COV } });
    expect(reversed.customers).toEqual(result.customers);
    expect(reversed.models).toEqual(result.models);
  });

  it("counts side-table rows of customers not scored in the warnings", () => {
    const extra = [...covariates, { customerId: 99_999, channel: 1, age: 0 }];
    const r = scoreCustomers({ transactions: tx, covariates: extra, observationEnd: END }, { ...OFF, clv: { model: "pareto-nbd", covariates: COV } });
    expect(r.customers).toEqual(result.customers);
    expect(r.warnings.filter((w) => w.code === "COVARIATES_WITHOUT_CUSTOMER")).toEqual([
      { code: "COVARIATES_WITHOUT_CUSTOMER", message: expect.stringContaining("1 row of input.covariates belongs to customers who were not scored") as unknown as string, path: "input.covariates", customers: 1, value: 1 },
    ]);
    expect(result.warnings.some((w) => w.code === "COVARIATES_WITHOUT_CUSTOMER")).toBe(false);
  });
});

describe("scoreCustomers with covariates refuses", () => {
  const small = [
    { customerId: 1, at: "2024-01-01", amount: 10 },
    { customerId: 1, at: "2024-02-01", amount: 12 },
    { customerId: 2, at: "2024-01-15", amount: 8 },
  ];
  const config = { ...OFF, clv: { covariates: { purchase: ["channel"] }, spendModel: 10 } };

  it("a scored customer without a side-table row, naming it", () => {
    const e = thrown(() => scoreCustomers({ transactions: small, covariates: [{ customerId: 1, channel: 1 }], observationEnd: "2024-03-01" }, config));
    expect([e.code, e.path]).toEqual(["INVALID_INPUT", "input.covariates"]);
    expect(e.message).toMatch(/^scoreCustomers: input\.covariates has no row for customer 2/);
  });

  it("a missing or non-numeric value, naming the row and field", () => {
    const e = thrown(() => scoreCustomers({ transactions: small, covariates: [{ customerId: 1, channel: 1 }, { customerId: 2, channel: "web" }], observationEnd: "2024-03-01" }, config));
    expect([e.code, e.path]).toEqual(["INVALID_TYPE", "input.covariates[1].channel"]);
    const row = { customerId: 1, frequency: 1, recency: 2, T: 3, monetaryValue: 10, transactionCount: 2, totalAmount: 20, firstAt: 0, lastAt: 864e5 };
    const f = thrown(() => scoreCustomers({ summaries: [{ ...row, channel: 1 }, { ...row, customerId: 2 }] as ScoreSummary[], observationEnd: "2024-03-01" }, config));
    expect([f.code, f.path]).toEqual(["INVALID_TYPE", "input.summaries[1].channel"]);
    const d = thrown(() => scoreCustomers({ transactions: small, covariates: [{ customerId: 1, channel: 1 }, { customerId: 1, channel: 0 }], observationEnd: "2024-03-01" }, config));
    expect([d.code, d.path]).toEqual(["DUPLICATE_ID", "input.covariates[1].customerId"]);
  });

  it("transactions without a side table, and a side table without covariates configured", () => {
    const e = thrown(() => scoreCustomers({ transactions: small, observationEnd: "2024-03-01" }, config));
    expect([e.code, e.path]).toEqual(["INVALID_INPUT", "input.covariates"]);
    const f = thrown(() => scoreCustomers({ transactions: small, covariates: [], observationEnd: "2024-03-01" }, { ...OFF, clv: { spendModel: 10 } }));
    expect([f.code, f.path]).toEqual(["INVALID_INPUT", "input.covariates"]);
  });

  it("an unknown key, no field, intervals, and calibrationEnd", () => {
    const e = thrown(() => scoreCustomers({ transactions: small, observationEnd: "2024-03-01" }, { clv: { covariates: { purchase: ["a"], penalty: {} } as never } }));
    expect([e.code, e.path]).toEqual(["INVALID_CONFIG", "config.clv.covariates.penalty"]);
    const f = thrown(() => scoreCustomers({ transactions: small, observationEnd: "2024-03-01" }, { clv: { covariates: {} } }));
    expect([f.code, f.path]).toEqual(["INVALID_CONFIG", "config.clv.covariates"]);
    const g = thrown(() => scoreCustomers({ transactions: small, observationEnd: "2024-03-01" }, { clv: { covariates: { purchase: ["a"] }, intervals: {} } }));
    expect([g.code, g.path]).toEqual(["INVALID_CONFIG", "config.clv.intervals"]);
    const h = thrown(() => scoreCustomers({ transactions: small, observationEnd: "2024-03-01" }, { clv: { covariates: { purchase: [1] as never } } }));
    expect([h.code, h.path]).toEqual(["INVALID_CONFIG", "config.clv.covariates.purchase[0]"]);
    const k = thrown(() => scoreCustomers({ transactions: small, covariates: [{ customerId: 1, channel: 1 }, { customerId: 2, channel: 0 }], calibrationEnd: "2024-02-01", observationEnd: "2024-03-01" }, config));
    expect([k.code, k.path]).toEqual(["INVALID_INPUT", "input.calibrationEnd"]);
  });

  it("config.clv.covariates beside a given model whose coefficients name other fields (or none)", () => {
    const model = { model: "bg-nbd", params: { r: 1, alpha: 1, a: 1, b: 1 } } as const;
    const e = thrown(() => scoreCustomers({ transactions: small, observationEnd: "2024-03-01" }, { clv: { covariates: { purchase: ["channel"] }, transactionModel: model } }));
    expect([e.code, e.path]).toEqual(["INVALID_CONFIG", "config.clv.covariates"]);
    const withAge = { ...model, covariates: { purchase: { age: 0.1 } } };
    const f = thrown(() => scoreCustomers({ transactions: small, observationEnd: "2024-03-01" }, { clv: { covariates: { purchase: ["channel"] }, transactionModel: withAge as never } }));
    expect([f.code, f.path]).toEqual(["INVALID_CONFIG", "config.clv.covariates"]);
    // The same fields, as a result's config and model put back: scored with the model's covariates.
    const ok = scoreCustomers({ transactions: small, covariates: [{ customerId: 1, age: 0 }, { customerId: 2, age: 1 }], observationEnd: "2024-03-01" }, { ...OFF, clv: { covariates: { attrition: ["age"] }, transactionModel: withAge as never, spendModel: 10 } });
    expect(ok.customers.length).toBe(2);
  });

  it("in scorePatterns, whose patterns are histories shared by customers with different covariates", () => {
    const patterns = { histories: [{ frequency: 1, recency: 2, T: 3, customers: 1 }], spend: [] };
    const e = thrown(() => scorePatterns({ clv: { covariates: { purchase: ["channel"] }, spendModel: 10 } }, patterns as never));
    expect([e.code, e.path]).toEqual(["INVALID_CONFIG", "config.clv.covariates"]);
    const model = { model: "bg-nbd", params: { r: 1, alpha: 1, a: 1, b: 1 }, covariates: { purchase: { channel: 0.5 } } };
    const f = thrown(() => scorePatterns({ clv: { transactionModel: model as never, spendModel: 10 } }, patterns as never));
    expect([f.code, f.path]).toEqual(["INVALID_CONFIG", "config.clv.transactionModel.covariates"]);
  });
});

describe("scoreCustomers with a model fitted with covariates (property)", () => {
  const model = { model: "pareto-nbd", params: { r: 0.6, alpha: 9, s: 0.7, beta: 11 }, covariates: { purchase: { age: 0.2, channel: 0.5 }, attrition: { age: -0.1, channel: -0.4 } }, unit: "week" } as const;
  const rowArb = fc.record({ x: fc.integer({ min: 0, max: 12 }), tx: fc.integer({ min: 0, max: 50 }), extra: fc.integer({ min: 0, max: 30 }), age: fc.double({ min: -2, max: 2, noNaN: true }), channel: fc.constantFrom(0, 1), m: fc.double({ min: 1, max: 200, noNaN: true }) });

  it("gives each ready summary the numbers of customerLifetimeValue on its own covariates, in any row order", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 1000 }), (list, seed) => {
        const summaries = list.map((r, i) => {
          const recency = r.x === 0 ? 0 : r.tx;
          return { customerId: i, frequency: r.x, recency, T: recency + r.extra, monetaryValue: r.x === 0 ? 0 : r.m, transactionCount: r.x + 1, totalAmount: (r.x + 1) * r.m, firstAt: 0, lastAt: recency * 7 * 864e5, unit: "week" as const, age: r.age, channel: r.channel };
        });
        const config = { ...OFF, clv: { transactionModel: model, spendModel: 20 } };
        const r = scoreCustomers({ summaries, observationEnd: 1e11 }, config);
        const want = customerLifetimeValue(model, 20, summaries, { horizon: 12, discountRate: 0.01, unit: "week" });
        expect(r.customers.map((c) => [c.probabilityAlive, c.expectedPurchases, c.clv])).toEqual(want.map((w) => [w.probabilityAlive, w.expectedPurchases, w.clv]));
        // A side table in another order gives the same numbers.
        const table = summaries.map((s) => ({ customerId: s.customerId, age: s.age, channel: s.channel })).sort((a, b) => ((a.customerId * 7919 + seed) % 101) - ((b.customerId * 7919 + seed) % 101));
        const plain = summaries.map(({ age: _a, channel: _c, ...s }) => s);
        const t = scoreCustomers({ summaries: plain, covariates: table, observationEnd: 1e11 }, config);
        expect(t.customers).toEqual(r.customers);
      }),
    );
  });
});
