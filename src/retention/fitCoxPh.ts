import { chiSquareUpperTail } from "../internal/chiSquare.js";
import { lexicographicOrderBy } from "../internal/lexOrder.js";
import { normalCdf, twoSidedZ } from "../internal/normal.js";
import { invertSymmetric } from "../internal/optimize.js";
import { array, boolean, fail, finiteNumber, integerAtLeast, iterable, keyPath, numberInRange, oneOf, optionsBag, record, show } from "../internal/validate.js";

/**
 * One row of {@link fitCoxPh}: a survival observation with its covariates as named numeric fields (and,
 * for a stratified fit, the stratum field).
 *
 * @category Retention
 * @example
 * ```ts
 * const row: CoxRow = { duration: 306, event: true, age: 74, sex: 1 };
 * ```
 */
export interface CoxRow {
  /** Time from the start to the event or to censoring, ≥ 0, in any one unit. */
  readonly duration: number;
  /** `true` when the event happened at `duration`; `false` when right-censored. */
  readonly event: boolean;
  /** Covariates (finite numbers) and the stratum field (a string or a finite number). */
  readonly [field: string]: unknown;
}

/**
 * A counting-process row of {@link fitCoxPh} (with `intervals: true`): the customer is at risk over the interval
 * (start, stop] with the covariates of the row, so a customer whose covariates change over time is several rows,
 * one per interval.
 *
 * @category Retention
 * @example
 * ```ts
 * // a customer on the basic plan for 30 days, then on the premium plan until leaving on day 75
 * const rows: CoxIntervalRow[] = [
 *   { start: 0, stop: 30, event: false, premium: 0, id: "c1" },
 *   { start: 30, stop: 75, event: true, premium: 1, id: "c1" },
 * ];
 * ```
 */
export interface CoxIntervalRow {
  /** Start of the interval, ≥ 0 (exclusive: the row is not at risk at `start`), in the unit of `stop`. */
  readonly start: number;
  /** End of the interval, > `start` (inclusive), in any one unit. */
  readonly stop: number;
  /** `true` when the event happened at `stop`; `false` when the interval ends without it. */
  readonly event: boolean;
  /** Covariates (finite numbers), the stratum field and the id field. */
  readonly [field: string]: unknown;
}

/**
 * Options of {@link fitCoxPh}.
 *
 * @category Retention
 * @example
 * ```ts
 * const options: CoxPhOptions = { covariates: ["age", "sex"], ties: "breslow", strata: "site" };
 * ```
 */
export interface CoxPhOptions {
  /** Names of the numeric row fields to regress on (at least one, distinct). Required. */
  covariates: readonly string[];
  /** How tied event times enter the partial likelihood: `"efron"` (default, as R) or `"breslow"`. */
  ties?: "efron" | "breslow";
  /** A row field (string or finite number) whose values define strata with their own baseline hazard. */
  strata?: string;
  /** Newton–Raphson iterations at most, an integer in [1, 1000]. Default 20 (R's `iter.max`). */
  maxIterations?: number;
  /** Level of the hazard-ratio intervals `lower`/`upper`, in (0, 1). Default 0.95. */
  confidence?: number;
  /**
   * What a covariate or stratum that is `undefined`, `null` or `NaN` in a row does: `"error"` (default)
   * refuses the row with a coded error; `"drop"` leaves the row out (as R's `na.omit`) and lists its index
   * in `dropped`.
   */
  missing?: "error" | "drop";
  /**
   * `true` for counting-process rows ({@link CoxIntervalRow}): each row gives an interval (start, stop] in fields
   * `start` and `stop` instead of a `duration`, and is in the risk set of an event time t when start < t ≤ stop
   * (R's `Surv(start, stop, event)`), so covariates may change over time. Default `false`.
   */
  intervals?: boolean;
  /**
   * With `intervals: true`, a row field (string or finite number) naming the customer of each row: a customer's
   * intervals must not overlap. Optional; the fit itself treats rows alike with or without it.
   */
  id?: string;
}

/**
 * A chi-square test that all coefficients of a {@link fitCoxPh} model are 0.
 *
 * @category Retention
 * @example
 * ```ts
 * const test: CoxTest = { chiSquare: 3.84, df: 1, pValue: 0.05 };
 * ```
 */
export interface CoxTest {
  /** The statistic. */
  chiSquare: number;
  /** Degrees of freedom: the number of covariates. */
  df: number;
  /** P(χ²_df > chiSquare). */
  pValue: number;
}

/**
 * A fitted Cox proportional-hazards model (plain JSON data); see {@link fitCoxPh}.
 *
 * @category Retention
 * @example
 * ```ts
 * const rows = [1, 2, 3, 4, 5, 6].map((d, i) => ({ duration: d, event: true, x: [0, 2, 1, 0, 1, 0][i]! }));
 * const fit: CoxPhModel = fitCoxPh(rows, { covariates: ["x"] });
 * fit.converged;
 * // => true
 * ```
 */
