import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChebyshevPanels } from "../../src/internal/chebyshevPanels.js";

const scalar = (f: (u: number) => number) => (u: number, o: Float64Array): void => {
  o[0] = f(u);
};

function value(p: ChebyshevPanels, u: number): number | null {
  const o = new Float64Array(1);
  return p.at(u, o) ? o[0]! : null;
}

describe("ChebyshevPanels", () => {
  it("interpolates functions analytic near the panels to ~1e-15 of their size", () => {
    const fs: [string, (u: number) => number][] = [
      ["exp", Math.exp],
      ["sin", Math.sin],
      ["1/(1+u²)", (u) => 1 / (1 + u * u)], // poles at ±i: panels of width 1 still converge (halved where needed)
      ["log1p(e^u)", (u) => Math.log1p(Math.exp(u))],
    ];
    for (const [name, f] of fs) {
      const p = new ChebyshevPanels(scalar(f), 1, 1);
      let worst = 0;
      for (let u = -5; u <= 5; u += 0.0137) worst = Math.max(worst, Math.abs(value(p, u)! - f(u)) / Math.max(1, Math.abs(f(u))));
      expect(worst, name).toBeLessThan(1e-13);
    }
  });

  it("interpolates several outputs at once, each to its own accuracy", () => {
    const p = new ChebyshevPanels((u, o) => ((o[0] = Math.cos(u)), (o[1] = 1e-30 * Math.exp(-u))), 2, 0.5);
    const o = new Float64Array(2);
    for (let u = -3; u < 3; u += 0.1) {
      expect(p.at(u, o)).toBe(true);
      expect(Math.abs(o[0]! - Math.cos(u))).toBeLessThan(1e-14);
      expect(Math.abs(o[1]! / (1e-30 * Math.exp(-u)) - 1)).toBeLessThan(1e-13);
    }
  });

  it("refuses a panel with a non-finite value or a singularity inside, leaving the output alone", () => {
    const p = new ChebyshevPanels(scalar((u) => 1 / (u - 0.3)), 1, 1);
    const o = new Float64Array([7]);
    expect(p.at(0.31, o)).toBe(false);
    expect(o[0]).toBe(7);
    // Far panels are unaffected.
    expect(value(p, 5.5)).toBeCloseTo(1 / 5.2, 14);
    const q = new ChebyshevPanels(scalar((u) => (u > 2 ? Number.NaN : u)), 1, 1);
    expect(value(q, 2.5)).toBeNull();
    expect(value(q, 0.5)).toBeCloseTo(0.5, 15);
  });

  it("refuses a kink (not analytic) rather than smoothing it", () => {
    // (A kink on a halving point, 0.5 say, is fine: each half is then analytic.)
    const p = new ChebyshevPanels(scalar((u) => Math.abs(u - 0.3)), 1, 1);
    expect(value(p, 0.3 + 1e-9)).toBeNull();
    expect(value(p, 0.9)).toBeCloseTo(0.6, 14);
  });

  it("gives a point the same value whatever was asked before (the grid is fixed)", () => {
    const f = scalar((u) => Math.exp(-u) / (2 + Math.sin(3 * u)));
    fc.assert(
      fc.property(fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 20 }), (us) => {
        const batch = new ChebyshevPanels(f, 1, 1);
        const got = us.map((u) => value(batch, u));
        us.forEach((u, i) => expect(Object.is(value(new ChebyshevPanels(f, 1, 1), u), got[i])).toBe(true));
      }),
    );
  });

  it("does bounded work: at most 63 panels of 24 evaluations per base panel", () => {
    let calls = 0;
    const p = new ChebyshevPanels(scalar((u) => (calls++, Math.abs(u))), 1, 1);
    for (let u = -0.99; u < 0; u += 0.01) value(p, u); // base panel [−1, 0): analytic, converges at once
    expect(calls).toBe(24);
    calls = 0;
    for (let u = -0.5; u < 0.5; u += 0.001) value(p, u); // [0, 1) is analytic too; only the grid is fixed
    expect(calls).toBe(24);
    calls = 0;
    const q = new ChebyshevPanels(scalar((u) => (calls++, Math.sqrt(Math.abs(u - 0.5)))), 1, 1);
    for (let u = 0; u < 1; u += 0.001) value(q, u);
    expect(calls).toBeLessThanOrEqual(63 * 24);
  });
});
