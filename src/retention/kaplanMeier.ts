import { twoSidedZ } from "../internal/normal.js";
import { array, fail, finiteNumber, numberInRange, optionsBag, record } from "../internal/validate.js";
import { bandOptions, readSurvival, riskTable } from "./internal/survivalInput.js";

/**
 * One survival observation: how long a customer was followed and whether the event (churn) was seen.
 *
 * @category Retention
 * @example
 * ```ts
 * const still: SurvivalObservation = { duration: 120, event: false }; // active after 120 days: censored
 * ```
 */
export interface SurvivalObservation {
  /** Time from the start (signup, first purchase) to the event or to censoring, ≥ 0, in any one unit. */
  readonly duration: number;
  /** `true` when the event happened at `duration`; `false` when the customer was still at risk (right-censored). */
  readonly event: boolean;
}

/**
 * How the pointwise confidence band of {@link kaplanMeier} is built, with σ the Greenwood standard error
 * of log S(t) and z the normal quantile:
 * - `"log"` (default, as R's `survfit`): S·exp(±zσ)
 * - `"log-log"`: S^exp(±zσ / log S) (R's `"log-log"`; undefined where S = 1)
 * - `"plain"`: S ± z·σ·S (Klein & Moeschberger 4.3.1)
 *
 * @category Retention
 * @example
 * ```ts
 * const t: ConfType = "log-log";
 * ```
 */
export type ConfType = "log" | "log-log" | "plain";

/**
 * Options of {@link kaplanMeier}.
 *
 * @category Retention
 * @example
 * ```ts
 * const options: KaplanMeierOptions = { confidence: 0.9, confType: "log-log" };
 * ```
 */
export interface KaplanMeierOptions {
  /** Level of the pointwise bands and of the median's interval, in (0, 1). Default 0.95. */
  confidence?: number;
  /** Band construction; see {@link ConfType}. Default `"log"`. */
  confType?: ConfType;
}

/**
 * The risk table that {@link KaplanMeierCurve} and {@link NelsonAalenCurve} share: at each distinct observed
 * time (event or censoring), ascending, the customers at risk, the events and the censored observations, with
 * the band settings used.
 *
 * @category Retention
 * @example
 * ```ts
 * const table: SurvivalTable = kaplanMeier([{ duration: 3, event: true }, { duration: 5, event: false }]);
 * [table.times, table.atRisk, table.events, table.censored];
 * // => [[3, 5], [2, 1], [1, 0], [0, 1]]
 * ```
 */
export interface SurvivalTable {
  /** Observations used. */
  n: number;
  /** Events (uncensored observations) in total. */
  totalEvents: number;
  /** The band level used. */
  confidence: number;
  /** The band construction used. */
  confType: ConfType;
  /** Distinct observed times, ascending (the same for both estimators on the same rows). */
  times: number[];
  /** Customers at risk just before each time (duration ≥ t). */
  atRisk: number[];
  /** Events at each time. */
  events: number[];
  /** Censored observations at each time (they count as at risk at that time, as in R). */
  censored: number[];
}

/**
 * A Kaplan–Meier curve with one entry per distinct observed time (event or censoring), as R's
 * `summary(survfit(...), censored = TRUE)` lists it.
 *
 * @category Retention
 * @example
 * ```ts
 * const curve: KaplanMeierCurve = kaplanMeier([{ duration: 3, event: true }, { duration: 5, event: false }]);
 * curve.survival;
 * // => [0.5, 0.5]
 * ```
 */
export interface KaplanMeierCurve extends SurvivalTable {
  /** S(t) just after each time, in [0, 1], non-increasing. */
  survival: number[];
  /** Greenwood standard error of S(t) itself: S·√Σ d/(n(n−d)); `null` once S is 0. */
  stdErr: (number | null)[];
  /** Lower band, clipped to [0, 1]; `null` where R gives NA (S = 0; S = 1 for `"log-log"`). */
  lower: (number | null)[];
  /** Upper band, clipped to [0, 1]; `null` where R gives NA. */
  upper: (number | null)[];
  /** Median survival time by R's rule (see {@link kaplanMeier}); `null` when S never falls to 0.5. */
  median: number | null;
  /** Lower end of the median's interval: where the lower band reaches 0.5; `null` if it never does. */
  medianLower: number | null;
  /** Upper end of the median's interval: where the upper band reaches 0.5; `null` if it never does. */
  medianUpper: number | null;
}

