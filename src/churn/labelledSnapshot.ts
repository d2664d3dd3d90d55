import type { CustomerId, TimeInput } from "../data/time.js";
import type { Transaction } from "../data/types.js";
import { DAY_MS } from "../internal/time.js";
import { fail, oneOf, optionsBag } from "../internal/validate.js";
import type { ChurnFeaturesOptions } from "./churnFeatures.js";
import { buildFeatures, featureSettings, readSplit, windowEndOf } from "./internal/snapshot.js";

/**
 * Options of {@link labelledSnapshot}: the feature options of {@link churnFeatures} and the label window,
 * `windowDays` or `windowEnd` (exactly one).
 *
 * @category Churn
 * @example
 * ```ts
 * const options: LabelledSnapshotOptions = { snapshotAt: "1997-10-01", windowEnd: "1998-07-01" };
 * ```
 */
export interface LabelledSnapshotOptions extends ChurnFeaturesOptions {
  /** The label window's length in whole days in [1, 36500]: the window is [snapshotAt, snapshotAt + windowDays days). */
  windowDays?: number;
  /** The label window's end (exclusive), after `snapshotAt`: the window is [snapshotAt, windowEnd). */
  windowEnd?: TimeInput;
  /**
   * What counts as staying: `"purchase"` (default) — a purchase in the window; `"activity"` — a purchase or
   * an activity event (not feedback, see {@link ChurnEvent}) of `activity` in the window (needs `activity`).
   */
  label?: "purchase" | "activity";
}

/**
 * How a {@link LabelledSnapshot} was built, kept with every model fitted on it.
 *
 * @category Churn
 * @example
 * ```ts
 * const d: ChurnSnapshotDefinition = {
 *   snapshotAt: "1997-10-01T00:00:00.000Z", start: null, windowEnd: "1998-07-01T00:00:00.000Z", windowDays: 273,
 *   label: "churned: no purchase in [snapshotAt, windowEnd); features from [start, snapshotAt)",
 * };
 * ```
 */
export interface ChurnSnapshotDefinition {
  /** The snapshot instant, ISO-8601 UTC: features end here (exclusive), the label window starts here. */
  snapshotAt: string;
  /** The start of the feature history, ISO-8601 UTC, or `null` for all history. */
  start: string | null;
  /** The end of the label window (exclusive), ISO-8601 UTC. */
  windowEnd: string;
  /** The window's length in days (fractional when `windowEnd` is not a whole number of days later). */
  windowDays: number;
  /** The label's definition in words. */
  label: string;
}

/**
 * One labelled customer.
 *
 * @category Churn
 * @example
 * ```ts
 * const row: LabelledRow = { customerId: 1, features: { recencyDays: 12 }, churned: false };
 * ```
 */
export interface LabelledRow {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** The features at the snapshot (see {@link churnFeatures}). */
  features: Record<string, number>;
  /** `true` when the customer made no purchase in the label window. */
  churned: boolean;
}

/**
 * Features at a snapshot with the churn label from the window after it: the training data of
 * {@link fitChurnModel} and {@link churnDrivers}.
 *
 * @category Churn
 * @example
 * ```ts
 * const snap: LabelledSnapshot = labelledSnapshot(
 *   [{ customerId: 1, at: "2024-01-01" }, { customerId: 1, at: "2024-02-10" }, { customerId: 2, at: "2024-01-05" }],
 *   { snapshotAt: "2024-02-01", windowDays: 30 },
 * );
 * snap.rows.map((r) => [r.customerId, r.churned]);
 * // => [[1, false], [2, true]]
 * ```
 */
export interface LabelledSnapshot {
  /** How the features and the label were built. */
  definition: ChurnSnapshotDefinition;
  /** The unit of the time features: always `"day"`. */
  unit: "day";
  /** The feature names, in the order of {@link churnFeatures}. */
  featureNames: string[];
  /** One row per customer with history before the snapshot, sorted by `customerId`. */
  rows: LabelledRow[];
  /** Rows. */
  customers: number;
  /** Rows with `churned: true`. */
  churners: number;
}

const FN = "labelledSnapshot";
const KEYS = ["snapshotAt", "start", "activity", "rules", "activityWindowDays", "windowDays", "windowEnd", "label"] as const satisfies readonly (keyof LabelledSnapshotOptions)[];

