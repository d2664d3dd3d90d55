// How a purchase earns points: base and per-category rates, level multipliers, minimum spend, rounding, caps.
// Read once from the rules bag of pointsLedger; the ledger calls `purchasePoints` for each purchase.
import type { CustomerId, TimeInput } from "../data/time.js";
import { compareIds } from "../internal/ids.js";
import { time } from "../internal/time.js";
import { array, count, customerId, fail, finiteNumber, keyPath, nonNegativeNumber, numberInRange, oneOf, optionsBag, record, show } from "../internal/validate.js";

/**
 * A customer's membership level from a date on, for the level multipliers of {@link pointsLedger}: a
 * customer's rows form a dated history (each level holds from its `from` until the next row's `from`).
 *
 * @category Loyalty
 * @example
 * ```ts
 * const rows: PointsLevel[] = [
 *   { customerId: 7, level: "silver" },
 *   { customerId: 7, level: "gold", from: "2024-06-01" },
 * ];
 * ```
 */
export interface PointsLevel {
  /** The customer's id, as in the events. */
  readonly customerId: CustomerId;
  /** The level's name, a key of `rules.levelMultipliers`. */
  readonly level: string;
  /** When the level starts to hold; omitted or `null` = from the start of the history. */
  readonly from?: TimeInput | null | undefined;
}

/**
 * A cap on the points a customer earns from purchases in each UTC calendar period (day, ISO week starting on
 * Monday, month or year).
 *
 * @category Loyalty
 * @example
 * ```ts
 * const cap: PointsPeriodCap = { points: 5000, period: "month" };
 * ```
 */
export interface PointsPeriodCap {
  /** The most points purchases may earn in one period (a whole number ≥ 0). */
  readonly points: number;
  /** `"day"`, `"week"`, `"month"` or `"year"` (UTC calendar periods). */
  readonly period: "day" | "week" | "month" | "year";
}

/** The largest number of points one row may carry or one purchase may earn: more is a data error. */
export const MAX_ROW_POINTS = 1e12;

/** The earning rules, read and checked. */
export interface Earning {
  readonly rate: number;
  readonly categoryRates: ReadonlyMap<string, number>;
  readonly rounding: "floor" | "round" | "ceil";
  readonly roundingScope: "purchase" | "line";
  readonly minimumSpend: number;
  readonly capPerPurchase: number | null;
  readonly capPerPeriod: { readonly points: number; readonly period: "day" | "week" | "month" | "year" } | null;
  readonly multipliers: ReadonlyMap<string, number> | null;
  /** Per customer, the level history sorted by `from` (−Infinity for "from the start"). */
  readonly levels: ReadonlyMap<CustomerId, { readonly from: readonly number[]; readonly mult: readonly number[] }>;
}

/** The raw rule values the earning rules are read from. */
export interface EarningInput {
  readonly pointsPerAmount: unknown;
  readonly categoryRates: unknown;
  readonly rounding: unknown;
  readonly roundingScope: unknown;
  readonly minimumSpend: unknown;
  readonly capPerPurchase: unknown;
  readonly capPerPeriod: unknown;
  readonly levelMultipliers: unknown;
  readonly levelOf: unknown;
}

const MAX_RATE = 1e6;

