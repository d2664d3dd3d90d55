import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kaplanMeier, logRankTest, nelsonAalen, restrictedMeanSurvival } from "../../src/index.js";

const observation = fc.record({ duration: fc.integer({ min: 0, max: 30 }).map((d) => d / 2), event: fc.boolean() });
const sample = fc.array(observation, { minLength: 1, maxLength: 60 });
const grouped = fc.array(fc.record({ duration: fc.integer({ min: 0, max: 20 }), event: fc.boolean(), group: fc.constantFrom("a", "b", "c", 1), site: fc.constantFrom("x", "y") }), { minLength: 1, maxLength: 60 });

function shuffle<T>(rows: readonly T[], seed: number): T[] {
  return rows.map((r, i) => ({ r, key: Math.sin(seed + i * 7.1) })).sort((a, b) => a.key - b.key).map((x) => x.r);
}

describe("nelsonAalen properties", () => {
  it("does not depend on the order of the observations", () => {
    fc.assert(
      fc.property(sample, fc.integer(), (rows, seed) => {
        expect(nelsonAalen(shuffle(rows, seed))).toEqual(nelsonAalen(rows));
      }),
    );
  });

  it("has the times of kaplanMeier, and exp(−H) ≥ the Kaplan–Meier S at every time", () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const na = nelsonAalen(rows);
        const km = kaplanMeier(rows);
        expect(na.times).toEqual(km.times);
        expect(na.atRisk).toEqual(km.atRisk);
        na.survival.forEach((s, i) => expect(s).toBeGreaterThanOrEqual(km.survival[i]! - 1e-15));
        let prev = 0;
        for (const h of na.cumulativeHazard) {
          expect(h).toBeGreaterThanOrEqual(prev);
          prev = h;
        }
      }),
    );
  });

  it("keeps finite bands around the hazard for every band type", () => {
    fc.assert(
      fc.property(sample, fc.constantFrom("log" as const, "log-log" as const, "plain" as const), (rows, confType) => {
        const na = nelsonAalen(rows, { confType });
        na.cumulativeHazard.forEach((h, i) => {
          const lo = na.lower[i];
          const hi = na.upper[i];
          if (lo !== null) expect(lo >= 0 && lo <= h + 1e-12).toBe(true);
          if (hi !== null) expect(Number.isFinite(hi) && hi >= h - 1e-12).toBe(true);
        });
      }),
    );
  });
});

describe("logRankTest properties", () => {
  it("gives χ² ≥ 0, a p-value in [0, 1], and the same numbers for any row order", () => {
    fc.assert(
      fc.property(grouped, fc.integer(), fc.constantFrom(0, 0.5, 1), fc.boolean(), (rows, seed, rho, stratified) => {
        const options = stratified ? { rho, strata: "site" } : { rho };
        const t = logRankTest(rows, options);
        expect(t.chiSquare).toBeGreaterThanOrEqual(0);
        if (t.pValue !== null) expect(t.pValue >= 0 && t.pValue <= 1).toBe(true);
        expect(logRankTest(shuffle(rows, seed), options)).toEqual(t);
      }),
    );
  });

  it("does not change when the groups are relabelled", () => {
    const rename: Record<string, string | number> = { a: "z", b: 7, c: "m", 1: "a" };
    fc.assert(
      fc.property(grouped, fc.constantFrom(0, 1), (rows, rho) => {
        const t = logRankTest(rows, { rho });
        const u = logRankTest(rows.map((r) => ({ ...r, group: rename[String(r.group)]! })), { rho });
        expect(u.df).toBe(t.df);
        expect(Math.abs(u.chiSquare - t.chiSquare)).toBeLessThanOrEqual(1e-9 * Math.max(1, t.chiSquare));
        const byLabel = new Map(u.groups.map((g) => [g.group, g]));
        for (const g of t.groups) {
          const h = byLabel.get(rename[String(g.group)]!)!;
          expect([h.n, h.observed]).toEqual([g.n, g.observed]);
          expect(h.expected).toBeCloseTo(g.expected, 12);
        }
      }),
    );
  });

  it("has observed and expected totals equal, since Σ_g E_g = Σ d at each time", () => {
    fc.assert(
      fc.property(grouped, (rows) => {
        const t = logRankTest(rows);
        const o = t.groups.reduce((s, g) => s + g.observed, 0);
        const e = t.groups.reduce((s, g) => s + g.expected, 0);
        expect(Math.abs(o - e)).toBeLessThanOrEqual(1e-9 * Math.max(1, o));
      }),
    );
  });
});

describe("restrictedMeanSurvival properties", () => {
  it("lies in [0, horizon], equals the horizon when no event falls before it, and grows with the horizon", () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: 0, max: 40 }).map((h) => h / 2), (rows, horizon) => {
        const km = kaplanMeier(rows);
        const r = restrictedMeanSurvival(km, horizon);
        expect(r.estimate).toBeGreaterThanOrEqual(0);
        expect(r.estimate).toBeLessThanOrEqual(horizon);
        expect(r.standardError).toBeGreaterThanOrEqual(0);
        if (!rows.some((x) => x.event && x.duration < horizon)) expect(r).toEqual({ estimate: horizon, standardError: 0, horizon });
        expect(restrictedMeanSurvival(km, horizon + 1).estimate).toBeGreaterThanOrEqual(r.estimate * (1 - 1e-15));
        expect(restrictedMeanSurvival(kaplanMeier(shuffle(rows, horizon)), horizon)).toEqual(r);
      }),
    );
  });
});
