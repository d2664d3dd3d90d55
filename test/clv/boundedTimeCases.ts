// Inputs shared by the bounded-time regression tests and bench/boundedTime.bench.ts.
import { gammaVariate, rng } from "../../bench/lib.js";

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

/**
 * `customers` BG/BB histories over `n` opportunities simulated from the paper's estimates (α 1.20, β 0.75,
 * γ 0.66, δ 2.78), from a seeded PRNG: most drop out early, so most sums run over nearly all n opportunities.
 */
export function bgBbHistories(customers: number, n: number, seed: number): { frequency: number; recency: number; n: number }[] {
  const rand = rng(seed);
  const beta = (a: number, b: number): number => {
    const x = gammaVariate(rand, a);
    return x / (x + gammaVariate(rand, b));
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

/**
 * Calls of the CLV functions at their accepted maxima (horizons, counts of periods or purchases, numbers of
 * opportunities), each of which must return in well under a second or two. Measured on a loaded 2-core
 * machine: the slowest are probabilityOfPurchases at n = 1e6, t = 1e15 (~0.5 s), the BG/BB P(X(1e5) = 0)
 * (~0.2 s), the BG/NBD holdout table at a holdout of 1e15 (~0.2 s) and a 20 000-period sBG fit (~0.3 s).
 */
export const AT_THE_MAXIMA: readonly { name: string; run: (lib: typeof import("../../src/index.js")) => unknown }[] = (() => {
  const bg = { model: "bg-nbd", params: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 } } as const;
  const mbg = { model: "mbg-nbd", params: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 } } as const;
  const pareto = { model: "pareto-nbd", params: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 } } as const;
  const bgbb = { model: "bg-bb", params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } } as const;
  const sbg = { model: "sbg", params: { alpha: 0.668, beta: 3.806 } } as const;
  const holdout = Array.from({ length: 200 }, (_, i) => ({ frequency: i % 20, recency: i % 20 === 0 ? 0 : 30, T: 39, holdoutFrequency: i % 3, holdoutDuration: 1e15 }));
  const bbHoldout = Array.from({ length: 200 }, (_, i) => ({ frequency: i % 20, recency: i % 20 === 0 ? 0 : 50, n: 100_000, holdoutFrequency: i % 3, holdoutDuration: 100_000 }));
  const survivors = Array.from({ length: 20_000 }, (_, i) => 1e6 - i);
  return [
    { name: "retentionCurve: 1 000 000 periods", run: (l) => l.retentionCurve(sbg, 1_000_000).length },
    ...([bg, mbg, pareto] as const).map((m) => ({ name: `probabilityOfPurchases ${m.model}: n = 1e6, t = 1e15`, run: (l: typeof import("../../src/index.js")) => l.probabilityOfPurchases(m, 1_000_000, 1e15) })),
    { name: "probabilityOfPurchases bg-bb: k = 0, n* = 100 000", run: (l) => l.probabilityOfPurchases(bgbb, 0, 100_000) },
    { name: "calibrationHoldoutTable bg-nbd: holdout 1e15, maxFrequency 1e9", run: (l) => l.calibrationHoldoutTable(bg, holdout, { maxFrequency: 1e9 }).length },
    { name: "calibrationHoldoutTable bg-bb: n = holdout = 100 000", run: (l) => l.calibrationHoldoutTable(bgbb, bbHoldout).length },
    { name: "fitShiftedBetaGeometric: 20 000 periods", run: (l) => l.fitShiftedBetaGeometric(survivors).params.alpha },
    { name: "discountedResidualLifetime: renewals 1e308, d = 1e-9", run: (l) => l.discountedResidualLifetime(sbg, { renewals: 1e308, discountRate: 1e-9 }) },
    { name: "customerLifetimeValue bg-bb: n = 100 000, horizon 10 000", run: (l) => l.customerLifetimeValue(bgbb, 10, [{ frequency: 3, recency: 10, n: 100_000 }], { horizon: 10_000, periodLength: 10, discountRate: 1e-6 })[0]!.clv },
    { name: "customerLifetimeValue pareto-nbd: horizon 10 000 of 1e11 days", run: (l) => l.customerLifetimeValue(pareto, 10, [{ frequency: 3, recency: 10, T: 1e5 }], { horizon: 10_000, periodLength: 1e11, discountRate: 1e-9 })[0]!.clv },
    { name: "historicalClv: 100 000 transactions", run: (l) => l.historicalClv(Array.from({ length: 100_000 }, (_, i) => ({ customerId: i % 5000, at: 1.6e12 + i * 1e6, amount: 3 })), { discountRate: 0.1, unit: "day", asOf: 1.8e12 }).length },
  ];
})();
