// The summary's types: its options and its column form. (Its row, CustomerSummary, and its input,
// Transaction and TransactionColumns, are the data model's: src/data/types.ts.)
import type { AsOfTime, CustomerId, TimeUnit } from "../data/time.js";
import type { CustomerSummary } from "../data/types.js";

/**
 * Options of {@link summarizeTransactions}. `observationEnd` (required) is the end of observation:
 * transactions in later periods are left out (as in lifetimes); `asOf` is accepted as its exact synonym
 * ({@link AsOfTime}).
 *
 * @category Summary
 * @example
 * ```ts
 * const options: SummarizeOptions = { observationEnd: "1997-09-30", period: "day", unit: "week" };
 * ```
 */
export type SummarizeOptions = AsOfTime & {
  /** Transactions in the same UTC `"day"` or ISO `"week"` (Monday start) merge into one purchase. Default `"day"`. */
  period?: TimeUnit;
  /**
   * The unit of `recency` and `T`: `"week"` (7 days, fractional; the default) or `"day"`. Weeks are the
   * unit of the buy-till-you-die literature and of the engine, so a model written down from a paper (or
   * fitted by the engine) reads these rows as they are. Every row records it as its `unit`.
   */
  unit?: TimeUnit;
  /**
   * `"repeat"` (default): `monetaryValue` is the mean spend of the repeat purchase periods, as the
   * Gamma-Gamma model expects; `"all"`: the mean over every purchase period, the first included.
   */
  monetary?: "repeat" | "all";
};

/**
 * Customer summaries as one array per field: value `k` of every array belongs to customer `k`. The same
 * numbers as {@link CustomerSummary} rows, without an object per customer — the form to write to a
 * column store, hand to Arrow, or keep in memory for millions of customers. Plain arrays of numbers, so it
 * serialises with `JSON.stringify`.
 *
 * @category Summary
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
 * Options of {@link summaryTable}: those of {@link summarizeTransactions}, and the form of its columns.
 *
 * @category Summary
 * @example
 * ```ts
 * const o: SummaryTableOptions = { observationEnd: "2024-01-31", unit: "day", typed: true };
 * ```
 */
export type SummaryTableOptions = SummarizeOptions & {
  /**
   * `true`: the numeric columns as `Float64Array`s ({@link TypedSummaryTable}), which Arrow or a column store
   * takes as they are and which cost a fraction of plain arrays on millions of customers. Default `false`:
   * plain `number[]` ({@link SummaryTable}).
   */
  typed?: boolean;
};

/**
 * A {@link SummaryTable} with its numeric columns as `Float64Array`s: what {@link summaryTable} returns with
 * `typed: true`. For JSON, `Array.from` a typed column first (`JSON.stringify` writes one as an object).
 *
 * @category Summary
 * @example
 * ```ts
 * const table: TypedSummaryTable = {
 *   customerId: [1], frequency: Float64Array.of(1), recency: Float64Array.of(14), T: Float64Array.of(30),
 *   monetaryValue: Float64Array.of(20), transactionCount: Float64Array.of(3), totalAmount: Float64Array.of(35),
 *   firstAt: Float64Array.of(1704067200000), lastAt: Float64Array.of(1705276800000), unit: "day", observationEnd: 1706659200000,
 * };
 * ```
 */
export type TypedSummaryTable = { [K in keyof SummaryTable]: SummaryTable[K] extends number[] ? Float64Array : SummaryTable[K] };
