import { describe, expect, it } from "vitest";
import { bgFitFunctions } from "../../src/clv/bgNbdMath.js";
import { gammaGammaLikelihood } from "../../src/clv/fitGammaGamma.js";
import { fitMaximumLikelihood } from "../../src/internal/mle.js";
import { fitBgNbd } from "../../src/index.js";
import { cdnowSummary, rel } from "./cdnowFixtures.js";
import { hessianError, isSymmetric } from "./hessianCheck.js";
import { cdnowSpend } from "./moreFixtures.js";

const rows = cdnowSummary();
const col = (f: (r: (typeof rows)[number]) => number): Float64Array => Float64Array.from(rows, f);
const [x, tx, T] = [col((r) => r.frequency), col((r) => r.recency), col((r) => r.T)];
const ones = new Float64Array(rows.length).fill(1);
const spend = cdnowSpend().filter((r) => r.frequency > 0);
const gg = gammaGammaLikelihood(Float64Array.from(spend, (r) => r.frequency), Float64Array.from(spend, (r) => r.monetaryValue), new Float64Array(spend.length).fill(1));

// The fitted point, a few ordinary points, and huge a, b (the no-dropout-heterogeneity limit the fits run along).
const bgPoints = [
  [0.243, 4.414, 0.793, 2.426],
  [0.525, 6.183, 0.891, 1.614],
  [0.05, 30, 0.2, 0.1],
  [3, 0.5, 5, 40],
  [1.3, 0.5, 1e6, 2e6],
  [0.2, 1e4, 3e7, 1e6],
];
// Points where a ≪ b ≈ 1e6..1e9 (dropout almost never happens): ∂ℓ/∂a is a sum of terms that cancel to ~1e-7
// of their size, so the finite difference of the gradient, the reference here, has only ~6 digits left in the
// a and b rows (and fewer below: at a = 0.01, b = 1e9 both sides keep only ~1e-2).
const bgEdgePoints = [
  [1e3, 4e3, 2, 1e6],
  [1e3, 4e3, 0.5, 1e7],
];

describe("the analytic BG/NBD and MBG/NBD Hessians on the CDNOW sample", () => {
  for (const [k, name] of [[0, "BG/NBD"], [1, "MBG/NBD"]] as const) {
    const f = bgFitFunctions(k, x, tx, T, ones);
    it(`${name}: equal a Richardson finite difference of the analytic gradient to 1e-8 at six parameter points`, () => {
      for (const th of bgPoints) expect(hessianError(f, th)).toBeLessThan(1e-8);
    });
    it(`${name}: equal it to 1e-4 where a ≪ b and the gradient itself cancels`, () => {
      for (const th of bgEdgePoints) expect(hessianError(f, th)).toBeLessThan(1e-4);
    });
    it(`${name}: are symmetric and come with the same value and gradient as the gradient pass`, () => {
      for (const th of bgPoints) {
        const H = f.hessian(th);
        expect(isSymmetric(H)).toBe(true);
        const g = f.gradient(th);
        const v = f.logLikelihood(th);
        const fresh = bgFitFunctions(k, x, tx, T, ones);
        expect(fresh.gradient(th)).toEqual(g);
        expect(fresh.logLikelihood(th)).toBe(v);
      }
    });
  }
  it("BG/NBD: is negative definite at the maximum-likelihood estimate", () => {
    const fit = fitBgNbd(rows);
    const th = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
    const H = bgFitFunctions(0, x, tx, T, ones).hessian(th);
    // Leading principal minors of −H are all positive (Sylvester).
    const m = H.map((row) => row.map((v) => -v));
    const det = (a: number[][]): number => (a.length === 1 ? a[0]![0]! : a[0]!.reduce((s, v, j) => s + (j % 2 ? -1 : 1) * v * det(a.slice(1).map((r) => r.filter((_, c) => c !== j))), 0));
    for (let n = 1; n <= 4; n++) expect(det(m.slice(0, n).map((r) => r.slice(0, n)))).toBeGreaterThan(0);
  });
});

