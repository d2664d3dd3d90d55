import type { CustomerSummary, Transaction } from "../data/types.js";
import { addTransactions } from "./internal/foldTransactions.js";
import { summaryOptions } from "./internal/summaryOptions.js";
import { SummaryState } from "./internal/summaryState.js";
import type { SummarizeOptions } from "./types.js";

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
 * @param options - see {@link SummarizeOptions}; `observationEnd` is required (`asOf` is accepted as its synonym)
 * @returns one summary per customer with a transaction on or before `observationEnd`; `[]` for no rows
 * Likely mistakes are refused with the fix in the message (the rules of every transaction reader):
 * numeric times that all look like epoch seconds (`INVALID_DATE`, see {@link parseTime}); no row with an
 * `amount` while the first carries a spend under another name such as `value` or `price` (`INVALID_INPUT`
 * at `transactions[0].amount`; give the rows `amount: 0` when they truly have no spend); a missing
 * `customerId` or `at` beside a `customer_id` or `date` column; numbers written as text.
 *
 * @throws RetentionKitError `INVALID_DATE`, `INVALID_CUSTOMER_ID`, `NEGATIVE_AMOUNT`, `INVALID_NUMBER`,
 *   `INVALID_TYPE` naming the row (`transactions[3].at`); `INVALID_INPUT` for a misnamed spend;
 *   `INVALID_UNIT` / `INVALID_OPTION` for options;
 *   `OUT_OF_RANGE` (path `transactions`) when a customer's amounts add up to more than `Number.MAX_VALUE`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Summary
 * @example
 * ```ts
 * const rows = [
 *   { customerId: "a", at: "2024-01-01", amount: 10 },
 *   { customerId: "a", at: "2024-01-01", amount: 5 },
 *   { customerId: "a", at: "2024-01-15", amount: 20 },
 *   { customerId: "b", at: "2024-01-10", amount: 8 },
 * ];
 * summarizeTransactions(rows, { observationEnd: "2024-01-31", unit: "day" }).map((s) => [s.customerId, s.frequency, s.recency, s.T, s.monetaryValue, s.unit]);
 * // => [["a", 1, 14, 30, 20, "day"], ["b", 0, 0, 21, 0, "day"]]
 * ```
 */
export function summarizeTransactions(
  transactions: Iterable<Transaction>,
  options: SummarizeOptions,
): CustomerSummary[] {
  const fn = "summarizeTransactions";
  const o = summaryOptions(fn, options);
  const state = new SummaryState(o.period, o.observationEndMs, fn, "transactions");
  addTransactions(fn, transactions, "transactions", state);
  return state.summaries(o.unit, o.monetary);
}
