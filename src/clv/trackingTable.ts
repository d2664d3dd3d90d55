import type { TimeInput, TimeUnit } from "../data/time.js";
import type { Transaction } from "../data/types.js";
import { DAY_MS, requiredAsOf, time, unitMs } from "../internal/time.js";
import { forEachTransaction, unitOption } from "../internal/transactions.js";
import { unitMismatch } from "../internal/units.js";
import { fail, optionsBag, show } from "../internal/validate.js";
import { cumulativeExpected } from "./expectedCumulativeTransactions.js";
import { expectedKernel } from "./transactionKernels.js";
import { readTransactionModel } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";

/**
 * Options of {@link trackingTable}.
 *
 * @category CLV
 * @example
 * ```ts
 * const o: TrackingTableOptions = { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", period: "week", unit: "week" };
 * ```
 */
export interface TrackingTableOptions {
  /** Last day of the calibration period (the cohort is every customer whose first purchase is on or before it). Required. */
  calibrationEnd: TimeInput;
  /** Last day of the table (end of the holdout period), not before `calibrationEnd`. Required. */
  observationEnd: TimeInput;
  /** Length of each row: `"week"` (default, 7 days from the cohort's first day) or `"day"`. */
  period?: TimeUnit;
  /** The model's time unit: `"week"` or `"day"`. Default: the model's `unit`, else `"week"`. */
  unit?: TimeUnit;
}

/**
 * One period of a {@link trackingTable}.
 *
 * @category CLV
 * @example
 * ```ts
 * const row: TrackingTableRow = {
 *   period: 1, start: 852076800000, end: 852681600000, time: 1, calibration: true,
 *   actual: 17, expected: 17.2, cumulativeActual: 17, cumulativeExpected: 17.2,
 * };
 * ```
 */
export interface TrackingTableRow {
  /** 1, 2, …: the period's number from the cohort's first day. */
  period: number;
  /** Epoch ms at which the period starts (UTC midnight). */
  start: number;
  /** Epoch ms at which it ends (exclusive); the last period ends with `observationEnd`'s day, so it may be shorter. */
  end: number;
  /** `end` in the model's time unit from the cohort's first day: the time at which `cumulativeExpected` is taken. */
  time: number;
  /** Whether the period lies within the calibration period (it ends on or before the end of `calibrationEnd`'s day). */
  calibration: boolean;
  /** Repeat transactions of the cohort in the period (distinct purchase days after each customer's first). */
  actual: number;
  /** Expected repeat transactions in the period (the step of `cumulativeExpected`). */
  expected: number;
  /** Repeat transactions from the cohort's first day to the end of the period. */
  cumulativeActual: number;
  /** {@link expectedCumulativeTransactions} at `time`. */
  cumulativeExpected: number;
}

const KNOWN_KEYS = ["calibrationEnd", "observationEnd", "period", "unit"] as const satisfies readonly (keyof TrackingTableOptions)[];

/**
 * The longest span, in days, from the cohort's first purchase to `observationEnd` (about 27 years). Births
 * and period ends fall on whole days, so E[X] is evaluated once per whole-day age: at most this many times
 * (25 µs each at ordinary ages, up to ~1 ms at ages hundreds of times α, where the BG/NBD family takes its
 * quadrature).
 */
const MAX_SPAN_DAYS = 10_000;
/** The most (distinct first-purchase days) × (periods) in the sums over cached ages. */
const MAX_WORK = 20_000_000;

/**
 * The tracking table of a fitted model: per period (week or day) the cohort's actual and expected repeat
 * transactions, cumulative and incremental, across calibration and holdout, each period marked as in
 * calibration or not — the data of BTYD's tracking plots and of lifetimes' `plot_cumulative_transactions`
 * / `plot_incremental_transactions`.
 *
 * The cohort is every customer whose first purchase is on or before `calibrationEnd`'s day. Purchases are
 * merged by UTC day, as {@link summarizeTransactions} does by default: a customer's repeat transactions are
 * their distinct purchase days after the first. Periods run from the cohort's first day (period k covers
 * days 7(k−1) … 7k−1 for weeks) to the end of `observationEnd`'s day (the last period may be shorter); a customer born b units after
 * that first day is expected to have made E[X(t − b)] repeat transactions by time t, so the expected
 * column is {@link expectedCumulativeTransactions} with each customer's birth at the end of periods
 * (BTYD: births `max(T.cal) − T.cal`; on CDNOW with the published BG/NBD parameters 2505.14 by week 39
 * and 4171.43 by week 78, against 2457 and 4339 actual).
 *
 * @param transactions - rows `{ customerId, at, amount? }`, any order, any iterable (amounts are not used)
 * @param model - a BG/NBD, MBG/NBD or Pareto/NBD model in `unit`s (a fitted model works as is)
 * @param options - see {@link TrackingTableOptions}; `calibrationEnd` and `observationEnd` are required
 * @returns one row per period, in order; `[]` when no transaction is on or before `calibrationEnd`
 * @throws RetentionKitError `INVALID_MODEL` for a BG/BB model (its clock counts opportunities: use
 *   {@link expectedCumulativeTransactions}) or a bad model; `INVALID_OPTION` for a missing date;
 *   `INVALID_RANGE` when `calibrationEnd` is after `observationEnd`; `UNIT_MISMATCH` when `unit` is not the
 *   model's; `OUT_OF_RANGE` for a span of more than 10 000 days from the cohort's first purchase, or more than 2e7 (distinct first-purchase days × periods); row errors as
 *   {@link summarizeTransactions}; `UNKNOWN_OPTION` for an unknown key of `options`
 * @category CLV
 * @example
 * ```ts
 * const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, unit: "week" } as const;
 * const rows = [
 *   { customerId: 1, at: "2024-01-01" }, { customerId: 1, at: "2024-01-09" },
 *   { customerId: 2, at: "2024-01-03" }, { customerId: 1, at: "2024-01-20" },
 * ];
 * trackingTable(rows, bgnbd, { calibrationEnd: "2024-01-14", observationEnd: "2024-01-21" })
 *   .map((r) => [r.period, r.calibration, r.cumulativeActual, Number(r.cumulativeExpected.toFixed(3))]);
 * // => [[1, true, 0, 0.092], [2, true, 1, 0.193], [3, false, 2, 0.288]]
 * ```
 */
