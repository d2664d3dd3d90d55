import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreCustomers, type ScoreConfig, type ScoreResult, type Transaction } from "../../src/index.js";

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);
const END = BASE + 400 * DAY;
// Whole-dollar amounts keep sums exact, so any order or split of the rows gives bit-identical totals.
const txArb = fc.array(
  fc.record({ customerId: fc.oneof(fc.integer({ min: 1, max: 25 }), fc.constantFrom("a", "b", "c")), at: fc.integer({ min: 0, max: 420 * DAY }).map((t) => BASE + t), amount: fc.integer({ min: 0, max: 500 }) }),
  { maxLength: 80 },
);
const models: ScoreConfig["clv"] = {
  transactionModel: { model: "bg-nbd", params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 } },
  spendModel: { model: "gamma-gamma", params: { p: 6.25, q: 3.74, v: 15.44 } },
};
const configArb = fc.record({ rfm: fc.record({ bins: fc.integer({ min: 2, max: 6 }), method: fc.constantFrom("quantile", "rank") }), clv: fc.constant(models) });

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("scoreCustomers properties", () => {
  it("gives byte-identical JSON for any order of the rows", () => {
    fc.assert(
      fc.property(txArb, configArb, fc.integer(), (tx, config, seed) => {
        const a = JSON.stringify(scoreCustomers({ transactions: tx, observationEnd: END }, config));
        const b = JSON.stringify(scoreCustomers({ transactions: shuffled(tx, seed), observationEnd: END }, config));
        expect(b).toBe(a);
      }),
      { numRuns: 60 },
    );
  });

  it("gives the same result for any split of the rows into async batches", async () => {
    await fc.assert(
      fc.asyncProperty(txArb, configArb, fc.array(fc.nat(), { maxLength: 5 }), async (tx, config, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (tx.length + 1)))].sort((x, y) => x - y);
        async function* batches(): AsyncGenerator<Transaction[]> {
          let from = 0;
          for (const c of [...at, tx.length]) {
            yield tx.slice(from, c);
            from = c;
          }
        }
        const sync = scoreCustomers({ transactions: tx, observationEnd: END }, config);
        expect(await scoreCustomers({ transactions: batches(), observationEnd: END }, config)).toEqual(sync);
      }),
      { numRuns: 60 },
    );
  });

  it("scores every customer with a purchase by the end once, with every score in its range", () => {
    fc.assert(
      fc.property(txArb, configArb, (tx, config) => {
        const r: ScoreResult = scoreCustomers({ transactions: tx, observationEnd: END }, config);
        const endDay = Math.floor(END / DAY);
        const expected = new Set(tx.filter((t) => Math.floor(t.at / DAY) <= endDay).map((t) => t.customerId));
        expect(new Set(r.customers.map((c) => c.customerId))).toEqual(expected);
        expect(r.customers).toHaveLength(expected.size);
        const bins = config.rfm.bins;
        for (const c of r.customers) {
          for (const s of [c.rfmR, c.rfmF, c.rfmM]) expect(s! >= 1 && s! <= bins).toBe(true);
          expect(c.probabilityAlive! >= 0 && c.probabilityAlive! <= 1).toBe(true);
          expect(c.churnRiskScore! >= 0 && c.churnRiskScore! <= 1).toBe(true);
          expect(c.clv === null || c.clv >= 0).toBe(true);
          expect(c.expectedPurchases! >= 0).toBe(true);
          expect(["low", "mid", "high"]).toContain(c.valueTier);
          expect(c.daysSinceLast! >= 0 && c.daysSinceLast! <= c.tenureDays!).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("never lowers CLV when the margin rises", () => {
    fc.assert(
      fc.property(txArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (tx, m1, m2) => {
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        const score = (margin: number): (number | null)[] =>
          scoreCustomers({ transactions: tx, observationEnd: END }, { clv: { ...models, margin }, rfm: false, tiers: false, abc: false, lifecycle: false, churn: false }).customers.map((c) => c.clv);
        const a = score(lo);
        const b = score(hi);
        a.forEach((v, i) => expect(b[i]! >= v! - 1e-9).toBe(true));
      }),
      { numRuns: 40 },
    );
  });
});
