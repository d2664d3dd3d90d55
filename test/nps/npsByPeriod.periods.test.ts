// npsByPeriod fills a bounded range of periods, every one inside the Date range.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { npsByPeriod, RetentionKitError } from "../../src/index.js";
import { extremeTimeArb, MAX_TIME, wideTimeArb } from "../contract/arbitraries.js";
import { codeOf, finiteOrOutOfRange } from "../contract/check.js";

const DAY = 86_400_000;
const PERIODS = ["day", "week", "month", "quarter", "year"] as const;

describe("npsByPeriod period ranges", () => {
  it("refuses two answers at the ends of the Date range instead of aborting the process", () => {
    // the day of +8.64e15 ends after the latest Date: refused at that answer
    expect(codeOf(() => npsByPeriod([{ at: -MAX_TIME, answer: 9 }, { at: MAX_TIME, answer: 3 }], { period: "day" }))).toBe("OUT_OF_RANGE responses[1].at");
    // both days representable: the 2e8-day range is refused, naming the option that bounds it
    expect(codeOf(() => npsByPeriod([{ at: -MAX_TIME, answer: 9 }, { at: MAX_TIME - 1, answer: 3 }], { period: "day" }))).toBe("OUT_OF_RANGE options.period");
  });

  it("refuses years 0001 to 9999 by day (3.65 million rows) and by month, ", () => {
    const rows = [{ at: "0001-01-01", answer: 9 }, { at: "9999-12-31", answer: 3 }];
    expect(codeOf(() => npsByPeriod(rows, { period: "day" }))).toBe("OUT_OF_RANGE options.period");
    expect(codeOf(() => npsByPeriod(rows, { period: "month" }))).toBe("OUT_OF_RANGE options.period"); // 119 988 months
    expect(npsByPeriod(rows, { period: "year" })).toHaveLength(9999);
    expect(npsByPeriod(rows, { period: "day", fillGaps: false })).toHaveLength(2);
    let message = "";
    try {
      npsByPeriod(rows, { period: "day" });
    } catch (e) {
      message = (e as RetentionKitError).message;
    }
    expect(message).toMatch(/^npsByPeriod: the days from responses\[0\]\.at to responses\[1\]\.at would span 3652059 periods, more than the 100000/);
    expect(message).toMatch(/coarser options\.period/);
    expect(message).toMatch(/options\.fillGaps: false/);
  });

  it("fills exactly 100 000 periods and refuses 100 001", () => {
    const start = Date.UTC(2000, 0, 1);
    const ok = npsByPeriod([{ at: start, answer: 10 }, { at: start + 99_999 * DAY, answer: 0 }], { period: "day" });
    expect(ok).toHaveLength(100_000);
    expect(ok[99_999]!.periodEnd).toBe(start + 100_000 * DAY);
    expect(codeOf(() => npsByPeriod([{ at: start, answer: 10 }, { at: start + 100_000 * DAY, answer: 0 }], { period: "day" }))).toBe("OUT_OF_RANGE options.period");
    // weeks count as periods too: 100 001 Mondays
    expect(codeOf(() => npsByPeriod([{ at: start, answer: 10 }, { at: start + 700_000 * DAY, answer: 0 }], { period: "week" }))).toBe("OUT_OF_RANGE options.period");
  });

  it("refuses an answer whose period starts or ends beyond the Date range (NaN bounds before)", () => {
    expect(codeOf(() => npsByPeriod([{ at: MAX_TIME, answer: 9 }], { period: "year" }))).toBe("OUT_OF_RANGE responses[0].at");
    expect(codeOf(() => npsByPeriod([{ at: "+275760-01-01", answer: 9 }], { period: "year" }))).toBe("OUT_OF_RANGE responses[0].at");
    expect(codeOf(() => npsByPeriod([{ at: 0, answer: 1 }, { at: -MAX_TIME, answer: 9 }], { period: "month", fillGaps: false }))).toBe("OUT_OF_RANGE responses[1].at");
    expect(codeOf(() => npsByPeriod([{ at: -MAX_TIME, answer: 9 }], { period: "week" }))).toBe("OUT_OF_RANGE responses[0].at");
    expect(codeOf(() => npsByPeriod([{ at: -MAX_TIME, answer: 9 }], { period: "quarter" }))).toBe("OUT_OF_RANGE responses[0].at");
  });

  it("keeps the first and last representable days, with bounds a Date can hold", () => {
    const rows = npsByPeriod([{ at: -MAX_TIME, answer: 9 }, { at: MAX_TIME - 1, answer: 3 }], { period: "day", fillGaps: false });
    expect(rows.map((r) => [r.periodStart, r.periodEnd])).toEqual([
      [-MAX_TIME, -MAX_TIME + DAY],
      [MAX_TIME - DAY, MAX_TIME],
    ]);
    // the last whole month of the range: +275760-08
    const aug = npsByPeriod([{ at: "+275760-08-31T23:59:59Z", answer: 9 }], { period: "month" })[0]!;
    expect(new Date(aug.periodStart).toISOString()).toBe("+275760-08-01T00:00:00.000Z");
    expect(new Date(aug.periodEnd).toISOString()).toBe("+275760-09-01T00:00:00.000Z");
  });

  it("gives finite rows or OUT_OF_RANGE for answers anywhere in the Date range, in bounded time", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: wideTimeArb, answer: fc.integer({ min: 0, max: 10 }) }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...PERIODS),
        fc.boolean(),
        (responses, period, fillGaps) => {
          const rows = finiteOrOutOfRange("npsByPeriod", () => npsByPeriod(responses, { period, fillGaps }));
          if (rows === null) return;
          expect(rows.length).toBeLessThanOrEqual(100_000);
          const inRange = rows.every((r) => Math.abs(r.periodStart) <= MAX_TIME && Math.abs(r.periodEnd) <= MAX_TIME && r.periodEnd > r.periodStart);
          expect(inRange).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses only what lies at the edges: a lone answer is accepted unless its period leaves the range", () => {
    fc.assert(
      fc.property(extremeTimeArb, fc.constantFrom(...PERIODS), (at, period) => {
        const outcome = codeOf(() => npsByPeriod([{ at, answer: 5 }], { period }));
        expect(outcome === null || outcome === "OUT_OF_RANGE responses[0].at").toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
