import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, holdoutAccuracy, type TransactionModel } from "../../src/index.js";

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const bgParams = fc.record({ r: positive(0.05, 10), alpha: positive(0.1, 100), a: positive(0.05, 10), b: positive(0.05, 10) });
const paretoParams = fc.record({ r: positive(0.05, 10), alpha: positive(0.1, 100), s: positive(0.05, 10), beta: positive(0.1, 100) });
const model: fc.Arbitrary<Exclude<TransactionModel, { model: "bg-bb" }>> = fc.oneof(
  bgParams.map((params) => ({ model: "bg-nbd", params }) as const),
  bgParams.map((params) => ({ model: "mbg-nbd", params }) as const),
  paretoParams.map((params) => ({ model: "pareto-nbd", params }) as const),
);
const row = fc
  .tuple(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), positive(0, 60), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 52 }))
  .map(([frequency, u, T, holdoutFrequency, holdoutDuration]) => ({ frequency, recency: frequency === 0 ? 0 : u * T, T, holdoutFrequency, holdoutDuration }));
const rows = fc.array(row, { maxLength: 40 });

/** Every number of a plain JSON value, recursively. */
function numbers(v: unknown, out: number[] = []): number[] {
  if (typeof v === "number") out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => numbers(x, out));
  else if (v !== null && typeof v === "object") Object.values(v).forEach((x) => numbers(x, out));
  return out;
}

describe("holdoutAccuracy properties", () => {
  it("gives identical numbers for any order of the rows", () => {
    fc.assert(fc.property(model, rows, fc.infiniteStream(fc.nat()), (m, rs, seeds) => {
      const shuffled = rs.map((r) => [seeds.next().value, r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
      expect(holdoutAccuracy(m, shuffled)).toEqual(holdoutAccuracy(m, rs));
    }));
  });

  it("gives MAE and RMSE 0, and correlation 1 when defined, for a perfect predictor (actual = expected)", () => {
    fc.assert(fc.property(model, rows, (m, rs) => {
      const perfect = rs.map((r) => ({ ...r, holdoutFrequency: conditionalExpectedPurchases(m, r, r.holdoutDuration) }));
      const p = holdoutAccuracy(m, perfect).purchases.model;
      if (rs.length > 0) {
        expect(p.mae).toBe(0);
        expect(p.rmse).toBe(0);
        expect(p.relativeError === null || p.relativeError === 0).toBe(true);
      }
      if (p.correlation !== null) expect(p.correlation).toBeCloseTo(1, 9);
      for (const c of p.calibration) expect(c.meanExpected).toBe(c.meanActual);
    }));
  });

  it("keeps every AUC and correlation in range, and every number finite", () => {
    fc.assert(fc.property(model, rows, (m, rs) => {
      const r = holdoutAccuracy(m, rs);
      for (const e of Object.values(r.ranking)) {
        if (e.auc !== null) expect(e.auc >= 0 && e.auc <= 1).toBe(true);
        if (e.aucLower !== null) expect(e.aucLower <= e.auc! && e.auc! <= e.aucUpper!).toBe(true);
      }
      for (const a of Object.values(r.purchases)) {
        for (const c of [a.correlation, a.spearman]) if (c !== null) expect(Math.abs(c) <= 1).toBe(true);
        expect(a.calibration.reduce((s, c) => s + c.customers, 0)).toBe(rs.length);
      }
      for (const v of numbers(r)) expect(Number.isFinite(v)).toBe(true);
    }));
  });

  it("does not change its input rows", () => {
    fc.assert(fc.property(model, rows, (m, rs) => {
      const copy = structuredClone(rs);
      holdoutAccuracy(m, rs);
      expect(rs).toEqual(copy);
    }));
  });
});
