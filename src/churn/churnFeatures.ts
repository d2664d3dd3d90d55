import type { CustomerId, TimeInput } from "../data/time.js";
import type { Transaction } from "../data/types.js";
import { optionsBag } from "../internal/validate.js";
import { buildFeatures, featureSettings, readSplit } from "./internal/snapshot.js";
import type { ChurnRule, CustomerActivity } from "./types.js";

/**
 * Options of {@link churnFeatures} (and the feature part of {@link labelledSnapshot}).
 *
 * @category Churn
 * @example
 * ```ts
 * const options: ChurnFeaturesOptions = { snapshotAt: "1997-10-01", rules: [inactivityRule({ days: 90 })] };
 * ```
 */
export interface ChurnFeaturesOptions {
  /** The snapshot instant (UTC). Features read only transactions and events strictly before it. Required. */
  snapshotAt: TimeInput;
  /** Transactions before this instant are left out (the history is [start, snapshotAt)). Default: all history. */
  start?: TimeInput | null;
  /**
   * Activity logs, `{ customerId, events, renewalAt? }` per customer (as {@link detectChurnSignals} reads
   * them; events at or after the snapshot are left out). When given, the activity features are added.
   */
  activity?: readonly CustomerActivity[];
  /**
   * Churn rules whose signal severities become features `signal:<rule name>` (0 when the rule does not fire),
   * evaluated by {@link detectChurnSignals} as of the snapshot, over the activity logs when given, else over
   * the purchases (one `"purchase"` event per transaction). Default: no signal features.
   */
  rules?: readonly ChurnRule[];
  /** The width w of the activity windows, in whole days in [1, 3650]. Default 30. */
  activityWindowDays?: number;
}

/**
 * One customer's churn features at a snapshot.
 *
 * @category Churn
 * @example
 * ```ts
 * const row: ChurnFeatureRow = { customerId: 1, features: { recencyDays: 12, frequency: 3 } };
 * ```
 */
export interface ChurnFeatureRow {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** Feature name → value; every name of the set's `featureNames`, each a finite number. */
  features: Record<string, number>;
}

/**
 * The features of every customer at one snapshot.
 *
 * @category Churn
 * @example
 * ```ts
 * const set: ChurnFeatureSet = churnFeatures([{ customerId: 1, at: "2024-01-01", amount: 5 }], { snapshotAt: "2024-02-01" });
 * set.featureNames.slice(0, 3);
 * // => ["recencyDays", "frequency", "tenureDays"]
 * ```
 */
export interface ChurnFeatureSet {
  /** The snapshot instant, ISO-8601 UTC. */
  snapshotAt: string;
  /** The start of the history, ISO-8601 UTC, or `null` for all history. */
  start: string | null;
  /** The unit of the time features (`recencyDays`, `tenureDays`): always `"day"`. */
  unit: "day";
  /** The feature names, in a fixed order (see {@link churnFeatures}). */
  featureNames: string[];
  /** One row per customer with a transaction in [start, snapshotAt), sorted by `customerId` (numbers first). */
  rows: ChurnFeatureRow[];
}

const FN = "churnFeatures";
const KEYS = ["snapshotAt", "start", "activity", "rules", "activityWindowDays"] as const satisfies readonly (keyof ChurnFeaturesOptions)[];

/**
 * Builds churn features per customer at a snapshot from what the library computes, using only data
 * strictly before the snapshot (no look-ahead: moving or adding a transaction at or after `snapshotAt`
 * never changes a feature).
 *
 * From the transactions in [start, snapshotAt) (same-day rows merged into one purchase, as
 * {@link summarizeTransactions} with `period: "day"`):
 * - `recencyDays` — days from the last purchase to the snapshot; `tenureDays` — days from the first;
 * - `frequency` — repeat purchase days (purchase days − 1);
 * - `monetaryValue` — mean spend per purchase day; `totalSpend` — the sum of amounts (currency units);
 * - `rfmR`, `rfmF`, `rfmM` — quintile scores 1..5 of {@link rfmScores} on days since the last purchase,
 *   purchase days and total spend, over the customers of the snapshot.
 *
 * With `activity` logs, over the activity events (not feedback, see {@link ChurnEvent}) before the snapshot:
 * `activityRecent` — events in [snapshot − w, snapshot); `activityPrevious` — in [snapshot − 2w, snapshot − w);
 * `activityTrend` = recent − previous; `npsAnswered` — 1 when an event before the snapshot carries a score;
 * `npsScore` — the latest such score (the lowest of scores given at one instant; 0 when none: read it with `npsAnswered`, a missing-value indicator).
 * A customer without a log gets 0 for each. With `rules`, one `signal:<name>` severity per rule.
 *
 * @param transactions - rows `{ customerId, at, amount? }`, any order, any iterable; read once
 * @param options - `snapshotAt` (required), `start`, `activity`, `rules`, `activityWindowDays`; see {@link ChurnFeaturesOptions}
 * @returns the {@link ChurnFeatureSet}; customers without a purchase in [start, snapshotAt) are not in it
 * @throws RetentionKitError the transaction readers' codes (`INVALID_DATE`, `INVALID_CUSTOMER_ID`,
 *   `NEGATIVE_AMOUNT`, `INVALID_NUMBER`, `INVALID_TYPE` with the row's path); `INVALID_RANGE` when `start` is
 *   not before `snapshotAt`; `DUPLICATE_ID` for two activity logs of one customer; `INVALID_RULE` for a bad
 *   rule; `INVALID_OPTION` / `UNKNOWN_OPTION` / `OUT_OF_RANGE` / `NOT_INTEGER` for bad options.
 * @category Churn
 * @example
 * ```ts
 * const transactions = [
 *   { customerId: "a", at: "2024-01-01", amount: 10 },
 *   { customerId: "a", at: "2024-01-21", amount: 30 },
 *   { customerId: "a", at: "2024-02-05", amount: 99 }, // at the snapshot's day or later: not a feature
 *   { customerId: "b", at: "2024-01-11", amount: 8 },
 * ];
 * const set = churnFeatures(transactions, { snapshotAt: "2024-02-01" });
 * set.rows.map((r) => [r.customerId, r.features.recencyDays, r.features.frequency, r.features.tenureDays, r.features.totalSpend]);
 * // => [["a", 11, 1, 31, 40], ["b", 21, 0, 21, 8]]
 * ```
 */
export function churnFeatures(transactions: Iterable<Transaction>, options: ChurnFeaturesOptions): ChurnFeatureSet {
  const o = optionsBag(FN, options, KEYS);
  const s = featureSettings(FN, o);
  const split = readSplit(FN, transactions, s, null);
  const { featureNames, rows } = buildFeatures(FN, split, s);
  return { snapshotAt: new Date(s.snapshotMs).toISOString(), start: s.startMs === null ? null : new Date(s.startMs).toISOString(), unit: "day", featureNames, rows };
}
