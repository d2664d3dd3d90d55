import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pointsLedger, type PointsEvent, type PointsPurchase, type PointsRules } from "../../src/index.js";

const DAY = 86_400_000;
const D0 = Date.UTC(2024, 0, 1);
type Row = PointsEvent | PointsPurchase;

const idArb = fc.constantFrom<string | number>(1, 2, "a");
/** Few distinct instants, so that many rows tie. */
const dayArb = (tieHeavy: boolean): fc.Arbitrary<number> => (tieHeavy ? fc.constantFrom(0, 3, 10) : fc.integer({ min: 0, max: 60 }));
const eventArb = (tieHeavy: boolean): fc.Arbitrary<Row> =>
  fc.oneof(
    fc.record({ customerId: idArb, at: dayArb(tieHeavy).map((n) => D0 + n * DAY), type: fc.constantFrom("earn", "redeem", "expire" as const), points: fc.integer({ min: 0, max: 200 }) }),
    fc.record({ customerId: idArb, at: dayArb(tieHeavy).map((n) => D0 + n * DAY), type: fc.constant("adjust" as const), points: fc.integer({ min: -100, max: 100 }) }),
    fc.record({ customerId: idArb, at: dayArb(tieHeavy).map((n) => D0 + n * DAY), amount: fc.integer({ min: 0, max: 30_000 }).map((c) => c / 100), category: fc.constantFrom("books", "coffee", null) }),
  );
/** Purchases with ids (some with two lines), and refunds of some of them at or after the purchase. */
const purchasesArb = (tieHeavy: boolean): fc.Arbitrary<Row[]> =>
  fc.array(fc.tuple(idArb, dayArb(tieHeavy), fc.integer({ min: 0, max: 20_000 }), fc.boolean(), fc.option(fc.integer({ min: 0, max: 30 }), { nil: null })), { maxLength: 8 }).map((ps) =>
    ps.flatMap(([customerId, day, cents, twoLines, refundAfter], k): Row[] => {
      const at = D0 + day * DAY;
      const transactionId = `T${k}`;
      const rows: Row[] = [{ customerId, at, amount: cents / 100, category: "coffee", transactionId }];
      if (twoLines) rows.push({ customerId, at, amount: 12.34, transactionId });
      if (refundAfter !== null) rows.push({ customerId, at: at + (tieHeavy ? 0 : refundAfter * DAY), refundOf: transactionId });
      return rows;
    }),
  );
const rowsArb = (tieHeavy: boolean): fc.Arbitrary<Row[]> =>
  fc.tuple(fc.array(eventArb(tieHeavy), { maxLength: 40 }), purchasesArb(tieHeavy)).map(([a, b]) => [...a, ...b]);
const rulesArb: fc.Arbitrary<PointsRules> = fc.record(
  {
    asOf: fc.integer({ min: 0, max: 90 }).map((n) => D0 + n * DAY),
    pointsPerAmount: fc.constantFrom(1, 2, 0.5),
    categoryRates: fc.constant({ coffee: 3 }),
    rounding: fc.constantFrom("floor", "round", "ceil" as const),
    roundingScope: fc.constantFrom("purchase", "line" as const),
    capPerPurchase: fc.integer({ min: 0, max: 400 }),
    capPerPeriod: fc.record({ points: fc.integer({ min: 0, max: 2000 }), period: fc.constantFrom("day", "week", "month", "year" as const) }),
    levels: fc.constant({ levelMultipliers: { gold: 2 }, levelOf: [{ customerId: 1, level: "gold", from: D0 + 5 * DAY }] }),
    expiryDays: fc.integer({ min: 1, max: 40 }),
    expiringWithinDays: fc.integer({ min: 0, max: 60 }),
    clawback: fc.constantFrom("balance", "negative" as const),
    pointValue: fc.constantFrom(0.01, 1),
  },
  { requiredKeys: ["asOf"] },
).map(({ levels, ...r }) => ({ ...r, ...levels, overdraw: "partial" as const, statement: true }));

/** A shuffle of `rows` by `keys` (one random key per row). */
const shuffled = <T,>(rows: readonly T[], keys: readonly number[]): T[] =>
  rows.map((r, i) => [r, keys[i % keys.length]! + i * 1e-9] as const).sort((x, y) => x[1] - y[1]).map(([r]) => r);
const keysArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 });