export interface CoxPhModel {
  /** The model's name. */
  model: "cox-ph";
  /** The covariate names, in the order given. */
  covariates: string[];
  /** The tie handling used. */
  ties: "efron" | "breslow";
  /** The stratum field, or `null` for an unstratified fit. */
  strata: string | null;
  /** β: the log hazard ratio per unit of each covariate. */
  coefficients: Record<string, number>;
  /** √ of the diagonal of the inverse information matrix at β. */
  standardErrors: Record<string, number>;
  /** exp(β): the hazard multiplier per unit of the covariate. */
  hazardRatios: Record<string, number>;
  /** exp(β − z·SE), the lower end of the hazard ratio's interval at `confidence`. */
  lower: Record<string, number>;
  /** exp(β + z·SE), the upper end of the hazard ratio's interval. */
  upper: Record<string, number>;
  /** Wald z = β / SE. */
  zScores: Record<string, number>;
  /** Two-sided P(|Z| > |z|). */
  pValues: Record<string, number>;
  /** The interval level used. */
  confidence: number;
  /** The covariance matrix of β (inverse information), rows and columns in `covariates` order. */
  variance: number[][];
  /**
   * The centring of the baseline hazard, as R's `means`: the mean of each covariate over the rows used, except
   * 0 for a covariate whose every value is 0 or 1 (an indicator is centred at its reference level).
   */
  means: Record<string, number>;
  /** The log partial likelihood at β. */
  logLikelihood: number;
  /** The log partial likelihood at β = 0. */
  nullLogLikelihood: number;
  /** 2·(logLikelihood − nullLogLikelihood) against χ²_p. */
  likelihoodRatioTest: CoxTest;
  /** βᵀ I(β) β against χ²_p. */
  waldTest: CoxTest;
  /** The score (log-rank) test U(0)ᵀ I(0)⁻¹ U(0) against χ²_p. */
  scoreTest: CoxTest;
  /**
   * Harrell's concordance of the linear predictor with the outcome, over the comparable pairs (within a
   * stratum, the shorter time an event, times not tied): (concordant + tiedRisk/2) / (concordant +
   * discordant + tiedRisk), with its infinitesimal-jackknife `standardError` (as R); both `null` when no
   * pair is comparable. For counting-process rows, each event is compared with the rows at risk at its time
   * (start < t ≤ stop, not tied events), and the standard error counts each row as one observation, as R's.
   */
  concordance: { estimate: number | null; standardError: number | null; concordant: number; discordant: number; tiedRisk: number };
  /** Whether Newton–Raphson met R's criterion |1 − ℓ_old/ℓ_new| ≤ 1e-9 within `maxIterations`. */
  converged: boolean;
  /** Why the fit did not converge, or `null`. */
  reason: string | null;
  /** Newton–Raphson iterations used (step halvings count, as in R). */
  iterations: number;
  /** Rows used. */
  n: number;
  /** Events among them. */
  events: number;
  /** Indices of the rows left out for a missing value (`missing: "drop"`); empty otherwise. */
  dropped: number[];
  /**
   * The cumulative hazard H(t | x̄) of a customer at the covariate `means` (R's `basehaz(fit)`, centred), at
   * every distinct time of each stratum, ascending within a stratum; `stratum` gives each entry's stratum
   * value (`null` for an unstratified fit). Times are in the unit of the durations. The hazard at covariates
   * 0 (R's `basehaz(fit, centered = FALSE)`) is H(t | x̄)·exp(−β·x̄); it is not stored since it overflows for
   * covariates far from 0, and a customer's curve is {@link coxSurvival}.
   */
  baselineHazard: { times: number[]; cumulativeHazard: number[]; stratum: (string | number | null)[] };
}

/** R's `coxph.control()` convergence tolerance. */
const EPS = 1e-9;
const KNOWN = ["covariates", "ties", "strata", "maxIterations", "confidence", "missing", "intervals", "id"] as const satisfies readonly (keyof CoxPhOptions)[];

/** The data of a fit: rows sorted by stratum, then time descending, with centred covariates. */
interface Design {
  n: number;
  p: number;
  time: Float64Array;
  event: Uint8Array;
  x: Float64Array; // n × p, centred
  /**
   * Counting-process rows: the interval starts, and the rows of each stratum ordered by start descending (a
   * row leaves the risk set of event times t ≤ start); `null` for right-censored rows (at risk from the origin).
   */
  entry: { start: Float64Array; order: Int32Array } | null;
  /** Row ranges [starts[s], starts[s + 1]) of each stratum. */
  starts: number[];
  strataValues: (string | number | null)[];
}

interface Partial {
  ll: number;
  u: Float64Array;
  imat: Float64Array; // p × p, full
}

/** A total order on stratum values: numbers (ascending) before strings (by code units). */
function compareStratum(a: string | number, b: string | number): number {
  if (typeof a === "number") return typeof b === "number" ? a - b : -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isMissing(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "number" && Number.isNaN(v));
}

