import { fitMaximumLikelihood } from "../internal/mle.js";
import { MAX_TOTAL_WEIGHT, tooHeavy } from "../internal/patterns.js";
import { array, count, fail, nonNegativeNumber, optionsBag, show } from "../internal/validate.js";
import { readInitialParams, readMaxIterations } from "./readModel.js";
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
  /** Optimiser iteration limit, a whole number 0..10 000 (0 evaluates the starting values). Default 500. */
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
 *   Several cohorts (e.g. one per signup month, each observed for as long as it has existed) are fitted jointly
 *   when given as an array of such arrays, `survivors[c][t]` (their log-likelihoods add up; a cohort may then
 *   hold only its size).
 * @param options - See {@link FitShiftedBetaGeometricOptions}.
 * @returns The fit: `params` `{ alpha, beta }`, total `logLikelihood`, `customers` (the cohort size, or the sum
 *   of the sizes),
 *   `converged`, `iterations`, `standardErrors`, `reason`.
 * @throws {RetentionKitError} INVALID_TYPE for a non-array, INVALID_NUMBER / NOT_INTEGER / NEGATIVE_VALUE
 *   for a bad count (path `survivors[t]`, or `survivors[c][t]`), INCONSISTENT_COUNTS when a count rises,
 *   INSUFFICIENT_DATA for fewer than two counts or an empty cohort, OUT_OF_RANGE when the cohort sizes add up to
 *   more than Number.MAX_SAFE_INTEGER customers, INVALID_OPTION / INVALID_PARAMETER for bad options.
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category CLV
 * @example
 * ```ts
 * // The "regular" cohort of Fader & Hardie (2007):
 * const fit = fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]);
 * fit.params.alpha.toFixed(3); // => "0.704"
 * fit.params.beta.toFixed(3); // => "1.182"
 * // Two signup cohorts observed for 3 and 1 years, fitted together:
 * fitShiftedBetaGeometric([[500, 320, 240, 195], [480, 300]]).customers; // => 980
 * ```
 */
export function fitShiftedBetaGeometric(
  survivors: readonly number[] | readonly (readonly number[])[],
  options?: FitShiftedBetaGeometricOptions,
): SbgFit {
  const opts = optionsBag(FN, options, ["penalizer", "initialParams", "maxIterations"] as const satisfies readonly (keyof FitShiftedBetaGeometricOptions)[]);
  const penalizer = opts["penalizer"] === undefined ? 0 : nonNegativeNumber(FN, opts["penalizer"], "options.penalizer");
  const maxIterations = readMaxIterations(FN, opts["maxIterations"], 0);
  const initial = readInitialParams(FN, opts["initialParams"], NAMES, { alpha: 1, beta: 1 });
  const cohorts = readCohorts(FN, survivors);
  let customers = 0;
  cohorts.forEach((c, i) => {
    customers += c[0]!;
    if (!(customers <= MAX_TOTAL_WEIGHT)) tooHeavy(FN, cohorts.length === 1 && !Array.isArray(survivors[0]) ? "survivors[0]" : `survivors[${i}][0]`, customers);
  });

  const fit = fitMaximumLikelihood(
    {
      names: NAMES,
      totalWeight: customers,
      initial: [initial.alpha, initial.beta],
      logLikelihood: (th) => {
        const p = { alpha: th[0]!, beta: th[1]! };
        let ll = 0;
        for (const c of cohorts) ll += sbgLogLikelihood(p, c);
        return ll;
      },
    },
    { penalizer, maxIterations },
  );
  // The homogeneous limit α, β → ∞ (one churn rate θ for everybody) is the boundary of the sBG: when the fit
  // does no better than the geometric model, only α/(α+β) is identified, however large the cohort.
  const geometric = geometricLogLikelihood(cohorts);
  if (fit.logLikelihood <= geometric + 1e-7 * Math.abs(geometric) + 1e-9) {
    const note = "no heterogeneity detected: the cohort fits a single churn rate as well as the sBG, so only α/(α+β) is identified (α and β run off together)";
    return { model: "sbg", ...fit, converged: false, reason: fit.reason === null ? note : `${note}; ${fit.reason}` };
  }
  return { model: "sbg", ...fit };
}

/** Log-likelihood of the homogeneous geometric model at its MLE θ = churners / periods at risk. */
function geometricLogLikelihood(cohorts: readonly Float64Array[]): number {
  let churned = 0;
  let exposure = 0;
  for (const counts of cohorts) {
    const last = counts.length - 1;
    for (let t = 1; t <= last; t++) {
      const lost = counts[t - 1]! - counts[t]!;
      churned += lost;
      exposure += lost * t;
    }
    exposure += counts[last]! * last;
  }
  if (churned === 0 || churned === exposure) return 0;
  const theta = churned / exposure;
  return churned * Math.log(theta) + (exposure - churned) * Math.log1p(-theta);
}

/** Validates one cohort's or several cohorts' survivor counts (see {@link fitShiftedBetaGeometric}). */
function readCohorts(fn: string, value: unknown): Float64Array[] {
  const arr = array<unknown>(fn, value, "survivors");
  if (arr.length > 0 && Array.isArray(arr[0])) {
    const cohorts = arr.map((c, i) => readSurvivors(fn, c, `survivors[${i}]`, 1));
    if (!cohorts.some((c) => c.length >= 2 && c[0]! > 0)) {
      fail(fn, "INSUFFICIENT_DATA", "survivors must hold at least one non-empty cohort observed for at least one renewal opportunity", "survivors");
    }
    return cohorts;
  }
  const one = readSurvivors(fn, arr, "survivors", 2);
  if (!(one[0]! > 0)) fail(fn, "INSUFFICIENT_DATA", "survivors[0] (the cohort size) must be > 0", "survivors[0]");
  return [one];
}

/** Validates one cohort's counts at `path`: whole, non-increasing, at least `minLength` of them. */
function readSurvivors(fn: string, value: unknown, path: string, minLength: number): Float64Array {
  const arr = array<unknown>(fn, value, path);
  if (arr.length < minLength) {
    fail(fn, "INSUFFICIENT_DATA", `${path} must hold the cohort size and at least ${minLength - 1} later count(s), got ${show(arr)}`, path);
  }
  const out = new Float64Array(arr.length);
  for (let t = 0; t < arr.length; t++) {
    const n = count(fn, arr[t], `${path}[${t}]`);
    if (t > 0 && n > out[t - 1]!) {
      fail(fn, "INCONSISTENT_COUNTS", `${path} must not increase: ${path}[${t}] = ${n} > ${path}[${t - 1}] = ${out[t - 1]!}`, `${path}[${t}]`);
    }
    out[t] = n;
  }
  return out;
}
