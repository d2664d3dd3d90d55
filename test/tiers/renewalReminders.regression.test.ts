// Regressions for renewal dates at the edge of the Date range (±8.64e15 ms): a renewal there is NaN, and a
// loop that waited for "renewal > window end" never ended.
import { describe, expect, it } from "vitest";
import { nextRenewalAt, renewalReminders } from "../../src/index.js";
import { codeOf } from "../contract/check.js";

const MAX = 8.64e15;
const DAY = 86_400_000;

describe("renewalReminders near the largest Date", () => {
  it("ends the sequence at the last representable renewal instead of looping on NaN", () => {
    // Daily renewals from 10 days before the end of time; window of 30 days from 5 days before it.
    const rows = renewalReminders([{ customerId: 1, startAt: MAX - 10 * DAY, cycle: { days: 1 } }], { asOf: MAX - 5 * DAY, offsetsDays: [0], horizonDays: 30 });
    expect(rows.map((r) => (MAX - r.renewalAt) / DAY)).toEqual([5, 4, 3, 2, 1, 0]);
  });

  it("gives no rows for monthly and annual cycles whose next renewal lies past +275760-09-13", () => {
    for (const cycle of ["monthly", "annual", { months: 1200 }] as const) {
      expect(renewalReminders([{ customerId: 1, startAt: MAX - DAY, cycle }], { asOf: MAX - DAY, horizonDays: 36_600 })).toEqual([]);
    }
  });

  it("gives no rows when the window itself starts past the Date range (asOf + offset)", () => {
    expect(renewalReminders([{ customerId: 1, startAt: 0, cycle: "monthly" }], { asOf: MAX, offsetsDays: [3], horizonDays: 10 })).toEqual([]);
  });

  it("keeps the reminders of renewals inside the range next to ones past it", () => {
    // Start 2 days before the end: renewal 1 (day cycle of 1) is at MAX − 1 day, renewal 2 at MAX, renewal 3 past it.
    const rows = renewalReminders([{ customerId: "a", startAt: MAX - 2 * DAY, cycle: { days: 1 } }], { asOf: MAX - 3 * DAY, offsetsDays: [1], horizonDays: 10 });
    expect(rows.map((r) => [(MAX - r.renewalAt) / DAY, (MAX - r.remindAt) / DAY])).toEqual([[1, 2], [0, 1]]);
  });

  it("works from the smallest Date forward", () => {
    const rows = renewalReminders([{ customerId: 1, startAt: -MAX, cycle: "annual" }], { asOf: -MAX, offsetsDays: [0], horizonDays: 366 });
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.renewalAt).toISOString()).toBe("-271820-04-20T00:00:00.000Z");
  });
});

describe("nextRenewalAt near the largest Date", () => {
  it("refuses a next renewal past the Date range with OUT_OF_RANGE on asOf", () => {
    expect(codeOf(() => nextRenewalAt({ customerId: 1, startAt: MAX - DAY, cycle: "monthly" }, MAX - DAY / 2))).toBe("OUT_OF_RANGE asOf");
    expect(codeOf(() => nextRenewalAt({ customerId: 1, startAt: 0, cycle: { days: 7 } }, MAX))).toBe("OUT_OF_RANGE asOf");
  });

  it("gives null when the subscription ends before the range runs out", () => {
    expect(nextRenewalAt({ customerId: 1, startAt: MAX - DAY, cycle: "monthly", endAt: MAX }, MAX - DAY / 2)).toBeNull();
  });

  it("still gives the last representable renewal", () => {
    expect(nextRenewalAt({ customerId: 1, startAt: MAX - 2 * DAY, cycle: { days: 1 } }, MAX - DAY / 2)).toBe(MAX);
  });
});
