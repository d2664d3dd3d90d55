// The churn domain's shared machinery (not re-exported): reading and preparing customers once per call
// (parse, cut at asOf, sort, split activity from feedback), the helpers the built-in rules share, and the
// inactivity definition that churn rules and touchpoints both use.
import type { CustomerId } from "../data/time.js";
import { DAY_MS, civilFromDays, time, toMsOrNaN } from "./time.js";
import { array, customerId, fail, finiteNumber, fraction, nonNegativeNumber, numberInRange, oneOf, optionsBag, positiveNumber, record, show } from "./validate.js";
import type { ChurnContext, ChurnRule, CustomerActivity, PreparedCustomer, PreparedEvent } from "../churn/types.js";
import type { InactivityRuleOptions } from "../churn/inactivityRule.js";

/** Event types that are feedback rather than activity (see ChurnEvent). */
export const FEEDBACK_TYPES: ReadonlySet<string> = new Set(["feedback", "complaint", "ticket", "support", "survey", "review"]);

/** A sentiment as a number in [−1, 1], or null when it is not a valid one. */
function sentimentOf(s: unknown): number | null {
  if (s === "negative") return -1;
  if (s === "neutral") return 0;
  if (s === "positive") return 1;
  return typeof s === "number" && s >= -1 && s <= 1 ? s : null;
}

/** Column storage for events, sorted by time; NaN marks a missing score or sentiment. */
export interface EventColumns {
  at: Float64Array;
  type: (string | undefined)[];
  feature: (string | null)[];
  score: Float64Array;
  sentiment: Float64Array;
  feedback: Uint8Array;
}

function columns(capacity: number): EventColumns {
  return {
    at: new Float64Array(capacity),
    type: new Array<string | undefined>(capacity),
    feature: new Array<string | null>(capacity).fill(null),
    score: new Float64Array(capacity),
    sentiment: new Float64Array(capacity),
    feedback: new Uint8Array(capacity),
  };
}

/**
 * The prepared view of one customer. Its events live in columns that the {@link Preparer} reuses for the
 * next customer (allocating arrays per customer or objects per event dominated the run time on 5 M
 * events), so a view is valid while its rules run; `events` (objects) is built on first access, for
 * custom rules, and stays valid.
 */
export class PreparedView implements PreparedCustomer {
  private cached: PreparedEvent[] | null = null;
  /**
   * The customer's activity history when the caller knows it without the events (the engine's purchase
   * summaries): whole days from the first to the last activity day, and the number of gaps between distinct
   * activity days. `knownGaps` is −1 when not known (then the data-relative inactivity reads the events).
   */
  knownSpanDays = 0;
  knownGaps = -1;
  constructor(
    readonly customerId: CustomerId,
    readonly input: CustomerActivity,
    readonly renewalAt: number | null,
    readonly activityTimes: Float64Array,
    /** Event count (≤ asOf). */
    readonly size: number,
    readonly cols: EventColumns,
  ) {}

  get events(): readonly PreparedEvent[] {
    if (this.cached !== null) return this.cached;
    const { at, type, feature, score, sentiment, feedback } = this.cols;
    const out: PreparedEvent[] = new Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const sc = score[i]!;
      const se = sentiment[i]!;
      out[i] = {
        type: type[i]!,
        at: at[i]!,
        feature: feature[i]!,
        score: Number.isNaN(sc) ? null : sc,
        sentiment: Number.isNaN(se) ? null : se,
        feedback: feedback[i] === 1,
      };
    }
    return (this.cached = out);
  }

  /** A plain-data view for JSON and debuggers (`events` included). */
  toJSON(): PreparedCustomer {
    return { customerId: this.customerId, input: this.input, events: this.events, activityTimes: this.activityTimes, renewalAt: this.renewalAt };
  }
}

/** Validates and prepares customers one after another, reusing its column buffers. */
export class Preparer {
  private a: EventColumns = columns(64);
  private b: EventColumns = columns(64);
  private order = new Int32Array(64);
  /** Parsed ISO strings: exports repeat the same dates, and parsing one costs ~40 times a lookup. */
  private readonly dates = new Map<string, number>();

  constructor(
    private readonly fn: string,
    private readonly asOfMs: number,
  ) {}

