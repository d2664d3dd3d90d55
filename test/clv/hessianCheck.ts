// Checks an analytic Hessian of a log-likelihood against a high-accuracy finite-difference Hessian of its
// analytic gradient, for the Hessian tests of the BG/NBD-family and Gamma-Gamma fit kernels.

/** The closures a fit kernel hands to the maximum-likelihood scaffold (natural parameters). */
export interface Differentiable {
  gradient: (theta: readonly number[]) => number[];
  hessian: (theta: readonly number[]) => number[][];
}

/**
 * The largest disagreement between the analytic Hessian H and a Richardson-extrapolated central difference F
 * of the analytic gradient g, both scaled to log-parameters (θ_i θ_j H_ij, the curvature the standard errors
 * come from), each entry relative to the geometric mean of its two diagonal entries or to itself, whichever
 * is larger (an indefinite H can have a zero diagonal):
 *   max_ij |θ_i θ_j (H_ij − F_ij)| / (max(sqrt(|θ_i² H_ii · θ_j² H_jj|), |θ_i θ_j H_ij|) + noise_j · 1e6),
 * where noise_j = 4ε·|θ_j g_j|/h is the rounding error of the reference itself (the gradient's last bits,
 * amplified by the step), which only matters far from the optimum where the gradient is large and the
 * curvature small; with the 1e6 a disagreement at the reference's own noise level reads as 1e-6.
 * F_ij is not symmetrised, so both ∂g_i/∂θ_j and ∂g_j/∂θ_i are checked. The differences are taken in
 * φ = ln θ with steps h and 2h, h = 2e-3 (truncation error O(h⁴)).
 */
export function hessianError(f: Differentiable, theta: readonly number[]): number {
  const n = theta.length;
  const H = f.hessian(theta);
  const h = 2e-3;
  const column = (i: number, step: number): number[] => {
    const up = theta.slice();
    const down = theta.slice();
    up[i] = theta[i]! * Math.exp(step);
    down[i] = theta[i]! * Math.exp(-step);
    const gUp = f.gradient(up);
    const gDown = f.gradient(down);
    // ∂g_j/∂φ_i = θ_i ∂g_j/∂θ_i; times θ_j for the log-scaled entry.
    return gUp.map((g, j) => ((g - gDown[j]!) / (2 * step)) * theta[j]!);
  };
  const g = f.gradient(theta);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const c1 = column(i, h);
    const c2 = column(i, 2 * h);
    for (let j = 0; j < n; j++) {
      const fd = (4 * c1[j]! - c2[j]!) / 3;
      const an = theta[i]! * theta[j]! * H[j]![i]!;
      const scale = Math.max(Math.sqrt(Math.abs(theta[i]! * theta[i]! * H[i]![i]! * theta[j]! * theta[j]! * H[j]![j]!)), Math.abs(an));
      const noise = (4 * Number.EPSILON * Math.abs(theta[j]! * g[j]!)) / h;
      // (A parameter the data say nothing about has an exactly zero row on both sides.)
      if (an !== fd) worst = Math.max(worst, Math.abs(an - fd) / (scale + noise * 1e6));
    }
  }
  return worst;
}

/** Whether H is symmetric to the last bit. */
export function isSymmetric(H: readonly (readonly number[])[]): boolean {
  return H.every((row, i) => row.every((v, j) => v === H[j]![i]));
}
