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
