import type { AsOfTime, CustomerId, TimeInput } from "../data/time.js";
import { compareIds } from "../internal/ids.js";
import { addMonthsClamped, DAY_MS, MAX_TIME, monthIndex, requiredAsOf, time } from "../internal/time.js";
import { array, customerId, fail, integerAtLeast, numberInRange, optionsBag, record, show } from "../internal/validate.js";

/**
 * How often a subscription renews: every month, quarter or year, every `months` calendar months, or every
 * `days` days.
 *
 * @category Tiers
 * @example
 * ```ts
 * const cycles: SubscriptionCycle[] = ["monthly", "annual", { months: 6 }, { days: 14 }];
 * ```
 */
export type SubscriptionCycle = "monthly" | "quarterly" | "annual" | { readonly months: number } | { readonly days: number };

/**
 * A subscription, the input of {@link renewalReminders}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const s: Subscription = { customerId: "C-1", startAt: "2024-01-31", cycle: "monthly" };
 * ```
 */
export interface Subscription {
  /** The customer's id, as given. */
  readonly customerId: CustomerId;
  /** The start (anchor) of the subscription; renewal k falls k cycles after it. */
  readonly startAt: TimeInput;
  /** The renewal cycle. */
  readonly cycle: SubscriptionCycle;
  /** When the subscription ends (cancelled, not renewing): renewals at or after it do not happen. */
  readonly endAt?: TimeInput | null | undefined;
}

/**
 * Options of {@link renewalReminders}.
 *
 * `asOf`: the start of the reminder window. Required. `observationEnd` is accepted as its exact synonym
 * ({@link AsOfTime}).
 *
 * @category Tiers
 * @example
 * ```ts
 * const options: RenewalRemindersOptions = { asOf: "2024-03-01", offsetsDays: [14, 3], horizonDays: 30 };
 * ```
 */
export type RenewalRemindersOptions = AsOfTime & {
  /** Remind this many whole days before each renewal (0 = on the day). Default `[30, 7, 1]`. */
  offsetsDays?: readonly number[];
  /** The window is [asOf, asOf + horizonDays], in days (at most 36 600). Default 90. */
  horizonDays?: number;
};

/**
 * One reminder to send.
 *
 * @category Tiers
 * @example
 * ```ts
 * const row: RenewalReminder = { customerId: "C-1", renewalAt: 1709164800000, remindAt: 1708560000000, offsetDays: 7 };
 * ```
 */
export interface RenewalReminder {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** The renewal this reminder is for, epoch ms. */
  renewalAt: number;
  /** When to send it: renewalAt − offsetDays, epoch ms. */
  remindAt: number;
  /** Days before the renewal. */
  offsetDays: number;
}

/** A whole number in [lo, hi] (bounded so that date arithmetic stays finite). */
function integerInRange(fn: string, value: unknown, path: string, lo: number, hi: number): number {
  const x = integerAtLeast(fn, value, path, lo);
  if (!(x <= hi)) fail(fn, "OUT_OF_RANGE", `${path} must be at most ${hi}, got ${show(x)}`, path);
  return x;
}

/** A validated subscription. */
interface Sub {
  id: CustomerId;
  start: number;
  months: number;
  days: number;
  end: number;
}

function readSubscription(fn: string, value: unknown, path: string): Sub {
  const s = record(fn, value, path);
  const id = customerId(fn, s.customerId, `${path}.customerId`);
  const start = time(fn, s.startAt, `${path}.startAt`);
  const c = s.cycle;
  let months = 0;
  let days = 0;
  if (c === "monthly") months = 1;
  else if (c === "quarterly") months = 3;
  else if (c === "annual") months = 12;
  else if (typeof c === "object" && c !== null && "months" in c) months = integerInRange(fn, (c as { months: unknown }).months, `${path}.cycle.months`, 1, 1200);
  else if (typeof c === "object" && c !== null && "days" in c) days = integerInRange(fn, (c as { days: unknown }).days, `${path}.cycle.days`, 1, 36_600);
  else fail(fn, "INVALID_OPTION", `${path}.cycle must be "monthly", "quarterly", "annual", { months } or { days }, got ${show(c)}`, `${path}.cycle`);
  const e = s.endAt;
  const end = e === undefined || e === null ? Number.POSITIVE_INFINITY : time(fn, e, `${path}.endAt`);
  return { id, start, months, days, end };
}

