import { scoreByThresholds } from "../internal/bins.js";
import { thresholdList } from "../internal/scoring.js";
import { labelList, readValueRows } from "../internal/tierInput.js";
import { fail, oneOf, optionsBag } from "../internal/validate.js";
import type { ValueInput, ValueTier } from "./quantileTiers.js";

/**
 * Options of {@link thresholdTiers}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const o: ThresholdTiersOptions = { thresholds: [100, 1000], labels: ["low", "mid", "high"], closed: "left" };
 * ```
 */
export interface ThresholdTiersOptions {
  /** Strictly ascending cut points, one fewer than the labels. Required. */
  thresholds: readonly number[];
  /** Tier labels from lowest to highest value. Default `["low", "mid", "high"]`. */
  labels?: readonly string[];
  /**
   * Which side of a tier includes its cut point: `"right"` (default, as pandas `cut`): value ≤ t1 is the
   * lowest tier; `"left"`: value ≥ t1 is already the second tier ("high from $1,000").
   */
  closed?: "right" | "left";
}

/**
 * Puts customers into value tiers by fixed cut points: with thresholds t1 < t2 and the default labels,
 * value ≤ t1 is "low", t1 < value ≤ t2 "mid", value > t2 "high" (`closed: "left"`: value < t1 "low",
 * t1 ≤ value < t2 "mid", value ≥ t2 "high"). Row by row, so independent of input order.
 *
 * @param customers - rows `{ customerId, value }`
 * @param options - `thresholds` (required) and see {@link ThresholdTiersOptions}
 * @returns `{ customerId, value, tier }` per row, in input order
 * @throws RetentionKitError `INVALID_THRESHOLDS` for thresholds that are not strictly ascending finite
 *   numbers, one fewer than the labels (path `options.thresholds[1]`); `INVALID_NUMBER` / `INVALID_TYPE`
 *   for a non-finite value; `INVALID_OPTION` for bad labels
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Tiers
 * @example
 * ```ts
 * const rows = [{ customerId: 1, value: 50 }, { customerId: 2, value: 100 }, { customerId: 3, value: 5000 }];
 * thresholdTiers(rows, { thresholds: [100, 1000] }).map((t) => t.tier);
 * // => ["low", "low", "high"]
 * thresholdTiers(rows, { thresholds: [100, 1000], closed: "left" }).map((t) => t.tier);
 * // => ["low", "mid", "high"]
 * ```
 */
export function thresholdTiers(customers: readonly ValueInput[], options: ThresholdTiersOptions): ValueTier[] {
  const fn = "thresholdTiers";
  const o = optionsBag(fn, options, ["thresholds", "labels", "closed"] as const satisfies readonly (keyof ThresholdTiersOptions)[]);
  const labels = labelList(fn, o.labels, "options.labels", ["low", "mid", "high"]);
  if (o.thresholds === undefined) fail(fn, "INVALID_THRESHOLDS", "options.thresholds is required", "options.thresholds");
  const thresholds = thresholdList(fn, o.thresholds, "options.thresholds", labels.length - 1);
  const left = o.closed !== undefined && oneOf(fn, o.closed, "options.closed", ["right", "left"] as const) === "left";
  const { ids, values } = readValueRows(fn, customers, "customers", false);
  const n = ids.length;
  const scores = new Int32Array(n);
  if (left) {
    // value ≥ t moves up: count thresholds ≤ value
    for (let i = 0; i < n; i++) {
      let b = 0;
      while (b < thresholds.length && values[i]! >= thresholds[b]!) b++;
      scores[i] = b + 1;
    }
  } else scoreByThresholds(values, thresholds, false, scores);
  return ids.map((customerId, i) => ({ customerId, value: values[i]!, tier: labels[scores[i]! - 1]! }));
}
