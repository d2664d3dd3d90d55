import { SummaryState } from "../internal/summaryState.js";
import { addTransactions, summaryOptions } from "../internal/transactions.js";
import type { TimeInput, TimeUnit } from "./time.js";
import type { CustomerSummary, Transaction } from "./types.js";

/**
 * Options of {@link summarizeTransactions}.
 *
 * @category Data
 * @example
 * ```ts
 * const options: SummarizeOptions = { observationEnd: "1997-09-30", period: "day", unit: "week" };
 * ```
 */
export interface SummarizeOptions {
  /** The end of observation; transactions in later periods are left out (as in lifetimes). Required. */
  observationEnd: TimeInput;
  /** Transactions in the same UTC `"day"` or ISO `"week"` (Monday start) merge into one purchase. Default `"day"`. */
  period?: TimeUnit;
  /** The unit of `recency` and `T`: `"day"` or `"week"` (7 days, fractional). Default `"day"`. */
  unit?: TimeUnit;
  /**
   * `"repeat"` (default): `monetaryValue` is the mean spend of the repeat purchase periods, as the
   * Gamma-Gamma model expects; `"all"`: the mean over every purchase period, the first included.
   */
  monetary?: "repeat" | "all";
}

/**
 * Folds transactions into one buy-till-you-die summary per customer (Fader, Hardie & Lee 2005; the same
 * numbers as Python lifetimes' `summary_data_from_transaction_data`).
 *
 * - Transactions in the same `period` (UTC day or ISO week) merge into one purchase; their amounts add.
 * - `frequency` = distinct purchase periods − 1 (repeat purchases).
 * - `recency` = start of the first purchase period → start of the last, in `unit`s.
 * - `T` = start of the first purchase period → start of the period containing `observationEnd`, in `unit`s.
 * - `monetaryValue` = mean spend of the repeat purchase periods (0 when `frequency` is 0).
 *
 * Transactions in a period after `observationEnd`'s are left out, not refused, so a back-test can pass the
 * whole log. Input may be unsorted and any iterable; it is read once. Memory grows with customers and their
 * distinct purchase periods, not with rows. Output is sorted by `customerId` (numbers first, ascending;
 * then strings), so it does not depend on the input's order; nor do the numbers: amounts are summed exactly
 * (error-free transformations) and rounded once, so `totalAmount` is the double nearest the exact sum and
 * any order of the rows gives the same bits. Rows with numeric `at` (epoch ms) take the
 * fast path; for logs of millions of rows, `summarizeColumns` (typed-array columns) avoids the row objects,
 * `createSummaryAccumulator` folds batches and merges parts, and `summarySql` runs the same summary in a
 * database.
 *
 * @param transactions - rows `{ customerId, at, amount? }`
 * @param options - see {@link SummarizeOptions}; `observationEnd` is required
 * @returns one summary per customer with a transaction on or before `observationEnd`; `[]` for no rows
 * @throws RetentionKitError `INVALID_DATE`, `INVALID_CUSTOMER_ID`, `NEGATIVE_AMOUNT`, `INVALID_NUMBER`,
 *   `INVALID_TYPE` naming the row (`transactions[3].at`); `INVALID_UNIT` / `INVALID_OPTION` for options;
 *   `OUT_OF_RANGE` (path `transactions`) when a customer's amounts add up to more than `Number.MAX_VALUE`
 * @category Data
 * @example
 * ```ts
 * const rows = [
 *   { customerId: "a", at: "2024-01-01", amount: 10 },
 *   { customerId: "a", at: "2024-01-01", amount: 5 },
 *   { customerId: "a", at: "2024-01-15", amount: 20 },
 *   { customerId: "b", at: "2024-01-10", amount: 8 },
 * ];
 * summarizeTransactions(rows, { observationEnd: "2024-01-31" }).map((s) => [s.customerId, s.frequency, s.recency, s.T, s.monetaryValue]);
 * // => [["a", 1, 14, 30, 20], ["b", 0, 0, 21, 0]]
 * ```
 */
export function summarizeTransactions(
  transactions: Iterable<Transaction>,
  options: SummarizeOptions,
): CustomerSummary[] {
  const fn = "summarizeTransactions";
  const o = summaryOptions(fn, options, "observationEnd");
  const state = new SummaryState(o.period, o.observationEndMs, fn, "transactions");
  addTransactions(fn, transactions, "transactions", state);
  return state.summaries(o.unit, o.monetary);
}
