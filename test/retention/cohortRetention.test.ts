import { describe, expect, it } from "vitest";
import { cohortRetention } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const DAY = 86_400_000;
const at = (iso: string): number => Date.parse(iso);

// Three customers over the first days of 2024 (hand-checked table below).
// a: days 0, 1, 3 after birth (Jan 1); b: days 0, 2 (Jan 1); c: day 0 (Jan 2).
const events = [
  { customerId: "a", at: "2024-01-01T09:00:00Z" },
  { customerId: "a", at: "2024-01-02T08:00:00Z" },
  { customerId: "a", at: "2024-01-04T20:00:00Z" },
  { customerId: "b", at: "2024-01-01T23:00:00Z" },
  { customerId: "b", at: "2024-01-03T01:00:00Z" },
  { customerId: "c", at: "2024-01-02T12:00:00Z" },
];

describe("cohortRetention by hand", () => {
  it("counts classic day-k retention with eligibility per cell", () => {
    const r = cohortRetention(events, { cohort: "day", periods: 4, observationEnd: "2024-01-05" });
    expect(r.cohorts.map((c) => c.start)).toEqual([at("2024-01-01"), at("2024-01-02")]);
    expect(r.cohorts[0]).toMatchObject({ size: 2, eligible: [2, 2, 2, 2], counts: [2, 1, 1, 1], rates: [1, 0.5, 0.5, 0.5] });
    // c was born Jan 2: by Jan 5 00:00 only its days 0..2 have ended, so day 3 has nobody eligible → null.
    expect(r.cohorts[1]).toMatchObject({ size: 1, eligible: [1, 1, 1, 0], counts: [1, 0, 0, 0], rates: [1, 0, 0, null] });
    expect(r.overall).toMatchObject({ size: 3, eligible: [3, 3, 3, 2], counts: [3, 1, 1, 1] });
    expect(r).toMatchObject({ cohort: "day", interval: "day", dayBoundary: "calendar", mode: "classic", periods: 4, brackets: null, observationEnd: at("2024-01-05") });
  });

  it("counts unbounded retention as active in k or any later period", () => {
    const r = cohortRetention(events, { cohort: "day", periods: 4, mode: "unbounded", observationEnd: "2024-01-05" });
    expect(r.cohorts[0]!.counts).toEqual([2, 2, 2, 1]);
    expect(r.cohorts[0]!.rates).toEqual([1, 1, 1, 0.5]);
  });

  it("counts brackets as active anywhere within each inclusive range", () => {
    const r = cohortRetention(events, { cohort: "day", mode: "bracket", brackets: [[1, 1], [2, 3]], observationEnd: "2024-01-05" });
    expect(r.periods).toBe(2);
    expect(r.brackets).toEqual([[1, 1], [2, 3]]);
    expect(r.cohorts[0]).toMatchObject({ eligible: [2, 2], counts: [1, 2], rates: [0.5, 1] });
    expect(r.cohorts[1]).toMatchObject({ eligible: [1, 0], counts: [0, 0], rates: [0, null] }); // c's day 3 not over
  });

  it("separates calendar days from rolling 24-hour windows", () => {
    // b: born Jan 1 23:00, back Jan 3 01:00 — calendar day 2, but only 26 h later: rolling day 1.
    const cal = cohortRetention(events, { cohort: "day", periods: 3, observationEnd: "2024-01-05" });
    const roll = cohortRetention(events, { cohort: "day", periods: 3, dayBoundary: "rolling", observationEnd: "2024-01-05" });
    // a (born 09:00): back Jan 2 08:00 = 23 h → rolling day 0, calendar day 1; Jan 4 20:00 = 83 h → rolling day 3.
    expect(cal.cohorts[0]!.counts).toEqual([2, 1, 1]);
    expect(roll.cohorts[0]!.counts).toEqual([2, 1, 0]);
    // rolling eligibility is per birth instant: c (Jan 2 12:00) has lived 2.5 windows by Jan 5 00:00
    expect(roll.cohorts[1]!.eligible).toEqual([1, 1, 0]);
  });

  it("uses the default observation end: the end of the UTC day of the latest event", () => {
    const r = cohortRetention(events, { cohort: "day" });
    expect(r.observationEnd).toBe(at("2024-01-05"));
    expect(r.periods).toBe(4); // a and b have lived through days 0..3
  });

  it("groups by ISO week (Monday start) and counts 7-day blocks since birth", () => {
    const rows = [
      { customerId: 1, at: "2024-01-07" }, // Sunday → week of Mon Jan 1
      { customerId: 1, at: "2024-01-14" }, // 7 days later: week 1
      { customerId: 2, at: "2024-01-08" }, // Monday → week of Jan 8
      { customerId: 2, at: "2024-01-21" }, // 13 days: week 1
      { customerId: 3, at: "2024-01-10" },
      { customerId: 3, at: "2024-01-24" }, // 14 days: week 2
    ];
    const r = cohortRetention(rows, { cohort: "week", observationEnd: "2024-02-01" });
    expect(r.cohorts.map((c) => [new Date(c.start).toISOString().slice(0, 10), c.size])).toEqual([["2024-01-01", 1], ["2024-01-08", 2]]);
    expect(r.cohorts[1]).toMatchObject({ eligible: [2, 2, 2], counts: [2, 1, 1] });
    expect(r.periods).toBe(3); // customer 1 (Jan 7) has lived 3 whole weeks by Feb 1 (25 days)
    expect(r.cohorts[0]).toMatchObject({ eligible: [1, 1, 1], counts: [1, 1, 0] });
  });

  it("counts calendar months, and rolling months clamped at month ends", () => {
    const rows = [
      { customerId: "x", at: "2024-01-31T10:00:00Z" },
      { customerId: "x", at: "2024-02-01T00:00:00Z" }, // calendar month 1, rolling month 0
      { customerId: "y", at: "2024-01-31T10:00:00Z" },
      { customerId: "y", at: "2024-02-29T10:00:00Z" }, // Jan 31 + 1 month = Feb 29 (clamped): rolling month 1
    ];
    const cal = cohortRetention(rows, { cohort: "month", observationEnd: "2024-04-01" });
    const roll = cohortRetention(rows, { cohort: "month", dayBoundary: "rolling", observationEnd: "2024-04-01" });
    expect(cal.cohorts[0]).toMatchObject({ eligible: [2, 2], counts: [2, 2] }); // nobody was active after February
    expect(cohortRetention(rows, { cohort: "month", periods: 4, observationEnd: "2024-04-01" }).cohorts[0]).toMatchObject({ eligible: [2, 2, 2, 0], counts: [2, 2, 0, 0] });
    expect(roll.cohorts[0]!.counts.slice(0, 2)).toEqual([2, 1]);
    expect(roll.cohorts[0]!.eligible).toEqual([2, 2]); // Mar 31 10:00 ≤ Apr 1: two whole months lived
  });

  it("sums event values into revenue cohorts, per cell and per eligible customer", () => {
    const rows = [
      { customerId: 1, at: "2024-03-01", value: 20 },
      { customerId: 1, at: "2024-03-02", value: 5 },
      { customerId: 1, at: "2024-03-02", value: 5 },
      { customerId: 2, at: "2024-03-01", amount: 40 }, // transaction rows: amount is read when value is absent
      { customerId: 2, at: "2024-03-03", value: -10 }, // a refund
    ];
    const r = cohortRetention(rows, { cohort: "day", periods: 3, observationEnd: "2024-03-04" });
    expect(r.cohorts[0]).toMatchObject({ counts: [2, 1, 1], values: [60, 10, -10], valuePerEligible: [30, 5, -5] });
    const u = cohortRetention(rows, { cohort: "day", periods: 3, mode: "unbounded", observationEnd: "2024-03-04" });
    expect(u.cohorts[0]!.values).toEqual([60, 0, -10]);
  });

  it("ignores events after the observation end and customers born after it", () => {
    const rows = [...events, { customerId: "a", at: "2024-02-01" }, { customerId: "late", at: "2024-02-01" }];
    const r = cohortRetention(rows, { cohort: "day", periods: 4, observationEnd: "2024-01-05" });
    expect(r.cohorts.map((c) => c.size)).toEqual([2, 1]);
    expect(r.cohorts[0]!.counts).toEqual([2, 1, 1, 1]);
  });

  it("sorts cohorts by start whatever the input order, and reads any iterable", () => {
    const r = cohortRetention(new Set([...events].reverse()), { cohort: "day", periods: 2 });
    expect(r.cohorts.map((c) => c.start)).toEqual([at("2024-01-01"), at("2024-01-02")]);
  });

  it("stops the default columns at the latest period with activity, however late the observation end", () => {
    const r = cohortRetention(events, { cohort: "day", observationEnd: "2030-01-01" });
    expect(r.periods).toBe(4); // a's last visit was on its day 3
    expect(r.cohorts[1]!.eligible).toEqual([1, 1, 1, 1]);
  });

  it("refuses tables too large to build", () => {
    expect(codeAndPath(() => cohortRetention(events, { periods: 2 ** 53 + 2 }))).toEqual(["OUT_OF_RANGE", "options.periods"]);
    expect(codeAndPath(() => cohortRetention(events, { mode: "bracket", brackets: [[0, 1e9]] }))).toEqual(["OUT_OF_RANGE", "options.brackets[0][1]"]);
    const many = Array.from({ length: 30 }, (_, i) => ({ customerId: i, at: i * DAY }));
    expect(codeAndPath(() => cohortRetention(many, { cohort: "day", periods: 1_000_000 }))).toEqual(["OUT_OF_RANGE", "options.periods"]);
  });

  it("starts cohorts at given births (signups), which count as period-0 activity", () => {
    const births = [
      { customerId: "a", at: "2024-01-01T00:00:00Z" },
      { customerId: "b", at: "2024-01-01T12:00:00Z" },
      { customerId: "z", at: "2024-01-02T00:00:00Z" }, // signed up, never active
    ];
    const activity = [
      { customerId: "a", at: "2024-01-02T10:00:00Z" },
      { customerId: "b", at: "2024-01-03T10:00:00Z" },
    ];
    const r = cohortRetention(activity, { cohort: "day", births, periods: 3, observationEnd: "2024-01-05" });
    expect(r.cohorts.map((c) => c.size)).toEqual([2, 1]);
    expect(r.cohorts[0]).toMatchObject({ eligible: [2, 2, 2], counts: [2, 1, 1] });
    expect(r.cohorts[1]).toMatchObject({ eligible: [1, 1, 1], counts: [1, 0, 0] });
  });

  it("refuses events before their customer's birth, customers without one, and two births", () => {
    const births = [{ customerId: 1, at: "2024-01-05" }];
    expect(codeAndPath(() => cohortRetention([{ customerId: 1, at: "2024-01-06" }, { customerId: 1, at: "2024-01-04" }], { births }))).toEqual(["INVALID_RANGE", "events[1].at"]);
    expect(codeAndPath(() => cohortRetention([{ customerId: 2, at: "2024-01-06" }], { births }))).toEqual(["INVALID_INPUT", "events[0].customerId"]);
    expect(codeAndPath(() => cohortRetention([], { births: [...births, { customerId: 1, at: "2024-01-07" }] }))).toEqual(["DUPLICATE_ID", "options.births[1].customerId"]);
    expect(codeAndPath(() => cohortRetention([], { births: [{ customerId: 1, at: "never" }] }))).toEqual(["INVALID_DATE", "options.births[0].at"]);
  });

  it("gives an empty table for no events", () => {
    const r = cohortRetention([], {});
    expect(r.cohorts).toEqual([]);
    expect(r.periods).toBe(0);
    expect(r.overall.size).toBe(0);
  });

  it("does not mutate its input and returns plain JSON", () => {
    const rows = Object.freeze(events.map((e) => Object.freeze({ ...e })));
    const copy = structuredClone(rows);
    const r = cohortRetention(rows, { cohort: "day", mode: "bracket", brackets: [[0, 1]] });
    expect(rows).toEqual(copy);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("handles a customer whose first event is exactly at the observation end", () => {
    const r = cohortRetention([{ customerId: 1, at: 5 * DAY }], { cohort: "day", periods: 1, observationEnd: 5 * DAY });
    expect(r.cohorts[0]).toMatchObject({ size: 1, eligible: [0], rates: [null] });
  });
});

describe("cohortRetention input checks", () => {
  it("names the bad event's field", () => {
    expect(codeAndPath(() => cohortRetention([events[0]!, { customerId: "a", at: "2024-02-30" }], {}))).toEqual(["INVALID_DATE", "events[1].at"]);
    expect(codeAndPath(() => cohortRetention([{ customerId: null as unknown as string, at: 0 }], {}))).toEqual(["INVALID_CUSTOMER_ID", "events[0].customerId"]);
    expect(codeAndPath(() => cohortRetention([{ customerId: 1, at: 0, value: NaN }], {}))).toEqual(["INVALID_NUMBER", "events[0].value"]);
  });
  it("refuses unknown modes, cohorts, intervals and day boundaries", () => {
    expect(codeAndPath(() => cohortRetention(events, { mode: "rolling" as "classic" }))).toEqual(["INVALID_OPTION", "options.mode"]);
    expect(codeAndPath(() => cohortRetention(events, { cohort: "quarter" as "month" }))).toEqual(["INVALID_OPTION", "options.cohort"]);
    expect(codeAndPath(() => cohortRetention(events, { interval: "hour" as "day" }))).toEqual(["INVALID_OPTION", "options.interval"]);
    expect(codeAndPath(() => cohortRetention(events, { dayBoundary: "local" as "calendar" }))).toEqual(["INVALID_OPTION", "options.dayBoundary"]);
  });
  it("checks brackets: required in bracket mode, ordered, disjoint, whole numbers", () => {
    expect(codeAndPath(() => cohortRetention(events, { mode: "bracket" }))).toEqual(["INVALID_OPTION", "options.brackets"]);
    expect(codeAndPath(() => cohortRetention(events, { mode: "bracket", brackets: [[3, 1]] }))).toEqual(["INVALID_RANGE", "options.brackets[0]"]);
    expect(codeAndPath(() => cohortRetention(events, { mode: "bracket", brackets: [[0, 3], [3, 5]] }))).toEqual(["INVALID_RANGE", "options.brackets[1]"]);
    expect(codeAndPath(() => cohortRetention(events, { mode: "bracket", brackets: [[0, 1.5]] }))).toEqual(["NOT_INTEGER", "options.brackets[0][1]"]);
    expect(codeAndPath(() => cohortRetention(events, { mode: "bracket", brackets: [[-1, 1]] }))).toEqual(["OUT_OF_RANGE", "options.brackets[0][0]"]);
    expect(codeAndPath(() => cohortRetention(events, { brackets: [[0, 1]] }))).toEqual(["INVALID_OPTION", "options.brackets"]);
  });
  it("refuses values whose sums overflow a double", () => {
    const huge = [{ customerId: 1, at: 0, value: 1e308 }, { customerId: 1, at: 1, value: 1e308 }];
    expect(codeAndPath(() => cohortRetention(huge, { cohort: "day" }))).toEqual(["OUT_OF_RANGE", "events"]);
  });
  it("checks periods and the observation end", () => {
    expect(codeAndPath(() => cohortRetention(events, { periods: 0 }))).toEqual(["OUT_OF_RANGE", "options.periods"]);
    expect(codeAndPath(() => cohortRetention(events, { periods: 2.5 }))).toEqual(["NOT_INTEGER", "options.periods"]);
    expect(codeAndPath(() => cohortRetention(events, { observationEnd: "soon" }))).toEqual(["INVALID_DATE", "options.observationEnd"]);
  });
});
