import type { AsOfTime, CustomerId, TimeInput } from "../data/time.js";
import type { RenewalReminder } from "../tiers/renewalReminders.js";
import type { Touchpoint } from "../tiers/touchpoints.js";
import { compareIds } from "../internal/ids.js";
import { DAY_MS, MAX_TIME, dayIndex, requiredAsOf, time } from "../internal/time.js";
import { array, count, customerId, fail, integerAtLeast, optionsBag, record, show } from "../internal/validate.js";
import type { AccountAssignment } from "./assignAccountManagers.js";

/**
 * The most agenda rows {@link followUpAgenda} builds (before merging same-day rows): a longer horizon or
 * a denser cadence is refused with `OUT_OF_RANGE`.
 *
 * @category Loyalty
 * @example
 * ```ts
 * MAX_AGENDA_ROWS;
 * // => 1000000
 * ```
 */
export const MAX_AGENDA_ROWS = 1_000_000;

/**
 * A scheduled check-in: customers of a level or segment are contacted every `everyDays` days from their
 * last contact.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const gold: FollowUpCadence = { level: "Gold", everyDays: 30 };
 * ```
 */
export interface FollowUpCadence {
  /** The level it applies to (the customer's `level`). Omit both `level` and `segment` for everyone. */
  readonly level?: string;
  /** The segment it applies to (the customer's `segment`). */
  readonly segment?: string;
  /** Days between check-ins, a whole number 1..36 600. */
  readonly everyDays: number;
  /** The reason's kind. Default `"check-in"`. */
  readonly kind?: string;
}

/**
 * One customer of {@link followUpAgenda}.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const c: FollowUpCustomer = { customerId: 7, level: "Gold", lastContactAt: "2024-05-20", events: [{ type: "complaint", at: "2024-06-01" }] };
 * ```
 */
export interface FollowUpCustomer {
  /** The customer's id. */
  readonly customerId: CustomerId;
  /** The customer's level (as from {@link membershipLevels}), for cadences by level. */
  readonly level?: string | null;
  /** The customer's segment, for cadences by segment. */
  readonly segment?: string | null;
  /** The last contact with the customer; none: the first check-in is due at `asOf`. */
  readonly lastContactAt?: TimeInput | null;
  /** Events `{ type, at }`; those of the complaint type call for a follow-up. */
  readonly events?: readonly { readonly type: string; readonly at: TimeInput }[];
}

/**
 * The follow-up after a complaint: within `withinDays` days, unless the customer was contacted since.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const rule: ComplaintFollowUp = { type: "complaint", withinDays: 2 };
 * ```
 */
export interface ComplaintFollowUp {
  /** The event type that is a complaint. Default `"complaint"`. */
  readonly type?: string;
  /** Days after the complaint by which to follow up, a whole number 0..36 600. Default 2. */
  readonly withinDays?: number;
}

/**
 * Options of {@link followUpAgenda}.
 *
 * `asOf`: the start of the agenda. Required; `observationEnd` is accepted as its exact synonym ({@link AsOfTime}).
 *
 * @category Loyalty
 * @example
 * ```ts
 * const o: FollowUpAgendaOptions = { asOf: "2024-06-01", horizonDays: 14, cadences: [{ level: "Gold", everyDays: 30 }] };
 * ```
 */
export type FollowUpAgendaOptions = AsOfTime & {
  /** Rows due in [asOf, asOf + horizonDays] are listed (overdue ones at `asOf`), in days, 0..36 600. Default 30. */
  horizonDays?: number;
  /** The scheduled check-ins. Default none. */
  cadences?: readonly FollowUpCadence[];
  /** The complaint follow-up. Default `{ type: "complaint", withinDays: 2 }`. */
  complaint?: ComplaintFollowUp;
  /** Who manages whom: a result of {@link assignAccountManagers} (its `assignments` are read). Default: nobody. */
  assignment?: Pick<AccountAssignment, "assignments">;
  /** Rows of {@link touchpoints} to merge in (dated at their `at`). */
  touchpoints?: readonly Touchpoint[];
  /** Rows of {@link renewalReminders} to merge in (dated at their `remindAt`). */
  renewalReminders?: readonly RenewalReminder[];
};

