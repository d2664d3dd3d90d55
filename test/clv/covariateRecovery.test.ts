// Simulation recovery: Pareto/NBD customers drawn with known coefficients (CLVTools' parametrisation); the
// 90 % Wald intervals of the fits must cover the truth at about the nominal rate. Seeded, so reproducible.
import { describe, expect, it } from "vitest";
import { fitParetoNbd } from "../../src/index.js";

/** mulberry32: a small seeded uniform generator on (0, 1). */
function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
function gamma(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(u, shape + 1, rate) * Math.pow(u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (Math.log(w) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

const TRUTH = { r: 0.7, alpha: 9, s: 0.8, beta: 14, purchase: { channel: 0.6, age: -0.3 }, attrition: { channel: -0.5, age: 0.4 } };

function simulate(seed: number, customers: number): { frequency: number; recency: number; T: number; channel: number; age: number }[] {
  const u = uniforms(seed);
  return Array.from({ length: customers }, () => {
    const channel = u() < 0.4 ? 1 : 0;
    const age = normal(u);
    const lambda = gamma(u, TRUTH.r, TRUTH.alpha * Math.exp(-(TRUTH.purchase.channel * channel + TRUTH.purchase.age * age)));
    const mu = gamma(u, TRUTH.s, TRUTH.beta * Math.exp(-(TRUTH.attrition.channel * channel + TRUTH.attrition.age * age)));
    const T = 40 + 12 * u();
    const end = Math.min(T, -Math.log(u()) / mu);
    let t = 0;
    let frequency = 0;
    let recency = 0;
    for (;;) {
      t += -Math.log(u()) / lambda;
      if (t > end) break;
      frequency++;
      recency = t;
    }
    return { frequency, recency, T, channel, age };
  });
}

describe("fitParetoNbd with covariates on simulated customers", () => {
  it("covers the true coefficients, r and α with its 90 % Wald intervals at about the nominal rate (40 replicates of 1,000 customers)", () => {
    const z = 1.6448536269514722;
    let covered = 0;
    let intervals = 0;
    const sums = { purchase: { channel: 0, age: 0 }, attrition: { channel: 0, age: 0 } };
    const replicates = 40;
    for (let rep = 0; rep < replicates; rep++) {
      const fit = fitParetoNbd(simulate(1000 + rep, 1000), { covariates: { purchase: ["channel", "age"], attrition: ["channel", "age"] } });
      expect(fit.converged).toBe(true);
      for (const side of ["purchase", "attrition"] as const) {
        for (const f of ["channel", "age"] as const) {
          const est = fit.covariates![side][f]!;
          const se = fit.covariateStandardErrors![side][f]!;
          sums[side][f] += est / replicates;
          intervals++;
          if (Math.abs(est - TRUTH[side][f]) <= z * se) covered++;
        }
      }
      for (const k of ["r", "alpha"] as const) {
        intervals++;
        if (Math.abs(fit.params[k] - TRUTH[k]) <= z * fit.standardErrors[k]!) covered++;
      }
    }
    // 240 intervals: at the nominal 90 % the count is 216 ± 4.6 (one binomial standard deviation).
    const rate = covered / intervals;
    if (process.env["SHOW_COVERAGE"]) console.log(`covered ${covered} of ${intervals}`, JSON.stringify(sums));
    expect(rate).toBeGreaterThan(0.84);
    expect(rate).toBeLessThan(0.96);
    // The estimates average close to the truth (their standard errors over 40 replicates are ≤ 0.03).
    for (const side of ["purchase", "attrition"] as const) {
      for (const f of ["channel", "age"] as const) expect(Math.abs(sums[side][f] - TRUTH[side][f])).toBeLessThan(0.08);
    }
  }, 60_000);
});
