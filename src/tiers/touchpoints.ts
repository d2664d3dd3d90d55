import type { InactivityRuleOptions } from "../churn/inactivityRule.js";
import { activityTimesOf, inactivityFiresAt, inactivitySettings, Preparer } from "../internal/churn.js";
import type { ChurnEvent } from "../churn/types.js";
import type { AsOfTime, CustomerId, TimeInput } from "../data/time.js";
import { compareIds } from "../internal/ids.js";
import { DAY_MS, MAX_TIME, monthLength, requiredAsOf, time, utcMs } from "../internal/time.js";
import { array, count, customerId, fail, numberInRange, oneOf, optionsBag, record, show } from "../internal/validate.js";

/**
 * A sequence of messages after a trigger: `offsetsDays` after the customer's first purchase, or after the
 * moment the inactivity rule fires.
 *
 * @category Tiers
 * @example
 * ```ts
 * const welcome: TouchpointSequence = { kind: "welcome", trigger: "firstPurchase", offsetsDays: [1, 7, 30] };
 * ```
 */
export interface TouchpointSequence {
  /** The rows' `kind`, e.g. `"welcome"`, `"win-back"`. */
  readonly kind: string;
  /** `"firstPurchase"` or `"inactivity"` (the {@link inactivityRule} threshold being crossed). */
  readonly trigger: "firstPurchase" | "inactivity";
  /** Whole days after the trigger (0 = the same moment). */
  readonly offsetsDays: readonly number[];
}

/**
 * One customer's dates for {@link touchpoints}. Every field but `customerId` is optional.
 *
 * @category Tiers
 * @example
 * ```ts
 * const c: TouchpointCustomer = { customerId: 7, birthday: "1990-02-28", memberSince: "2021-06-15", events: [{ type: "purchase", at: "2024-03-02" }] };
 * ```
 */
export interface TouchpointCustomer {
  /** The customer's id, as given. */
  readonly customerId: CustomerId;
  /** Date of birth (the year is used only for `years`). */
  readonly birthday?: TimeInput | null | undefined;
  /** When the membership started (anniversaries are counted from it). */
  readonly memberSince?: TimeInput | null | undefined;
  /** The first purchase; when missing, the earliest `"purchase"` event at or before `asOf`. */
  readonly firstPurchaseAt?: TimeInput | null | undefined;
  /** The activity log, as for {@link detectChurnSignals} (needed for inactivity triggers). */
  readonly events?: readonly ChurnEvent[] | undefined;
}

/**
 * Options of {@link touchpoints}.
 *
 * `asOf`: the start of the window. Required. `observationEnd` is accepted as its exact synonym
 * ({@link AsOfTime}).
 *
 * @category Tiers
 * @example
 * ```ts
 * const options: TouchpointsOptions = { asOf: "2024-03-01", horizonDays: 7, anniversary: false, inactivity: { days: 45 } };
 * ```
 */
export type TouchpointsOptions = AsOfTime & {
  /** Rows dated in [asOf, asOf + horizonDays] are returned, in days (at most 36 600). Default 30. */
  horizonDays?: number;
  /** Yearly birthday rows (kind `"birthday"`). Default true. */
  birthday?: boolean;
  /** Yearly membership-anniversary rows (kind `"anniversary"`, from the first anniversary). Default true. */
  anniversary?: boolean;
  /** Where a Feb 29 date falls in other years: `"feb28"` (default) or `"mar1"`. */
  leapDay?: "feb28" | "mar1";
  /**
   * Sequences after triggers. Default: welcome messages 1, 7 and 30 days after the first purchase
   * (kind `"welcome"`) and a win-back offer when the inactivity rule fires (kind `"win-back"`, offset 0).
   */
  sequences?: readonly TouchpointSequence[];
  /** Options of the inactivity trigger, exactly as {@link inactivityRule}'s (default 30 days). */
  inactivity?: InactivityRuleOptions;
};

/**
 * One dated touchpoint.
 *
 * @category Tiers
 * @example
 * ```ts
 * const row: Touchpoint = { customerId: 7, kind: "welcome", at: 1709424000000, offsetDays: 1, years: null };
 * ```
 */
