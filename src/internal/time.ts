// UTC time arithmetic shared by every domain: parsing TimeInput, fixed units, calendar periods.
import { fail, show } from "./validate.js";

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** The largest |epoch ms| a JavaScript Date can hold. */
export const MAX_TIME = 8.64e15;

const DATE_ONLY = /^([+-]\d{6}|\d{4})-?(\d{2})-?(\d{2})$/;
const DATE_TIME =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** Epoch ms of a UTC calendar date-time, with years 0–99 kept literal (Date.UTC maps them to 19xx). */
export function utcMs(year: number, month0: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  d.setUTCHours(h, m, s, ms);
  return d.getTime();
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

/** Converts a TimeInput to epoch ms, or throws INVALID_DATE naming the path. */
export function time(fn: string, value: unknown, path: string): number {
  const ms = toMsOrNaN(value);
  if (Number.isNaN(ms)) {
    fail(fn, "INVALID_DATE", `${path} must be a Date, epoch milliseconds or an ISO-8601 string, got ${show(value)}`, path);
  }
  return ms === 0 ? 0 : ms;
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

/** Months since January 1970 of the UTC calendar month containing `ms`. */
export function monthIndex(ms: number): number {
  const date = new Date(ms);
  return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
}

/** Epoch ms of the first instant of month index `k` (see {@link monthIndex}). */
export function monthStartMs(k: number): number {
  const year = 1970 + Math.floor(k / 12);
  return utcMs(year, mod(k, 12), 1);
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
  const a = new Date(anchorMs);
  const k = a.getUTCFullYear() * 12 + a.getUTCMonth() + months;
  const year = Math.floor(k / 12);
  const month0 = mod(k, 12);
  const day = Math.min(a.getUTCDate(), daysInMonth(year, month0 + 1));
  return utcMs(year, month0, day, a.getUTCHours(), a.getUTCMinutes(), a.getUTCSeconds(), a.getUTCMilliseconds());
}

/** The number of days in a UTC calendar month (`month1` is 1..12). */
export function monthLength(year: number, month1: number): number {
  return daysInMonth(year, month1);
}
