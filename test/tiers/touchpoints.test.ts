import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectChurnSignals, inactivityRule, touchpoints, type TouchpointCustomer } from "../../src/index.js";
import { thrown } from "../churn/testkit.js";

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const rowsOf = (cs: TouchpointCustomer[], o: Parameters<typeof touchpoints>[1]) =>
  touchpoints(cs, o).map((r) => [r.customerId, r.kind, iso(r.at), r.offsetDays, r.years]);


describe("touchpoints", () => {
  it("moves a Feb 29 birthday to Feb 28 (or Mar 1) in common years and keeps it in leap years", () => {
    const c = [{ customerId: 1, birthday: "2000-02-29" }];
    expect(rowsOf(c, { asOf: "2025-02-01", horizonDays: 60 })).toEqual([[1, "birthday", "2025-02-28", null, 25]]);
    expect(rowsOf(c, { asOf: "2025-02-01", horizonDays: 60, leapDay: "mar1" })).toEqual([[1, "birthday", "2025-03-01", null, 25]]);
    expect(rowsOf(c, { asOf: "2028-02-01", horizonDays: 60 })).toEqual([[1, "birthday", "2028-02-29", null, 28]]);
  });

  it("gives membership anniversaries from year 1, across a new year", () => {
    const c = [{ customerId: "m", memberSince: "2023-01-03T10:00:00Z" }, { customerId: "n", memberSince: "2024-12-30" }];
    expect(rowsOf(c, { asOf: "2024-12-20", horizonDays: 20 })).toEqual([["m", "anniversary", "2025-01-03", null, 2]]);
    expect(rowsOf(c, { asOf: "2024-12-20", horizonDays: 20, anniversary: false })).toEqual([]);
  });

  it("sends welcome messages 1, 7 and 30 days after the first purchase", () => {
    const fromEvents = [{ customerId: 1, events: [{ type: "login", at: "2024-02-20" }, { type: "purchase", at: "2024-03-05" }, { type: "purchase", at: "2024-03-01" }] }];
    expect(rowsOf(fromEvents, { asOf: "2024-03-01", horizonDays: 40 }).filter((r) => r[1] === "welcome")).toEqual([
      [1, "welcome", "2024-03-02", 1, null],
      [1, "welcome", "2024-03-08", 7, null],
      [1, "welcome", "2024-03-31", 30, null],
    ]);
    const given = [{ customerId: 1, firstPurchaseAt: "2024-03-01" }];
    expect(rowsOf(given, { asOf: "2024-03-05", horizonDays: 5 })).toEqual([[1, "welcome", "2024-03-08", 7, null]]);
  });

  it("schedules a win-back at the moment the inactivity rule starts to fire", () => {
    const events = [{ type: "login", at: "2024-03-01T09:00:00Z" }, { type: "complaint", at: "2024-03-20" }];
    const [row] = touchpoints([{ customerId: 1, events }], { asOf: "2024-03-21", horizonDays: 30, sequences: [{ kind: "win-back", trigger: "inactivity", offsetsDays: [0] }] });
    expect(new Date(row!.at).toISOString()).toBe("2024-03-31T09:00:00.000Z");
    const fires = (at: number): boolean => detectChurnSignals([{ customerId: 1, events }], { asOf: at, rules: [inactivityRule()] })[0]!.signals.length > 0;
    expect(fires(row!.at)).toBe(true);
    expect(fires(row!.at - 1)).toBe(false);
    // With a 14-day threshold the rule fired on 2024-03-15, before this window: no row (an earlier window had it).
    const later = touchpoints([{ customerId: 1, events }], { asOf: "2024-03-21", horizonDays: 30, inactivity: { days: 14 } });
    expect(later.filter((r) => r.kind === "win-back")).toEqual([]);
    const soon = touchpoints([{ customerId: 1, events }], { asOf: "2024-03-10", horizonDays: 30, inactivity: { days: 14 } });
    expect(soon.filter((r) => r.kind === "win-back").map((r) => iso(r.at))).toEqual(["2024-03-15"]);
  });

  it("runs custom sequences and leaves out customers without the trigger", () => {
    const seq = [{ kind: "nudge", trigger: "inactivity" as const, offsetsDays: [0, 14] }];
    const cs = [{ customerId: 2, events: [{ type: "purchase", at: "2024-01-01" }] }, { customerId: 3 }];
    expect(rowsOf(cs, { asOf: "2024-01-20", horizonDays: 30, sequences: seq })).toEqual([
      [2, "nudge", "2024-01-31", 0, null],
      [2, "nudge", "2024-02-14", 14, null],
    ]);
  });

  it("sorts by date, then customer, kind and offset", () => {
    const cs = [
      { customerId: "b", birthday: "1990-05-02", firstPurchaseAt: "2024-05-01" },
      { customerId: 1, memberSince: "2020-05-02" },
    ];
    expect(rowsOf(cs, { asOf: "2024-05-01", horizonDays: 3 })).toEqual([
      [1, "anniversary", "2024-05-02", null, 4],
      ["b", "birthday", "2024-05-02", null, 34],
      ["b", "welcome", "2024-05-02", 1, null],
    ]);
  });

  it("keeps every row inside [asOf, asOf + horizon], in order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ b: fc.integer({ min: 0, max: 20_000 }), f: fc.integer({ min: 0, max: 1000 }) }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 0, max: 400 }),
        (xs, t, h) => {
          const base = Date.UTC(1960, 0, 1);
          const asOf = Date.UTC(2022, 0, 1) + t * DAY;
          const cs = xs.map((x, i) => ({ customerId: i, birthday: base + x.b * DAY, memberSince: Date.UTC(2020, 0, 1) + x.f * DAY, events: [{ type: "purchase", at: Date.UTC(2020, 0, 1) + x.f * DAY }] }));
          const rows = touchpoints(cs, { asOf, horizonDays: h });
          rows.forEach((r, i) => {
            expect(r.at >= asOf && r.at <= asOf + h * DAY).toBe(true);
            if (i > 0) expect(rows[i - 1]!.at <= r.at).toBe(true);
          });
          const birthdays = rows.filter((r) => r.kind === "birthday");
          if (h >= 366) expect(birthdays.length).toBeGreaterThanOrEqual(cs.length);
        },
      ),
    );
  });

  it("throws with the path of a bad date or option", () => {
    expect(thrown(() => touchpoints([{ customerId: 1, birthday: "1990-13-01" }], { asOf: 0 }))).toMatchObject({ code: "INVALID_DATE", path: "customers[0].birthday" });
    expect(thrown(() => touchpoints([{ customerId: 1, events: [{ type: "login", at: "x" }] }], { asOf: 0 }))).toMatchObject({ code: "INVALID_DATE", path: "customers[0].events[0].at" });
    expect(thrown(() => touchpoints([], { asOf: 0, leapDay: "feb29" as never }))).toMatchObject({ code: "INVALID_OPTION", path: "options.leapDay" });
    expect(thrown(() => touchpoints([], { asOf: 0, sequences: [{ kind: "x", trigger: "signup" as never, offsetsDays: [] }] }))).toMatchObject({ code: "INVALID_OPTION", path: "options.sequences[0].trigger" });
    expect(thrown(() => touchpoints([], { asOf: 0, inactivity: { days: -1 } }))).toMatchObject({ code: "OUT_OF_RANGE", path: "options.inactivity.days" });
    expect(thrown(() => touchpoints([{ customerId: {} as never }], { asOf: 0, sequences: [] }))).toMatchObject({ code: "INVALID_CUSTOMER_ID", path: "customers[0].customerId" });
  });

  it("does not mutate its input", () => {
    const cs = [{ customerId: 1, birthday: "1990-01-05", events: [{ type: "purchase", at: "2024-01-02" }, { type: "login", at: "2024-01-01" }] }];
    const copy = structuredClone(cs);
    touchpoints(Object.freeze(cs.map((c) => Object.freeze({ ...c, events: Object.freeze([...c.events]) }))) as TouchpointCustomer[], { asOf: "2024-01-01" });
    expect(cs).toEqual(copy);
  });

  it("keeps birthdays in a window that runs past the latest Date, and dates nothing beyond it", () => {
    const MAX = 8.64e15; // +275760-09-13
    const rows = touchpoints(
      [{ customerId: 1, birthday: "2000-09-10", memberSince: "2000-09-20" }],
      { asOf: MAX - 5 * DAY, horizonDays: 30, sequences: [] },
    );
    // the window used to end beyond the Date range, where its year was NaN: no birthday at all
    expect(rows).toEqual([{ customerId: 1, kind: "birthday", at: MAX - 3 * DAY, offsetDays: null, years: 273_760 }]);
  });
});
