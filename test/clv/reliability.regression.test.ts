// Regressions found by the reliability contract (test/contract): each input once broke the contract.
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, expectedPurchases, fitBgBb, fitBgNbd, fitGammaGamma, fitParetoNbd, fitShiftedBetaGeometric, probabilityOfPurchases, probabilityAlive, retentionCurve, RetentionKitError } from "../../src/index.js";

function codeOf(f: () => unknown): string | null {
  try {
    f();
  } catch (e) {
    return e instanceof RetentionKitError ? `${e.code} ${e.path}` : String(e);
  }
  return null;
}

describe("CLV predictions at the edges of the parameter space", () => {
  it("gives finite Pareto/NBD purchase probabilities that sum to 1 when beta is the smallest double", () => {
    // A dropout-time CDF this steep maps the last quadrature nodes to τ = ∞; that once gave NaN.
    const model = { model: "pareto-nbd", params: { r: 1.22, alpha: 2.32, s: 0.01, beta: 5e-324 } } as const;
    const ps = [0, 1, 2, 3, 4, 5, 6].map((n) => probabilityOfPurchases(model, n, 200));
    for (const p of ps) expect(p >= 0 && p <= 1).toBe(true);
    expect(ps[1]).toBeGreaterThan(0);
    // Almost everyone drops out near τ = 0 (mass at n = 0); the (β/(β+t))^s ≈ 5e-4 who survive buy ~100 times.
    const head = ps.reduce((a, b) => a + b, 0);
    expect(head).toBeGreaterThan(0.999);
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

  it("refuses a retention curve of more than a million periods instead of a RangeError", () => {
    expect(codeOf(() => retentionCurve({ model: "sbg", params: { alpha: 6.8, beta: 0.014 } }, 2 ** 53 + 2))).toBe("OUT_OF_RANGE periods");
    expect(retentionCurve({ model: "sbg", params: { alpha: 1, beta: 1 } }, 1_000_000)).toHaveLength(1_000_001);
  });
});
