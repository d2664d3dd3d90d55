import { describe, expect, it } from "vitest";
import {
  conditionalProbabilityOfPurchases, discountedExpectedTransactions, expectedCumulativeTransactions, expectedPurchases, trackingTable,
} from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const bg = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const pn = { model: "pareto-nbd", params: { r: 0.5629966, alpha: 12.559037, s: 0.4081095, beta: 10.5148048 } } as const;
const bb = { model: "bg-bb", params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } } as const;
const c = { frequency: 2, recency: 30.43, T: 38.86 };

describe("expectedCumulativeTransactions", () => {
  it("adds each customer's E[X(t − birth)] for those born before t", () => {
    const e = expectedCumulativeTransactions(bg, [0, 0, 2], [1, 2, 52]);
    expect(e[0]).toBe(2 * expectedPurchases(bg, 1));
    expect(e[1]).toBe(2 * expectedPurchases(bg, 2));
    expect(e[2]).toBeCloseTo(2 * expectedPurchases(bg, 52) + expectedPurchases(bg, 50), 12);
  });

  it("gives 0 at and before the first birth, and [] for no times", () => {
    expect(expectedCumulativeTransactions(bg, [3, 5], [0, 3, 2])).toEqual([0, 0, 0]);
    expect(expectedCumulativeTransactions(bg, [], [10])).toEqual([0]);
    expect(expectedCumulativeTransactions(bg, [1], [])).toEqual([]);
  });

  it("counts BG/BB births and times in whole opportunities", () => {
    expect(expectedCumulativeTransactions(bb, [0, 1], [3])).toEqual([expectedPurchases(bb, 3) + expectedPurchases(bb, 2)]);
    expect(codeAndPath(() => expectedCumulativeTransactions(bb, [0.5], [3]))).toEqual(["NOT_INTEGER", "births[0]"]);
  });

  it("refuses bad births and times with their index", () => {
    expect(codeAndPath(() => expectedCumulativeTransactions(bg, [0, -1], [3]))).toEqual(["NEGATIVE_VALUE", "births[1]"]);
    expect(codeAndPath(() => expectedCumulativeTransactions(bg, [0], [3, Number.NaN]))).toEqual(["INVALID_NUMBER", "times[1]"]);
    expect(codeAndPath(() => expectedCumulativeTransactions(bg, [0], [1e16]))).toEqual(["OUT_OF_RANGE", "times[0]"]);
    expect(codeAndPath(() => expectedCumulativeTransactions(bg, "0" as never, [1]))).toEqual(["INVALID_TYPE", "births"]);
  });

  it("leaves its inputs as they were", () => {
    const births = Object.freeze([5, 1, 3]);
    const times = Object.freeze([10, 2]);
    expectedCumulativeTransactions(bg, births, times);
    expect(births).toEqual([5, 1, 3]);
  });
});