/**
 * One reason to contact a customer in an {@link AgendaItem}.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const r: AgendaReason = { source: "complaint", kind: "complaint", at: 1717372800000, detail: "complaint on 2024-06-01, follow up within 2 days" };
 * ```
 */
export interface AgendaReason {
  /** Where it comes from: `"complaint"`, `"cadence"`, `"renewal"` or `"touchpoint"`. */
  source: "complaint" | "cadence" | "renewal" | "touchpoint";
  /** The cadence's kind, `"complaint"`, `"renewal"` or the touchpoint's kind. */
  kind: string;
  /** When it is due, epoch ms (before `asOf` when overdue). */
  at: number;
  /** What it is, in words. */
  detail: string;
}

/**
 * One customer to contact on one day.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const item: AgendaItem = { customerId: 7, at: 1717200000000, overdue: false, reasons: [] };
 * ```
 */
export interface AgendaItem {
  /** The customer's id. */
  customerId: CustomerId;
  /** When to contact: the earliest due time of the reasons, or `asOf` when one is overdue, epoch ms. */
  at: number;
  /** Whether a reason was due before `asOf`. */
  overdue: boolean;
  /** The reasons, by due time, then source and kind. */
  reasons: AgendaReason[];
}

/**
 * The agenda of one manager (`managerId: null` for customers without one).
 *
 * @category Loyalty
 * @example
 * ```ts
 * const a: ManagerAgenda = { managerId: "m1", items: [] };
 * ```
 */
export interface ManagerAgenda {
  /** The manager's id; `null` for the customers no manager holds. */
  managerId: string | number | null;
  /** The items, by `at`, then customer id. */
  items: AgendaItem[];
}

interface Cadence {
  level: string | null;
  segment: string | null;
  every: number;
  kind: string;
  index: number;
}

function text(fn: string, value: unknown, path: string): string {
  if (typeof value === "string" && value !== "") return value;
  return fail(fn, "INVALID_TYPE", `${path} must be a non-empty string, got ${show(value)}`, path);
}

function days(fn: string, value: unknown, path: string, lo: number): number {
  const x = integerAtLeast(fn, value, path, lo);
  if (!(x <= 36_600)) fail(fn, "OUT_OF_RANGE", `${path} must be at most 36600, got ${show(x)}`, path);
  return x;
}

