// Shifted-beta-geometric formulas (Fader & Hardie 2007, "How to Project Customer Retention", Journal of
// Interactive Marketing 21(1)), shared by the fitter and the projections. Not re-exported.
//
// Each customer churns at the end of each period with probability θ ~ Beta(α, β), so the survivor function
// and churn probabilities are
//   S(t) = B(α, β+t)/B(α, β),          S(t) = S(t−1) · (β+t−1)/(α+β+t−1),  S(0) = 1
//   P(T = t) = B(α+1, β+t−1)/B(α, β) = S(t−1) − S(t).
import type { SbgParams } from "./types.js";

/**
 * Log-likelihood of a cohort's survivor counts n_0 ≥ n_1 ≥ … ≥ n_T (Fader & Hardie 2007, eq. 8):
 *   Σ_{t=1}^{T} (n_{t−1} − n_t) ln P(T = t) + n_T ln S(T),
 * with ln S(t) accumulated as Σ_j log1p(−α/(α+β+j−1)) and ln P(T = t) = ln S(t−1) + ln(α/(α+β+t−1)): unlike
 * differences of ln B, these keep full precision when α and β are huge (a nearly homogeneous cohort).
 */
export function sbgLogLikelihood(p: SbgParams, survivors: ArrayLike<number>): number {
  const { alpha, beta } = p;
  const last = survivors.length - 1;
  let ll = 0;
  let logS = 0; // ln S(t−1)
  for (let t = 1; t <= last; t++) {
    const denom = alpha + beta + t - 1;
    const lost = survivors[t - 1]! - survivors[t]!;
    if (lost > 0) ll += lost * (logS + Math.log(alpha / denom));
    logS += Math.log1p(-alpha / denom);
  }
  const alive = survivors[last]!;
  if (alive > 0) ll += alive * logS;
  return ll;
}
