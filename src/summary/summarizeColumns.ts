import type { CustomerSummary, TransactionColumns } from "../data/types.js";
import { addColumns } from "./internal/foldTransactions.js";
import { summaryOptions } from "./internal/summaryOptions.js";
import { SummaryState } from "./internal/summaryState.js";
import type { summarizeTransactions } from "./summarizeTransactions.js";
import type { SummarizeOptions } from "./types.js";

/**
 * {@link summarizeTransactions} over columns instead of row objects: the same buy-till-you-die summary per
 * customer (same period merging, repeat-spend mean and observation-end rule, same output order), computed
 * by the same code, without allocating anything per row. Memory grows with customers and their distinct
 * purchase periods, not with rows.
 *
 * @param columns - `{ customerId, at, amount? }` of equal length; see {@link TransactionColumns}
 * @param options - as {@link summarizeTransactions}; `observationEnd` is required (`asOf` is accepted as its synonym)
 * @returns one summary per customer, sorted by `customerId` (numbers first, ascending; then strings)
 * @throws RetentionKitError `INVALID_TYPE` when a column is not an array or typed array (or dictionary codes
 *   not an `Int32Array` / `Uint32Array`), `INVALID_INPUT` when lengths differ (path `columns.at`),
 *   `INVALID_DATE` / `INVALID_CUSTOMER_ID` / `NEGATIVE_AMOUNT` / `INVALID_NUMBER` naming the value
 *   (`columns.at[3]`; a dictionary code outside the dictionary: `columns.customerId.codes[3]`), `DUPLICATE_ID`
 *   when a dictionary lists an id twice (`columns.customerId.dictionary[5]`), `INVALID_UNIT` / `INVALID_OPTION` for options,
 *   `OUT_OF_RANGE` (path `columns.amount`) when a customer's amounts add up to more than `Number.MAX_VALUE`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Summary
 * @example
 * ```ts
 * const columns = {
 *   customerId: Int32Array.of(1, 1, 1, 2),
 *   at: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 15), Date.UTC(2024, 0, 10)),
 *   amount: Float64Array.of(10, 5, 20, 8),
 * };
 * summarizeColumns(columns, { observationEnd: "2024-01-31", unit: "day" }).map((s) => [s.customerId, s.frequency, s.recency, s.T, s.monetaryValue]);
 * // => [[1, 1, 14, 30, 20], [2, 0, 0, 21, 0]]
 * ```
 */
export function summarizeColumns(columns: TransactionColumns, options: SummarizeOptions): CustomerSummary[] {
  const fn = "summarizeColumns";
  const o = summaryOptions(fn, options);
  const state = new SummaryState(o.period, o.observationEndMs, fn, "columns.amount");
  addColumns(fn, columns, "columns", state, true);
  return state.summaries(o.unit, o.monetary);
}
