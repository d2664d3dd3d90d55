import type { TimeInput } from "../data/time.js";
import { DAY_MS, dayIndex, isoWeekStartDay, monthIndex, monthStartMs, time } from "../internal/time.js";
import { fail, iterable, oneOf, optionsBag, record, show } from "../internal/validate.js";
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
  /** Include periods without answers between the first and the last (score `null`). Default true. */
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
 * @param responses - rows `{ at, answer }`, any order
 * @param options - see {@link NpsByPeriodOptions}; `period` is required
 * @returns one row per period, oldest first; `[]` for no rows
 * @throws RetentionKitError `INVALID_DATE` at `responses[i].at`; `INVALID_ANSWER` at `responses[i].answer`
 *   (unless `skipInvalid`); `INVALID_OPTION` for a missing or unknown `period`; `OUT_OF_RANGE` for `confidence`
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
  const o = optionsBag(fn, options);
  if (o.period === undefined) fail(fn, "INVALID_OPTION", "options.period is required", "options.period");
  const period = oneOf(fn, o.period, "options.period", ["day", "week", "month", "quarter", "year"] as const);
  const { confidence, z } = confidenceOption(fn, o.confidence);
  const interval = intervalOption(fn, o.interval);
  const skip = flagOption(fn, o.skipInvalid, "options.skipInvalid");
  const fillGaps = o.fillGaps === undefined ? true : flagOption(fn, o.fillGaps, "options.fillGaps");

  const tallies = new Map<number, Tally>();
  let i = 0;
  for (const row of iterable<unknown>(fn, responses, "responses")) {
    const path = `responses[${i}]`;
    const r = record(fn, row, path);
    const key = periodKey(period, time(fn, r.at, `${path}.at`));
    let t = tallies.get(key);
    if (t === undefined) tallies.set(key, (t = { promoters: 0, passives: 0, detractors: 0, skipped: 0 }));
    const answer = r.answer; // read once: the value checked is the value counted
    if (isNpsAnswer(answer)) addAnswer(t, answer);
    else if (skip) t.skipped++;
    else fail(fn, "INVALID_ANSWER", `${path}.answer must be a whole number 0..10, got ${show(answer)}`, `${path}.answer`);
    i++;
  }
  const keys = [...tallies.keys()].sort((a, b) => a - b);
  if (keys.length === 0) return [];
  const step = period === "week" ? 7 : 1;
  const all: number[] = [];
  if (fillGaps) for (let k = keys[0]!; k <= keys[keys.length - 1]!; k += step) all.push(k);
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
