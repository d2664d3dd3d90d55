import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateClassifier, fitLogisticRegression } from "../../src/index.js";
import { relDiff } from "../helpers/csv.js";

const scoredArb = fc.array(
  fc.record({ score: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -10, max: 10, noNaN: true })), outcome: fc.boolean() }),
  { maxLength: 80 },
);
/** A permutation of an array, from a list of random keys. */
function permuted<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs.map((x, i) => [keys[i % Math.max(1, keys.length)]! + i * 1e-9, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
}

/** Mann–Whitney by definition: over all positive–negative pairs, 1 if ordered right, ½ if tied. */
function mannWhitney(rows: readonly { score: number; outcome: boolean }[]): number | null {
  const pos = rows.filter((r) => r.outcome);
  const neg = rows.filter((r) => !r.outcome);
  if (pos.length === 0 || neg.length === 0) return null;
  let s = 0;
  for (const p of pos) for (const q of neg) s += p.score > q.score ? 1 : p.score === q.score ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

describe("evaluateClassifier properties", () => {
  it("gives identical results for any order of the rows", () => {
    fc.assert(fc.property(scoredArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true })), (rows, keys) => {
      expect(evaluateClassifier(permuted(rows, keys), { k: [3, 10] })).toEqual(evaluateClassifier(rows, { k: [3, 10] }));
    }));
  });

  it("gives an AUC in [0, 1] equal to the Mann–Whitney statistic", () => {
    fc.assert(fc.property(scoredArb, (rows) => {
      const e = evaluateClassifier(rows);
      const mw = mannWhitney(rows);
      if (mw === null) expect(e.auc).toBeNull();
      else {
        expect(e.auc).toBeGreaterThanOrEqual(0);
        expect(e.auc).toBeLessThanOrEqual(1);
        expect(e.auc).toBeCloseTo(mw, 12);
      }
    }));
  });

  it("gives 1 − AUC for the negated scores, and the mirrored interval", () => {
    fc.assert(fc.property(scoredArb, (rows) => {
      const e = evaluateClassifier(rows);
      const f = evaluateClassifier(rows.map((r) => ({ score: -r.score, outcome: r.outcome })));
      if (e.auc === null) expect(f.auc).toBeNull();
      else expect(f.auc).toBeCloseTo(1 - e.auc, 12);
      if (e.aucStdErr !== null) expect(f.aucStdErr).toBeCloseTo(e.aucStdErr, 12);
    }));
  });

  it("has gains whose cumulative share ends at 1 and whose deciles hold every customer, highest scores first", () => {
    fc.assert(fc.property(scoredArb, (rows) => {
      const e = evaluateClassifier(rows);
      expect(e.gains.reduce((s, g) => s + g.customers, 0)).toBe(rows.length);
      expect(e.gains.reduce((s, g) => s + g.positives, 0)).toBe(e.positives);
      if (e.positives > 0) expect(e.gains[9]!.cumulativeShare).toBe(1);
      const means = e.calibration.map((c) => c.meanScore).filter((m): m is number => m !== null);
      for (let i = 1; i < means.length; i++) expect(means[i]!).toBeLessThanOrEqual(means[i - 1]!);
    }));
  });
});

/** Rows with a linear log-odds in two features and outcomes drawn from it (a seeded uniform per row). */
const logisticDataArb = fc
  .tuple(
    fc.array(fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.integer({ min: 0, max: 4 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 20, maxLength: 60 }),
    fc.double({ min: -1.5, max: 1.5, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
  )
  .map(([xs, b1, b2]) => xs.map(([a, b, u]) => ({ a, b, y: u < 1 / (1 + Math.exp(-(0.3 + b1 * a + b2 * b))) })));

function fitOrNull(rows: readonly Record<string, unknown>[], penalty: number): ReturnType<typeof fitLogisticRegression> | null {
  try {
    const m = fitLogisticRegression(rows, { outcome: "y", features: ["a", "b"], penalty });
    return m.converged ? m : null;
  } catch {
    return null; // all one class, or a constant feature
  }
}

describe("fitLogisticRegression properties", () => {
  it("gives identical results for any order of the rows", () => {
    fc.assert(fc.property(logisticDataArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true })), fc.constantFrom(0, 0.5), (rows, keys, penalty) => {
      const m = fitOrNull(rows, penalty);
      fc.pre(m !== null);
      expect(fitOrNull(permuted(rows, keys), penalty)).toEqual(m);
    }), { numRuns: 60 });
  });

  it("is invariant to a feature's scale up to the scale: x·c gets the coefficient β/c, at any penalty", () => {
    fc.assert(fc.property(logisticDataArb, fc.oneof(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.constantFrom(-7.5, 1e-6, 1e6)), fc.constantFrom(0, 0.5, 3), (rows, c, penalty) => {
      const m = fitOrNull(rows, penalty);
      fc.pre(m !== null);
      const s = fitOrNull(rows.map((r) => ({ ...r, a: r.a * c })), penalty);
      expect(s).not.toBeNull();
      expect(relDiff(s!.coefficients.a! * c, m!.coefficients.a!)).toBeLessThan(1e-8);
      expect(relDiff(s!.standardErrors.a! * Math.abs(c), m!.standardErrors.a!)).toBeLessThan(1e-8);
      expect(Math.abs(s!.coefficients.b! - m!.coefficients.b!)).toBeLessThan(1e-8 * (1 + Math.abs(m!.coefficients.b!)));
      expect(Math.abs(s!.coefficients.intercept! - m!.coefficients.intercept!)).toBeLessThan(1e-8 * (1 + Math.abs(m!.coefficients.intercept!)));
      expect(relDiff(s!.deviance, m!.deviance)).toBeLessThan(1e-10);
    }), { numRuns: 60 });
  });

  it("has a zero score at the estimate (penalised for the slopes) and never NaN", () => {
    fc.assert(fc.property(logisticDataArb, fc.constantFrom(0, 1), (rows, penalty) => {
      const m = fitOrNull(rows, penalty);
      fc.pre(m !== null);
      const c = m!.coefficients;
      const p = rows.map((r) => 1 / (1 + Math.exp(-(c.intercept! + c.a! * r.a + c.b! * r.b))));
      const g0 = rows.reduce((s, r, i) => s + (Number(r.y) - p[i]!), 0);
      expect(Math.abs(g0)).toBeLessThan(1e-7);
      expect(Object.values(m!.standardErrors).every((v) => v !== null && Number.isFinite(v))).toBe(true);
    }), { numRuns: 60 });
  });
});
