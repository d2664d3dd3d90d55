// Regressions for confidence levels at the float edges: Φ⁻¹(1 − (1 − c)/2) rounded its argument to 1 for
// c = 1 − 2⁻⁵³ and gave z = ∞, hence NaN bands.
import { describe, expect, it } from "vitest";
import { kaplanMeier } from "../../src/index.js";
import { twoSidedZ } from "../../src/internal/normal.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe("the two-sided normal quantile at the extremes", () => {
  it("matches 20-digit values from mpmath (sqrt(2)·erfinv(c)) up to the largest confidence below 1", () => {
    const cases: [number, number][] = [
      [0.9999999999999999, 8.2923610758135955382],
      [0.999999, 4.8916384756929317718],
      [0.95, 1.9599639845400538556],
      [0.5, 0.6744897501960817432],
    ];
    for (const [c, z] of cases) expect(rel(twoSidedZ(c), z)).toBeLessThan(1e-13);
  });
});

describe("kaplanMeier bands at any accepted confidence", () => {
  const rows = [3, 5, 5, 8, 12, 13, 20].map((d, i) => ({ duration: d, event: i % 3 !== 2 }));

  it("gives finite bands in [0, 1] at confidence 1 − 2⁻⁵³ (they were NaN) for every band type", () => {
    for (const confType of ["log", "log-log", "plain"] as const) {
      const km = kaplanMeier(rows, { confidence: 0.9999999999999999, confType });
      for (const band of [km.lower, km.upper]) {
        for (const v of band) if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
      }
      expect(km.lower.some((v) => v !== null)).toBe(true);
    }
  });

  it("gives the z = 8.29 log band: S·exp(−zσ) at the first event", () => {
    const km = kaplanMeier(rows, { confidence: 0.9999999999999999 });
    // First time 3: S = 6/7, σ² = 1/(7·6).
    const s = 6 / 7;
    const sigma = Math.sqrt(1 / 42);
    expect(rel(km.lower[0]!, s * Math.exp(-8.2923610758135955382 * sigma))).toBeLessThan(1e-12);
    expect(km.upper[0]).toBe(1);
  });

  it("gives bands that shrink to the curve at a tiny confidence", () => {
    const km = kaplanMeier(rows, { confidence: 1e-300 });
    km.survival.forEach((s, i) => {
      if (km.lower[i] !== null) expect(km.lower[i]).toBeCloseTo(s, 12);
    });
  });
});
