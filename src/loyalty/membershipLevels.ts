import type { AsOfTime, CustomerId, TimeInput } from "../data/time.js";
import type { TierAssignment } from "../tiers/tierTransitions.js";
import { ExactSum } from "../internal/exactSum.js";
import { compareIds } from "../internal/ids.js";
import {
  DAY_MS,
  SecondsCheck,
  addMonthsClamped,
  monthIndex,
  monthStartMs,
  periodCount,
  requiredAsOf,
  time,
  toMsOrNaN,
} from "../internal/time.js";
import { array, count, customerId, fail, integerAtLeast, nonNegativeNumber, oneOf, optionsBag, record, show } from "../internal/validate.js";
import { formatAmount } from "./internal/format.js";

/**
 * One purchase of a member, the input of {@link membershipLevels}.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const row: MembershipPurchase = { customerId: "c1", at: "2024-03-02", amount: 120, points: 120 };
 * ```
 */
export interface MembershipPurchase {
  /** The customer's id, as given. */
  readonly customerId: CustomerId;
  /** When the purchase was made. */
  readonly at: TimeInput;
  /** What was spent (≥ 0, in the shop's currency). Required when a level has `minSpend`. */
  readonly amount?: number;
  /** Points the purchase earned (≥ 0). Required when a level has `minPoints`. */
  readonly points?: number;
}

/**
 * One membership level, the lowest first in {@link membershipLevels}' `levels`. Give exactly one
 * threshold (`minSpend`, `minPoints` or `minPurchases`) and exactly one window (`windowDays` or
 * `windowMonths`): the level is held while the total over the window reaches the threshold.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const gold: MembershipLevel = { name: "Gold", minSpend: 5000, windowMonths: 12 };
 * ```
 */
export interface MembershipLevel {
  /** The level's name, unique among the levels. */
  readonly name: string;
  /** Spend (sum of `amount`) over the window that qualifies, ≥ 0. */
  readonly minSpend?: number;
  /** Points (sum of `points`) over the window that qualify, ≥ 0. */
  readonly minPoints?: number;
  /** Purchases (rows) over the window that qualify, a whole number ≥ 0. */
  readonly minPurchases?: number;
  /** The rolling window in days, 1..36 600: a purchase counts from its time until `windowDays` days later. */
  readonly windowDays?: number;
  /**
   * The rolling window in calendar months, 1..1 200: a purchase counts from its time until the same day
   * `windowMonths` months later (clamped to the month's last day: Jan 31 + 1 month = Feb 28/29).
   */
  readonly windowMonths?: number;
}

/**
 * How often levels are reviewed for downgrades: `"month"`, `"quarter"` (3 months), `"year"` (12 months)
 * or `{ months }` (1..1 200).
 *
 * @category Loyalty
 * @example
 * ```ts
 * const every: ReviewCycle = { months: 6 };
 * ```
 */
export type ReviewCycle = "month" | "quarter" | "year" | { readonly months: number };

/**
 * Options of {@link membershipLevels}.
 *
 * `asOf`: the end of the history. Required; `observationEnd` is accepted as its exact synonym
 * ({@link AsOfTime}). Rows after `asOf` are not read into the levels.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const o: MembershipLevelsOptions = { asOf: "2024-12-31", reviewEvery: "quarter", graceDays: 30 };
 * ```
 */
export type MembershipLevelsOptions = AsOfTime & {
  /** When downgrades are considered. Default `"year"`. */
  reviewEvery?: ReviewCycle;
  /**
   * One review date; the others are whole review cycles before and after it, on the anchor's day of
   * month (clamped to the month's end: an anchor of Jan 31 with monthly reviews gives Feb 28/29, Mar 31, …).
   * Default `"1970-01-01"`: reviews on the first day of each month, quarter (Jan, Apr, Jul, Oct) or year.
   */
  reviewAnchor?: TimeInput;
  /**
   * Days a member keeps a level after a review found it no longer earned, 0..36 600. The downgrade takes
   * effect at the end of the grace period if the member still falls short then. Default 0 (at the review).
   */
  graceDays?: number;
  /** The periods of `counts`: `"month"` (default), `"quarter"` or `"year"` (calendar periods, UTC). */
  countsEvery?: "month" | "quarter" | "year";
};

