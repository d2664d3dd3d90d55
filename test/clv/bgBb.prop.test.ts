import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, fitBgBb, probabilityAlive } from "../../src/index.js";

const param = fc.double({ min: 0.05, max: 20, noNaN: true });
const params = fc.record({ alpha: param, beta: param, gamma: param, delta: param });
const customer = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }))
  .map(([a, b, c]) => {
    const [x0, tx0, n] = [a, b, c].sort((u, v) => u - v) as [number, number, number];
    const x = tx0 === 0 ? 0 : Math.max(1, x0);
    return { frequency: x, recency: x === 0 ? 0 : tx0, n };
  });

describe("BG/BB properties", () => {
  it("P(alive) is a probability and conditional expected purchases are finite, ≥ 0 and grow with the horizon", () => {
    fc.assert(
      fc.property(params, customer, fc.integer({ min: 0, max: 500 }), (p, c, h) => {
        const model = { model: "bg-bb" as const, params: p };
        const alive = probabilityAlive(model, c);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        const e1 = conditionalExpectedPurchases(model, c, h);
        const e2 = conditionalExpectedPurchases(model, c, h + 1);
        expect(Number.isFinite(e1) && e1 >= 0).toBe(true);
        expect(e2).toBeGreaterThanOrEqual(e1);
        expect(e2 - e1).toBeLessThanOrEqual(1 + 1e-12); // at most one transaction per opportunity
      }),
    );
  });

  it("a fit is invariant to splitting a weighted row", { timeout: 30_000 }, () => {
    const small = customer.filter((c) => c.n <= 12);
    fc.assert(
      fc.property(fc.array(fc.tuple(small, fc.integer({ min: 2, max: 200 })), { minLength: 3, maxLength: 8 }), (rows) => {
        const whole = fitBgBb(rows.map(([c, w]) => ({ ...c, weight: w })));
        const split = fitBgBb(rows.flatMap(([c, w]) => [{ ...c, weight: 1 }, { ...c, weight: w - 1 }]));
        expect(split.customers).toBe(whole.customers);
        expect(split.logLikelihood).toBeCloseTo(whole.logLikelihood, 4);
        for (const v of [...Object.values(whole.params), whole.logLikelihood]) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});
