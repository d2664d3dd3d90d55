// Regressions found by the reliability contract (test/contract): each input once broke the contract.
import { describe, expect, it } from "vitest";
import { fitBgBb, fitBgNbd, fitGammaGamma, fitParetoNbd, fitShiftedBetaGeometric, probabilityOfPurchases, RetentionKitError } from "../../src/index.js";

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
