import type { CustomerId, TimeInput } from "../data/time.js";
import { thresholdList } from "../internal/scoring.js";
import { dayIndex, time } from "../internal/time.js";
import { array, customerId, fail, integerAtLeast, numberInRange, optionsBag, record, show } from "../internal/validate.js";

/**
 * A renewal cycle, from {@link renewalFrequencyClass}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const c: RenewalCycle = "quarterly";
 * ```
 */
export type RenewalCycle = "monthly" | "quarterly" | "annual" | "irregular";

/**
 * One customer's renewal (or repeat-payment) dates, the input of {@link renewalFrequencyClass}. The first
 * date is the start (first payment); every later distinct day is a renewal.
 *
 * @category Tiers
 * @example
 * ```ts
 * const row: RenewalInput = { customerId: 1, renewals: ["2024-01-15", "2024-02-15", "2024-03-15"] };
 * ```
 */
export interface RenewalInput {
  /** The customer's id, carried through as given. */
  readonly customerId: CustomerId;
  /** Payment dates, any order; same-day dates count once. At least one. */
  readonly renewals: readonly TimeInput[];
}

/**
 * Options of {@link renewalFrequencyClass}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const o: RenewalClassOptions = { frequencyThresholds: [1.5, 4], longTermRenewals: 5 };
 * ```
 */
export interface RenewalClassOptions {
  /**
   * Interval bands in days, `[lo, hi]` inclusive, per cycle. Default monthly `[25, 35]`, quarterly
   * `[80, 100]`, annual `[350, 380]`. Missing cycles keep their default.
   */
  cycles?: { readonly monthly?: readonly [number, number]; readonly quarterly?: readonly [number, number]; readonly annual?: readonly [number, number] };
  /** Share of intervals that must fall in the median's band for a regular cycle. Default 0.75. */
  consistency?: number;
  /** Renewals per year at or above which the class is mid, then high: `[mid, high]`. Default `[2, 6]`. */
  frequencyThresholds?: readonly number[];
  /** Renewals (dates after the first) from which a customer is a long-term renewer. Default 3. */
  longTermRenewals?: number;
}

/**
 * One customer's renewal classes.
 *
 * @category Tiers
 * @example
 * ```ts
 * const r: RenewalClassRow = {
 *   customerId: 1, renewals: 2, medianIntervalDays: 30.5, cycle: "monthly",
 *   renewalsPerYear: 11.98, frequency: "high", history: "returning",
 * };
 * ```
 */
export interface RenewalClassRow {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** Renewals: distinct payment days after the first. */
  renewals: number;
  /** Median whole days between consecutive payment days; `null` with no renewal. */
  medianIntervalDays: number | null;
  /** The cycle whose band holds the median interval, if enough intervals agree; else `"irregular"`; `null` with no renewal. */
  cycle: RenewalCycle | null;
  /** 365.25 / median interval; `null` with no renewal. */
  renewalsPerYear: number | null;
  /** `"high"`, `"mid"` or `"low"` renewal frequency by `frequencyThresholds`; `null` with no renewal. */
  frequency: "high" | "mid" | "low" | null;
  /** `"new"` (no renewal yet), `"returning"` (fewer than `longTermRenewals`) or `"long-term"`. */
  history: "new" | "returning" | "long-term";
}

const DEFAULT_BANDS = { monthly: [25, 35], quarterly: [80, 100], annual: [350, 380] } as const;
const CYCLES = ["monthly", "quarterly", "annual"] as const;