/**
 * Renewal k (k ≥ 1): calendar months from the anchor with the day clamped (Jan 31 → Feb 29 → Mar 31), or
 * k·days. NaN when the renewal lies past the range a Date can hold (±8.64e15 ms, years ±275 760): there
 * is no such instant, so callers treat NaN as "no further renewal".
 */
function renewal(s: Sub, k: number): number {
  const r = s.months > 0 ? addMonthsClamped(s.start, k * s.months) : s.start + k * s.days * DAY_MS;
  return r >= -MAX_TIME && r <= MAX_TIME ? r : Number.NaN;
}

/**
 * The smallest k ≥ 1 whose renewal is ≥ `ms`, or -1 when every renewal from `ms` on lies past the Date
 * range. The estimate starts at most two cycles early, so the search takes at most three steps.
 */
function firstRenewalFrom(s: Sub, ms: number): number {
  if (!(ms <= MAX_TIME)) return -1;
  let k: number;
  if (s.months > 0) k = Math.max(1, Math.floor((monthIndex(ms) - monthIndex(s.start)) / s.months) - 1);
  else k = Math.max(1, Math.floor((ms - s.start) / (s.days * DAY_MS)) - 1);
  for (let step = 0; step < 4; step++, k++) {
    const r = renewal(s, k);
    if (Number.isNaN(r)) return -1;
    if (r >= ms) return k;
  }
  /* c8 ignore next */
  return k; // not reached (see above); the callers' checks would still hold for an early k
}

/**
 * Renewal reminders due in a window, as plain rows a scheduler can store.
 *
 * Renewal k (k = 1, 2, …) of a subscription is k cycles after `startAt`. Calendar cycles (`"monthly"`,
 * `"quarterly"`, `"annual"`, `{ months }`) keep the start's day of month and time of day, clamped to the
 * month's last day and always counted from the start, so the anchor is never lost: Jan 31 → Feb 29 →
 * Mar 31 → Apr 30 (UTC). `{ days }` cycles add whole days. Renewals at or after `endAt` are dropped. For
 * each renewal R and offset o, the reminder is at R − o days; rows whose reminder falls in
 * [asOf, asOf + horizonDays] are returned. Running it daily with `horizonDays: 0`, or over consecutive
 * windows, yields every reminder exactly once. A Date holds instants up to ±8.64e15 ms (years ±275 760):
 * the sequence of renewals ends at the last one in that range, and the window is cut there.
 *
 * @param subscriptions - `{ customerId, startAt, cycle, endAt? }`
 * @param options - see {@link RenewalRemindersOptions}; `asOf` is required (`observationEnd` is accepted as its synonym)
 * @returns rows sorted by `remindAt`, then `customerId`, then `offsetDays`
 * @throws RetentionKitError `INVALID_DATE` (`subscriptions[i].startAt`, `options.asOf`), `INVALID_OPTION`
 *   for an unknown cycle, `NOT_INTEGER` / `OUT_OF_RANGE` for bad cycle lengths, offsets or horizon
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Tiers
 * @example
 * ```ts
 * const rows = renewalReminders(
 *   [{ customerId: 1, startAt: "2024-01-31", cycle: "monthly" }],
 *   { asOf: "2024-02-01", offsetsDays: [7], horizonDays: 60 },
 * );
 * rows.map((r) => [new Date(r.renewalAt).toISOString().slice(0, 10), new Date(r.remindAt).toISOString().slice(0, 10)]);
 * // => [["2024-02-29", "2024-02-22"], ["2024-03-31", "2024-03-24"]]
 * ```
 */
