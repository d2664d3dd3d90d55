import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { discountedResidualLifetime, fitShiftedBetaGeometric, retentionCurve } from "../../src/index.js";

const param = fc.double({ min: 0.01, max: 50, noNaN: true });
// Discount rates are fractions in [0, 1]: a rate above 1 is refused as a likely percentage.
const rate = fc.double({ min: 0.005, max: 1, noNaN: true });

describe("shifted-beta-geometric properties", () => {
  it("the retention curve starts at 1 and never increases", () => {
    fc.assert(
      fc.property(param, param, fc.integer({ min: 0, max: 200 }), (alpha, beta, periods) => {
        const S = retentionCurve({ model: "sbg", params: { alpha, beta } }, periods);
        expect(S[0]).toBe(1);
        expect(S).toHaveLength(periods + 1);
        for (let t = 1; t <= periods; t++) {
          expect(S[t]!).toBeLessThanOrEqual(S[t - 1]!);
          expect(S[t]!).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it("DERL is at least the next renewal's probability, at most the undiscounted-survival bound (1+d)/d, and finite", () => {
    fc.assert(
      fc.property(param, param, fc.integer({ min: 0, max: 50 }), rate, (alpha, beta, renewals, d) => {
        const v = discountedResidualLifetime({ model: "sbg", params: { alpha, beta } }, { renewals, discountRate: d })!;
        const next = (beta + renewals) / (alpha + beta + renewals);
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(next * (1 - 1e-12));
        expect(v).toBeLessThanOrEqual(((1 + d) / d) * (1 + 1e-12));
      }),
    );
  });

  it("DERL decreases as the discount rate rises and grows with the renewals already made", () => {
    fc.assert(
      fc.property(param, param, fc.integer({ min: 0, max: 30 }), fc.double({ min: 0.005, max: 0.5, noNaN: true }), fc.double({ min: 1e-4, max: 0.5, noNaN: true }), (alpha, beta, renewals, lo, step) => {
        const m = { model: "sbg" as const, params: { alpha, beta } };
        const hi = lo + step;
        expect(discountedResidualLifetime(m, { renewals, discountRate: lo })!).toBeGreaterThan(discountedResidualLifetime(m, { renewals, discountRate: hi })!);
        expect(discountedResidualLifetime(m, { renewals: renewals + 1, discountRate: lo })!).toBeGreaterThanOrEqual(discountedResidualLifetime(m, { renewals, discountRate: lo })! * (1 - 1e-12));
      }),
    );
  });

  it("DERL equals the defining sum Σ_{t≥n} S(t)/S(n−1)/(1+d)^(t−n)", () => {
    fc.assert(
      fc.property(param, param, fc.integer({ min: 0, max: 30 }), fc.double({ min: 0.05, max: 1, noNaN: true }), (alpha, beta, renewals, d) => {
        const m = { model: "sbg" as const, params: { alpha, beta } };
        const n = renewals + 1;
        const horizon = n + Math.ceil(40 / Math.log1p(d)); // (1+d)^−(t−n) < e^−40 beyond
        const S = retentionCurve(m, horizon);
        let sum = 0;
        for (let t = n; t <= horizon; t++) sum += S[t]! / S[n - 1]! / (1 + d) ** (t - n);
        expect(discountedResidualLifetime(m, { renewals, discountRate: d })!).toBeCloseTo(sum, 9);
      }),
      { numRuns: 50 },
    );
  });

  it("fitting a cohort scaled by a whole factor gives the same projection and per-customer likelihood", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 0.98, noNaN: true }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 2, max: 1000 }),
        (keep, k) => {
          const s = [1000];
          for (const r of keep) s.push(Math.floor(s[s.length - 1]! * r));
          const a = fitShiftedBetaGeometric(s);
          const b = fitShiftedBetaGeometric(s.map((n) => n * k));
          expect(Number.isFinite(a.params.alpha) && Number.isFinite(a.params.beta)).toBe(true);
          expect(Number.isFinite(a.logLikelihood)).toBe(true);
          // Parameters may drift along a flat ridge (a homogeneous cohort sends α, β → ∞ together); the
          // projection they imply may not.
          const Sa = retentionCurve({ model: "sbg", params: a.params }, 20);
          const Sb = retentionCurve({ model: "sbg", params: b.params }, 20);
          Sa.forEach((v, t) => expect(Sb[t]!).toBeCloseTo(v, 3));
          expect(b.logLikelihood / (1000 * k)).toBeCloseTo(a.logLikelihood / 1000, 5);
          // (`converged` may differ: a weakly identified estimate becomes acceptable with more data.)
          if (a.converged && b.converged) expect(b.params.alpha / a.params.alpha).toBeCloseTo(1, 3);
        },
      ),
      { numRuns: 30 },
    );
  });
});
