import { fail, integerAtLeast, iterable, numericStringHint, optionsBag, show } from "../internal/validate.js";
import { confidenceOption, flagOption } from "../internal/nps.js";

/**
 * Options of {@link csat}.
 *
 * @category NPS
 * @example
 * ```ts
 * const options: CsatOptions = { scale: 7, satisfiedFrom: 6 };
 * ```
 */
export interface CsatOptions {
  /** The highest answer; answers are whole numbers `min`..`scale`. Default 5. */
  scale?: number;
  /** The lowest answer. Default 1. */
  min?: number;
  /** Answers ≥ this count as satisfied. Default: the top two boxes (`scale − 1`, i.e. 4 and 5 of 5). */
  satisfiedFrom?: number;
  /** Confidence level of the Wilson interval, in (0, 1). Default 0.95. */
  confidence?: number;
  /** Skip answers that are not whole numbers `min`..`scale` (counted in `skipped`) instead of throwing. Default false. */
  skipInvalid?: boolean;
}

/**
 * A CSAT score with its interval.
 *
 * @category NPS
 * @example
 * ```ts
 * const r: CsatResult = csat([5, 4, 2]);
 * r.satisfied;
 * // => 2
 * ```
 */
export interface CsatResult {
  /** Share of satisfied answers, satisfied / total, in [0, 1]; `null` when there are no answers. */
  score: number | null;
  /** Answers ≥ `satisfiedFrom`. */
  satisfied: number;
  /** Valid answers counted. */
  total: number;
  /** Answers skipped as invalid (0 unless `skipInvalid`). */
  skipped: number;
  /** Lower end of the Wilson score interval, in [0, 1]; `null` when there are no answers. */
  lower: number | null;
  /** Upper end of the Wilson score interval, in [0, 1]; `null` when there are no answers. */
  upper: number | null;
  /** The confidence level used. */
  confidence: number;
}

/**
 * Customer-satisfaction score (CSAT): the share of answers at or above `satisfiedFrom` on a `min`..`scale`
 * rating (by default the "top-two-box" share of a 1–5 scale), with a Wilson score interval (Wilson 1927):
 * with share p̂ of n answers and z = Φ⁻¹((1 + confidence) / 2),
 * centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z·√(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n).
 * Unlike p̂ ± z·√(p̂(1 − p̂)/n), it stays inside [0, 1] and keeps a width when p̂ is 0 or 1.
 *
 * @param responses - ratings, whole numbers `min`..`scale`
 * @param options - see {@link CsatOptions}
 * @returns the satisfied share, counts and its interval
 * @throws RetentionKitError `INVALID_ANSWER` at `responses[i]` (unless `skipInvalid`); `NOT_INTEGER` /
 *   `OUT_OF_RANGE` / `INVALID_OPTION` for options (`satisfiedFrom` must lie in `min`..`scale`)
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category NPS
 * @example
 * ```ts
 * const r = csat([5, 4, 4, 3, 5, 2, 5, 4, 1, 5]);
 * [r.score, r.lower?.toFixed(3), r.upper?.toFixed(3)];
 * // => [0.7, "0.397", "0.892"]
 * ```
 */
export function csat(responses: Iterable<unknown>, options?: CsatOptions): CsatResult {
  const fn = "csat";
  const o = optionsBag(fn, options, ["scale", "min", "satisfiedFrom", "confidence", "skipInvalid"] as const satisfies readonly (keyof CsatOptions)[]);
  const scale = o.scale === undefined ? 5 : integerAtLeast(fn, o.scale, "options.scale", 1);
  const min = o.min === undefined ? 1 : integerAtLeast(fn, o.min, "options.min", Number.MIN_SAFE_INTEGER);
  if (!(min < scale)) fail(fn, "INVALID_OPTION", `options.min must be below options.scale, got ${min} and ${scale}`, "options.min");
  const satisfiedFrom = o.satisfiedFrom === undefined ? Math.max(min, scale - 1) : integerAtLeast(fn, o.satisfiedFrom, "options.satisfiedFrom", min);
  if (!(satisfiedFrom <= scale)) {
    fail(fn, "OUT_OF_RANGE", `options.satisfiedFrom must be in ${min}..${scale}, got ${show(satisfiedFrom)}`, "options.satisfiedFrom");
  }
  const { confidence, z } = confidenceOption(fn, o.confidence);
  const skip = flagOption(fn, o.skipInvalid, "options.skipInvalid");
  let satisfied = 0;
  let total = 0;
  let skipped = 0;
  let i = 0;
  for (const a of iterable<unknown>(fn, responses, "responses")) {
    if (typeof a === "number" && Number.isInteger(a) && a >= min && a <= scale) {
      total++;
      if (a >= satisfiedFrom) satisfied++;
    } else if (skip) skipped++;
    else fail(fn, "INVALID_ANSWER", `responses[${i}] must be a whole number ${min}..${scale}, got ${show(a)}${numericStringHint(a)}`, `responses[${i}]`);
    i++;
  }
  if (total === 0) return { score: null, satisfied, total, skipped, lower: null, upper: null, confidence };
  const [lower, upper] = wilson(satisfied, total, z);
  return { score: satisfied / total, satisfied, total, skipped, lower, upper, confidence };
}

/** Wilson score interval for k successes in n > 0 trials. */
function wilson(k: number, n: number, z: number): [number, number] {
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At p̂ = 0 (or 1) the lower (upper) end is exactly 0 (1); avoid rounding just outside [0, 1].
  return [k === 0 ? 0 : Math.max(0, centre - half), k === n ? 1 : Math.min(1, centre + half)];
}
