// Float edges: sums of amounts near the largest double, the order of rows, interpolation between values of
// opposite sign near the limits, huge weights in fits and churn rules.
import { describe, expect, it } from "vitest";
import {
  RetentionKitError,
  abcClassify,
  createSummaryAccumulator,
  detectChurnSignals,
  featureDropRule,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitShiftedBetaGeometric,
  historicalClv,
  quantileTiers,
  revenueRetention,
  rfmFromTransactions,
  rfmScores,
  satisfactionClass,
  summarizeColumns,
  summarizeTransactions,
  summaryTable,
} from "../../src/index.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const END = "2024-02-01";

function codeOf(run: () => unknown): [string, string | null, string] {
  try {
    run();
  } catch (e) {
    if (e instanceof RetentionKitError) return [e.code, e.path, e.message];
    throw e;
  }
  throw new Error("did not throw");
}

describe("a customer's amounts adding up past the largest double", () => {
  const huge = [
    { customerId: "a", at: T0, amount: 1.7e308 },
    { customerId: "a", at: T0 + DAY, amount: Number.MAX_VALUE },
    { customerId: "b", at: T0, amount: 5 },
  ];

  it("is OUT_OF_RANGE naming the customer in summarizeTransactions (was a total of Infinity)", () => {
    const [code, path, message] = codeOf(() => summarizeTransactions(huge, { observationEnd: END }));
    expect([code, path]).toEqual(["OUT_OF_RANGE", "transactions"]);
    expect(message).toMatch(/^summarizeTransactions: the amounts of customer "a" add up to more than the largest number/);
  });

  it("is OUT_OF_RANGE in summaryTable and summarizeColumns, from rows or columns", () => {
    const columns = { customerId: Int32Array.of(1, 1), at: Float64Array.of(T0, T0 + DAY), amount: Float64Array.of(1.7e308, 1.7e308) };
    expect(codeOf(() => summaryTable(huge, { observationEnd: END })).slice(0, 2)).toEqual(["OUT_OF_RANGE", "transactions"]);
    expect(codeOf(() => summaryTable(columns, { observationEnd: END })).slice(0, 2)).toEqual(["OUT_OF_RANGE", "columns.amount"]);
    expect(codeOf(() => summarizeColumns(columns, { observationEnd: END })).slice(0, 2)).toEqual(["OUT_OF_RANGE", "columns.amount"]);
  });

  it("is OUT_OF_RANGE when merged parts overflow together (each part alone is finite)", () => {
    const o = { observationEnd: END };
    const one = createSummaryAccumulator(o).add([{ customerId: "a", at: T0, amount: 1.7e308 }]);
    const two = createSummaryAccumulator(o).add([{ customerId: "a", at: T0 + DAY, amount: 1.7e308 }]);
    expect(two.finish()[0]!.totalAmount).toBe(1.7e308);
    const merged = one.merge(JSON.parse(JSON.stringify(two)));
    expect(codeOf(() => merged.finish())[0]).toBe("OUT_OF_RANGE");
  });

  it("is OUT_OF_RANGE in rfmFromTransactions", () => {
    expect(codeOf(() => rfmFromTransactions(huge, { asOf: END }))[0]).toBe("OUT_OF_RANGE");
  });

  it("stays exact just below the limit: 1.7e308 + 1e292 is 1.7000000000000001e308", () => {
    const rows = [{ customerId: 1, at: T0, amount: 1e292 }, { customerId: 1, at: T0 + 3 * DAY, amount: 1.7e308 }];
    expect(summarizeTransactions(rows, { observationEnd: END })[0]!.totalAmount).toBe(1.7000000000000001e308);
  });
});

