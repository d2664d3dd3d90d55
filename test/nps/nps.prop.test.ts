import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csat, npsDifference, nps } from "../../src/index.js";
import { normalCdf, normalQuantile } from "../../src/internal/normal.js";
import { twoSidedPValue, zForConfidence } from "../../src/internal/nps.js";

const answers = fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 300 });
const confidence = fc.double({ min: 0.5, max: 0.999, noNaN: true });
const interval = fc.constantFrom("wald" as const, "adjustedWald" as const);

describe("nps properties", () => {
  it("keeps the score and its interval in [−100, 100], around the score for Wald", () => {
    fc.assert(
      fc.property(answers, confidence, interval, (xs, c, iv) => {
        const r = nps(xs, { confidence: c, interval: iv });
        if (xs.length === 0) return r.score === null && r.lower === null;
        expect(r.score!).toBeGreaterThanOrEqual(-100);
        expect(r.score!).toBeLessThanOrEqual(100);
        expect(r.lower!).toBeGreaterThanOrEqual(-100);
        expect(r.upper!).toBeLessThanOrEqual(100);
        expect(r.lower!).toBeLessThanOrEqual(r.upper!);
        if (iv === "wald") {
          expect(r.lower!).toBeLessThanOrEqual(r.score! + 1e-9);
          expect(r.upper!).toBeGreaterThanOrEqual(r.score! - 1e-9);
        }
        return true;
      }),
    );
  });

  it("has shares that sum to 1 and counts that sum to the total", () => {
    fc.assert(
      fc.property(answers.filter((xs) => xs.length > 0), (xs) => {
        const r = nps(xs);
        expect(r.promoterShare! + r.passiveShare! + r.detractorShare!).toBeCloseTo(1, 12);
        expect(r.promoters + r.passives + r.detractors).toBe(xs.length);
      }),
    );
  });

  it("gives the same result for raw answers and for their counts", () => {
    fc.assert(
      fc.property(answers, confidence, interval, (xs, c, iv) => {
        const counts = { promoters: xs.filter((x) => x >= 9).length, passives: xs.filter((x) => x === 7 || x === 8).length, detractors: xs.filter((x) => x <= 6).length };
        expect(nps(counts, { confidence: c, interval: iv })).toEqual(nps(xs, { confidence: c, interval: iv }));
      }),
    );
  });

  it("does not depend on the order of the answers", () => {
    fc.assert(
      fc.property(answers, (xs) => {
        expect(nps([...xs].reverse())).toEqual(nps(xs));
      }),
    );
  });

  it("widens the interval as the confidence rises", () => {
    fc.assert(
      fc.property(answers.filter((xs) => xs.length > 0), (xs) => {
        expect(nps(xs, { confidence: 0.99 }).marginOfError!).toBeGreaterThanOrEqual(nps(xs, { confidence: 0.9 }).marginOfError!);
      }),
    );
  });

  it("makes npsDifference antisymmetric with the same p-value", () => {
    fc.assert(
      fc.property(answers, answers, (a, b) => {
        const ab = npsDifference(a, b);
        const ba = npsDifference(b, a);
        expect(ab.pValue).toEqual(ba.pValue);
        if (ab.difference !== null) expect(ab.difference + ba.difference!).toBeCloseTo(0, 9);
        if (ab.pValue !== null) expect(ab.pValue >= 0 && ab.pValue <= 1).toBe(true);
      }),
    );
  });

  it("keeps the CSAT share inside its Wilson interval inside [0, 1]", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 200 }), confidence, (xs, c) => {
        const r = csat(xs, { confidence: c });
        expect(0 <= r.lower! && r.lower! <= r.score! && r.score! <= r.upper! && r.upper! <= 1).toBe(true);
      }),
    );
  });
});

describe("the shared normal distribution", () => {
  it("matches reference values of Φ and Φ⁻¹", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(-3) / 0.0013498980316301).toBeCloseTo(1, 12);
    expect(normalCdf(-8) / 6.220960574271785e-16).toBeCloseTo(1, 7);
    expect(zForConfidence(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(zForConfidence(0.99)).toBeCloseTo(2.5758293035489, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10) / -6.361340902404056).toBeCloseTo(1, 9);
    expect(twoSidedPValue(1.959963984540054)).toBeCloseTo(0.05, 14);
  });

  it("inverts Φ to within 1e-9 relative error over every tail area a confidence level can ask for", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-17, max: 0.5, noNaN: true }), (p) => {
        expect(Math.abs(normalCdf(normalQuantile(p)) - p) / p).toBeLessThan(1e-9);
        const tail = 1 - (1 - p); // the upper tail 1 − p really represents
        if (tail > 0) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(tail), 6);
      }),
    );
  });

  it("turns confidence levels into z and z back into p-values", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.999999, noNaN: true }), (c) => {
        expect(twoSidedPValue(zForConfidence(c))).toBeCloseTo(1 - c, 12);
      }),
    );
  });
});
