import type { CustomerId, TimeInput } from "../data/time.js";
import type { Transaction } from "../data/types.js";
import { ExactSum } from "../internal/exactSum.js";
import { DAY_MS, WEEK_MS, asOfOption } from "../internal/time.js";
import { forEachTransaction } from "../internal/transactions.js";
import { fail, nonNegativeNumber, oneOf, optionsBag, rateFraction, show } from "../internal/validate.js";

/**
 * Options of {@link historicalClv}.
 *
 * @category CLV
 * @example
 * ```ts
 * const options: HistoricalClvOptions = { margin: 0.3, asOf: "1998-06-30", discountRate: 0.1, unit: "year" };
 * ```
 */
export interface HistoricalClvOptions {
  /** Gross margin as a share of revenue, in [0, 1]. Default 1 (the value is then revenue). */
  margin?: number;
  /**
   * The valuation date; every transaction must be on or before it. Required when `discountRate` > 0.
   * Default: none (no compounding).
   */
  asOf?: TimeInput;
  /** An exact synonym of `asOf` (primary); giving both is allowed only when they are the same instant. */
  observationEnd?: TimeInput;
  /**
   * Rate per `unit` at which past margin is compounded forward to `asOf` (the cost of capital): a margin
   * earned Δ units before `asOf` counts (1 + d)^Δ times; a fraction in [0, 1] (`10` is refused as a likely
   * percentage: 0.1 is meant). Default 0 (plain sum).
   */
  discountRate?: number;
  /** Unit of `discountRate`: `"day"`, `"week"` or `"year"` (a fixed 365.25 days). Default `"year"`. */
  unit?: "day" | "week" | "year";
}

/**
 * One customer's realised value to date.
 *
 * @category CLV
 * @example
 * ```ts
 * const row: HistoricalClvRow = { customerId: 7, transactionCount: 3, revenue: 120, clv: 36 };
 * ```
 */
export interface HistoricalClvRow {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** Transaction rows of the customer. */
  transactionCount: number;
  /** Σ amount (undiscounted revenue). */
  revenue: number;
  /** Σ margin · amount · (1 + d)^(Δ/unit): the margin earned so far, compounded to `asOf` when d > 0. */
  clv: number;
}

const YEAR_MS = 365.25 * DAY_MS;

/**
 * Historical (realised) customer lifetime value: the margin each customer has generated so far,
 *   CLV_hist = Σ_transactions margin · amount · (1 + d)^((asOf − at)/unit),
 * i.e. past margin carried forward to the valuation date at the cost of capital d (d = 0 gives
 * margin × total spend). It looks only backwards; for expected future value use `customerLifetimeValue`
 * or {@link simpleClv}.
 *
 * @param transactions - `{ customerId, at, amount? }` rows (any iterable); a missing `amount` counts as 0.
 * @param options - See {@link HistoricalClvOptions} (`observationEnd` is accepted as a synonym of `asOf`).
 * @returns One row per customer, in order of first appearance; empty for no transactions.
 * @throws {RetentionKitError} the transaction codes (INVALID_CUSTOMER_ID, INVALID_DATE, NEGATIVE_AMOUNT, ...)
 *   with paths `transactions[i].field`; OUT_OF_RANGE for `margin` ∉ [0, 1] or a transaction after `asOf`
 *   (path `transactions[i].at`) or a `discountRate` > 1 ("did you mean 0.1?"); NEGATIVE_VALUE for `discountRate` < 0; INVALID_OPTION for an unknown `unit`
 *   or a `discountRate` > 0 without `asOf`.
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category CLV
 * @example
 * ```ts
 * historicalClv(
 *   [
 *     { customerId: "a", at: "2024-01-10", amount: 100 },
 *     { customerId: "b", at: "2024-03-01", amount: 40 },
 *     { customerId: "a", at: "2025-01-10", amount: 50 },
 *   ],
 *   { margin: 0.3 },
 * );
 * // => [{ customerId: "a", transactionCount: 2, revenue: 150, clv: 45 },
 * //     { customerId: "b", transactionCount: 1, revenue: 40, clv: 12 }]
 * ```
 */
export function historicalClv(transactions: Iterable<Transaction>, options?: HistoricalClvOptions): HistoricalClvRow[] {
  const FN = "historicalClv";
  const o = optionsBag(FN, options, ["margin", "asOf", "discountRate", "unit", "observationEnd"] as const satisfies readonly (keyof HistoricalClvOptions)[]);
  const margin = o["margin"] === undefined ? 1 : rateFraction(FN, o["margin"], "options.margin");
  const d = o["discountRate"] === undefined ? 0 : rateFraction(FN, nonNegativeNumber(FN, o["discountRate"], "options.discountRate"), "options.discountRate");
  const unit = o["unit"] === undefined ? "year" : oneOf(FN, o["unit"], "options.unit", ["day", "week", "year"] as const);
  const asOf = asOfOption(FN, o, "asOf", false);
  if (d > 0 && asOf === null) fail(FN, "INVALID_OPTION", "options.asOf is required when options.discountRate > 0", "options.asOf");
  const unitMs = unit === "day" ? DAY_MS : unit === "week" ? WEEK_MS : YEAR_MS;
  const logGrowth = Math.log1p(d);

  const index = new Map<CustomerId, number>();
  const rows: HistoricalClvRow[] = [];
  // Exact sums per customer (rounded once at the end): the same values for any order of the rows.
  const revenue: ExactSum[] = [];
  const clv: ExactSum[] = [];
  forEachTransaction(FN, transactions, "transactions", (id, ms, amount, i) => {
    if (asOf !== null && ms > asOf) {
      fail(FN, "OUT_OF_RANGE", `transactions[${i}].at (${new Date(ms).toISOString()}) is after options.asOf (${show(new Date(asOf))})`, `transactions[${i}].at`);
    }
    const growth = d > 0 ? Math.exp((logGrowth * (asOf! - ms)) / unitMs) : 1;
    let k = index.get(id);
    if (k === undefined) {
      k = rows.length;
      index.set(id, k);
      rows.push({ customerId: id, transactionCount: 0, revenue: 0, clv: 0 });
      revenue.push(new ExactSum());
      clv.push(new ExactSum());
    }
    rows[k]!.transactionCount++;
    revenue[k]!.add(amount);
    clv[k]!.add(margin * amount * growth);
  });
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    row.revenue = revenue[k]!.value();
    row.clv = clv[k]!.value();
    if (!Number.isFinite(row.clv) || !Number.isFinite(row.revenue)) {
      fail(FN, "OUT_OF_RANGE", `the value of customer ${show(row.customerId)} overflows`, "transactions");
    }
  }
  return rows;
}
