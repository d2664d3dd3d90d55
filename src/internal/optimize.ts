// Unconstrained minimisation (BFGS quasi-Newton with a backtracking Armijo line search), finite-difference
// Hessians and a Cholesky inverse for small symmetric matrices. Used by every maximum-likelihood fitter,
// which works on log-parameters so that the search space is unconstrained.
//
// Stable internal API (not re-exported from the package):
//   minimize(f, x0, options?) → MinimizeResult
//   numericGradient(f, x, fx?) → number[]
//   hessian(f, x, gradient?) → number[][] | null
//   invertSymmetric(m) → number[][] | null
//   normInf(v), dot(a, b) — the vector helpers of the searches

/** An objective over an unconstrained vector. May return a non-finite value for infeasible points. */
export type Objective = (x: readonly number[]) => number;

/** A gradient of an {@link Objective}; must have the same length as `x`. */
export type Gradient = (x: readonly number[]) => number[];

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** Analytic gradient of `f`. Default: central differences with step ∝ ε^(1/3)·max(1, |x_i|). */
  gradient?: Gradient | undefined;
  /** Iteration limit (one iteration = one line search). Default 500. */
  maxIterations?: number | undefined;
  /** Converged when max_i |∂f/∂x_i| ≤ this. Default 1e-8 (objectives are per-customer means, O(1)). */
  gradientTolerance?: number | undefined;
  /**
   * Also converged when the relative decrease of f over an iteration stays below this for 3 consecutive
   * iterations AND the gradient is below `sqrt(gradientTolerance)` (numerical noise floor). Default 1e-14.
   */
  functionTolerance?: number | undefined;
  /** Largest step (∞-norm) a line search may take; in log-parameter space 5 means a factor e^5. Default 5. */
  maxStep?: number | undefined;
  /**
   * Starting inverse-Hessian approximation (row-major n × n, symmetric positive definite), e.g. from a fit of
   * a subsample: BFGS then takes near-Newton steps from the first iteration. Default: a scaled identity.
   */
  inverseHessian?: ArrayLike<number> | undefined;
}

/** Outcome of {@link minimize}. */
export interface MinimizeResult {
  /** The best point found. */
  x: number[];
  /** f(x) (finite: the start must be finite, and only finite improvements are accepted). */
  value: number;
  /** The gradient at `x`. */
  gradient: number[];
  /** Whether a convergence test was met (never true on an iteration limit or a failed line search). */
  converged: boolean;
  /** Iterations used. */
  iterations: number;
  /** Objective evaluations used (including those for numeric gradients). */
  evaluations: number;
  /** Why the search stopped, in words. */
  reason: string;
}

const EPS = 2.220446049250313e-16;

/** Max-norm of a vector. */
export function normInf(v: readonly number[]): number {
  let m = 0;
  for (const a of v) m = Math.max(m, Math.abs(a));
  return m;
}

/** The dot product of two vectors of one length. */
export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Central-difference gradient of `f` at `x`. Step h_i = ε^(1/3)·max(1, |x_i|) (error O(h²)); where a side is
 * not finite it falls back to the one-sided difference; a coordinate with no finite neighbour gets NaN.
 */
export function numericGradient(f: Objective, x: readonly number[], fx?: number): number[] {
  const g = new Array<number>(x.length);
  const xx = x.slice();
  const f0 = fx ?? f(x);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const h = 6.0554544523933395e-6 * Math.max(1, Math.abs(xi)); // ε^(1/3)
    xx[i] = xi + h;
    const fp = f(xx);
    xx[i] = xi - h;
    const fm = f(xx);
    xx[i] = xi;
    if (Number.isFinite(fp) && Number.isFinite(fm)) g[i] = (fp - fm) / (2 * h);
    else if (Number.isFinite(fp)) g[i] = (fp - f0) / h;
    else if (Number.isFinite(fm)) g[i] = (f0 - fm) / h;
    else g[i] = Number.NaN;
  }
  return g;
}

/**
 * Minimises `f` from `x0` by BFGS on the inverse Hessian approximation, with a backtracking line search
 * satisfying the Armijo condition f(x + t·d) ≤ f(x) + 1e-4·t·∇f·d. Non-finite trial values are treated as
 * "too far" and the step shrinks; the BFGS update is skipped when the curvature condition yᵀs > 0 fails, and
 * the approximation is reset to a scaled identity when a search direction is not a descent direction or a
 * line search fails. `f(x0)` must be finite.
 *
 * Returns the best point seen with an honest flag: `converged` is true only when the gradient test is met (or
 * the objective has stopped decreasing at the noise floor with a small gradient).
 */
