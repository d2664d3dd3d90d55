// Regressions found by the reliability contract (test/contract): each input once broke the contract.
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, expectedPurchases, fitBgBb, fitBgNbd, fitGammaGamma, fitParetoNbd, fitShiftedBetaGeometric, probabilityOfPurchases, probabilityAlive, retentionCurve } from "../../src/index.js";
import { codeOf } from "../contract/check.js";

describe("CLV predictions at the edges of the parameter space", () => {
  it("refuses beta = 5e-324, which gave NaN (the last quadrature nodes mapped to a dropout time of ∞)", () => {
    const model = { model: "pareto-nbd", params: { r: 1.22, alpha: 2.32, s: 0.01, beta: 5e-324 } } as const;
    expect(codeOf(() => probabilityOfPurchases(model, 1, 200))).toBe("INVALID_PARAMETER model.params.beta");
  });

  it("gives finite Pareto/NBD purchase probabilities that sum to 1 when beta is at the bottom of its range", () => {
    const model = { model: "pareto-nbd", params: { r: 1.22, alpha: 2.32, s: 0.01, beta: 1e-12 } } as const;
    const ps = [0, 1, 2, 3, 4, 5, 6].map((n) => probabilityOfPurchases(model, n, 200));
    for (const p of ps) expect(p >= 0 && p <= 1).toBe(true);
    expect(ps[1]).toBeGreaterThan(0);
    // Most customers drop out near τ = 0 (mass at n = 0); the (β/(β+t))^s ≈ 0.73 who survive buy ~100 times.
    const head = ps.reduce((a, b) => a + b, 0);
    expect(head).toBeGreaterThan(0);
    expect(head).toBeLessThanOrEqual(1);
  });
});

describe("fitter iteration limits", () => {
  // With maxIterations 1e308 this BG/BB fit (γ and δ running off to ∞) crept on for 151 420 iterations (35 s).
  const rows = [{ frequency: 1, recency: 5, n: 9 }, { frequency: 4, recency: 4, n: 6 }];

  it("refuses an iteration limit above 10 000 or not whole, in every fitter", () => {
    const rf = [{ frequency: 1, recency: 2, T: 5 }];
    for (const maxIterations of [1e308, 2 ** 53 + 2, 10_001]) {
      expect(codeOf(() => fitBgBb(rows, { maxIterations }))).toBe("OUT_OF_RANGE options.maxIterations");
      expect(codeOf(() => fitBgNbd(rf, { maxIterations }))).toBe("OUT_OF_RANGE options.maxIterations");
      expect(codeOf(() => fitParetoNbd(rf, { maxIterations }))).toBe("OUT_OF_RANGE options.maxIterations");
      expect(codeOf(() => fitGammaGamma([{ frequency: 2, monetaryValue: 10 }], { maxIterations }))).toBe("OUT_OF_RANGE options.maxIterations");
      expect(codeOf(() => fitShiftedBetaGeometric([100, 60, 40], { maxIterations }))).toBe("OUT_OF_RANGE options.maxIterations");
    }
    expect(codeOf(() => fitBgBb(rows, { maxIterations: 0.5 }))).toBe("NOT_INTEGER options.maxIterations");
  });

  it("reports a run-off BG/BB fit as not converged within the default limit", () => {
    const fit = fitBgBb(rows);
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBeLessThanOrEqual(1000);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });
});

