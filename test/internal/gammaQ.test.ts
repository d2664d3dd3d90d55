import { describe, expect, it } from "vitest";
import { gammaQ } from "../../src/internal/special.js";

// Q(a, x) from mpmath 1.3 at 40 digits: mpmath.gammainc(a, x, mpmath.inf, regularized=True).
const MPMATH: [number, number, number][] = [
  [0.5, 0.1, 0.65472084601857702044],
  [0.5, 5.16337, 0.0013111659091131490579],
  [1.5, 12.7, 0.000012735139409743362063],
  [1, 3, 0.049787068367863942979],
  [2.5, 0.3, 0.9880032427940937345],
  [10, 9, 0.58740824433194140624],
  [10, 30, 7.1217508628155770916e-6],
  [0.5, 400, 5.3958656116079009289e-176],
  [50, 40, 0.92966493334060504556],
  [50, 80, 0.00013078397659141033656],
  [500, 520, 0.18469114909874360424],
  [0.5, 1e-10, 0.999988716208329421],
  [3, 1e-5, 0.99999999999999983333],
  [1.5, 1.5, 0.39162517627108895548],
];

describe("gammaQ, the regularized upper incomplete gamma function", () => {
  it("agrees with mpmath to 1e-12 relative on both branches", () => {
    for (const [a, x, q] of MPMATH) expect(Math.abs(gammaQ(a, x) - q) / q).toBeLessThan(1e-12);
  });

  it("gives R's chi-square p-value of the lung log-rank test: pchisq(10.32674, 1, lower = FALSE)", () => {
    // R: pchisq(10.326741954885632, 1, lower.tail = FALSE) = 0.0013111645203554882
    expect(Math.abs(gammaQ(0.5, 10.326741954885632 / 2) / 0.0013111645203554882 - 1)).toBeLessThan(1e-12);
  });

  it("is 1 at x = 0, 0 at x = ∞, e^(−x) for a = 1, and NaN outside its domain", () => {
    expect(gammaQ(2, 0)).toBe(1);
    expect(gammaQ(2, Number.POSITIVE_INFINITY)).toBe(0);
    for (const x of [0.01, 0.7, 2, 9, 40]) expect(Math.abs(gammaQ(1, x) / Math.exp(-x) - 1)).toBeLessThan(1e-13);
    expect(gammaQ(0, 1)).toBeNaN();
    expect(gammaQ(1, -1)).toBeNaN();
    expect(gammaQ(Number.NaN, 1)).toBeNaN();
  });
});