/** A copy of `a` with room for `size` values. */
function grown(a: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

/** How the rows are read: the fields of the outcome, the stratum and the customer id. */
interface ReadSpec {
  covariates: readonly string[];
  strata: string | null;
  dropMissing: boolean;
  /** Counting-process rows (start, stop] instead of durations. */
  intervals: boolean;
  /** The customer id field (intervals only), or `null`. */
  id: string | null;
}

/** A row's stratum or customer id: a string or a finite number, else a coded error naming the field. */
function label(fn: string, v: unknown, at: string, what: string): string | number {
  if (!(typeof v === "string" || (typeof v === "number" && Number.isFinite(v)))) fail(fn, "INVALID_TYPE", `${at} must be a string or a finite number (${what}), got ${show(v)}`, at);
  return v === 0 ? 0 : v;
}

/** Refuses two intervals of one customer that overlap, naming the later row. */
function checkOverlaps(fn: string, ids: readonly (string | number)[], begin: ArrayLike<number>, end: ArrayLike<number>, index: ArrayLike<number>, idField: string): void {
  const n = ids.length;
  const order = Array.from({ length: n }, (_, k) => k);
  order.sort((a, b) => compareStratum(ids[a]!, ids[b]!) || begin[a]! - begin[b]! || end[a]! - end[b]! || index[a]! - index[b]!);
  for (let q = 1; q < n; q++) {
    const a = order[q - 1]!;
    const b = order[q]!;
    if (ids[a] === ids[b] && begin[b]! < end[a]!) {
      const at = `rows[${index[b]!}].start`;
      fail(fn, "INVALID_RANGE", `${at} is ${show(begin[b])}, inside the interval (${show(begin[a])}, ${show(end[a])}] of rows[${index[a]!}] of the same ${idField} ${show(ids[b])}: a customer's intervals must not overlap (each starts where the previous one stops, or later)`, at);
    }
  }
}

/**
 * Reads and checks the rows (each field once), drops or refuses missing values, and sorts them into a
 * {@link Design} whose order depends only on the rows' values, never on their input order.
 */
function readDesign(fn: string, rows: unknown, spec: ReadSpec): { design: Design; dropped: number[]; raw: Float64Array; means: Float64Array } {
  const { covariates, strata, dropMissing, intervals, id: idField } = spec;
  const p = covariates.length;
  const rowsIn = iterable<unknown>(fn, rows, "rows");
  // Columns sized once from an array's length (else grown by doubling).
  let cap = Array.isArray(rowsIn) ? Math.max(rowsIn.length, 1) : 1024;
  let times = new Float64Array(cap);
  let begins = new Float64Array(intervals ? cap : 0);
  let events = new Uint8Array(cap);
  let xs = new Float64Array(cap * p);
  let n = 0;
  const strat: (string | number)[] = [];
  const ids: (string | number)[] = [];
  const kept: number[] = [];
  const dropped: number[] = [];
  let i = 0;
  const vals = new Array<unknown>(p);
  // The path of a field is built only for an error: a million rows would otherwise build ten million strings.
  for (const row of rowsIn) {
    if (n === cap) {
      cap *= 2;
      times = grown(times, cap);
      if (intervals) begins = grown(begins, cap);
      const ev = new Uint8Array(cap);
      ev.set(events);
      events = ev;
      xs = grown(xs, cap * p);
    }
    const r = typeof row === "object" && row !== null && !Array.isArray(row) ? (row as Record<string, unknown>) : record(fn, row, `rows[${i}]`);
    const d = intervals ? r.stop : r.duration;
    const b0 = intervals ? r.start : 0;
    const e = r.event;
    for (let j = 0; j < p; j++) vals[j] = r[covariates[j]!];
    const sv = strata === null ? 0 : r[strata];
    const iv = idField === null ? 0 : r[idField];
    let t: number;
    if (intervals) {
      const path = `rows[${i}]`;
      const a = finiteNumber(fn, b0, `${path}.start`);
      if (!(a >= 0)) fail(fn, "NEGATIVE_DURATION", `${path}.start must be ≥ 0 (times count from the origin), got ${show(a)}`, `${path}.start`);
      t = finiteNumber(fn, d, `${path}.stop`);
      if (!(t > a)) fail(fn, "INVALID_RANGE", `${path}.stop must be after ${path}.start (an interval (start, stop] with stop > start), got start ${show(a)} and stop ${show(t)}`, `${path}.stop`);
      begins[n] = a === 0 ? 0 : a;
    } else if (typeof d === "number" && d >= 0 && d - d === 0) {
      t = d;
    } else {
      const path = `rows[${i}]`;
      if (d === undefined && "stop" in r) {
        fail(fn, "INVALID_TYPE", `${path}.duration is missing; for rows with start and stop (intervals (start, stop]), pass intervals: true`, `${path}.duration`);
      }
      t = finiteNumber(fn, d, `${path}.duration`);
      fail(fn, "NEGATIVE_DURATION", `${path}.duration must be ≥ 0, got ${show(t)}`, `${path}.duration`);
    }
    if (typeof e !== "boolean") boolean(fn, e, `rows[${i}].event`);
    if (idField !== null) ids.push(label(fn, iv, keyPath(`rows[${i}]`, idField), "the customer id"));
    let miss = false;
    for (let j = 0; j < p && !miss; j++) if (isMissing(vals[j])) miss = true;
    if (strata !== null && isMissing(sv)) miss = true;
    if (miss && dropMissing) {
      if (idField !== null) ids.pop();
      dropped.push(i++);
      continue;
    }
    for (let j = 0; j < p; j++) {
      const v = vals[j];
      if (typeof v === "number" && v - v === 0) {
        xs[n * p + j] = v;
        continue;
      }
      const at = keyPath(`rows[${i}]`, covariates[j]!);
      if (v === undefined) {
        fail(fn, "INVALID_TYPE", `${at} is missing: every row needs each covariate as a finite number (or pass missing: "drop" to leave such rows out)`, at);
      }
      finiteNumber(fn, v, at); // throws: not a finite number
    }
    if (strata !== null) strat.push(label(fn, sv, keyPath(`rows[${i}]`, strata), "the stratum"));
    times[n] = t === 0 ? 0 : t;
    events[n] = e ? 1 : 0;
    kept.push(i);
    n++;
    i++;
  }
  if (idField !== null) checkOverlaps(fn, ids, begins, times, kept, idField);
  // Canonical order: stratum, time descending, event, start descending, the covariates (radix sorts on all but
  // the later covariates, which order the rows still tied).
  const primaries: Float64Array[] = [];
  if (strata !== null) {
    const distinct = [...new Set(strat)].sort(compareStratum);
    const rank = new Map(distinct.map((v, r) => [v, r]));
    primaries.push(Float64Array.from(strat, (v) => rank.get(v)!));
  }
  const negTime = new Float64Array(n);
  for (let k = 0; k < n; k++) negTime[k] = -times[k]!;
  const eventKey = new Float64Array(n);
  for (let k = 0; k < n; k++) eventKey[k] = events[k]!;
  primaries.push(negTime, eventKey);
  if (intervals) {
    const negStart = new Float64Array(n);
    for (let k = 0; k < n; k++) negStart[k] = -begins[k]!;
    primaries.push(negStart);
  }
  // The first covariate too: with whole-day times, runs of one time and outcome are long.
  const firstCovariate = new Float64Array(n);
  for (let k = 0; k < n; k++) firstCovariate[k] = xs[k * p]!;
  primaries.push(firstCovariate);
  const order = lexicographicOrderBy(primaries, (a, b) => {
    if (events[a] !== events[b]) return events[a]! - events[b]!;
    if (intervals && begins[a] !== begins[b]) return begins[b]! - begins[a]!;
    for (let j = 0; j < p; j++) {
      const xa = xs[a * p + j]!;
      const xb = xs[b * p + j]!;
      if (xa !== xb) return xa - xb;
    }
    return 0;
  });
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  const x = new Float64Array(n * p);
  const raw = new Float64Array(n * p);
  const start = intervals ? new Float64Array(n) : null;
  const starts: number[] = [0];
  const strataValues: (string | number | null)[] = [];
  for (let k = 0; k < n; k++) {
    const o = order[k]!;
    time[k] = times[o]!;
    event[k] = events[o]!;
    if (start !== null) start[k] = begins[o]!;
    for (let j = 0; j < p; j++) raw[k * p + j] = xs[o * p + j]!;
    if (strata !== null && k > 0 && strat[o] !== strat[order[k - 1]!]) starts.push(k);
  }
  // Means by compensated (Neumaier) sums in the canonical order, then the centred design.
  const means = new Float64Array(p);
  const comp = new Float64Array(p);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < p; j++) {
      const v = raw[k * p + j]!;
      const sum = means[j]! + v;
      comp[j]! += Math.abs(means[j]!) >= Math.abs(v) ? means[j]! - sum + v : v - sum + means[j]!;
      means[j] = sum;
    }
  }
  for (let j = 0; j < p; j++) means[j] = (means[j]! + comp[j]!) / n || 0;
  for (let k = 0; k < n; k++) for (let j = 0; j < p; j++) x[k * p + j] = raw[k * p + j]! - means[j]!;
  starts.push(n);
  if (n === 0) starts.splice(1); // [0]: no strata at all
  for (let s = 0; s + 1 < starts.length; s++) strataValues.push(strata === null ? null : strat[order[starts[s]!]!]!);
  let entry: Design["entry"] = null;
  if (start !== null) {
    // Within each stratum, the rows by start descending (ties by their canonical position).
    const byStart = new Int32Array(n);
    for (let k = 0; k < n; k++) byStart[k] = k;
    for (let s = 0; s + 1 < starts.length; s++) byStart.subarray(starts[s]!, starts[s + 1]!).sort((a, b) => start[b]! - start[a]! || a - b);
    entry = { start, order: byStart };
  }
  return { design: { n, p, time, event, x, entry, starts, strataValues }, dropped, raw, means };
}

