import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { predictionIntervals, probabilityAlive, type ModelWithCovariance } from "../../src/index.js";

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const model: fc.Arbitrary<ModelWithCovariance> = fc
  .tuple(
    fc.constantFrom("bg-nbd", "mbg-nbd", "pareto-nbd"),
    fc.tuple(positive(0.05, 5), positive(0.5, 50), positive(0.05, 5), positive(0.5, 20)),
    fc.array(positive(0.01, 0.5), { minLength: 4, maxLength: 4 }),
    positive(-0.3, 0.8),
  )
  .map(([name, [a1, a2, a3, a4], cv, rho]) => {
    const params = name === "pareto-nbd" ? { r: a1, alpha: a2, s: a3, beta: a4 } : { r: a1, alpha: a2, a: a3, b: a4 };
    const names = Object.keys(params);
    const theta = Object.values(params);
    const matrix = names.map((_, i) => names.map((_, j) => (i === j ? 1 : rho) * cv[i]! * theta[i]! * cv[j]! * theta[j]!));
    return { model: name, params, covariance: { names, matrix } } as ModelWithCovariance;
  });
const customer = fc
  .tuple(fc.integer({ min: 0, max: 20 }), positive(0.05, 1), positive(1, 60))
  .map(([frequency, u, T]) => ({ frequency, recency: frequency === 0 ? 0 : u * T, T }));

describe("predictionIntervals (properties)", () => {
  it("gives finite bounds in range, lower ≤ upper, the delta method's around the estimate", () => {
    fc.assert(
      fc.property(model, fc.array(customer, { minLength: 1, maxLength: 5 }), fc.constantFrom("sampling", "delta"), positive(0.5, 0.99), (m, cs, method, level) => {
        const r = predictionIntervals(m, cs, { method, level, draws: 50, seed: 3, horizon: 20 });
        r.customers.forEach((c, i) => {
          expect(c.probabilityAlive.estimate).toBe(probabilityAlive(m, cs[i]!));
          for (const [q, hi] of [[c.probabilityAlive, 1], [c.expectedPurchases!, Number.POSITIVE_INFINITY]] as const) {
            expect(Number.isFinite(q.lower!) && Number.isFinite(q.upper!)).toBe(true);
            expect(q.lower!).toBeGreaterThanOrEqual(0);
            expect(q.upper!).toBeLessThanOrEqual(hi);
            expect(q.lower!).toBeLessThanOrEqual(q.upper!);
            if (method === "delta") {
              expect(q.lower!).toBeLessThanOrEqual(q.estimate);
              expect(q.upper!).toBeGreaterThanOrEqual(q.estimate);
            }
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it("gives each customer the same intervals whatever the order of the rows", () => {
    fc.assert(
      fc.property(model, fc.array(customer, { minLength: 2, maxLength: 6 }), fc.integer({ min: 0, max: 1000 }), (m, cs, seed) => {
        const a = predictionIntervals(m, cs, { draws: 30, seed, horizon: 10 });
        const b = predictionIntervals(m, cs.slice().reverse(), { draws: 30, seed, horizon: 10 });
        expect(b.customers.slice().reverse()).toEqual(a.customers);
      }),
      { numRuns: 40 },
    );
  });
});