export function renewalReminders(subscriptions: readonly Subscription[], options: RenewalRemindersOptions): RenewalReminder[] {
  const fn = "renewalReminders";
  const o = optionsBag(fn, options, ["asOf", "offsetsDays", "horizonDays", "observationEnd"] as const satisfies readonly (keyof RenewalRemindersOptions)[]);
  const asOf = requiredAsOf(fn, o, "asOf");
  const offsets = o.offsetsDays === undefined ? [30, 7, 1] : [...new Set(array<unknown>(fn, o.offsetsDays, "options.offsetsDays").map((x, i) => integerInRange(fn, x, `options.offsetsDays[${i}]`, 0, 36_600)))];
  const horizon = o.horizonDays === undefined ? 90 : numberInRange(fn, o.horizonDays, "options.horizonDays", 0, 36_600);
  const end = asOf + horizon * DAY_MS;
  const list = array<unknown>(fn, subscriptions, "subscriptions");
  const out: RenewalReminder[] = [];
  if (offsets.length === 0) return out;
  const minOff = Math.min(...offsets);
  const maxOff = Math.max(...offsets);
  for (let i = 0; i < list.length; i++) {
    const s = readSubscription(fn, list[i], `subscriptions[${i}]`);
    // Renewals whose reminders can land in the window lie in [asOf + minOff, end + maxOff].
    const first = firstRenewalFrom(s, asOf + minOff * DAY_MS);
    if (first < 0) continue;
    // At most (horizon + maxOff − minOff) days / 1 day + 1 renewals: the loop is bounded by the window.
    for (let k = first; ; k++) {
      const r = renewal(s, k);
      if (!(r <= end + maxOff * DAY_MS) || r >= s.end) break; // NaN (past the Date range) ends it too
      for (const off of offsets) {
        const at = r - off * DAY_MS;
        if (at >= asOf && at <= end) out.push({ customerId: s.id, renewalAt: r, remindAt: at, offsetDays: off });
      }
    }
  }
  return out.sort((a, b) => a.remindAt - b.remindAt || compareIds(a.customerId, b.customerId) || a.offsetDays - b.offsetDays);
}

/**
 * The next renewal of a subscription at or after `asOf` (see {@link renewalReminders} for the calendar
 * rules), or `null` when the subscription ends before it. A renewal past the range a Date can hold
 * (8.64e15 ms, year 275 760) is not an instant: asking for one is `OUT_OF_RANGE`.
 *
 * @param subscription - `{ customerId, startAt, cycle, endAt? }`
 * @param asOf - the instant to look from
 * @returns epoch ms of the next renewal, or `null`
 * @throws RetentionKitError as {@link renewalReminders} for a bad subscription or date; `OUT_OF_RANGE`
 *   (`asOf`) when the next renewal would fall after 8.64e15 ms, the last instant a Date can hold
 * @category Tiers
 * @example
 * ```ts
 * new Date(nextRenewalAt({ customerId: 1, startAt: "2023-02-28", cycle: "annual" }, "2024-03-01")!).toISOString().slice(0, 10);
 * // => "2025-02-28"
 * ```
 */
export function nextRenewalAt(subscription: Subscription, asOf: TimeInput): number | null {
  const fn = "nextRenewalAt";
  const s = readSubscription(fn, subscription, "subscription");
  const from = time(fn, asOf, "asOf");
  const k = firstRenewalFrom(s, from);
  if (k < 0) {
    if (s.end <= MAX_TIME) return null; // it ends within the Date range, so before any later renewal
    fail(fn, "OUT_OF_RANGE", `the next renewal after asOf ${show(asOf)} falls after 8.64e15 ms (+275760-09-13), the last instant a Date can hold; pass an endAt or an earlier asOf`, "asOf");
  }
  const r = renewal(s, k);
  return r >= s.end ? null : r;
}
