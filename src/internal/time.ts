// UTC time arithmetic shared by every domain: parsing TimeInput, fixed units, calendar periods.
// Every function here is plain integer arithmetic on epoch ms and day numbers (no Date object), so it gives
// a finite answer for any finite input, also beyond the Date range: callers that report a time check it with
// `inDateRange`, and refuse (OUT_OF_RANGE) a period that starts or ends outside it.
import { fail, numericStringHint, show } from "./validate.js";

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** The largest |epoch ms| a JavaScript Date can hold: −271821-04-20 to +275760-09-13 (UTC), 1e8 days each way. */
export const MAX_TIME = 8.64e15;

/**
 * The most periods a filled period range may hold: rows of `npsByPeriod`, cohorts and columns of
 * `cohortRetention`, periods of the cohort plots and tables. 100 000 days are 273 years of a daily series
 * (100 000 weeks 1 917 years), far beyond any real log, while a range that long still builds in well under a
 * second; a wider range comes from a wrong date (a year 0001 or 9999 placeholder, seconds read as ms) and is
 * refused with `OUT_OF_RANGE` rather than filled (two dates at the ends of the Date range are 2e8 days apart).
 */
export const MAX_PERIODS = 100_000;

/** True when `ms` is an instant a Date can hold (|ms| ≤ 8.64e15). */
export function inDateRange(ms: number): boolean {
  return ms >= -MAX_TIME && ms <= MAX_TIME;
}

const DATE_ONLY = /^([+-]\d{6}|\d{4})-?(\d{2})-?(\d{2})$/;
const DATE_TIME =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** Days in a proleptic Gregorian month (`month1` 1..12), for any integer year. */
function daysInMonth(year: number, month1: number): number {
  return month1 === 2 ? (isLeap(year) ? 29 : 28) : 30 + ((month1 + (month1 >> 3)) & 1);
}

/**
 * Epoch ms of a UTC calendar date-time (proleptic Gregorian, years 0–99 literal), with `Date.UTC`'s
 * carrying: month 12 is January of the next year, day 0 the last day of the previous month. Whole-number
 * arguments; finite for any finite arguments, also outside the Date range (check with {@link inDateRange}).
 */
