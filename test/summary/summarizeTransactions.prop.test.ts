import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { summarizeTransactions, type Transaction } from "../../src/index.js";

const DAY = 86_400_000;
const END = Date.UTC(2024, 11, 31);

// Transactions over a small id space and about two years, some after the end, amounts in cents.
const txArb = fc.array(
  fc.record({
    customerId: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom("a", "b", "c")),
    at: fc.integer({ min: END - 700 * DAY, max: END + 20 * DAY }),
    amount: fc.integer({ min: 0, max: 100000 }).map((c) => c / 100),
  }),
  { maxLength: 80 },
);
const optsArb = fc.record({ period: fc.constantFrom("day" as const, "week" as const), unit: fc.constantFrom("day" as const, "week" as const) });

/** A naive oracle: group by customer, then by period start, straight from the definitions. */
function oracle(rows: Transaction[], period: "day" | "week", unit: "day" | "week"): Map<unknown, { frequency: number; recency: number; T: number; monetaryValue: number }> {
  const start = (ms: number): number => {
    const d = Math.floor(ms / DAY);
    return (period === "day" ? d : d - (((d + 3) % 7) + 7) % 7) * DAY;
  };
  const u = unit === "day" ? DAY : 7 * DAY;
  const byCustomer = new Map<unknown, Map<number, number>>();
  for (const r of rows) {
    if (start(r.at as number) > start(END)) continue;
    const m = byCustomer.get(r.customerId) ?? new Map<number, number>();
    m.set(start(r.at as number), (m.get(start(r.at as number)) ?? 0) + (r.amount ?? 0));
    byCustomer.set(r.customerId, m);
  }
  const out = new Map<unknown, { frequency: number; recency: number; T: number; monetaryValue: number }>();
  for (const [id, m] of byCustomer) {
    const keys = [...m.keys()].sort((a, b) => a - b);
    const repeat = keys.slice(1).reduce((a, k) => a + m.get(k)!, 0);
    out.set(id, {
      frequency: keys.length - 1,
      recency: (keys[keys.length - 1]! - keys[0]!) / u,
      T: (start(END) - keys[0]!) / u,
      monetaryValue: keys.length > 1 ? repeat / (keys.length - 1) : 0,
    });
  }
  return out;
}

describe("summarizeTransactions properties", () => {
  it("agrees with a naive group-by of the definitions", () => {
    fc.assert(
      fc.property(txArb, optsArb, (rows, o) => {
        const ours = summarizeTransactions(rows, { observationEnd: END, ...o });
        const ref = oracle(rows, o.period, o.unit);
        expect(ours).toHaveLength(ref.size);
        for (const s of ours) {
          const r = ref.get(s.customerId)!;
          expect(s.frequency).toBe(r.frequency);
          expect(s.recency).toBeCloseTo(r.recency, 9);
          expect(s.T).toBeCloseTo(r.T, 9);
          expect(s.monetaryValue).toBeCloseTo(r.monetaryValue, 6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of the rows", () => {
    fc.assert(
      fc.property(txArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))), optsArb, ([rows, shuffled], o) => {
        const a = summarizeTransactions(rows, { observationEnd: END, ...o });
        const b = summarizeTransactions(shuffled, { observationEnd: END, ...o });
        expect(b.map((s) => [s.customerId, s.frequency, s.recency, s.T, s.transactionCount, s.firstAt, s.lastAt])).toEqual(
          a.map((s) => [s.customerId, s.frequency, s.recency, s.T, s.transactionCount, s.firstAt, s.lastAt]),
        );
        b.forEach((s, i) => expect(s.monetaryValue).toBeCloseTo(a[i]!.monetaryValue, 8));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps 0 ≤ recency ≤ T, 0 ≤ frequency ≤ transactionCount − 1 and finite numbers", () => {
    fc.assert(
      fc.property(txArb, optsArb, (rows, o) => {
        for (const s of summarizeTransactions(rows, { observationEnd: END, ...o })) {
          expect(s.recency).toBeGreaterThanOrEqual(0);
          expect(s.recency).toBeLessThanOrEqual(s.T);
          expect(s.frequency).toBeGreaterThanOrEqual(0);
          expect(s.frequency).toBeLessThanOrEqual(s.transactionCount - 1);
          for (const v of Object.values(s)) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("handles customers with many out-of-order purchase days exactly", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 200 }), (days) => {
        const rows = days.map((d) => ({ customerId: 1, at: END - d * DAY, amount: 1 }));
        const [s] = summarizeTransactions([...rows, ...rows], { observationEnd: END, unit: "day" });
        expect(s!.frequency).toBe(days.length - 1);
        expect(s!.recency).toBe(Math.max(...days) - Math.min(...days));
      }),
      { numRuns: 50 },
    );
  });
});