export function minimize(f: Objective, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 500;
  const gtol = options.gradientTolerance ?? 1e-8;
  const ftol = options.functionTolerance ?? 1e-14;
  const maxStep = options.maxStep ?? 5;
  let evaluations = 0;
  const fn = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.NaN;
  };
  const grad = (x: readonly number[], fx: number): number[] => {
    if (options.gradient) return options.gradient(x);
    const g = numericGradient(fn, x, fx);
    return g;
  };

  let x = x0.slice();
  let fx = fn(x);
  if (!Number.isFinite(fx)) {
    return { x, value: fx, gradient: new Array<number>(n).fill(Number.NaN), converged: false, iterations: 0, evaluations, reason: "the objective is not finite at the starting point" };
  }
  let g = grad(x, fx);
  if (!g.every(Number.isFinite)) {
    return { x, value: fx, gradient: g, converged: false, iterations: 0, evaluations, reason: "the gradient is not finite at the starting point" };
  }

  // Inverse Hessian approximation, row-major.
  const H = new Float64Array(n * n);
  const resetH = (scale: number): void => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = scale;
  };
  resetH(1);
  let freshH = true;
  if (options.inverseHessian !== undefined && options.inverseHessian.length === n * n) {
    H.set(options.inverseHessian);
    freshH = false; // a failed line search along it retries with a fresh identity
  }
  let smallDecreases = 0;
  const d = new Array<number>(n);
  const xt = new Array<number>(n);

  for (let iter = 1; iter <= maxIterations; iter++) {
    const gnorm = normInf(g);
    if (gnorm <= gtol) {
      return { x, value: fx, gradient: g, converged: true, iterations: iter - 1, evaluations, reason: `gradient below ${gtol}` };
    }
    // d = −H g
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= H[i * n + j]! * g[j]!;
      d[i] = s;
    }
    let slope = dot(g, d);
    if (options.inverseHessian !== undefined && !freshH && slope < 0 && -slope <= 1e-13 * (1 + Math.abs(fx))) {
      // Started from a known curvature (a warm start): the quasi-Newton step's predicted decrease ½·gᵀHg is
      // below the objective's rounding (a sum over many customers), so no line search could confirm a step.
      return { x, value: fx, gradient: g, converged: true, iterations: iter - 1, evaluations, reason: "predicted decrease below the objective's rounding" };
    }
    if (!(slope < 0)) {
      resetH(1);
      freshH = true;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    // Cap the step length so one step cannot leap into overflow.
    let t = 1;
    const dn = normInf(d);
    if (dn * t > maxStep) t = maxStep / dn;

    let ft = Number.NaN;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xt[i] = x[i]! + t * d[i]!;
      ft = fn(xt);
      if (Number.isFinite(ft) && ft <= fx + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      if (!Number.isFinite(ft)) {
        t *= 0.1;
      } else {
        // Quadratic interpolation of φ(t) = f(x + t d), safeguarded to [0.1 t, 0.5 t].
        const tq = (-slope * t * t) / (2 * (ft - fx - slope * t));
        t = Math.min(0.5 * t, Math.max(0.1 * t, Number.isFinite(tq) ? tq : 0.5 * t));
      }
      if (t * dn < EPS * (1 + normInf(x))) break;
    }
    if (!accepted) {
      if (!freshH) {
        // Retry once along steepest descent with a fresh approximation.
        resetH(1);
        freshH = true;
        continue;
      }
      const noiseFloor = gnorm <= Math.sqrt(gtol);
      return {
        x, value: fx, gradient: g, converged: noiseFloor, iterations: iter, evaluations,
        reason: noiseFloor
          ? `line search cannot decrease the objective further (gradient ${gnorm.toExponential(2)}, at the numerical noise floor)`
          : `line search failed to decrease the objective (gradient ${gnorm.toExponential(2)})`,
      };
    }
    const xNew = xt.slice();
    const gNew = grad(xNew, ft);
    if (!gNew.every(Number.isFinite)) {
      return { x, value: fx, gradient: g, converged: false, iterations: iter, evaluations, reason: "the gradient became non-finite" };
    }
    const s = new Array<number>(n);
    const y = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const relDecrease = (fx - ft) / Math.max(1, Math.abs(fx));
    x = xNew;
    fx = ft;
    g = gNew;

    const sy = dot(s, y);
    if (sy > 1e-10 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (freshH) {
        // Shanno–Phua scaling of the initial approximation (Nocedal & Wright eq. 6.20).
        resetH(sy / dot(y, y));
        freshH = false;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs)
      const rho = 1 / sy;
      const Hy = new Array<number>(n);
      for (let i = 0; i < n; i++) {
        let a = 0;
        for (let j = 0; j < n; j++) a += H[i * n + j]! * y[j]!;
        Hy[i] = a;
      }
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] = H[i * n + j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
        }
      }
    }

    if (relDecrease < ftol) {
      smallDecreases++;
      if (smallDecreases >= 3 && normInf(g) <= Math.sqrt(gtol)) {
        return { x, value: fx, gradient: g, converged: true, iterations: iter, evaluations, reason: "objective stopped decreasing with a small gradient" };
      }
    } else {
      smallDecreases = 0;
    }
  }
  const gnorm = normInf(g);
  if (gnorm <= gtol) return { x, value: fx, gradient: g, converged: true, iterations: maxIterations, evaluations, reason: `gradient below ${gtol}` };
  return { x, value: fx, gradient: g, converged: false, iterations: maxIterations, evaluations, reason: `iteration limit ${maxIterations} reached (gradient ${gnorm.toExponential(2)})` };
}

