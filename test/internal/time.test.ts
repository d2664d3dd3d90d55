// The shared calendar arithmetic: exact against Date wherever Date is defined, and finite (never NaN) at and
// beyond the ends of the Date range, where Date gives NaN.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTime } from "../../src/index.js";
import { MAX_TIME } from "../contract/arbitraries.js";
import {
  DAY_MS,
  MAX_PERIODS,
  addMonthsClamped,
  civilFromDays,
  dayIndex,
  inDateRange,
  monthIndex,
  monthLength,
  monthStartMs,
  periodStartMs,
  utcMs,
} from "../../src/internal/time.js";

const anyInstant = fc.oneof(
  fc.integer({ min: -MAX_TIME, max: MAX_TIME }),
  fc.integer({ min: 0, max: 40 * DAY_MS }).map((d) => MAX_TIME - d),
  fc.integer({ min: 0, max: 40 * DAY_MS }).map((d) => -MAX_TIME + d),
);
const EDGES = [-MAX_TIME, -MAX_TIME + 1, -1, 0, MAX_TIME - 1, MAX_TIME];

/** Date's answer, NaN where Date cannot hold it. */
function dateUtc(year: number, month0: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  d.setUTCHours(h, m, s, ms);
  return d.getTime();
}

/** Days in a month by the Gregorian rule (month0 0..11). */
function daysIn(year: number, month0: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month0]!;
}

describe("calendar arithmetic", () => {
  it("agrees with Date on the civil date, month index and month start of any instant", () => {
    fc.assert(
      fc.property(anyInstant, (ms) => {
        const d = new Date(ms);
        expect(civilFromDays(dayIndex(ms))).toEqual({ year: d.getUTCFullYear(), month1: d.getUTCMonth() + 1, day: d.getUTCDate() });
        const k = monthIndex(ms);
        expect(k).toBe((d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth());
        const start = dateUtc(d.getUTCFullYear(), d.getUTCMonth(), 1);
        // Date cannot hold the start of April −271821 (the range begins on the 20th); the arithmetic can
        if (!Number.isNaN(start)) expect(monthStartMs(k)).toBe(start);
        expect(Number.isFinite(monthStartMs(k))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees with Date.UTC's carrying for any date-time fields", () => {
    const field = (lo: number, hi: number): fc.Arbitrary<number> => fc.integer({ min: lo, max: hi });
    fc.assert(
      fc.property(field(-270_000, 270_000), field(-30, 30), field(-40, 70), field(0, 30), field(0, 59), field(0, 59), field(0, 999), (y, mo, d, h, m, s, ms) => {
        const expected = dateUtc(y, mo, d, h, m, s, ms);
        if (!Number.isNaN(expected)) expect(utcMs(y, mo, d, h, m, s, ms)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("adds months as Date would, keeping the day clamped to the month's end", () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: -2400, max: 2400 }), (ms, months) => {
        const a = new Date(ms);
        const k = a.getUTCFullYear() * 12 + a.getUTCMonth() + months;
        const year = Math.floor(k / 12);
        const month0 = k - year * 12;
        const day = Math.min(a.getUTCDate(), daysIn(year, month0));
        const expected = dateUtc(year, month0, day, a.getUTCHours(), a.getUTCMinutes(), a.getUTCSeconds(), a.getUTCMilliseconds());
        const got = addMonthsClamped(ms, months);
        expect(Number.isFinite(got)).toBe(true);
        if (!Number.isNaN(expected)) expect(got).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(new Date(addMonthsClamped(Date.UTC(2024, 0, 31, 10), 1)).toISOString()).toBe("2024-02-29T10:00:00.000Z");
    expect(new Date(addMonthsClamped(Date.UTC(2024, 0, 31), 2)).toISOString()).toBe("2024-03-31T00:00:00.000Z");
  });

  it("never gives NaN at the ends of the Date range, where Date does", () => {
    // Date gave NaN for each of these: the period start or end lies beyond ±8.64e15
    // −8.64e15 is −271821-04-20; its month starts 19 days earlier
    expect(monthStartMs(monthIndex(-MAX_TIME))).toBe(-MAX_TIME - 19 * DAY_MS);
    expect(addMonthsClamped(MAX_TIME - 1, 1)).toBe(MAX_TIME - 1 + 30 * DAY_MS);
    expect(utcMs(275_760, 11, 31)).toBe(MAX_TIME + (30 + 31 + 30 + 18) * DAY_MS);
    for (const ms of EDGES) {
      for (const p of ["day", "week", "month"] as const) expect(Number.isFinite(periodStartMs(ms, p))).toBe(true);
      expect(Number.isFinite(addMonthsClamped(ms, 1))).toBe(true);
      expect(Number.isFinite(addMonthsClamped(ms, -1))).toBe(true);
      expect(Number.isFinite(monthStartMs(monthIndex(ms) + 1))).toBe(true);
    }
    expect(inDateRange(MAX_TIME)).toBe(true);
    expect(inDateRange(MAX_TIME + 1)).toBe(false);
    expect(inDateRange(Number.NaN)).toBe(false);
    expect(MAX_PERIODS).toBe(100_000);
  });

  it("counts month lengths by the Gregorian rule for every year, year 0 and the far years included", () => {
    expect([monthLength(0, 2), monthLength(1900, 2), monthLength(2000, 2), monthLength(-4, 2), monthLength(275_760, 12)]).toEqual([29, 28, 29, 29, 31]);
    // year 0 is a leap year (divisible by 400); Date.UTC read it as 1900
    expect(parseTime("+000000-02-29")).toBe(Date.UTC(2000, 1, 29) - 2000 * 365.2425 * DAY_MS);
  });
});
