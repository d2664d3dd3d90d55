import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kaplanMeier, survivalAt, survivalData } from "../../src/index.js";

const observation = fc.record({ duration: fc.integer({ min: 0, max: 40 }).map((d) => d / 2), event: fc.boolean() });
const sample = fc.array(observation, { minLength: 1, maxLength: 60 });

describe("kaplanMeier properties", () => {
  it("starts at or below 1, never increases, and stays in [0, 1]", () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const km = kaplanMeier(rows);
        let prev = 1;
        for (const s of km.survival) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(prev);
          prev = s;
        }
        expect(survivalAt(km, -1)).toBe(1);
        expect(km.atRisk[0]).toBe(rows.length);
      }),
    );
  });

  it("equals the empirical survival function when nothing is censored", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 80 }), (ds) => {
        const km = kaplanMeier(ds.map((duration) => ({ duration, event: true })));
        km.times.forEach((t, i) => {
          const empirical = ds.filter((d) => d > t).length / ds.length;
          expect(km.survival[i]).toBeCloseTo(empirical, 12);
        });
      }),
    );
  });

  it("keeps bands around the curve, inside [0, 1], for every band type", () => {
    fc.assert(
      fc.property(sample, fc.constantFrom("log" as const, "log-log" as const, "plain" as const), (rows, confType) => {
        const km = kaplanMeier(rows, { confType });
        km.survival.forEach((s, i) => {
          const lo = km.lower[i];
          const hi = km.upper[i];
          if (lo === null || hi === null) return;
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(1);
          expect(lo).toBeLessThanOrEqual(s + 1e-12);
          expect(hi).toBeGreaterThanOrEqual(s - 1e-12);
        });
        if (km.median !== null && km.medianLower !== null) expect(km.medianLower).toBeLessThanOrEqual(km.median);
        if (km.median !== null && km.medianUpper !== null) expect(km.medianUpper).toBeGreaterThanOrEqual(km.median);
      }),
    );
  });

  it("does not depend on the order of the observations", () => {
    fc.assert(
      fc.property(sample, fc.integer(), (rows, seed) => {
        const shuffled = rows.map((r, i) => ({ r, key: Math.sin(seed + i * 7.1) })).sort((a, b) => a.key - b.key).map((x) => x.r);
        expect(kaplanMeier(shuffled)).toEqual(kaplanMeier(rows));
      }),
    );
  });

  it("has a median where S first reaches 0.5 or an enclosing midpoint", () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const km = kaplanMeier(rows);
        if (km.median === null) {
          expect(km.survival.every((s) => s > 0.5 + 1e-9)).toBe(true);
          return;
        }
        const sm = survivalAt(km, km.median);
        expect(sm === null || sm <= 0.5 + 1e-9).toBe(true);
      }),
    );
  });
});

describe("survivalData properties", () => {
  it("gives durations ≥ 0 that end at asOf for censored rows and never after it", () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.option(fc.integer({ min: 0, max: 100 }))), { maxLength: 30 }), (pairs) => {
        const asOf = 100 * day;
        const rows = pairs.map(([s, len]) => ({ startAt: s * day, endAt: len === null ? null : (s + len) * day }));
        const out = survivalData(rows, { asOf });
        out.forEach((o, i) => {
          expect(o.duration).toBeGreaterThanOrEqual(0);
          expect(rows[i]!.startAt + o.duration * day).toBeLessThanOrEqual(asOf);
          if (!o.event) expect(rows[i]!.startAt + o.duration * day).toBe(asOf);
        });
      }),
    );
  });
});
