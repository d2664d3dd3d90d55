import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgFitFunctions } from "../../src/clv/bgNbdMath.js";
import { gammaGammaLikelihood } from "../../src/clv/fitGammaGamma.js";
import { hessianError, isSymmetric } from "./hessianCheck.js";

/** A log-uniform positive number in [lo, hi]. */
const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map(Math.exp);

/** (x, t_x, T, weight) patterns: x = 0 has t_x = 0; otherwise 0 < t_x ≤ T. */
const rfPattern = fc
  .record({ x: fc.integer({ min: 0, max: 60 }), T: fc.double({ min: 0.5, max: 100, noNaN: true }), share: fc.double({ min: 0.01, max: 1, noNaN: true }), w: fc.integer({ min: 1, max: 20 }) })
  .map(({ x, T, share, w }) => ({ x, tx: x === 0 ? 0 : share * T, T, w }));

const columns = <R,>(rows: readonly R[], ...fields: ((r: R) => number)[]): Float64Array[] => fields.map((f) => Float64Array.from(rows, f));

describe("analytic Hessians against finite differences of the analytic gradients, on random data", () => {
  it("BG/NBD and MBG/NBD agree to 1e-6 at random parameters, huge a and b included", () => {
    fc.assert(
      fc.property(
        fc.array(rfPattern, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(0 as const, 1 as const),
        logUniform(0.02, 50),
        logUniform(0.05, 500),
        logUniform(0.05, 1e6),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        (rows, k, r, alpha, a, ratio) => {
          const [x, tx, T, w] = columns(rows, (p) => p.x, (p) => p.tx, (p) => p.T, (p) => p.w) as [Float64Array, Float64Array, Float64Array, Float64Array];
          const f = bgFitFunctions(k, x, tx, T, w);
          // b within a factor 5 of a: a ≪ b makes the gradient (the reference) cancel, see hessian.test.ts.
          const th = [r, alpha, a, a * ratio];
          expect(isSymmetric(f.hessian(th))).toBe(true);
          expect(hessianError(f, th)).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("Gamma-Gamma agrees to 1e-6 at random parameters, the ridge p ~ 1e7 included", () => {
    const row = fc.record({ x: fc.integer({ min: 1, max: 200 }), m: logUniform(0.5, 5000), w: fc.integer({ min: 1, max: 20 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), logUniform(0.05, 1e7), logUniform(0.05, 1e3), logUniform(1e-3, 1e4), (rows, p, q, v) => {
        const [x, m, w] = columns(rows, (r) => r.x, (r) => r.m, (r) => r.w) as [Float64Array, Float64Array, Float64Array];
        const f = gammaGammaLikelihood(x, m, w);
        const th = [p, q, v];
        expect(isSymmetric(f.hessian(th))).toBe(true);
        expect(hessianError(f, th)).toBeLessThan(1e-6);
      }),
      { numRuns: 200 },
    );
  });
});