describe("the order of rows", () => {
  // 0.1 + 0.2 + 0.3 is 0.6000000000000001 summed left to right and 0.6 right to left; the exact sum of the
  // three doubles rounds to 0.6.
  const rows = [0.1, 0.2, 0.3].map((amount, i) => ({ customerId: "a", at: T0 + i * DAY, amount }));
  const reversed = [...rows].reverse();

  it("does not change a summary's total or repeat spend (was 0.6000000000000001 in one order, 0.6 in the other)", () => {
    for (const input of [rows, reversed]) {
      const [s] = summarizeTransactions(input, { observationEnd: END });
      expect(s!.totalAmount).toBe(0.6);
      expect(s!.monetaryValue).toBe(0.25); // (0.6 − 0.1) / 2 repeat periods
      expect(summaryTable(input, { observationEnd: END }).totalAmount).toEqual([0.6]);
    }
  });

  it("does not change an accumulator's totals, whatever the split and merge order, through JSON", () => {
    const o = { observationEnd: END };
    const parts = rows.map((r) => JSON.parse(JSON.stringify(createSummaryAccumulator(o).add([r]))));
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0]]) {
      const acc = createSummaryAccumulator(o);
      for (const k of order) acc.merge(parts[k]);
      expect(acc.finish()[0]!.totalAmount).toBe(0.6);
      expect(acc.finish()[0]!.monetaryValue).toBe(0.25);
    }
  });

  it("keeps what a total cannot hold in the partial, so merged parts stay exact", () => {
    const o = { observationEnd: END };
    const a = createSummaryAccumulator(o).add([{ customerId: 1, at: T0, amount: 1e17 }]);
    const b = createSummaryAccumulator(o).add([{ customerId: 1, at: T0 + DAY, amount: 3.3 }, { customerId: 1, at: T0 + 2 * DAY, amount: 0.1 }]);
    const partial = b.toJSON();
    expect(partial.totalAmount).toEqual([3.4]);
    // the doubles 3.3 + 0.1 add up exactly to 3.4 − 8.326672684688674e-17 (checked with Python's fractions)
    expect(partial.totalAmountLow).toEqual([-8.326672684688674e-17]);
    const merged = a.merge(JSON.parse(JSON.stringify(partial))).finish()[0]!;
    // the exact 1e17 + 3.3 + 0.1 rounds to 1e17 (ulp 16), yet the repeat spend keeps its 3.4 over 2 periods
    // (a running sum less the first day's 1e17 gives 0)
    expect(merged.totalAmount).toBe(1e17);
    expect(merged.monetaryValue).toBe(1.7);
    const whole = summarizeTransactions([{ customerId: 1, at: T0 + 2 * DAY, amount: 0.1 }, { customerId: 1, at: T0, amount: 1e17 }, { customerId: 1, at: T0 + DAY, amount: 3.3 }], o)[0]!;
    expect(merged).toEqual(whole);
  });

  it("keeps exact parts when an accumulator's state changes layout (dense ids, then a string id)", () => {
    const o = { observationEnd: END };
    const amounts = [1e17, 3.3, 0.1, 2 ** -60, 7.77];
    const columns = { customerId: Int32Array.from(amounts, () => 1), at: Float64Array.from(amounts, (_, i) => T0 + i * DAY), amount: Float64Array.from(amounts) };
    const acc = createSummaryAccumulator(o).add(columns).add([{ customerId: "s", at: T0, amount: 1 }, { customerId: 1, at: T0 + 9 * DAY, amount: 0.3 }]);
    const rows = [...amounts.map((amount, i) => ({ customerId: 1 as number | string, at: T0 + i * DAY, amount })), { customerId: "s", at: T0, amount: 1 }, { customerId: 1, at: T0 + 9 * DAY, amount: 0.3 }];
    expect(acc.finish()).toEqual(summarizeTransactions(rows.reverse(), o));
    // exact sums checked with Python's fractions: 1e17 + 3.3 + 0.1 + 2^-60 + 7.77 + 0.3 rounds to 1e17 + 16
    // (ulp 16); the repeat spend, exactly 11.47… + 2^-60, rounds to 11.469999999999999, over 5 periods
    expect(acc.finish()[0]!.totalAmount).toBe(100000000000000020);
    expect(acc.finish()[0]!.monetaryValue).toBe(2.2939999999999996);
  });

  it("does not change revenue retention or historical CLV totals", () => {
    const start = [0.1, 0.2, 0.3].map((revenue, i) => ({ customerId: i, revenue }));
    for (const s of [start, [...start].reverse()]) {
      const r = revenueRetention(s, s);
      expect([r.startRevenue, r.endRevenue, r.nrr, r.grr]).toEqual([0.6, 0.6, 1, 1]);
    }
    for (const input of [rows, reversed]) expect(historicalClv(input)[0]!.revenue).toBe(0.6);
  });

  it("does not change the customers counted by a fit (weights 0.1, 0.2, 0.3)", () => {
    const fitRows = [0.1, 0.2, 0.3].map((weight, i) => ({ frequency: i, recency: i * 10, T: 40, weight }));
    expect(fitBgNbd(fitRows).customers).toBe(0.6);
    expect(fitBgNbd([...fitRows].reverse()).customers).toBe(0.6);
  });
});

describe("quantile edges between values of opposite sign near the limits", () => {
  it("puts −1.7e308 and 1.7e308 in different tiers (b − a overflowed: both were in one tier)", () => {
    const rows = [-1.7e308, 1.7e308].map((value, customerId) => ({ customerId, value }));
    expect(quantileTiers(rows).map((t) => t.tier)).toEqual(["low", "high"]);
    expect(quantileTiers(rows, { labels: ["low", "high"] }).map((t) => t.tier)).toEqual(["low", "high"]);
  });

  it("scores them apart in rfmScores (edges were ±Infinity out of order: both scored alike)", () => {
    const rows = [-1.7e308, 1.7e308].map((monetary, customerId) => ({ customerId, recency: 1, frequency: 1, monetary }));
    // edges −1.7e308, −1.02e308, −3.4e307, 3.4e307, 1.02e308, 1.7e308: the lowest in bin 1, the highest in bin 5
    expect(rfmScores(rows).map((s) => s.m)).toEqual([1, 5]);
  });
});