/**
 * A labelled churn snapshot with no look-ahead: the features of {@link churnFeatures} from the
 * transactions (and activity) in [start, snapshotAt), and the label from the transactions in
 * [snapshotAt, windowEnd):
 *
 *   churned = the customer made no purchase in [snapshotAt, windowEnd)
 *
 * (with `label: "activity"`: no purchase and no activity event in that window).
 * The customers are those with a purchase in [start, snapshotAt) — a customer whose first purchase is in the
 * window is not in the snapshot (nothing was known about them at the snapshot). Transactions at or after
 * `windowEnd` are left out, so the whole log may be passed. Features never read the window: moving a
 * transaction at or after `snapshotAt` can change a label, never a feature. With CDNOW's calibration and
 * holdout (snapshot 1997-10-01, window end 1998-07-01) this is "no purchase in the holdout".
 *
 * @param transactions - rows `{ customerId, at, amount? }`, any order, any iterable; read once
 * @param options - the options of {@link churnFeatures}, `windowDays` or `windowEnd`, and `label`; see {@link LabelledSnapshotOptions}
 * @returns the {@link LabelledSnapshot}
 * @throws RetentionKitError the codes of {@link churnFeatures}; `INVALID_OPTION` unless exactly one of
 *   `windowDays` and `windowEnd` is given, or for `label: "activity"` without `activity`; `INVALID_RANGE` for a
 *   `windowEnd` not after `snapshotAt`.
 * @category Churn
 * @example
 * ```ts
 * const transactions = [
 *   { customerId: "a", at: "2024-01-01", amount: 10 },
 *   { customerId: "a", at: "2024-02-10", amount: 12 }, // in the window: "a" stayed
 *   { customerId: "b", at: "2024-01-11", amount: 8 },  // nothing after the snapshot: "b" churned
 *   { customerId: "c", at: "2024-02-03", amount: 5 },  // first bought in the window: not in the snapshot
 * ];
 * const snap = labelledSnapshot(transactions, { snapshotAt: "2024-02-01", windowDays: 28 });
 * snap.rows.map((r) => [r.customerId, r.features.recencyDays, r.churned]);
 * // => [["a", 31, false], ["b", 21, true]]
 * snap.definition.windowEnd;
 * // => "2024-02-29T00:00:00.000Z"
 * ```
 */
export function labelledSnapshot(transactions: Iterable<Transaction>, options: LabelledSnapshotOptions): LabelledSnapshot {
  const o = optionsBag(FN, options, KEYS);
  const s = featureSettings(FN, o);
  const windowEnd = windowEndOf(FN, s.snapshotMs, o.windowDays, o.windowEnd);
  const label = o.label === undefined ? "purchase" : oneOf(FN, o.label, "options.label", ["purchase", "activity"] as const);
  if (label === "activity" && s.activity === null) fail(FN, "INVALID_OPTION", 'options.label "activity" needs options.activity (the activity logs the label reads)', "options.label");
  const split = readSplit(FN, transactions, s, windowEnd);
  const { featureNames, rows, activeInWindow } = buildFeatures(FN, split, s, label === "activity" ? windowEnd : null);
  const bought = split.boughtInWindow!;
  let churners = 0;
  const labelled: LabelledRow[] = rows.map((r) => {
    const churned = !bought.has(r.customerId) && !activeInWindow.has(r.customerId);
    if (churned) churners++;
    return { customerId: r.customerId, features: r.features, churned };
  });
  const days = Math.round(((windowEnd - s.snapshotMs) / DAY_MS) * 1e9) / 1e9;
  return {
    definition: {
      snapshotAt: new Date(s.snapshotMs).toISOString(),
      start: s.startMs === null ? null : new Date(s.startMs).toISOString(),
      windowEnd: new Date(windowEnd).toISOString(),
      windowDays: days,
      label: `churned: no purchase${label === "activity" ? " and no activity" : ""} in [snapshotAt, windowEnd); features from [start, snapshotAt)`,
    },
    unit: "day",
    featureNames,
    rows: labelled,
    customers: labelled.length,
    churners,
  };
}
