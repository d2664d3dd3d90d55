import { describe, expect, it } from "vitest";
import { trigammaDiff } from "../../src/clv/fitGammaGamma.js";
import { trigammaRising } from "../../src/internal/rising.js";
import { trigamma } from "../../src/internal/special.js";

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

/** −Σ_{j<n} 1/(a+j)², summed smallest term first: the definition of ψ₁(a+n) − ψ₁(a) for whole n. */
function directRising(a: number, n: number): number {
  let s = 0;
  for (let j = n - 1; j >= 0; j--) s -= 1 / ((a + j) * (a + j));
  return s;
}

/**
 * ψ₁(z+a) − ψ₁(z) from the integral ψ₁(z) = ∫₀^∞ t e^(−zt)/(1 − e^(−t)) dt (Abramowitz & Stegun 6.4.1), as
 *   −(1/z²) ∫₀^∞ u e^(−u) (1 − e^(−au/z)) / (1 − e^(−u/z)) du   (t = u/z),
 * by composite Simpson on [0, 60] with expm1 for both brackets: independent of the series the code uses.
 */
function integralDiff(z: number, a: number): number {
  const n = 60_000;
  const h = 60 / n;
  const f = (u: number): number => (u === 0 ? 0 : (u * Math.exp(-u) * Math.expm1((-a * u) / z)) / Math.expm1(-u / z));
  let s = f(0) + f(60);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (-(s * h) / 3) / (z * z);
}

describe("trigamma", () => {
  it("gives π²/6 at 1, π²/2 at ½ and π² + 8G at ¼ (G Catalan's constant) to 1e-14", () => {
    const G = 0.915965594177219015;
    expect(rel(trigamma(1), Math.PI ** 2 / 6)).toBeLessThan(1e-14);
    expect(rel(trigamma(0.5), Math.PI ** 2 / 2)).toBeLessThan(1e-14);
    expect(rel(trigamma(0.25), Math.PI ** 2 + 8 * G)).toBeLessThan(1e-14);
  });
  it("gives π²/6 − Σ_{k<n} 1/k² at whole n, on both sides of the switch to the asymptotic series", () => {
    for (const n of [2, 5, 9, 10, 11, 30, 200]) {
      let s = Math.PI ** 2 / 6;
      for (let k = 1; k < n; k++) s -= 1 / (k * k);
      expect(rel(trigamma(n), s)).toBeLessThan(1e-13);
    }
  });
  it("behaves like 1/x² near 0 and 1/x + 1/(2x²) for huge x, and is NaN off its domain", () => {
    expect(rel(trigamma(1e-8), 1e16)).toBeLessThan(1e-7);
    expect(rel(trigamma(1e12), 1e-12 + 0.5e-24)).toBeLessThan(1e-15);
    expect(trigamma(0)).toBeNaN();
    expect(trigamma(-1)).toBeNaN();
    expect(trigamma(Number.NaN)).toBeNaN();
  });
});

describe("trigammaRising", () => {
  it("equals the direct sum −Σ 1/(a+j)² in and beyond its loop range, for tiny to huge a", () => {
    for (const a of [1e-3, 0.3, 7, 2e4, 9e4, 2e5, 3e8, 1e12]) {
      for (const n of [1, 3, 256, 257, 1000, 5000]) expect(rel(trigammaRising(a, n), directRising(a, n))).toBeLessThan(1e-11);
    }
  });
  it("is 0 for n = 0 and matches the integral for a fractional n on the asymptotic branch", () => {
    expect(trigammaRising(3, 0)).toBe(0);
    expect(rel(trigammaRising(5e5, 0.5), integralDiff(5e5, 0.5))).toBeLessThan(1e-10);
  });
});

describe("trigammaDiff", () => {
  it("equals the direct sum for whole a, for z on both sides of the switch to the differenced series", () => {
    for (const z of [0.5, 30, 9999, 1e4, 1e5, 1e8, 1e11]) {
      for (const a of [1, 4, 250]) expect(rel(trigammaDiff(z, a), directRising(z, a))).toBeLessThan(1e-11);
    }
  });
  it("matches the integral representation for fractional a and huge z (the Gamma-Gamma ridge p → ∞)", () => {
    for (const z of [1e4, 3e6, 1e9, 1e12]) {
      for (const a of [0.05, 0.5, 3.7, 1e3]) expect(rel(trigammaDiff(z, a), integralDiff(z, a))).toBeLessThan(1e-10);
    }
  });
  it("keeps its digits at z = 1e14, where the plain difference ψ₁(z+a) − ψ₁(z) has under two left", () => {
    const exact = integralDiff(1e14, 0.5);
    expect(rel(trigammaDiff(1e14, 0.5), exact)).toBeLessThan(1e-10);
    expect(rel(trigamma(1e14 + 0.5) - trigamma(1e14), exact)).toBeGreaterThan(1e-3);
  });
});
