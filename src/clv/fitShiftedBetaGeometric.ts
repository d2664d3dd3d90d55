import { fitMaximumLikelihood } from "../internal/mle.js";
import { array, count, fail, nonNegativeNumber, optionsBag, show } from "../internal/validate.js";
import { readInitialParams } from "./readModel.js";
import { sbgLogLikelihood } from "./sbgMath.js";
import type { FittedModel, SbgParams } from "./types.js";

/**
 * Options of {@link fitShiftedBetaGeometric}.
 *
 * @category CLV
 * @example
 * ```ts
 * const options: FitShiftedBetaGeometricOptions = { initialParams: { alpha: 1, beta: 1 } };
 * ```
 */
export interface FitShiftedBetaGeometricOptions {
  /** L2 penalty: minimises the mean negative log-likelihood per customer plus `penalizer`·(α² + β²). Default 0. */
  penalizer?: number;
  /** Starting values. Default α = β = 1. */
  initialParams?: SbgParams;
  /** Optimiser iteration limit. Default 500. */
  maxIterations?: number;
}

/**
 * A fitted shifted-beta-geometric model.
 *
 * @category CLV
 * @example
 * ```ts
 * const fit: SbgFit = fitShiftedBetaGeometric([1000, 631, 468, 382, 326]);
 * fit.model;
 * // => "sbg"
 * ```
 */
export type SbgFit = FittedModel<{ model: "sbg"; params: SbgParams }>;

const FN = "fitShiftedBetaGeometric";
const NAMES = ["alpha", "beta"] as const;

/**
 * Fits the shifted-beta-geometric (sBG) model of contract renewal (Fader & Hardie 2007, "How to Project
 * Customer Retention", Journal of Interactive Marketing 21(1)) to one cohort's survivor counts by maximum
 * likelihood. Each customer churns at the end of every period with a constant probability θ, heterogeneous
 * across customers as θ ~ Beta(α, β), so that P(T = t) = B(α+1, β+t−1)/B(α, β) and
 * S(t) = B(α, β+t)/B(α, β); the log-likelihood is Σ_t (n_{t−1} − n_t) ln P(T = t) + n_last ln S(last)
 * (eq. 8), optimised by BFGS on log-parameters.
 *
 * A cohort in which nobody churns, everybody churns in the first period, or churn is as well explained by a
 * single rate for everybody (the homogeneous limit α, β → ∞, checked against the geometric model's
 * likelihood) does not identify the model: the fit says so (`converged: false`, with a `reason`).
 *
 * @param survivors - `survivors[t]`: customers of the cohort still subscribed after t renewal opportunities;
 *   `survivors[0]` is the cohort size. Whole numbers, non-increasing, `survivors[0]` > 0, at least two entries.
 * @param options - See {@link FitShiftedBetaGeometricOptions}.
 * @returns The fit: `params` `{ alpha, beta }`, total `logLikelihood`, `customers` (= `survivors[0]`),
 *   `converged`, `iterations`, `standardErrors`, `reason`.
 * @throws {RetentionKitError} INVALID_TYPE for a non-array, INVALID_NUMBER / NOT_INTEGER / NEGATIVE_VALUE
 *   for a bad count (path `survivors[t]`), INCONSISTENT_COUNTS when a count rises, INSUFFICIENT_DATA for
 *   fewer than two counts or an empty cohort, INVALID_OPTION / INVALID_PARAMETER for bad options.
 * @category CLV
 * @example
 * ```ts
 * // The "regular" cohort of Fader & Hardie (2007):
 * const fit = fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]);
 * fit.params.alpha.toFixed(3); // => "0.704"
 * fit.params.beta.toFixed(3); // => "1.182"
 * ```
 */
export function fitShiftedBetaGeometric(survivors: readonly number[], options?: FitShiftedBetaGeometricOptions): SbgFit {
  const opts = optionsBag(FN, options);
  const penalizer = opts["penalizer"] === undefined ? 0 : nonNegativeNumber(FN, opts["penalizer"], "options.penalizer");
  const maxIterations = opts["maxIterations"] === undefined ? undefined : nonNegativeNumber(FN, opts["maxIterations"], "options.maxIterations");
  const initial = readInitialParams(FN, opts["initialParams"], NAMES, { alpha: 1, beta: 1 });
  const counts = readSurvivors(FN, survivors);

  const fit = fitMaximumLikelihood(
    {
      names: NAMES,
      totalWeight: counts[0]!,
      initial: [initial.alpha, initial.beta],
      logLikelihood: (th) => sbgLogLikelihood({ alpha: th[0]!, beta: th[1]! }, counts),
    },
    { penalizer, maxIterations },
  );
  // The homogeneous limit α, β → ∞ (one churn rate θ for everybody) is the boundary of the sBG: when the fit
  // does no better than the geometric model, only α/(α+β) is identified, however large the cohort.
  const geometric = geometricLogLikelihood(counts);
  if (fit.logLikelihood <= geometric + 1e-7 * Math.abs(geometric) + 1e-9) {
    const note = "no heterogeneity detected: the cohort fits a single churn rate as well as the sBG, so only α/(α+β) is identified (α and β run off together)";
    return { model: "sbg", ...fit, converged: false, reason: fit.reason === null ? note : `${note}; ${fit.reason}` };
  }
  return { model: "sbg", ...fit };
}

/** Log-likelihood of the homogeneous geometric model at its MLE θ = churners / periods at risk. */
function geometricLogLikelihood(counts: Float64Array): number {
  const last = counts.length - 1;
  let churned = 0;
  let exposure = 0;
  for (let t = 1; t <= last; t++) {
    const lost = counts[t - 1]! - counts[t]!;
    churned += lost;
    exposure += lost * t;
  }
  exposure += counts[last]! * last;
  if (churned === 0 || churned === exposure) return 0;
  const theta = churned / exposure;
  return churned * Math.log(theta) + (exposure - churned) * Math.log1p(-theta);
}

/** Validates a survivor-count array (see {@link fitShiftedBetaGeometric}). */
function readSurvivors(fn: string, value: unknown): Float64Array {
  const arr = array<unknown>(fn, value, "survivors");
  if (arr.length < 2) {
    fail(fn, "INSUFFICIENT_DATA", `survivors must hold the cohort size and at least one later count, got ${show(arr)}`, "survivors");
  }
  const out = new Float64Array(arr.length);
  for (let t = 0; t < arr.length; t++) {
    const n = count(fn, arr[t], `survivors[${t}]`);
    if (t > 0 && n > out[t - 1]!) {
      fail(fn, "INCONSISTENT_COUNTS", `survivors must not increase: survivors[${t}] = ${n} > survivors[${t - 1}] = ${out[t - 1]!}`, `survivors[${t}]`);
    }
    out[t] = n;
  }
  if (!(out[0]! > 0)) fail(fn, "INSUFFICIENT_DATA", "survivors[0] (the cohort size) must be > 0", "survivors[0]");
  return out;
}