/**
 * Hessian of `f` at `x` by finite differences: central differences of `gradient` when given (symmetrised),
 * else second differences of `f` with step ε^(1/4)·max(1, |x_i|). `null` when any entry is not finite.
 */
export function hessian(f: Objective, x: readonly number[], gradient?: Gradient): number[][] | null {
  const n = x.length;
  const H: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const xx = x.slice();
  if (gradient) {
    const cols: number[][] = [];
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const h = 6.0554544523933395e-6 * Math.max(1, Math.abs(xi));
      xx[i] = xi + h;
      const gp = gradient(xx);
      xx[i] = xi - h;
      const gm = gradient(xx);
      xx[i] = xi;
      cols.push(gp.map((v, j) => (v - gm[j]!) / (2 * h)));
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H[i]![j] = 0.5 * (cols[i]![j]! + cols[j]![i]!);
  } else {
    const f0 = f(x);
    const h = x.map((v) => 1.2207031250000000e-4 * Math.max(1, Math.abs(v))); // ε^(1/4)
    const at = (i: number, si: number, j: number, sj: number): number => {
      xx[i] = x[i]! + si * h[i]!;
      xx[j] = (i === j ? xx[j]! : x[j]!) + sj * h[j]!;
      const v = f(xx);
      xx[i] = x[i]!;
      xx[j] = x[j]!;
      return v;
    };
    for (let i = 0; i < n; i++) {
      const hi = h[i]!;
      H[i]![i] = (at(i, 1, i, 0) - 2 * f0 + at(i, -1, i, 0)) / (hi * hi);
      for (let j = 0; j < i; j++) {
        const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * hi * h[j]!);
        H[i]![j] = v;
        H[j]![i] = v;
      }
    }
  }
  for (const row of H) for (const v of row) if (!Number.isFinite(v)) return null;
  return H;
}

/**
 * Inverse of a small symmetric matrix by Cholesky factorisation; `null` when it is not (numerically)
 * positive definite or the inverse is not finite.
 */
export function invertSymmetric(m: readonly (readonly number[])[]): number[][] | null {
  const n = m.length;
  const L: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(m[i]![i]!));
  for (let j = 0; j < n; j++) {
    let s = m[j]![j]!;
    for (let k = 0; k < j; k++) s -= L[j]![k]! * L[j]![k]!;
    if (!(s > 1e-13 * maxDiag)) return null;
    const d = Math.sqrt(s);
    L[j]![j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = m[i]![j]!;
      for (let k = 0; k < j; k++) t -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = t / d;
    }
  }
  // Invert L (lower triangular), then M⁻¹ = L⁻ᵀ L⁻¹.
  const Li: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    Li[i]![i] = 1 / L[i]![i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i]![k]! * Li[k]![j]!;
      Li[i]![j] = s / L[i]![i]!;
    }
  }
  const inv: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += Li[k]![i]! * Li[k]![j]!;
      if (!Number.isFinite(s)) return null;
      inv[i]![j] = s;
      inv[j]![i] = s;
    }
  }
  return inv;
}
