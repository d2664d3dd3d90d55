import type { CustomerId } from "../data/time.js";
import { customerId, iterable } from "../internal/validate.js";

/**
 * What {@link retentionBetween} finds when comparing the customer lists at a period's start and end.
 *
 * @category Retention
 * @example
 * ```ts
 * const r: RetentionBetween = { startCount: 3, endCount: 3, retained: 2, lost: 1, gained: 1, retentionRate: 2 / 3, churnRate: 1 / 3 };
 * ```
 */
export interface RetentionBetween {
  /** S: distinct customers at the start. */
  startCount: number;
  /** E: distinct customers at the end. */
  endCount: number;
  /** Customers in both lists (E − N). */
  retained: number;
  /** Customers at the start who are not at the end (S − retained). */
  lost: number;
  /** Customers at the end who were not at the start (N). */
  gained: number;
  /** retained / S, in [0, 1]; `null` when the start list is empty. */
  retentionRate: number | null;
  /** lost / S = 1 − retentionRate; `null` when the start list is empty. */
  churnRate: number | null;
}

/**
 * Retention and churn from the customer lists themselves, for when you have the ids rather than the
 * counts. Duplicates within a list count once; ids are compared exactly (`1` and `"1"` differ).
 *
 * Formula: retained = |start ∩ end|, lost = |start \ end|, gained = |end \ start|;
 * retention = retained / |start| (the `(E − N) / S` of {@link retentionRate}), churn = lost / |start|.
 *
 * @param startIds - the customers at the start of the period (any iterable)
 * @param endIds - the customers at the end of the period (any iterable)
 * @returns the counts and both rates (`null` rates when `startIds` is empty)
 * @throws RetentionKitError `INVALID_CUSTOMER_ID` naming the entry (`endIds[4]`); `INVALID_TYPE` for a non-iterable
 * @category Retention
 * @example
 * ```ts
 * retentionBetween(["a", "b", "c", "d"], ["a", "b", "c", "e", "f"]);
 * // => { startCount: 4, endCount: 5, retained: 3, lost: 1, gained: 2, retentionRate: 0.75, churnRate: 0.25 }
 * ```
 */
export function retentionBetween(startIds: Iterable<CustomerId>, endIds: Iterable<CustomerId>): RetentionBetween {
  const fn = "retentionBetween";
  const start = new Set<CustomerId>();
  let i = 0;
  for (const id of iterable<unknown>(fn, startIds, "startIds")) start.add(customerId(fn, id, `startIds[${i++}]`));
  const end = new Set<CustomerId>();
  let retained = 0;
  i = 0;
  for (const raw of iterable<unknown>(fn, endIds, "endIds")) {
    const id = customerId(fn, raw, `endIds[${i++}]`);
    if (end.has(id)) continue;
    end.add(id);
    if (start.has(id)) retained++;
  }
  const s = start.size;
  return {
    startCount: s,
    endCount: end.size,
    retained,
    lost: s - retained,
    gained: end.size - retained,
    retentionRate: s === 0 ? null : retained / s,
    churnRate: s === 0 ? null : (s - retained) / s,
  };
}