export function trackingTable(transactions: Iterable<Transaction>, model: TransactionModel, options: TrackingTableOptions): TrackingTableRow[] {
  const fn = "trackingTable";
  const m = readTransactionModel(fn, model);
  if (m.model === "bg-bb") {
    fail(fn, "INVALID_MODEL", "model must be a BG/NBD, MBG/NBD or Pareto/NBD model: a BG/BB model counts opportunities, not calendar time (use expectedCumulativeTransactions with births and times in opportunities)", "model.model");
  }
  if (options === undefined) fail(fn, "INVALID_OPTION", "options { calibrationEnd, observationEnd } are required", "options");
  const o = optionsBag(fn, options, KNOWN_KEYS);
  if (o.calibrationEnd === undefined) fail(fn, "INVALID_OPTION", "options.calibrationEnd is required", "options.calibrationEnd");
  const calEndDay = Math.floor(time(fn, o.calibrationEnd, "options.calibrationEnd") / DAY_MS);
  const endDay = Math.floor(requiredAsOf(fn, { asOf: undefined, observationEnd: o.observationEnd }, "observationEnd") / DAY_MS);
  if (!(endDay >= calEndDay)) fail(fn, "INVALID_RANGE", "options.calibrationEnd must not be after options.observationEnd", "options.calibrationEnd");
  const period = unitOption(fn, o.period, "options.period", "week");
  const unit = unitOption(fn, o.unit, "options.unit", m.unit ?? "week");
  if (m.unit !== undefined && unit !== m.unit) unitMismatch(fn, "options.unit", unit, "model.unit", m.unit, `Leave unit out to use the model's, or fit the model on summaries in ${unit}s`);
  // Each customer's distinct purchase days up to observationEnd's day.
  const days = new Map<unknown, number[]>();
  forEachTransaction(fn, transactions, "transactions", (id, ms) => {
    const d = Math.floor(ms / DAY_MS);
    if (d > endDay) return;
    const list = days.get(id);
    if (list === undefined) days.set(id, [d]);
    else list.push(d);
  });
  const firsts: number[] = [];
  const repeats: number[] = [];
  for (const list of days.values()) {
    list.sort((a, b) => a - b);
    const first = list[0]!;
    if (first > calEndDay) continue;
    firsts.push(first);
    for (let i = 1; i < list.length; i++) if (list[i] !== list[i - 1]) repeats.push(list[i]!);
  }
  if (firsts.length === 0) return [];
  let origin = firsts[0]!;
  for (const f of firsts) origin = Math.min(origin, f);
  const step = period === "week" ? 7 : 1;
  const span = endDay - origin + 1;
  if (!(span <= MAX_SPAN_DAYS)) {
    fail(fn, "OUT_OF_RANGE", `the table would span ${show(span)} days from the cohort's first purchase to options.observationEnd (at most ${MAX_SPAN_DAYS}, about 27 years); use a later calibration cohort or an earlier observationEnd`, "options.observationEnd");
  }
  const periods = Math.floor((endDay - origin) / step) + 1;
  const perUnit = unitMs(unit) / DAY_MS;
  // Births and period ends in whole days from the origin: ages are whole days, each evaluated once.
  const born = Float64Array.from(firsts, (f) => f - origin);
  const distinctBirths = new Set(firsts).size;
  if (!(distinctBirths * periods <= MAX_WORK)) {
    fail(fn, "OUT_OF_RANGE", `the table would take ${show(distinctBirths)} first-purchase days × ${show(periods)} periods of expectations (at most ${MAX_WORK}); use period: "week" or a shorter range`, "options.observationEnd");
  }
  const atDays = Float64Array.from({ length: periods }, (_, k) => Math.min((k + 1) * step, span));
  const cache = new Float64Array(span + 1).fill(-1);
  const ageExpected = (days: number): number => {
    let v = cache[days]!;
    if (v < 0) v = cache[days] = expectedKernel(m, days / perUnit);
    return v;
  };
  const expected = cumulativeExpected(fn, m, born, atDays, "periods", ageExpected);
  const actual = new Float64Array(periods);
  for (const d of repeats) actual[Math.floor((d - origin) / step)]!++;
  const out: TrackingTableRow[] = [];
  let cumulative = 0;
  for (let k = 0; k < periods; k++) {
    cumulative += actual[k]!;
    const lastDay = origin + Math.min((k + 1) * step, span) - 1;
    out.push({
      period: k + 1,
      start: (origin + k * step) * DAY_MS,
      end: (lastDay + 1) * DAY_MS,
      time: atDays[k]! / perUnit,
      calibration: lastDay <= calEndDay,
      actual: actual[k]!,
      expected: expected[k]! - (k === 0 ? 0 : expected[k - 1]!),
      cumulativeActual: cumulative,
      cumulativeExpected: expected[k]!,
    });
  }
  return out;
}