/**
 * One change of a member's level.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const c: LevelChange = { at: 1704067200000, from: "Gold", to: "Silver", reason: "spend over the last 12 months fell to 3,200 < 5,000 for Gold" };
 * ```
 */
export interface LevelChange {
  /** When the change takes effect, epoch ms. */
  at: number;
  /** The level before; `null` when the member held none. */
  from: string | null;
  /** The level after; `null` when the member holds none. */
  to: string | null;
  /** Why, with the numbers: `"spend over the last 12 months reached 5,200 ≥ 5,000 for Gold"`. */
  reason: string;
}

/**
 * One member's level history in a {@link MembershipLevelsResult}.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const m: MemberLevels = { customerId: "c1", level: "Gold", since: 1704067200000, graceUntil: null, changes: [] };
 * ```
 */
export interface MemberLevels {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** The level held at `asOf`; `null` for none. */
  level: string | null;
  /** When the level held at `asOf` was reached (epoch ms); `null` when no level is held. */
  since: number | null;
  /** When a pending downgrade takes effect (the member is in a grace period at `asOf`), else `null`. */
  graceUntil: number | null;
  /** Every change up to `asOf`, oldest first. */
  changes: LevelChange[];
}

/**
 * Members per level at the end of one calendar period.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const row: LevelCountRow = { periodStart: 1704067200000, at: 1706745599999, counts: [3, 1], none: 2 };
 * ```
 */
export interface LevelCountRow {
  /** The period's first instant, epoch ms. */
  periodStart: number;
  /** The instant counted: the period's last millisecond, or `asOf` in the last period. */
  at: number;
  /** Members holding each level at `at`, aligned with {@link MembershipLevelsResult.levels}. */
  counts: number[];
  /** Customers who had bought by `at` and held no level. */
  none: number;
}

/**
 * The result of {@link membershipLevels}: plain JSON data.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const r: MembershipLevelsResult = { levels: ["Silver", "Gold"], asOf: 1735603200000, members: [], counts: [] };
 * ```
 */
export interface MembershipLevelsResult {
  /** The level names, lowest first. */
  levels: string[];
  /** The as-of time, epoch ms. */
  asOf: number;
  /** One entry per customer with a purchase at or before `asOf`, sorted by id (numbers first). */
  members: MemberLevels[];
  /** Members per level at the end of each period, from the period of the first purchase to that of `asOf`. */
  counts: LevelCountRow[];
}

type Criterion = "spend" | "points" | "purchases";

interface Level {
  name: string;
  criterion: Criterion;
  threshold: number;
  days: number;
  months: number;
  /** Index of the level's measure (a distinct criterion and window). */
  measure: number;
}

interface Measure {
  criterion: Criterion;
  days: number;
  months: number;
}

const LEVEL_KEYS = ["name", "minSpend", "minPoints", "minPurchases", "windowDays", "windowMonths"] as const satisfies readonly (keyof MembershipLevel)[];
const THRESHOLD_KEYS = [
  ["minSpend", "spend"],
  ["minPoints", "points"],
  ["minPurchases", "purchases"],
] as const;

