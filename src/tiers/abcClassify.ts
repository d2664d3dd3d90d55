import { ascendingOrder } from "../internal/sortOrder.js";
import type { CustomerId } from "../data/time.js";
import { fail, optionsBag, show } from "../internal/validate.js";
import { labelList, readValueRows } from "../internal/tierInput.js";
import type { ValueInput } from "./quantileTiers.js";

/**
 * Options of {@link abcClassify}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const o: AbcOptions = { cutoffs: [0.7, 0.9], labels: ["A", "B", "C"] };
 * ```
 */
export interface AbcOptions {
  /** Cumulative value shares closing each class but the last, strictly ascending in (0, 1]. Default `[0.8, 0.95]`. */
  cutoffs?: readonly number[];
  /** Class labels from most to least valuable, one more than the cutoffs. Default `["A", "B", "C"]`. */
  labels?: readonly string[];
}

/**
 * One customer's ABC class.
 *
 * @category Tiers
 * @example
 * ```ts
 * const row: AbcRow = { customerId: 7, value: 500, share: 0.5, cumulativeShare: 0.5, class: "A" };
 * ```
 */
export interface AbcRow {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** The customer's value. */
  value: number;
  /** value / total value; `null` when the total is 0. */
  share: number | null;
  /** Share of the total made by this customer and every customer ranked above (ties: the whole tie group). `null` when the total is 0. */
  cumulativeShare: number | null;
  /** The class label. */
  class: string;
}

/**
 * One ABC class's totals.
 *
 * @category Tiers
 * @example
 * ```ts
 * const c: AbcClassSummary = { class: "A", customers: 20, value: 8000, share: 0.8, customerShare: 0.2 };
 * ```
 */
export interface AbcClassSummary {
  /** The class label. */
  class: string;
  /** Customers in the class. */
  customers: number;
  /** Their total value. */
  value: number;
  /** Their share of the total value; `null` when the total is 0. */
  share: number | null;
  /** Their share of the customers; `null` for no customers. */
  customerShare: number | null;
}

/**
 * The result of {@link abcClassify}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const r: AbcResult = { customers: [], classes: [] };
 * ```
 */
export interface AbcResult {
  /** One row per customer, in input order. */
  customers: AbcRow[];
  /** One summary per class, in label order (empty classes included). */
  classes: AbcClassSummary[];
}

/**
 * Pareto (ABC) classification: ranks customers by value, largest first, and gives class A to the
 * customers who make the first 80 % of the total value, B to the next 15 %, C to the rest.
 *
 * Rule: a customer is in the first class whose cutoff is above the share of value made by the customers
 * ranked strictly above it, so the customer who crosses 80 % is still A. Customers with equal values form
 * one group and always share a class (the class of the group's first place) and one cumulative share
 * (that of the whole group), which makes the result independent of input order: values are summed in
 * descending order of value, the same sum for any order of the rows. Customers of value 0 are in the last class; if the total is 0, everyone is,
 * and the shares are `null`. Class values add up to the total.
 *
 * @param customers - rows `{ customerId, value }` with value ≥ 0
 * @param options - see {@link AbcOptions}
 * @returns per-customer rows (input order) and per-class totals
 * @throws RetentionKitError `NEGATIVE_VALUE` / `INVALID_NUMBER` for a value (path `customers[3].value`),
 *   `INVALID_CUSTOMER_ID`, `INVALID_THRESHOLDS` for cutoffs that are not strictly ascending in (0, 1] or
 *   not one fewer than the labels, `INVALID_OPTION` for bad labels, `OUT_OF_RANGE` when the values add up to
 *   more than `Number.MAX_VALUE` (path `customers`)
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Tiers
 * @example
 * ```ts
 * const rows = [500, 300, 100, 60, 40].map((value, i) => ({ customerId: i + 1, value }));
 * abcClassify(rows).customers.map((c) => c.class);
 * // => ["A", "A", "B", "B", "C"]
 * abcClassify(rows).classes.map((c) => [c.class, c.customers, c.share]);
 * // => [["A", 2, 0.8], ["B", 2, 0.16], ["C", 1, 0.04]]
 * ```
 */
export function abcClassify(customers: readonly ValueInput[], options?: AbcOptions): AbcResult {
  const { labels, cutoffs } = abcSettings(options);
  const { ids, values } = readValueRows("abcClassify", customers, "customers", true);
  const { cls, cum, total, classes } = abcKernel(values, labels, cutoffs);
  const rows: AbcRow[] = ids.map((customerId, i) => ({
    customerId,
    value: values[i]!,
    share: total > 0 ? values[i]! / total : null,
    cumulativeShare: total > 0 ? Math.min(1, cum[i]! / total) : null,
    class: labels[cls[i]!]!,
  }));
  return { customers: rows, classes };
}