describe("pointsLedger properties", () => {
  it("gives the same ledger for any order of the rows, ties included", () => {
    fc.assert(
      fc.property(fc.boolean().chain((t) => rowsArb(t)), rulesArb, keysArb, (rows, rules, keys) => {
        expect(pointsLedger(shuffled(rows, keys), rules)).toEqual(pointsLedger(rows, rules));
        expect(pointsLedger([...rows].reverse(), rules)).toEqual(pointsLedger(rows, rules));
      }),
      { numRuns: 150 },
    );
  });

  it("applies rows of one instant in the documented order: expiry, purchase, earn, adjust, refund, redeem, expire", () => {
    const rank = { expiry: 0, purchase: 1, earn: 2, adjust: 3, refund: 4, redeem: 5, expire: 6 } as const;
    fc.assert(
      fc.property(rowsArb(true), rulesArb, (rows, rules) => {
        for (const a of pointsLedger(rows, rules).customers) {
          const s = a.statement!;
          for (let k = 1; k < s.length; k++) {
            expect(s[k]!.at).toBeGreaterThanOrEqual(s[k - 1]!.at);
            if (s[k]!.at === s[k - 1]!.at && s[k]!.type !== "expiry") expect(rank[s[k]!.type]).toBeGreaterThanOrEqual(rank[s[k - 1]!.type]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("keeps balance = earned + adjusted − redeemed − expired − reversed, never below zero without clawback: negative", () => {
    fc.assert(
      fc.property(rowsArb(false), rulesArb, (rows, rules) => {
        const l = pointsLedger(rows, rules);
        let total = 0;
        for (const a of l.customers) {
          expect(a.balance).toBe(a.earned + a.adjusted - a.redeemed - a.expired - a.reversed);
          const lotSum = a.lots.reduce((x, lot) => x + lot.points, 0);
          if (rules.clawback !== "negative") {
            expect(a.balance).toBeGreaterThanOrEqual(0);
            for (const e of a.statement!) expect(e.balance).toBeGreaterThanOrEqual(0);
          }
          expect(lotSum).toBe(Math.max(0, a.balance));
          expect(a.statement!.at(-1)?.balance ?? 0).toBe(a.balance);
          for (let k = 1; k < a.lots.length; k++) expect(a.lots[k]!.earnedAt).toBeGreaterThanOrEqual(a.lots[k - 1]!.earnedAt);
          for (const lot of a.lots) if (lot.expiresAt !== null) expect(lot.expiresAt).toBeGreaterThan(l.asOf);
          expect(a.expiringPoints).toBeLessThanOrEqual(lotSum);
          total += a.balance;
        }
        expect(l.totals.balance).toBe(total);
        expect(l.totals.outstanding).toBe(l.customers.reduce((x, a) => x + Math.max(0, a.balance), 0));
      }),
      { numRuns: 150 },
    );
  });

  it("resumes: rows added after a date leave the ledger at that date unchanged, and the state survives JSON", () => {
    fc.assert(
      fc.property(rowsArb(false), rulesArb, fc.integer({ min: 0, max: 60 }), (rows, rules, cutDay) => {
        const cut = D0 + cutDay * DAY;
        const before = rows.filter((r) => (r.at as number) <= cut);
        const after = rows.filter((r) => (r.at as number) > cut);
        const atCut = { ...rules, asOf: cut };
        const { totals: t1, ...rest1 } = pointsLedger(before, atCut);
        const { totals: t2, ...rest2 } = pointsLedger([...before, ...after], atCut);
        expect(rest2).toEqual(rest1);
        expect({ ...t2, rowsAfterAsOf: 0 }).toEqual(t1);
        expect(t2.rowsAfterAsOf).toBe(after.length);
        // Resume: the stored rows, read back from JSON, with the new rows appended, replay to the same ledger.
        const stored = JSON.parse(JSON.stringify(before.map((r) => ({ ...r, at: new Date(r.at as number) })))) as Row[];
        expect(pointsLedger([...stored, ...after], rules)).toEqual(pointsLedger(rows, rules));
      }),
      { numRuns: 150 },
    );
  });

  it("expires and redeems first-in-first-out, as a direct simulation does", () => {
    // Earn, redeem and expire events only; the reference keeps a list of [expiresAt, points] lots.
    const simple = fc.array(
      fc.record({ customerId: fc.constant(1), at: fc.integer({ min: 0, max: 30 }).map((n) => D0 + n * DAY), type: fc.constantFrom("earn", "earn", "redeem", "expire" as const), points: fc.integer({ min: 0, max: 100 }) }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(simple, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 70 }), (rows, days, asOfDay) => {
        const asOf = D0 + asOfDay * DAY;
        const rank = { earn: 0, redeem: 1, expire: 2 } as const;
        const sorted = rows.filter((r) => r.at <= asOf).sort((a, b) => a.at - b.at || rank[a.type] - rank[b.type] || a.points - b.points);
        const lots: [number, number][] = [];
        let expired = 0;
        let redeemed = 0;
        const expire = (t: number): void => {
          for (const lot of lots) if (lot[0] <= t) (expired += lot[1]), (lot[1] = 0);
        };
        const takeOldest = (n: number): number => {
          let got = 0;
          for (const lot of lots) {
            const t = Math.min(lot[1], n - got);
            lot[1] -= t;
            got += t;
          }
          return got;
        };
        for (const r of sorted) {
          expire(r.at);
          if (r.type === "earn") lots.push([r.at + days * DAY, r.points]);
          else if (r.type === "redeem") redeemed += takeOldest(r.points);
          else expired += takeOldest(r.points);
        }
        expire(asOf);
        const a = pointsLedger(rows, { asOf, expiryDays: days, overdraw: "partial" }).customers[0];
        const balance = lots.reduce((x, l) => x + l[1], 0);
        expect(a === undefined ? [0, 0, 0] : [a.balance, a.redeemed, a.expired]).toEqual([balance, redeemed, expired]);
        if (a !== undefined) expect(a.lots.map((l) => [l.expiresAt, l.points])).toEqual(lots.filter((l) => l[1] > 0));
      }),
      { numRuns: 500 },
    );
  });
});
