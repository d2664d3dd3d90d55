// BG/BB formulas (Fader, Hardie & Shang 2010, "Customer-Base Analysis in a Discrete-Time Noncontractual
// Setting", Marketing Science 29(6)), shared by fitBgBb and the prediction dispatch. Not re-exported.
// Kernels take validated numbers (use `readBgBbCustomer` at the boundary).
//
// Model: while alive, a customer transacts at each opportunity with probability p ~ Beta(α, β); after each
// opportunity they drop out for good with probability θ ~ Beta(γ, δ). A customer is described by
// x = repeat transactions, t_x = the opportunity of the last one (0 if none), n = opportunities observed.
//
//   L(x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
//                + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)          (eq. 5)
//
// Given the data, a customer alive after opportunity n has p ~ Beta(α+x, β+n−x) and θ ~ Beta(γ, δ+n),
// independently; this gives every conditional prediction below as P(alive at n) × an unconditional-style
// expectation with updated parameters.
import { fail, finiteNumber, record, show } from "../internal/validate.js";
import { digamma, lgamma, logAddExp, logBeta } from "../internal/special.js";
import type { BgBbParams } from "./types.js";
import { MAX_OPPORTUNITIES } from "./transactionModels.js";

/** A validated BG/BB customer: repeat transactions, last-transaction opportunity, opportunities. */
export interface BgBbCustomer {
  /** x: repeat transactions in the n opportunities. */
  frequency: number;
  /** t_x: opportunity (1..n) of the last transaction; 0 when x = 0. */
  recency: number;
  /** n: transaction opportunities observed. */
  n: number;
}

function wholeAtLeast0(fn: string, v: unknown, path: string): number {
  const x = finiteNumber(fn, v, path);
  if (!Number.isInteger(x)) fail(fn, "NOT_INTEGER", `${path} must be a whole number, got ${show(x)}`, path);
  if (!(x >= 0)) fail(fn, "NEGATIVE_VALUE", `${path} must be ≥ 0, got ${show(x)}`, path);
  return x === 0 ? 0 : x;
}

/**
 * Validates a BG/BB customer row `{ frequency, recency, n }` at `path`: whole numbers with
 * 0 ≤ frequency ≤ recency ≤ n, and recency = 0 exactly when frequency = 0 (INCONSISTENT_COUNTS otherwise).
 */
export function readBgBbCustomer(fn: string, value: unknown, path: string): BgBbCustomer {
  const row = record(fn, value, path);
  const frequency = wholeAtLeast0(fn, row["frequency"], `${path}.frequency`);
  const recency = wholeAtLeast0(fn, row["recency"], `${path}.recency`);
  const n = wholeAtLeast0(fn, row["n"], `${path}.n`);
  // The likelihood sums over the n − t_x opportunities one by one: n = 1e308 would never finish.
  if (!(n <= MAX_OPPORTUNITIES)) fail(fn, "OUT_OF_RANGE", `${path}.n must be at most ${MAX_OPPORTUNITIES} opportunities, got ${show(n)}`, `${path}.n`);
  if (recency > n) fail(fn, "INCONSISTENT_COUNTS", `${path}.recency (${recency}) must be ≤ n (${n})`, `${path}.recency`);
  if (frequency > recency) fail(fn, "INCONSISTENT_COUNTS", `${path}.frequency (${frequency}) must be ≤ recency (${recency})`, `${path}.frequency`);
  if ((frequency === 0) !== (recency === 0)) {
    fail(fn, "INCONSISTENT_COUNTS", `${path}.recency must be 0 exactly when frequency is 0, got frequency ${frequency} and recency ${recency}`, `${path}.recency`);
  }
  return { frequency, recency, n };
}

/** ln L(α, β, γ, δ | x, t_x, n) of one customer (eq. 5 in the file header). */
export function bgBbLogLikelihood(p: BgBbParams, x: number, tx: number, n: number): number {
  const { alpha, beta, gamma, delta } = p;
  const lbAB = logBeta(alpha, beta);
  const lbGD = logBeta(gamma, delta);
  let ll = logBeta(alpha + x, beta + n - x) - lbAB + logBeta(gamma, delta + n) - lbGD;
  for (let i = 0; i < n - tx; i++) {
    ll = logAddExp(ll, logBeta(alpha + x, beta + tx - x + i) - lbAB + logBeta(gamma + 1, delta + tx + i) - lbGD);
  }
  return ll;
}

