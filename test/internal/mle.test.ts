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
});
