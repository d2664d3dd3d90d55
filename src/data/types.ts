import type { CustomerId, TimeInput, TimeUnit } from "./time.js";

/**
 * One purchase: who bought, when, and (optionally) for how much. A missing `amount` counts as 0, for logs
 * that record purchases without spend. The field names are exactly these: rows from a CSV with
 * `customer_id`, `date` or `value` columns (and numbers as text) are refused with the mapping that fixes
 * them, e.g. `rows.map((r) => ({ customerId: r.customer_id, at: r.date, amount: Number(r.value) }))`.
 *
 * @category Data
 * @example
 * ```ts
 * const t: Transaction = { customerId: 4, at: "1997-01-01", amount: 29.33 };
 * ```
 */
export interface Transaction {
  /** Who bought. */
  readonly customerId: CustomerId;
  /** When: a `Date`, epoch ms or an ISO-8601 string (UTC). */
  readonly at: TimeInput;
  /** Spend, ≥ 0 and finite; missing means 0. */
  readonly amount?: number | undefined;
}

/**
 * One customer's purchase history in the buy-till-you-die form (Fader, Hardie & Lee 2005), as Python
 * lifetimes' `summary_data_from_transaction_data` computes it.
 *
 * @category Data
 * @example
 * ```ts
 * const s: CustomerSummary = {
 *   customerId: 1, frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35,
 *   transactionCount: 4, totalAmount: 73.74, firstAt: 852076800000, lastAt: 870480000000,
 * };
 * ```
 */
export interface CustomerSummary {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** Repeat purchases: distinct purchase periods minus 1. */
  frequency: number;
  /** From the start of the first purchase period to the start of the last one, in `unit`s. */
  recency: number;
  /** Age: from the start of the first purchase period to the start of the observation end's period, in `unit`s. */
  T: number;
  /** Mean spend of the repeat purchase periods (same-period rows summed first); 0 when `frequency` is 0. */
  monetaryValue: number;
  /** Transaction rows folded in (before merging same-period rows). */
  transactionCount: number;
  /** Total spend over all rows, the first purchase included. */
  totalAmount: number;
  /** Epoch ms of the earliest transaction. */
  firstAt: number;
  /** Epoch ms of the latest transaction on or before the observation end's period. */
  lastAt: number;
  /**
   * The time unit of `recency` and `T`. Every summary the library makes carries it, so that a function
   * handed these rows and told another unit refuses (`UNIT_MISMATCH`) instead of mixing them, and one told
   * nothing follows it. Rows written by hand may leave it out.
   */
  unit?: TimeUnit;
}

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
 * @category Data
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
 * @category Data
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