describe("prediction horizons and counts are bounded", () => {
  const bgnbd = { model: "bg-nbd", params: { r: 20, alpha: 0.01, a: 0.01, b: 20 } } as const;
  const bgbb = { model: "bg-bb", params: { alpha: 3.8, beta: 0.11, gamma: 0.02, delta: 1.78 } } as const;

  it("refuses a horizon beyond 1e15 time units instead of returning Infinity", () => {
    // E[X(1e308)] overflowed the hypergeometric series to Infinity.
    expect(codeOf(() => expectedPurchases(bgnbd, 1e308))).toBe("OUT_OF_RANGE t");
    expect(Number.isFinite(expectedPurchases(bgnbd, 1e15))).toBe(true);
  });

  it("refuses more than 100 000 BG/BB opportunities instead of returning NaN or looping for ever", () => {
    // n* = 1e308 gave ∞ − ∞ = NaN in the closed form; n = 1e308 looped over every opportunity.
    expect(codeOf(() => conditionalExpectedPurchases(bgbb, { frequency: 4, recency: 4, n: 11 }, 1e308))).toBe("OUT_OF_RANGE t");
    expect(codeOf(() => probabilityAlive(bgbb, { frequency: 4, recency: 4, n: 1e308 }))).toBe("OUT_OF_RANGE customer.n");
    expect(codeOf(() => fitBgBb([{ frequency: 1, recency: 1, n: 2 ** 53 }]))).toBe("OUT_OF_RANGE rows[0].n");
    expect(Number.isFinite(conditionalExpectedPurchases(bgbb, { frequency: 4, recency: 4, n: 11 }, 100_000))).toBe(true);
  });

  it("refuses to price more than a million purchases instead of NaN or an endless cdf loop", () => {
    // n = 1e308: ln Γ(r+n) − ln Γ(n+1) = ∞ − ∞; n = 1e12 at t = 1e15 summed the cdf over 1e12 terms.
    expect(codeOf(() => probabilityOfPurchases({ model: "bg-nbd", params: { r: 20, alpha: 0.01, a: 0.01, b: 0.01 } }, 1e308, 5e-120))).toBe("OUT_OF_RANGE n");
    expect(codeOf(() => probabilityOfPurchases(bgnbd, 1e12, 1e15))).toBe("OUT_OF_RANGE n");
    const p = probabilityOfPurchases(bgnbd, 1_000_000, 1e15);
    expect(p >= 0 && p <= 1).toBe(true);
  });

  it("refuses a customer with more than 1e9 repeat purchases instead of an expectation of Infinity", () => {
    const model = { model: "bg-nbd", params: { r: 3.84, alpha: 0.01, a: 0.114, b: 0.198 } } as const;
    const customer = { frequency: 1e308, recency: 1.3e-283, T: 5e-167 };
    expect(codeOf(() => conditionalExpectedPurchases(model, customer, 21))).toBe("OUT_OF_RANGE customer.frequency");
    expect(Number.isFinite(conditionalExpectedPurchases(model, { ...customer, frequency: 1e9 }, 21))).toBe(true);
  });

  it("refuses a customer age beyond 1e15 time units instead of NaN", () => {
    const model = { model: "pareto-nbd", params: { r: 0.01, alpha: 0.01, s: 0.01, beta: 100 } } as const;
    expect(codeOf(() => conditionalExpectedPurchases(model, { frequency: 56, recency: 0, T: 1e308 }, 5.4e-323))).toBe("OUT_OF_RANGE customer.T");
    expect(Number.isFinite(conditionalExpectedPurchases(model, { frequency: 56, recency: 0, T: 1e15 }, 5.4e-323))).toBe(true);
  });

  it("refuses a retention curve of more than a million periods instead of a RangeError", () => {
    expect(codeOf(() => retentionCurve({ model: "sbg", params: { alpha: 6.8, beta: 0.014 } }, 2 ** 53 + 2))).toBe("OUT_OF_RANGE periods");
    expect(retentionCurve({ model: "sbg", params: { alpha: 1, beta: 1 } }, 1_000_000)).toHaveLength(1_000_001);
  });
});

describe("model parameters are bounded to [1e-12, 1e12]", () => {
  it("refuses parameters such as 1e308 and 5e-324 instead of returning NaN", () => {
    // Each of these once returned NaN (ln Γ and ln B of extreme arguments: ∞ − ∞).
    const bgbbHuge = { model: "bg-bb", params: { alpha: 1e308, beta: 20, gamma: 0.297, delta: 0.0148 } } as const;
    const bgbbTiny = { model: "bg-bb", params: { alpha: 5e-324, beta: 0.01, gamma: 2.01, delta: 7.3 } } as const;
    const bgnbdHuge = { model: "bg-nbd", params: { r: 1e308, alpha: 0.01, a: 0.0559, b: 2.98 } } as const;
    expect(codeOf(() => probabilityAlive(bgbbHuge, { frequency: 5, recency: 8, n: 11 }))).toBe("INVALID_PARAMETER model.params.alpha");
    expect(codeOf(() => conditionalExpectedPurchases(bgbbTiny, { frequency: 1, recency: 3, n: 7 }, 16))).toBe("INVALID_PARAMETER model.params.alpha");
    expect(codeOf(() => probabilityOfPurchases(bgnbdHuge, 3, 7.7e-262))).toBe("INVALID_PARAMETER model.params.r");
    expect(codeOf(() => retentionCurve({ model: "sbg", params: { alpha: 1e-13, beta: 1 } }, 3))).toBe("INVALID_PARAMETER model.params.alpha");
  });

  it("keeps predictions finite at the edges of the range", () => {
    for (const v of [1e-12, 1e12]) {
      const m = { model: "bg-bb", params: { alpha: v, beta: 1, gamma: v, delta: 1 } } as const;
      expect(Number.isFinite(probabilityAlive(m, { frequency: 5, recency: 8, n: 11 }))).toBe(true);
      expect(Number.isFinite(conditionalExpectedPurchases(m, { frequency: 1, recency: 3, n: 7 }, 16))).toBe(true);
      expect(Number.isFinite(probabilityOfPurchases({ model: "bg-nbd", params: { r: v, alpha: 0.01, a: 0.0559, b: 2.98 } }, 3, 1e-6))).toBe(true);
    }
  });
});
