import { optionsBag } from "../internal/validate.js";
import { confidenceOption, flagOption, intervalOption, npsFromTally, tallyResponses } from "../internal/nps.js";

/**
 * NPS survey results stored as counts, as many CRMs keep them.
 *
 * @category NPS
 * @example
 * ```ts
 * const counts: NpsCounts = { promoters: 50, passives: 30, detractors: 20 };
 * ```
 */
export interface NpsCounts {
  /** Answers of 9 or 10. */
  readonly promoters: number;
  /** Answers of 7 or 8 (0 when missing). */
  readonly passives?: number;
  /** Answers of 0 to 6. */
  readonly detractors: number;
}

/**
 * Options of {@link nps}.
 *
 * @category NPS
 * @example
 * ```ts
 * const options: NpsOptions = { confidence: 0.9, skipInvalid: true };
 * ```
 */
export interface NpsOptions {
  /** Confidence level of the interval, in (0, 1). Default 0.95 (z = 1.959964). */
  confidence?: number;
  /**
   * When true, answers that are not whole numbers 0..10 (blanks, `null`, `7.5`, `11`) are skipped and
   * counted in `skipped`; when false (default) the first one throws `INVALID_ANSWER` with its index.
   */
  skipInvalid?: boolean;
  /**
   * `"wald"` (default): the interval is score ± z·SE. `"adjustedWald"`: ¾ is added to the promoters and to
   * the detractors and 3 to n before the interval is computed (Rocks 2016), which keeps its coverage near
   * the nominal level in small samples and gives a non-zero width when every answer is in one category.
   */
  interval?: "wald" | "adjustedWald";
}

/**
 * The Net Promoter Score of a survey with its sampling uncertainty.
 *
 * @category NPS
 * @example
 * ```ts
 * const r: NpsResult = nps({ promoters: 50, passives: 30, detractors: 20 });
 * r.score;
 * // => 30
 * ```
 */
export interface NpsResult {
  /** NPS = 100 · (promoters − detractors) / total, in [−100, 100]; `null` when there are no answers. */
  score: number | null;
  /** Answers of 9 or 10. */
  promoters: number;
  /** Answers of 7 or 8. */
  passives: number;
  /** Answers of 0 to 6. */
  detractors: number;
  /** Valid answers counted. */
  total: number;
  /** Answers skipped as invalid (always 0 unless `skipInvalid` is set). */
  skipped: number;
  /** promoters / total, in [0, 1]; `null` when total is 0. */
  promoterShare: number | null;
  /** passives / total, in [0, 1]; `null` when total is 0. */
  passiveShare: number | null;
  /** detractors / total, in [0, 1]; `null` when total is 0. */
  detractorShare: number | null;
  /** Standard error of the score, in NPS points (see {@link nps}); `null` when total is 0. */
  standardError: number | null;
  /** z · standardError, in NPS points; `null` when total is 0. */
  marginOfError: number | null;
  /** Lower end of the interval, clipped to −100; `null` when total is 0. */
  lower: number | null;
  /** Upper end of the interval, clipped to 100; `null` when total is 0. */
  upper: number | null;
  /** The confidence level used. */
  confidence: number;
}

/**
 * Net Promoter Score (Reichheld 2003) with its margin of error and confidence interval.
 *
 * Answers to "How likely are you to recommend us?" on 0..10: promoters 9–10, passives 7–8, detractors 0–6.
 * With shares p (promoters) and d (detractors) of n answers:
 *
 * - NPS = 100 · (p − d), in [−100, 100];
 * - Var(p − d) = (p + d − (p − d)²) / n, the variance of the difference of two shares of one multinomial
 *   sample; SE = 100 · √Var, in NPS points;
 * - margin of error = z · SE with z = Φ⁻¹((1 + confidence) / 2) (1.959964 for 95 %);
 * - interval = NPS ± margin, clipped to [−100, 100].
 *
 * When every answer is a promoter, or every answer a detractor, or no answer is either (p, d ∈ {0, 1}
 * with p + d ∈ {0, 1}), the Wald SE is 0 and the interval collapses to the score: the data cannot show
 * spread, but the true score is still uncertain. Use `interval: "adjustedWald"` (Rocks 2016: add ¾ to
 * promoters and detractors and 3 to n; the interval is centred on the adjusted estimate) for small
 * samples and such extreme ones; `score` stays the raw NPS either way. With no answers, every
 * statistic is `null`.
 *
 * `responses` is either raw answers (any iterable of whole numbers 0..10) or counts
 * `{ promoters, passives, detractors }`; both give identical results.
 *
 * @param responses - answers 0..10, or counts `{ promoters, passives?, detractors }`
 * @param options - see {@link NpsOptions}
 * @returns the score, counts, shares, standard error, margin of error and interval
 * @throws RetentionKitError `INVALID_ANSWER` at `responses[i]` for an answer that is not a whole number
 *   0..10 (unless `skipInvalid`); `NOT_INTEGER` / `NEGATIVE_VALUE` at `responses.promoters` etc. for bad
 *   counts; `OUT_OF_RANGE` for `confidence` outside (0, 1); `INVALID_OPTION` for other bad options
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category NPS
 * @example
 * ```ts
 * const r = nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]);
 * [r.score, r.promoters, r.passives, r.detractors];
 * // => [20, 5, 2, 3]
 * // margin of error = 1.959964 · 100 · √((0.5 + 0.3 − 0.2²) / 10)
 * r.marginOfError?.toFixed(2);
 * // => "54.03"
 * nps({ promoters: 5, passives: 2, detractors: 3 }).upper?.toFixed(2);
 * // => "74.03"
 * ```
 */
export function nps(responses: Iterable<unknown> | NpsCounts, options?: NpsOptions): NpsResult {
  const fn = "nps";
  const o = optionsBag(fn, options, ["confidence", "skipInvalid", "interval"] as const satisfies readonly (keyof NpsOptions)[]);
  const { confidence, z } = confidenceOption(fn, o.confidence);
  const interval = intervalOption(fn, o.interval);
  const tally = tallyResponses(fn, responses, "responses", flagOption(fn, o.skipInvalid, "options.skipInvalid"));
  return npsFromTally(tally, z, confidence, interval);
}
