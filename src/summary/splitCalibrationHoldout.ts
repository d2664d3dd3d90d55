import type { AsOfTime, TimeInput, TimeUnit } from "../data/time.js";
import type { CustomerSummary, Transaction } from "../data/types.js";
import { periodIndexOf, periodStart, requiredAsOf, unitMs } from "../internal/time.js";
import { forEachTransaction } from "../internal/transactions.js";
import { fail, oneOf, optionsBag } from "../internal/validate.js";
import { readSummaryOptions } from "./internal/summaryOptions.js";
import { SummaryState } from "./internal/summaryState.js";

/**
 * Options of {@link splitCalibrationHoldout}. `observationEnd` (required, not before `calibrationEnd`) is
 * the end of the holdout period: later transactions are left out; `asOf` is accepted as its exact synonym
 * ({@link AsOfTime}).
 *
 * @category Summary
 * @example
 * ```ts
 * const o: CalibrationHoldoutOptions = { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", unit: "week" };
 * ```
 */
export type CalibrationHoldoutOptions = AsOfTime & {
  /** Last instant of the calibration period (its whole `period` belongs to calibration). Required. */
  calibrationEnd: TimeInput;
  /** Purchase period: `"day"` (default) or `"week"`. */
  period?: TimeUnit;
  /** Unit of recency, T and holdout duration: `"week"` (default, as {@link summarizeTransactions}) or `"day"`; each row records it as its `unit`. */
  unit?: TimeUnit;
  /** Calibration monetary convention, as in {@link SummarizeOptions}. Default `"repeat"`. */
  monetary?: "repeat" | "all";
  /**
   * How `holdoutMonetaryValue` averages: `"period"` (default) — mean spend per holdout purchase period, the
   * same convention as the calibration spend; `"transaction"` — plain mean over holdout rows, which is what
   * lifetimes' `calibration_and_holdout_data` does.
   */
  holdoutMonetary?: "period" | "transaction";
};

/**
 * A calibration summary with what the same customer did in the holdout period.
 *
 * @category Summary
 * @example
 * ```ts
 * const row: CalibrationHoldoutRow = {
 *   customerId: 1, frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35, transactionCount: 3,
 *   totalAmount: 73.99, firstAt: 852076800000, lastAt: 870480000000,
 *   holdoutFrequency: 1, holdoutMonetaryValue: 26.48, holdoutDuration: 39, holdoutTransactionCount: 1, holdoutAmount: 26.48,
 * };
 * ```
 */
export interface CalibrationHoldoutRow extends CustomerSummary {
  /** Distinct purchase periods in the holdout (every holdout purchase is a repeat purchase). */
  holdoutFrequency: number;
  /** Mean holdout spend (see `holdoutMonetary` of {@link CalibrationHoldoutOptions}); 0 with no holdout purchase. */
  holdoutMonetaryValue: number;
  /** Length of the holdout period in `unit`s (period start to period start). */
  holdoutDuration: number;
  /** Holdout transaction rows. */
  holdoutTransactionCount: number;
  /** Total holdout spend. */
  holdoutAmount: number;
}

/**
 * Splits transactions at `calibrationEnd` into a calibration summary per customer (as
 * {@link summarizeTransactions} with `observationEnd = calibrationEnd`) and that customer's holdout
 * behaviour up to `observationEnd` — the setup used to validate buy-till-you-die models (Fader, Hardie &
 * Lee 2005; lifetimes' `calibration_and_holdout_data`). A transaction belongs to calibration when its
 * period is on or before `calibrationEnd`'s period; customers whose first purchase is in the holdout are not
 * in the result. Rows after `observationEnd`'s period are left out.
 *
 * @param transactions - rows `{ customerId, at, amount? }`, any order, any iterable
 * @param options - see {@link CalibrationHoldoutOptions}; `calibrationEnd` and `observationEnd` are required
 *   (`asOf` is accepted as a synonym of `observationEnd`)
 * @returns one row per calibration customer, sorted by `customerId`; `[]` for no rows
 * @throws RetentionKitError `INVALID_RANGE` when `calibrationEnd` is after `observationEnd`; row errors as
 *   {@link summarizeTransactions}
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Summary
 * @example
 * ```ts
 * const rows = [
 *   { customerId: 1, at: "2024-01-01", amount: 10 },
 *   { customerId: 1, at: "2024-01-08", amount: 12 },
 *   { customerId: 1, at: "2024-02-05", amount: 30 },
 *   { customerId: 2, at: "2024-02-01", amount: 9 },
 * ];
 * splitCalibrationHoldout(rows, { calibrationEnd: "2024-01-31", observationEnd: "2024-02-29", unit: "week" })
 *   .map((r) => [r.customerId, r.frequency, r.holdoutFrequency, r.holdoutMonetaryValue, r.holdoutDuration]);
 * // => [[1, 1, 1, 30, 4.142857142857143]]
 * ```
 */
export function splitCalibrationHoldout(
  transactions: Iterable<Transaction>,
  options: CalibrationHoldoutOptions,
): CalibrationHoldoutRow[] {
  const fn = "splitCalibrationHoldout";
  const bag = optionsBag(fn, options, ["calibrationEnd", "observationEnd", "asOf", "period", "unit", "monetary", "holdoutMonetary"] as const satisfies readonly (keyof CalibrationHoldoutOptions)[]);
  const o = readSummaryOptions(fn, bag, "calibrationEnd");
  const endMs = requiredAsOf(fn, bag, "observationEnd");
  if (!(endMs >= o.observationEndMs)) {
    fail(fn, "INVALID_RANGE", "options.calibrationEnd must not be after options.observationEnd", "options.calibrationEnd");
  }
  const holdoutMean =
    bag.holdoutMonetary === undefined
      ? "period"
      : oneOf(fn, bag.holdoutMonetary, "options.holdoutMonetary", ["period", "transaction"] as const);
  const calibration = new SummaryState(o.period, o.observationEndMs, fn, "transactions");
  const holdout = new SummaryState(o.period, endMs, fn, "transactions");
  const calEndP = calibration.lastPeriod;
  forEachTransaction(fn, transactions, "transactions", (id, ms, amount) => {
    if (periodIndexOf(ms, o.period) <= calEndP) calibration.add(id, ms, amount);
    else holdout.add(id, ms, amount);
  });
  const holdoutDuration = (periodStart(holdout.lastPeriod, o.period) - periodStart(calEndP, o.period)) / unitMs(o.unit);
  const holdoutIndex = new Map<unknown, number>();
  holdout.ids.forEach((id, j) => holdoutIndex.set(id, j));
  const out: CalibrationHoldoutRow[] = [];
  for (const i of calibration.order()) {
    const row = calibration.row(i, o.unit, o.monetary);
    const j = holdoutIndex.get(row.customerId);
    const periods = j === undefined ? 0 : holdout.distinct[j]!;
    const rows = j === undefined ? 0 : holdout.rows[j]!;
    const amount = j === undefined ? 0 : holdout.total[j]!;
    const divisor = holdoutMean === "period" ? periods : rows;
    out.push({
      ...row,
      holdoutFrequency: periods,
      holdoutMonetaryValue: divisor > 0 ? amount / divisor : 0,
      holdoutDuration,
      holdoutTransactionCount: rows,
      holdoutAmount: amount,
    });
  }
  return out;
}