/** Reads and checks the earning rules of `rules` (paths `rules.…`). */
export function readEarning(fn: string, o: EarningInput): Earning {
  const rate = o.pointsPerAmount === undefined ? 1 : numberInRange(fn, o.pointsPerAmount, "rules.pointsPerAmount", 0, MAX_RATE);
  const categoryRates = new Map<string, number>();
  if (o.categoryRates !== undefined) {
    const bag = record(fn, o.categoryRates, "rules.categoryRates");
    for (const k of Object.keys(bag).sort()) categoryRates.set(k, numberInRange(fn, bag[k], keyPath("rules.categoryRates", k), 0, MAX_RATE));
  }
  const rounding = o.rounding === undefined ? "floor" : oneOf(fn, o.rounding, "rules.rounding", ["floor", "round", "ceil"] as const);
  const roundingScope = o.roundingScope === undefined ? "purchase" : oneOf(fn, o.roundingScope, "rules.roundingScope", ["purchase", "line"] as const);
  const minimumSpend = o.minimumSpend === undefined ? 0 : nonNegativeNumber(fn, o.minimumSpend, "rules.minimumSpend");
  const capPerPurchase = o.capPerPurchase === undefined ? null : count(fn, o.capPerPurchase, "rules.capPerPurchase");
  let capPerPeriod: Earning["capPerPeriod"] = null;
  if (o.capPerPeriod !== undefined) {
    const c = optionsBag(fn, o.capPerPeriod, ["points", "period"] as const satisfies readonly (keyof PointsPeriodCap)[], "rules.capPerPeriod");
    if (c.points === undefined) fail(fn, "INVALID_OPTION", "rules.capPerPeriod.points is required (the most points purchases may earn in one period)", "rules.capPerPeriod.points");
    const points = count(fn, c.points, "rules.capPerPeriod.points");
    if (c.period === undefined) fail(fn, "INVALID_OPTION", `rules.capPerPeriod.period is required: "day", "week", "month" or "year"`, "rules.capPerPeriod.period");
    capPerPeriod = { points, period: oneOf(fn, c.period, "rules.capPerPeriod.period", ["day", "week", "month", "year"] as const) };
  }
  let multipliers: Map<string, number> | null = null;
  if (o.levelMultipliers !== undefined) {
    const bag = record(fn, o.levelMultipliers, "rules.levelMultipliers");
    multipliers = new Map();
    for (const k of Object.keys(bag).sort()) multipliers.set(k, numberInRange(fn, bag[k], keyPath("rules.levelMultipliers", k), 0, 1000));
  }
  const levels = readLevels(fn, o.levelOf, multipliers);
  return { rate, categoryRates, rounding, roundingScope, minimumSpend, capPerPurchase, capPerPeriod, multipliers, levels };
}

function readLevels(fn: string, value: unknown, multipliers: ReadonlyMap<string, number> | null): Earning["levels"] {
  const out = new Map<CustomerId, { from: number[]; mult: number[] }>();
  if (value === undefined) return out;
  if (multipliers === null) {
    fail(fn, "INVALID_OPTION", "rules.levelOf is given without rules.levelMultipliers, so levels would change nothing; give the multiplier of each level, e.g. levelMultipliers: { gold: 2 }", "rules.levelOf");
  }
  const rows = array<unknown>(fn, value, "rules.levelOf");
  const seen = new Map<CustomerId, { from: number; level: string; i: number }[]>();
  for (let i = 0; i < rows.length; i++) {
    const path = `rules.levelOf[${i}]`;
    const r = record(fn, rows[i], path);
    const rawId = r.customerId;
    const rawLevel = r.level;
    const rawFrom = r.from;
    const id = normaliseId(customerId(fn, rawId, `${path}.customerId`));
    if (typeof rawLevel !== "string" || rawLevel.length === 0) fail(fn, "INVALID_TYPE", `${path}.level must be a non-empty string, got ${show(rawLevel)}`, `${path}.level`);
    if (!multipliers.has(rawLevel)) {
      fail(fn, "UNKNOWN_LABEL", `${path}.level is ${show(rawLevel)}, which rules.levelMultipliers does not name (it names ${[...multipliers.keys()].map((k) => JSON.stringify(k)).join(", ") || "no level"})`, `${path}.level`);
    }
    const from = rawFrom === undefined || rawFrom === null ? -Infinity : time(fn, rawFrom, `${path}.from`);
    let list = seen.get(id);
    if (list === undefined) seen.set(id, (list = []));
    list.push({ from, level: rawLevel, i });
  }
  for (const [id, list] of seen) {
    list.sort((a, b) => a.from - b.from || a.i - b.i);
    for (let k = 1; k < list.length; k++) {
      if (list[k]!.from === list[k - 1]!.from) {
        const at = `rules.levelOf[${Math.max(list[k]!.i, list[k - 1]!.i)}]`;
        fail(fn, "DUPLICATE_ID", `${at} gives customer ${show(id)} a second level from the same time (rows ${Math.min(list[k]!.i, list[k - 1]!.i)} and ${Math.max(list[k]!.i, list[k - 1]!.i)}); keep one`, `${at}.from`);
      }
    }
    out.set(id, { from: list.map((x) => x.from), mult: list.map((x) => multipliers.get(x.level)!) });
  }
  return out;
}

