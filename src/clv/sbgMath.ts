// Shifted-beta-geometric formulas (Fader & Hardie 2007, "How to Project Customer Retention", Journal of
// Interactive Marketing 21(1)), shared by the fitter and the projections. Not re-exported.
//
// Each customer churns at the end of each period with probability θ ~ Beta(α, β), so the survivor function
// and churn probabilities are
//   S(t) = B(α, β+t)/B(α, β),          S(t) = S(t−1) · (β+t−1)/(α+β+t−1),  S(0) = 1
//   P(T = t) = B(α+1, β+t−1)/B(α, β) = S(t−1) − S(t).
import { logBeta } from "../internal/special.js";
import type { SbgParams } from "./types.js";

/** ln S(t) = ln B(α, β+t) − ln B(α, β). */
export function sbgLogSurvival(p: SbgParams, t: number): number {
  return t === 0 ? 0 : logBeta(p.alpha, p.beta + t) - logBeta(p.alpha, p.beta);
}

/** ln P(T = t), t ≥ 1. */
export function sbgLogChurn(p: SbgParams, t: number): number {
  return logBeta(p.alpha + 1, p.beta + t - 1) - logBeta(p.alpha, p.beta);
}

/**
 * Log-likelihood of a cohort's survivor counts n_0 ≥ n_1 ≥ … ≥ n_T (Fader & Hardie 2007, eq. 8):
 *   Σ_{t=1}^{T} (n_{t−1} − n_t) ln P(T = t) + n_T ln S(T).
 */
export function sbgLogLikelihood(p: SbgParams, survivors: ArrayLike<number>): number {
  const last = survivors.length - 1;
  let ll = 0;
  for (let t = 1; t <= last; t++) {
    const lost = survivors[t - 1]! - survivors[t]!;
    if (lost > 0) ll += lost * sbgLogChurn(p, t);
  }
  const alive = survivors[last]!;
  if (alive > 0) ll += alive * sbgLogSurvival(p, last);
  return ll;
}