function readLevels(fn: string, value: unknown): { levels: Level[]; measures: Measure[] } {
  const list = array<unknown>(fn, value, "levels");
  if (list.length === 0) fail(fn, "EMPTY_INPUT", "levels must list at least one level, lowest first", "levels");
  const levels: Level[] = [];
  const measures: Measure[] = [];
  const names = new Set<string>();
  list.forEach((raw, i) => {
    const path = `levels[${i}]`;
    const o = optionsBag(fn, raw, LEVEL_KEYS, path);
    const name = o.name;
    if (typeof name !== "string" || name.trim() === "") fail(fn, "INVALID_TYPE", `${path}.name must be a non-empty string, got ${show(name)}`, `${path}.name`);
    if (names.has(name)) fail(fn, "DUPLICATE_ID", `${path}.name ${show(name)} names two levels; give each level its own name`, `${path}.name`);
    names.add(name);
    const given = THRESHOLD_KEYS.filter(([k]) => o[k] !== undefined);
    if (given.length !== 1) {
      fail(fn, "INVALID_THRESHOLDS", `${path} must have exactly one of minSpend, minPoints, minPurchases, got ${given.length === 0 ? "none" : given.map(([k]) => k).join(" and ")}`, path);
    }
    const [key, criterion] = given[0]!;
    const threshold = criterion === "purchases" ? count(fn, o[key], `${path}.${key}`) : nonNegativeNumber(fn, o[key], `${path}.${key}`);
    const hasDays = o.windowDays !== undefined;
    const hasMonths = o.windowMonths !== undefined;
    if (hasDays === hasMonths) {
      fail(fn, "INVALID_THRESHOLDS", `${path} must have exactly one of windowDays, windowMonths (the rolling window the ${key} is counted over), got ${hasDays ? "both" : "neither"}`, path);
    }
    const days = hasDays ? integerInRange(fn, o.windowDays, `${path}.windowDays`, 1, 36_600) : 0;
    const months = hasMonths ? integerInRange(fn, o.windowMonths, `${path}.windowMonths`, 1, 1200) : 0;
    let measure = measures.findIndex((m) => m.criterion === criterion && m.days === days && m.months === months);
    if (measure < 0) measure = measures.push({ criterion, days, months }) - 1;
    for (const lower of levels) {
      if (lower.measure === measure && !(lower.threshold < threshold)) {
        fail(
          fn,
          "INVALID_THRESHOLDS",
          `${path}.${key} ${formatAmount(threshold)} (${name}) must be above ${formatAmount(lower.threshold)} of the lower level ${lower.name} with the same window: list levels lowest first, with increasing thresholds`,
          `${path}.${key}`,
        );
      }
    }
    levels.push({ name, criterion, threshold, days, months, measure });
  });
  return { levels, measures };
}

function integerInRange(fn: string, value: unknown, path: string, lo: number, hi: number): number {
  const x = integerAtLeast(fn, value, path, lo);
  if (!(x <= hi)) fail(fn, "OUT_OF_RANGE", `${path} must be at most ${hi}, got ${show(x)}`, path);
  return x;
}

function reviewMonths(fn: string, value: unknown): number {
  if (value === undefined || value === "year") return 12;
  if (value === "month") return 1;
  if (value === "quarter") return 3;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const o = optionsBag(fn, value, ["months"] as const, "options.reviewEvery");
    return integerInRange(fn, o.months, "options.reviewEvery.months", 1, 1200);
  }
  return fail(fn, "INVALID_OPTION", `options.reviewEvery must be "month", "quarter", "year" or { months }, got ${show(value)}`, "options.reviewEvery");
}

/** When a purchase at `t` stops counting towards a measure. */
function expiry(m: Measure, t: number): number {
  return m.months > 0 ? addMonthsClamped(t, m.months) : t + m.days * DAY_MS;
}

function windowText(m: Measure): string {
  if (m.months > 0) return m.months === 1 ? "the last month" : `the last ${m.months} months`;
  return m.days === 1 ? "the last day" : `the last ${m.days} days`;
}

/** The first review date ≥ t: anchor + k·cycle months for whole k. */
function firstReviewAtOrAfter(anchor: number, cycle: number, t: number): number {
  let k = Math.floor((monthIndex(t) - monthIndex(anchor)) / cycle) - 1;
  let r = addMonthsClamped(anchor, k * cycle);
  while (r < t) {
    k++;
    r = addMonthsClamped(anchor, k * cycle);
  }
  return r;
}

interface Row {
  at: number;
  amount: number;
  points: number;
}