/** The linear predictor η = Xβ (centred covariates). */
function linearPredictor(des: Design, beta: Float64Array): Float64Array {
  const { n, p, x } = des;
  const eta = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[k * p + j]! * beta[j]!;
    eta[k] = s;
  }
  return eta;
}

/**
 * The log partial likelihood, its gradient U and the information matrix I = −∂²ℓ at β, summing over the
 * distinct event times of each stratum from the latest down: a row joins the risk-set sums at its time (its
 * stop) and, for counting-process rows, leaves them at the first event time t ≤ its start (the sums are reset
 * to exactly 0 whenever the risk set empties, so no rounding is carried across). `null` when a value is not
 * finite (a step too far).
 */
function partialLikelihood(des: Design, beta: Float64Array, efron: boolean): Partial | null {
  const { n, p, time, event, x, starts, entry } = des;
  const eta = linearPredictor(des, beta);
  const risk = new Float64Array(n);
  for (let k = 0; k < n; k++) risk[k] = Math.exp(eta[k]!);
  const u = new Float64Array(p);
  const imat = new Float64Array(p * p);
  const s1 = new Float64Array(p);
  const s2 = new Float64Array(p * p);
  const e1 = new Float64Array(p);
  const e2 = new Float64Array(p * p);
  const a1 = new Float64Array(p);
  let ll = 0;
  for (let s = 0; s + 1 < starts.length; s++) {
    let s0 = 0;
    s1.fill(0);
    s2.fill(0);
    let k = starts[s]!;
    const end = starts[s + 1]!;
    let leave = k; // next row (in entry.order) to leave the risk set
    let atRisk = 0;
    while (k < end) {
      const t = time[k]!;
      if (entry !== null) {
        for (; leave < end && entry.start[entry.order[leave]!]! >= t; leave++) {
          const q = entry.order[leave]!;
          const r = risk[q]!;
          const off = q * p;
          s0 -= r;
          for (let a = 0; a < p; a++) {
            const rx = r * x[off + a]!;
            s1[a]! -= rx;
            for (let b = 0; b <= a; b++) s2[a * p + b]! -= rx * x[off + b]!;
          }
          atRisk--;
        }
        if (atRisk === 0) {
          s0 = 0;
          s1.fill(0);
          s2.fill(0);
        }
      }
      // The rows of this time, and how many of them are events.
      let g = k;
      let d = 0;
      for (; g < end && time[g] === t; g++) d += event[g]!;
      // Efron's correction needs the tied events' own sums (e); otherwise every row goes straight into s.
      const split = efron && d > 1;
      let e0 = 0;
      for (; k < g; k++) {
        atRisk++;
        const r = risk[k]!;
        const off = k * p;
        const isEvent = event[k] === 1;
        if (isEvent) {
          ll += eta[k]!;
          for (let a = 0; a < p; a++) u[a]! += x[off + a]!;
        }
        if (split && isEvent) {
          e0 += r;
          for (let a = 0; a < p; a++) {
            const rx = r * x[off + a]!;
            e1[a]! += rx;
            for (let b = 0; b <= a; b++) e2[a * p + b]! += rx * x[off + b]!;
          }
        } else {
          s0 += r;
          for (let a = 0; a < p; a++) {
            const rx = r * x[off + a]!;
            s1[a]! += rx;
            for (let b = 0; b <= a; b++) s2[a * p + b]! += rx * x[off + b]!;
          }
        }
      }
      if (d === 0) continue;
      if (!split) {
        // Breslow, or one event: d·log S₀, d·S₁/S₀ and d·(S₂/S₀ − aaᵀ) with a = S₁/S₀.
        ll -= d * Math.log(s0);
        for (let a = 0; a < p; a++) {
          a1[a] = s1[a]! / s0;
          u[a]! -= d * a1[a]!;
        }
        for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) imat[a * p + b]! += d * (s2[a * p + b]! / s0 - a1[a]! * a1[b]!);
        continue;
      }
      // Efron over the d tied events, with Dₘ = S₀ − fₘE₀, fₘ = m/d: the sums over m of (S₁ − fₘE₁)/Dₘ and of
      // (S₂ − fₘE₂)/Dₘ − aₘaₘᵀ, aₘ = (S₁ − fₘE₁)/Dₘ, collected in five scalars, so a tie costs O(d + p²).
      s0 += e0;
      for (let a = 0; a < p; a++) s1[a]! += e1[a]!;
      for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) s2[a * p + b]! += e2[a * p + b]!;
      let c1 = 0;
      let cf = 0;
      let q0 = 0;
      let q1 = 0;
      let q2 = 0;
      for (let m = 0; m < d; m++) {
        const f = m / d;
        const denom = s0 - f * e0;
        ll -= Math.log(denom);
        const inv = 1 / denom;
        const inv2 = inv * inv;
        c1 += inv;
        cf += f * inv;
        q0 += inv2;
        q1 += f * inv2;
        q2 += f * f * inv2;
      }
      for (let a = 0; a < p; a++) u[a]! -= s1[a]! * c1 - e1[a]! * cf;
      for (let a = 0; a < p; a++) {
        for (let b = 0; b <= a; b++) {
          const ab = a * p + b;
          imat[ab]! += s2[ab]! * c1 - e2[ab]! * cf - (s1[a]! * s1[b]! * q0 - (s1[a]! * e1[b]! + e1[a]! * s1[b]!) * q1 + e1[a]! * e1[b]! * q2);
        }
      }
      e1.fill(0);
      e2.fill(0);
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) imat[b * p + a] = imat[a * p + b]!;
  if (!Number.isFinite(ll)) return null;
  for (let a = 0; a < p; a++) if (!Number.isFinite(u[a]!)) return null;
  for (let a = 0; a < p * p; a++) if (!Number.isFinite(imat[a]!)) return null;
  return { ll, u, imat };
}

