import { describe, expect, it } from "vitest";
import { hessian, invertSymmetric, minimize, numericGradient } from "../../src/internal/optimize.js";

const rosenbrock = (x: readonly number[]): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
const rosenGrad = (x: readonly number[]): number[] => [
  -400 * x[0]! * (x[1]! - x[0]! ** 2) - 2 * (1 - x[0]!),
  200 * (x[1]! - x[0]! ** 2),
];

describe("minimize", () => {
  it("finds the Rosenbrock minimum at (1, 1) with an analytic gradient", () => {
    const r = minimize(rosenbrock, [-1.2, 1], { gradient: rosenGrad });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it("finds the Rosenbrock minimum with central-difference gradients", () => {
    const r = minimize(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });

  it("backs off from trial points where the objective is not finite", () => {
    // log-barrier: infinite for x ≤ 0; minimum of x − 2 ln x at x = 2.
    const f = (x: readonly number[]): number => (x[0]! > 0 ? x[0]! - 2 * Math.log(x[0]!) : Number.NaN);
    const r = minimize(f, [0.01]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(2, 6);
  });

  it("reports no convergence on an unbounded objective instead of claiming success", () => {
    const r = minimize((x) => -x[0]!, [0], { maxIterations: 20 });
    expect(r.converged).toBe(false);
    expect(r.reason).toMatch(/iteration limit/);
  });

  it("refuses a non-finite starting point", () => {
    const r = minimize(() => Number.POSITIVE_INFINITY, [0]);
    expect(r.converged).toBe(false);
    expect(r.reason).toMatch(/starting point/);
  });

  it("minimises a 4-dimensional badly scaled quadratic", () => {
    const scales = [1, 100, 1e-2, 1e4];
    const f = (x: readonly number[]): number => x.reduce((s, v, i) => s + scales[i]! * (v - i) ** 2, 0);
    const r = minimize(f, [5, 5, 5, 5], { gradientTolerance: 1e-9 });
    expect(r.converged).toBe(true);
    r.x.forEach((v, i) => expect(v).toBeCloseTo(i, 4));
  });
});

describe("numericGradient and hessian", () => {
  it("match the analytic derivatives of Rosenbrock", () => {
    const x = [0.3, -0.7];
    const g = numericGradient(rosenbrock, x);
    const ga = rosenGrad(x);
    expect(g[0]).toBeCloseTo(ga[0]!, 6);
    expect(g[1]).toBeCloseTo(ga[1]!, 6);
    const exact = [[1200 * 0.09 - 400 * -0.7 + 2, -400 * 0.3], [-400 * 0.3, 200]];
    for (const H of [hessian(rosenbrock, x), hessian(rosenbrock, x, rosenGrad)]) {
      expect(H).not.toBeNull();
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(H![i]![j]).toBeCloseTo(exact[i]![j]!, 3);
    }
  });
});

describe("invertSymmetric", () => {
  it("inverts a positive-definite matrix", () => {
    const m = [[4, 2, 0.6], [2, 2, 0.5], [0.6, 0.5, 3]];
    const inv = invertSymmetric(m)!;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += m[i]![k]! * inv[k]![j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it("returns null for indefinite and singular matrices", () => {
    expect(invertSymmetric([[1, 2], [2, 1]])).toBeNull();
    expect(invertSymmetric([[1, 1], [1, 1]])).toBeNull();
    expect(invertSymmetric([[Number.NaN]])).toBeNull();
  });
});
