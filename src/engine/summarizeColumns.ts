import type { SummarizeOptions, summarizeTransactions } from "../data/summarizeTransactions.js";
import type { CustomerId, TimeInput } from "../data/time.js";
import type { CustomerSummary } from "../data/types.js";
import { SummaryState } from "../internal/summaryState.js";
import { addColumns, summaryOptions } from "../internal/transactions.js";

/**
 * Dictionary-encoded customer ids, the layout Arrow and DuckDB hand out for string columns: transaction `i`
 * belongs to customer `dictionary[codes[i]]`. The engine works on the integer codes (one array lookup per
 * row, where string ids cost a hash-map lookup each) and writes `dictionary[code]` into the output, so the
 * result is the one the ids themselves give: same numbers, same order (by id), and dictionary entries no
 * row uses make no customer.
 *
 * - `codes`: an `Int32Array` or `Uint32Array`, one index into `dictionary` per transaction (0 ≤ code <
 *   `dictionary.length`; a negative code, often a null id, is refused).
 * - `dictionary`: the distinct ids (non-empty strings, or finite numbers), each listed once.
 *
 * The fastest ways to get them:
 * - **Arrow** (apache-arrow): a `Dictionary<Utf8, Int32>` vector, chunk by chunk (`d` = `vector.data[k]`):
 *   `{ codes: d.values.subarray(d.offset, d.offset + d.length), dictionary: d.dictionary.toArray() }`, each
 *   chunk its own batch (chunks may carry different dictionaries). Arrow marks nulls in a validity bitmap,
 *   not in the codes: drop the rows without an id first.
 * - **DuckDB**: number the ids in the query and send the dictionary once:
 *   `SELECT dense_rank() OVER (ORDER BY customer_id) - 1 AS code, ...` for the rows and
 *   `SELECT DISTINCT customer_id ... ORDER BY customer_id` for the dictionary (its row `k` has code `k`),
 *   each read as one typed column. An `ENUM` column already is the pair: `enum_code(customer_id)` gives
 *   the codes and `enum_range(NULL::customer_enum)` the dictionary.
 *
 * @category Engine
 * @example
 * ```ts
 * const columns: TransactionColumns = {
 *   customerId: { codes: Int32Array.of(1, 0, 1), dictionary: ["ann", "bob"] },
 *   at: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 10), Date.UTC(2024, 0, 15)),
 *   amount: Float64Array.of(10, 8, 20),
 * };
 * summarizeColumns(columns, { observationEnd: "2024-01-31", unit: "day" }).map((s) => [s.customerId, s.frequency]);
 * // => [["ann", 0], ["bob", 1]]
 * ```
 */
export interface DictionaryIds {
  /** One dictionary index per transaction. */
  readonly codes: Int32Array | Uint32Array;
  /** The distinct customer ids; `codes` index it. */
  readonly dictionary: ArrayLike<CustomerId>;
}

/**
 * Transactions as columns: value `i` of each column belongs to transaction `i`. The fastest input for
 * large logs (an Arrow/Parquet/DuckDB result, a CSV parsed into typed arrays): no object per row.
 *
 * - `customerId`: an `Int32Array`, `Uint32Array`, `Float64Array` or an array of numbers or strings. Small
 *   non-negative integer ids are the fastest: they index the customer records directly. Other ids cost a
 *   hash-map lookup per row, which on a million distinct string ids is about ten times the rest of the
 *   work; for speed, pass them dictionary-encoded, `{ codes, dictionary }` ({@link DictionaryIds}: Arrow
 *   dictionary vectors, DuckDB `dense_rank()`), which costs an array lookup per row and gives the same result.
 * - `at`: epoch milliseconds (`Float64Array` is the fast path), or an array of any {@link TimeInput}.
 * - `amount`: spend per transaction, ≥ 0; left out, every amount is 0.
 *
 * @category Engine
 * @example
 * ```ts
 * const columns: TransactionColumns = {
 *   customerId: Int32Array.of(1, 1, 2),
 *   at: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 15), Date.UTC(2024, 0, 10)),
 *   amount: Float64Array.of(10, 20, 8),
 * };
 * ```
 */
export interface TransactionColumns {
  /**
   * Who bought, one value per transaction; or dictionary-encoded: `{ codes, dictionary }`, where row `i`'s
   * customer is `dictionary[codes[i]]` (see {@link DictionaryIds}).
   */
  readonly customerId: ArrayLike<CustomerId> | DictionaryIds;
  /** When, one value per transaction: epoch ms (fast) or any {@link TimeInput}. */
  readonly at: ArrayLike<TimeInput>;
  /**
   * Spend per transaction (≥ 0, finite); missing means every amount is 0. Columns without `amount` but with a
   * spend-like column of numbers (`value`, `price`, `total`, …) are refused as a likely misnamed spend; pass
   * `amount: undefined` when that column is not the spend.
   */
  readonly amount?: ArrayLike<number> | undefined;
}

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
 * @category Engine
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
  addColumns(fn, columns, "columns", state);
  return state.summaries(o.unit, o.monetary);
}
