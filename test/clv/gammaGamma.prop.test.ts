import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedAverageSpend, fitGammaGamma } from "../../src/index.js";

const positive = fc.double({ min: 0.05, max: 100, noNaN: true });

describe("Gamma-Gamma properties", () => {
  it("expected spend lies between the population mean and the customer's own mean", () => {
    fc.assert(
      fc.property(positive, fc.double({ min: 1.01, max: 100, noNaN: true }), positive, fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1e6, noNaN: true }), (p, q, v, x, m) => {
        const s = expectedAverageSpend({ model: "gamma-gamma", params: { p, q, v } }, { frequency: x, monetaryValue: m })!;
        const pop = (p * v) / (q - 1);
        const own = x === 0 ? pop : m;
        const tol = 1e-9 * Math.max(pop, own, 1);
        expect(s).toBeGreaterThanOrEqual(Math.min(pop, own) - tol);
        expect(s).toBeLessThanOrEqual(Math.max(pop, own) + tol);
      }),
    );
  });

  it("more repeat purchases pull the estimate towards the customer's own mean", () => {
    fc.assert(
      fc.property(positive, fc.double({ min: 1.01, max: 100, noNaN: true }), positive, fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 1e4, noNaN: true }), (p, q, v, x, m) => {
        const model = { model: "gamma-gamma" as const, params: { p, q, v } };
        const a = expectedAverageSpend(model, { frequency: x, monetaryValue: m })!;
        const b = expectedAverageSpend(model, { frequency: x + 1, monetaryValue: m })!;
        expect(Math.abs(b - m)).toBeLessThanOrEqual(Math.abs(a - m) * (1 + 1e-12) + 1e-12);
      }),
    );
  });

  it("a fit is invariant to splitting a weighted row and to row order", () => {
    const row = fc.record({ frequency: fc.integer({ min: 1, max: 20 }), monetaryValue: fc.double({ min: 1, max: 500, noNaN: true }), weight: fc.integer({ min: 2, max: 50 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 3, maxLength: 12 }), (rows) => {
        const whole = fitGammaGamma(rows);
        const split = fitGammaGamma(
          [...rows].reverse().flatMap((r) => [{ ...r, weight: 1 }, { ...r, weight: r.weight - 1 }]),
        );
        expect(split.customers).toBe(whole.customers);
        for (const v of [...Object.values(whole.params), whole.logLikelihood]) expect(Number.isFinite(v)).toBe(true);
        // Identical spends make the likelihood unbounded (q, γ → ∞); such fits must say so and are not compared.
        if (!whole.converged || !split.converged) {
          expect(whole.reason ?? split.reason).not.toBeNull();
          return;
        }
        expect(split.logLikelihood).toBeCloseTo(whole.logLikelihood, 4);
        const c = { frequency: rows[0]!.frequency, monetaryValue: rows[0]!.monetaryValue };
        const a = expectedAverageSpend({ model: "gamma-gamma", params: whole.params }, c);
        const b = expectedAverageSpend({ model: "gamma-gamma", params: split.params }, c);
        if (a !== null && b !== null) expect(b / a).toBeCloseTo(1, 4);
      }),
      { numRuns: 40 },
    );
  });
});
