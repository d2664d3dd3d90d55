import { describe, expect, it } from "vitest";
import { fitMaximumLikelihood } from "../../src/internal/mle.js";

// Exponential waiting times with weights: MLE λ = Σw / Σ w·t, SE(λ) = λ / sqrt(Σw).
const times = [0.5, 1.5, 2, 4];
const weights = [10, 20, 5, 5];
const W = weights.reduce((a, b) => a + b, 0);
const S = times.reduce((a, t, i) => a + t * weights[i]!, 0);
const expLL = (th: readonly number[]): number => W * Math.log(th[0]!) - th[0]! * S;

describe("fitMaximumLikelihood", () => {
  it("recovers the exponential rate, its total log-likelihood and its standard error", () => {
    const r = fitMaximumLikelihood({ names: ["lambda"], logLikelihood: expLL, totalWeight: W, initial: [1] });
    const lam = W / S;
    expect(r.converged).toBe(true);
    expect(r.reason).toBeNull();
    expect(r.params.lambda).toBeCloseTo(lam, 8);
    expect(r.logLikelihood).toBeCloseTo(W * Math.log(lam) - W, 8);
    expect(r.customers).toBe(40);
    expect(r.standardErrors.lambda).toBeCloseTo(lam / Math.sqrt(W), 6);
  });

  it("uses an analytic gradient when given and agrees with the numeric one", () => {
    const r = fitMaximumLikelihood({ names: ["lambda"], logLikelihood: expLL, gradient: (th) => [W / th[0]! - S], totalWeight: W, initial: [3] });
    expect(r.params.lambda).toBeCloseTo(W / S, 10);
    expect(r.standardErrors.lambda).toBeCloseTo(W / S / Math.sqrt(W), 6);
  });

  it("adds the penalizer times the sum of squared parameters to the mean negative log-likelihood", () => {
    // minimise −(W ln λ − λS)/W + c λ²  ⇒  −1/λ + S/W + 2cλ = 0.
    const c = 0.3;
    const r = fitMaximumLikelihood({ names: ["lambda"], logLikelihood: expLL, totalWeight: W, initial: [1] }, { penalizer: c });
    const m = S / W;
    const lam = (-m + Math.sqrt(m * m + 8 * c)) / (4 * c);
    expect(r.params.lambda).toBeCloseTo(lam, 7);
    expect(r.logLikelihood).toBeCloseTo(expLL([lam]), 6);
  });

  it("reports a parameter running off to infinity as not converged", () => {
    const r = fitMaximumLikelihood({ names: ["theta"], logLikelihood: (th) => -1 / th[0]!, totalWeight: 1, initial: [1] });
    expect(r.converged).toBe(false);
    expect(r.reason).toMatch(/theta ran off to infinity|did not converge/);
    expect(Number.isFinite(r.params.theta)).toBe(true);
  });

  it("reports a likelihood that only identifies a product of parameters as not converged", () => {
    const r = fitMaximumLikelihood({
      names: ["a", "b"],
      logLikelihood: (th) => W * Math.log(th[0]! * th[1]!) - th[0]! * th[1]! * S,
      totalWeight: W,
      initial: [1, 2],
    });
    expect(r.params.a * r.params.b).toBeCloseTo(W / S, 6);
    expect(r.converged).toBe(false);
    expect(r.reason).toMatch(/Hessian/);
    expect(r.standardErrors).toEqual({ a: null, b: null });
  });

  it("uses an analytic Hessian when given: the same standard errors, with or without a penalizer, from one call", () => {
    const gradient = (th: readonly number[]): number[] => [W / th[0]! - S];
    let calls = 0;
    const hessian = (th: readonly number[]): number[][] => {
      calls++;
      return [[-W / (th[0]! * th[0]!)]];
    };
    for (const penalizer of [0, 0.3]) {
      calls = 0;
      const withH = fitMaximumLikelihood({ names: ["lambda"], logLikelihood: expLL, gradient, hessian, totalWeight: W, initial: [3] }, { penalizer });
      const withoutH = fitMaximumLikelihood({ names: ["lambda"], logLikelihood: expLL, gradient, totalWeight: W, initial: [3] }, { penalizer });
      expect(calls).toBe(1);
      expect(withH.params).toEqual(withoutH.params);
      expect(withH.standardErrors.lambda).toBeCloseTo(withoutH.standardErrors.lambda!, 8);
    }
    // Unpenalised, the exact value: SE(λ) = λ/sqrt(W).
    const r = fitMaximumLikelihood({ names: ["lambda"], logLikelihood: expLL, gradient, hessian, totalWeight: W, initial: [3] });
    expect(r.standardErrors.lambda! / (W / S / Math.sqrt(W))).toBeCloseTo(1, 10);
  });

  it("maps a two-parameter analytic Hessian to log-space with the penalty: SEs equal the finite-difference ones", () => {
    // Two independent exponential samples (rates a, b) with a penalty coupling nothing: H is diagonal in θ, but the
    // log-space map adds θ_k g_k and 4·W·pen·θ_k² on the diagonal.
    const S2 = 20;
    const ll = (th: readonly number[]): number => expLL([th[0]!]) + W * Math.log(th[1]!) - th[1]! * S2;
    const gradient = (th: readonly number[]): number[] => [W / th[0]! - S, W / th[1]! - S2];
    const hessian = (th: readonly number[]): number[][] => [[-W / th[0]! ** 2, 0], [0, -W / th[1]! ** 2]];
    const problem = { names: ["a", "b"] as const, logLikelihood: ll, gradient, totalWeight: W, initial: [1, 1] };
    const exact = fitMaximumLikelihood({ ...problem, hessian }, { penalizer: 0.2 });
    const numeric = fitMaximumLikelihood(problem, { penalizer: 0.2 });
    for (const k of ["a", "b"] as const) expect(exact.standardErrors[k]! / numeric.standardErrors[k]!).toBeCloseTo(1, 7);
  });

  it("gives null standard errors and says why when the analytic Hessian is not finite or not negative definite", () => {
    const gradient = (th: readonly number[]): number[] => [W / th[0]! - S];
    for (const bad of [Number.NaN, 5]) {
      const r = fitMaximumLikelihood({ names: ["lambda"], logLikelihood: expLL, gradient, hessian: () => [[bad]], totalWeight: W, initial: [3] });
      expect(r.standardErrors.lambda).toBeNull();
      expect(r.converged).toBe(false);
      expect(r.reason).toMatch(/Hessian is not positive definite/);
    }
  });

  it("starts from a warm-start subproblem with that subproblem's own Hessian, never the full problem's", () => {
    const gradient = (th: readonly number[]): number[] => [W / th[0]! - S];
    const seen: string[] = [];
    const full = (th: readonly number[]): number[][] => (seen.push("full"), [[-W / th[0]! ** 2]]);
    // A quarter-weight copy of the same data stands in for a subsample.
    const warm = {
      logLikelihood: (th: readonly number[]) => expLL(th) / 4,
      gradient: (th: readonly number[]) => gradient(th).map((g) => g / 4),
      hessian: (th: readonly number[]) => (seen.push("warm"), [[-W / 4 / th[0]! ** 2]]),
      totalWeight: W / 4,
    };
    const r = fitMaximumLikelihood({ names: ["lambda"], logLikelihood: expLL, gradient, hessian: full, totalWeight: W, initial: [3] }, { warmStart: warm });
    expect(seen).toEqual(["warm", "full"]);
    expect(r.standardErrors.lambda! / (W / S / Math.sqrt(W))).toBeCloseTo(1, 10);
  });
});
