import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { abcClassify, lifecycleStage, purchaseBehaviour, quantileTiers, renewalFrequencyClass, thresholdTiers, tierTransitions } from "../../src/index.js";
import { shuffle } from "../rfm/helpers.js";

const valuesArb = fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 60 }).map((xs) => xs.map((value, i) => ({ customerId: i, value })));
const labelsArb = fc.integer({ min: 2, max: 6 }).map((k) => Array.from({ length: k }, (_, i) => `t${i}`));

describe("value tier properties", () => {
  it("gives every customer exactly one of the labels (quantile, rank, thresholds)", () => {
    fc.assert(
      fc.property(valuesArb, labelsArb, fc.constantFrom("quantile" as const, "rank" as const), (rows, labels, method) => {
        const q = quantileTiers(rows, { labels, method });
        expect(q.map((t) => t.customerId)).toEqual(rows.map((r) => r.customerId));
        for (const t of q) expect(labels).toContain(t.tier);
        const thresholds = labels.slice(1).map((_, i) => (i + 1) * 10);
        const th = thresholdTiers(rows, { thresholds, labels });
        for (const [i, t] of th.entries()) expect(t.tier).toBe(labels[thresholds.filter((x) => rows[i]!.value > x).length]);
      }),
    );
  });

  it("gives each customer the same quantile tier whatever the input order, and never a lower tier for more value", () => {
    fc.assert(
      fc.property(valuesArb, labelsArb, fc.integer(), (rows, labels, seed) => {
        const a = new Map(quantileTiers(rows, { labels }).map((t) => [t.customerId, labels.indexOf(t.tier)]));
        const b = new Map(quantileTiers(shuffle(rows, seed), { labels }).map((t) => [t.customerId, labels.indexOf(t.tier)]));
        expect(b).toEqual(a);
        for (const x of rows) for (const y of rows) if (x.value < y.value) expect(a.get(x.customerId)!).toBeLessThanOrEqual(a.get(y.customerId)!);
      }),
      { numRuns: 60 },
    );
  });
});

describe("abcClassify properties", () => {
  it("gives every customer one class and class shares that add up to the whole", () => {
    fc.assert(
      fc.property(valuesArb, (rows) => {
        const r = abcClassify(rows);
        expect(r.customers).toHaveLength(rows.length);
        expect(r.classes.reduce((a, c) => a + c.customers, 0)).toBe(rows.length);
        const total = rows.reduce((a, x) => a + x.value, 0);
        expect(r.classes.reduce((a, c) => a + c.value, 0)).toBe(total);
        if (total > 0) expect(r.classes.reduce((a, c) => a + c.share!, 0)).toBeCloseTo(1, 12);
      }),
    );
  });

  it("does not depend on input order and ranks more value no lower", () => {
    fc.assert(
      fc.property(valuesArb, fc.integer(), (rows, seed) => {
        const a = new Map(abcClassify(rows).customers.map((c) => [c.customerId, c.class]));
        const b = new Map(abcClassify(shuffle(rows, seed)).customers.map((c) => [c.customerId, c.class]));
        expect(b).toEqual(a);
        for (const x of rows) for (const y of rows) if (x.value > y.value) expect(a.get(x.customerId)! <= a.get(y.customerId)!).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("keeps class A's value share at least the first cutoff whenever the total is positive", () => {
    fc.assert(
      fc.property(valuesArb, (rows) => {
        const r = abcClassify(rows);
        if (rows.some((x) => x.value > 0)) expect(r.classes[0]!.share!).toBeGreaterThanOrEqual(0.8 - 1e-12);
      }),
    );
  });
});

describe("lifecycleStage and purchaseBehaviour properties", () => {
  const DAY = 86_400_000;
  const asOf = Date.UTC(2024, 5, 30);
  it("gives every customer exactly one stage", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ first: fc.integer({ min: 0, max: 1500 }), gap: fc.integer({ min: 0, max: 1500 }), recent: fc.nat(8), prior: fc.nat(8) }), { maxLength: 30 }),
        (xs) => {
          const rows = xs.map((x, i) => ({ customerId: i, firstAt: asOf - x.first * DAY, lastAt: asOf - Math.min(x.first, x.gap) * DAY, recentPurchases: x.recent, priorPurchases: x.prior }));
          const out = lifecycleStage(rows, { asOf });
          expect(out).toHaveLength(rows.length);
          for (const r of out) expect(["new", "growing", "mature", "at-risk", "churned"]).toContain(r.stage);
        },
      ),
    );
  });

  it("gives every buyer exactly one behaviour, and counts every purchase", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ customerId: fc.nat(6), afterOutreach: fc.boolean(), discounted: fc.boolean() }), { maxLength: 50 }), (ps) => {
        const out = purchaseBehaviour(ps);
        expect(out.reduce((a, r) => a + r.purchases, 0)).toBe(ps.length);
        expect(new Set(out.map((r) => r.customerId)).size).toBe(out.length);
        for (const r of out) expect(["active", "passive", "promotion-driven"]).toContain(r.behaviour);
      }),
    );
  });
});

describe("tierTransitions properties", () => {
  const classification = fc.uniqueArray(fc.record({ customerId: fc.nat(15), tier: fc.constantFrom("low", "mid", "high") }), { selector: (r) => r.customerId, maxLength: 16 });
  it("accounts for every customer exactly once", () => {
    fc.assert(
      fc.property(classification, classification, (before, after) => {
        const t = tierTransitions(before, after);
        const inBoth = before.filter((b) => after.some((a) => a.customerId === b.customerId)).length;
        expect(t.matrix.flat().reduce((a, c) => a + c, 0)).toBe(inBoth);
        expect(t.upgrades.length + t.downgrades.length + t.unchanged).toBe(inBoth);
        expect(t.exits.length).toBe(before.length - inBoth);
        expect(t.entries.length).toBe(after.length - inBoth);
        const back = tierTransitions(after, before);
        expect(back.upgrades.length).toBe(t.downgrades.length);
        expect(tierTransitions(before, before).unchanged).toBe(before.length);
      }),
    );
  });
});

describe("renewalFrequencyClass properties", () => {
  const DAY = 86_400_000;
  it("gives every customer one history class and one cycle, whatever the order of the dates", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 12 }), { maxLength: 12 }), fc.integer(), (histories, seed) => {
        const rows = histories.map((days, i) => ({ customerId: i, renewals: days.map((d) => Date.UTC(2020, 0, 1) + d * DAY) }));
        const out = renewalFrequencyClass(rows);
        const again = renewalFrequencyClass(rows.map((r) => ({ ...r, renewals: shuffle(r.renewals, seed) })));
        expect(again).toEqual(out);
        out.forEach((r, i) => {
          const distinct = new Set(histories[i]).size;
          expect(r.renewals).toBe(distinct - 1);
          expect(["new", "returning", "long-term"]).toContain(r.history);
          expect(r.cycle === null).toBe(distinct === 1);
          if (r.cycle !== null) expect(["monthly", "quarterly", "annual", "irregular"]).toContain(r.cycle);
        });
      }),
    );
  });
});
