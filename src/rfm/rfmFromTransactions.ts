import type { AsOfTime } from "../data/time.js";
import type { Transaction } from "../data/types.js";
import { SummaryState } from "../summary/internal/summaryState.js";
import { binOptions, codeOf, resolveMethods, scoreRfmColumns } from "../internal/scoring.js";
import { DAY_MS, dayIndex, requiredAsOf } from "../internal/time.js";
import { forEachTransaction } from "../internal/transactions.js";
import { oneOf, optionsBag } from "../internal/validate.js";
import type { RfmScore, RfmScoreOptions } from "./rfmScores.js";

/**
 * Options of {@link rfmFromTransactions}: the scoring options of {@link rfmScores} plus how the raw values
 * are read from the log.
 *
 * `asOf`: the date recency is measured to; later transactions (after its UTC day) are left out. Required.
 * `observationEnd` is accepted as its exact synonym ({@link AsOfTime}).
 *
 * @category RFM
 * @example
 * ```ts
 * const o: RfmFromTransactionsOptions = { asOf: "2024-12-31", frequency: "transactions", monetary: "mean" };
 * ```
 */
export type RfmFromTransactionsOptions = RfmScoreOptions & AsOfTime & {
  /** `"days"` (default): frequency = distinct UTC purchase days; `"transactions"`: rows. */
  frequency?: "days" | "transactions";
  /** `"total"` (default): total spend; `"mean"`: total spend / frequency (per day or per row, as counted). */
  monetary?: "total" | "mean";
};

/**
 * One customer's raw RFM values and scores, the output of {@link rfmFromTransactions}.
 *
 * @category RFM
 * @example
 * ```ts
 * const row: RfmRow = { customerId: 1, recency: 3, frequency: 2, monetary: 45, r: 5, f: 4, m: 4, code: "544", total: 13 };
 * ```
 */
export interface RfmRow extends RfmScore {
  /** Whole UTC days from the day of the last purchase to the day of `asOf`. */
  recency: number;
  /** Distinct purchase days, or transaction rows (`options.frequency`). */
  frequency: number;
  /** Total or mean spend (`options.monetary`). */
  monetary: number;
}

/**
 * Computes recency, frequency and monetary value per customer from a transaction log and scores them
 * with {@link rfmScores}.
 *
 * - recency = whole UTC days from the day of the customer's last purchase to the day of `asOf`
 *   (a purchase on `asOf`'s day is 0 days);
 * - frequency = distinct UTC purchase days (same-day rows are one purchase, as in
 *   {@link summarizeTransactions}), or transaction rows with `frequency: "transactions"`;
 * - monetary = total spend, or total / frequency with `monetary: "mean"`.
 *
 * Aggregation is the one of {@link summarizeTransactions} (same validation, same treatment of rows after
 * the end: they are left out). Customers whose transactions all fall after `asOf` do not appear. Rows are
 * scored in customer-id order, so `"rank"` ties are broken by id and the result does not depend on the
 * order of the log.
 *
 * @param transactions - rows `{ customerId, at, amount? }`, any order, any iterable
 * @param options - `asOf` (required; `observationEnd` is accepted as its synonym) and see
 *   {@link RfmFromTransactionsOptions}
 * @returns one row per customer, sorted by `customerId` (numbers ascending, then strings)
 * @throws RetentionKitError `INVALID_DATE`, `INVALID_CUSTOMER_ID`, `NEGATIVE_AMOUNT`, `INVALID_NUMBER`
 *   naming the row (`transactions[3].at`); `INVALID_OPTION` (missing `asOf` or a bad choice),
 *   `INVALID_THRESHOLDS` and the other option errors of {@link rfmScores}; `OUT_OF_RANGE` when a customer's
 *   amounts add up to more than `Number.MAX_VALUE`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category RFM
 * @example
 * ```ts
 * const log = [
 *   { customerId: "a", at: "2024-06-01", amount: 20 },
 *   { customerId: "a", at: "2024-06-28", amount: 30 },
 *   { customerId: "b", at: "2024-03-10", amount: 15 },
 * ];
 * rfmFromTransactions(log, { asOf: "2024-06-30", bins: 2 }).map((x) => [x.customerId, x.recency, x.frequency, x.monetary, x.code]);
 * // => [["a", 2, 2, 50, "222"], ["b", 112, 1, 15, "111"]]
 * ```
 */
export function rfmFromTransactions(transactions: Iterable<Transaction>, options: RfmFromTransactionsOptions): RfmRow[] {
  const fn = "rfmFromTransactions";
  const o = optionsBag(fn, options, ["asOf", "observationEnd", "frequency", "monetary", "bins", "method", "ties", "rankTies", "levels"] as const satisfies readonly (keyof RfmFromTransactionsOptions)[]);
  const asOf = requiredAsOf(fn, o, "asOf");
  const byRows = o.frequency !== undefined && oneOf(fn, o.frequency, "options.frequency", ["days", "transactions"] as const) === "transactions";
  const mean = o.monetary !== undefined && oneOf(fn, o.monetary, "options.monetary", ["total", "mean"] as const) === "mean";
  const { bins, ties, numpy } = binOptions(fn, o, 5);
  const methods = resolveMethods(fn, o.method, bins);

  const state = new SummaryState("day", asOf, fn, "transactions");
  forEachTransaction(fn, transactions, "transactions", (id, ms, amount) => state.add(id, ms, amount));
  const order = state.order();
  const n = order.length;
  const ids = new Array<RfmRow["customerId"]>(n);
  const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const;
  const asOfDay = dayIndex(asOf);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    ids[k] = state.idOf(i);
    const f = byRows ? state.rowsOf(i) : state.distinctOf(i);
    cols[0][k] = asOfDay - Math.floor(state.lastAtOf(i) / DAY_MS);
    cols[1][k] = f;
    cols[2][k] = mean ? state.totalOf(i) / f : state.totalOf(i);
  }
  const [sr, sf, sm] = scoreRfmColumns(cols, methods, bins, ties, null, numpy);
  const code = codeOf(bins);
  const out: RfmRow[] = new Array<RfmRow>(n);
  for (let k = 0; k < n; k++) {
    const r = sr[k]!;
    const f = sf[k]!;
    const m = sm[k]!;
    out[k] = { customerId: ids[k]!, recency: cols[0][k]!, frequency: cols[1][k]!, monetary: cols[2][k]!, r, f, m, code: code(r, f, m), total: r + f + m };
  }
  return out;
}
