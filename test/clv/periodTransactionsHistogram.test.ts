import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fitBgNbd, periodTransactionsHistogram, probabilityOfPurchases, summarizeTransactions, type TransactionModel } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";
import { cdnowSummary, rel } from "./cdnowFixtures.js";

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), "utf8");
const REFERENCE = JSON.parse(fixture("diagnostics/reference-lifetimes.json"));
const BTYD = JSON.parse(fixture("diagnostics/reference-btyd.json"));

describe("periodTransactionsHistogram", () => {
  // r = α = 1: P(X(T) = 0) = (α/(α+T))^r = 1/(1+T), whatever a and b — 1/2 at T = 1, 1/4 at T = 3.
  const unitModel = { model: "bg-nbd", params: { r: 1, alpha: 1, a: 1, b: 2 } } as const;
  const handRows = [
    { frequency: 0, recency: 0, T: 1, weight: 10 },
    { frequency: 3, recency: 0.5, T: 1, weight: 10 },
    { frequency: 1, recency: 2, T: 3, weight: 10 },
    { frequency: 0, recency: 0, T: 3, weight: 40 },
  ];

  it("sums each customer's own P(X(T_i) = x), pools and tests by hand", () => {
    const h = periodTransactionsHistogram(unitModel, handRows, { maxFrequency: 1, fittedParameters: 0 });
    // bin 0: 20·1/2 + 50·1/4 = 22.5 expected against 50; "1 or more": 20·1/2 + 50·3/4 = 47.5 against 20.
    expect(h.customers).toBe(70);
    expect(h.bins).toEqual([
      { frequency: 0, andAbove: false, actual: 50, expected: 22.5 },
      { frequency: 1, andAbove: true, actual: 20, expected: 47.5 },
    ]);
    expect(h.pooledBins).toEqual([
      { from: 0, to: 0, andAbove: false, actual: 50, expected: 22.5 },
      { from: 1, to: 1, andAbove: true, actual: 20, expected: 47.5 },
    ]);
    // 27.5²/22.5 + 27.5²/47.5 = 49.53216374269006, df = 2 − 1 − 0, p = erfc(√(χ²/2)) (mpmath, 30 digits).
    expect(rel(h.chiSquare, 49.53216374269006)).toBeLessThan(1e-15);
    expect(h.df).toBe(1);
    expect(rel(h.pValue!, 1.9514599465044046e-12)).toBeLessThan(1e-12);
  });

  it("uses each customer's age, not the mean age", () => {
    // At the mean age T = 2.43 the zero bin would expect 70/3.43 = 20.4, not 22.5.
    const h = periodTransactionsHistogram(unitModel, handRows, { maxFrequency: 1 });
    expect(h.bins[0]!.expected).toBe(22.5);
  });

  it("pools bins until each group expects 5 customers, the short tail joining the last group", () => {
    // At T = 1 the unit model's counts are geometric while alive: P(0) = 1/2, P(1) = B(1,3)/B(1,2)·1/4 +
    // B(2,2)/B(1,2)·1/2 = 1/3, so 42 customers expect 21, 14, then 4.375 + 1.575 (≥ 5: bins 2-3) and a tail
    // 0.6125 + 0.25 + 0.1875 = 1.05 that joins it: groups {0}, {1}, {2..6+} expecting 21, 14, 7.
    const rows = [
      { frequency: 0, recency: 0, T: 1, weight: 30 },
      { frequency: 1, recency: 1, T: 1, weight: 10 },
      { frequency: 5, recency: 1, T: 1, weight: 2 },
    ];
    const h = periodTransactionsHistogram(unitModel, rows, { maxFrequency: 6, fittedParameters: 0 });
    const expected = [21, 14, 4.375, 1.575, 0.6125, 0.25, 0.1875];
    h.bins.forEach((b, x) => expect(b.expected).toBeCloseTo(expected[x]!, 12));
    expect(h.pooledBins.map((g) => [g.from, g.to, g.andAbove, g.actual])).toEqual([[0, 0, false, 30], [1, 1, false, 10], [2, 6, true, 2]]);
    expect(h.pooledBins[2]!.expected).toBeCloseTo(7, 12);
    // 9²/21 + 4²/14 + 5²/7 = 60/7 on 3 − 1 groups: p = e^(−30/7).
    expect(h.chiSquare).toBeCloseTo(60 / 7, 12);
    expect(h.df).toBe(2);
    expect(rel(h.pValue!, Math.exp(-30 / 7))).toBeLessThan(1e-12);
  });

  it("has one group, χ² 0 and no p-value when fewer than 5 customers are expected, or no customers at all", () => {
    const few = periodTransactionsHistogram(unitModel, [{ frequency: 2, recency: 1, T: 1 }]);
    expect([few.pooledBins.length, few.chiSquare, few.df, few.pValue]).toEqual([1, 0, -4, null]);
    const none = periodTransactionsHistogram(unitModel, []);
    expect(none.customers).toBe(0);
    expect(none.bins.map((b) => [b.actual, b.expected])).toEqual(Array.from({ length: 8 }, () => [0, 0]));
    expect([none.chiSquare, none.pValue]).toEqual([0, null]);
  });

  it("agrees with lifetimes' probability_of_n_purchases_up_to_time summed per customer on CDNOW (1e-9)", () => {
    const rows = cdnowSummary();
    for (const name of ["bg-nbd", "mbg-nbd", "pareto-nbd"] as const) {
      const ref = REFERENCE.histogram[name];
      const h = periodTransactionsHistogram({ model: name, params: ref.params } as TransactionModel, rows);
      expect(h.customers).toBe(2357);
      expect(h.bins.map((b) => b.actual)).toEqual(ref.actual);
      h.bins.forEach((b, x) => expect(rel(b.expected, ref.expected[x])).toBeLessThan(1e-9));
      expect(h.df).toBe(3); // 8 bins, each expecting ≥ 5, less 1 and 4 parameters
    }
  });

  it("agrees with R BTYD's bgnbd.pmf / pnbd.pmf summed per customer on CDNOW, and bgbb.pmf on the donations (1e-9)", () => {
    const cdnow = cdnowSummary();
    const donations = fixture("donations/donations.csv").trim().split("\n").slice(1).map((l) => {
      const [frequency, recency, n, weight] = l.split(",").map(Number) as [number, number, number, number];
      return { frequency, recency, n, weight };
    });
    const cases = [["bgnbd", "bg-nbd", cdnow], ["pnbd", "pareto-nbd", cdnow], ["bgbb", "bg-bb", donations]] as const;
    for (const [key, name, rows] of cases) {
      const ref = BTYD[key];
      const h = periodTransactionsHistogram({ model: name, params: ref.params } as TransactionModel, rows, { maxFrequency: ref.maxFrequency });
      expect(h.bins.map((b) => b.actual)).toEqual(ref.actual);
      h.bins.forEach((b, x) => expect(rel(b.expected, ref.expected[x])).toBeLessThan(1e-9));
    }
  });

  it("reads BG/BB customers by opportunities", () => {
    const m = { model: "bg-bb", params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } } as const;
    const h = periodTransactionsHistogram(m, [{ frequency: 0, recency: 0, n: 6, weight: 3 }, { frequency: 3, recency: 4, n: 6 }], { maxFrequency: 3 });
    expect(h.bins.map((b) => b.actual)).toEqual([3, 0, 0, 1]);
    for (let x = 0; x < 3; x++) expect(h.bins[x]!.expected).toBeCloseTo(4 * probabilityOfPurchases(m, x, 6), 13);
    expect(h.bins.reduce((s, b) => s + b.expected, 0)).toBeCloseTo(4, 12);
  });

  it("carries the model's unit and refuses rows in another unit", () => {
    const tx = [
      { customerId: "a", at: "2024-01-01" }, { customerId: "a", at: "2024-01-15" }, { customerId: "b", at: "2024-01-10" },
    ];
    const weeks = summarizeTransactions(tx, { observationEnd: "2024-03-31", unit: "week" });
    const days = summarizeTransactions(tx, { observationEnd: "2024-03-31", unit: "day" });
    const model = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, unit: "week" } as const;
    expect(periodTransactionsHistogram(model, weeks).unit).toBe("week");
    expect(codeAndPath(() => periodTransactionsHistogram(model, days))).toEqual(["UNIT_MISMATCH", "rows[0].unit"]);
    expect("unit" in periodTransactionsHistogram(unitModel, weeks)).toBe(false);
  });

  it("refuses bad input with coded errors", () => {
    const m = unitModel;
    const ok = [{ frequency: 1, recency: 1, T: 2 }];
    expect(codeAndPath(() => periodTransactionsHistogram({ model: "nope", params: {} } as never, ok))).toEqual(["INVALID_MODEL", "model.model"]);
    expect(codeAndPath(() => periodTransactionsHistogram(m, [{ frequency: 1, recency: 3, T: 2 }]))).toEqual(["INCONSISTENT_COUNTS", "rows[0].recency"]);
    expect(codeAndPath(() => periodTransactionsHistogram(m, [...ok, { frequency: 0.5, recency: 0, T: 2 }]))).toEqual(["NOT_INTEGER", "rows[1].frequency"]);
    expect(codeAndPath(() => periodTransactionsHistogram(m, [{ ...ok[0], weight: -1 }]))).toEqual(["NEGATIVE_VALUE", "rows[0].weight"]);
    expect(codeAndPath(() => periodTransactionsHistogram(m, [{ ...ok[0], weight: 8e15 }, { ...ok[0], weight: 8e15 }]))).toEqual(["OUT_OF_RANGE", "rows[1].weight"]);
    expect(codeAndPath(() => periodTransactionsHistogram(m, ok, { maxFrequency: 0 }))).toEqual(["OUT_OF_RANGE", "options.maxFrequency"]);
    expect(codeAndPath(() => periodTransactionsHistogram(m, ok, { maxFrequency: 101 }))).toEqual(["OUT_OF_RANGE", "options.maxFrequency"]);
    expect(codeAndPath(() => periodTransactionsHistogram(m, ok, { maxFrequency: 2.5 }))).toEqual(["NOT_INTEGER", "options.maxFrequency"]);
    expect(codeAndPath(() => periodTransactionsHistogram(m, ok, { fittedParameters: -1 }))).toEqual(["OUT_OF_RANGE", "options.fittedParameters"]);
    expect(codeAndPath(() => periodTransactionsHistogram(m, ok, { maxFreq: 3 } as never))).toEqual(["UNKNOWN_OPTION", "options.maxFreq"]);
    expect(codeAndPath(() => periodTransactionsHistogram(m, 3 as never))).toEqual(["INVALID_TYPE", "rows"]);
  });

  it("reads each field of a row once", () => {
    const reads: Record<string, number> = {};
    const row = {};
    for (const [k, v] of Object.entries({ frequency: 2, recency: 1, T: 3, weight: 2, unit: undefined })) {
      Object.defineProperty(row, k, { enumerable: true, get: () => ((reads[k] = (reads[k] ?? 0) + 1), v) });
    }
    periodTransactionsHistogram(unitModel, [row]);
    expect(reads).toEqual({ frequency: 1, recency: 1, T: 1, weight: 1, unit: 1 });
  });

  it("checks a fitted model on CDNOW: 4 parameters off the degrees of freedom", () => {
    const rows = cdnowSummary();
    const h = periodTransactionsHistogram(fitBgNbd(rows), rows);
    expect(h.fittedParameters).toBe(4);
    expect(h.pValue!).toBeGreaterThan(0.05);
  });
});