/**
 * Membership levels over time from purchase history, with the rules that keep them stable: a member is
 * upgraded the moment a rolling total reaches a level's threshold, and downgraded only at a review date,
 * after a grace period, if still short of the level then — so a member hovering around a boundary is not
 * moved up and down with every purchase (at most one downgrade per review).
 *
 * Definitions. A purchase at `t` counts towards a level from `t` until `t` + the level's window
 * (`windowDays` days, or `windowMonths` calendar months, clamped at month ends); the total at time `x` is
 * the exact sum of `amount` (spend), of `points`, or the number of rows (purchases) that count at `x`. The
 * level a member qualifies for at `x` is the highest level whose total reaches its threshold.
 * - Upgrade: at each purchase time, if the member qualifies for a higher level than held, they move to it
 *   at once (to the highest qualifying level).
 * - Downgrade: review dates are `reviewAnchor` + whole multiples of `reviewEvery`. At the first review at
 *   or after the member falls short of the held level, a grace period of `graceDays` starts; at its end the
 *   member moves to the level qualified for then, unless that is still the held level. An upgrade in
 *   between ends the grace period.
 * - At one instant, purchases and expiries are applied first, then upgrades, then the end of a grace
 *   period, then a review. Rows at the same instant are taken together, so the result does not depend on
 *   row order.
 *
 * Review dates are computed, not listed: the work is proportional to the rows (and the levels' distinct
 * windows), plus `counts`, whose periods are bounded by `MAX_PERIODS` (100 000).
 *
 * @param history - purchases `{ customerId, at, amount?, points? }`, in any order
 * @param levels - the levels, lowest first: `{ name, minSpend | minPoints | minPurchases, windowDays | windowMonths }`
 * @param options - `asOf` (required), `reviewEvery`, `reviewAnchor`, `graceDays`, `countsEvery`; see {@link MembershipLevelsOptions}
 * @returns each member's changes and level at `asOf`, and the members per level in each period
 * @throws RetentionKitError `INVALID_THRESHOLDS` for a level without exactly one threshold and one window, or
 *   with a threshold not above a lower level's of the same window (path `levels[2].minSpend`);
 *   `DUPLICATE_ID` for a repeated level name; `EMPTY_INPUT` for no levels
 * @throws RetentionKitError `INVALID_DATE`, `INVALID_CUSTOMER_ID`, `NEGATIVE_AMOUNT` / `NEGATIVE_VALUE`
 *   naming the row (`history[4].amount`, also when `amount` or `points` is missing but a level needs it)
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` or of a level; `INVALID_OPTION`,
 *   `NOT_INTEGER`, `OUT_OF_RANGE` for bad options; `OUT_OF_RANGE` when `counts` would have more than
 *   100 000 periods
 * @category Loyalty
 * @example
 * ```ts
 * const history = [
 *   { customerId: "c1", at: "2024-01-10", amount: 3000 },
 *   { customerId: "c1", at: "2024-03-05", amount: 2500 },
 *   { customerId: "c1", at: "2024-12-01", amount: 1200 },
 * ];
 * const levels = [{ name: "Silver", minSpend: 1000, windowMonths: 12 }, { name: "Gold", minSpend: 5000, windowMonths: 12 }];
 * const r = membershipLevels(history, levels, { asOf: "2025-06-30", reviewEvery: "quarter", graceDays: 30 });
 * r.members[0]!.changes.map((c) => [new Date(c.at).toISOString().slice(0, 10), c.to, c.reason]);
 * // => [["2024-01-10", "Silver", "spend over the last 12 months reached 3,000 ≥ 1,000 for Silver"], ["2024-03-05", "Gold", "spend over the last 12 months reached 5,500 ≥ 5,000 for Gold"], ["2025-05-01", "Silver", "spend over the last 12 months fell to 1,200 < 5,000 for Gold"]]
 * ```
 */