export interface Touchpoint {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** `"birthday"`, `"anniversary"`, or a sequence's kind (`"welcome"`, `"win-back"`, …). */
  kind: string;
  /** When, epoch ms (yearly dates at 00:00 UTC). */
  at: number;
  /** Days after the trigger, for sequences; `null` for yearly dates. */
  offsetDays: number | null;
  /** Age at the birthday, or years of membership at the anniversary; `null` for sequences. */
  years: number | null;
}

const DEFAULT_SEQUENCES: readonly TouchpointSequence[] = [
  { kind: "welcome", trigger: "firstPurchase", offsetsDays: [1, 7, 30] },
  { kind: "win-back", trigger: "inactivity", offsetsDays: [0] },
];

/**
 * The automated customer moments due in a window, as plain rows a scheduler can store: yearly dates
 * (birthday, membership anniversary) and sequences after a trigger (welcome messages after the first
 * purchase, a win-back offer when a customer goes quiet).
 *
 * - Yearly dates fall on the same month and day each year at 00:00 UTC; a Feb 29 date falls on Feb 28
 *   (or Mar 1 with `leapDay: "mar1"`) in other years. Anniversaries start at year 1.
 * - A `"firstPurchase"` sequence is dated from `firstPurchaseAt` (or the first `"purchase"` event).
 * - An `"inactivity"` sequence is dated from the moment the {@link inactivityRule} with
 *   `options.inactivity` starts to fire: the last activity at or before `asOf` plus its `days` (the same
 *   definition, so a CRM's win-back list and its churn flags agree). It is a schedule as of `asOf`:
 *   new activity moves it, so recompute after new events. Customers without activity have no such date.
 *
 * Rows dated in [asOf, asOf + horizonDays] are returned; running it over consecutive windows yields every
 * touchpoint once. The window is cut at 8.64e15 ms (+275760-09-13), the last instant a Date can hold.
 *
 * @param customers - `{ customerId, birthday?, memberSince?, firstPurchaseAt?, events? }`
 * @param options - see {@link TouchpointsOptions}; `asOf` is required (`observationEnd` is accepted as its synonym)
 * @returns rows sorted by `at`, then `customerId`, `kind` and `offsetDays`
 * @throws RetentionKitError `INVALID_DATE` naming the field (`customers[2].birthday`), the event errors of
 *   {@link detectChurnSignals}, `INVALID_OPTION` / `NOT_INTEGER` / `OUT_OF_RANGE` for bad options
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Tiers
 * @example
 * ```ts
 * const rows = touchpoints(
 *   [{ customerId: 1, birthday: "1992-02-29", events: [{ type: "purchase", at: "2025-02-20" }] }],
 *   { asOf: "2025-02-21", horizonDays: 10 },
 * );
 * rows.map((r) => [r.kind, new Date(r.at).toISOString().slice(0, 10), r.offsetDays ?? r.years]);
 * // => [["welcome", "2025-02-21", 1], ["welcome", "2025-02-27", 7], ["birthday", "2025-02-28", 33]]
 * ```
 */
