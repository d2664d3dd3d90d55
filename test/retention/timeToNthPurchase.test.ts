import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCdnowSample } from "../../examples/lib/cdnow.js";
import { kaplanMeier, summarizeTransactions, survivalAt, survivalData, timeToNthPurchase } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const DAY = 86_400_000;
const jan = (d: number, h = 0): number => Date.UTC(2024, 0, d, h);

describe("timeToNthPurchase", () => {
  const rows = [
    { customerId: "b", at: "2024-01-10" },
    { customerId: "a", at: jan(15) },
    { customerId: "a", at: "2024-01-01T18:00:00Z" }, // the first day again: one purchase
    { customerId: "a", at: jan(1, 9) },
    { customerId: 7, at: jan(3) },
    { customerId: 7, at: jan(4) },
    { customerId: 7, at: jan(20) },
  ];

  it("gives the first and second distinct purchase days, sorted by customer, unsorted input", () => {
    expect(timeToNthPurchase(rows)).toEqual([
      { customerId: 7, startAt: jan(3), endAt: jan(4) },
      { customerId: "a", startAt: jan(1), endAt: jan(15) },
      { customerId: "b", startAt: jan(10), endAt: null },
    ]);
  });

  it("waits for the n-th purchase and counts ISO weeks with period 'week'", () => {
    expect(timeToNthPurchase(rows, { n: 3 }).map((t) => [t.customerId, t.endAt])).toEqual([[7, jan(20)], ["a", null], ["b", null]]);
    // 2024-01-01 is a Monday: customer 7's Wednesday and Thursday are one week, 2024-01-15 the third week.
    expect(timeToNthPurchase(rows, { period: "week" })).toEqual([
      { customerId: 7, startAt: jan(1), endAt: jan(15) },
      { customerId: "a", startAt: jan(1), endAt: jan(15) },
      { customerId: "b", startAt: jan(8), endAt: null },
    ]);
  });

  it("feeds survivalData: the demo's time-to-second-purchase curve on CDNOW", () => {
    const tx = loadCdnowSample();
    const tenures = timeToNthPurchase(tx);
    expect(tenures).toHaveLength(2357);
    // Customers still waiting are exactly the one-time buyers of the day-period summary (1,411 + later
    // one-timers of the whole log).
    const oneTime = summarizeTransactions(tx, { observationEnd: "1998-06-30" }).filter((s) => s.frequency === 0).length;
    expect(tenures.filter((t) => t.endAt === null)).toHaveLength(oneTime);
    // The same curve as from the demo's former private helper: first purchase day to the next distinct day.
    const days = new Map<number | string, number[]>();
    for (const t of tx) days.set(t.customerId, [...(days.get(t.customerId) ?? []), Math.floor(Number(t.at) / DAY)]);
    const naive = [...days.values()].map((list) => {
      const first = Math.min(...list);
      const later = list.filter((d) => d > first);
      return later.length > 0 ? { startAt: first * DAY, endAt: Math.min(...later) * DAY } : { startAt: first * DAY };
    });
    const km = kaplanMeier(survivalData(tenures, { asOf: "1998-06-30", unit: "week" }));
    expect(km).toEqual(kaplanMeier(survivalData(naive, { asOf: "1998-06-30", unit: "week" })));
    const s12 = survivalAt(km, 12)!;
    expect(s12).toBeGreaterThan(survivalAt(km, 52)!);
    expect(s12).toBeLessThan(1);
  });

  it("ends exactly when the day summary has n − 1 repeat purchases, in any row order", () => {
    const tx = fc.array(fc.record({ customerId: fc.integer({ min: 0, max: 6 }), at: fc.integer({ min: 0, max: 40 * 24 }).map((h) => jan(1) + h * 3_600_000) }), { maxLength: 60 });
    fc.assert(
      fc.property(tx, fc.integer({ min: 2, max: 5 }), (rows, n) => {
        const out = timeToNthPurchase(rows, { n });
        expect(timeToNthPurchase([...rows].reverse(), { n })).toEqual(out);
        const summaries = summarizeTransactions(rows, { observationEnd: jan(1) + 50 * DAY });
        expect(out.map((t) => t.customerId)).toEqual(summaries.map((s) => s.customerId));
        out.forEach((t, i) => {
          const s = summaries[i]!;
          expect(t.startAt).toBe(Math.floor(s.firstAt / DAY) * DAY);
          expect(t.endAt !== null).toBe(s.frequency >= n - 1);
          if (n === 2 && t.endAt !== null) {
            const days = rows.filter((r) => r.customerId === t.customerId).map((r) => Math.floor(r.at / DAY) * DAY);
            expect(t.endAt).toBe(Math.min(...days.filter((d) => d > t.startAt)));
          }
        });
      }),
    );
  });

  it("refuses bad rows and options with coded errors, and leaves the input alone", () => {
    expect(codeAndPath(() => timeToNthPurchase([{ customerId: 1, at: "2024-13-01" }]))).toEqual(["INVALID_DATE", "transactions[0].at"]);
    expect(codeAndPath(() => timeToNthPurchase(rows, { n: 1 }))).toEqual(["OUT_OF_RANGE", "options.n"]);
    expect(codeAndPath(() => timeToNthPurchase(rows, { n: 2.5 }))).toEqual(["NOT_INTEGER", "options.n"]);
    expect(codeAndPath(() => timeToNthPurchase(rows, { n: 1001 }))).toEqual(["OUT_OF_RANGE", "options.n"]);
    expect(codeAndPath(() => timeToNthPurchase(rows, { period: "month" as never }))).toEqual(["INVALID_UNIT", "options.period"]);
    const frozen = Object.freeze(rows.map((r) => Object.freeze({ ...r })));
    expect(timeToNthPurchase(frozen)).toHaveLength(3);
    expect(timeToNthPurchase([])).toEqual([]);
  });
});
