// cohortRetention builds bounded tables (columns, cohorts, cells) whose cohort starts are times a Date holds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohortRetention } from "../../src/index.js";
import { MAX_TIME, wideTimeArb } from "../contract/arbitraries.js";
import { badLeaf, codeOf, finiteOrOutOfRange } from "../contract/check.js";

const DAY = 86_400_000;
const YEAR = 365.2425 * DAY;

describe("cohortRetention bounds", () => {
  it("refuses default columns over 41 000 years instead of building 15 million (7.6 s before)", () => {
    const events = [
      { customerId: 1, at: -MAX_TIME },
      { customerId: 1, at: -MAX_TIME + 41_000 * YEAR },
    ];
    expect(codeOf(() => cohortRetention(events, { cohort: "day" }))).toBe("OUT_OF_RANGE options.periods");
    // the options the message names bound the table
    expect(cohortRetention(events, { cohort: "day", periods: 3 }).cohorts[0]!.counts).toEqual([1, 0, 0]);
    expect(codeOf(() => cohortRetention(events, { cohort: "day", interval: "month" }))).toBe("OUT_OF_RANGE options.periods"); // 492 000 months
  });

  it("builds exactly 100 000 default columns and refuses 100 001, and refuses periods above 100 000", () => {
    const ev = (days: number): { customerId: number; at: number }[] => [
      { customerId: 1, at: 0 },
      { customerId: 1, at: days * DAY },
    ];
    expect(cohortRetention(ev(99_999), { cohort: "day", observationEnd: 100_000 * DAY }).periods).toBe(100_000);
    expect(codeOf(() => cohortRetention(ev(100_000), { cohort: "day", observationEnd: 100_001 * DAY }))).toBe("OUT_OF_RANGE options.periods");
    expect(codeOf(() => cohortRetention(ev(1), { periods: 100_001 }))).toBe("OUT_OF_RANGE options.periods");
    expect(codeOf(() => cohortRetention(ev(1), { mode: "bracket", brackets: [[0, 100_001]] }))).toBe("OUT_OF_RANGE options.brackets[0][1]");
  });

  it("refuses more than 100 000 cohorts and tables over 5 million cells", () => {
    const many = Array.from({ length: 100_001 }, (_, i) => ({ customerId: i, at: i * DAY }));
    expect(codeOf(() => cohortRetention(many, { cohort: "day", periods: 1 }))).toBe("OUT_OF_RANGE options.cohort");
    const wide = Array.from({ length: 51 }, (_, i) => ({ customerId: i, at: i * DAY }));
    expect(codeOf(() => cohortRetention(wide, { cohort: "day", periods: 100_000 }))).toBe("OUT_OF_RANGE options.periods");
    expect(cohortRetention(wide.slice(0, 2), { cohort: "day", periods: 100_000 }).periods).toBe(100_000);
  });

  it("refuses a first event whose week or month starts before the Date range (a NaN start before)", () => {
    expect(codeOf(() => cohortRetention([{ customerId: 1, at: -MAX_TIME }], { cohort: "month" }))).toBe("OUT_OF_RANGE events[0].at");
    expect(codeOf(() => cohortRetention([{ customerId: 1, at: 0 }, { customerId: 2, at: -MAX_TIME + 1 }], { cohort: "week" }))).toBe("OUT_OF_RANGE events[1].at");
    expect(codeOf(() => cohortRetention([], { births: [{ customerId: 1, at: -MAX_TIME }], cohort: "month" }))).toBe("OUT_OF_RANGE options.births[0].at");
    // day cohorts start at the first instant of the range; −271821-05-01 starts a whole month
    expect(cohortRetention([{ customerId: 1, at: -MAX_TIME }], { cohort: "day" }).cohorts[0]!.start).toBe(-MAX_TIME);
    expect(cohortRetention([{ customerId: 1, at: "-271821-05-01" }], { cohort: "month" }).cohorts[0]!.start).toBe(-MAX_TIME + 11 * DAY);
  });

  it("ends the default observation at the Date maximum for an event on its last day", () => {
    const r = cohortRetention([{ customerId: 1, at: MAX_TIME - DAY }, { customerId: 1, at: MAX_TIME }], { cohort: "day", interval: "day" });
    expect(r.observationEnd).toBe(MAX_TIME);
    expect(r.cohorts[0]!.counts).toEqual([1]);
    const m = cohortRetention([{ customerId: 1, at: MAX_TIME }], { cohort: "month", interval: "month", dayBoundary: "rolling" });
    expect(badLeaf(m)).toBeNull();
    expect(m.cohorts[0]!.start).toBe(MAX_TIME - 12 * DAY); // +275760-09-01
    expect(m.observationEnd).toBe(MAX_TIME);
  });

  it("gives a finite table or OUT_OF_RANGE for events anywhere in the Date range, in bounded time", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ customerId: fc.integer({ min: 0, max: 5 }), at: wideTimeArb }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("day", "week", "month"),
        fc.constantFrom("day", "week", "month"),
        fc.constantFrom("calendar", "rolling"),
        fc.constantFrom("classic", "unbounded"),
        (events, cohort, interval, dayBoundary, mode) => {
          const table = finiteOrOutOfRange("cohortRetention", () => cohortRetention(events, { cohort, interval, dayBoundary, mode }));
          if (table === null) return;
          expect(table.periods).toBeLessThanOrEqual(100_000);
          expect(table.cohorts.every((c) => Math.abs(c.start) <= MAX_TIME)).toBe(true);
          expect(Math.abs(table.observationEnd)).toBeLessThanOrEqual(MAX_TIME);
        },
      ),
      { numRuns: 300 },
    );
  });
});
