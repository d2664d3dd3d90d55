// Newton's method with an analytic Hessian, for the fits whose likelihood pass yields value, gradient and
// Hessian at once (BG/NBD, MBG/NBD): near the optimum it converges quadratically, so a fit takes a handful
// of passes over the patterns where BFGS, learning the curvature step by step, takes two dozen.
//
// Stable internal API (not re-exported from the package):
//   newtonMinimize(fgh, x0, options?) → MinimizeResult

import { cholesky, choleskySolve, symmetricEigen } from "./linalg.js";
import { dot, normInf, type MinimizeResult } from "./optimize.js";

/** Value, gradient and Hessian (n × n) of an objective at one point, from one pass; a non-finite value marks an infeasible point. */
export type ValueGradientHessian = (x: readonly number[]) => { value: number; gradient: number[]; hessian: number[][] | null };

/** Options of {@link newtonMinimize}. */
export interface NewtonOptions {
  /** Iteration limit. Default 100. */
  maxIterations?: number | undefined;
  /** Converged when max_i |∂f/∂x_i| ≤ this. Default 1e-8. */
  gradientTolerance?: number | undefined;
  /** Largest step (∞-norm). Default 5 (a factor e^5 on a log-parameter). */
  maxStep?: number | undefined;
}

const EPS = 2.220446049250313e-16;

/**
 * Minimises f from `x0` by Newton steps d = −H⁻¹g with a backtracking Armijo line search
 * (f(x + t·d) ≤ f(x) + 1e-4·t·gᵀd). Where H is not positive definite (far from the optimum), the step is
 * Newton's on |H| (H's eigenvalues by magnitude, floored at 1e-8 of the largest; Nocedal & Wright §3.4):
 * a descent direction still scaled by the curvature. Each trial point is evaluated in full, so an accepted
 * step already has its gradient and Hessian. Converged when the gradient test is met, or when the predicted
 * decrease ½·gᵀH⁻¹g of a positive-definite step is below the objective's rounding. Never converged on an
 * iteration limit or a failed line search: the caller then falls back to a slower, more forgiving search.
 */
export function newtonMinimize(fgh: ValueGradientHessian, x0: readonly number[], options: NewtonOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 100;
  const gtol = options.gradientTolerance ?? 1e-8;
  const maxStep = options.maxStep ?? 5;
  let evaluations = 1;
  let x = x0.slice();
  let at = fgh(x);
  const fail = (iterations: number, reason: string): MinimizeResult => ({ x, value: at.value, gradient: at.gradient, converged: false, iterations, evaluations, reason });
  if (!Number.isFinite(at.value) || !at.gradient.every(Number.isFinite)) return fail(0, "the objective or its gradient is not finite at the starting point");
  const a = new Float64Array(n * n);
  const b = new Float64Array(n);
  const xt = new Array<number>(n);
  for (let iter = 1; iter <= maxIterations; iter++) {
    const g = at.gradient;
    const gnorm = normInf(g);
    if (gnorm <= gtol) return { x, value: at.value, gradient: g, converged: true, iterations: iter - 1, evaluations, reason: `gradient below ${gtol}` };
    const H = at.hessian;
    if (H === null) return fail(iter, "the Hessian is not finite");
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) a[i * n + j] = H[i]![j]!;
      b[i] = -g[i]!;
    }
    let d: number[] | null = null;
    let exact = false;
    const c = cholesky(a, n);
    if ("l" in c) {
      d = Array.from(choleskySolve(c.l, n, b));
      exact = true;
    } else {
      // Not positive definite (far from the optimum): Newton on |H|, each eigenvalue's magnitude floored at
      // 1e-8 of the largest — a descent direction scaled by the curvature, that leaves saddles.
      const { values, vectors } = symmetricEigen(a, n);
      let top = 0;
      for (let k = 0; k < n; k++) top = Math.max(top, Math.abs(values[k]!));
      if (top > 0 && Number.isFinite(top)) {
        d = new Array<number>(n).fill(0);
        for (let k = 0; k < n; k++) {
          let proj = 0;
          for (let i = 0; i < n; i++) proj += vectors[i * n + k]! * b[i]!;
          const scale = proj / Math.max(Math.abs(values[k]!), 1e-8 * top);
          for (let i = 0; i < n; i++) d[i] = d[i]! + scale * vectors[i * n + k]!;
        }
      }
    }
    if (d === null || !d.every(Number.isFinite)) d = g.map((v) => -v);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      d = g.map((v) => -v);
      slope = dot(g, d);
      exact = false;
    }
    // ½·gᵀH⁻¹g below the rounding of a sum over many customers: no line search could confirm a step.
    if (exact && -slope <= 1e-13 * (1 + Math.abs(at.value))) {
      return { x, value: at.value, gradient: g, converged: true, iterations: iter - 1, evaluations, reason: "predicted decrease below the objective's rounding" };
    }
    let t = 1;
    const dn = normInf(d);
    if (dn > maxStep) t = maxStep / dn;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xt[i] = x[i]! + t * d[i]!;
      const trial = fgh(xt);
      evaluations++;
      const ft = trial.value;
      if (Number.isFinite(ft) && ft <= at.value + 1e-4 * t * slope && trial.gradient.every(Number.isFinite)) {
        x = xt.slice();
        at = trial;
        accepted = true;
        break;
      }
      if (!Number.isFinite(ft)) t *= 0.1;
      else {
        // Quadratic interpolation of φ(t) = f(x + t d), safeguarded to [0.1 t, 0.5 t].
        const tq = (-slope * t * t) / (2 * (ft - at.value - slope * t));
        t = Math.min(0.5 * t, Math.max(0.1 * t, Number.isFinite(tq) ? tq : 0.5 * t));
      }
      if (t * dn < EPS * (1 + normInf(x))) break;
    }
    if (!accepted) return fail(iter, `line search failed to decrease the objective (gradient ${gnorm.toExponential(2)})`);
  }
  if (normInf(at.gradient) <= gtol) return { x, value: at.value, gradient: at.gradient, converged: true, iterations: maxIterations, evaluations, reason: `gradient below ${gtol}` };
  return fail(maxIterations, `iteration limit ${maxIterations} reached`);
}
