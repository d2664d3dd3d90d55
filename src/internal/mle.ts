// The maximum-likelihood scaffold shared by every CLV fitter: optimise in log-parameter space, report the
// total log-likelihood, delta-method standard errors, and refuse non-identified fits honestly.
//
// Stable internal API (not re-exported from the package):
//   fitMaximumLikelihood(problem, options?) → MleResult<K>
//
// Penalizer convention (the one of Python lifetimes 0.11, e.g. GammaGammaFitter._negative_log_likelihood):
// the minimised objective is
//     −(Σ_i w_i ℓ_i(θ)) / Σ_i w_i  +  penalizer · Σ_k θ_k²
// i.e. the weighted MEAN negative log-likelihood plus an L2 penalty on the NATURAL parameters θ (not their
// logs). Note lifetimes fits BG/NBD, MBG/NBD and Pareto/NBD on time rescaled by 1/max(T), so its penalty on
// α (or β) there acts on the rescaled parameter; ours acts on parameters in the caller's units.
// `logLikelihood` is always the unpenalised total Σ w_i ℓ_i at the estimate.
import { hessian, invertSymmetric, minimize, type MinimizeResult } from "./optimize.js";
import { newtonMinimize } from "./newton.js";

/** A likelihood to maximise over positive parameters. */
export interface MleProblem<K extends string> {
  /** Parameter names, in vector order. */
  names: readonly K[];
  /**
   * Total weighted log-likelihood Σ w_i ℓ_i at natural parameters θ (all > 0, in `names` order). May return a
   * non-finite value where the model is undefined; the search then backs off.
   */
  logLikelihood: (theta: readonly number[]) => number;
  /** Optional analytic gradient ∂(Σ w_i ℓ_i)/∂θ; central differences in log-space otherwise. */
  gradient?: ((theta: readonly number[]) => number[]) | undefined;
  /**
   * Optional analytic Hessian ∂²(Σ w_i ℓ_i)/∂θ∂θ (n × n, symmetric), used with `gradient` for the standard
   * errors in one evaluation; central differences of the gradient (2n evaluations) otherwise.
   */
  hessian?: ((theta: readonly number[]) => number[][]) | undefined;
  /**
   * Search by Newton's method with `hessian` (BFGS where it does not converge). For a `hessian` whose pass
   * also yields the value and gradient at that point for the calls that follow (rfFit's
   * valueGradientHessian): a fit then takes a handful of passes instead of two dozen. Default false.
   */
  newton?: boolean | undefined;
  /** Σ w_i: the number of customers (> 0). */
  totalWeight: number;
  /** Starting θ (all > 0). */
  initial: readonly number[];
}

/** Options of {@link fitMaximumLikelihood}. */
export interface MleOptions {
  /** L2 penalty coefficient on the natural parameters (see the file header). Default 0. */
  penalizer?: number | undefined;
  /** Optimiser iteration limit. Default 500. */
  maxIterations?: number | undefined;
  /** Gradient tolerance on the mean objective in log-space. Default 1e-8. */
  gradientTolerance?: number | undefined;
  /**
   * A parameter whose estimate leaves [1/bound, bound] is reported as running off to 0 or ∞ (the model is not
   * identified by the data): `converged` false with a reason. Default 1e8.
   */
  bound?: number | undefined;
  /**
   * A parameter whose standard error exceeds this multiple of its estimate (the standard error of ln θ) lies on
   * a nearly flat ridge of the likelihood (e.g. p → ∞, v → 0 with pv fixed): reported as not identified,
   * `converged` false. Default 4 (a 95 % interval spanning a factor e^±8).
   */
  identificationLimit?: number | undefined;
  /**
   * A cheaper version of the problem (the likelihood over a subsample of the patterns, with its own total
   * weight): it is fitted first, and its estimate and curvature start the full fit, which then needs a few
   * passes over the data instead of dozens. Used when that fit is sound (every estimate in [1e−6, 1e6]).
   */
  warmStart?: Pick<MleProblem<string>, "logLikelihood" | "gradient" | "hessian" | "totalWeight"> | undefined;
}

/** The fields of a `FittedModel` that the scaffold fills. */
export interface MleResult<K extends string> {
  /** Estimates in natural units. */
  params: Record<K, number>;
  /** Unpenalised total log-likelihood at `params`. */
  logLikelihood: number;
  /** Σ weights. */
  customers: number;
  /** Optimiser converged and every parameter is identified. */
  converged: boolean;
  /** Optimiser iterations. */
  iterations: number;
  /** Delta-method standard errors (natural units); `null` where the Hessian is not positive definite or the parameter ran off. */
  standardErrors: Record<K, number | null>;
  /**
   * The asymptotic covariance of the estimates in natural units (the inverse observed information mapped
   * from log-space, Σ_kl = θ_k θ_l [H_φ⁻¹]_kl), its diagonal the squared `standardErrors`; `null` where the
   * Hessian is not positive definite or a parameter ran off (the `reason` says which).
   */
  covariance: { names: K[]; matrix: number[][] } | null;
  /** Why `converged` is false, or a warning; `null` when all is well. */
  reason: string | null;
}

