import { describe, expect, it } from "vitest";
import { nextRenewalAt, renewalReminders, type Subscription } from "../../src/index.js";
import { thrown } from "../churn/testkit.js";

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);


const renewals = (s: Subscription, asOf: string, days: number): string[] =>
  renewalReminders([s], { asOf, offsetsDays: [0], horizonDays: days }).map((r) => iso(r.renewalAt));

describe("renewalReminders", () => {
  it("keeps a Jan 31 anchor through short months: Feb 29, Mar 31, Apr 30", () => {
    expect(renewals({ customerId: 1, startAt: "2024-01-31", cycle: "monthly" }, "2024-01-31", 190)).toEqual([
      "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30", "2024-07-31",
    ]);
  });

  it("renews quarterly, annually (Feb 29 → Feb 28, back to Feb 29 in leap years) and on custom cycles", () => {
    expect(renewals({ customerId: 1, startAt: "2023-11-30", cycle: "quarterly" }, "2024-01-01", 365)).toEqual(["2024-02-29", "2024-05-30", "2024-08-30", "2024-11-30"]);
    expect(renewals({ customerId: 1, startAt: "2024-02-29", cycle: "annual" }, "2024-03-01", 4 * 366)).toEqual(["2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"]);
    expect(renewals({ customerId: 1, startAt: "2024-08-31", cycle: { months: 6 } }, "2024-09-01", 400)).toEqual(["2025-02-28", "2025-08-31"]);
    expect(renewals({ customerId: 1, startAt: "2024-01-01", cycle: { days: 10 } }, "2024-01-05", 20)).toEqual(["2024-01-11", "2024-01-21"]);
  });

  it("keeps the start's time of day", () => {
    const [r] = renewalReminders([{ customerId: 1, startAt: "2024-01-31T15:30:00Z", cycle: "monthly" }], { asOf: "2024-02-01", offsetsDays: [0], horizonDays: 30 });
    expect(new Date(r!.renewalAt).toISOString()).toBe("2024-02-29T15:30:00.000Z");
  });

  it("sends the default 30-, 7- and 1-day reminders inside the 90-day window, sorted", () => {
    const rows = renewalReminders(
      [{ customerId: "b", startAt: "2024-01-15", cycle: "monthly" }, { customerId: "a", startAt: "2023-03-15", cycle: "annual" }],
      { asOf: "2024-02-01" },
    );
    expect(rows.map((r) => [r.customerId, iso(r.renewalAt), iso(r.remindAt), r.offsetDays])).toEqual([
      ["b", "2024-02-15", "2024-02-08", 7],
      ["a", "2024-03-15", "2024-02-14", 30],
      ["b", "2024-02-15", "2024-02-14", 1],
      ["b", "2024-03-15", "2024-02-14", 30],
      ["a", "2024-03-15", "2024-03-08", 7],
      ["b", "2024-03-15", "2024-03-08", 7],
      ["a", "2024-03-15", "2024-03-14", 1],
      ["b", "2024-03-15", "2024-03-14", 1],
      ["b", "2024-04-15", "2024-03-16", 30],
      ["b", "2024-04-15", "2024-04-08", 7],
      ["b", "2024-04-15", "2024-04-14", 1],
      ["b", "2024-05-15", "2024-04-15", 30],
    ]);
  });

  it("includes the window's ends and stops at endAt", () => {
    const s: Subscription = { customerId: 1, startAt: "2024-01-10", cycle: "monthly", endAt: "2024-04-10" };
    const rows = renewalReminders([s], { asOf: "2024-02-09", offsetsDays: [1], horizonDays: 60 });
    expect(rows.map((r) => iso(r.remindAt))).toEqual(["2024-02-09", "2024-03-09"]);
    expect(renewalReminders([s], { asOf: "2024-04-01", offsetsDays: [0] })).toEqual([]);
  });

  it("ignores a subscription's start itself and renewals before a future start", () => {
    expect(renewals({ customerId: 1, startAt: "2024-03-01", cycle: "monthly" }, "2024-01-01", 62)).toEqual([]);
  });

  it("returns [] for no subscriptions or no offsets", () => {
    expect(renewalReminders([], { asOf: 0 })).toEqual([]);
    expect(renewalReminders([{ customerId: 1, startAt: 0, cycle: "monthly" }], { asOf: 0, offsetsDays: [] })).toEqual([]);
  });

  it("throws with the path of a bad subscription or option", () => {
    expect(thrown(() => renewalReminders([{ customerId: 1, startAt: "2024-02-30", cycle: "monthly" }], { asOf: 0 }))).toMatchObject({ code: "INVALID_DATE", path: "subscriptions[0].startAt" });
    expect(thrown(() => renewalReminders([{ customerId: 1, startAt: 0, cycle: "weekly" as never }], { asOf: 0 }))).toMatchObject({ code: "INVALID_OPTION", path: "subscriptions[0].cycle" });
    expect(thrown(() => renewalReminders([{ customerId: 1, startAt: 0, cycle: { months: 0 } }], { asOf: 0 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "subscriptions[0].cycle.months" });
    expect(thrown(() => renewalReminders([{ customerId: 1, startAt: 0, cycle: { days: 1.5 } }], { asOf: 0 }))).toMatchObject({ code: "NOT_INTEGER", path: "subscriptions[0].cycle.days" });
    expect(thrown(() => renewalReminders([], { asOf: 0, offsetsDays: [7, -1] }))).toMatchObject({ code: "OUT_OF_RANGE", path: "options.offsetsDays[1]" });
    expect(thrown(() => renewalReminders([], { asOf: 0, offsetsDays: [1e308] }))).toMatchObject({ code: "OUT_OF_RANGE", path: "options.offsetsDays[0]" });
    expect(thrown(() => renewalReminders([{ customerId: 1, startAt: 0, cycle: { months: 1e308 } }], { asOf: 0 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "subscriptions[0].cycle.months" });
    expect(thrown(() => renewalReminders([], { asOf: 0, horizonDays: Number.POSITIVE_INFINITY }))).toMatchObject({ path: "options.horizonDays" });
    expect(thrown(() => renewalReminders([], {} as never))).toMatchObject({ code: "INVALID_OPTION", path: "options.asOf" });
  });

  it("does not mutate its input", () => {
    const subs = Object.freeze([Object.freeze({ customerId: 1, startAt: "2024-01-31", cycle: "monthly" as const })]);
    const offsets = Object.freeze([7, 1]);
    renewalReminders(subs, { asOf: "2024-01-01", offsetsDays: offsets });
    expect(subs[0]).toEqual({ customerId: 1, startAt: "2024-01-31", cycle: "monthly" });
    expect(offsets).toEqual([7, 1]);
  });
});

describe("nextRenewalAt", () => {
  it("gives the first renewal on or after asOf, or null after the end", () => {
    expect(iso(nextRenewalAt({ customerId: 1, startAt: "2024-01-31", cycle: "monthly" }, "2024-02-29")!)).toBe("2024-02-29");
    expect(iso(nextRenewalAt({ customerId: 1, startAt: "2024-01-31", cycle: "monthly" }, "2024-03-01")!)).toBe("2024-03-31");
    expect(iso(nextRenewalAt({ customerId: 1, startAt: "2024-01-31", cycle: "monthly" }, "2020-01-01")!)).toBe("2024-02-29");
    expect(nextRenewalAt({ customerId: 1, startAt: "2024-01-31", cycle: "monthly", endAt: "2024-03-31" }, "2024-03-01")).toBeNull();
    expect(nextRenewalAt({ customerId: 1, startAt: 0, cycle: { days: 7 } }, 7 * DAY + 1)).toBe(14 * DAY);
  });
});