function readCadences(fn: string, value: unknown): Cadence[] {
  return array<unknown>(fn, value, "options.cadences").map((raw, i) => {
    const path = `options.cadences[${i}]`;
    const o = optionsBag(fn, raw, ["level", "segment", "everyDays", "kind"] as const satisfies readonly (keyof FollowUpCadence)[], path);
    return {
      level: o.level === undefined ? null : text(fn, o.level, `${path}.level`),
      segment: o.segment === undefined ? null : text(fn, o.segment, `${path}.segment`),
      every: days(fn, o.everyDays, `${path}.everyDays`, 1),
      kind: o.kind === undefined ? "check-in" : text(fn, o.kind, `${path}.kind`),
      index: i,
    };
  });
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const daysText = (n: number): string => (n === 1 ? "1 day" : `${n} days`);

/**
 * One dated follow-up agenda per account manager: scheduled check-ins by level or segment, follow-ups after
 * complaints, and the rows of {@link touchpoints} and {@link renewalReminders}, merged.
 *
 * - Check-ins: each customer follows the most frequent cadence that matches its `level` or `segment`
 *   (a cadence with neither matches everyone; ties: the first listed). The first check-in is due
 *   `everyDays` after `lastContactAt` (at `asOf` for a customer never contacted), then every `everyDays`;
 *   an overdue check-in is placed at `asOf` and the cadence restarts from there.
 * - Complaints: an event of the complaint type at or before `asOf` that no contact followed
 *   (`lastContactAt` before it) is due `withinDays` after the event.
 * - Reasons due before `asOf` are overdue and placed at `asOf`; reasons due after `asOf + horizonDays` are
 *   left out (so are touchpoints and reminders outside the window).
 * - Deduplication: all reasons of one customer due on the same UTC day make one item (dated at the earliest
 *   of them); a reason repeated with the same source, kind and due time is kept once.
 * - Each item goes to the customer's manager in `assignment`; customers without one are in the agenda with
 *   `managerId: null`, listed last.
 *
 * Bounded: at most {@link MAX_AGENDA_ROWS} rows are built; a horizon that would make more is refused.
 *
 * @param customers - `{ customerId, level?, segment?, lastContactAt?, events? }`, one per customer
 * @param options - `asOf` (required), `horizonDays`, `cadences`, `complaint`, `assignment`, `touchpoints`, `renewalReminders`; see {@link FollowUpAgendaOptions}
 * @returns one agenda per manager with items, sorted by manager id (`null` last)
 * @throws RetentionKitError `INVALID_DATE`, `INVALID_CUSTOMER_ID`, `INVALID_TYPE` naming the row and field
 *   (`customers[3].lastContactAt`, `options.touchpoints[2].at`), `DUPLICATE_ID` for a customer listed twice
 * @throws RetentionKitError `OUT_OF_RANGE` when the agenda would have more than {@link MAX_AGENDA_ROWS} rows
 *   (path `options.horizonDays`), `UNKNOWN_OPTION`, `INVALID_OPTION`, `NOT_INTEGER` for bad options
 * @category Loyalty
 * @example
 * ```ts
 * const agenda = followUpAgenda(
 *   [
 *     { customerId: 1, level: "Gold", lastContactAt: "2024-05-20", events: [{ type: "complaint", at: "2024-06-01" }] },
 *     { customerId: 2, level: "Silver", lastContactAt: "2024-05-01" },
 *   ],
 *   {
 *     asOf: "2024-06-02",
 *     horizonDays: 30,
 *     cadences: [{ level: "Gold", everyDays: 30 }],
 *     assignment: { assignments: [{ customerId: 1, managerId: "m1" }] },
 *     renewalReminders: [{ customerId: 2, renewalAt: Date.UTC(2024, 5, 20), remindAt: Date.UTC(2024, 5, 13), offsetDays: 7 }],
 *   },
 * );
 * agenda.map((a) => [a.managerId, a.items.map((i) => [i.customerId, new Date(i.at).toISOString().slice(0, 10), i.reasons.map((r) => r.kind)])]);
 * // => [["m1", [[1, "2024-06-03", ["complaint"]], [1, "2024-06-19", ["check-in"]]]], [null, [[2, "2024-06-13", ["renewal"]]]]]
 * ```
 */
export function followUpAgenda(customers: readonly FollowUpCustomer[], options: FollowUpAgendaOptions): ManagerAgenda[] {
  const fn = "followUpAgenda";
  const o = optionsBag(fn, options, ["asOf", "observationEnd", "horizonDays", "cadences", "complaint", "assignment", "touchpoints", "renewalReminders"] as const satisfies readonly (keyof FollowUpAgendaOptions)[]);
  const asOf = requiredAsOf(fn, o, "asOf");
  const horizon = o.horizonDays === undefined ? 30 : days(fn, o.horizonDays, "options.horizonDays", 0);
  const end = Math.min(asOf + horizon * DAY_MS, MAX_TIME);
  const cadences = o.cadences === undefined ? [] : readCadences(fn, o.cadences);
  const c = optionsBag(fn, o.complaint, ["type", "withinDays"] as const satisfies readonly (keyof ComplaintFollowUp)[], "options.complaint");
  const complaintType = c.type === undefined ? "complaint" : text(fn, c.type, "options.complaint.type");
  const within = c.withinDays === undefined ? 2 : days(fn, c.withinDays, "options.complaint.withinDays", 0);
  const managerOf = readAssignment(fn, o.assignment);

  const rows: { id: CustomerId; reason: AgendaReason }[] = [];
  let budget = MAX_AGENDA_ROWS;
  const spend = (n: number): void => {
    budget -= n;
    if (!(budget >= 0)) {
      fail(fn, "OUT_OF_RANGE", `the agenda would have more than ${MAX_AGENDA_ROWS} rows (MAX_AGENDA_ROWS); pass a shorter options.horizonDays or sparser cadences`, "options.horizonDays");
    }
  };
  const add = (id: CustomerId, reason: AgendaReason): void => {
    if (reason.at > end) return;
    spend(1);
    rows.push({ id, reason });
  };

  const seen = new Set<CustomerId>();
  array<unknown>(fn, customers, "customers").forEach((raw, i) => {
    const path = `customers[${i}]`;
    const r = record(fn, raw, path);
    const id = customerId(fn, r.customerId, `${path}.customerId`);
    if (seen.has(id)) fail(fn, "DUPLICATE_ID", `${path}.customerId ${show(id)} is listed twice`, `${path}.customerId`);
    seen.add(id);
    const lv = r.level;
    const level = lv === undefined || lv === null ? null : text(fn, lv, `${path}.level`);
    const sg = r.segment;
    const segment = sg === undefined || sg === null ? null : text(fn, sg, `${path}.segment`);
    const lc = r.lastContactAt;
    const last = lc === undefined || lc === null ? null : time(fn, lc, `${path}.lastContactAt`);
    const ev = r.events;
    if (ev !== undefined) {
      array<unknown>(fn, ev, `${path}.events`).forEach((e, k) => {
        const ep = `${path}.events[${k}]`;
        const er = record(fn, e, ep);
        const type = text(fn, er.type, `${ep}.type`);
        const at = time(fn, er.at, `${ep}.at`);
        if (type !== complaintType || at > asOf || (last !== null && last >= at)) return;
        add(id, { source: "complaint", kind: "complaint", at: at + within * DAY_MS, detail: `${complaintType} on ${isoDay(at)}, follow up within ${daysText(within)}` });
      });
    }
    let cad: Cadence | null = null;
    for (const k of cadences) {
      const fits = (k.level === null || k.level === level) && (k.segment === null || k.segment === segment);
      if (fits && (cad === null || k.every < cad.every)) cad = k;
    }
    if (cad === null) return;
    const step = cad.every * DAY_MS;
    let due = last === null ? asOf : last + step;
    const every = `every ${daysText(cad.every)}${cadenceScope(cad)}${last === null ? ", no contact on record" : `, last contact ${isoDay(last)}`}`;
    if (due < asOf) {
      // Overdue: one check-in now, then the cadence restarts from asOf.
      add(id, { source: "cadence", kind: cad.kind, at: due, detail: every });
      due = asOf + step;
    }
    if (due > end) return;
    // Refuse before building: the rows this cadence adds.
    const n = Math.floor((end - due) / step) + 1;
    if (n > budget) spend(n);
    for (let t = due; t <= end; t += step) add(id, { source: "cadence", kind: cad.kind, at: t, detail: every });
  });

  if (o.touchpoints !== undefined) {
    array<unknown>(fn, o.touchpoints, "options.touchpoints").forEach((raw, i) => {
      const path = `options.touchpoints[${i}]`;
      const r = record(fn, raw, path);
      const id = customerId(fn, r.customerId, `${path}.customerId`);
      const kind = text(fn, r.kind, `${path}.kind`);
      const at = time(fn, r.at, `${path}.at`);
      if (at >= asOf) add(id, { source: "touchpoint", kind, at, detail: `${kind} on ${isoDay(at)}` });
    });
  }
  if (o.renewalReminders !== undefined) {
    array<unknown>(fn, o.renewalReminders, "options.renewalReminders").forEach((raw, i) => {
      const path = `options.renewalReminders[${i}]`;
      const r = record(fn, raw, path);
      const id = customerId(fn, r.customerId, `${path}.customerId`);
      const renewal = time(fn, r.renewalAt, `${path}.renewalAt`);
      const remind = time(fn, r.remindAt, `${path}.remindAt`);
      const off = count(fn, r.offsetDays, `${path}.offsetDays`);
      if (remind >= asOf) add(id, { source: "renewal", kind: "renewal", at: remind, detail: `renewal on ${isoDay(renewal)}, ${daysText(off)} before` });
    });
  }
  return mergeAgenda(rows, asOf, managerOf);
}

function cadenceScope(c: Cadence): string {
  const parts = [c.level === null ? null : `level ${c.level}`, c.segment === null ? null : `segment ${c.segment}`].filter((x) => x !== null);
  return parts.length === 0 ? "" : ` for ${parts.join(", ")}`;
}

function readAssignment(fn: string, value: unknown): Map<CustomerId, string | number> {
  const out = new Map<CustomerId, string | number>();
  if (value === undefined) return out;
  const r = record(fn, value, "options.assignment");
  array<unknown>(fn, r.assignments, "options.assignment.assignments").forEach((raw, i) => {
    const path = `options.assignment.assignments[${i}]`;
    const a = record(fn, raw, path);
    const id = customerId(fn, a.customerId, `${path}.customerId`);
    const m = a.managerId;
    if (!((typeof m === "string" && m !== "") || (typeof m === "number" && Number.isFinite(m)))) {
      fail(fn, "INVALID_TYPE", `${path}.managerId must be a non-empty string or a finite number, got ${show(m)}`, `${path}.managerId`);
    }
    if (out.has(id)) fail(fn, "DUPLICATE_ID", `${path}.customerId ${show(id)} is assigned twice`, `${path}.customerId`);
    out.set(id, m);
  });
  return out;
}

const SOURCE_ORDER = { complaint: 0, renewal: 1, cadence: 2, touchpoint: 3 } as const;

function compareReasons(a: AgendaReason, b: AgendaReason): number {
  return a.at - b.at || SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.detail < b.detail ? -1 : a.detail > b.detail ? 1 : 0);
}

