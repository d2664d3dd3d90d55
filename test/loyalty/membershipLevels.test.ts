import { describe, expect, it } from "vitest";
import { levelAt, levelSnapshot, membershipLevels, tierTransitions } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const moves = (r: ReturnType<typeof membershipLevels>, k = 0): [string, string | null, string | null][] =>
  r.members[k]!.changes.map((c) => [iso(c.at), c.from, c.to]);

const SILVER_GOLD = [
  { name: "Silver", minSpend: 1000, windowMonths: 12 },
  { name: "Gold", minSpend: 5000, windowMonths: 12 },
];

describe("membershipLevels", () => {
  it("upgrades on the day a threshold is crossed and downgrades at the review after the grace period", () => {
    // 3,000 on Jan 10 → Silver (3,000 ≥ 1,000); + 2,500 on Mar 5 → 5,500 ≥ 5,000: Gold that day.
    // 2025-01-10 the 3,000 leaves the 12-month window: 2,500 + 1,200 = 3,700 < 5,000. The first quarterly
    // review after that is Apr 1; 30 days' grace ends May 1, when the 2,500 has left too (Mar 5): 1,200,
    // still ≥ 1,000, so Gold → Silver on May 1.
    const history = [
      { customerId: "c1", at: "2024-03-05", amount: 2500 },
      { customerId: "c1", at: "2024-01-10", amount: 3000 },
      { customerId: "c1", at: "2024-12-01", amount: 1200 },
    ];
    const r = membershipLevels(history, SILVER_GOLD, { asOf: "2025-06-30", reviewEvery: "quarter", graceDays: 30 });
    expect(r.levels).toEqual(["Silver", "Gold"]);
    expect(r.members[0]!.changes).toEqual([
      { at: day("2024-01-10"), from: null, to: "Silver", reason: "spend over the last 12 months reached 3,000 ≥ 1,000 for Silver" },
      { at: day("2024-03-05"), from: "Silver", to: "Gold", reason: "spend over the last 12 months reached 5,500 ≥ 5,000 for Gold" },
      { at: day("2025-05-01"), from: "Gold", to: "Silver", reason: "spend over the last 12 months fell to 1,200 < 5,000 for Gold" },
    ]);
    expect(r.members[0]).toMatchObject({ customerId: "c1", level: "Silver", since: day("2025-05-01"), graceUntil: null });
  });

  it("does not flap: a member dipping below the boundary between reviews keeps the level", () => {
    // Gold needs 5,000 over 12 months; yearly reviews on Jan 1. The rolling spend is 5,000 from
    // 2024-03-01, dips to 2,000 on 2025-02-01, is back at 5,000 on 2025-02-15, dips to 3,000 on 2025-03-01
    // and is back at 5,000 on 2025-03-10. A rule applied at every instant would move the member four times;
    // the review on 2026-01-01 finds 3,000 + 2,000 = 5,000 ≥ 5,000, so Gold stays.
    const history = [
      { customerId: 1, at: "2024-02-01", amount: 3000 },
      { customerId: 1, at: "2024-03-01", amount: 2000 },
      { customerId: 1, at: "2025-02-15", amount: 3000 },
      { customerId: 1, at: "2025-03-10", amount: 2000 },
    ];
    const gold = [{ name: "Gold", minSpend: 5000, windowMonths: 12 }];
    const r = membershipLevels(history, gold, { asOf: "2026-01-31", reviewEvery: "year" });
    expect(moves(r)).toEqual([["2024-03-01", null, "Gold"]]);
    // Flapping every month: 100 every 45 days against a 30-day window, monthly reviews. The level can drop
    // only on the 1st of a month, so there is at most one downgrade a month, each after an upgrade.
    const often = Array.from({ length: 8 }, (_, k) => ({ customerId: 2, at: day("2024-01-10") + k * 45 * 86_400_000, amount: 100 }));
    const s = membershipLevels(often, [{ name: "Gold", minSpend: 100, windowDays: 30 }], { asOf: "2024-12-31", reviewEvery: "month" });
    const downs = s.members[0]!.changes.filter((c) => c.to === null);
    for (const c of downs) expect(iso(c.at).slice(8)).toBe("01");
    expect(new Set(downs.map((c) => iso(c.at).slice(0, 7))).size).toBe(downs.length);
    // Purchases on Jan 10, Feb 24, Apr 9, May 24, Jul 8, Aug 22, Oct 6, Nov 20, each counting 30 days.
    // Jan 10 Gold; out Feb 9, so the Mar 1 review is due, but the Feb 24 purchase counts until Mar 25: kept.
    // Mar 25 out → Apr 1 review: none. Apr 9 Gold; out May 9, May 24 back (until Jun 23): Jun 1 keeps it;
    // Jun 23 out → Jul 1: none. Jul 8 Gold; Aug 22 covers the Sep 1 review; Sep 21 out → Oct 1: none.
    // Oct 6 Gold; Nov 20 covers Dec 1; Dec 20 out, the next review (2025-01-01) is after asOf.
    // Evaluated at every instant the level would change 15 times; here 7.
    expect(moves(s)).toEqual([
      ["2024-01-10", null, "Gold"],
      ["2024-04-01", "Gold", null],
      ["2024-04-09", null, "Gold"],
      ["2024-07-01", "Gold", null],
      ["2024-07-08", null, "Gold"],
      ["2024-10-01", "Gold", null],
      ["2024-10-06", null, "Gold"],
    ]);
  });

  it("keeps the level when the member requalifies within the grace period, and downgrades at its end otherwise", () => {
    // Gold: 1,000 over 30 days, monthly reviews, 10 days' grace. Jan 5: 1,000 → Gold; out on Feb 4.
    const gold = [{ name: "Gold", minSpend: 1000, windowDays: 30 }];
    const options = { asOf: "2024-06-30", reviewEvery: "month", graceDays: 10 } as const;
    // No new purchase: the Feb 1 review comes before Feb 4, so the Mar 1 review starts the grace; Mar 11 → none.
    const a = membershipLevels([{ customerId: 1, at: "2024-01-05", amount: 1000 }], gold, options);
    expect(moves(a)).toEqual([["2024-01-05", null, "Gold"], ["2024-03-11", "Gold", null]]);
    expect(a.members[0]!.changes[1]!.reason).toBe("spend over the last 30 days fell to 0 < 1,000 for Gold");
    // 1,000 more on Mar 5 (within the grace): Mar 11 finds 1,000 ≥ 1,000, no downgrade. It leaves on Apr 4;
    // the May 1 review starts a new grace, May 11 → none.
    const b = membershipLevels([{ customerId: 1, at: "2024-01-05", amount: 1000 }, { customerId: 1, at: "2024-03-05", amount: 1000 }], gold, options);
    expect(moves(b)).toEqual([["2024-01-05", null, "Gold"], ["2024-05-11", "Gold", null]]);
    // At asOf inside a grace period, the pending date is reported.
    const c = membershipLevels([{ customerId: 1, at: "2024-01-05", amount: 1000 }], gold, { ...options, asOf: "2024-03-05" });
    expect(c.members[0]).toMatchObject({ level: "Gold", graceUntil: day("2024-03-11") });
  });

  it("reviews on the anchor's day of month, clamped to month ends (Jan 31 → Feb 29 in 2024, Feb 28 in 2023)", () => {
    const gold = [{ name: "Gold", minPurchases: 1, windowDays: 10 }];
    for (const [year, end] of [["2024", "2024-02-29"], ["2023", "2023-02-28"]] as const) {
      const r = membershipLevels([{ customerId: 1, at: `${year}-02-01` }], gold, { asOf: `${year}-12-31`, reviewEvery: "month", reviewAnchor: "2022-01-31" });
      expect(moves(r)).toEqual([[`${year}-02-01`, null, "Gold"], [end, "Gold", null]]);
      expect(r.members[0]!.changes[1]!.reason).toBe("purchases over the last 10 days fell to 0 < 1 for Gold");
    }
    // Months after Feb keep the anchor's day: Mar 31, Apr 30.
    const r = membershipLevels([{ customerId: 1, at: "2024-03-01" }, { customerId: 2, at: "2024-04-01" }], gold, { asOf: "2024-12-31", reviewEvery: "month", reviewAnchor: "2024-01-31" });
    expect(r.members.map((m) => iso(m.changes[1]!.at))).toEqual(["2024-03-31", "2024-04-30"]);
    // A purchase on Jan 31 counts for one month until Feb 29 (clamped).
    const w = membershipLevels([{ customerId: 1, at: "2024-01-31" }], [{ name: "Gold", minPurchases: 1, windowMonths: 1 }], { asOf: "2024-12-31", reviewEvery: "month", reviewAnchor: "2024-01-29" });
    // Out on Feb 29 (a review date); the review comes after the expiry at the same instant.
    expect(moves(w)).toEqual([["2024-01-31", null, "Gold"], ["2024-02-29", "Gold", null]]);
  });

  it("qualifies on points or purchases, and on the highest level reached", () => {
    const levels = [
      { name: "Member", minPurchases: 1, windowDays: 365 },
      { name: "Regular", minPurchases: 3, windowDays: 365 },
      { name: "Star", minPoints: 500, windowDays: 90 },
    ];
    const history = [
      { customerId: "a", at: "2024-01-01", points: 100 },
      { customerId: "a", at: "2024-01-02", points: 100 },
      { customerId: "a", at: "2024-01-03", points: 350 },
    ];
    const r = membershipLevels(history, levels, { asOf: "2024-02-01" });
    // Jan 1: 1 purchase → Member; Jan 2: 2 purchases, 200 points → Member; Jan 3: 3 purchases → Regular,
    // and 550 points ≥ 500 → Star, the highest: one move to Star.
    expect(moves(r)).toEqual([["2024-01-01", null, "Member"], ["2024-01-03", "Member", "Star"]]);
    expect(r.members[0]!.changes[1]!.reason).toBe("points over the last 90 days reached 550 ≥ 500 for Star");
  });

  it("counts members per level at the end of each month or quarter", () => {
    const history = [
      { customerId: 1, at: "2024-01-10", amount: 6000 },
      { customerId: 2, at: "2024-02-10", amount: 2000 },
      { customerId: 3, at: "2024-02-20", amount: 500 },
      { customerId: 2, at: "2024-03-05", amount: 3000 },
    ];
    const r = membershipLevels(history, SILVER_GOLD, { asOf: "2024-03-15" });
    expect(r.counts.map((c) => [iso(c.periodStart), c.counts, c.none])).toEqual([
      ["2024-01-01", [0, 1], 0],
      ["2024-02-01", [1, 1], 1],
      ["2024-03-01", [0, 2], 1],
    ]);
    expect(r.counts[0]!.at).toBe(day("2024-02-01") - 1);
    expect(r.counts[2]!.at).toBe(day("2024-03-15"));
    const q = membershipLevels(history, SILVER_GOLD, { asOf: "2024-03-15", countsEvery: "quarter" });
    expect(q.counts.map((c) => [iso(c.periodStart), c.counts, c.none])).toEqual([["2024-01-01", [0, 2], 1]]);
  });

  it("answers the level held at a date and feeds level snapshots into tierTransitions", () => {
    const history = [
      { customerId: 1, at: "2024-01-10", amount: 1500 },
      { customerId: 1, at: "2024-05-01", amount: 4000 },
      { customerId: 2, at: "2024-02-01", amount: 6000 },
      { customerId: 3, at: "2024-06-01", amount: 1000 },
    ];
    const r = membershipLevels(history, SILVER_GOLD, { asOf: "2025-03-31" });
    expect([levelAt(r, 1, "2024-01-09"), levelAt(r, 1, "2024-01-10"), levelAt(r, 1, "2024-05-01"), levelAt(r, "1", "2024-05-01")]).toEqual([null, "Silver", "Gold", null]);
    expect(levelSnapshot(r, "2024-03-31")).toEqual([{ customerId: 1, tier: "Silver" }, { customerId: 2, tier: "Gold" }]);
    const t = tierTransitions(levelSnapshot(r, "2024-03-31"), levelSnapshot(r, "2024-06-30"), { order: r.levels });
    expect(t.upgrades).toEqual([{ customerId: 1, from: "Silver", to: "Gold" }]);
    expect(t.entries).toEqual([{ customerId: 3, from: null, to: "Silver" }]);
    expect(t.matrix).toEqual([[0, 1], [0, 1]]);
    expect(codeAndPath(() => levelAt(r, 1, "2025-04-01"))).toEqual(["OUT_OF_RANGE", "date"]);
  });

  it("ignores purchases after asOf and leaves the input unchanged", () => {
    const history = Object.freeze([Object.freeze({ customerId: 1, at: "2024-01-10", amount: 6000 }), Object.freeze({ customerId: 2, at: "2024-05-01", amount: 6000 })]);
    const r = membershipLevels(history, SILVER_GOLD, { asOf: "2024-03-01" });
    expect(r.members.map((m) => m.customerId)).toEqual([1]);
  });

  it("refuses bad levels, rows and options with coded errors naming the place", () => {
    const ok = [{ customerId: 1, at: "2024-01-01", amount: 10 }];
    const asOf = { asOf: "2024-12-31" };
    expect(codeAndPath(() => membershipLevels(ok, [{ name: "Gold", minSpend: 5000, windowMonths: 12 }, { name: "Silver", minSpend: 1000, windowMonths: 12 }], asOf))).toEqual(["INVALID_THRESHOLDS", "levels[1].minSpend"]);
    expect(codeAndPath(() => membershipLevels(ok, [{ name: "Gold", minSpend: 5000, minPoints: 3, windowMonths: 12 }], asOf))).toEqual(["INVALID_THRESHOLDS", "levels[0]"]);
    expect(codeAndPath(() => membershipLevels(ok, [{ name: "Gold", minSpend: 5000 }], asOf))).toEqual(["INVALID_THRESHOLDS", "levels[0]"]);
    expect(codeAndPath(() => membershipLevels(ok, [{ name: "A", minSpend: 1, windowDays: 5 }, { name: "A", minSpend: 2, windowDays: 5 }], asOf))).toEqual(["DUPLICATE_ID", "levels[1].name"]);
    expect(codeAndPath(() => membershipLevels(ok, [{ name: "A", minspend: 1, windowDays: 5 } as never], asOf))).toEqual(["UNKNOWN_OPTION", "levels[0].minspend"]);
    expect(codeAndPath(() => membershipLevels(ok, [], asOf))).toEqual(["EMPTY_INPUT", "levels"]);
    expect(codeAndPath(() => membershipLevels([{ customerId: 1, at: "2024-01-01" }], SILVER_GOLD, asOf))).toEqual(["INVALID_TYPE", "history[0].amount"]);
    expect(codeAndPath(() => membershipLevels([...ok, { customerId: 2, at: "2024-01-01", amount: -5 }], SILVER_GOLD, asOf))).toEqual(["NEGATIVE_AMOUNT", "history[1].amount"]);
    expect(codeAndPath(() => membershipLevels([{ customerId: 1, at: "2024-02-30", amount: 1 }], SILVER_GOLD, asOf))).toEqual(["INVALID_DATE", "history[0].at"]);
    expect(codeAndPath(() => membershipLevels(ok, SILVER_GOLD, { asOf: "2024-12-31", reviewEvery: "week" as never }))).toEqual(["INVALID_OPTION", "options.reviewEvery"]);
    expect(codeAndPath(() => membershipLevels(ok, SILVER_GOLD, { asOf: "2024-12-31", graceDays: 1.5 }))).toEqual(["NOT_INTEGER", "options.graceDays"]);
    expect(codeAndPath(() => membershipLevels(ok, SILVER_GOLD, { reviewEvery: "year" } as never))).toEqual(["INVALID_OPTION", "options.asOf"]);
    // 9,000 years of months is more than MAX_PERIODS count rows.
    expect(codeAndPath(() => membershipLevels([{ customerId: 1, at: "0001-01-01", amount: 1 }], SILVER_GOLD, { asOf: "9999-12-31" }))).toEqual(["OUT_OF_RANGE", "options.countsEvery"]);
    expect(membershipLevels([{ customerId: 1, at: "0001-01-01", amount: 1 }], SILVER_GOLD, { asOf: "9999-12-31", countsEvery: "year" }).counts).toHaveLength(9999);
  });
});
