import type { TimeInput } from "../data/time.js";
import { DAY_MS, dayIndex, isoWeekStartDay, monthIndex, monthStartMs, periodCount, periodInDateRange, time } from "../internal/time.js";
import { fail, iterable, numericStringHint, oneOf, optionsBag, record, show } from "../internal/validate.js";
import { addAnswer, confidenceOption, flagOption, intervalOption, isNpsAnswer, npsFromTally, type Tally } from "../internal/nps.js";
import type { NpsResult } from "./nps.js";

/**
 * One dated NPS answer.
 *
 * @category NPS
 * @example
 * ```ts
 * const r: DatedNpsResponse = { at: "2024-03-05", answer: 9 };
 * ```
 */
export interface DatedNpsResponse {
  /** When the answer was given (UTC). */
  readonly at: TimeInput;
  /** The answer, a whole number 0..10. */
  readonly answer: number;
}

/**
 * A calendar period of an NPS series.
 *
 * @category NPS
 * @example
 * ```ts
 * const p: NpsPeriod = "quarter";
 * ```
 */
export type NpsPeriod = "day" | "week" | "month" | "quarter" | "year";

/**
 * Options of {@link npsByPeriod}.
 *
 * @category NPS
 * @example
 * ```ts
 * const options: NpsByPeriodOptions = { period: "month", interval: "adjustedWald" };
 * ```
 */
export interface NpsByPeriodOptions {
  /** UTC calendar period: `"day"`, `"week"` (ISO, Monday start), `"month"`, `"quarter"` or `"year"`. Required. */
  period: NpsPeriod;
  /** Confidence level of each period's interval, in (0, 1). Default 0.95. */
  confidence?: number;
  /** Skip rows whose answer is not a whole number 0..10 (counted in the period's `skipped`). Default false. */
  skipInvalid?: boolean;
  /** `"wald"` (default) or `"adjustedWald"`, as in {@link NpsOptions.interval}. */
  interval?: "wald" | "adjustedWald";
  /**
   * Include periods without answers between the first and the last (score `null`). Default true. A filled
   * range holds at most 100 000 periods (273 years of days); a longer one is refused with `OUT_OF_RANGE`.
   */
  fillGaps?: boolean;
}

/**
 * The NPS of one period.
 *
 * @category NPS
 * @example
 * ```ts
 * const row: NpsPeriodRow = npsByPeriod([{ at: "2024-01-10", answer: 10 }], { period: "month" })[0]!;
 * row.periodStart;
 * // => 1704067200000
 * ```
 */
export interface NpsPeriodRow extends NpsResult {
  /** Epoch ms of the period's first instant (UTC). */
  periodStart: number;
  /** Epoch ms of the next period's first instant (the period is [periodStart, periodEnd)). */
  periodEnd: number;
}

/**
 * An NPS series: answers grouped by UTC calendar period, each period scored as {@link nps} scores a
 * survey (score, counts, shares, standard error, interval). Periods are in time order; by default the
 * periods without answers between the first and the last are included with `total` 0 and `null`
 * statistics, so a chart's x-axis has no holes. Small periods have wide intervals: read them before
 * reading a movement (or compare two periods with {@link npsDifference}).
 *
 * Bounds: with `fillGaps` (the default) the first to the last period may span at most 100 000 periods;
 * further apart is refused with `OUT_OF_RANGE` at `options.period` (two dates that far apart are almost
 * surely a placeholder or a unit mistake; a coarser `period` or `fillGaps: false` also avoids it). Every
 * period lies inside the Date range: an answer in the first or last day, week, month, quarter or year of it
 * (−271821 / +275760), whose period would start or end beyond what a Date holds, is refused with
 * `OUT_OF_RANGE` at its `at`.
 *
 * @param responses - rows `{ at, answer }`, any order
 * @param options - see {@link NpsByPeriodOptions}; `period` is required
 * @returns one row per period, oldest first; `[]` for no rows
 * @throws RetentionKitError `INVALID_DATE` at `responses[i].at`; `INVALID_ANSWER` at `responses[i].answer`
 *   (unless `skipInvalid`); `INVALID_OPTION` for a missing or unknown `period`; `OUT_OF_RANGE` for `confidence`,
 *   for more than 100 000 filled periods (`options.period`) and for an answer whose period leaves the Date
 *   range (`responses[i].at`)
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category NPS
 * @example
 * ```ts
 * const rows = npsByPeriod(
 *   [{ at: "2024-01-05", answer: 10 }, { at: "2024-01-20", answer: 3 }, { at: "2024-03-02", answer: 9 }],
 *   { period: "month" },
 * );
 * rows.map((r) => [new Date(r.periodStart).toISOString().slice(0, 7), r.score]);
 * // => [["2024-01", 0], ["2024-02", null], ["2024-03", 100]]
 * ```
 */
