import type { SummarizeOptions, summarizeTransactions } from "../data/summarizeTransactions.js";
import type { CustomerId, TimeUnit } from "../data/time.js";
import type { CustomerSummary, Transaction } from "../data/types.js";
import { SummaryState } from "../internal/summaryState.js";
import { addColumns, addTransactions, isColumns, summaryOptions } from "../internal/transactions.js";
import type { DictionaryIds, summarizeColumns, TransactionColumns } from "./summarizeColumns.js";

/**
 * Customer summaries as one array per field: value `k` of every array belongs to customer `k`. The same
 * numbers as {@link CustomerSummary} rows, without an object per customer — the form to write to a
 * column store, hand to Arrow, or keep in memory for millions of customers. Plain arrays of numbers, so it
 * serialises with `JSON.stringify`.
 *
 * @category Engine
 * @example
 * ```ts
 * const table: SummaryTable = {
 *   customerId: [1, 2], frequency: [1, 0], recency: [14, 0], T: [30, 21], monetaryValue: [20, 0],
 *   transactionCount: [3, 1], totalAmount: [35, 8], firstAt: [1704067200000, 1704844800000],
 *   lastAt: [1705276800000, 1704844800000], unit: "day", observationEnd: 1706659200000,
 * };
 * ```
 */
export interface SummaryTable {
  /** Customer ids, sorted as {@link summarizeTransactions} sorts its rows (numbers ascending, then strings). */
  customerId: CustomerId[];
  /** Repeat purchases (see {@link CustomerSummary.frequency}). */
  frequency: number[];
  /** First to last purchase period, in `unit`s. */
  recency: number[];
  /** First purchase period to the observation end's period, in `unit`s. */
  T: number[];
  /** Mean spend of the repeat periods (or of all periods with `monetary: "all"`). */
  monetaryValue: number[];
  /** Transaction rows folded in. */
  transactionCount: number[];
  /** Total spend. */
  totalAmount: number[];
  /** Epoch ms of the earliest transaction. */
  firstAt: number[];
  /** Epoch ms of the latest transaction counted. */
  lastAt: number[];
  /** The time unit of `recency` and `T` (see {@link CustomerSummary.unit}). */
  unit: TimeUnit;
  /** The observation end the table was summarised at, epoch ms (`T` runs to the start of its period). */
  observationEnd: number;
}

/**
 * {@link summarizeTransactions} with columns out: the same summary per customer, computed by the same code,
 * returned as a {@link SummaryTable} (one array per field) instead of one object per customer. From
 * transaction rows (any iterable) or from {@link TransactionColumns}; typed columns with small integer ids
 * are the fastest input, and string ids are fastest dictionary-encoded ({@link DictionaryIds}; see
 * {@link summarizeColumns}). On a million customers, building a million row
 * objects costs about as much as the whole summary; this skips it.
 *
 * @param transactions - transaction rows, or `{ customerId, at, amount? }` columns
 * @param options - as {@link summarizeTransactions}; `observationEnd` is required (`asOf` is accepted as its synonym)
 * @returns the summaries as columns, customers sorted by id (numbers first, ascending; then strings)
 * @throws RetentionKitError as {@link summarizeTransactions} for rows and {@link summarizeColumns} for
 *   columns: `INVALID_DATE`, `INVALID_CUSTOMER_ID`, `NEGATIVE_AMOUNT`, `INVALID_NUMBER`, `INVALID_TYPE`,
 *   `INVALID_INPUT`, `INVALID_UNIT`, `INVALID_OPTION`, `DUPLICATE_ID` (a dictionary listing an id twice); `OUT_OF_RANGE` when a customer's amounts add up to more
 *   than `Number.MAX_VALUE` (path `transactions`, or `columns.amount`)
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Engine
 * @example
 * ```ts
 * const columns = {
 *   customerId: Int32Array.of(1, 1, 1, 2),
 *   at: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 15), Date.UTC(2024, 0, 10)),
 *   amount: Float64Array.of(10, 5, 20, 8),
 * };
 * const t = summaryTable(columns, { observationEnd: "2024-01-31", unit: "day" });
 * [t.customerId, t.frequency, t.recency, t.T, t.monetaryValue];
 * // => [[1, 2], [1, 0], [14, 0], [30, 21], [20, 0]]
 * ```
 */
export function summaryTable(transactions: Iterable<Transaction> | TransactionColumns, options: SummarizeOptions): SummaryTable {
  const fn = "summaryTable";
  const o = summaryOptions(fn, options);
  const state = new SummaryState(o.period, o.observationEndMs, fn, isColumns(transactions) ? "columns.amount" : "transactions");
  if (isColumns(transactions)) addColumns(fn, transactions, "columns", state);
  else addTransactions(fn, transactions, "transactions", state);
  return { ...state.table(o.unit, o.monetary), unit: o.unit, observationEnd: o.observationEndMs };
}
