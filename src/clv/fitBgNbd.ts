import { bgFitFunctions } from "./bgNbdMath.js";
import { fitRfModel, type RfModelDef } from "./rfFit.js";
import { bgCustomerGradient } from "./covariateKernels.js";
import { fitWithCovariates, readCovariatesOption, type CovariateFitFields, type CovariateModelDef, type CovariatesOption } from "./covariateFit.js";
import { optionsBag } from "../internal/validate.js";
import type { Patterns } from "../internal/patterns.js";
import type { RfRow } from "./transactionModels.js";
import type { BgNbdParams, FittedModel } from "./types.js";

/**
 * Options of {@link fitBgNbd} and {@link fitModifiedBgNbd}.
 *
 * @category CLV
 * @example
 * ```ts
 * const options: FitBgNbdOptions = { penalizer: 0.001, maxIterations: 200 };
 * ```
 */
export interface FitBgNbdOptions {
  /**
   * L2 penalty coefficient: the fit minimises the mean negative log-likelihood per customer plus
   * `penalizer`·(r² + α² + a² + b²) — lifetimes' convention, except that lifetimes first rescales time by
   * 1/max(T), so its α (and penalty) is in units of max(T). Default 0 (plain maximum likelihood).
   */
  penalizer?: number;
  /** Starting values. Default r = 1, α = mean T / mean frequency (a purchase rate matching the data), a = b = 1. */
  initialParams?: BgNbdParams;
  /** Optimiser iteration limit (Newton or BFGS iterations), a whole number 1..10 000. Default 500. */
  maxIterations?: number;
  /**
   * Time-invariant covariates (numeric row fields) of the purchase and dropout processes, in CLVTools'
   * parametrisation α_i = α·e^(−γ_p·z_i), a_i = a·e^(γ_a·z_i), b_i = b·e^(γ_a·z_i); see
   * {@link CovariatesOption}. Default none: the fit without covariates.
   */
  covariates?: CovariatesOption;
}

/**
 * A fitted BG/NBD model.
 *
 * @category CLV
 * @example
 * ```ts
 * const fit: BgNbdFit = fitBgNbd([{ frequency: 2, recency: 30, T: 39 }, { frequency: 0, recency: 0, T: 39 }, { frequency: 5, recency: 20, T: 39 }, { frequency: 1, recency: 3, T: 30 }]);
 * fit.model;
 * // => "bg-nbd"
 * ```
 */
export type BgNbdFit = FittedModel<{ model: "bg-nbd"; params: BgNbdParams }> & Partial<CovariateFitFields>;

const NAMES = ["r", "alpha", "a", "b"] as const;

const OPTION_KEYS = ["penalizer", "initialParams", "maxIterations", "covariates"] as const satisfies readonly (keyof FitBgNbdOptions)[];

/**
 * The fit of BG/NBD (k = 0) or MBG/NBD (k = 1), with covariates when `options.covariates` names any (else
 * exactly the fit without them).
 */
export function fitBgFamily(fn: string, k: 0 | 1, rows: unknown, options: unknown): ReturnType<typeof fitRfModel<(typeof NAMES)[number]>> & Partial<CovariateFitFields> {
  const { covariates, ...opts } = optionsBag(fn, options, OPTION_KEYS);
  const spec = covariates === undefined ? null : readCovariatesOption(fn, covariates);
  if (spec === null) return fitRfModel(fn, rows, opts, bgModelDef(k));
  const def: CovariateModelDef<(typeof NAMES)[number]> = {
    names: NAMES,
    links: [null, { process: "purchase", sign: -1 }, { process: "attrition", sign: 1 }, { process: "attrition", sign: 1 }],
    kernel: () => (th, x, tx, T, out) => bgCustomerGradient(k, th[0]!, th[1]!, th[2]!, th[3]!, x, tx, T, out),
    baseFit: (patterns, o) => fitRfModel(fn, null, o, bgModelDef(k), patterns),
  };
  return fitWithCovariates(fn, rows, opts, def, spec);
}

/** The BG/NBD (k = 0) or MBG/NBD (k = 1) model definition for the fit driver. */
export function bgModelDef(k: 0 | 1): RfModelDef<(typeof NAMES)[number]> {
  return {
    names: NAMES,
    start: (meanX, meanT) => ({ r: 1, alpha: meanX > 0 ? meanT / meanX : meanT || 1, a: 1, b: 1 }),
    build: (p) => bgFitFunctions(k, p.columns[0]!, p.columns[1]!, p.columns[2]!, p.weights),
  };
}