describe("sums and means over customers near the limits", () => {
  it("refuses ABC shares of values whose total overflows (were NaN)", () => {
    const rows = [1.7e308, 1.7e308].map((value, customerId) => ({ customerId, value }));
    expect(codeOf(() => abcClassify(rows)).slice(0, 2)).toEqual(["OUT_OF_RANGE", "customers"]);
  });

  it("takes a satisfaction mean and median of huge scores without overflow (was Infinity, read as high)", () => {
    const o = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE, lowBelow: -1e308, highFrom: 1.7e308 };
    expect(satisfactionClass([1.6e308, 1.6e308], { ...o, statistic: "mean" })).toBe("mid");
    expect(satisfactionClass([1.6e308, 1.65e308], { ...o, statistic: "median" })).toBe("mid");
  });
});

describe("weights beyond the bound in fits", () => {
  const rows = [{ frequency: 2, recency: 30, T: 40 }, { frequency: 0, recency: 0, T: 40 }, { frequency: 5, recency: 38, T: 40 }, { frequency: 1, recency: 10, T: 40, weight: 1e308 }];

  it("are OUT_OF_RANGE at the row whose weight passes the total (were NaN parameters and customers: Infinity)", () => {
    const [code, path, message] = codeOf(() => fitBgNbd(rows));
    expect([code, path]).toEqual(["OUT_OF_RANGE", "rows[3].weight"]);
    expect(message).toContain("9007199254740991");
    expect(codeOf(() => fitGammaGamma([{ frequency: 2, monetaryValue: 10 }, { frequency: 3, monetaryValue: 20, weight: 1e308 }])).slice(0, 2)).toEqual(["OUT_OF_RANGE", "rows[1].weight"]);
    expect(codeOf(() => fitBgBb([{ frequency: 2, recency: 4, n: 6 }, { frequency: 0, recency: 0, n: 6, weight: 1e308 }])).slice(0, 2)).toEqual(["OUT_OF_RANGE", "rows[1].weight"]);
    expect(codeOf(() => fitShiftedBetaGeometric([1e308, 6e307, 3e307])).slice(0, 2)).toEqual(["OUT_OF_RANGE", "survivors[0]"]);
    // a total passing the bound over several rows is refused where it passes it
    const many = rows.slice(0, 3).map((r) => ({ ...r, weight: 4e15 }));
    expect(codeOf(() => fitBgNbd(many)).slice(0, 2)).toEqual(["OUT_OF_RANGE", "rows[2].weight"]);
  });

  it("up to the bound, fit as the same customers divided by a common factor", () => {
    const a = fitBgNbd(rows.slice(0, 3).map((r) => ({ ...r, weight: 1e15 })));
    const b = fitBgNbd(rows.slice(0, 3));
    expect(a.customers).toBe(3e15);
    expect(a.params.r).toBeCloseTo(b.params.r, 4);
    expect(Number.isFinite(a.logLikelihood)).toBe(true);
  });
});

describe("featureDropRule with a huge advanced weight", () => {
  const asOf = Date.UTC(2024, 3, 1);
  const use = (feature: string, daysAgo: number) => ({ type: "feature", feature, at: asOf - daysAgo * DAY });

  it("gives the share of the weighted baseline dropped: one of two advanced features is 0.5 (was 0: no signal)", () => {
    const events = [use("api", 50), use("reports", 50), use("export", 50), use("reports", 5), use("export", 5)];
    const rule = featureDropRule({ advancedFeatures: ["api", "reports"], advancedWeight: 1e308 });
    const [r] = detectChurnSignals([{ customerId: 1, events }], { asOf, rules: [rule] });
    // (1e308) / (2e308 + 1): divided through by the weight, 1 / (2 + 1e-308) = 0.5
    expect(r!.signals.map((s) => s.severity)).toEqual([0.5]);
  });

  it("gives 1 when both advanced features are dropped (was NaN, refused as if the built-in rule were broken)", () => {
    const events = [use("api", 50), use("reports", 50), use("export", 50), use("export", 5)];
    const rule = featureDropRule({ advancedFeatures: ["api", "reports"], advancedWeight: Number.MAX_VALUE });
    const [r] = detectChurnSignals([{ customerId: 1, events }], { asOf, rules: [rule] });
    expect(r!.signals.map((s) => s.severity)).toEqual([1]);
  });

  it("weighs a subnormal advanced weight as almost nothing: the ordinary feature dropped is nearly all", () => {
    const events = [use("api", 50), use("export", 50), use("api", 5)];
    const rule = featureDropRule({ advancedFeatures: ["api"], advancedWeight: 5e-324 });
    const [r] = detectChurnSignals([{ customerId: 1, events }], { asOf, rules: [rule] });
    expect(r!.signals.map((s) => s.severity)).toEqual([1]); // 1 / (1 + 5e-324)
  });
});
