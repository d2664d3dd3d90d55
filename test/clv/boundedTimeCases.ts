// Inputs shared by the bounded-time regression tests and bench/boundedTime.bench.ts.
import { rng } from "../../bench/lib.js";

/** The reliability contract's counterexample (FC_SEED=1047039589, fitParetoNbd valid, run 0): α runs off to 0. */
export const PARETO_CONTRACT_ROWS = [
  { frequency: 2, recency: 0, T: 1.3570665889149238e-274 }, { frequency: 24, recency: 0, T: 8.747346638007103e-293 },
  { frequency: 41, recency: 2.7368467473728717e-307, T: 0.40262903498032415 }, { frequency: 49, recency: 5.19354807578586e-181, T: 2.278687716233229e-46 },
  { frequency: 18, recency: 2.0847439979375156e-297, T: 3.284086681095586e-150 }, { frequency: 2, recency: 0, T: 4.3590074671396253e-75 },
  { frequency: 1, recency: 0, T: 4.4e-323 }, { frequency: 60, recency: 199.99999999999937, T: 199.99999999999952 },
  { frequency: 60, recency: 1.6226349884862195e-281, T: 2.189252924330802e-42 }, { frequency: 15, recency: 0, T: 2.5e-323 },
] as const;

/** 40 customers observed for 7300 days (20 years), 40 % without repeat purchases, from a seeded PRNG. */
export function twentyYearsInDays(seed: number): { frequency: number; recency: number; T: number }[] {
  const rand = rng(seed);
  return Array.from({ length: 40 }, () => {
    const x = Math.floor(rand() * 12) * (rand() < 0.4 ? 0 : 1);
    return { frequency: x, recency: x === 0 ? 0 : Math.round(rand() * 7300), T: 7300 };
  });
}

/** A Gamma(k) draw (Marsaglia–Tsang; k < 1 by the boost Γ(k+1)·U^(1/k)). */
function gammaDraw(rand: () => number, k: number): number {
  if (k < 1) return gammaDraw(rand, k + 1) * Math.pow(rand(), 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = Math.sqrt(-2 * Math.log(rand() || 1e-300)) * Math.cos(2 * Math.PI * rand());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    if (Math.log(rand() || 1e-300) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * `customers` BG/BB histories over `n` opportunities simulated from the paper's estimates (α 1.20, β 0.75,
 * γ 0.66, δ 2.78), from a seeded PRNG: most drop out early, so most sums run over nearly all n opportunities.
 */
export function bgBbHistories(customers: number, n: number, seed: number): { frequency: number; recency: number; n: number }[] {
  const rand = rng(seed);
  const beta = (a: number, b: number): number => {
    const x = gammaDraw(rand, a);
    return x / (x + gammaDraw(rand, b));
  };
  return Array.from({ length: customers }, () => {
    const p = beta(1.2, 0.75);
    const theta = beta(0.66, 2.78);
    let x = 0;
    let tx = 0;
    for (let t = 1; t <= n && !(rand() < theta); t++) {
      if (rand() < p) {
        x++;
        tx = t;
      }
    }
    return { frequency: x, recency: tx, n };
  });
}