/**
 * Fits the BG/NBD model of Fader, Hardie & Lee (2005, "Counting Your Customers the Easy Way", Marketing
 * Science 24(2)) by maximum likelihood. While alive, a customer buys as a Poisson process with rate
 * λ ~ Gamma(r, α); after each purchase they drop out with probability p ~ Beta(a, b). The likelihood of
 * (x, t_x, T) is (eq. 6)
 *
 *   B(a, b+x)/B(a, b) · Γ(r+x) α^r / Γ(r) · [(α+T)^−(r+x) + [x > 0] a/(b+x−1) · (α+t_x)^−(r+x)].
 *
 * Rows are merged into distinct (x, t_x, T) patterns with summed weights; the x-only gamma terms are
 * computed once per distinct x; Newton's method runs on log-parameters with the analytic gradient and Hessian
 * (steps on |H| where it is not positive definite, BFGS should it not converge); standard errors are
 * the inverse observed information (delta method). On the CDNOW sample it reproduces the paper's
 * r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4 in a few milliseconds.
 *
 * Time unit: whatever `recency` and `T` are in (weeks in the papers); α is in that unit, and predictions
 * must use the same unit. `logLikelihood` is the plain total in that unit (lifetimes reports a per-customer
 * mean on time rescaled by 1/max(T) instead: LL_lifetimes = −(LL + Σx·ln max T)/N).
 *
 * Data that cannot identify the model — no repeat purchase at all, fewer distinct patterns than
 * parameters, a parameter running off to 0 or ∞ — give `converged: false` and a `reason`, never a silent
 * runaway fit.
 *
 * With `options.covariates` (R CLVTools' static covariates, its parametrisation): α_i = α·e^(−γ_p·z_i),
 * a_i = a·e^(γ_a·z_i), b_i = b·e^(γ_a·z_i), so e^(γ_p) multiplies the mean purchase rate r/α while the mean
 * dropout probability a/(a+b) is unchanged and its spread narrows as a_i + b_i grows. Fitted, reported and
 * checked as in {@link fitParetoNbd} (coefficients, standard errors and the likelihood-ratio test; the same
 * covariate errors). {@link fitModifiedBgNbd} takes the same option.
 *
 * @param rows - `{ frequency, recency, T, weight? }` per customer (or group of identical customers; weights
 *   add up to at most Number.MAX_SAFE_INTEGER), e.g. the
 * output of `summarizeTransactions`; any iterable
 * @param options - see {@link FitBgNbdOptions}
 * @returns the fitted model `{ model: "bg-nbd", params: { r, alpha, a, b }, logLikelihood, customers,
 * converged, iterations, standardErrors, reason }` (plain data)
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER`, `NOT_INTEGER`, `NEGATIVE_VALUE` for a bad field
 * (path `rows[i].field`), `INCONSISTENT_COUNTS` when recency > T or recency ≠ 0 with frequency 0,
 * `INSUFFICIENT_DATA` when no row has positive weight, `OUT_OF_RANGE` when the weights add up to more than
 * Number.MAX_SAFE_INTEGER (9,007,199,254,740,991) customers (path `rows[i].weight`, where the total passes
 * it: the bound keeps the total exact and the log-likelihood finite; divide the weights by a common factor,
 * which leaves the estimates unchanged), `INVALID_PARAMETER` / `OUT_OF_RANGE` / `NOT_INTEGER` for bad options
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @throws RetentionKitError `INVALID_TYPE` / `INVALID_NUMBER` for a missing or non-numeric covariate field (path
 *   `rows[i].<field>`); `INVALID_OPTION` for a bad covariate list, a constant covariate or a perfectly
 *   collinear set (path `options.covariates.attrition[k]`, naming the fields)
 * @category CLV
 * @example
 * ```ts
 * // Eight customers cannot pin down four parameters, and the fit says so rather than returning garbage:
 * const fit = fitBgNbd([
 *   { frequency: 2, recency: 30.43, T: 38.86 }, { frequency: 1, recency: 1.71, T: 38.86 },
 *   { frequency: 0, recency: 0, T: 38.86 }, { frequency: 7, recency: 29.43, T: 38.86 },
 *   { frequency: 2, recency: 35.71, T: 38.86 }, { frequency: 0, recency: 0, T: 30, weight: 3 },
 * ]);
 * [fit.converged, fit.customers];
 * // => [false, 8]
 * typeof fit.reason; // a sentence saying which parameters the data cannot identify
 * // => "string"
 * ```
 */
export function fitBgNbd(rows: Iterable<RfRow>, options?: FitBgNbdOptions): BgNbdFit {
  return { model: "bg-nbd", ...fitBgFamily("fitBgNbd", 0, rows, options) };
}

/** {@link fitBgNbd} on rows already compressed into validated patterns (the engine's); the same fit. */
export function fitBgNbdPatterns(patterns: Patterns, options?: FitBgNbdOptions): BgNbdFit {
  return { model: "bg-nbd", ...fitRfModel("fitBgNbd", null, options, bgModelDef(0), patterns) };
}
