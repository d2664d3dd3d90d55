import { exactMean, midpoint } from "../internal/exactSum.js";
import { fail, finiteNumber, iterable, oneOf, optionsBag, show } from "../internal/validate.js";
import { flagOption } from "../internal/nps.js";

/**
 * A customer's satisfaction class.
 *
 * @category NPS
 * @example
 * ```ts
 * const c: SatisfactionLevel = "high";
 * ```
 */
export type SatisfactionLevel = "high" | "mid" | "low";

/**
 * Options of {@link satisfactionClass}.
 *
 * @category NPS
 * @example
 * ```ts
 * // a 1–5 CSAT scale: mean ≥ 4.5 high, below 3.5 low
 * const options: SatisfactionClassOptions = { min: 1, max: 5, highFrom: 4.5, lowBelow: 3.5 };
 * ```
 */
export interface SatisfactionClassOptions {
  /** The lowest possible answer. Default 0 (the 0..10 likelihood-to-recommend scale). */
  min?: number;
  /** The highest possible answer. Default 10. */
  max?: number;
  /** The summary ≥ this is `"high"`. Default 9 (the promoter band); required when the scale is not 0..10. */
  highFrom?: number;
  /** The summary < this is `"low"`. Default 7 (the detractor band); required when the scale is not 0..10. */
  lowBelow?: number;
  /** How the customer's answers are summarised: `"mean"` (default), `"median"` or `"last"` (the most recent, i.e. the last given). */
  statistic?: "mean" | "median" | "last";
  /** Skip answers outside `min`..`max` (or not numbers) instead of throwing. Default false. */
  skipInvalid?: boolean;
}

/**
 * Classifies one customer's satisfaction from their survey answers as high / mid / low: the answers are
 * summarised (mean by default) and compared with two cut-offs. The defaults follow the NPS bands on the
 * 0..10 scale: high ≥ 9 (promoter-like), low < 7 (detractor-like), mid between. Answers need not be
 * whole numbers (averaged item scores are fine), but must lie on the scale.
 *
 * @param answers - the customer's answers, oldest first
 * @param options - see {@link SatisfactionClassOptions}
 * @returns `"high"`, `"mid"` or `"low"`; `null` when the customer has no (valid) answers
 * @throws RetentionKitError `INVALID_ANSWER` at `answers[i]` (unless `skipInvalid`); `INVALID_OPTION`
 *   when the scale is not 0..10 and the cut-offs are missing, or when `lowBelow` > `highFrom`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category NPS
 * @example
 * ```ts
 * [satisfactionClass([9, 10]), satisfactionClass([8, 6]), satisfactionClass([3])];
 * // => ["high", "mid", "low"]
 * satisfactionClass([2, 5], { min: 1, max: 5, highFrom: 4.5, lowBelow: 3.5, statistic: "last" });
 * // => "high"
 * ```
 */
export function satisfactionClass(answers: Iterable<unknown>, options?: SatisfactionClassOptions): SatisfactionLevel | null {
  const fn = "satisfactionClass";
  const o = optionsBag(fn, options, ["min", "max", "highFrom", "lowBelow", "statistic", "skipInvalid"] as const satisfies readonly (keyof SatisfactionClassOptions)[]);
  const min = o.min === undefined ? 0 : finiteNumber(fn, o.min, "options.min");
  const max = o.max === undefined ? 10 : finiteNumber(fn, o.max, "options.max");
  if (!(min < max)) fail(fn, "INVALID_OPTION", `options.min must be below options.max, got ${min} and ${max}`, "options.min");
  const standard = min === 0 && max === 10;
  if (!standard && (o.highFrom === undefined || o.lowBelow === undefined)) {
    fail(fn, "INVALID_OPTION", "options.highFrom and options.lowBelow are required when the scale is not 0..10", o.highFrom === undefined ? "options.highFrom" : "options.lowBelow");
  }
  const highFrom = o.highFrom === undefined ? 9 : finiteNumber(fn, o.highFrom, "options.highFrom");
  const lowBelow = o.lowBelow === undefined ? 7 : finiteNumber(fn, o.lowBelow, "options.lowBelow");
  if (!(lowBelow <= highFrom)) fail(fn, "INVALID_OPTION", `options.lowBelow must be ≤ options.highFrom, got ${lowBelow} and ${highFrom}`, "options.lowBelow");
  const statistic = o.statistic === undefined ? "mean" : oneOf(fn, o.statistic, "options.statistic", ["mean", "median", "last"] as const);
  const skip = flagOption(fn, o.skipInvalid, "options.skipInvalid");
  const values: number[] = [];
  let i = 0;
  for (const a of iterable<unknown>(fn, answers, "answers")) {
    if (typeof a === "number" && a >= min && a <= max) values.push(a);
    else if (!skip) fail(fn, "INVALID_ANSWER", `answers[${i}] must be a number ${min}..${max}, got ${show(a)}`, `answers[${i}]`);
    i++;
  }
  if (values.length === 0) return null;
  let s: number;
  if (statistic === "last") s = values[values.length - 1]!;
  else if (statistic === "mean") s = exactMean(values);
  else {
    values.sort((a, b) => a - b);
    const m = values.length >> 1;
    s = values.length % 2 === 1 ? values[m]! : midpoint(values[m - 1]!, values[m]!);
  }
  return s >= highFrom ? "high" : s < lowBelow ? "low" : "mid";
}