/** R's quantile tolerance, sqrt(.Machine$double.eps). */
const TOL = Math.sqrt(2.220446049250313e-16);

/**
 * The time at which a step curve first reaches `1 − p`, by the rules of R's `quantile.survfit`: with
 * F = 1 − curve (F = 0 at time 0) and repeated values dropped, the first time F ≥ p (within R's
 * tolerance); where F equals p on a flat stretch, the midpoint between that time and the next step (or
 * the last observed time, when the flat runs to the end). `null` entries (R's NA) are skipped.
 * Bands need not be monotone; the first crossing is used, as R reports (aml: upper limit 45, not 48).
 * Repeats are dropped when consecutive (censoring times) or equal to the starting F = 0 (a band clipped
 * at 1), which are the repeats a Kaplan–Meier curve and its bands produce.
 */
function crossing(times: readonly number[], curve: readonly (number | null)[], p: number): number | null {
  let first = -1;
  let lastNew: number | null = null; // F at the latest step
  for (let i = 0; i < times.length; i++) {
    const c = curve[i];
    if (c === null || c === undefined) continue;
    const y = 1 - c;
    if (y === 0 || y === lastNew) continue;
    lastNew = y;
    if (first < 0 && y + TOL >= p) first = i;
    if (y - TOL >= p) return first < 0 ? null : midpoint(times[first]!, times[i]!);
  }
  if (first < 0) return null;
  // F reaches p only as a flat that runs to the end of follow-up: midpoint with the last observed time.
  return lastNew !== null && Math.abs(p - lastNew) < TOL ? midpoint(times[first]!, times[times.length - 1]!) : null;
}

/** (a + b)/2 for times 0 ≤ a ≤ b, without overflowing to ∞ when both are near the largest double. */
function midpoint(a: number, b: number): number {
  const m = (a + b) / 2;
  return Number.isFinite(m) ? m : a + (b - a) / 2;
}

/**
 * The Kaplan–Meier product-limit estimate of the survival function from right-censored durations, with
 * Greenwood standard errors, pointwise confidence bands and the median with its interval — the numbers of
 * R's `survival::survfit(Surv(duration, event) ~ 1)`.
 *
 * - S(t) = Π_{tᵢ ≤ t} (1 − dᵢ / nᵢ), with dᵢ events at tᵢ and nᵢ at risk just before (Kaplan & Meier 1958).
 *   Ties as in R: all events at a time count together, and observations censored at an event time are
 *   still at risk at it.
 * - Greenwood: Var(log S(t)) = Σ dᵢ / (nᵢ(nᵢ − dᵢ)); `stdErr` = S(t)·√that (R's `std.err` is the √ alone).
 * - Bands: see {@link ConfType}; clipped to [0, 1], `null` where R reports NA.
 * - Median (R's `quantile.survfit`): the first time S(t) ≤ 0.5; where S is exactly 0.5 on a flat
 *   stretch, the midpoint between its start and the next event time (or the last observed time). Its
 *   interval is where the lower band and the upper band reach 0.5. `null` when a curve never gets there.
 *
 * Runs in O(n log n): the input (unsorted, any iterable) is read once into typed arrays and sorted
 * there; the output has one entry per distinct time, so a million rows of whole-day durations give a
 * few thousand entries. Times are compared exactly (R's `survfit` also merges times that differ only by
 * floating-point noise, `timefix`; round computed durations if they may carry such noise).
 *
 * @param observations - `{ duration, event }` rows (see {@link survivalData} to build them from dates)
 * @param options - see {@link KaplanMeierOptions}
 * @returns the curve at every distinct time; for no rows, empty arrays and `null` medians
 * @throws RetentionKitError `NEGATIVE_DURATION` (`observations[3].duration`), `INVALID_NUMBER`, `INVALID_TYPE`
 *   (an `event` that is not a boolean); `OUT_OF_RANGE` for `confidence`, `INVALID_OPTION` for `confType`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Retention
 * @example
 * ```ts
 * // R's aml data, "Maintained" group: 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+
 * const t = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161];
 * const e = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0];
 * const km = kaplanMeier(t.map((d, i) => ({ duration: d, event: e[i] === 1 })));
 * km.survival.map((s) => +s.toFixed(3));
 * // => [0.909, 0.818, 0.716, 0.614, 0.614, 0.491, 0.368, 0.368, 0.184, 0.184]
 * [km.median, km.medianLower, km.medianUpper];
 * // => [31, 18, null]
 * ```
 */
