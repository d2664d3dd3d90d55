import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, expectedPurchases, probabilityOfPurchases } from "../../src/index.js";
import { aliveMeanByQuadrature, countingBracket, eulerBracket } from "../../src/clv/bgNbdMath.js";

/** A number drawn log-uniformly in [10^lo, 10^hi]. */
const logUniform = (lo: number, hi: number): fc.Arbitrary<number> => fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e);
const params = (lo: number, hi: number) => fc.record({ r: logUniform(lo, hi), alpha: logUniform(lo, hi), a: logUniform(lo, hi), b: logUniform(lo, hi) });
const kind = fc.constantFrom("bg-nbd" as const, "mbg-nbd" as const);
/** A purchase history: x repeat purchases, the last at t_x ≤ T (t_x = 0 when x = 0). */
const history = fc
  .tuple(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 })), logUniform(-3, 3), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([frequency, T, share]) => ({ frequency, recency: frequency === 0 ? 0 : T * share, T }));

describe("BG/NBD and MBG/NBD expectations over parameters drawn log-uniformly in 1e-3..1e3", () => {
  it("equal Σ n·P(X(t) = n) when the mean count r·t/α is moderate", () => {
    // Half the runs with r in 30..1000, where the Euler series cancels once the mean count passes ~30.
    const withLargeR = fc.tuple(params(-3, 3), fc.option(logUniform(1.5, 3), { freq: 1 })).map(([p, r]) => (r === null ? p : { ...p, r }));
    fc.assert(
      fc.property(withLargeR, kind, logUniform(-1, Math.log10(200)), (p, model, mean) => {
        // t from the mean count of a customer who never drops out, so large r is drawn as often as small.
        const t = (mean * p.alpha) / p.r;
        fc.pre(t >= 1e-9 && t <= 1e9);
        const m = { model, params: p };
        const e = expectedPurchases(m, t);
        let sum = 0;
        // P(X = n) is at most the NBD's P(N ≥ n) (with a dropout chance added), whose terms fall by (r+j)z/(j+1)
        // → z = t/(α+t): past mean + 40 sd + 45/(−ln z) the rest of Σ n·P(X = n) is far below 1e-15 of it.
        const nMax = Math.ceil(mean + 40 * Math.sqrt(mean * (1 + t / p.alpha)) + 45 / Math.log1p(p.alpha / t));
        fc.pre(nMax <= 1500);
        for (let n = 1; n <= nMax; n++) sum += n * probabilityOfPurchases(m, n, t);
        expect(Math.abs(e - sum)).toBeLessThanOrEqual(1e-11 * e + 1e-300);
      }),
      { numRuns: 100 },
    );
  });

  it("stay within [0, r·t/α], finite, and never decrease in t", () => {
    fc.assert(
      fc.property(params(-3, 3), kind, logUniform(-3, 3), logUniform(-3, 3), (p, model, t1, t2) => {
        const m = { model, params: p };
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const eLo = expectedPurchases(m, lo);
        const eHi = expectedPurchases(m, hi);
        for (const [e, t] of [[eLo, lo], [eHi, hi]] as const) {
          expect(Number.isFinite(e)).toBe(true);
          expect(e).toBeGreaterThanOrEqual(0);
          expect(e).toBeLessThanOrEqual(((p.r * t) / p.alpha) * (1 + 1e-12));
        }
        // Monotone up to the last few bits (the two horizons may be evaluated by different methods).
        expect(eHi).toBeGreaterThanOrEqual(eLo * (1 - 1e-12));
      }),
      { numRuns: 3000 },
    );
  });

  it("give a finite conditional expectation in [0, (r+x)·t/(α+T)] for any history", () => {
    fc.assert(
      fc.property(params(-3, 3), kind, history, logUniform(-3, 3), (p, model, c, t) => {
        const e = conditionalExpectedPurchases({ model, params: p }, c, t);
        expect(Number.isFinite(e)).toBe(true);
        expect(e).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual((((p.r + c.frequency) * t) / (p.alpha + c.T)) * (1 + 1e-12));
      }),
      { numRuns: 3000 },
    );
  });

  it("agree to 1e-12 between the Euler series, the counting series and the quadrature wherever each answers, over 1e-12..1e12", () => {
    fc.assert(
      fc.property(params(-12, 12), fc.constantFrom(0 as const, 1 as const), history, logUniform(-6, 6), (p, k, c, t) => {
        const quad = aliveMeanByQuadrature(p, k, c.frequency, c.T, t);
        const euler = eulerBracket(p, k, c.frequency, c.T, t);
        const counting = countingBracket(p, k, c.frequency, c.T, t);
        expect(Number.isFinite(quad)).toBe(true);
        if (euler !== null) expect(Math.abs(euler - quad)).toBeLessThanOrEqual(1e-12 * quad);
        if (counting !== null) expect(Math.abs(counting - quad)).toBeLessThanOrEqual(1e-12 * quad);
      }),
      { numRuns: 1500 },
    );
  });
});