/**
 * {@link abcClassify} on a validated column of values ≥ 0 (the engine's): each customer's class index and
 * cumulative value (divide by `total` for the share), the total and the class summaries. `options` is read
 * as abcClassify reads it.
 */
export function abcColumn(values: Float64Array, options: AbcOptions | undefined): { labels: string[]; cls: Int32Array; cum: Float64Array; total: number } {
  const { labels, cutoffs } = abcSettings(options);
  const { cls, cum, total } = abcKernel(values, labels, cutoffs);
  return { labels, cls, cum, total };
}

function abcSettings(options: AbcOptions | undefined): { labels: string[]; cutoffs: number[] } {
  const fn = "abcClassify";
  const o = optionsBag(fn, options, ["cutoffs", "labels"] as const satisfies readonly (keyof AbcOptions)[]);
  const labels = labelList(fn, o.labels, "options.labels", ["A", "B", "C"]);
  return { labels, cutoffs: cutoffList(fn, o.cutoffs, labels.length - 1) };
}

function abcKernel(values: Float64Array, labels: readonly string[], cutoffs: readonly number[]): { cls: Int32Array; cum: Float64Array; total: number; classes: AbcClassSummary[] } {
  const n = values.length;
  // Classes depend only on the value (equal values share a class): walk the customers from the largest value
  // down, one group of equal values at a time, summing in that order.
  const order = ascendingOrder(values);
  let total = 0;
  for (let k = n - 1; k >= 0; k--) total += values[order[k]!]!;
  if (!Number.isFinite(total)) {
    fail(
      "abcClassify",
      "OUT_OF_RANGE",
      `the values add up to more than the largest number a double holds (${Number.MAX_VALUE}), so shares are undefined; state them in a larger unit (thousands, millions)`,
      "customers",
    );
  }
  const cls = new Int32Array(n);
  const cum = new Float64Array(n);
  const counts = new Array<number>(labels.length).fill(0);
  const sums = new Array<number>(labels.length).fill(0);
  let above = 0;
  for (let k = n - 1; k >= 0; ) {
    const v = values[order[k]!]!;
    let c = labels.length - 1;
    if (total > 0 && v > 0) {
      const before = above / total;
      c = 0;
      while (c < cutoffs.length && !(before < cutoffs[c]!)) c++;
    }
    const first = k;
    for (; k >= 0 && values[order[k]!] === v; k--) {
      above += v;
      counts[c]!++;
      sums[c]! += v; // class sums in the same descending order as the total, so they add up to it
    }
    for (let j = first; j > k; j--) {
      cls[order[j]!] = c;
      cum[order[j]!] = above;
    }
  }
  const classes = labels.map((label, c) => ({
    class: label,
    customers: counts[c]!,
    value: sums[c]!,
    share: total > 0 ? sums[c]! / total : null,
    customerShare: n > 0 ? counts[c]! / n : null,
  }));
  return { cls, cum, total, classes };
}

function cutoffList(fn: string, value: unknown, count: number): number[] {
  if (value === undefined) {
    if (count !== 2) fail(fn, "INVALID_THRESHOLDS", `options.cutoffs is required with ${count + 1} labels`, "options.cutoffs");
    return [0.8, 0.95];
  }
  const path = "options.cutoffs";
  if (!Array.isArray(value) || value.length !== count) {
    fail(fn, "INVALID_THRESHOLDS", `${path} must hold ${count} shares (one fewer than the labels), got ${show(value)}`, path);
  }
  const out: number[] = [];
  // Array.from reads holes as undefined, which the check refuses (forEach would skip them).
  Array.from(value as unknown[]).forEach((x: unknown, i) => {
    if (typeof x !== "number" || !(x > 0 && x <= 1)) fail(fn, "INVALID_THRESHOLDS", `${path}[${i}] must be a share in (0, 1], got ${show(x)}`, `${path}[${i}]`);
    if (i > 0 && !(x > out[i - 1]!)) fail(fn, "INVALID_THRESHOLDS", `${path} must be strictly ascending, got ${show(out[i - 1])} then ${show(x)}`, `${path}[${i}]`);
    out.push(x);
  });
  return out;
}
