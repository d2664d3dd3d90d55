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
