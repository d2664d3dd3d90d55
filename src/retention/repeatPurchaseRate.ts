import { summarizeTransactions } from "../summary/summarizeTransactions.js";
import type { TimeInput, TimeUnit } from "../data/time.js";
import type { Transaction } from "../data/types.js";
import { time, periodStartMs } from "../internal/time.js";
import { forEachTransaction, unitOption } from "../internal/transactions.js";
import { fail, optionsBag } from "../internal/validate.js";

/**
 * Options of {@link repeatPurchaseRate}.
 *
 * @category Retention
 * @example
 * ```ts
 * const options: RepeatPurchaseOptions = { from: "1997-01-01", to: "1997-09-30", period: "day" };
 * ```
 */
export interface RepeatPurchaseOptions {
  /** Start of the window: purchases from the start of this `period` (UTC day or ISO week) on count. Default: no lower bound. */
  from?: TimeInput;
  /** End of the window: purchases up to the end of this `period` count. Default: the latest purchase. */
  to?: TimeInput;
  /** Purchases in the same UTC `"day"` (default) or ISO `"week"` are one purchase, as in {@link summarizeTransactions}. */
  period?: TimeUnit;
}

/**
 * The repeat purchase rate: the share of customers who bought in more than one purchase period within the
 * window — those with `frequency > 0` in {@link summarizeTransactions}, whose definitions it reuses.
 *
 * Formula: `RPR = |{customers with ≥ 2 distinct purchase periods in the window}| / |{customers with a purchase in the window}|`.
 * Several orders on one day count once with `period: "day"`, so a split basket is not a repeat purchase.
 *
 * @param transactions - `{ customerId, at, amount? }` rows, any order
 * @param options - the window and purchase period; see {@link RepeatPurchaseOptions}
 * @returns the rate in [0, 1]; `null` when no customer bought in the window
 * @throws RetentionKitError `INVALID_DATE` (`transactions[4].at`), `INVALID_CUSTOMER_ID`, `NEGATIVE_AMOUNT`;
 *   `INVALID_UNIT` for `period`; `INVALID_RANGE` when `from` is after `to`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Retention
 * @example
 * ```ts
 * const rows = [
 *   { customerId: "a", at: "2024-01-01" }, { customerId: "a", at: "2024-01-01" },
 *   { customerId: "b", at: "2024-01-02" }, { customerId: "b", at: "2024-02-10" },
 *   { customerId: "c", at: "2024-01-05" },
 * ];
 * repeatPurchaseRate(rows);
 * // => 0.3333333333333333
 * repeatPurchaseRate(rows, { to: "2024-01-31" });
 * // => 0
 * ```
 */
export function repeatPurchaseRate(transactions: Iterable<Transaction>, options?: RepeatPurchaseOptions): number | null {
  const fn = "repeatPurchaseRate";
  const o = optionsBag(fn, options, ["from", "to", "period"] as const satisfies readonly (keyof RepeatPurchaseOptions)[]);
  const period = unitOption(fn, o.period, "options.period", "day");
  const from = o.from === undefined ? Number.NEGATIVE_INFINITY : periodStartMs(time(fn, o.from, "options.from"), period);
  const to = o.to === undefined ? null : time(fn, o.to, "options.to");
  if (to !== null && !(from <= to)) fail(fn, "INVALID_RANGE", "options.from is after options.to", "options.from");
  const rows: Transaction[] = [];
  let last = Number.NEGATIVE_INFINITY;
  forEachTransaction(fn, transactions, "transactions", (customerId, at) => {
    if (at < from) return;
    rows.push({ customerId, at, amount: 0 }); // amounts do not count here (and may add up past the doubles)
    if (at > last) last = at;
  });
  if (rows.length === 0) return null;
  const summaries = summarizeTransactions(rows, { observationEnd: to ?? last, period });
  if (summaries.length === 0) return null;
  let repeaters = 0;
  for (const s of summaries) if (s.frequency > 0) repeaters++;
  return repeaters / summaries.length;
}
