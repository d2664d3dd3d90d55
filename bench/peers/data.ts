// Synthetic data shared by the peer benchmarks: proportional-hazards survival rows and logistic rows, from a
// fixed seed, with their true coefficients.
import type { CoxRow } from "../../src/index.js";
import { rng } from "../lib.js";

/** Cox rows: n customers × p covariates, exponential times with rate exp(β·x)/100, exponential censoring, whole days. */
export function coxRows(n: number, p: number, seed = 21): { rows: CoxRow[]; covariates: string[]; beta: number[] } {
  const r = rng(seed);
  const covariates = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const beta = Array.from({ length: p }, (_, j) => [0.5, -0.3, 0.2, 0.1, -0.05][j % 5]! / (1 + Math.floor(j / 5)));
  const rows: CoxRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, number | boolean> = {};
    let eta = 0;
    for (let j = 0; j < p; j++) {
      const kind = j % 5;
      const x = kind === 0 ? (r() < 0.5 ? 1 : 0) : kind === 1 ? r() * 4 - 2 : kind === 2 ? Math.floor(r() * 5) : kind === 3 ? r() * 10 : r() * 100;
      row[covariates[j]!] = x;
      eta += beta[j]! * x;
    }
    const t = (-Math.log(1 - r()) / Math.exp(eta - 2)) * 100;
    const c = -Math.log(1 - r()) * 200;
    row.duration = Math.floor(Math.min(t, c));
    row.event = t <= c;
    rows[i] = row as CoxRow;
  }
  return { rows, covariates, beta };
}

/** Logistic rows: n × q uniform(−1, 1) features, log-odds −0.5 + Σ ((j mod 3) − 1)·0.4·xⱼ. */
export function logisticRows(n: number, q: number, seed = 11): { rows: Record<string, number | boolean>[]; features: string[] } {
  const r = rng(seed);
  const features = Array.from({ length: q }, (_, j) => `f${j}`);
  const rows: Record<string, number | boolean>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, number | boolean> = {};
    let eta = -0.5;
    for (let j = 0; j < q; j++) {
      const x = 2 * r() - 1;
      row[features[j]!] = x;
      eta += ((j % 3) - 1) * 0.4 * x;
    }
    row.churned = r() < 1 / (1 + Math.exp(-eta));
    rows[i] = row;
  }
  return { rows, features };
}
