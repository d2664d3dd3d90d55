// UTC time arithmetic shared by every domain: parsing TimeInput, fixed units, calendar periods.
import { fail, show } from "./validate.js";

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** The largest |epoch ms| a JavaScript Date can hold. */
const MAX_TIME = 8.64e15;

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

/**
 * Parses an ISO-8601 string strictly: `YYYY-MM-DD`, `YYYYMMDD`, or a date-time with optional seconds,
 * fraction and offset. A date-time without an offset is read as UTC (never as local time). Returns NaN
 * when the text is not a valid ISO-8601 instant.
 */
export function parseIsoMs(text: string): number {
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