export function membershipLevels(history: readonly MembershipPurchase[], levels: readonly MembershipLevel[], options: MembershipLevelsOptions): MembershipLevelsResult {
  const fn = "membershipLevels";
  const o = optionsBag(fn, options, ["asOf", "observationEnd", "reviewEvery", "reviewAnchor", "graceDays", "countsEvery"] as const satisfies readonly (keyof MembershipLevelsOptions)[]);
  const asOf = requiredAsOf(fn, o, "asOf");
  const cycle = reviewMonths(fn, o.reviewEvery);
  const anchor = o.reviewAnchor === undefined ? 0 : time(fn, o.reviewAnchor, "options.reviewAnchor");
  const grace = o.graceDays === undefined ? 0 : integerInRange(fn, o.graceDays, "options.graceDays", 0, 36_600) * DAY_MS;
  const countMonths = { month: 1, quarter: 3, year: 12 }[o.countsEvery === undefined ? "month" : oneOf(fn, o.countsEvery, "options.countsEvery", ["month", "quarter", "year"] as const)];
  const { levels: lv, measures } = readLevels(fn, levels);
  const needAmount = lv.some((l) => l.criterion === "spend");
  const needPoints = lv.some((l) => l.criterion === "points");

  const byCustomer = new Map<CustomerId, Row[]>();
  const seconds = new SecondsCheck();
  const rows = array<unknown>(fn, history, "history");
  let first = Infinity;
  for (let i = 0; i < rows.length; i++) {
    const path = `history[${i}]`;
    const r = record(fn, rows[i], path);
    const id = customerId(fn, r.customerId, `${path}.customerId`);
    const rawAt = r.at;
    const parsed = toMsOrNaN(rawAt);
    const at = Number.isNaN(parsed) ? time(fn, rawAt, `${path}.at`) : parsed + 0;
    if (typeof rawAt === "number") seconds.see(at, i);
    const amount = needAmount ? nonNegativeNumber(fn, r.amount, `${path}.amount`, "NEGATIVE_AMOUNT") : 0;
    const points = needPoints ? nonNegativeNumber(fn, r.points, `${path}.points`) : 0;
    if (at > asOf) continue;
    if (at < first) first = at;
    const list = byCustomer.get(id);
    if (list === undefined) byCustomer.set(id, [{ at, amount, points }]);
    else list.push({ at, amount, points });
  }
  seconds.done(fn, (i) => `history[${i}].at`);

  // Count periods: from the period of the first purchase to that of asOf.
  const countRows: LevelCountRow[] = [];
  if (byCustomer.size > 0) {
    const p0 = Math.floor(monthIndex(first) / countMonths);
    const p1 = Math.floor(monthIndex(asOf) / countMonths);
    periodCount(fn, p1 - p0 + 1, "options.countsEvery's periods from the first purchase to options.asOf", "pass a coarser options.countsEvery or check the history's earliest date", "options.countsEvery");
    for (let p = p0; p <= p1; p++) {
      const start = monthStartMs(p * countMonths);
      countRows.push({ periodStart: start, at: Math.min(monthStartMs((p + 1) * countMonths) - 1, asOf), counts: new Array<number>(lv.length).fill(0), none: 0 });
    }
  }
  // Per count row, the change in members per level (index 0 = none, k + 1 = level k).
  const diff = countRows.map(() => new Array<number>(lv.length + 1).fill(0));
  const rowAtOrAfter = (t: number): number => {
    let lo = 0;
    let hi = countRows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (countRows[mid]!.at < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const ids = [...byCustomer.keys()].sort(compareIds);
  const members: MemberLevels[] = ids.map((id) => {
    const m = memberHistory(byCustomer.get(id)!, lv, measures, asOf, anchor, cycle, grace);
    const start = rowAtOrAfter(m.firstAt);
    if (start < diff.length) diff[start]![0]!++;
    let held = 0;
    for (const c of m.member.changes) {
      const s = rowAtOrAfter(c.at);
      const next = c.to === null ? 0 : lv.findIndex((l) => l.name === c.to) + 1;
      if (s < diff.length) {
        diff[s]![held]!--;
        diff[s]![next]!++;
      }
      held = next;
    }
    return { customerId: id, ...m.member };
  });
  const running = new Array<number>(lv.length + 1).fill(0);
  countRows.forEach((row, p) => {
    for (let k = 0; k <= lv.length; k++) running[k]! += diff[p]![k]!;
    row.none = running[0]!;
    for (let k = 0; k < lv.length; k++) row.counts[k] = running[k + 1]!;
  });
  return { levels: lv.map((l) => l.name), asOf, members, counts: countRows };
}

interface Delta {
  at: number;
  measure: number;
  sign: 1 | -1;
  row: Row;
}

function memberHistory(
  rows: Row[],
  lv: readonly Level[],
  measures: readonly Measure[],
  asOf: number,
  anchor: number,
  cycle: number,
  grace: number,
): { member: Omit<MemberLevels, "customerId">; firstAt: number } {
  const deltas: Delta[] = [];
  let firstAt = Infinity;
  for (const row of rows) {
    if (row.at < firstAt) firstAt = row.at;
    measures.forEach((m, k) => {
      deltas.push({ at: row.at, measure: k, sign: 1, row });
      const end = expiry(m, row.at);
      if (end <= asOf) deltas.push({ at: end, measure: k, sign: -1, row });
    });
  }
  deltas.sort((a, b) => a.at - b.at);
  const sums = measures.map(() => new ExactSum());
  const totals = new Array<number>(measures.length).fill(0);
  const valueOf = (m: Measure, r: Row): number => (m.criterion === "spend" ? r.amount : m.criterion === "points" ? r.points : 1);
  const qualified = (): number => {
    for (let k = lv.length - 1; k >= 0; k--) if (totals[lv[k]!.measure]! >= lv[k]!.threshold) return k;
    return -1;
  };
  const reason = (k: number, up: boolean): string => {
    const l = lv[k]!;
    const m = measures[l.measure]!;
    const total = totals[l.measure]!;
    const shown = Number.isFinite(total) ? formatAmount(total) : "more than 1.8e308";
    return `${l.criterion} over ${windowText(m)} ${up ? "reached" : "fell to"} ${shown} ${up ? "≥" : "<"} ${formatAmount(l.threshold)} for ${l.name}`;
  };
  const changes: LevelChange[] = [];
  let held = -1;
  let since: number | null = null;
  let pending: number | null = null;
  let review: number | null = null;
  let i = 0;
  const move = (at: number, to: number, text: string): void => {
    changes.push({ at, from: held < 0 ? null : lv[held]!.name, to: to < 0 ? null : lv[to]!.name, reason: text });
    held = to;
    since = to < 0 ? null : at;
  };
  for (;;) {
    let t = Infinity;
    if (i < deltas.length) t = deltas[i]!.at;
    if (pending !== null && pending < t) t = pending;
    if (review !== null && review < t) t = review;
    if (!(t <= asOf)) break;
    while (i < deltas.length && deltas[i]!.at === t) {
      const d = deltas[i++]!;
      const m = measures[d.measure]!;
      sums[d.measure]!.add(d.sign * valueOf(m, d.row));
      totals[d.measure] = sums[d.measure]!.value();
    }
    const q = qualified();
    if (q > held) {
      move(t, q, reason(q, true));
      pending = null;
      review = null;
    }
    if (pending === t) {
      pending = null;
      if (q < held) move(t, q, reason(held, false));
    }
    if (review === t) {
      review = null;
      if (q < held) {
        if (grace === 0) move(t, q, reason(held, false));
        else pending = t + grace;
      }
    }
    if (q < held && pending === null && review === null) review = firstReviewAtOrAfter(anchor, cycle, t);
  }
  return { member: { level: held < 0 ? null : lv[held]!.name, since, graceUntil: pending, changes }, firstAt };
}

/**
 * The level a member held at a date, read from a {@link membershipLevels} result: the last change at or
 * before `date` (a change takes effect at its `at`).
 *
 * @param result - a result of {@link membershipLevels}
 * @param customerId - the member's id (as given to {@link membershipLevels}: `1` and `"1"` differ)
 * @param date - a time at or before `result.asOf`
 * @returns the level's name, or `null` when the member held none then (or has no purchase in the history)
 * @throws RetentionKitError `OUT_OF_RANGE` for a date after `result.asOf` (the result does not know later
 *   levels), `INVALID_DATE`, `INVALID_CUSTOMER_ID`, `INVALID_TYPE` for something that is not a result
 * @category Loyalty
 * @example
 * ```ts
 * const r = membershipLevels([{ customerId: 1, at: "2024-01-10", amount: 3000 }], [{ name: "Silver", minSpend: 1000, windowMonths: 12 }], { asOf: "2026-01-01" });
 * // The spend leaves the window on 2025-01-10, but the level drops only at the next yearly review (Jan 1).
 * [levelAt(r, 1, "2024-01-09"), levelAt(r, 1, "2025-06-30"), levelAt(r, 1, "2026-01-01")];
 * // => [null, "Silver", null]
 * ```
 */
export function levelAt(result: MembershipLevelsResult, customerId: CustomerId, date: TimeInput): string | null {
  const fn = "levelAt";
  const { members, asOf } = readResult(fn, result);
  const id = readId(fn, customerId);
  const at = time(fn, date, "date");
  if (!(at <= asOf)) fail(fn, "OUT_OF_RANGE", `date ${show(new Date(at))} is after result.asOf ${show(new Date(asOf))}: the result knows levels only up to its asOf; recompute with a later asOf`, "date");
  const m = findMember(members, id);
  return m === null ? null : heldAt(fn, m, at);
}

/**
 * Every member's level at a date, as `{ customerId, tier }` rows: the input of {@link tierTransitions}
 * (pass `{ order: result.levels }` so that moves up the list are upgrades). Members without a level at
 * that date are left out, so they show as entries or exits there.
 *
 * @param result - a result of {@link membershipLevels}
 * @param date - a time at or before `result.asOf`
 * @returns rows sorted by customer id
 * @throws RetentionKitError `OUT_OF_RANGE` for a date after `result.asOf`, `INVALID_DATE`, `INVALID_TYPE`
 * @category Loyalty
 * @example
 * ```ts
 * const levels = [{ name: "Silver", minSpend: 1000, windowMonths: 12 }, { name: "Gold", minSpend: 5000, windowMonths: 12 }];
 * const r = membershipLevels([{ customerId: 1, at: "2024-01-10", amount: 1500 }, { customerId: 1, at: "2024-05-01", amount: 4000 }], levels, { asOf: "2024-12-31" });
 * tierTransitions(levelSnapshot(r, "2024-03-31"), levelSnapshot(r, "2024-06-30"), { order: r.levels }).upgrades;
 * // => [{ customerId: 1, from: "Silver", to: "Gold" }]
 * ```
 */
export function levelSnapshot(result: MembershipLevelsResult, date: TimeInput): TierAssignment[] {
  const fn = "levelSnapshot";
  const { members, asOf } = readResult(fn, result);
  const at = time(fn, date, "date");
  if (!(at <= asOf)) fail(fn, "OUT_OF_RANGE", `date ${show(new Date(at))} is after result.asOf ${show(new Date(asOf))}: the result knows levels only up to its asOf; recompute with a later asOf`, "date");
  const out: TierAssignment[] = [];
  members.forEach((m, i) => {
    const tier = heldAt(fn, m, at, `result.members[${i}]`);
    if (tier !== null) out.push({ customerId: m.customerId, tier });
  });
  return out.sort((a, b) => compareIds(a.customerId, b.customerId));
}

function readId(fn: string, value: unknown): CustomerId {
  return customerId(fn, value, "customerId");
}

function readResult(fn: string, value: unknown): { members: readonly MemberLevels[]; asOf: number } {
  const r = record(fn, value, "result");
  const members = array<MemberLevels>(fn, r.members, "result.members");
  const asOf = time(fn, r.asOf, "result.asOf");
  return { members, asOf };
}

function findMember(members: readonly MemberLevels[], id: CustomerId): MemberLevels | null {
  for (const m of members) if (typeof m === "object" && m !== null && m.customerId === id) return m;
  return null;
}

function heldAt(fn: string, m: MemberLevels, at: number, path = "result.members"): string | null {
  const r = record(fn, m, path);
  const changes = array<unknown>(fn, r.changes, `${path}.changes`);
  let level: string | null = null;
  for (let i = 0; i < changes.length; i++) {
    const c = record(fn, changes[i], `${path}.changes[${i}]`);
    const t = time(fn, c.at, `${path}.changes[${i}].at`);
    if (t > at) break;
    const to = c.to;
    if (!(to === null || typeof to === "string")) fail(fn, "INVALID_TYPE", `${path}.changes[${i}].to must be a level name or null, got ${show(to)}`, `${path}.changes[${i}].to`);
    level = to;
  }
  return level;
}
