// Reading right-censored { duration, event } rows and tabulating them by distinct time: shared by the
// survival estimators of the retention domain.
import { boolean, fail, finiteNumber, iterable, numberInRange, oneOf, record } from "../../internal/validate.js";

/** Growable column of doubles. */
interface Column {
  a: Float64Array;
  n: number;
}

function push(buf: Column, x: number): void {
  if (buf.n === buf.a.length) {
    const next = new Float64Array(buf.a.length * 2);
    next.set(buf.a);
    buf.a = next;
  }
  buf.a[buf.n++] = x;
}

/** Validated `duration` (≥ 0, −0 read as 0) and `event` of one row, each field read exactly once. */
export function readDurationEvent(fn: string, row: unknown, path: string): { duration: number; event: boolean } {
  const r = row as { duration?: unknown; event?: unknown } | null;
  const d = typeof r === "object" && r !== null ? r.duration : undefined;
  const e = typeof r === "object" && r !== null ? r.event : undefined;
  // Fast path without building error paths; anything unusual goes through the validators, which check the
  // very values read (a getter may return something else the next time).
  if (typeof d !== "number" || !(d >= 0 && d < Number.POSITIVE_INFINITY) || typeof e !== "boolean" || Array.isArray(r)) {
    record(fn, row, path);
    const x = finiteNumber(fn, d, `${path}.duration`);
    if (!(x >= 0)) fail(fn, "NEGATIVE_DURATION", `${path}.duration must be ≥ 0, got ${x}`, `${path}.duration`);
    boolean(fn, e, `${path}.event`);
  }
  return { duration: (d as number) === 0 ? 0 : (d as number), event: e as boolean };
}

/** Event times and censoring times of `observations`, each sorted ascending. */
export function readSurvival(fn: string, observations: unknown, path = "observations"): { eventTimes: Float64Array; censorTimes: Float64Array } {
  const ev: Column = { a: new Float64Array(1024), n: 0 };
  const ce: Column = { a: new Float64Array(1024), n: 0 };
  let i = 0;
  for (const row of iterable<unknown>(fn, observations, path)) {
    const { duration, event } = readDurationEvent(fn, row, `${path}[${i}]`);
    push(event ? ev : ce, duration);
    i++;
  }
  return { eventTimes: ev.a.subarray(0, ev.n).sort(), censorTimes: ce.a.subarray(0, ce.n).sort() };
}

/** One entry per distinct observed time: those at risk just before it (duration ≥ t), events, censored. */
export interface RiskTable {
  times: number[];
  atRisk: number[];
  events: number[];
  censored: number[];
}

/**
 * The risk table of sorted event and censoring times, as R's `survfit` counts it: all events at a time
 * count together, and observations censored at an event time are still at risk at it. Times are compared
 * exactly.
 */
export function riskTable(eventTimes: Float64Array, censorTimes: Float64Array): RiskTable {
  const times: number[] = [];
  const atRisk: number[] = [];
  const events: number[] = [];
  const censored: number[] = [];
  let a = 0;
  let b = 0;
  let risk = eventTimes.length + censorTimes.length;
  while (a < eventTimes.length || b < censorTimes.length) {
    const t = Math.min(a < eventTimes.length ? eventTimes[a]! : Number.POSITIVE_INFINITY, b < censorTimes.length ? censorTimes[b]! : Number.POSITIVE_INFINITY);
    let d = 0;
    while (a < eventTimes.length && eventTimes[a] === t) {
      a++;
      d++;
    }
    let c = 0;
    while (b < censorTimes.length && censorTimes[b] === t) {
      b++;
      c++;
    }
    times.push(t);
    atRisk.push(risk);
    events.push(d);
    censored.push(c);
    risk -= d + c;
  }
  return { times, atRisk, events, censored };
}

/** The band options shared by the survival curves: `confidence` in (0, 1), default 0.95; `confType`, default `"log"`. */
export function bandOptions(fn: string, o: { readonly confidence: unknown; readonly confType: unknown }): { confidence: number; confType: "log" | "log-log" | "plain" } {
  return {
    confidence: o.confidence === undefined ? 0.95 : numberInRange(fn, o.confidence, "options.confidence", 0, 1, { loOpen: true, hiOpen: true }),
    confType: o.confType === undefined ? "log" : oneOf(fn, o.confType, "options.confType", ["log", "log-log", "plain"] as const),
  };
}