function toMatrix(m: Float64Array, p: number): number[][] {
  return Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => m[a * p + b]!));
}

function matVec(m: readonly (readonly number[])[], v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let a = 0; a < v.length; a++) {
    let s = 0;
    for (let b = 0; b < v.length; b++) s += m[a]![b]! * v[b]!;
    out[a] = s;
  }
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function chiTest(chiSquare: number, df: number): CoxTest {
  const x = Math.max(0, chiSquare);
  return { chiSquare: x, df, pValue: chiSquareUpperTail(x, df) };
}

/** A Fenwick tree of counts over ranks 1..m. */
class RankCounts {
  private readonly tree: Float64Array;
  total = 0;
  constructor(private readonly m: number) {
    this.tree = new Float64Array(m + 1);
  }
  /** Adds rank r once (`sign` 1) or takes one back (`sign` −1). */
  add(r: number, sign = 1): void {
    for (let i = r; i <= this.m; i += i & -i) this.tree[i]! += sign;
    this.total += sign;
  }
  /** How many added ranks are ≤ r. */
  atMost(r: number): number {
    let c = 0;
    for (let i = r; i > 0; i -= i & -i) c += this.tree[i]!;
    return c;
  }
}

/**
 * Harrell's concordance of η with the outcome and its infinitesimal-jackknife standard error (R's
 * `concordance` of a `coxph` fit): with N the concordant pairs plus half the pairs tied on η and D the
 * comparable pairs, each row k's influence is (N_k − C·D_k)/D, N_k and D_k its share of each, and
 * Var(C) = Σ_k ((N_k − C·D_k)/D)². Counted by Fenwick trees over the ranks of η within each stratum, in
 * O(n log n): once from the latest time down (each event against the rows at risk after it) and once from
 * the earliest up (each row against the events before it). For counting-process rows the risk set at t is the
 * rows with start < t ≤ stop, as R's: a row leaves the first tree at the first event time t ≤ its start, and
 * its share in the second is the events up to its stop less those up to its start.
 */
function concordanceOf(des: Design, eta: Float64Array): CoxPhModel["concordance"] {
  const { n, time, event, starts, entry } = des;
  let concordant = 0;
  let discordant = 0;
  let tiedRisk = 0;
  const dN = new Float64Array(n);
  const dD = new Float64Array(n);
  const ranks = new Int32Array(n);
  for (let s = 0; s + 1 < starts.length; s++) {
    const lo = starts[s]!;
    const hi = starts[s + 1]!;
    const sorted = Float64Array.from(eta.subarray(lo, hi)).sort();
    const distinct: number[] = [];
    for (const v of sorted) if (distinct.length === 0 || distinct[distinct.length - 1] !== v) distinct.push(v);
    const m = distinct.length;
    for (let q = lo; q < hi; q++) {
      const v = eta[q]!;
      let a = 0;
      let b = m - 1;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (distinct[mid]! < v) a = mid + 1;
        else b = mid;
      }
      ranks[q] = a + 1;
    }
    // Rows are sorted by time descending: groups of one time, latest first.
    const groups: number[] = [];
    for (let k = lo; k < hi; ) {
      groups.push(k);
      const t = time[k]!;
      while (k < hi && time[k] === t) k++;
    }
    groups.push(hi);
    // Latest first: censored at t are at risk at t (they outlived the events at t); events at t tie.
    let risk = new RankCounts(m);
    let leave = lo;
    for (let g = 0; g + 1 < groups.length; g++) {
      const a = groups[g]!;
      const b = groups[g + 1]!;
      if (entry !== null) for (; leave < hi && entry.start[entry.order[leave]!]! >= time[a]!; leave++) risk.add(ranks[entry.order[leave]!]!, -1);
      for (let q = a; q < b; q++) if (event[q] === 0) risk.add(ranks[q]!);
      for (let q = a; q < b; q++) {
        if (event[q] !== 1) continue;
        const less = risk.atMost(ranks[q]! - 1);
        const tied = risk.atMost(ranks[q]!) - less;
        concordant += less;
        tiedRisk += tied;
        discordant += risk.total - less - tied;
        dN[q]! += less + tied / 2;
        dD[q]! += risk.total;
      }
      for (let q = a; q < b; q++) if (event[q] === 1) risk.add(ranks[q]!);
    }
    // Earliest first: each row against the events before it (and a censored row against the events at its time).
    risk = new RankCounts(m);
    let enter = hi - 1; // entry.order from the end: starts ascending
    const credit = (q: number, sign: number): void => {
      const atMost = risk.atMost(ranks[q]!);
      const tied = atMost - risk.atMost(ranks[q]! - 1);
      dN[q]! += sign * (risk.total - atMost + tied / 2);
      dD[q]! += sign * risk.total;
    };
    for (let g = groups.length - 2; g >= 0; g--) {
      const a = groups[g]!;
      const b = groups[g + 1]!;
      // A row whose start is before this time: the events so far (all at times ≤ its start) are not its pairs.
      if (entry !== null) for (; enter >= lo && entry.start[entry.order[enter]!]! < time[a]!; enter--) credit(entry.order[enter]!, -1);
      for (let q = a; q < b; q++) if (event[q] === 1) credit(q, 1);
      for (let q = a; q < b; q++) if (event[q] === 1) risk.add(ranks[q]!);
      for (let q = a; q < b; q++) if (event[q] === 0) credit(q, 1);
    }
  }
  const total = concordant + discordant + tiedRisk;
  if (total === 0) return { estimate: null, standardError: null, concordant, discordant, tiedRisk };
  const c = (concordant + tiedRisk / 2) / total;
  let v = 0;
  for (let k = 0; k < n; k++) v += ((dN[k]! - c * dD[k]!) / total) ** 2;
  return { estimate: c, standardError: Math.sqrt(v), concordant, discordant, tiedRisk };
}

/**
 * The cumulative hazard at the covariate means at every distinct time of each stratum: Breslow's
 * increments d/Σ r, or Efron's Σ_{m<d} 1/(Σ r − (m/d)·Σ_events r) (R's `survfit.coxph` default for each),
 * with r = exp(β·(x − x̄)).
 */