/**
 * Maximises a likelihood over positive parameters by BFGS (or, with `newton`, Newton's method) on φ = ln θ,
 * minimising the weighted mean negative log-likelihood plus `penalizer`·Σθ². Standard errors: the inverse of the Hessian of the total penalised
 * negative log-likelihood in φ, mapped to θ by the delta method (SE(θ_k) = θ_k·sqrt([H_φ⁻¹]_kk)), which at an
 * optimum equals the inverse observed information in θ. A second BFGS run from the first run's answer (fresh
 * curvature) guards against a premature stop.
 */
export function fitMaximumLikelihood<K extends string>(problem: MleProblem<K>, options: MleOptions = {}): MleResult<K> {
  return fitWithCurvature(problem, options).result;
}

/** {@link fitMaximumLikelihood}, also giving the inverse Hessian of the mean objective in log-space (or null). */
function fitWithCurvature<K extends string>(problem: MleProblem<K>, options: MleOptions): { result: MleResult<K>; inverseHessian: number[] | null } {
  const { names, totalWeight } = problem;
  const pen = options.penalizer ?? 0;
  const bound = options.bound ?? 1e8;
  const logBound = Math.log(bound);
  const identificationLimit = options.identificationLimit ?? 4;
  const hardBound = logBound + Math.log(100);
  const W = totalWeight;
  const toTheta = (phi: readonly number[]): number[] => phi.map(Math.exp);
  const objective = (phi: readonly number[]): number => {
    // Beyond 100 × bound, likelihoods built from ln Γ differences lose their digits to cancellation (ln Γ(1e10) is
    // 2e11): treat that region as infeasible so the search stops at its edge, where the run-off check reports it.
    for (const v of phi) if (!(Math.abs(v) < hardBound)) return Number.NaN;
    const theta = toTheta(phi);
    let penalty = 0;
    if (pen > 0) for (const t of theta) penalty += t * t;
    return -problem.logLikelihood(theta) / W + pen * penalty;
  };
  const grad = problem.gradient
    ? (phi: readonly number[]): number[] => {
        const theta = toTheta(phi);
        const g = problem.gradient!(theta);
        return theta.map((t, k) => (-g[k]! * t) / W + 2 * pen * t * t);
      }
    : undefined;

  let phi0 = problem.initial.map(Math.log);
  let inverseHessian: number[] | undefined;
  if (options.warmStart !== undefined) {
    const { warmStart: _w, maxIterations: _m, ...rest } = options;
    // (The subsample's own Hessian or none: never the full problem's.)
    const warm = fitWithCurvature({ ...problem, ...options.warmStart, hessian: options.warmStart.hessian }, rest);
    const values = names.map((k) => warm.result.params[k]);
    if (values.every((v) => v > 1e-6 && v < 1e6)) {
      phi0 = values.map(Math.log);
      inverseHessian = warm.inverseHessian ?? undefined;
    }
  }
  const opts = { gradient: grad, maxIterations: options.maxIterations, gradientTolerance: options.gradientTolerance };
  let run: MinimizeResult | null = null;
  let iterations = 0;
  if (problem.newton === true && problem.hessian !== undefined && problem.gradient !== undefined) {
    // Newton with the analytic Hessian: a handful of passes. Where it does not converge, BFGS below.
    const { hessian: hess, gradient: gradTheta, logLikelihood } = problem;
    const nt = newtonMinimize((phi) => {
      if (!phi.every((v) => Math.abs(v) < hardBound)) return { value: Number.NaN, gradient: phi.map(() => Number.NaN), hessian: null };
      const theta = toTheta(phi);
      const H = hess(theta); // the pass also yields the value and gradient asked for next
      const g = gradTheta(theta);
      let penalty = 0;
      for (const t of theta) penalty += t * t;
      const total = logSpaceHessian(H, g, theta, W * pen);
      return {
        value: -logLikelihood(theta) / W + pen * penalty,
        gradient: theta.map((t, k) => (-g[k]! * t) / W + 2 * pen * t * t),
        hessian: total === null ? null : total.map((row) => row.map((v) => v / W)),
      };
    }, phi0, { maxIterations: options.maxIterations, gradientTolerance: options.gradientTolerance });
    iterations = nt.iterations;
    if (nt.converged && Number.isFinite(nt.value)) run = nt;
    else if (Number.isFinite(nt.value) && nt.value <= objective(phi0)) phi0 = nt.x;
  }
  if (run === null) {
    run = minimize(objective, phi0, { ...opts, inverseHessian });
    iterations += run.iterations;
    // (A warm-started run that ended at a Newton-small step has its curvature already: no second run.)
    const settled = inverseHessian !== undefined && run.converged && run.reason.startsWith("predicted decrease");
    if (Number.isFinite(run.value) && !settled) {
      const again = minimize(objective, run.x, opts);
      iterations += again.iterations;
      if (again.value <= run.value) run = again;
    }
  }

  const theta = toTheta(run.x);
  const params = {} as Record<K, number>;
  const standardErrors = {} as Record<K, number | null>;
  names.forEach((k, i) => {
    params[k] = theta[i]!;
    standardErrors[k] = null;
  });
  const ll = problem.logLikelihood(theta);
  const reasons: string[] = [];
  let converged = run.converged && Number.isFinite(ll);
  if (!run.converged) reasons.push(`optimiser did not converge: ${run.reason}`);

  const runaway = new Set<number>();
  names.forEach((k, i) => {
    const v = run.x[i]!;
    if (Math.abs(v) > logBound) runaway.add(i);
    if (v > logBound) {
      converged = false;
      reasons.push(`${k} ran off to infinity (${theta[i]!.toPrecision(3)}): the data do not identify the model`);
    } else if (v < -logBound) {
      converged = false;
      reasons.push(`${k} ran off to zero (${theta[i]!.toPrecision(3)}): the data do not identify the model`);
    }
  });

  // Hessian of the total (penalised) objective in log-space.
  const totalObj = (phi: readonly number[]): number => W * objective(phi);
  const totalGrad = grad ? (phi: readonly number[]): number[] => grad(phi).map((g) => W * g) : undefined;
  let H: number[][] | null = null;
  if (Number.isFinite(run.value)) {
    H = problem.hessian && problem.gradient ? logSpaceHessian(problem.hessian(theta), problem.gradient(theta), theta, W * pen) : hessian(totalObj, run.x, totalGrad);
  }
  const cov = H ? invertSymmetric(H) : null;
  let covariance: MleResult<K>["covariance"] = null;
  if (cov) {
    names.forEach((k, i) => {
      const v = cov[i]![i]!;
      // A parameter at the edge of the space has no meaningful asymptotic error.
      standardErrors[k] = !runaway.has(i) && v >= 0 && Number.isFinite(v) ? theta[i]! * Math.sqrt(v) : null;
      if (!runaway.has(i) && v >= 0 && Math.sqrt(v) > identificationLimit) {
        converged = false;
        reasons.push(`${k} is not identified by the data (standard error ${Math.sqrt(v).toPrecision(3)} times its estimate ${theta[i]!.toPrecision(3)})`);
      }
    });
    if (runaway.size === 0 && names.every((_, i) => cov[i]![i]! >= 0 && Number.isFinite(cov[i]![i]!))) {
      const matrix = naturalCovariance(cov, theta, names.map((key) => standardErrors[key]!));
      if (matrix !== null) covariance = { names: names.slice(), matrix };
    }
  } else if (Number.isFinite(run.value)) {
    reasons.push("the Hessian is not positive definite at the estimate: standard errors are unavailable and the parameters may not be identified");
    converged = false;
  }

  const result = {
    params,
    logLikelihood: Number.isFinite(ll) ? ll : -Number.MAX_VALUE,
    customers: W,
    converged,
    iterations,
    standardErrors,
    covariance,
    reason: reasons.length > 0 ? reasons.join("; ") : null,
  };
  // cov inverts the Hessian of the total (W × mean) objective; the mean objective's inverse is W · cov.
  return { result, inverseHessian: cov === null ? null : cov.flatMap((row) => row.map((v) => v * W)) };
}