describe("trackingTable", () => {
  const rows = [
    { customerId: 1, at: "2024-01-01" }, { customerId: 1, at: "2024-01-09" }, { customerId: 1, at: "2024-01-09T18:00:00Z" },
    { customerId: 2, at: "2024-01-03" }, { customerId: 1, at: "2024-01-20" }, { customerId: 3, at: "2024-01-16" },
  ];
  it("counts repeat purchase days per week from the cohort's first day and marks the calibration weeks", () => {
    // Customer 3 first buys after the calibration end: not in the cohort. Customer 1's two rows of Jan 9 are one purchase day.
    const t = trackingTable(rows, { ...bg, unit: "week" }, { calibrationEnd: "2024-01-14", observationEnd: "2024-01-21" });
    expect(t.map((r) => [r.period, r.calibration, r.actual, r.cumulativeActual])).toEqual([[1, true, 0, 0], [2, true, 1, 1], [3, false, 1, 2]]);
    // Births at 0 and 2/7 weeks.
    const e = expectedCumulativeTransactions(bg, [0, 2 / 7], [1, 2, 3]);
    t.forEach((r, k) => expect(Math.abs(r.cumulativeExpected - e[k]!) / e[k]!).toBeLessThan(1e-13));
    expect(t[1]!.expected).toBe(t[1]!.cumulativeExpected - t[0]!.cumulativeExpected);
    expect(t[0]!.start).toBe(Date.UTC(2024, 0, 1));
    expect(t[2]!.end).toBe(Date.UTC(2024, 0, 22));
  });

  it("ends with a shorter period at the observation end's day and works in days", () => {
    const t = trackingTable(rows, { ...bg, unit: "day" }, { calibrationEnd: "2024-01-14", observationEnd: "2024-01-18", period: "week" });
    expect(t.map((r) => r.time)).toEqual([7, 14, 18]);
    const d = trackingTable(rows, bg, { calibrationEnd: "2024-01-14", observationEnd: "2024-01-21", period: "day" });
    expect(d).toHaveLength(21);
    expect(d.filter((r) => r.calibration)).toHaveLength(14);
    expect(d[8]!.actual).toBe(1);
  });

  it("refuses tables spanning more than 10 000 days, and is quick at 10 years of days", () => {
    const far = [{ customerId: 1, at: "1800-01-01" }, { customerId: 1, at: "2024-01-02" }];
    expect(codeAndPath(() => trackingTable(far, bg, { calibrationEnd: "2024-01-14", observationEnd: "2024-01-21", period: "day" }))).toEqual(["OUT_OF_RANGE", "options.observationEnd"]);
    // 365 first-purchase days × 3 653 daily periods: one E[X] per whole-day age.
    const many = Array.from({ length: 365 }, (_, i) => ({ customerId: i, at: Date.UTC(2014, 0, 1) + i * 86_400_000 }));
    const t0 = performance.now();
    const t = trackingTable(many, bg, { calibrationEnd: "2015-01-01", observationEnd: "2023-12-31", period: "day" });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(t).toHaveLength(3_652);
    const direct = expectedCumulativeTransactions(bg, many.map((_, i) => i / 7), [3_652 / 7])[0]!;
    expect(Math.abs(t[3_651]!.cumulativeExpected - direct) / direct).toBeLessThan(1e-12);
  });

  it("gives the same table for any order of the rows", () => {
    const o = { calibrationEnd: "2024-01-14", observationEnd: "2024-01-21" };
    expect(trackingTable([...rows].reverse(), bg, o)).toEqual(trackingTable(rows, bg, o));
  });

  it("refuses BG/BB, a unit other than the model's, reversed dates and unknown options", () => {
    const o = { calibrationEnd: "2024-01-14", observationEnd: "2024-01-21" };
    expect(codeAndPath(() => trackingTable(rows, bb, o))).toEqual(["INVALID_MODEL", "model.model"]);
    expect(codeAndPath(() => trackingTable(rows, { ...bg, unit: "week" }, { ...o, unit: "day" }))).toEqual(["UNIT_MISMATCH", "options.unit"]);
    expect(codeAndPath(() => trackingTable(rows, bg, { calibrationEnd: "2024-01-22", observationEnd: "2024-01-21" }))).toEqual(["INVALID_RANGE", "options.calibrationEnd"]);
    expect(codeAndPath(() => trackingTable(rows, bg, { ...o, periods: "week" } as never))).toEqual(["UNKNOWN_OPTION", "options.periods"]);
    expect(codeAndPath(() => trackingTable(rows, bg, { observationEnd: "2024-01-21" } as never))).toEqual(["INVALID_OPTION", "options.calibrationEnd"]);
  });
});

