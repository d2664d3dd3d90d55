import { describe, expect, it } from "vitest";
import { logRankTest } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

// Six customers, two groups: a at 1, 3, 5+; b at 2+, 4, 6.
const six = [[1, true, "a"], [2, false, "b"], [3, true, "a"], [4, true, "b"], [5, false, "a"], [6, true, "b"]] as const;
const rows = six.map(([duration, event, group]) => ({ duration, event, group }));

describe("logRankTest", () => {
  it("computes observed, expected, variance and χ² by hand (R survdiff: χ² 0.615385)", () => {
    // E_a = 3/6 + 2/4 + 1/3 = 4/3; V = 1/4 + 1/4 + 2/9 = 13/18; χ² = (2 − 4/3)² / (13/18) = 8/13
    const t = logRankTest(rows);
    expect(t.groups.map((g) => [g.group, g.n, g.observed])).toEqual([["a", 3, 2], ["b", 3, 2]]);
    expect(t.groups[0]!.expected).toBeCloseTo(4 / 3, 14);
    expect(t.groups[1]!.expected).toBeCloseTo(8 / 3, 14);
    expect(t.groups[0]!.variance).toBeCloseTo(13 / 18, 14);
    expect(t.chiSquare).toBeCloseTo(8 / 13, 14);
    expect(t.df).toBe(1);
    // P(χ²₁ > 8/13) = erfc(√(4/13)): R pchisq(8/13, 1, lower = FALSE) = 0.432767580667785
    expect(Math.abs(t.pValue! / 0.432767580667785 - 1)).toBeLessThan(1e-12);
    expect([t.rho, t.strata]).toEqual([0, 1]);
  });

  it("weights by the pooled Kaplan–Meier S(t−)^rho", () => {
    // rho = 1: weights 1 at t = 1, S(3−) = 5/6, S(4−) = 5/8; O_a = 1 + 5/6; E_a = 1/2 + (5/6)/2 + (5/8)/3
    const t = logRankTest(rows, { rho: 1 });
    expect(t.groups[0]!.observed).toBeCloseTo(1 + 5 / 6, 14);
    expect(t.groups[0]!.expected).toBeCloseTo(0.5 + 5 / 12 + 5 / 24, 14);
    const v = 1 / 4 + (25 / 36) / 4 + (25 / 64) * (2 / 9);
    expect(t.groups[0]!.variance).toBeCloseTo(v, 14);
    expect(t.chiSquare).toBeCloseTo((1 + 5 / 6 - (0.5 + 5 / 12 + 5 / 24)) ** 2 / v, 13);
  });

  it("sums observed, expected and variance over strata", () => {
    const strat = rows.map((r, i) => ({ ...r, site: i < 3 ? "x" : "y" }));
    const t = logRankTest(strat, { strata: "site" });
    const x = logRankTest(strat.slice(0, 3));
    const y = logRankTest(strat.slice(3));
    expect(t.strata).toBe(2);
    t.groups.forEach((g, i) => {
      expect(g.observed).toBeCloseTo(x.groups[i]!.observed + y.groups[i]!.observed, 14);
      expect(g.expected).toBeCloseTo(x.groups[i]!.expected + y.groups[i]!.expected, 14);
      expect(g.variance).toBeCloseTo(x.groups[i]!.variance + y.groups[i]!.variance, 14);
    });
  });

  it("orders numeric groups before strings and keeps 1 and \"1\" apart", () => {
    const t = logRankTest([{ duration: 1, event: true, group: "1" }, { duration: 2, event: true, group: 1 }, { duration: 3, event: false, group: 0 }]);
    expect(t.groups.map((g) => g.group)).toEqual([0, 1, "1"]);
    expect(t.df).toBe(2);
  });

  it("gives df 0 and a null p-value when fewer than two groups can be compared", () => {
    expect(logRankTest([])).toEqual({ chiSquare: 0, df: 0, pValue: null, rho: 0, strata: 0, groups: [] });
    const one = logRankTest([{ duration: 1, event: true, group: "a" }, { duration: 2, event: false, group: "a" }]);
    expect([one.chiSquare, one.df, one.pValue]).toEqual([0, 0, null]);
    // everyone at risk has the event at once: E > 0 in both groups, but V = 0 (R's survdiff: "singular")
    const all = logRankTest([{ duration: 1, event: true, group: "a" }, { duration: 1, event: true, group: "b" }]);
    expect(all.groups.map((g) => [g.observed, g.expected, g.variance])).toEqual([[1, 1, 0], [1, 1, 0]]);
    expect([all.chiSquare, all.df, all.pValue]).toEqual([0, 0, null]);
  });

  it("uses a generalized inverse where the variance matrix is singular", () => {
    // group c is censored before any event: E_c = 0, it is left out as in R; a and b are compared
    const t = logRankTest([...rows, { duration: 0.5, event: false, group: "c" }]);
    expect(t.df).toBe(1);
    expect(t.chiSquare).toBeGreaterThan(0);
  });

  it("refuses bad rows and options with coded errors and paths", () => {
    expect(codeAndPath(() => logRankTest([{ duration: 1, event: true, group: null as never }]))).toEqual(["INVALID_TYPE", "observations[0].group"]);
    expect(codeAndPath(() => logRankTest([{ duration: 1, event: true, group: Number.NaN }]))).toEqual(["INVALID_NUMBER", "observations[0].group"]);
    expect(codeAndPath(() => logRankTest([{ duration: -1, event: true, group: 1 }]))).toEqual(["NEGATIVE_DURATION", "observations[0].duration"]);
    expect(codeAndPath(() => logRankTest(rows, { rho: -1 }))).toEqual(["OUT_OF_RANGE", "options.rho"]);
    expect(codeAndPath(() => logRankTest(rows, { strata: "group" }))).toEqual(["INVALID_OPTION", "options.strata"]);
    expect(codeAndPath(() => logRankTest(rows, { strata: "site" }))).toEqual(["INVALID_TYPE", "observations[0].site"]);
    expect(codeAndPath(() => logRankTest(rows, { weights: 1 } as never))).toEqual(["UNKNOWN_OPTION", "options.weights"]);
    const many = Array.from({ length: 201 }, (_, i) => ({ duration: i, event: true, group: i }));
    expect(codeAndPath(() => logRankTest(many))).toEqual(["INVALID_INPUT", "observations[200].group"]);
  });

  it("reads each field once and does not mutate its input", () => {
    let reads = 0;
    const row = { duration: 2, event: true, get group() { reads++; return reads === 1 ? "a" : "zzz"; } };
    const t = logRankTest([row, { duration: 1, event: true, group: "b" }]);
    expect(reads).toBe(1);
    expect(t.groups.map((g) => g.group)).toEqual(["a", "b"]);
    const frozen = Object.freeze(rows.map((r) => Object.freeze({ ...r })));
    expect(logRankTest(frozen)).toEqual(logRankTest(rows));
  });
});
