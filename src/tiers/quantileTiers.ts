import type { CustomerId } from "../data/time.js";
import { compareIds } from "../internal/ids.js";
import { binOptions, scoreColumn } from "../internal/scoring.js";
import { labelList, readValueRows } from "../internal/tierInput.js";
import { oneOf, optionsBag } from "../internal/validate.js";

/**
 * One customer's value, the input of the value tiers ({@link quantileTiers}, {@link thresholdTiers},
 * {@link abcClassify}): revenue, margin, predicted CLV, anything where more is better.
 *
 * @category Tiers
 * @example
 * ```ts
 * const row: ValueInput = { customerId: "C1", value: 1250 };
 * ```
 */
export interface ValueInput {
  /** The customer's id, carried through as given. */
  readonly customerId: CustomerId;
  /** The customer's value (finite). */
  readonly value: number;
}

/**
 * One customer's tier, the output of {@link quantileTiers} and {@link thresholdTiers}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const t: ValueTier = { customerId: "C1", value: 1250, tier: "high" };
 * ```
 */
export interface ValueTier {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** The value the tier was read from. */
  value: number;
  /** The tier's label. */
  tier: string;
}

/**
 * Options of {@link quantileTiers}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const o: QuantileTiersOptions = { labels: ["bronze", "silver", "gold", "platinum"], method: "rank" };
 * ```
 */
export interface QuantileTiersOptions {
  /** Tier labels from lowest to highest value; their number is the number of tiers. Default `["low", "mid", "high"]`. */
  labels?: readonly string[];
  /** `"quantile"` (default; equal values share a tier) or `"rank"` (equal-sized tiers, ties by input order). */
  method?: "quantile" | "rank";
  /** How a value tied across several tiers is placed: `"middle"` (default), `"low"` or `"high"`, as in {@link rfmScores}. */
  ties?: "middle" | "low" | "high";
  /** How `"rank"` breaks ties: `"input"` order (default) or `"customerId"` (order-independent). */
  rankTies?: "input" | "customerId";
  /** `"exact"` (default) or `"numpy"` quantile positions, as in {@link rfmScores}. */
  levels?: "exact" | "numpy";
}

/**
 * Splits customers into value tiers of (about) equal size by quantiles of their value: the top third is
 * "high", the middle third "mid", the bottom third "low" by default.
 *
 * The rule is {@link rfmScores}'s for one dimension: pandas `qcut(value, k, labels)` with edges at the
 * linearly interpolated quantiles (R type 7) of the values at i/k, bins closed on the right, the lowest
 * edge included; `"rank"` is `qcut(value.rank(method="first"), k)`. Where many customers share a value
 * and pandas would raise "Bin edges must be unique", the tied customers get the middle tier of those their
 * value spans (see {@link rfmScores}). With `"quantile"` the result does not depend on input order.
 *
 * @param customers - rows `{ customerId, value }`
 * @param options - see {@link QuantileTiersOptions}
 * @returns `{ customerId, value, tier }` per row, in input order; `[]` for no rows
 * @throws RetentionKitError `INVALID_NUMBER` / `INVALID_TYPE` for a non-finite value (path
 *   `customers[2].value`), `INVALID_CUSTOMER_ID`, `INVALID_OPTION` for labels that are not at least two
 *   distinct non-empty strings or an unknown method
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Tiers
 * @example
 * ```ts
 * const rows = [10, 20, 30, 40, 50, 60].map((value, i) => ({ customerId: i, value }));
 * quantileTiers(rows).map((t) => t.tier);
 * // => ["low", "low", "mid", "mid", "high", "high"]
 * ```
 */
export function quantileTiers(customers: readonly ValueInput[], options?: QuantileTiersOptions): ValueTier[] {
  const fn = "quantileTiers";
  const { ids, values } = readValueRows(fn, customers, "customers", false);
  const { labels, scores } = quantileTierColumn(fn, ids, values, options);
  return ids.map((customerId, i) => ({ customerId, value: values[i]!, tier: labels[scores[i]! - 1]! }));
}

/**
 * {@link quantileTiers} on validated columns (the engine's): the labels and each customer's tier as an index
 * 1..labels.length into them.
 */
export function quantileTierColumn(fn: string, ids: readonly CustomerId[], values: Float64Array, options: QuantileTiersOptions | undefined): { labels: string[]; scores: Int32Array } {
  const o = optionsBag(fn, options, ["labels", "method", "ties", "rankTies", "levels"] as const satisfies readonly (keyof QuantileTiersOptions)[]);
  const labels = labelList(fn, o.labels, "options.labels", ["low", "mid", "high"]);
  const { ties, byId, numpy } = binOptions(fn, { ties: o.ties, rankTies: o.rankTies, levels: o.levels }, labels.length);
  const method = o.method === undefined ? "quantile" : oneOf(fn, o.method, "options.method", ["quantile", "rank"] as const);
  const n = values.length;
  const scores = new Int32Array(n);
  const byIdOrder = (a: number, b: number): number => compareIds(ids[a]!, ids[b]!) || a - b;
  scoreColumn(values, { kind: method }, { bins: labels.length, invert: false, ties, tieOrder: byId ? byIdOrder : null, numpy }, scores);
  return { labels, scores };
}