/** `-0` read as `0`, so that both name one customer and the output does not depend on which came first. */
export function normaliseId(id: CustomerId): CustomerId {
  return id === 0 ? 0 : id;
}

/** The level multiplier of a customer at `at` (1 without a level). */
export function multiplierAt(e: Earning, id: CustomerId, at: number): number {
  const h = e.levels.get(id);
  if (h === undefined) return 1;
  // Binary search: the last `from` ≤ at.
  let lo = 0;
  let hi = h.from.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (h.from[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : h.mult[lo - 1]!;
}

/**
 * Rounds raw points by the rule. A product within 1e-9 (relative) of a whole number counts as that number, so
 * that 0.29 × 100 (28.999999999999996 in binary floating point) earns 29, not 28.
 */
export function roundPoints(raw: number, rounding: Earning["rounding"]): number {
  const near = Math.round(raw);
  if (Math.abs(raw - near) <= 1e-9 * Math.max(1, Math.abs(raw))) return near;
  const r = rounding === "floor" ? Math.floor(raw) : rounding === "ceil" ? Math.ceil(raw) : near;
  return r === 0 ? 0 : r;
}

/** The points rate of a line's category (the base rate for no or an unlisted category). */
export function rateOf(e: Earning, category: string | null): number {
  if (category === null) return e.rate;
  const r = e.categoryRates.get(category);
  return r === undefined ? e.rate : r;
}

/**
 * Points one purchase earns before the period cap: its lines' amounts × rates × the level multiplier,
 * rounded per purchase or per line, zero below the minimum spend, then capped per purchase.
 */
export function purchasePoints(e: Earning, amounts: readonly number[], categories: readonly (string | null)[], multiplier: number): { points: number; raw: number } {
  let spend = 0;
  let raw = 0;
  let perLine = 0;
  for (let k = 0; k < amounts.length; k++) {
    spend += amounts[k]!;
    const x = amounts[k]! * rateOf(e, categories[k]!) * multiplier;
    raw += x;
    perLine += roundPoints(x, e.rounding);
  }
  if (spend < e.minimumSpend) return { points: 0, raw };
  let points = e.roundingScope === "line" ? perLine : roundPoints(raw, e.rounding);
  if (e.capPerPurchase !== null && points > e.capPerPurchase) points = e.capPerPurchase;
  return { points, raw };
}

/** A row's `points`: a whole number, ≥ 0 unless `signed`, at most {@link MAX_ROW_POINTS} in size. */
export function rowPoints(fn: string, value: unknown, path: string, signed: boolean, type: string): number {
  const x = finiteNumber(fn, value, path);
  if (!Number.isInteger(x)) fail(fn, "NOT_INTEGER", `${path} must be a whole number of points, got ${show(x)}`, path);
  if (!signed && !(x >= 0)) {
    fail(fn, "NEGATIVE_VALUE", `${path} must be ≥ 0, got ${show(x)}: a ${type} event gives the points it takes or gives as a positive number ({ type: "${type}", points: ${show(-x)} }); a correction either way is an "adjust" event`, path);
  }
  if (!(Math.abs(x) <= MAX_ROW_POINTS)) fail(fn, "OUT_OF_RANGE", `${path} is ${show(x)} points, more than the ${MAX_ROW_POINTS} a row may carry (almost surely a data error)`, path);
  return x === 0 ? 0 : x;
}

/** Compares two optional ids: null first, then by {@link compareIds}. */
export function compareRefs(a: CustomerId | null, b: CustomerId | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return compareIds(a, b);
}