export function touchpoints(customers: readonly TouchpointCustomer[], options: TouchpointsOptions): Touchpoint[] {
  const fn = "touchpoints";
  const o = optionsBag(fn, options, ["asOf", "horizonDays", "birthday", "anniversary", "leapDay", "sequences", "inactivity", "observationEnd"] as const satisfies readonly (keyof TouchpointsOptions)[]);
  const asOf = requiredAsOf(fn, o, "asOf");
  const horizon = o.horizonDays === undefined ? 30 : numberInRange(fn, o.horizonDays, "options.horizonDays", 0, 36_600);
  // The window ends at the last instant a Date can hold: no row is dated past it.
  const end = Math.min(asOf + horizon * DAY_MS, MAX_TIME);
  const birthday = flag(fn, o.birthday, "options.birthday");
  const anniversary = flag(fn, o.anniversary, "options.anniversary");
  const leapDay = o.leapDay === undefined ? "feb28" : oneOf(fn, o.leapDay, "options.leapDay", ["feb28", "mar1"] as const);
  const sequences = o.sequences === undefined ? DEFAULT_SEQUENCES : readSequences(fn, o.sequences);
  const inactivity = inactivitySettings(fn, o.inactivity, "options.inactivity");
  const needEvents = sequences.length > 0;
  const preparer = new Preparer(fn, asOf);
  const out: Touchpoint[] = [];
  const list = array<unknown>(fn, customers, "customers");
  for (let i = 0; i < list.length; i++) {
    const path = `customers[${i}]`;
    const c = record(fn, list[i], path);
    const view = needEvents ? preparer.prepare({ customerId: c.customerId, events: c.events ?? [] }, path) : null;
    const id = view === null ? customerId(fn, c.customerId, `${path}.customerId`) : view.customerId;
    const push = (kind: string, at: number, offsetDays: number | null, years: number | null): void => {
      if (at >= asOf && at <= end) out.push({ customerId: id, kind, at, offsetDays, years });
    };
    // Each field is read once: the value checked is the value used.
    const rawBirthday = birthday ? c.birthday : undefined;
    const rawMember = anniversary ? c.memberSince : undefined;
    if (rawBirthday !== undefined && rawBirthday !== null) {
      const b = time(fn, rawBirthday, `${path}.birthday`);
      yearly(b, asOf, end, leapDay, (at, years) => push("birthday", at, null, years));
    }
    if (rawMember !== undefined && rawMember !== null) {
      const m = time(fn, rawMember, `${path}.memberSince`);
      yearly(m, asOf, end, leapDay, (at, years) => push("anniversary", at, null, years));
    }
    if (view === null) continue;
    let first: number | null = null;
    const rawFirst = c.firstPurchaseAt;
    if (rawFirst !== undefined && rawFirst !== null) first = time(fn, rawFirst, `${path}.firstPurchaseAt`);
    else {
      const { type, at } = view.cols;
      for (let k = 0; k < view.size && first === null; k++) if (type[k] === "purchase") first = at[k]!;
    }
    const times = activityTimesOf(view, inactivity.types);
    const quietFrom = times.length === 0 ? null : inactivityFiresAt(times[times.length - 1]!, inactivity.days);
    for (const s of sequences) {
      const base = s.trigger === "firstPurchase" ? first : quietFrom;
      if (base === null) continue;
      for (const off of s.offsetsDays) push(s.kind, base + off * DAY_MS, off, null);
    }
  }
  return out.sort(
    (a, b) =>
      a.at - b.at ||
      compareIds(a.customerId, b.customerId) ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
      (a.offsetDays ?? 0) - (b.offsetDays ?? 0),
  );
}

function flag(fn: string, value: unknown, path: string): boolean {
  if (value === undefined) return true;
  if (typeof value !== "boolean") fail(fn, "INVALID_OPTION", `${path} must be true or false, got ${show(value)}`, path);
  return value;
}

function readSequences(fn: string, value: unknown): TouchpointSequence[] {
  return array<unknown>(fn, value, "options.sequences").map((x, i) => {
    const p = `options.sequences[${i}]`;
    const s = optionsBag(fn, record(fn, x, p), ["kind", "trigger", "offsetsDays"] as const satisfies readonly (keyof TouchpointSequence)[], p);
    if (typeof s.kind !== "string" || s.kind.length === 0) fail(fn, "INVALID_OPTION", `${p}.kind must be a non-empty string, got ${show(s.kind)}`, `${p}.kind`);
    const trigger = oneOf(fn, s.trigger, `${p}.trigger`, ["firstPurchase", "inactivity"] as const);
    const offsetsDays = array<unknown>(fn, s.offsetsDays, `${p}.offsetsDays`).map((d, k) => count(fn, d, `${p}.offsetsDays[${k}]`));
    return { kind: s.kind, trigger, offsetsDays };
  });
}

/** Calls `visit(at, years)` for each recurrence (years ≥ 1) of `dateMs`'s month and day in the years of [from, to]. */
function yearly(dateMs: number, from: number, to: number, leapDay: "feb28" | "mar1", visit: (at: number, years: number) => void): void {
  const d = new Date(dateMs);
  const y0 = d.getUTCFullYear();
  const month0 = d.getUTCMonth();
  const day = d.getUTCDate();
  const first = new Date(from).getUTCFullYear();
  const last = new Date(to).getUTCFullYear();
  for (let y = Math.max(first, y0 + 1); y <= last; y++) {
    let at: number;
    if (month0 === 1 && day === 29 && monthLength(y, 2) === 28) at = leapDay === "feb28" ? utcMs(y, 1, 28) : utcMs(y, 2, 1);
    else at = utcMs(y, month0, day);
    visit(at, y - y0);
  }
}