export function kaplanMeier(observations: Iterable<SurvivalObservation>, options?: KaplanMeierOptions): KaplanMeierCurve {
  const fn = "kaplanMeier";
  const o = optionsBag(fn, options, ["confidence", "confType"] as const satisfies readonly (keyof KaplanMeierOptions)[]);
  const { confidence, confType } = bandOptions(fn, o);

  const { eventTimes, censorTimes } = readSurvival(fn, observations);
  const table = riskTable(eventTimes, censorTimes);
  const n = eventTimes.length + censorTimes.length;
  const z = twoSidedZ(confidence);

  const { times, atRisk, events, censored } = table;
  const survival: number[] = [];
  const stdErr: (number | null)[] = [];
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  let s = 1;
  let varLog = 0; // Greenwood Σ d/(n(n−d)); Infinity once everyone at risk has had the event
  for (let k = 0; k < times.length; k++) {
    const d = events[k]!;
    const risk = atRisk[k]!;
    if (d > 0) {
      s = d === risk ? 0 : s * (1 - d / risk);
      varLog = d === risk ? Number.POSITIVE_INFINITY : varLog + d / (risk * (risk - d));
    }
    survival.push(s);
    if (s === 0) {
      stdErr.push(null);
      lower.push(null);
      upper.push(null);
    } else {
      const sigma = Math.sqrt(varLog);
      stdErr.push(s * sigma);
      if (confType === "log") {
        lower.push(s * Math.exp(-z * sigma));
        upper.push(Math.min(1, s * Math.exp(z * sigma)));
      } else if (confType === "plain") {
        lower.push(Math.max(0, s - z * sigma * s));
        upper.push(Math.min(1, s + z * sigma * s));
      } else if (s === 1) {
        lower.push(null);
        upper.push(null);
      } else {
        const w = (z * sigma) / Math.abs(Math.log(s));
        lower.push(s ** Math.exp(w));
        upper.push(s ** Math.exp(-w));
      }
    }
  }
  return {
    n,
    totalEvents: eventTimes.length,
    confidence,
    confType,
    times,
    atRisk,
    events,
    censored,
    survival,
    stdErr,
    lower,
    upper,
    median: crossing(times, survival, 0.5),
    medianLower: crossing(times, lower, 0.5),
    medianUpper: crossing(times, upper, 0.5),
  };
}

/**
 * The Kaplan–Meier survival probability at any time t: the curve's value at the last listed time ≤ t
 * (a right-continuous step function), 1 before the first time.
 *
 * Beyond the last observed time the estimate is undefined unless the curve has reached 0: the result
 * is then `null` (R's `summary(fit, times = t)` likewise refuses times past follow-up), or 0.
 *
 * @param curve - a curve from {@link kaplanMeier}
 * @param t - the time, in the curve's unit
 * @returns S(t) in [0, 1], or `null` past the end of follow-up
 * @throws RetentionKitError `INVALID_NUMBER` / `INVALID_TYPE` when `t` is not a finite number or the curve is
 *   malformed (`curve.times[4]`); `INVALID_INPUT` when its arrays differ in length; `OUT_OF_RANGE` for a
 *   survival value outside [0, 1]
 * @category Retention
 * @example
 * ```ts
 * const km = kaplanMeier([{ duration: 2, event: true }, { duration: 4, event: true }, { duration: 6, event: false }]);
 * [survivalAt(km, 1), survivalAt(km, 3), survivalAt(km, 6), survivalAt(km, 7)].map((s) => s === null ? null : +s.toFixed(3));
 * // => [1, 0.667, 0.333, null]
 * ```
 */
export function survivalAt(curve: Pick<KaplanMeierCurve, "times" | "survival">, t: number): number | null {
  const fn = "survivalAt";
  const c = record(fn, curve, "curve");
  const times = array<unknown>(fn, c.times, "curve.times");
  const survival = array<unknown>(fn, c.survival, "curve.survival");
  if (times.length !== survival.length) {
    fail(fn, "INVALID_INPUT", `curve.times and curve.survival must have the same length (${times.length} ≠ ${survival.length})`, "curve");
  }
  const x = finiteNumber(fn, t, "t");
  // Binary search for the first time > x; only the entries it touches are checked (O(log n) per call).
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (finiteNumber(fn, times[mid], `curve.times[${mid}]`) <= x) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 1;
  const s = numberInRange(fn, survival[lo - 1], `curve.survival[${lo - 1}]`, 0, 1);
  if (lo === times.length && x > (times[lo - 1] as number) && s > 0) return null;
  return s;
}