export function npsByPeriod(responses: Iterable<DatedNpsResponse>, options: NpsByPeriodOptions): NpsPeriodRow[] {
  const fn = "npsByPeriod";
  const o = optionsBag(fn, options, ["period", "confidence", "skipInvalid", "interval", "fillGaps"] as const satisfies readonly (keyof NpsByPeriodOptions)[]);
  if (o.period === undefined) fail(fn, "INVALID_OPTION", "options.period is required", "options.period");
  const period = oneOf(fn, o.period, "options.period", ["day", "week", "month", "quarter", "year"] as const);
  const { confidence, z } = confidenceOption(fn, o.confidence);
  const interval = intervalOption(fn, o.interval);
  const skip = flagOption(fn, o.skipInvalid, "options.skipInvalid");
  const fillGaps = o.fillGaps === undefined ? true : flagOption(fn, o.fillGaps, "options.fillGaps");

  const step = period === "week" ? 7 : 1;
  const tallies = new Map<number, Tally>();
  // the rows holding the earliest and the latest period, named when the range is refused
  let first = { key: Number.POSITIVE_INFINITY, row: -1 };
  let last = { key: Number.NEGATIVE_INFINITY, row: -1 };
  let i = 0;
  for (const row of iterable<unknown>(fn, responses, "responses")) {
    const path = `responses[${i}]`;
    const r = record(fn, row, path);
    const key = periodKey(period, time(fn, r.at, `${path}.at`));
    if (key < first.key) first = { key, row: i };
    if (key > last.key) last = { key, row: i };
    let t = tallies.get(key);
    if (t === undefined) tallies.set(key, (t = { promoters: 0, passives: 0, detractors: 0, skipped: 0 }));
    const answer = r.answer; // read once: the value checked is the value counted
    if (isNpsAnswer(answer)) addAnswer(t, answer);
    else if (skip) t.skipped++;
    else fail(fn, "INVALID_ANSWER", `${path}.answer must be a whole number 0..10, got ${show(answer)}${numericStringHint(answer)}`, `${path}.answer`);
    i++;
  }
  if (tallies.size === 0) return [];
  // Every period's bounds must be times a Date can hold: only the first and last periods can fail.
  periodInDateRange(fn, keyStart(period, first.key), keyStart(period, first.key + step), period, `responses[${first.row}].at`);
  periodInDateRange(fn, keyStart(period, last.key), keyStart(period, last.key + step), period, `responses[${last.row}].at`);
  const keys = [...tallies.keys()].sort((a, b) => a - b);
  const all: number[] = [];
  if (fillGaps) {
    periodCount(
      fn,
      (last.key - first.key) / step + 1,
      `the ${period}s from responses[${first.row}].at to responses[${last.row}].at`,
      `pass a coarser options.period, or options.fillGaps: false to list only the periods with answers (check those two dates first: one may be a placeholder or in seconds)`,
      "options.period",
    );
    for (let k = first.key; k <= last.key; k += step) all.push(k);
  }
  const out: NpsPeriodRow[] = [];
  for (const k of fillGaps ? all : keys) {
    const t = tallies.get(k) ?? { promoters: 0, passives: 0, detractors: 0, skipped: 0 };
    out.push({ periodStart: keyStart(period, k), periodEnd: keyStart(period, k + step), ...npsFromTally(t, z, confidence, interval) });
  }
  return out;
}

/** An integer key per period: day index, Monday's day index, or months / quarters / years since 1970. */
function periodKey(period: NpsPeriod, ms: number): number {
  switch (period) {
    case "day":
      return dayIndex(ms);
    case "week":
      return isoWeekStartDay(dayIndex(ms));
    case "month":
      return monthIndex(ms);
    case "quarter":
      return Math.floor(monthIndex(ms) / 3);
    case "year":
      return Math.floor(monthIndex(ms) / 12);
  }
}

function keyStart(period: NpsPeriod, k: number): number {
  switch (period) {
    case "day":
    case "week":
      return k * DAY_MS;
    case "month":
      return monthStartMs(k);
    case "quarter":
      return monthStartMs(3 * k);
    case "year":
      return monthStartMs(12 * k);
  }
}
