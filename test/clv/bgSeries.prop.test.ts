import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eulerBracket } from "../../src/clv/bgNbdMath.js";

/**
 * The same closed form as bgExpectedBracket, with its 2F1 series summed without any early stop: every term
 * until they are below 1e-30 of the sum and past the largest term (an independent reference for the stop rule).
 */
function reference(p: { r: number; alpha: number; a: number; b: number }, k: 0 | 1, x: number, T: number, t: number): number {
  const { r, alpha, a, b } = p;
  const c = a + b + x + k - 1;
  const A = a + b + k - 1 - r;
  const logOneMinusZ = -Math.log1p(t / (alpha + T));
  const z = t / (alpha + T + t);
  const am1 = a - 1;
  const u = am1 * logOneMinusZ;
  const e1 = u === 0 ? logOneMinusZ : Math.expm1(u) / am1;
  let h = A * z;
  let H = h;
  for (let n = 1; n < 200_000 && h !== 0; n++) {
    h *= ((A + n) * (a + n - 1) * z) / ((c + n) * (n + 1));
    H += h;
    if (n > Math.abs(A) + a + Math.abs(c) + 50 && Math.abs(h) < 1e-30 * Math.abs(H)) break;
  }
  return -c * e1 - Math.exp(u) * H;
}

describe("the BG/NBD expected-purchases series", () => {
  it("stops only once its bounded tail is below the last digit: it equals the series summed to exhaustion", () => {
    const pos = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
    fc.assert(
      fc.property(
        fc.record({ r: pos(0.01, 20), alpha: pos(0.1, 100), a: pos(0.01, 30), b: pos(0.01, 60) }),
        fc.constantFrom(0 as const, 1 as const),
        fc.integer({ min: 0, max: 300 }),
        pos(0, 500),
        pos(1e-6, 1),
        (p, k, x, T, zFraction) => {
          // t from the mixing variable z = t/(α+T+t) ≤ 0.9, where the series is summed (not the quadrature).
          const z = 0.9 * zFraction;
          const t = (z * (p.alpha + T)) / (1 - z);
          // The series is the first of three evaluations: where its terms cancel (condition number above the
          // limit) it declines and the counting series or the quadrature answers instead (their accuracy is
          // checked against mpmath in bgNbdExpectation.reference.test.ts), so only its accepted values are compared.
          const got = eulerBracket(p, k, x, T, t);
          if (got === null) return;
          const want = reference(p, k, x, T, t);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-13 * Math.max(1e-300, Math.abs(want)) + 1e-300);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