describe("the analytic Gamma-Gamma Hessian on the CDNOW spend sample", () => {
  it("equals a Richardson finite difference of the analytic gradient to 1e-8, also on the ridge p ~ 1e7, γ → 0", () => {
    for (const th of [[6.25, 3.74, 15.44], [1, 2, 30], [0.3, 0.8, 100], [2e4, 0.5, 0.01], [1e7, 3, 1e-6], [3e9, 4, 1e-8]]) {
      expect(hessianError(gg, th)).toBeLessThan(1e-8);
      expect(isSymmetric(gg.hessian(th))).toBe(true);
    }
  });
  it("equals it to 1e-5 on the ridge q, γ → ∞ (where ∂ℓ/∂q cancels to ~1e-10 of its terms, limiting the reference)", () => {
    for (const th of [[0.3, 1e6, 1e7], [5, 1e7, 2e8]]) expect(hessianError(gg, th)).toBeLessThan(1e-5);
  });
});

describe("standard errors from the analytic Hessians", () => {
  const bgProblem = (k: 0 | 1, withHessian: boolean) => {
    const { logLikelihood, gradient, hessian } = bgFitFunctions(k, x, tx, T, ones);
    return { names: ["r", "alpha", "a", "b"] as const, logLikelihood, gradient, hessian: withHessian ? hessian : undefined, totalWeight: rows.length, initial: [1, 5, 1, 1] };
  };
  it("equal the finite-difference ones to 1e-6 for BG/NBD and MBG/NBD, with and without a penalizer", () => {
    for (const k of [0, 1] as const) {
      for (const penalizer of [0, 0.01]) {
        const a = fitMaximumLikelihood(bgProblem(k, true), { penalizer });
        const b = fitMaximumLikelihood(bgProblem(k, false), { penalizer });
        expect(a.params).toEqual(b.params);
        for (const key of ["r", "alpha", "a", "b"] as const) expect(rel(a.standardErrors[key]!, b.standardErrors[key]!)).toBeLessThan(1e-6);
      }
    }
  });
  it("Newton's method with them reaches BFGS's optimum in at most 16 passes (BFGS: about 25)", () => {
    for (const k of [0, 1] as const) {
      for (const penalizer of [0, 0.01]) {
        const f = bgFitFunctions(k, x, tx, T, ones);
        let passes = 0;
        const counted = (g: (th: readonly number[]) => unknown) => (th: readonly number[]) => (passes++, g(th));
        const problem = { ...bgProblem(k, true), hessian: counted(f.hessian) as typeof f.hessian };
        const newton = fitMaximumLikelihood({ ...problem, newton: true }, { penalizer });
        const newtonPasses = passes;
        const bfgs = fitMaximumLikelihood(bgProblem(k, false), { penalizer });
        expect(newton.converged).toBe(true);
        for (const key of ["r", "alpha", "a", "b"] as const) expect(rel(newton.params[key], bfgs.params[key]), `${k} ${penalizer} ${key}`).toBeLessThan(1e-6);
        if (penalizer === 0) expect(newton.logLikelihood).toBeGreaterThanOrEqual(bfgs.logLikelihood - 1e-9);
        expect(newtonPasses).toBeLessThanOrEqual(16);
      }
    }
  });
  it("equal the finite-difference ones to 1e-6 for Gamma-Gamma", () => {
    const problem = { names: ["p", "q", "v"] as const, logLikelihood: gg.logLikelihood, gradient: gg.gradient, totalWeight: gg.totalWeight, initial: [1, 2, gg.meanSpend] };
    const a = fitMaximumLikelihood({ ...problem, hessian: gg.hessian });
    const b = fitMaximumLikelihood(problem);
    for (const key of ["p", "q", "v"] as const) expect(rel(a.standardErrors[key]!, b.standardErrors[key]!)).toBeLessThan(1e-6);
  });
});