  /**
   * Validates one customer and returns its view: events parsed, cut at `asOf`, sorted by time (stable).
   * `where` is the customer's path, or its index in `arg` (the path, `arg[where]`, is then built only for an
   * error: millions of customers).
   */
  prepare(value: unknown, where: string | number, arg = "customers"): PreparedView {
    const fn = this.fn;
    if (typeof value !== "object" || value === null || Array.isArray(value)) record(fn, value, pathOf(where, arg));
    const c = value as Record<string, unknown>;
    const cid = c.customerId;
    const id: CustomerId = (typeof cid === "string" ? cid.length > 0 : typeof cid === "number" && cid - cid === 0) ? (cid as CustomerId) : customerId(fn, cid, `${pathOf(where, arg)}.customerId`);
    const events = c.events; // every field of the customer and of its events is read once
    const raw = isDense(events) ? events : array<unknown>(fn, events, `${pathOf(where, arg)}.events`);
    const n = raw.length;
    if (n > this.a.at.length) {
      const cap = Math.max(n, 2 * this.a.at.length);
      this.a = columns(cap);
      this.b = columns(cap);
      this.order = new Int32Array(cap);
    }
    const { at, type, feature, score, sentiment, feedback } = this.a;
    let m = 0;
    let sorted = true;
    let activity = 0;
    for (let j = 0; j < n; j++) {
      // Fast checks without building path strings; on a failure, re-check with paths to throw.
      const e = raw[j] as Record<string, unknown> | null | undefined;
      if (typeof e !== "object" || e === null) return badEvent(fn, e, `${pathOf(where, arg)}.events[${j}]`);
      const t = e.type;
      const rawAt = e.at;
      const ms = typeof rawAt === "string" ? this.parseCached(rawAt) : toMsOrNaN(rawAt);
      const f = e.feature;
      const rawScore = e.score;
      const rawSentiment = e.sentiment;
      const sc = rawScore === undefined || rawScore === null ? Number.NaN : typeof rawScore === "number" && Number.isFinite(rawScore) ? rawScore : null;
      const se = rawSentiment === undefined || rawSentiment === null ? Number.NaN : sentimentOf(rawSentiment);
      const badFeature = f !== undefined && f !== null && typeof f !== "string";
      if (typeof t !== "string" || t.length === 0 || Number.isNaN(ms) || badFeature || sc === null || se === null) {
        return badEvent(fn, e, `${pathOf(where, arg)}.events[${j}]`, { type: t, at: rawAt, feature: f, score: rawScore, sentiment: rawSentiment });
      }
      if (ms > this.asOfMs) continue; // a back-test passes the whole log: later events are not known yet
      if (m > 0 && ms < at[m - 1]!) sorted = false;
      const fb = FEEDBACK_TYPES.has(t) || !Number.isNaN(sc) || !Number.isNaN(se);
      at[m] = ms;
      type[m] = t;
      feature[m] = typeof f === "string" ? f : null;
      score[m] = sc;
      sentiment[m] = se;
      feedback[m] = fb ? 1 : 0;
      if (!fb) activity++;
      m++;
    }
    let cols = this.a;
    if (!sorted) {
      sortOrder(at, m, this.order);
      const o = this.order;
      const d = this.b;
      for (let i = 0; i < m; i++) {
        const k = o[i]!;
        d.at[i] = at[k]!;
        d.type[i] = type[k];
        d.feature[i] = feature[k]!;
        d.score[i] = score[k]!;
        d.sentiment[i] = sentiment[k]!;
        d.feedback[i] = feedback[k]!;
      }
      cols = d;
    }
    const activityTimes = new Float64Array(activity);
    for (let i = 0, k = 0; i < m; i++) if (cols.feedback[i] === 0) activityTimes[k++] = cols.at[i]!;
    const r = c.renewalAt;
    const renewalAt = r === undefined || r === null ? null : time(fn, r, `${pathOf(where, arg)}.renewalAt`);
    return new PreparedView(id, value as CustomerActivity, renewalAt, activityTimes, m, cols);
  }

  private lookups = 0;
  private hits = 0;

  private parseCached(text: string): number {
    // Unique timestamps never hit: after 10 000 lookups with under a quarter hits, stop caching.
    if (this.lookups > 10_000 && this.hits * 4 < this.lookups) return toMsOrNaN(text);
    this.lookups++;
    let ms = this.dates.get(text);
    if (ms === undefined) {
      ms = toMsOrNaN(text);
      if (this.dates.size >= 65_536) this.dates.clear(); // keep memory bounded
      this.dates.set(text, ms);
    } else this.hits++;
    return ms;
  }
}

/** A customer's path: given, or `arg[index]`. */
function pathOf(where: string | number, arg: string): string {
  return typeof where === "string" ? where : `${arg}[${where}]`;
}

/** An array without holes (what `array` accepts), checked without building its error path. */
function isDense(v: unknown): v is readonly unknown[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!(i in v)) return false;
  return true;
}