function baseline(des: Design, eta: Float64Array, efron: boolean): CoxPhModel["baselineHazard"] {
  const { time, event, starts, strataValues, entry } = des;
  const times: number[] = [];
  const cumulativeHazard: number[] = [];
  const stratum: (string | number | null)[] = [];
  for (let s = 0; s + 1 < starts.length; s++) {
    const lo = starts[s]!;
    const hi = starts[s + 1]!;
    const ts: number[] = [];
    const inc: number[] = [];
    let s0 = 0;
    let k = lo;
    let leave = lo;
    let atRisk = 0;
    while (k < hi) {
      const t = time[k]!;
      let d = 0;
      let e0 = 0;
      if (entry !== null) {
        for (; leave < hi && entry.start[entry.order[leave]!]! >= t; leave++) {
          s0 -= Math.exp(eta[entry.order[leave]!]!);
          atRisk--;
        }
        if (atRisk === 0) s0 = 0;
      }
      for (; k < hi && time[k] === t; k++) {
        atRisk++;
        const r = Math.exp(eta[k]!);
        s0 += r;
        if (event[k] === 1) {
          d++;
          e0 += r;
        }
      }
      let h = 0;
      if (d > 0) {
        if (efron) for (let m = 0; m < d; m++) h += 1 / (s0 - (m / d) * e0);
        else h = d / s0;
      }
      ts.push(t);
      inc.push(h);
    }
    let H = 0;
    for (let q = ts.length - 1; q >= 0; q--) {
      H += inc[q]!;
      times.push(ts[q]!);
      cumulativeHazard.push(H);
      stratum.push(strataValues[s]!);
    }
  }
  return { times, cumulativeHazard, stratum };
}

/**
 * Fits a Cox proportional-hazards model: the hazard of customer i at time t is
 * h(t | xᵢ) = h₀ₛ(t)·exp(β·xᵢ), with a baseline h₀ₛ left unspecified in each stratum s and β estimated by
 * maximising the partial likelihood (Cox 1972) — the numbers of R's `survival::coxph`.
 *
 * - Partial likelihood, over the distinct event times t of each stratum with D(t) the dᵢ rows that have
 *   the event at t and R(t) the rows still at risk (duration ≥ t):
 *   Breslow (1974): ℓ(β) = Σ_t [Σ_{D(t)} ηᵢ − d·log Σ_{R(t)} e^ηᵢ];
 *   Efron (1977): ℓ(β) = Σ_t [Σ_{D(t)} ηᵢ − Σ_{m=0}^{d−1} log(Σ_{R(t)} e^ηᵢ − (m/d)·Σ_{D(t)} e^ηᵢ)], ηᵢ = β·xᵢ.
 * - Newton–Raphson from β = 0 with step halving, stopping as R does when |1 − ℓ_old/ℓ_new| ≤ 1e-9;
 *   standard errors from the inverse information at β̂; intervals exp(β ± z·SE); the Wald, likelihood-ratio
 *   and score tests against χ² with one degree of freedom per covariate.
 * - Concordance: Harrell's C of η against the outcome (R's `concordance` in the `coxph` output).
 * - The cumulative hazard at the covariate means (R's `basehaz(fit)`); per-customer survival is
 *   {@link coxSurvival}.
 * - Time-varying covariates (`intervals: true`): counting-process rows {@link CoxIntervalRow} `{ start, stop,
 *   event }`, one per interval (start, stop] over which a customer's covariates are constant; R(t) is then the
 *   rows with start < t ≤ stop (R's `coxph(Surv(start, stop, event) ~ …)`), and splitting a row in two at an
 *   interior time leaves the fit unchanged. Concordance compares each event with the rows at risk at its time,
 *   as R's; its standard error treats each row as one observation (as R's, so a split row changes it). With
 *   `id`, a customer's intervals must not overlap.
 *
 * Durations are in any one unit (the baseline hazard's times are in it); coefficients are per unit of each
 * covariate. Any order of the rows gives the same numbers. Runs in O(n log n + iterations·n·p²).
 *
 * @param rows - `{ duration, event, [covariate]: number }` rows, or `{ start, stop, event, … }` rows with
 *   `intervals: true` (any iterable)
 * @param options - see {@link CoxPhOptions}; `covariates` is required
 * @returns the fitted model, plain JSON data; a fit that stops short of R's criterion has `converged: false`
 *   and a `reason`, with the last finite iterate
 * @throws RetentionKitError `INVALID_TYPE` for a row that is not an object, a non-boolean `event`, or a covariate
 *   missing in a row (`rows[3].age`; or pass `missing: "drop"`) or an `id` that is not a string or number; `INVALID_NUMBER`;
 *   `NEGATIVE_DURATION` for a negative `duration` or `start` (`rows[2].start`); `INVALID_RANGE` for a `stop` not after
 *   its `start` (`rows[2].stop`), or an interval that overlaps an earlier one of the same `id` (`rows[5].start`)
 * @throws RetentionKitError `INSUFFICIENT_DATA` when there is no event, or too few to identify the coefficients (`rows`) or a coefficient runs off to
 *   ±∞ (monotone likelihood: the covariate separates the events, `options.covariates[1]`); `INVALID_INPUT`
 *   for a constant covariate (`options.covariates[0]`) or collinear covariates (`options.covariates`)
 * @throws RetentionKitError `INVALID_OPTION` for bad `covariates`, `ties`, `strata`, `missing`, `intervals` or `id` (which needs `intervals: true`); `OUT_OF_RANGE`
 *   for `confidence` or `maxIterations`, and for covariates so large that their squares overflow; `UNKNOWN_OPTION` for an unknown key
 * @category Retention
 * @example
 * ```ts
 * // R: coxph(Surv(time, status) ~ x, data.frame(time = 1:6, status = 1, x = c(0, 2, 1, 0, 1, 0)))
 * const x = [0, 2, 1, 0, 1, 0];
 * const fit = fitCoxPh(x.map((v, i) => ({ duration: i + 1, event: true, x: v })), { covariates: ["x"] });
 * [fit.coefficients.x, fit.standardErrors.x, fit.logLikelihood].map((v) => +v!.toFixed(4));
 * // => [0.6275, 0.7246, -6.2005]
 * ```
 * @example
 * ```ts
 * // Time-varying covariate: customers a and d move to the premium plan (x = 1) on days 4 and 5.
 * // R: coxph(Surv(start, stop, status) ~ x) on the same rows
 * const rows = [
 *   { id: "a", start: 0, stop: 4, event: false, x: 0 }, { id: "a", start: 4, stop: 9, event: true, x: 1 },
 *   { id: "b", start: 0, stop: 6, event: true, x: 0 }, { id: "c", start: 0, stop: 3, event: true, x: 1 },
 *   { id: "d", start: 0, stop: 5, event: false, x: 0 }, { id: "d", start: 5, stop: 8, event: true, x: 1 },
 *   { id: "e", start: 0, stop: 7, event: true, x: 0 }, { id: "f", start: 0, stop: 10, event: false, x: 1 },
 * ];
 * const fit = fitCoxPh(rows, { covariates: ["x"], intervals: true, id: "id" });
 * [fit.coefficients.x, fit.standardErrors.x, fit.logLikelihood].map((v) => +v!.toFixed(4));
 * // => [-1.0588, 1.29, -6.2221]
 * ```
 */
