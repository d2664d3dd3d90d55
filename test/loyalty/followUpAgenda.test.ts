import { describe, expect, it } from "vitest";
import { assignAccountManagers, followUpAgenda, MAX_AGENDA_ROWS, renewalReminders, touchpoints } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const DAY = 86_400_000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

describe("followUpAgenda", () => {
  it("schedules check-ins from the last contact by level, and complaint follow-ups within their days", () => {
    // Gold every 30 days: last contact May 20 → due Jun 19, then Jul 19 (beyond Jul 2, the horizon's end).
    // The complaint on Jun 1 (after the last contact) is due Jun 3. Silver has no cadence.
    const agenda = followUpAgenda(
      [
        { customerId: 1, level: "Gold", lastContactAt: "2024-05-20", events: [{ type: "complaint", at: "2024-06-01" }, { type: "purchase", at: "2024-06-01" }] },
        { customerId: 2, level: "Silver", lastContactAt: "2024-05-01", events: [{ type: "complaint", at: "2024-04-20" }] },
      ],
      { asOf: "2024-06-02", horizonDays: 30, cadences: [{ level: "Gold", everyDays: 30 }] },
    );
    expect(agenda).toHaveLength(1);
    expect(agenda[0]!.managerId).toBeNull();
    expect(agenda[0]!.items.map((i) => [i.customerId, iso(i.at), i.overdue, i.reasons.map((r) => r.detail)])).toEqual([
      [1, "2024-06-03", false, ["complaint on 2024-06-01, follow up within 2 days"]],
      [1, "2024-06-19", false, ["every 30 days for level Gold, last contact 2024-05-20"]],
    ]);
  });

  it("puts an overdue check-in at asOf and restarts the cadence from there", () => {
    // Last contact Mar 1, every 30 days: due Mar 31, overdue at asOf Jun 1; then Jul 1 and Jul 31.
    const agenda = followUpAgenda([{ customerId: "a", segment: "key", lastContactAt: "2024-03-01" }], { asOf: "2024-06-01", horizonDays: 60, cadences: [{ segment: "key", everyDays: 30 }, { everyDays: 90 }] });
    expect(agenda[0]!.items.map((i) => [iso(i.at), i.overdue, i.reasons.map((r) => iso(r.at))])).toEqual([
      ["2024-06-01", true, ["2024-03-31"]],
      ["2024-07-01", false, ["2024-07-01"]],
      ["2024-07-31", false, ["2024-07-31"]],
    ]);
    // A customer never contacted is due at asOf, not overdue; the 90-day default cadence applies to it.
    const b = followUpAgenda([{ customerId: "b" }], { asOf: "2024-06-01", horizonDays: 100, cadences: [{ segment: "key", everyDays: 30 }, { everyDays: 90 }] });
    expect(b[0]!.items.map((i) => [iso(i.at), i.overdue, i.reasons[0]!.detail])).toEqual([
      ["2024-06-01", false, "every 90 days, no contact on record"],
      ["2024-08-30", false, "every 90 days, no contact on record"],
    ]);
  });

  it("merges touchpoints, renewal reminders and check-ins into one item per customer and day, per manager", () => {
    const assignment = assignAccountManagers(
      [{ customerId: 1, value: 900 }, { customerId: 2, value: 800 }, { customerId: 3, value: 10 }],
      [{ managerId: "m1", capacity: 1 }, { managerId: "m2", capacity: 1 }],
      { keyAccount: { minValue: 100 } },
    );
    const asOf = "2024-02-01";
    const tps = touchpoints([{ customerId: 1, birthday: "1990-02-10" }, { customerId: 3, memberSince: "2023-02-05" }], { asOf, horizonDays: 30, sequences: [] });
    const reminders = renewalReminders([{ customerId: 2, startAt: "2023-02-15", cycle: "annual" }], { asOf, offsetsDays: [5], horizonDays: 30 });
    const agenda = followUpAgenda(
      [
        { customerId: 1, level: "Gold", lastContactAt: "2024-01-11" },
        { customerId: 2, level: "Gold", lastContactAt: "2024-01-01" },
      ],
      // Duplicated input rows are kept once.
      { asOf, horizonDays: 30, cadences: [{ level: "Gold", everyDays: 30 }], assignment, touchpoints: [...tps, ...tps], renewalReminders: reminders },
    );
    // Customer 1 (m1): check-in due Feb 10 (Jan 11 + 30) and birthday Feb 10: one item, two reasons.
    // Customer 2 (m2): check-in due Jan 31, overdue → Feb 1, then Mar 2 (Feb 1 + 30 days, the horizon's
    // last day, included); renewal Feb 15, reminder 5 days before: Feb 10. Customer 3 has no manager: the anniversary Feb 5.
    expect(agenda.map((a) => [a.managerId, a.items.map((i) => [i.customerId, iso(i.at), i.reasons.map((r) => `${r.source}:${r.kind}`)])])).toEqual([
      ["m1", [[1, "2024-02-10", ["cadence:check-in", "touchpoint:birthday"]]]],
      ["m2", [[2, "2024-02-01", ["cadence:check-in"]], [2, "2024-02-10", ["renewal:renewal"]], [2, "2024-03-02", ["cadence:check-in"]]]],
      [null, [[3, "2024-02-05", ["touchpoint:anniversary"]]]],
    ]);
    expect(agenda[1]!.items[1]!.reasons[0]!.detail).toBe("renewal on 2024-02-15, 5 days before");
  });

  it("leaves out complaints already followed by a contact, and rows beyond the horizon", () => {
    const agenda = followUpAgenda(
      [{ customerId: 1, lastContactAt: "2024-06-01", events: [{ type: "complaint", at: "2024-05-30" }, { type: "ticket", at: "2024-06-01T10:00:00Z" }] }],
      { asOf: "2024-06-02", horizonDays: 5, complaint: { type: "ticket", withinDays: 1 }, renewalReminders: [{ customerId: 1, renewalAt: day("2024-07-01"), remindAt: day("2024-06-24"), offsetDays: 7 }] },
    );
    // The May 30 complaint is not of the complaint type here; the ticket came after the last contact:
    // due Jun 2 10:00 (asOf is Jun 2 00:00); the reminder (Jun 24) is past Jun 7.
    expect(agenda[0]!.items.map((i) => [i.at, i.reasons.map((r) => r.kind)])).toEqual([[day("2024-06-02") + 10 * 3_600_000, ["complaint"]]]);
    expect(agenda[0]!.items[0]!.reasons[0]!.detail).toBe("ticket on 2024-06-01, follow up within 1 day");
  });

  it("refuses a horizon that would build more than MAX_AGENDA_ROWS rows, and bad rows, with coded errors", () => {
    const many = Array.from({ length: 28 }, (_, i) => ({ customerId: i }));
    // 28 customers × 36 601 daily check-ins = 1 024 828 > 1 000 000.
    expect(MAX_AGENDA_ROWS).toBe(1_000_000);
    expect(codeAndPath(() => followUpAgenda(many, { asOf: "2024-01-01", horizonDays: 36_600, cadences: [{ everyDays: 1 }] }))).toEqual(["OUT_OF_RANGE", "options.horizonDays"]);
    expect(codeAndPath(() => followUpAgenda([{ customerId: 1, lastContactAt: "yesterday" }], { asOf: "2024-01-01" }))).toEqual(["INVALID_DATE", "customers[0].lastContactAt"]);
    expect(codeAndPath(() => followUpAgenda([{ customerId: 1 }, { customerId: 1 }], { asOf: "2024-01-01" }))).toEqual(["DUPLICATE_ID", "customers[1].customerId"]);
    expect(codeAndPath(() => followUpAgenda([], { asOf: "2024-01-01", cadences: [{ everyDays: 0 }] }))).toEqual(["OUT_OF_RANGE", "options.cadences[0].everyDays"]);
    expect(codeAndPath(() => followUpAgenda([], { asOf: "2024-01-01", cadences: [{ every: 3 } as never] }))).toEqual(["UNKNOWN_OPTION", "options.cadences[0].every"]);
    expect(codeAndPath(() => followUpAgenda([], { asOf: "2024-01-01", touchpoints: [{ customerId: 1, kind: "x", at: "nope" } as never] }))).toEqual(["INVALID_DATE", "options.touchpoints[0].at"]);
    expect(codeAndPath(() => followUpAgenda([], { horizonDays: 3 } as never))).toEqual(["INVALID_OPTION", "options.asOf"]);
    void DAY;
  });
});