/**
 * S(k) = Σ_{t=1}^{k} E[(1−θ)^t] for θ ~ Beta(γ, d): the expected number of the next k opportunities at which a
 * customer is alive. Closed form d/(γ−1) · [1 − Γ(γ+d) Γ(1+d+k) / (Γ(γ+d+k) Γ(1+d))], with its γ → 1 limit
 * d · [ψ(1+d+k) − ψ(1+d)].
 */
export function bgBbAliveOpportunities(gamma: number, d: number, k: number): number {
  if (k <= 0) return 0;
  if (k <= 64) {
    // Short horizons: the plain sum is exact and avoids cancellation in the closed form.
    let term = 1;
    let s = 0;
    for (let t = 1; t <= k; t++) {
      term *= (d + t - 1) / (gamma + d + t - 1);
      s += term;
    }
    return s;
  }
  const g1 = gamma - 1;
  if (Math.abs(g1) < 1e-9) return d * (digamma(1 + d + k) - digamma(1 + d));
  const logR = lgamma(gamma + d) - lgamma(1 + d) - (lgamma(gamma + d + k) - lgamma(1 + d + k));
  return (d / g1) * -Math.expm1(logR);
}

/** E[X(n*)]: expected transactions of a new customer in their first n* opportunities (FHS 2010 eq. 9). */
export function bgBbExpectedPurchases(p: BgBbParams, nStar: number): number {
  return (p.alpha / (p.alpha + p.beta)) * bgBbAliveOpportunities(p.gamma, p.delta, nStar);
}

/** ln P(alive after opportunity n, x, t_x | params) − ln L, i.e. ln P(alive at n | data). */
function logAliveAtN(p: BgBbParams, x: number, tx: number, n: number): number {
  const num = logBeta(p.alpha + x, p.beta + n - x) - logBeta(p.alpha, p.beta) + logBeta(p.gamma, p.delta + n) - logBeta(p.gamma, p.delta);
  return Math.min(0, num - bgBbLogLikelihood(p, x, tx, n));
}

/**
 * P(alive at opportunity n + m | x, t_x, n) (FHS 2010 eq. 11 for m = 1, the paper's "alive in period n+1"):
 * P(alive at n | data) · B(γ, δ+n+m)/B(γ, δ+n).
 */
export function bgBbProbabilityAlive(p: BgBbParams, x: number, tx: number, n: number, m = 1): number {
  const v = Math.exp(logAliveAtN(p, x, tx, n) + logBeta(p.gamma, p.delta + n + m) - logBeta(p.gamma, p.delta + n));
  return Math.min(1, Math.max(0, v));
}

/**
 * E[X(n, n+n*) | x, t_x, n]: expected transactions in the next n* opportunities (FHS 2010 eq. 13), as
 * P(alive at n | data) · (α+x)/(α+β+n) · S(n*) with θ ~ Beta(γ, δ+n).
 */
export function bgBbConditionalExpectedPurchases(p: BgBbParams, x: number, tx: number, n: number, nStar: number): number {
  if (nStar <= 0) return 0;
  const alive = Math.exp(logAliveAtN(p, x, tx, n));
  return alive * ((p.alpha + x) / (p.alpha + p.beta + n)) * bgBbAliveOpportunities(p.gamma, p.delta + n, nStar);
}

/**
 * P(X(n*) = k) for a new customer (FHS 2010 eq. 8):
 *   C(n*, k) B(α+k, β+n*−k)/B(α,β) · B(γ, δ+n*)/B(γ,δ)
 *   + Σ_{i=k}^{n*−1} C(i, k) B(α+k, β+i−k)/B(α,β) · B(γ+1, δ+i)/B(γ,δ).
 * 0 when k > n*.
 */
export function bgBbProbabilityOfPurchases(p: BgBbParams, k: number, nStar: number): number {
  if (k > nStar) return 0;
  const { alpha, beta, gamma, delta } = p;
  const lbAB = logBeta(alpha, beta);
  const lbGD = logBeta(gamma, delta);
  const logChoose = (a: number, b: number): number => lgamma(a + 1) - lgamma(b + 1) - lgamma(a - b + 1);
  let lp = logChoose(nStar, k) + logBeta(alpha + k, beta + nStar - k) - lbAB + logBeta(gamma, delta + nStar) - lbGD;
  for (let i = k; i < nStar; i++) {
    lp = logAddExp(lp, logChoose(i, k) + logBeta(alpha + k, beta + i - k) - lbAB + logBeta(gamma + 1, delta + i) - lbGD);
  }
  return Math.min(1, Math.exp(lp));
}