/**
 * The Hessian of the total penalised objective −Σ w ℓ + P·Σθ² (P = W·penalizer) in φ = ln θ, from the Hessian
 * H and gradient g of Σ w ℓ in θ: by the chain rule (∂θ_k/∂φ_k = θ_k)
 *   ∂²/∂φ_k∂φ_l = −(θ_k θ_l H_kl + δ_kl θ_k g_k) + δ_kl 4 P θ_k²;
 * null when an entry is not finite.
 */
function logSpaceHessian(H: readonly (readonly number[])[], g: readonly number[], theta: readonly number[], P: number): number[][] | null {
  const out = theta.map((tk, k) =>
    theta.map((tl, l) => -tk * tl * H[k]![l]! + (k === l ? -tk * g[k]! + 4 * P * tk * tk : 0)),
  );
  for (const row of out) for (const v of row) if (!Number.isFinite(v)) return null;
  return out;
}

/**
 * The covariance in natural units from the inverse Hessian `cov` over the search coordinates: Σ = D cov D
 * with D = diag(`scale`) (θ for a log-parameter, 1 for a linear one), its diagonal written as `se`² so that
 * sqrt(diag) is the standard error exactly; null when an entry is not finite.
 */
export function naturalCovariance(cov: readonly (readonly number[])[], scale: readonly number[], se: readonly number[]): number[][] | null {
  const matrix = cov.map((row, k) => row.map((v, l) => (k === l ? se[k]! * se[k]! : scale[k]! * scale[l]! * v)));
  return matrix.every((row) => row.every((v) => Number.isFinite(v))) ? matrix : null;
}
