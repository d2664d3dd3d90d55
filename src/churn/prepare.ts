// Reading and preparing customers once per call (parse, cut at asOf, sort, split activity from feedback),
// plus the small helpers the built-in rules share. Not re-exported.
import type { CustomerId } from "../data/time.js";
import { DAY_MS, time } from "../internal/time.js";
import { array, customerId, fail, finiteNumber, fraction, numberInRange, optionsBag, positiveNumber, record, show } from "../internal/validate.js";
import type { ChurnContext, CustomerActivity, PreparedCustomer, PreparedEvent } from "./types.js";

/** Event types that are feedback rather than activity (see ActivityEvent). */
export const FEEDBACK_TYPES: ReadonlySet<string> = new Set(["feedback", "complaint", "ticket", "support", "survey", "review"]);

const SENTIMENT: Readonly<Record<string, number>> = { negative: -1, neutral: 0, positive: 1 };

/** Validates and prepares one customer: events parsed, cut at `asOfMs`, sorted by time (stable). */
export function prepareCustomer(fn: string, value: unknown, path: string, asOfMs: number): PreparedCustomer {
  const c = record(fn, value, path);
  const id: CustomerId = customerId(fn, c.customerId, `${path}.customerId`);
  const raw = array<unknown>(fn, c.events, `${path}.events`);
  const events: PreparedEvent[] = [];
  let sorted = true;
  let prev = Number.NEGATIVE_INFINITY;
  let activityCount = 0;
  for (let j = 0; j < raw.length; j++) {
    const e = prepareEvent(fn, raw[j], `${path}.events[${j}]`);
    if (e.at > asOfMs) continue; // a back-test passes the whole log: later events are not known yet
    if (e.at < prev) sorted = false;
    prev = e.at;
    events.push(e);
    if (!e.feedback) activityCount++;
  }
  if (!sorted) events.sort((a, b) => a.at - b.at);
  const activityTimes = new Float64Array(activityCount);
  let k = 0;
  for (const e of events) if (!e.feedback) activityTimes[k++] = e.at;
  const r = c.renewalAt;
  const renewalAt = r === undefined || r === null ? null : time(fn, r, `${path}.renewalAt`);
  return { customerId: id, input: value as CustomerActivity, events, activityTimes, renewalAt };
}

function prepareEvent(fn: string, value: unknown, path: string): PreparedEvent {
  const e = record(fn, value, path);
  const type = e.type;
  if (typeof type !== "string" || type.length === 0) fail(fn, "INVALID_TYPE", `${path}.type must be a non-empty string, got ${show(type)}`, `${path}.type`);
  const at = time(fn, e.at, `${path}.at`);
  let feature: string | null = null;
  if (e.feature !== undefined && e.feature !== null) {
    if (typeof e.feature !== "string") fail(fn, "INVALID_TYPE", `${path}.feature must be a string, got ${show(e.feature)}`, `${path}.feature`);
    feature = e.feature;
  }
  const score = e.score === undefined || e.score === null ? null : finiteNumber(fn, e.score, `${path}.score`);
  let sentiment: number | null = null;
  const s = e.sentiment;
  if (s !== undefined && s !== null) {
    if (typeof s === "string" && s in SENTIMENT) sentiment = SENTIMENT[s]!;
    else if (typeof s === "number") sentiment = numberInRange(fn, s, `${path}.sentiment`, -1, 1);
    else fail(fn, "INVALID_OPTION", `${path}.sentiment must be "positive", "neutral", "negative" or a number in [-1, 1], got ${show(s)}`, `${path}.sentiment`);
  }
  const feedback = FEEDBACK_TYPES.has(type) || score !== null || sentiment !== null;
  return { type, at, feature, score, sentiment, feedback };
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

/** The context shared by every rule of one call. */
export function churnContext(asOf: number): ChurnContext {
  return { asOf, dayMs: DAY_MS, countBetween };
}

/** The activity times a rule counts: the prepared ones, or those of the listed types. */
export function activityTimesOf(c: PreparedCustomer, types: ReadonlySet<string> | null): ArrayLike<number> {
  if (types === null) return c.activityTimes;
  const out: number[] = [];
  for (const e of c.events) if (types.has(e.type)) out.push(e.at);
  return out;
}

/** A UTC calendar date for reasons: "2024-03-01". */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "1 day" / "3 days"; "1 event" / "2 events". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Validated rule options shared by the built-in factories. */
export class RuleOptions {
  readonly o: Record<string, unknown>;
  constructor(readonly fn: string, options: unknown) {
    this.o = optionsBag(fn, options);
  }
  name(fallback: string): string {
    const v = this.o.name;
    if (v === undefined) return fallback;
    if (typeof v !== "string" || v.length === 0) fail(this.fn, "INVALID_OPTION", `options.name must be a non-empty string, got ${show(v)}`, "options.name");
    return v;
  }
  weight(fallback: number): number {
    return this.o.weight === undefined ? fallback : fraction(this.fn, this.o.weight, "options.weight");
  }
  positive(key: string, fallback: number): number {
    return this.o[key] === undefined ? fallback : positiveNumber(this.fn, this.o[key], `options.${key}`);
  }
  fraction(key: string, fallback: number): number {
    return this.o[key] === undefined ? fallback : fraction(this.fn, this.o[key], `options.${key}`);
  }
  number(key: string, fallback: number): number {
    return this.o[key] === undefined ? fallback : finiteNumber(this.fn, this.o[key], `options.${key}`);
  }
  flag(key: string, fallback: boolean): boolean {
    const v = this.o[key];
    if (v === undefined) return fallback;
    if (typeof v !== "boolean") fail(this.fn, "INVALID_OPTION", `options.${key} must be true or false, got ${show(v)}`, `options.${key}`);
    return v;
  }
  strings(key: string): ReadonlySet<string> | null {
    const v = this.o[key];
    if (v === undefined) return null;
    const list = array<unknown>(this.fn, v, `options.${key}`);
    list.forEach((s, i) => {
      if (typeof s !== "string") fail(this.fn, "INVALID_OPTION", `options.${key}[${i}] must be a string, got ${show(s)}`, `options.${key}[${i}]`);
    });
    return new Set(list as string[]);
  }
}