function mergeAgenda(rows: { id: CustomerId; reason: AgendaReason }[], asOf: number, managerOf: Map<CustomerId, string | number>): ManagerAgenda[] {
  const day = (r: AgendaReason): number => dayIndex(Math.max(r.at, asOf));
  rows.sort((a, b) => compareIds(a.id, b.id) || day(a.reason) - day(b.reason) || compareReasons(a.reason, b.reason));
  const byManager = new Map<string | number | null, AgendaItem[]>();
  let prev: { id: CustomerId; day: number; item: AgendaItem } | null = null;
  for (const { id, reason } of rows) {
    const d = day(reason);
    if (prev !== null && prev.id === id && prev.day === d) {
      const last = prev.item.reasons[prev.item.reasons.length - 1]!;
      if (last.source === reason.source && last.kind === reason.kind && last.at === reason.at) continue;
      prev.item.reasons.push(reason);
      prev.item.overdue ||= reason.at < asOf;
      continue;
    }
    const item: AgendaItem = { customerId: id, at: Math.max(reason.at, asOf), overdue: reason.at < asOf, reasons: [reason] };
    prev = { id, day: d, item };
    const m = managerOf.get(id) ?? null;
    const list = byManager.get(m);
    if (list === undefined) byManager.set(m, [item]);
    else list.push(item);
  }
  const managers = [...byManager.keys()].sort((a, b) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : compareIds(a, b)));
  return managers.map((managerId) => ({ managerId, items: byManager.get(managerId)!.sort((a, b) => a.at - b.at || compareIds(a.customerId, b.customerId)) }));
}
