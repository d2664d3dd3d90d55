// The plain-data shapes of every CLV model: parameter sets, model specs and fitted models.
import type { TimeUnit } from "../data/time.js";

/**
 * BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rate λ ~ Gamma(r, α); dropout probability
 * after each purchase p ~ Beta(a, b). The same set parameterises MBG/NBD (Batislam et al. 2007).
 *
 * @category CLV
 * @example
 * ```ts
 * const params: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
 * ```
 */
export interface BgNbdParams {
  /** Shape of the gamma distribution of purchase rates. */
  r: number;
  /** Scale of the gamma distribution of purchase rates, in time units. */
  alpha: number;
  /** Beta shape of the dropout probability. */
  a: number;
  /** Beta shape of the dropout probability. */
  b: number;
}

/**
 * Pareto/NBD parameters (Schmittlein, Morrison & Colombo 1987): purchase rate λ ~ Gamma(r, α); dropout
 * rate μ ~ Gamma(s, β).
 *
 * @category CLV
 * @example
 * ```ts
 * const params: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
 * ```
 */
export interface ParetoNbdParams {
  /** Shape of the purchase-rate gamma. */
  r: number;
  /** Scale of the purchase-rate gamma, in time units. */
  alpha: number;
  /** Shape of the dropout-rate gamma. */
  s: number;
  /** Scale of the dropout-rate gamma, in time units. */
  beta: number;
}

/**
 * BG/BB parameters (Fader, Hardie & Shang 2010): per-opportunity purchase probability p ~ Beta(α, β);
 * per-opportunity dropout probability θ ~ Beta(γ, δ).
 *
 * @category CLV
 * @example
 * ```ts
 * const params: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
 * ```
 */
export interface BgBbParams {
  /** Beta shape of the purchase probability. */
  alpha: number;
  /** Beta shape of the purchase probability. */
  beta: number;
  /** Beta shape of the dropout probability. */
  gamma: number;
  /** Beta shape of the dropout probability. */
  delta: number;
}

/**
 * Gamma-Gamma spend parameters (Fader, Hardie & Lee 2005, "RFM and CLV"): spend per purchase
 * z ~ Gamma(p, ν), ν ~ Gamma(q, γ); lifetimes calls γ `v`.
 *
 * @category CLV
 * @example
 * ```ts
 * const params: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };
 * ```
 */
export interface GammaGammaParams {
  /** Shape of the per-purchase spend gamma. */
  p: number;
  /** Shape of the gamma distribution of the spend scale. */
  q: number;
  /** Scale of the gamma distribution of the spend scale (γ in the paper). */
  v: number;
}

/**
 * Shifted-beta-geometric parameters (Fader & Hardie 2007): per-period churn probability θ ~ Beta(α, β).
 *
 * @category CLV
 * @example
 * ```ts
 * const params: SbgParams = { alpha: 0.704, beta: 1.182 };
 * ```
 */
export interface SbgParams {
  /** Beta shape of the churn probability. */
  alpha: number;
  /** Beta shape of the churn probability. */
  beta: number;
}

/**
 * A model as plain data: its name and parameters. Every prediction needs only this, so a model can be
 * written down from a paper's table. A continuous-time model (BG/NBD, MBG/NBD, Pareto/NBD) may also say the
 * time `unit` its parameters are in: a fitter records the unit of the summaries it was fitted on, and a
 * prediction handed customers in another unit refuses them (`UNIT_MISMATCH`).
 *
 * @category CLV
 * @example
 * ```ts
 * const model: ModelSpec = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, unit: "week" };
 * ```
 */
export type ModelSpec =
  | { model: "bg-nbd"; params: BgNbdParams; unit?: TimeUnit }
  | { model: "mbg-nbd"; params: BgNbdParams; unit?: TimeUnit }
  | { model: "pareto-nbd"; params: ParetoNbdParams; unit?: TimeUnit }
  | { model: "bg-bb"; params: BgBbParams }
  | { model: "gamma-gamma"; params: GammaGammaParams }
  | { model: "sbg"; params: SbgParams };

/**
 * The transaction models (the ones that predict purchases).
 *
 * @category CLV
 * @example
 * ```ts
 * const m: TransactionModel = { model: "pareto-nbd", params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } };
 * ```
 */
export type TransactionModel = Extract<ModelSpec, { model: "bg-nbd" | "mbg-nbd" | "pareto-nbd" | "bg-bb" }>;

/**
 * The covariance matrix of a model's parameter estimates, as plain data: `matrix[k][l]` is the covariance of
 * the estimates of `names[k]` and `names[l]`, in natural parameter units (the product of the two parameters'
 * units). Symmetric and positive definite.
 *
 * @category CLV
 * @example
 * ```ts
 * const cov: ParameterCovariance = { names: ["alpha", "beta"], matrix: [[0.0144, 0.02], [0.02, 0.0625]] };
 * ```
 */
export interface ParameterCovariance<K extends string = string> {
  /** Parameter names, in the order of the matrix's rows and columns. */
  names: K[];
  /** The covariance matrix, one array per row. */
  matrix: number[][];
}

/**
 * What every fitter returns: the spec plus how the fit went. Plain data, JSON round-trippable.
 *
 * @category CLV
 * @example
 * ```ts
 * const fitted: FittedModel<{ model: "sbg"; params: SbgParams }> = {
 *   model: "sbg", params: { alpha: 0.704, beta: 1.182 }, logLikelihood: -1611.2, customers: 1000,
 *   converged: true, iterations: 12, standardErrors: { alpha: 0.12, beta: 0.25 }, reason: null,
 * };
 * ```
 */
export type FittedModel<S extends ModelSpec = ModelSpec> = S & {
  /** Total log-likelihood over customers (weights counted), at `params`. */
  logLikelihood: number;
  /** Customers the fit saw (sum of weights). */
  customers: number;
  /** Whether the optimiser met its convergence test and the parameters are identified. */
  converged: boolean;
  /** Optimiser iterations used. */
  iterations: number;
  /** Asymptotic standard errors from the inverse Hessian; `null` where it is not positive definite. */
  standardErrors: { [K in keyof S["params"]]: number | null };
  /**
   * The asymptotic covariance of the estimates (inverse observed information), in natural parameter units
   * (α² for α, α·r for α and r, …): its diagonal is the square of `standardErrors`. `null` when the Hessian is
   * not positive definite or a parameter ran off to 0 or ∞ (`reason` says which). Every fitter fills it; a
   * model written down by hand may leave it out. {@link predictionIntervals} samples from it.
   */
  covariance?: ParameterCovariance<Extract<keyof S["params"], string>> | null;
  /** Why `converged` is false (or a warning); `null` when all is well. */
  reason: string | null;
  /**
   * BG/NBD, MBG/NBD and Pareto/NBD fits: the time unit of the summary rows fitted on (their `unit`), absent
   * when the rows carried none. Predictions refuse customers in another unit (`UNIT_MISMATCH`).
   */
  unit?: TimeUnit;
};