export function utcMs(year: number, month0: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  const y = year + Math.floor(month0 / 12);
  const days = daysFromCivil(y, mod(month0, 12) + 1, 1) + day - 1;
  return days * DAY_MS + h * 3_600_000 + m * 60_000 + s * 1000 + ms;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (month1 1..12); exact integer arithmetic. */
export function daysFromCivil(year: number, month1: number, day: number): number {
  const y = month1 <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month1 + (month1 > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Two ASCII digits at `i` as a number, or -1. */
function two(t: string, i: number): number {
  const a = t.charCodeAt(i) - 48;
  const b = t.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common shapes — `YYYY-MM-DD`, optionally `THH:MM`, `:SS`, `.fff` and `Z` — read without a regex or a
 * Date object (CSV and JSON exports carry millions of these). Returns undefined for any other shape, which
 * then goes to the full parser.
 */
function parseCommonIso(t: string): number | undefined {
  const n = t.length;
  if (n < 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return undefined;
  const hi = two(t, 0);
  const lo = two(t, 2);
  const month = two(t, 5);
  const day = two(t, 8);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const year = hi * 100 + lo;
  const dim = month === 2 ? (isLeap(year) ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);
  if (day > dim) return Number.NaN;
  let ms = daysFromCivil(year, month, day) * DAY_MS;
  if (n === 10) return ms;
  const sep = t.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || n < 16 || t.charCodeAt(13) !== 58) return undefined;
  const hour = two(t, 11);
  const minute = two(t, 14);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  ms += hour * 3_600_000 + minute * 60_000;
  let i = 16;
  if (i < n && t.charCodeAt(i) === 58) {
    const second = two(t, i + 1);
    if (second < 0 || second > 59) return undefined;
    ms += second * 1000;
    i += 3;
    if (i < n && t.charCodeAt(i) === 46) {
      // Up to three fraction digits exactly; longer fractions go to the full parser (it rounds).
      let frac = 0;
      let k = 0;
      for (i++; i < n && k < 3; i++, k++) {
        const c = t.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        frac = frac * 10 + c;
      }
      if (k === 0) return undefined;
      ms += frac * (k === 1 ? 100 : k === 2 ? 10 : 1);
    }
  }
  if (i === n) return ms;
  if (i === n - 1 && t.charCodeAt(i) === 90) return ms;
  return undefined;
}

/**
 * Parses an ISO-8601 string strictly: `YYYY-MM-DD`, `YYYYMMDD`, or a date-time with optional seconds,
 * fraction and offset. A date-time without an offset is read as UTC (never as local time). Returns NaN
 * when the text is not a valid ISO-8601 instant.
 */
export function parseIsoMs(text: string): number {
  const quick = parseCommonIso(text);
  if (quick !== undefined) return quick;
  let m = DATE_ONLY.exec(text);
  if (m) {
    const [, y, mo, d] = m as unknown as [string, string, string, string];
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
    return utcMs(year, month - 1, day);
  }
  m = DATE_TIME.exec(text);
  if (!m) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (minute > 59 || second > 59 || hour > 24 || (hour === 24 && (minute > 0 || second > 0 || fraction > 0))) return Number.NaN;
  let offsetMin = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) return Number.NaN;
    offsetMin = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  return utcMs(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000) - offsetMin * 60_000;
}

/** Converts a TimeInput to epoch ms without validation messages; NaN when invalid. */
export function toMsOrNaN(value: unknown): number {
  let ms: number;
  if (typeof value === "number") ms = value;
  else if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "string") ms = parseIsoMs(value.trim());
  else return Number.NaN;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME ? ms : Number.NaN;
}

/**
 * Converts a TimeInput to epoch ms, or throws INVALID_DATE naming the path. A single time given on its own
 * (an option such as `options.observationEnd` or `options.asOf`, the engine's `input.observationEnd`, a
 * lone `asOf` or `value` argument: a path without a row index) is refused when it is a number that looks
 * like epoch seconds of this century ({@link SINGLE_SECONDS_LOW}); row fields are judged over their whole
 * input by {@link SecondsCheck} instead.
 */
export function time(fn: string, value: unknown, path: string): number {
  const ms = toMsOrNaN(value);
  if (Number.isNaN(ms)) {
    fail(fn, "INVALID_DATE", `${path} must be a Date, epoch milliseconds or an ISO-8601 string, got ${show(value)}${numericStringHint(value)}`, path);
  }
  if (typeof value === "number" && looksLikeEpochSeconds(ms, SINGLE_SECONDS_LOW) && isSingleTime(path)) failEpochSeconds(fn, ms, path, false);
  return ms === 0 ? 0 : ms;
}

/** A time given on its own rather than as a row's field: see {@link time}. */
function isSingleTime(path: string): boolean {
  return !path.includes("[") && (path.startsWith("options.") || path.startsWith("input.") || path === "asOf" || path === "value");
}

/**
 * Epoch *seconds* from 1973-03-03 (1e8 s) to 2286-11-20 (1e10 s), read as milliseconds, fall between
 * 1970-01-02 and 1970-04-26. Numeric times that all fall in this window, and are not all whole UTC days,
 * are refused as seconds (see {@link SecondsCheck}).
 */
export const SECONDS_LOW = 1e8;
export const SECONDS_HIGH = 1e10;
/**
 * A single time has no other rows to show its unit, so it is judged on a narrower window: from 1e9 s
 * (2001-09-09, read as ms 1970-01-12), where as-of dates in seconds ("now" in a Unix timestamp) lie, and
 * small synthetic offsets such as `7 * DAY + 1` in tests do not.
 */
export const SINGLE_SECONDS_LOW = 1e9;

/** True when a number of epoch ms is in the seconds window (from `low`) and not a whole UTC day (midnight). */
export function looksLikeEpochSeconds(ms: number, low: number = SECONDS_LOW): boolean {
  return ms >= low && ms <= SECONDS_HIGH && ms % DAY_MS !== 0;
}

/**
 * Throws INVALID_DATE for epoch seconds given where epoch milliseconds are read. `value` is the first
 * offending number; `all` says whether every numeric time of the input looked like seconds (rows) or the
 * input was a single value.
 */
export function failEpochSeconds(fn: string, value: number, path: string, all: boolean): never {
  const asMs = new Date(value).toISOString().slice(0, 10);
  const asSeconds = value * 1000 <= MAX_TIME ? new Date(value * 1000).toISOString().slice(0, 10) : "?";
  return fail(
    fn,
    "INVALID_DATE",
    `${path} is ${show(value)}, ${all ? "and every numeric time of the input is" : "which is"} between 1e8 and 1e10: epoch ` +
      `seconds (${asSeconds}), not milliseconds (${asMs}). Multiply seconds by 1000 (at: seconds * 1000); ` +
      `for times that really are milliseconds in early 1970, pass Date objects or ISO-8601 strings`,
    path,
  );
}

/**
 * Watches the numeric times of one input for epoch seconds: {@link SecondsCheck.see} each number, then
 * {@link SecondsCheck.done}. The input is refused only when every numeric time is in the seconds window and
 * at least one is not a whole UTC day: data from any real period of the 1970s reaches outside the window,
 * and synthetic day offsets (`5 * DAY`) are whole days, while epoch seconds are whole ms days only once in
 * 1000 days. After the first time outside the window, {@link SecondsCheck.see} is one comparison.
 */
export class SecondsCheck {
  /** A numeric time outside the window was seen: the input is not seconds. */
  outside = false;
  /** Index of the first time that looks like seconds, or -1. */
  first = -1;
  firstValue = 0;

  see(ms: number, i: number): void {
    if (this.outside) return;
    if (ms < SECONDS_LOW || ms > SECONDS_HIGH) this.outside = true;
    else if (this.first < 0 && ms % DAY_MS !== 0) {
      this.first = i;
      this.firstValue = ms;
    }
  }

  /** Throws when the input's numeric times are epoch seconds; `pathOf(i)` names row i's time. */
  done(fn: string, pathOf: (i: number) => string): void {
    if (!this.outside && this.first >= 0) failEpochSeconds(fn, this.firstValue, pathOf(this.first), true);
  }
}

export type FixedUnit = "day" | "week";

/** Milliseconds in a fixed unit. */
export function unitMs(unit: FixedUnit): number {
  return unit === "week" ? WEEK_MS : DAY_MS;
}

/** Whole UTC days since 1970-01-01 (floored, so instants before 1970 work too). */
export function dayIndex(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** Floored modulo: always in [0, n). */
export function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}

/** The UTC day index of the Monday starting the ISO week that contains day `d` (1970-01-01 was a Thursday). */
export function isoWeekStartDay(d: number): number {
  return d - mod(d + 3, 7);
}

/** The proleptic Gregorian date of day index `z` (days since 1970-01-01); exact integer arithmetic. */
export function civilFromDays(z: number): { year: number; month1: number; day: number } {
  const zz = z + 719_468;
  const era = Math.floor(zz / 146_097);
  const doe = zz - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month1 = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month1 <= 2 ? 1 : 0), month1, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** Months since January 1970 of the UTC calendar month containing `ms`. */
export function monthIndex(ms: number): number {
  const { year, month1 } = civilFromDays(dayIndex(ms));
  return (year - 1970) * 12 + month1 - 1;
}

/** Epoch ms of the first instant of month index `k` (see {@link monthIndex}). */
export function monthStartMs(k: number): number {
  return daysFromCivil(1970 + Math.floor(k / 12), mod(k, 12) + 1, 1) * DAY_MS;
}

export type CalendarPeriod = "day" | "week" | "month";

/** Epoch ms of the start of the UTC day, ISO week (Monday) or calendar month containing `ms`. */
export function periodStartMs(ms: number, period: CalendarPeriod): number {
  if (period === "month") return monthStartMs(monthIndex(ms));
  const d = dayIndex(ms);
  return (period === "week" ? isoWeekStartDay(d) : d) * DAY_MS;
}

/**
 * Adds whole calendar months to an anchor date, keeping the anchor's day of month and time of day and
 * clamping to the month's last day (Jan 31 + 1 month → Feb 28/29; + 2 months → Mar 31).
 */
export function addMonthsClamped(anchorMs: number, months: number): number {
  const d = dayIndex(anchorMs);
  const a = civilFromDays(d);
  const k = a.year * 12 + a.month1 - 1 + months;
  const year = Math.floor(k / 12);
  const month1 = mod(k, 12) + 1;
  return daysFromCivil(year, month1, Math.min(a.day, daysInMonth(year, month1))) * DAY_MS + (anchorMs - d * DAY_MS);
}

/** The number of days in a UTC calendar month (`month1` is 1..12). */
export function monthLength(year: number, month1: number): number {
  return daysInMonth(year, month1);
}

/** The two names of the as-of time, exact synonyms: `asOf` and `observationEnd`. */
export type AsOfKey = "asOf" | "observationEnd";

/**
 * Reads the as-of time of an options snapshot, where `asOf` and `observationEnd` are exact synonyms:
 * either may be given, or both when they are the same instant (INVALID_OPTION otherwise). `primary` is the
 * name the function documents (and the one messages use when neither is given). Returns null when neither
 * is given and `required` is false.
 */
export function asOfOption(
  fn: string,
  o: { readonly asOf: unknown; readonly observationEnd: unknown },
  primary: AsOfKey,
  required: boolean,
  path = "options",
): number | null {
  const other: AsOfKey = primary === "asOf" ? "observationEnd" : "asOf";
  const a = o[primary] === undefined ? null : time(fn, o[primary], `${path}.${primary}`);
  const b = o[other] === undefined ? null : time(fn, o[other], `${path}.${other}`);
  if (a !== null && b !== null && a !== b) {
    fail(
      fn,
      "INVALID_OPTION",
      `${path}.${primary} and ${path}.${other} name the same time (synonyms) but differ: ${show(new Date(a))} and ${show(new Date(b))}; give only ${path}.${primary}`,
      `${path}.${other}`,
    );
  }
  const ms = a ?? b;
  if (ms === null && required) fail(fn, "INVALID_OPTION", `${path}.${primary} is required (or its synonym ${path}.${other})`, `${path}.${primary}`);
  return ms;
}

/** {@link asOfOption} for a required as-of time. */
export function requiredAsOf(fn: string, o: { readonly asOf: unknown; readonly observationEnd: unknown }, primary: AsOfKey, path = "options"): number {
  return asOfOption(fn, o, primary, true, path)!;
}

/** An instant for messages: ISO-8601 within the Date range, else its epoch ms. */
export function instantText(ms: number): string {
  return inDateRange(ms) ? new Date(ms).toISOString() : `${ms} ms`;
}

/**
 * Refuses with `OUT_OF_RANGE` (at `path`, the time that lies in it) a period `[start, end)` that is not
 * wholly inside the Date range: its bounds could not be reported as times. Only the first and last
 * periods of the range (the days, weeks, months of −271821 and +275760) are affected.
 */
export function periodInDateRange(fn: string, start: number, end: number, period: string, path: string): void {
  const edge = start < -MAX_TIME ? `starts before the earliest Date (${instantText(-MAX_TIME)})` : end > MAX_TIME ? `ends after the latest Date (${instantText(MAX_TIME)})` : null;
  if (edge !== null) {
    fail(fn, "OUT_OF_RANGE", `${path} lies in a ${period} that ${edge}, so the ${period} cannot be reported; a date this close to the limits of the Date range is almost surely a data error`, path);
  }
}

/**
 * Refuses with `OUT_OF_RANGE` a period range of more than {@link MAX_PERIODS} periods: `what` says what
 * would be filled, `fix` which option bounds it, `path` names that option.
 */
export function periodCount(fn: string, n: number, what: string, fix: string, path: string): void {
  if (!(n <= MAX_PERIODS)) fail(fn, "OUT_OF_RANGE", `${what} would span ${n} periods, more than the ${MAX_PERIODS} a range may hold; ${fix}`, path);
}

/** Periods as integers: UTC days since 1970-01-01, or ISO weeks (Monday-based) since the week of 1970-01-01. */
export function periodIndexOf(ms: number, period: FixedUnit): number {
  const d = Math.floor(ms / DAY_MS);
  return period === "week" ? Math.floor((d + 3) / 7) : d;
}

/** Epoch ms at which period `p` starts. */
export function periodStart(p: number, period: FixedUnit): number {
  return (period === "week" ? p * 7 - 3 : p) * DAY_MS;
}
