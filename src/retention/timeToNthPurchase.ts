import type { CustomerId, TimeUnit } from "../data/time.js";
import type { Transaction } from "../data/types.js";
import { compareIds } from "../internal/ids.js";
import { periodIndexOf, periodStart } from "../internal/time.js";
import { forEachTransaction, unitOption } from "../internal/transactions.js";
import { fail, integerAtLeast, optionsBag, show } from "../internal/validate.js";

/** The largest `n` accepted: each customer keeps up to `n` distinct purchase periods. */
const MAX_N = 1000;

/**
 * Options of {@link timeToNthPurchase}.
 *
 * @category Retention
 * @example
 * ```ts
 * const options: TimeToNthPurchaseOptions = { n: 2, period: "day" };
 * ```
 */
export interface TimeToNthPurchaseOptions {
  /** Which purchase ends the wait: 2 (default) for the second purchase, 3 for the third… A whole number from 2 to 1000. */
  n?: number;
  /**
   * Purchases in the same UTC `"day"` (default) or ISO `"week"` (Monday start) count as one, as in
   * {@link summarizeTransactions}; times are the starts of those periods.
   */
  period?: TimeUnit;
}

/**
 * One customer's wait for their n-th purchase: from the first purchase period to the n-th distinct one, as a
 * {@link TenureRow} for {@link survivalData}.
 *
 * @category Retention
 * @example
 * ```ts
 * const returned: PurchaseTenure = { customerId: "a", startAt: 1704067200000, endAt: 1705276800000 };
 * const waiting: PurchaseTenure = { customerId: "b", startAt: 1704844800000, endAt: null };
 * ```
 */
export interface PurchaseTenure {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** Epoch ms of the start of the first purchase period. */
  startAt: number;
  /** Epoch ms of the start of the n-th distinct purchase period; `null` while the customer has made fewer. */
  endAt: number | null;
}

/**
 * The time from each customer's first purchase to their n-th (the second by default), as start and end
 * dates ready for {@link survivalData} and {@link kaplanMeier}: customers who have not made n purchases yet
 * have no end and are censored at the analysis date. This is the "time to second purchase" curve of
 * repeat-purchase analysis (e.g. Fader & Hardie's "how long until the second purchase"), with purchases
 * counted per UTC day or ISO week as {@link summarizeTransactions} counts them.
 *
 * - `startAt` = start of the first purchase period; `endAt` = start of the n-th distinct purchase period, or
 *   `null`. Durations are whole periods: `survivalData(rows, { asOf, unit })` divides by the unit.
 * - Output is sorted by `customerId` (numbers first, ascending; then strings), so it does not depend on the
 *   order of the rows. Input may be unsorted and any iterable; it is read once.
 *
 * @param transactions - rows `{ customerId, at, amount? }` (the amount is not used)
 * @param options - `n` and `period`; see {@link TimeToNthPurchaseOptions}
 * @returns one {@link PurchaseTenure} per customer; `[]` for no rows
 * @throws RetentionKitError the transaction codes (`INVALID_CUSTOMER_ID`, `INVALID_DATE`, `NEGATIVE_AMOUNT`, …)
 *   naming the row (`transactions[3].at`); `NOT_INTEGER` / `OUT_OF_RANGE` for `n` outside 2..1000;
 *   `INVALID_UNIT` for `period`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Retention
 * @example
 * ```ts
 * const rows = [
 *   { customerId: "a", at: "2024-01-01" }, { customerId: "a", at: "2024-01-01T18:00:00Z" },
 *   { customerId: "a", at: "2024-01-15" }, { customerId: "b", at: "2024-01-10" },
 * ];
 * const tenures = timeToNthPurchase(rows);
 * tenures.map((t) => [t.customerId, t.endAt === null ? null : (t.endAt - t.startAt) / 86_400_000]);
 * // => [["a", 14], ["b", null]]
 * survivalData(tenures, { asOf: "2024-01-31" });
 * // => [{ duration: 14, event: true }, { duration: 21, event: false }]
 * ```
 */
export function timeToNthPurchase(transactions: Iterable<Transaction>, options?: TimeToNthPurchaseOptions): PurchaseTenure[] {
  const fn = "timeToNthPurchase";
  const o = optionsBag(fn, options, ["n", "period"] as const satisfies readonly (keyof TimeToNthPurchaseOptions)[]);
  const n = o["n"] === undefined ? 2 : integerAtLeast(fn, o["n"], "options.n", 2);
  if (!(n <= MAX_N)) fail(fn, "OUT_OF_RANGE", `options.n must be at most ${MAX_N}, got ${show(n)}`, "options.n");
  const period = unitOption(fn, o["period"], "options.period", "day");
  // Per customer, its smallest distinct periods in ascending order, at most n of them.
  const periods = new Map<CustomerId, number[]>();
  forEachTransaction(fn, transactions, "transactions", (id, ms) => {
    const p = periodIndexOf(ms, period);
    const list = periods.get(id);
    if (list === undefined) {
      periods.set(id, [p]);
      return;
    }
    if (list.length === n && p >= list[n - 1]!) return; // the common case for sorted logs once n are known
    let k = list.length;
    while (k > 0 && list[k - 1]! > p) k--;
    if (k > 0 && list[k - 1] === p) return; // a period already counted
    list.splice(k, 0, p);
    if (list.length > n) list.pop();
  });
  const ids = [...periods.keys()].sort(compareIds);
  return ids.map((id) => {
    const list = periods.get(id)!;
    return { customerId: id, startAt: periodStart(list[0]!, period), endAt: list.length >= n ? periodStart(list[n - 1]!, period) : null };
  });
}
