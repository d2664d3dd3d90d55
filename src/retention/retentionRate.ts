import { count, fail, optionsBag } from "../internal/validate.js";

/**
 * The counts behind a customer retention rate, for one period.
 *
 * @category Retention
 * @example
 * ```ts
 * const q: RetentionCounts = { startCount: 200, endCount: 220, newCount: 50 };
 * ```
 */
export interface RetentionCounts {
  /** S: customers at the start of the period (a whole number ≥ 0). */
  readonly startCount: number;
  /** E: customers at the end of the period, new ones included (a whole number ≥ 0). */
  readonly endCount: number;
  /** N: customers acquired during the period who are still there at its end (0 ≤ N ≤ E). */
  readonly newCount: number;
}

/**
 * The customer retention rate of a period, as the CRM guides define it: the share of the customers at
 * the start who are still customers at the end.
 *
 * Formula: `CRR = (E − N) / S`, with S customers at the start, E at the end and N of them new.
 * The guides' worked example: 200 at the start of the quarter, 220 at the end, 50 of them new →
 * (220 − 50) / 200 = 85 %.
 *
 * The counts must be consistent: N ≤ E (the new customers are among those at the end) and E − N ≤ S
 * (nobody is retained who was not there at the start).
 *
 * @param counts - `{ startCount, endCount, newCount }`, whole numbers ≥ 0
 * @returns the rate in [0, 1]; `null` when `startCount` is 0 (nobody could be retained)
 * @throws RetentionKitError `NOT_INTEGER`, `NEGATIVE_VALUE`, `INVALID_NUMBER`, `INVALID_TYPE` for a bad count
 *   (path `counts.newCount`); `INCONSISTENT_COUNTS` when N > E or E − N > S
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `counts` (the message lists the known keys)
 * @category Retention
 * @example
 * ```ts
 * retentionRate({ startCount: 200, endCount: 220, newCount: 50 });
 * // => 0.85
 * retentionRate({ startCount: 0, endCount: 10, newCount: 10 });
 * // => null
 * ```
 */
export function retentionRate(counts: RetentionCounts): number | null {
  const fn = "retentionRate";
  const c = optionsBag(fn, counts, ["startCount", "endCount", "newCount"] as const satisfies readonly (keyof RetentionCounts)[], "counts");
  const s = count(fn, c.startCount, "counts.startCount");
  const e = count(fn, c.endCount, "counts.endCount");
  const n = count(fn, c.newCount, "counts.newCount");
  if (n > e) fail(fn, "INCONSISTENT_COUNTS", `counts.newCount (${n}) cannot exceed counts.endCount (${e})`, "counts.newCount");
  if (e - n > s) {
    fail(fn, "INCONSISTENT_COUNTS", `retained customers E − N = ${e - n} cannot exceed counts.startCount (${s})`, "counts.endCount");
  }
  return s === 0 ? null : (e - n) / s;
}

/**
 * The counts behind a churn rate, for one period.
 *
 * @category Retention
 * @example
 * ```ts
 * const q: ChurnCounts = { startCount: 200, lostCount: 30 };
 * ```
 */
export interface ChurnCounts {
  /** S: customers at the start of the period (a whole number ≥ 0). */
  readonly startCount: number;
  /** L: customers of the start who were lost during the period (0 ≤ L ≤ S). */
  readonly lostCount: number;
}

/**
 * The customer churn rate of a period: the share of the customers at the start who were lost.
 *
 * Formula: `churn = L / S`. With the counts of {@link retentionRate}, L = S − (E − N), so
 * churn = 1 − retention rate (200 at the start, 30 lost → 15 %).
 *
 * @param counts - `{ startCount, lostCount }`, whole numbers ≥ 0
 * @returns the rate in [0, 1]; `null` when `startCount` is 0
 * @throws RetentionKitError `NOT_INTEGER`, `NEGATIVE_VALUE`, `INVALID_NUMBER`, `INVALID_TYPE` for a bad count;
 *   `INCONSISTENT_COUNTS` when L > S (path `counts.lostCount`)
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `counts` (the message lists the known keys)
 * @category Retention
 * @example
 * ```ts
 * churnRate({ startCount: 200, lostCount: 30 });
 * // => 0.15
 * ```
 */
export function churnRate(counts: ChurnCounts): number | null {
  const fn = "churnRate";
  const c = optionsBag(fn, counts, ["startCount", "lostCount"] as const satisfies readonly (keyof ChurnCounts)[], "counts");
  const s = count(fn, c.startCount, "counts.startCount");
  const l = count(fn, c.lostCount, "counts.lostCount");
  if (l > s) fail(fn, "INCONSISTENT_COUNTS", `counts.lostCount (${l}) cannot exceed counts.startCount (${s})`, "counts.lostCount");
  return s === 0 ? null : l / s;
}