describe("discountedExpectedTransactions", () => {
  it("needs the rate of the model's clock and names the right one", () => {
    expect(codeAndPath(() => discountedExpectedTransactions(pn, c, { discountRate: 0.1 }))).toEqual(["INVALID_OPTION", "options.discountRate"]);
    expect(codeAndPath(() => discountedExpectedTransactions(bb, { frequency: 3, recency: 4, n: 6 }, { continuousDiscountRate: 0.1 }))).toEqual(["INVALID_OPTION", "options.continuousDiscountRate"]);
    expect(codeAndPath(() => discountedExpectedTransactions(pn, c, { continuousDiscountRate: 0.1, discountRate: 0.1 } as never))).toEqual(["INVALID_OPTION", "options"]);
    expect(codeAndPath(() => discountedExpectedTransactions(pn, c, undefined as never))).toEqual(["INVALID_OPTION", "options"]);
    expect(codeAndPath(() => discountedExpectedTransactions(pn, c, { continuousDiscountRate: 0 }))).toEqual(["OUT_OF_RANGE", "options.continuousDiscountRate"]);
    expect(codeAndPath(() => discountedExpectedTransactions(bb, { frequency: 3, recency: 4, n: 6 }, { discountRate: 0 }))).toEqual(["OUT_OF_RANGE", "options.discountRate"]);
    expect(codeAndPath(() => discountedExpectedTransactions(bb, { frequency: 3, recency: 4, n: 6 }, { discountRate: 10 }))).toEqual(["OUT_OF_RANGE", "options.discountRate"]);
    expect(codeAndPath(() => discountedExpectedTransactions(pn, c, { continuousDiscountrate: 0.1 } as never))).toEqual(["UNKNOWN_OPTION", "options.continuousDiscountrate"]);
    expect(codeAndPath(() => discountedExpectedTransactions(pn, { frequency: 0, recency: 1, T: 5 }, { continuousDiscountRate: 0.1 }))).toEqual(["INCONSISTENT_COUNTS", "customer.recency"]);
  });

  it("gives a customer who has surely left (P(alive) ≈ 0) almost nothing, and a new BG/BB customer's DERT by hand", () => {
    expect(discountedExpectedTransactions(bg, { frequency: 40, recency: 1, T: 300 }, { continuousDiscountRate: 0.01 })).toBeLessThan(1e-10);
    // x = 0, n = 0: P(alive) = 1, E[p] = α/(α+β), Σ_k E[(1−θ)^k]/(1+d)^k by the series.
    let s = 0;
    let term = 1;
    for (let k = 1; k < 2000; k++) {
      term *= (2.78 + k - 1) / (0.66 + 2.78 + k - 1) / 1.1;
      s += term;
    }
    const v = discountedExpectedTransactions(bb, { frequency: 0, recency: 0, n: 0 }, { discountRate: 0.1 });
    expect(Math.abs(v - (1.2 / 1.95) * s) / v).toBeLessThan(1e-12);
  });
});

describe("conditionalProbabilityOfPurchases", () => {
  it("is P(alive)·posterior pmf + (1 − P(alive))·[n = 0]: a new BG/NBD customer's pmf at T = 0", () => {
    // x = 0, T = 0: P(alive) = 1 and the posterior is the prior, so this is the new-customer pmf of FHL eq. 8.
    const q = 4.414 / (4.414 + 10);
    const p0 = q ** 0.243; // NBD(0): no purchase while alive, and no dropout without a purchase
    expect(conditionalProbabilityOfPurchases(bg, { frequency: 0, recency: 0, T: 0 }, 0, 10)).toBeCloseTo(p0, 14);
  });

  it("refuses counts and horizons out of range", () => {
    expect(codeAndPath(() => conditionalProbabilityOfPurchases(bg, c, 1.5, 10))).toEqual(["NOT_INTEGER", "n"]);
    expect(codeAndPath(() => conditionalProbabilityOfPurchases(bg, c, 2e6, 10))).toEqual(["OUT_OF_RANGE", "n"]);
    expect(codeAndPath(() => conditionalProbabilityOfPurchases(bg, c, 1, -1))).toEqual(["NEGATIVE_VALUE", "t"]);
    expect(codeAndPath(() => conditionalProbabilityOfPurchases(bb, { frequency: 3, recency: 4, n: 6 }, 1, 2.5))).toEqual(["NOT_INTEGER", "t"]);
    expect(codeAndPath(() => conditionalProbabilityOfPurchases(bg, { frequency: 2, recency: 40, T: 38 }, 1, 2))).toEqual(["INCONSISTENT_COUNTS", "customer.recency"]);
  });
});