/** Fills `order` with 0..m−1 ordered by `at`, stable (insertion sort for the usual short, nearly sorted logs). */
function sortOrder(at: Float64Array, m: number, order: Int32Array): void {
  for (let i = 0; i < m; i++) order[i] = i;
  if (m > 256) {
    const idx = Array.from(order.subarray(0, m)).sort((a, b) => at[a]! - at[b]! || a - b);
    order.set(idx);
    return;
  }
  for (let i = 1; i < m; i++) {
    const o = order[i]!;
    const v = at[o]!;
    let j = i - 1;
    while (j >= 0 && at[order[j]!]! > v) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = o;
  }
}

/** Throws the precise error for an event that failed the fast checks. */
/**
 * Throws the error of an event that failed the fast checks. `fields` are the values already read (each
 * field is read once: a getter may answer differently the second time); without them, `value` is not an
 * object and `record` throws.
 */
function badEvent(fn: string, value: unknown, p: string, fields?: Record<"type" | "at" | "feature" | "score" | "sentiment", unknown>): never {
  record(fn, value, p);
  const e = fields ?? (value as Record<string, unknown>);
  const t = e.type;
  if (typeof t !== "string" || t.length === 0) fail(fn, "INVALID_TYPE", `${p}.type must be a non-empty string, got ${show(t)}`, `${p}.type`);
  time(fn, e.at, `${p}.at`);
  const f = e.feature;
  if (f !== undefined && f !== null && typeof f !== "string") fail(fn, "INVALID_TYPE", `${p}.feature must be a string, got ${show(f)}`, `${p}.feature`);
  if (e.score !== undefined && e.score !== null) finiteNumber(fn, e.score, `${p}.score`);
  const s = e.sentiment;
  if (typeof s === "number") numberInRange(fn, s, `${p}.sentiment`, -1, 1);
  return fail(fn, "INVALID_OPTION", `${p}.sentiment must be "positive", "neutral", "negative" or a number in [-1, 1], got ${show(s)}`, `${p}.sentiment`);
}

