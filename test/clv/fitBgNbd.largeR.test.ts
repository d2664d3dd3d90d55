import { describe, expect, it } from "vitest";
import { fitBgNbd, fitModifiedBgNbd } from "../../src/index.js";
import { bgLogLikelihood } from "../../src/clv/bgNbdMath.js";
import { gammaVariate, rng } from "../../bench/lib.js";

/**
 * BG/NBD customers (Fader, Hardie & Lee 2005): λ ~ Gamma(r, α), p ~ Beta(a, b), exponential gaps of rate λ,
 * dropout with probability p after each repeat purchase; observed for T uniform in 4..52.
 */
function simulate(p: { r: number; alpha: number; a: number; b: number }, n: number, seed: number) {
  const rnd = rng(seed);
  const rows: { frequency: number; recency: number; T: number }[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gammaVariate(rnd, p.r) / p.alpha;
    const g = gammaVariate(rnd, p.a);
    const drop = g / (g + gammaVariate(rnd, p.b));
    const T = 4 + 48 * rnd();
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t -= Math.log(1 - rnd()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (rnd() < drop) break;
    }
    rows.push({ frequency: x, recency: tx, T });
  }
  return rows;
}

describe("fitting data simulated with a large r", () => {
  const truth = { r: 100, alpha: 10, a: 0.8, b: 2.4 };
  const rows = simulate(truth, 3000, 1);

  it("recovers r = 100 within three standard errors, and the other parameters with it", () => {
    const fit = fitBgNbd(rows);
    expect(fit.converged).toBe(true);
    const se = fit.standardErrors!;
    // r is identified here (its standard error is ~15 % of it with 3,000 customers): the fit finds it.
    expect(se.r!).toBeLessThan(0.3 * fit.params.r);
    expect(Math.abs(fit.params.r - truth.r)).toBeLessThanOrEqual(3 * se.r!);
    expect(Math.abs(fit.params.alpha - truth.alpha)).toBeLessThanOrEqual(3 * se.alpha!);
    expect(Math.abs(fit.params.a - truth.a)).toBeLessThanOrEqual(3 * se.a!);
    expect(Math.abs(fit.params.b - truth.b)).toBeLessThanOrEqual(3 * se.b!);
    // The mean purchase rate r/α is pinned much more tightly than r and α apart.
    expect(fit.params.r / fit.params.alpha).toBeCloseTo(truth.r / truth.alpha, 0);
  });

  it("reaches a log-likelihood at least that of the true parameters", () => {
    const fit = fitBgNbd(rows);
    const atTruth = rows.reduce((s, c) => s + bgLogLikelihood(truth, 0, c.frequency, c.recency, c.T), 0);
    const atFit = rows.reduce((s, c) => s + bgLogLikelihood(fit.params, 0, c.frequency, c.recency, c.T), 0);
    expect(Math.abs(atFit - fit.logLikelihood)).toBeLessThanOrEqual(1e-9 * Math.abs(atFit));
    expect(atFit).toBeGreaterThanOrEqual(atTruth);
  });

  it("fits MBG/NBD to the same data with r of the same size and the same mean rate r/α", () => {
    const fit = fitModifiedBgNbd(rows);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeGreaterThan(30);
    expect(fit.params.r / fit.params.alpha).toBeCloseTo(truth.r / truth.alpha, 0);
  });
});
