import { describe, expect, it } from "vitest";
import { createRandom, logarithm } from "../../src/internal/random.js";

describe("the seeded generator", () => {
  it("gives pinned numbers for a seed (integer arithmetic and exactly rounded operations only)", () => {
    const r = createRandom(42);
    expect([r.uniform(), r.uniform(), r.normal()]).toEqual([0.6606157142949121, 0.11170196257441362, 0.1517826960801646]);
    const a = createRandom(7);
    const b = createRandom(7);
    for (let i = 0; i < 1000; i++) expect(a.normal()).toBe(b.normal());
  });

  it("draws uniforms strictly inside (0, 1) and normals with mean 0 and variance 1", () => {
    const r = createRandom(1);
    let s = 0;
    let s2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      expect(u > 0 && u < 1).toBe(true);
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it("computes ln x on (0, 1] to within 1e-15 relative of Math.log", () => {
    for (const x of [1, 0.5, 0.7071, 1e-300, 5e-324, 0.999999999, 0.123456789, 2 ** -52]) {
      expect(Math.abs(logarithm(x) - Math.log(x))).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(Math.log(x))));
    }
  });
});
