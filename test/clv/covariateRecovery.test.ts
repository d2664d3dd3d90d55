// Simulation recovery: Pareto/NBD customers drawn with known coefficients (CLVTools' parametrisation); the
// 90 % Wald intervals of the fits must cover the truth at about the nominal rate. Seeded, so reproducible.
import { describe, expect, it } from "vitest";
import { fitParetoNbd } from "../../src/index.js";
import { rng } from "../../bench/lib.js";
import { normalVariate, simulateParetoHistory } from "./covariateFixtures.js";

const TRUTH = { r: 0.7, alpha: 9, s: 0.8, beta: 14, purchase: { channel: 0.6, age: -0.3 }, attrition: { channel: -0.5, age: 0.4 } };
const VECTORS = { ...TRUTH, purchase: [0.6, -0.3], attrition: [-0.5, 0.4] };

function simulate(seed: number, customers: number): { frequency: number; recency: number; T: number; channel: number; age: number }[] {
  const u = rng(seed);
  return Array.from({ length: customers }, () => {
    const channel = u() < 0.4 ? 1 : 0;
    const age = normalVariate(u);
    return { ...simulateParetoHistory(u, [channel, age], VECTORS), channel, age };
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