/**
 * Classifies customers by how they renew, from their payment dates.
 *
 * - Intervals are whole UTC days between consecutive distinct payment days; the median interval is the
 *   middle one (mean of the two middle ones for an even count).
 * - **Cycle**: the cycle whose band (monthly 25–35 days, quarterly 80–100, annual 350–380 by default)
 *   holds the median interval, provided at least `consistency` (75 %) of the intervals fall in that band;
 *   otherwise `"irregular"`.
 * - **Frequency class**: renewals per year = 365.25 / median interval; `"high"` from 6, `"mid"` from 2,
 *   else `"low"` (so monthly is high, quarterly mid, annual low).
 * - **History**: `"new"` with no renewal yet, `"returning"` with 1 or 2, `"long-term"` from 3
 *   (`longTermRenewals`).
 *
 * Row by row, dates in any order, so independent of input order.
 *
 * @param customers - rows `{ customerId, renewals: dates[] }`
 * @param options - see {@link RenewalClassOptions}
 * @returns one row per customer, in input order
 * @throws RetentionKitError `INVALID_DATE` (path `customers[2].renewals[1]`), `EMPTY_INPUT` for no dates,
 *   `INVALID_THRESHOLDS` for bands or frequency thresholds that are not ascending, `OUT_OF_RANGE` for
 *   `consistency` outside (0, 1], `UNKNOWN_OPTION` for an unknown cycle name
 * @category Tiers
 * @example
 * ```ts
 * renewalFrequencyClass([
 *   { customerId: "m", renewals: ["2024-01-15", "2024-02-15", "2024-03-15", "2024-04-15"] },
 *   { customerId: "y", renewals: ["2022-03-01", "2023-03-01"] },
 * ]).map((r) => [r.customerId, r.cycle, r.frequency, r.history]);
 * // => [["m", "monthly", "high", "long-term"], ["y", "annual", "low", "returning"]]
 * ```
 */
export function renewalFrequencyClass(customers: readonly RenewalInput[], options?: RenewalClassOptions): RenewalClassRow[] {
  const fn = "renewalFrequencyClass";
  const o = optionsBag(fn, options, ["cycles", "consistency", "frequencyThresholds", "longTermRenewals"] as const satisfies readonly (keyof RenewalClassOptions)[]);
  const bands = bandOptions(fn, o.cycles);
  const consistency = o.consistency === undefined ? 0.75 : numberInRange(fn, o.consistency, "options.consistency", 0, 1, { loOpen: true });
  const [midFrom, highFrom] = o.frequencyThresholds === undefined ? [2, 6] : thresholdList(fn, o.frequencyThresholds, "options.frequencyThresholds", 2);
  const longTerm = o.longTermRenewals === undefined ? 3 : integerAtLeast(fn, o.longTermRenewals, "options.longTermRenewals", 1);
  return array<unknown>(fn, customers, "customers").map((row, i) => {
    const path = `customers[${i}]`;
    const r = record(fn, row, path);
    const id = customerId(fn, r.customerId, `${path}.customerId`);
    const dates = array<unknown>(fn, r.renewals, `${path}.renewals`);
    if (dates.length === 0) fail(fn, "EMPTY_INPUT", `${path}.renewals must hold at least one date`, `${path}.renewals`);
    const days = [...new Set(dates.map((d, j) => dayIndex(time(fn, d, `${path}.renewals[${j}]`))))].sort((a, b) => a - b);
    const renewals = days.length - 1;
    const history = renewals === 0 ? "new" : renewals < longTerm ? "returning" : "long-term";
    if (renewals === 0) return { customerId: id, renewals, medianIntervalDays: null, cycle: null, renewalsPerYear: null, frequency: null, history };
    const gaps = days.slice(1).map((d, j) => d - days[j]!);
    const sorted = [...gaps].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    let cycle: RenewalCycle = "irregular";
    for (const c of CYCLES) {
      const [lo, hi] = bands[c];
      if (median >= lo && median <= hi && gaps.filter((g) => g >= lo && g <= hi).length >= consistency * gaps.length) cycle = c;
    }
    const perYear = 365.25 / median;
    const frequency = perYear >= highFrom! ? "high" : perYear >= midFrom! ? "mid" : "low";
    return { customerId: id, renewals, medianIntervalDays: median, cycle, renewalsPerYear: perYear, frequency, history };
  });
}

function bandOptions(fn: string, value: unknown): Record<(typeof CYCLES)[number], readonly [number, number]> {
  const out: Record<(typeof CYCLES)[number], readonly [number, number]> = { ...DEFAULT_BANDS };
  if (value === undefined) return out;
  const given = optionsBag(fn, value, CYCLES, "options.cycles");
  for (const k of CYCLES) {
    if (given[k] === undefined) continue;
    const band = thresholdList(fn, given[k], `options.cycles.${k}`, 2);
    if (!(band[0]! > 0)) fail(fn, "INVALID_THRESHOLDS", `options.cycles.${k}[0] must be > 0 days, got ${show(band[0])}`, `options.cycles.${k}[0]`);
    out[k] = [band[0]!, band[1]!];
  }
  return out;
}