export function fitCoxPh(rows: Iterable<CoxRow | CoxIntervalRow>, options: CoxPhOptions): CoxPhModel {
  const fn = "fitCoxPh";
  if (options === undefined) fail(fn, "INVALID_OPTION", `options.covariates is required: name the covariate fields, e.g. { covariates: ["age"] }`, "options.covariates");
  const o = optionsBag(fn, options, KNOWN);
  const covList = array<unknown>(fn, o.covariates === undefined ? fail(fn, "INVALID_OPTION", `options.covariates is required: name the covariate fields, e.g. { covariates: ["age"] }`, "options.covariates") : o.covariates, "options.covariates");
  if (!(o.intervals === undefined || typeof o.intervals === "boolean")) fail(fn, "INVALID_OPTION", `options.intervals must be true or false, got ${show(o.intervals)}`, "options.intervals");
  const intervals = o.intervals === true;
  const outcomeFields = intervals ? ["start", "stop", "event"] : ["duration", "event"];
  const covariates: string[] = [];
  for (let j = 0; j < covList.length; j++) {
    const c = covList[j];
    const at = `options.covariates[${j}]`;
    if (typeof c !== "string" || c.length === 0) fail(fn, "INVALID_OPTION", `${at} must be a non-empty field name, got ${show(c)}`, at);
    if (outcomeFields.includes(c)) fail(fn, "INVALID_OPTION", `${at} is ${JSON.stringify(c)}, a field of the outcome, not a covariate`, at);
    if (covariates.includes(c)) fail(fn, "INVALID_OPTION", `${at} repeats ${JSON.stringify(c)}`, at);
    covariates.push(c);
  }
  if (covariates.length === 0) fail(fn, "INVALID_OPTION", "options.covariates must name at least one covariate field", "options.covariates");
  if (covariates.length > 100) fail(fn, "OUT_OF_RANGE", `options.covariates names ${covariates.length} covariates; at most 100 are supported`, "options.covariates");
  const ties = o.ties === undefined ? "efron" : oneOf(fn, o.ties, "options.ties", ["efron", "breslow"] as const);
  let strata: string | null = null;
  if (o.strata !== undefined) {
    if (typeof o.strata !== "string" || o.strata.length === 0) fail(fn, "INVALID_OPTION", `options.strata must be a field name, got ${show(o.strata)}`, "options.strata");
    if (outcomeFields.includes(o.strata) || covariates.includes(o.strata)) {
      fail(fn, "INVALID_OPTION", `options.strata is ${JSON.stringify(o.strata)}, which is already the outcome or a covariate`, "options.strata");
    }
    strata = o.strata;
  }
  const maxIterations = o.maxIterations === undefined ? 20 : integerAtLeast(fn, o.maxIterations, "options.maxIterations", 1);
  if (maxIterations > 1000) fail(fn, "OUT_OF_RANGE", `options.maxIterations must be ≤ 1000, got ${show(maxIterations)}`, "options.maxIterations");
  const confidence = o.confidence === undefined ? 0.95 : numberInRange(fn, o.confidence, "options.confidence", 0, 1, { loOpen: true, hiOpen: true });
  const missing = o.missing === undefined ? "error" : oneOf(fn, o.missing, "options.missing", ["error", "drop"] as const);
  let id: string | null = null;
  if (o.id !== undefined) {
    if (!intervals) fail(fn, "INVALID_OPTION", `options.id names the customer of counting-process rows; it needs intervals: true (rows with start and stop)`, "options.id");
    if (typeof o.id !== "string" || o.id.length === 0) fail(fn, "INVALID_OPTION", `options.id must be a field name, got ${show(o.id)}`, "options.id");
    if (outcomeFields.includes(o.id) || covariates.includes(o.id) || o.id === strata) {
      fail(fn, "INVALID_OPTION", `options.id is ${JSON.stringify(o.id)}, which is already the outcome, a covariate or the stratum`, "options.id");
    }
    id = o.id;
  }
  const efron = ties === "efron";

  const { design: des, dropped, raw, means } = readDesign(fn, rows, { covariates, strata, dropMissing: missing === "drop", intervals, id });
  const { n, p } = des;
  let events = 0;
  for (let k = 0; k < n; k++) events += des.event[k]!;
  if (events === 0) fail(fn, "INSUFFICIENT_DATA", `rows must contain at least one event (event: true); got ${n} rows, all censored`, "rows");
  for (let j = 0; j < p; j++) {
    let constant = true;
    for (let k = 1; k < n && constant; k++) if (raw[k * p + j] !== raw[j]) constant = false;
    if (constant) {
      fail(fn, "INVALID_INPUT", `covariate ${JSON.stringify(covariates[j])} is ${show(raw[j])} in every row: a constant has no effect to estimate; leave it out of options.covariates`, `options.covariates[${j}]`);
    }
  }

  // Newton–Raphson as R's coxfit6: from β = 0, halving a step that lowers ℓ, stopping at |1 − ℓ_old/ℓ_new| ≤ ε.
  let beta: Float64Array = new Float64Array(p);
  const start = partialLikelihood(des, beta, efron);
  if (start === null) {
    // Only a covariate whose spread squared overflows gives a non-finite information matrix at β = 0.
    fail(fn, "OUT_OF_RANGE", `the covariates are too large to fit (their squared spread overflows the doubles, e.g. values near 1e200): rescale them, e.g. to thousands`, "options.covariates");
  }
  const v0 = invertSymmetric(toMatrix(start.imat, p));
  if (v0 === null && events <= p) {
    fail(fn, "INSUFFICIENT_DATA", `${events} event${events === 1 ? "" : "s"} cannot identify ${p} coefficients (the information matrix is singular): collect more events or use fewer covariates`, "rows");
  }
  if (v0 === null) {
    fail(fn, "INVALID_INPUT", `the covariates ${covariates.map((c) => JSON.stringify(c)).join(", ")} are collinear (or constant within every stratum): the information matrix is singular; drop one of them`, "options.covariates");
  }
  const score = dot(start.u, matVec(v0, start.u));
  let prevLl = start.ll;
  let next = matVec(v0, start.u);
  let halving = false;
  let converged = false;
  let reason: string | null = null;
  let iterations = 0;
  let cur: Partial = start;
  let curBeta: Float64Array = beta;
  let lastRelChange = Number.POSITIVE_INFINITY;
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    const trial = partialLikelihood(des, next, efron);
    if (trial !== null) {
      const rel = Math.abs(trial.ll - prevLl) <= EPS * Math.abs(trial.ll) || trial.ll === prevLl;
      if (trial.ll >= prevLl || rel) {
        cur = trial;
        curBeta = next;
      }
      if (rel && !halving) {
        converged = true;
        lastRelChange = Math.abs(trial.ll - prevLl);
        break;
      }
    }
    if (iter === maxIterations) break;
    if (trial === null || trial.ll < prevLl) {
      halving = true;
      const mid = new Float64Array(p);
      for (let j = 0; j < p; j++) mid[j] = (next[j]! + beta[j]!) / 2;
      next = mid;
    } else {
      halving = false;
      lastRelChange = Math.abs(trial.ll - prevLl);
      prevLl = trial.ll;
      beta = next;
      const v = invertSymmetric(toMatrix(trial.imat, p));
      if (v === null) {
        reason = `the information matrix is not positive definite at iteration ${iter}`;
        break;
      }
      const step = matVec(v, trial.u);
      next = new Float64Array(p);
      for (let j = 0; j < p; j++) next[j] = beta[j]! + step[j]!;
    }
  }
  if (!converged && reason === null) reason = `Newton–Raphson did not meet |1 − ℓ_old/ℓ_new| ≤ 1e-9 in ${maxIterations} iterations`;

  const V = invertSymmetric(toMatrix(cur.imat, p));
  // Monotone likelihood: ℓ has levelled off but the Newton step, in units of each covariate's spread, is
  // still large — the coefficient is running off to ±∞ (R warns "coefficient may be infinite").
  const scaleOf = (j: number): number => {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += Math.abs(des.x[k * p + j]!);
    return sum / n;
  };
  if (V !== null) {
    const step = matVec(V, cur.u);
    const flat = converged || lastRelChange <= 1e-6 * Math.abs(cur.ll);
    for (let j = 0; j < p && flat; j++) {
      if (Math.abs(step[j]!) * scaleOf(j) > 1e-2 && Math.abs(step[j]!) > Math.sqrt(EPS) * Math.abs(curBeta[j]!)) {
        fail(fn, "INSUFFICIENT_DATA", `the coefficient of ${JSON.stringify(covariates[j])} runs off to ${curBeta[j]! > 0 ? "+" : "−"}∞ (monotone likelihood: the covariate orders the events perfectly); it cannot be estimated from these rows`, `options.covariates[${j}]`);
      }
    }
  }
  if (V === null) {
    fail(fn, "INSUFFICIENT_DATA", "the information matrix is singular at the estimate: a coefficient is not identified by these rows (monotone likelihood or collinear covariates)", "options.covariates");
  }
  // R's centring: 0 for a 0/1 covariate, else its mean.
  const centre = Float64Array.from(means);
  for (let j = 0; j < p; j++) {
    let indicator = true;
    for (let k = 0; k < n && indicator; k++) if (raw[k * p + j] !== 0 && raw[k * p + j] !== 1) indicator = false;
    if (indicator) centre[j] = 0;
  }
  const z = twoSidedZ(confidence);
  const coefficients: Record<string, number> = {};
  const standardErrors: Record<string, number> = {};
  const hazardRatios: Record<string, number> = {};
  const lower: Record<string, number> = {};
  const upper: Record<string, number> = {};
  const zScores: Record<string, number> = {};
  const pValues: Record<string, number> = {};
  const meanRec: Record<string, number> = {};
  for (let j = 0; j < p; j++) {
    const c = covariates[j]!;
    const b = curBeta[j]! === 0 ? 0 : curBeta[j]!;
    const se = Math.sqrt(V[j]![j]!);
    const hr = Math.exp(b);
    const lo = Math.exp(b - z * se);
    const hi = Math.exp(b + z * se);
    if (!(Number.isFinite(hr) && Number.isFinite(hi) && lo > 0 && se > 0)) {
      fail(fn, "INSUFFICIENT_DATA", `the hazard ratio of ${JSON.stringify(c)} (β = ${show(b)}, SE = ${show(se)}) is beyond the doubles: the data do not pin it down`, `options.covariates[${j}]`);
    }
    coefficients[c] = b;
    standardErrors[c] = se;
    hazardRatios[c] = hr;
    lower[c] = lo;
    upper[c] = hi;
    zScores[c] = b / se;
    pValues[c] = 2 * normalCdf(-Math.abs(b / se));
    meanRec[c] = centre[j]!;
  }
  const wald = dot(curBeta, matVec(toMatrix(cur.imat, p), curBeta));
  const eta = linearPredictor(des, curBeta);
  // The baseline hazard at the reported centring: η shifted by β·(x̄ − centre), a constant.
  let shift = 0;
  for (let j = 0; j < p; j++) shift += curBeta[j]! * (means[j]! - centre[j]!);
  const etaCentre = shift === 0 ? eta : eta.map((e) => e + shift);
  return {
    model: "cox-ph",
    covariates,
    ties,
    strata,
    coefficients,
    standardErrors,
    hazardRatios,
    lower,
    upper,
    zScores,
    pValues,
    confidence,
    variance: V,
    means: meanRec,
    logLikelihood: cur.ll,
    nullLogLikelihood: start.ll,
    likelihoodRatioTest: chiTest(2 * (cur.ll - start.ll), p),
    waldTest: chiTest(wald, p),
    scoreTest: chiTest(score, p),
    concordance: concordanceOf(des, eta),
    converged,
    reason,
    iterations,
    n,
    events,
    dropped,
    baselineHazard: baseline(des, etaCentre, efron),
  };
}
