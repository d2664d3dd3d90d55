import { optionsBag } from "../internal/validate.js";
import { clean, confidenceOption, flagOption, intervalOption, npsMoments, tallyResponses, twoSidedPValue } from "../internal/nps.js";
import type { NpsCounts } from "./nps.js";

/**
 * Options of {@link npsDifference}.
 *
 * @category NPS
 * @example
 * ```ts
 * const options: NpsDifferenceOptions = { confidence: 0.9 };
 * ```
 */
export interface NpsDifferenceOptions {
  /** Confidence level of the interval, in (0, 1). Default 0.95. */
  confidence?: number;
  /** Skip answers that are not whole numbers 0..10 instead of throwing. Default false. */
  skipInvalid?: boolean;
  /**
   * `"wald"` (default) or `"adjustedWald"` (each survey adjusted as in {@link NpsOptions.interval}; the
   * difference, z and interval then use the adjusted estimates).
   */
  interval?: "wald" | "adjustedWald";
}

/**
 * The change in NPS between two surveys, with its test and interval.
 *
 * @category NPS
 * @example
 * ```ts
 * const d: NpsDifferenceResult = npsDifference({ promoters: 60, passives: 20, detractors: 20 }, { promoters: 50, passives: 20, detractors: 30 });
 * d.difference;
 * // => 20
 * ```
 */
export interface NpsDifferenceResult {
  /** NPS(a) − NPS(b), in NPS points (−200..200); `null` when either survey has no answers. */
  difference: number | null;
  /** √(SE(a)² + SE(b)²), in NPS points; `null` when either survey has no answers. */
  standardError: number | null;
  /** difference / standardError; `null` when undefined (no answers, or a standard error of 0). */
  z: number | null;
  /** Two-sided p-value 2·(1 − Φ(|z|)) of "no change"; `null` when `z` is. */
  pValue: number | null;
  /** Lower end of difference ± z·SE, clipped to −200; `null` when either survey has no answers. */
  lower: number | null;
  /** Upper end, clipped to 200; `null` when either survey has no answers. */
  upper: number | null;
  /** The confidence level used. */
  confidence: number;
}

/**
 * Compares the NPS of two independent surveys (different respondents, e.g. this quarter and last):
 * difference = NPS(a) − NPS(b), SE = √(SE(a)² + SE(b)²) with each SE from (p + d − (p − d)²) / n as in
 * {@link nps}, z = difference / SE, two-sided p = 2·(1 − Φ(|z|)), interval = difference ± z_c·SE. This
 * is the Wald test for a difference of two independent NPS estimates; for the same respondents asked
 * twice it overstates the SE (the surveys are not independent).
 *
 * Each argument is what {@link nps} accepts: raw answers, counts, or an {@link NpsResult} (which carries
 * the counts).
 *
 * @param a - the first survey (answers 0..10 or counts)
 * @param b - the survey to compare against
 * @param options - see {@link NpsDifferenceOptions}
 * @returns the difference in NPS points, its standard error, z, p-value and interval
 * @throws RetentionKitError `INVALID_ANSWER` at `a[i]` / `b[i]`; count errors at `a.promoters` etc.;
 *   `OUT_OF_RANGE` for `confidence`; `INVALID_OPTION`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category NPS
 * @example
 * ```ts
 * const d = npsDifference({ promoters: 60, passives: 20, detractors: 20 }, { promoters: 50, passives: 20, detractors: 30 });
 * [d.difference, d.standardError?.toFixed(2), d.pValue?.toFixed(3)];
 * // => [20, "11.83", "0.091"]
 * ```
 */
export function npsDifference(
  a: Iterable<unknown> | NpsCounts,
  b: Iterable<unknown> | NpsCounts,
  options?: NpsDifferenceOptions,
): NpsDifferenceResult {
  const fn = "npsDifference";
  const o = optionsBag(fn, options, ["confidence", "skipInvalid", "interval"] as const satisfies readonly (keyof NpsDifferenceOptions)[]);
  const { confidence, z: zc } = confidenceOption(fn, o.confidence);
  const interval = intervalOption(fn, o.interval);
  const skip = flagOption(fn, o.skipInvalid, "options.skipInvalid");
  const ma = npsMoments(tallyResponses(fn, a, "a", skip), interval);
  const mb = npsMoments(tallyResponses(fn, b, "b", skip), interval);
  if (ma.score === null || mb.score === null || ma.centre === null || mb.centre === null || ma.standardError === null || mb.standardError === null) {
    return { difference: null, standardError: null, z: null, pValue: null, lower: null, upper: null, confidence };
  }
  const difference = clean(ma.centre - mb.centre);
  const se = Math.hypot(ma.standardError, mb.standardError);
  const z = se > 0 ? clean(difference / se) : null;
  const clip = (x: number): number => clean(Math.min(200, Math.max(-200, x)));
  return {
    difference,
    standardError: se,
    z,
    pValue: z === null ? null : twoSidedPValue(z),
    lower: clip(difference - zc * se),
    upper: clip(difference + zc * se),
    confidence,
  };
}
