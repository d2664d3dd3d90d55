import { array, count, fail, nonNegativeNumber, numberInRange, record } from "../internal/validate.js";
import type { KaplanMeierCurve } from "./kaplanMeier.js";

/**
 * The result of {@link restrictedMeanSurvival}.
 *
 * @category Retention
 * @example
 * ```ts
 * const r: RestrictedMean = { estimate: 18.9, standardError: 1.49, horizon: 24 };
 * ```
 */
export interface RestrictedMean {
  /** ∫₀^τ S(t) dt: the mean time survived up to the horizon, in the curve's unit, in [0, τ]. */
  estimate: number;
  /** Its standard error, as R's `se(rmean)`, ≥ 0. */
  standardError: number;
  /** The horizon τ used. */
  horizon: number;
}

/**
 * The restricted mean survival time (RMST) of a Kaplan–Meier curve up to a horizon τ, with its standard
 * error — the `rmean` and `se(rmean)` of R's `print(survfit(...), rmean = τ)`.
 *
 * - Estimate: the area under the step curve, μ(τ) = ∫₀^τ S(t) dt = Σ S(tᵢ₋₁)·(min(tᵢ, τ) − tᵢ₋₁) over the
 *   listed times up to τ (S = 1 before the first); past the last listed time S stays at its last value, as
 *   R extends it (Royston & Parmar 2013 on the RMST; R's `survival:::survmean`).
 * - Standard error: Var μ(τ) = Σ_{tᵢ < τ} A(tᵢ, τ)² · dᵢ / (nᵢ(nᵢ − dᵢ)), with A(tᵢ, τ) = ∫_{tᵢ}^τ S the area
 *   after tᵢ (the Greenwood-type delta method; terms with nᵢ = dᵢ are 0, as in R).
 * The restricted mean equals τ when no event falls before τ. O(length of the curve).
 *
 * @param curve - a curve from {@link kaplanMeier} (its `times`, `atRisk`, `events` and `survival`)
 * @param horizon - τ ≥ 0, in the curve's unit
 * @returns the restricted mean, its standard error and the horizon
 * @throws RetentionKitError `INVALID_NUMBER` / `INVALID_TYPE` for a `horizon` that is not a finite number or a
 *   malformed curve (`curve.times[4]`); `NEGATIVE_VALUE` for a negative horizon or count; `NOT_INTEGER` for a
 *   fractional count; `OUT_OF_RANGE` for a survival value outside [0, 1]; `INVALID_INPUT` when the arrays
 *   differ in length, the times are not increasing, or events exceed those at risk; `OUT_OF_RANGE` for a
 *   horizon so large (near 1e308) that the standard error overflows
 * @category Retention
 * @example
 * ```ts
 * // R's aml data, "Maintained" group: 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+
 * const t = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161];
 * const e = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0];
 * const km = kaplanMeier(t.map((d, i) => ({ duration: d, event: e[i] === 1 })));
 * const r = restrictedMeanSurvival(km, 40);
 * [+r.estimate.toFixed(3), +r.standardError.toFixed(3)];
 * // => [28.898, 3.468]
 * ```
 */
export function restrictedMeanSurvival(
  curve: Pick<KaplanMeierCurve, "times" | "atRisk" | "events" | "survival">,
  horizon: number,
): RestrictedMean {
  const fn = "restrictedMeanSurvival";
  const c = record(fn, curve, "curve");
  const times = array<unknown>(fn, c.times, "curve.times");
  const atRisk = array<unknown>(fn, c.atRisk, "curve.atRisk");
  const events = array<unknown>(fn, c.events, "curve.events");
  const survival = array<unknown>(fn, c.survival, "curve.survival");
  const len = times.length;
  for (const [name, a] of [["atRisk", atRisk], ["events", events], ["survival", survival]] as const) {
    if (a.length !== len) fail(fn, "INVALID_INPUT", `curve.${name} must have the length of curve.times (${a.length} ≠ ${len})`, `curve.${name}`);
  }
  const tau = nonNegativeNumber(fn, horizon, "horizon");

  // The listed times up to τ, with their S and Greenwood increments h = d/(n(n − d)) (0 when n = d).
  const ts: number[] = [];
  const ss: number[] = [];
  const hs: number[] = [];
  let prev = Number.NEGATIVE_INFINITY;
  let eventBefore = false;
  for (let i = 0; i < len; i++) {
    const t = nonNegativeNumber(fn, times[i], `curve.times[${i}]`);
    if (!(t > prev)) fail(fn, "INVALID_INPUT", `curve.times must be increasing, got ${t} after ${prev} at curve.times[${i}]`, `curve.times[${i}]`);
    prev = t;
    if (t > tau) break;
    const n = count(fn, atRisk[i], `curve.atRisk[${i}]`);
    const d = count(fn, events[i], `curve.events[${i}]`);
    if (!(d <= n)) fail(fn, "INVALID_INPUT", `curve.events[${i}] must not exceed curve.atRisk[${i}] (${d} > ${n})`, `curve.events[${i}]`);
    ts.push(t);
    ss.push(numberInRange(fn, survival[i], `curve.survival[${i}]`, 0, 1));
    hs.push(n === d ? 0 : d / (n * (n - d)));
    if (d > 0 && t < tau) eventBefore = true;
  }
  // Rectangles: from 0 to the first time at S = 1, then S(tᵢ) from each time to the next (or to τ). Areas
  // are summed as fractions of τ so that squares cannot overflow; with no event before τ, S = 1 throughout
  // and the mean is τ exactly.
  const m = ts.length;
  if (!eventBefore) return { estimate: tau, standardError: 0, horizon: tau };
  let area = 0; // area from tᵢ to τ
  let after = 0; // the same over τ, so that its square cannot overflow
  let variance = 0; // over τ²
  for (let i = m - 1; i >= 0; i--) {
    const next = i + 1 < m ? ts[i + 1]! : tau;
    area += ss[i]! * (next - ts[i]!);
    after += ss[i]! * ((next - ts[i]!) / tau);
    variance += after * after * hs[i]!;
  }
  const sum = (m > 0 ? ts[0]! : tau) + area;
  const estimate = Math.min(tau, Number.isFinite(sum) ? sum : (m > 0 ? ts[0]! : tau) + after * tau);
  const standardError = tau * Math.sqrt(variance);
  if (!Number.isFinite(standardError)) {
    fail(fn, "OUT_OF_RANGE", `horizon ${tau} is too large: the standard error of the restricted mean overflows a double`, "horizon");
  }
  return { estimate, standardError, horizon: tau };
}