/** Index of the first element of ascending `times` that is > x. */
function upperBound(times: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Count of ascending `times` in (from, to]. */
export function countBetween(times: ArrayLike<number>, from: number, to: number): number {
  return to <= from ? 0 : upperBound(times, to) - upperBound(times, from);
}

/**
 * A built-in rule's severity alone (0 where it does not fire), without its reason and evidence: for a pass
 * that keeps only the risk scores (the engine's columns). Registered by the rule factories; a rule without
 * an entry is evaluated in full.
 */
export const severityOnly = new WeakMap<ChurnRule, (customer: PreparedCustomer, ctx: ChurnContext) => number>();

/** The context shared by every rule of one call. */
export function churnContext(asOf: number): ChurnContext {
  return { asOf, dayMs: DAY_MS, countBetween };
}

/** The activity times a rule counts: the prepared ones, or those of the listed types. */
export function activityTimesOf(c: PreparedCustomer, types: ReadonlySet<string> | null): ArrayLike<number> {
  if (types === null) return c.activityTimes;
  const out: number[] = [];
  const v = columnsOf(c);
  for (let i = 0; i < v.size; i++) if (types.has(v.cols.type[i]!)) out.push(v.cols.at[i]!);
  return out;
}

/** A UTC calendar date for reasons: "2024-03-01" (civil-from-days; toISOString is slow in bulk). */
export function isoDate(ms: number): string {
  const { year: y, month1: mo, day: d } = civilFromDays(Math.floor(ms / DAY_MS));
  if (y < 0 || y > 9999) return new Date(ms).toISOString().slice(0, 10);
  return `${String(y).padStart(4, "0")}-${mo < 10 ? "0" : ""}${mo}-${d < 10 ? "0" : ""}${d}`;
}

/** "1 day" / "3 days"; "1 event" / "2 events". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Validated rule options shared by the built-in factories. */
export class RuleOptions {
  readonly o: Record<string, unknown>;
  /**
   * `known` are the rule's option keys (any other is UNKNOWN_OPTION); `prefix` names the options bag in
   * error paths (`"options"`, or `"options.inactivity"` when nested).
   */
  constructor(
    readonly fn: string,
    options: unknown,
    known: readonly string[],
    readonly prefix = "options",
  ) {
    this.o = optionsBag(fn, options, known, prefix);
  }
  name(fallback: string): string {
    const v = this.o.name;
    if (v === undefined) return fallback;
    if (typeof v !== "string" || v.length === 0) fail(this.fn, "INVALID_OPTION", `${this.prefix}.name must be a non-empty string, got ${show(v)}`, `${this.prefix}.name`);
    return v;
  }
  weight(fallback: number): number {
    return this.o.weight === undefined ? fallback : fraction(this.fn, this.o.weight, `${this.prefix}.weight`);
  }
  positive(key: string, fallback: number): number {
    return this.o[key] === undefined ? fallback : positiveNumber(this.fn, this.o[key], `${this.prefix}.${key}`);
  }
  fraction(key: string, fallback: number): number {
    return this.o[key] === undefined ? fallback : fraction(this.fn, this.o[key], `${this.prefix}.${key}`);
  }
  number(key: string, fallback: number): number {
    return this.o[key] === undefined ? fallback : finiteNumber(this.fn, this.o[key], `${this.prefix}.${key}`);
  }
  flag(key: string, fallback: boolean): boolean {
    const v = this.o[key];
    if (v === undefined) return fallback;
    if (typeof v !== "boolean") fail(this.fn, "INVALID_OPTION", `${this.prefix}.${key} must be true or false, got ${show(v)}`, `${this.prefix}.${key}`);
    return v;
  }
  strings(key: string): ReadonlySet<string> | null {
    const v = this.o[key];
    if (v === undefined) return null;
    const list = array<unknown>(this.fn, v, `${this.prefix}.${key}`);
    list.forEach((s, i) => {
      if (typeof s !== "string") fail(this.fn, "INVALID_OPTION", `${this.prefix}.${key}[${i}] must be a string, got ${show(s)}`, `${this.prefix}.${key}[${i}]`);
    });
    return new Set(list as string[]);
  }
}

/** The column view of a customer; builds one when a rule is called directly with plain data. */
export function columnsOf(c: PreparedCustomer): PreparedView {
  if (c instanceof PreparedView) return c;
  const ev = c.events;
  const cols = columns(ev.length);
  ev.forEach((e, i) => {
    cols.at[i] = e.at;
    cols.score[i] = e.score ?? Number.NaN;
    cols.sentiment[i] = e.sentiment ?? Number.NaN;
    cols.feedback[i] = e.feedback ? 1 : 0;
    cols.type[i] = e.type;
    cols.feature[i] = e.feature;
  });
  return new PreparedView(c.customerId, c.input, c.renewalAt, c.activityTimes, ev.length, cols);
}

/** The resolved settings of an inactivity rule, shared with touchpoints' win-back trigger. */
export interface InactivitySettings {
  days: number;
  fullSeverityDays: number;
  types: ReadonlySet<string> | null;
  flagNoActivity: boolean;
  weight: number;
  name: string;
}

/** Reads the inactivity options (used by inactivityRule and by touchpoints); `prefix` names the bag in errors. */
export function inactivitySettings(fn: string, options: unknown, prefix = "options"): InactivitySettings {
  const r = new RuleOptions(fn, options, ["days", "fullSeverityDays", "weight", "activityTypes", "flagNoActivity", "name"] as const satisfies readonly (keyof InactivityRuleOptions)[], prefix);
  return fixedSettings(fn, r, prefix);
}

function fixedSettings(fn: string, r: RuleOptions, prefix: string): InactivitySettings {
  const days = r.positive("days", 30);
  const fullSeverityDays = r.positive("fullSeverityDays", 2 * days);
  if (!(fullSeverityDays >= days)) fail(fn, "OUT_OF_RANGE", `${prefix}.fullSeverityDays must be ≥ ${prefix}.days (${days}), got ${fullSeverityDays}`, `${prefix}.fullSeverityDays`);
  return { days, fullSeverityDays, types: r.strings("activityTypes"), flagNoActivity: r.flag("flagNoActivity", true), weight: r.weight(0.6), name: r.name("inactivity") };
}

/**
 * The instant the inactivity rule starts to fire after a last activity at `lastMs`: `lastMs + days`.
 * The one definition used by the rule and by touchpoints' win-back sequences.
 */
export function inactivityFiresAt(lastMs: number, days: number): number {
  return lastMs + days * DAY_MS;
}

/** The data-relative settings of an inactivity rule (see inactivityRule's `relativeTo`). */
export interface RelativeInactivity {
  relativeTo: "customer" | "base";
  gapMultiple: number;
  baseGapDays: number;
  priorGaps: number;
}

/** Default multiple of the typical gap after which the data-relative inactivity rule fires. */
export const DEFAULT_GAP_MULTIPLE = 2;
/** Default weight, in gaps, of the base's typical gap in a customer's shrunk typical gap. */
export const DEFAULT_PRIOR_GAPS = 2;

/**
 * Reads all of inactivityRule's options: the fixed settings, and the data-relative ones when `relativeTo` is
 * given (then `days` and `fullSeverityDays` are refused, and `baseGapDays` is required).
 */
export function inactivityRuleSettings(fn: string, options: unknown, prefix = "options"): InactivitySettings & { relative: RelativeInactivity | null } {
  const r = new RuleOptions(fn, options, ["days", "fullSeverityDays", "weight", "activityTypes", "flagNoActivity", "name", "relativeTo", "gapMultiple", "baseGapDays", "priorGaps"] as const satisfies readonly (keyof InactivityRuleOptions)[], prefix);
  const o = r.o;
  if (o.relativeTo === undefined) {
    for (const key of ["gapMultiple", "baseGapDays", "priorGaps"]) {
      if (o[key] !== undefined) fail(fn, "INVALID_OPTION", `${prefix}.${key} applies only to the data-relative rule: add relativeTo: "customer" or "base", or leave ${key} out`, `${prefix}.${key}`);
    }
    return { ...fixedSettings(fn, r, prefix), relative: null };
  }
  const relativeTo = oneOf(fn, o.relativeTo, `${prefix}.relativeTo`, ["customer", "base"] as const);
  for (const key of ["days", "fullSeverityDays"]) {
    if (o[key] !== undefined) fail(fn, "INVALID_OPTION", `${prefix}.${key} is a fixed threshold and ${prefix}.relativeTo a data-relative one: give one of them (with relativeTo, tune gapMultiple)`, `${prefix}.${key}`);
  }
  if (o.baseGapDays === undefined) {
    fail(fn, "INVALID_OPTION", `${prefix}.baseGapDays is required with relativeTo: pass the base's typical gap between activity days (e.g. the baseGapDays of calibrateChurnRules, or the median purchase gap of repeat customers)`, `${prefix}.baseGapDays`);
  }
  const baseGapDays = r.positive("baseGapDays", 1);
  const gapMultiple = r.positive("gapMultiple", DEFAULT_GAP_MULTIPLE);
  const priorGaps = o.priorGaps === undefined ? DEFAULT_PRIOR_GAPS : nonNegativeNumber(fn, o.priorGaps, `${prefix}.priorGaps`, "OUT_OF_RANGE");
  return {
    days: 0,
    fullSeverityDays: 0,
    types: r.strings("activityTypes"),
    flagNoActivity: r.flag("flagNoActivity", true),
    weight: r.weight(0.6),
    name: r.name("inactivity"),
    relative: { relativeTo, gapMultiple, baseGapDays, priorGaps },
  };
}

/**
 * Span (whole days from the first to the last distinct UTC day) and gap count (distinct days − 1) of
 * ascending activity times.
 */
export function activityGaps(times: ArrayLike<number>): { spanDays: number; gaps: number } {
  const n = times.length;
  if (n === 0) return { spanDays: 0, gaps: 0 };
  let gaps = 0;
  let prev = Math.floor(times[0]! / DAY_MS);
  const first = prev;
  for (let i = 1; i < n; i++) {
    const d = Math.floor(times[i]! / DAY_MS);
    if (d !== prev) {
      gaps++;
      prev = d;
    }
  }
  return { spanDays: prev - first, gaps };
}

/**
 * A customer's typical gap in days: the base's for `relativeTo: "base"`, else the shrunk mean
 * (spanDays + priorGaps · baseGapDays) / (gaps + priorGaps) — the base's gap when both counts are 0.
 */
export function typicalGapDays(s: RelativeInactivity, spanDays: number, gaps: number): number {
  if (s.relativeTo === "base" || gaps + s.priorGaps === 0) return s.baseGapDays;
  return (spanDays + s.priorGaps * s.baseGapDays) / (gaps + s.priorGaps);
}

/**
 * The data-relative inactivity of a customer whose last activity is at `last`: `null` when it does not fire,
 * else the threshold, the days inactive and the severity min(1, daysInactive / (2 · threshold)).
 */
export function relativeInactivity(s: RelativeInactivity, spanDays: number, gaps: number, last: number, asOf: number): { typical: number; threshold: number; daysInactive: number; severity: number } | null {
  const typical = typicalGapDays(s, spanDays, gaps);
  const threshold = s.gapMultiple * typical;
  if (asOf < inactivityFiresAt(last, threshold)) return null;
  const daysInactive = Math.floor((asOf - last) / DAY_MS);
  // A threshold that underflows to 0 (a tiny base gap times a small multiple) is full severity, not 0 / 0.
  return { typical, threshold, daysInactive, severity: daysInactive >= 2 * threshold ? 1 : daysInactive / (2 * threshold) };
}
