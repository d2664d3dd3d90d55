import type { AsOfTime, TimeInput, TimeUnit } from "../data/time.js";
import { fail, iterable, optionsBag, record } from "../internal/validate.js";
import { requiredAsOf, time, unitMs } from "../internal/time.js";
import { unitOption } from "../internal/transactions.js";
import type { SurvivalObservation } from "./kaplanMeier.js";

/**
 * One customer's tenure: when the relationship started and, if it has, when it ended.
 *
 * @category Retention
 * @example
 * ```ts
 * const churned: TenureRow = { startAt: "2024-01-01", endAt: "2024-03-01" };
 * const active: TenureRow = { startAt: "2024-02-01" };
 * ```
 */
export interface TenureRow {
  /** Start of the relationship (signup, first purchase, subscription start). */
  readonly startAt: TimeInput;
  /** When the customer churned; missing or `null` while still active. */
  readonly endAt?: TimeInput | null | undefined;
}

/**
 * Options of {@link survivalData}.
 *
 * `asOf`: the analysis date: open tenures are censored here, and ends after it are not yet known. Required.
 * `observationEnd` is accepted as its exact synonym ({@link AsOfTime}).
 *
 * @category Retention
 * @example
 * ```ts
 * const options: SurvivalDataOptions = { asOf: "2024-06-30", unit: "week" };
 * ```
 */
export type SurvivalDataOptions = AsOfTime & {
  /** Unit of `duration`: `"day"` (default) or `"week"` (7 days); fractional. */
  unit?: TimeUnit;
};

/**
 * Turns customer start and end dates into the `{ duration, event }` rows of {@link kaplanMeier}
 * (right-censored survival data), one per input row, in the same order.
 *
 * - Ended on or before `asOf`: `duration = (endAt − startAt) / unit`, `event = true`.
 * - Still active (no `endAt`), or ending after `asOf` (not yet known at the analysis date):
 *   `duration = (asOf − startAt) / unit`, `event = false` (censored at `asOf`).
 *
 * @param rows - `{ startAt, endAt? }` per customer
 * @param options - `asOf` (required; `observationEnd` is accepted as its synonym) and `unit`; see {@link SurvivalDataOptions}
 * @returns `{ duration, event }` per row
 * @throws RetentionKitError `INVALID_DATE` (`rows[2].endAt`); `NEGATIVE_DURATION` when `endAt` precedes
 *   `startAt`; `INVALID_RANGE` when `startAt` is after `asOf`; `INVALID_OPTION` when `asOf` is missing;
 *   `INVALID_UNIT`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Retention
 * @example
 * ```ts
 * survivalData(
 *   [{ startAt: "2024-01-01", endAt: "2024-01-15" }, { startAt: "2024-01-10" }, { startAt: "2024-01-01", endAt: "2024-03-01" }],
 *   { asOf: "2024-01-31" },
 * );
 * // => [{ duration: 14, event: true }, { duration: 21, event: false }, { duration: 30, event: false }]
 * ```
 */
export function survivalData(rows: Iterable<TenureRow>, options: SurvivalDataOptions): SurvivalObservation[] {
  const fn = "survivalData";
  const o = optionsBag(fn, options, ["asOf", "unit", "observationEnd"] as const satisfies readonly (keyof SurvivalDataOptions)[]);
  const asOf = requiredAsOf(fn, o, "asOf");
  const per = unitMs(unitOption(fn, o.unit, "options.unit", "day"));
  const out: SurvivalObservation[] = [];
  let i = 0;
  for (const row of iterable<unknown>(fn, rows, "rows")) {
    const path = `rows[${i++}]`;
    const r = record(fn, row, path);
    const start = time(fn, r.startAt, `${path}.startAt`);
    if (!(start <= asOf)) fail(fn, "INVALID_RANGE", `${path}.startAt is after options.asOf`, `${path}.startAt`);
    const endAt = r.endAt; // read once: the value checked is the value used
    const end = endAt === undefined || endAt === null ? null : time(fn, endAt, `${path}.endAt`);
    if (end !== null && !(end >= start)) {
      fail(fn, "NEGATIVE_DURATION", `${path}.endAt is before ${path}.startAt`, `${path}.endAt`);
    }
    const event = end !== null && end <= asOf;
    const duration = ((event ? end : asOf) - start) / per;
    out.push({ duration: duration === 0 ? 0 : duration, event });
  }
  return out;
}
