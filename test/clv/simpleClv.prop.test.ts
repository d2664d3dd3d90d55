import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simpleClv } from "../../src/index.js";

const r = fc.double({ min: 0, max: 0.999, noNaN: true });
// Discount rates are fractions in [0, 1]: a rate above 1 is refused as a likely percentage.
const d = fc.double({ min: 0, max: 1, noNaN: true });
const m = fc.double({ min: 0, max: 1e6, noNaN: true });

describe("simpleClv properties", () => {
  it("a finite horizon grows with the horizon and never exceeds the perpetuity", () => {
    fc.assert(
      fc.property(m, r, d, fc.integer({ min: 0, max: 500 }), (margin, retentionRate, discountRate, h) => {
        const a = simpleClv({ margin, retentionRate, discountRate, horizon: h });
        const b = simpleClv({ margin, retentionRate, discountRate, horizon: h + 1 });
        const inf = simpleClv({ margin, retentionRate, discountRate });
        expect(b).toBeGreaterThanOrEqual(a * (1 - 1e-12));
        expect(b).toBeLessThanOrEqual(inf * (1 + 1e-12) + 1e-9);
      }),
    );
  });

  it("falls as the discount rate rises and rises with retention", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (margin, retentionRate, lo, step) => {
        const hi = lo + step;
        expect(simpleClv({ margin, retentionRate, discountRate: lo })).toBeGreaterThan(simpleClv({ margin, retentionRate, discountRate: hi }));
        expect(simpleClv({ margin, retentionRate: Math.min(0.9995, retentionRate + 1e-3), discountRate: lo })).toBeGreaterThan(simpleClv({ margin, retentionRate, discountRate: lo }));
      }),
    );
  });
});
