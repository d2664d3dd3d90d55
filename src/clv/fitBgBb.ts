import { fitMaximumLikelihood } from "../internal/mle.js";
import { compressPatterns } from "../internal/patterns.js";
import { fail, nonNegativeNumber, optionsBag } from "../internal/validate.js";
import { bgBbLogLikelihood, readBgBbCustomer } from "./bgBbMath.js";
import { readInitialParams, readMaxIterations } from "./readModel.js";
import type { BgBbParams, FittedModel } from "./types.js";

/**
 * One BG/BB input row: a customer (or, with `weight`, a group of identical customers) observed over `n`
 * discrete transaction opportunities (years of a donation drive, issues of a catalogue, ...).
 *
 * @category CLV
 * @example
 * ```ts
 * const row: BgBbRow = { frequency: 3, recency: 4, n: 6, weight: 227 };
 * ```
 */
export interface BgBbRow {
  /** x: number of repeat transactions (opportunities with a transaction, after the first one). Whole, 0..recency. */
  frequency: number;
  /** t_x: the opportunity (1..n) of the last transaction; 0 when `frequency` is 0. */
  recency: number;
  /** n: number of transaction opportunities observed since the first transaction. */
  n: number;
  /** Number of identical customers this row stands for (finite, ≥ 0). Default 1. */
  weight?: number;
}

/**
 * Options of {@link fitBgBb}.
 *
 * @category CLV
 * @example
 * ```ts
 * const options: FitBgBbOptions = { penalizer: 0.01 };
 * ```
 */
export interface FitBgBbOptions {
  /**
   * L2 penalty coefficient: the fit minimises the mean negative log-likelihood per customer plus
   * `penalizer`·(α² + β² + γ² + δ²) (Python lifetimes' convention). Default 0.
   */
  penalizer?: number;
  /** Starting values. Default α = β = γ = δ = 1. */
  initialParams?: BgBbParams;
  /** Optimiser iteration limit, a whole number 0..10 000 (0 evaluates the starting values). Default 500. */
  maxIterations?: number;
}

/**
 * A fitted BG/BB model.
 *
 * @category CLV
 * @example
 * ```ts
 * const fit: BgBbFit = fitBgBb([{ frequency: 1, recency: 1, n: 2 }, { frequency: 0, recency: 0, n: 2 }]);
 * fit.model;
 * // => "bg-bb"
 * ```
 */
export type BgBbFit = FittedModel<{ model: "bg-bb"; params: BgBbParams }>;

const FN = "fitBgBb";
const NAMES = ["alpha", "beta", "gamma", "delta"] as const;

/**
 * Fits the beta-geometric/beta-Bernoulli model of Fader, Hardie & Shang (2010, "Customer-Base Analysis in a
 * Discrete-Time Noncontractual Setting", Marketing Science 29(6)) by maximum likelihood: while alive, a
 * customer transacts at each opportunity with probability p ~ Beta(α, β) and drops out after each
 * opportunity with probability θ ~ Beta(γ, δ). The likelihood of (x, t_x, n) is
 * B(α+x, β+n−x)/B(α,β)·B(γ, δ+n)/B(γ,δ) + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β)·B(γ+1, δ+t_x+i)/B(γ,δ),
 * evaluated once per distinct (x, t_x, n) with summed weights. Optimisation is BFGS on log-parameters.
 *
 * Use the fitted model with `expectedPurchases`, `conditionalExpectedPurchases`, `probabilityAlive` and
 * `probabilityOfPurchases` (times are numbers of opportunities).
 *
 * @param rows - One row per customer (or pattern, with `weight`): `{ frequency, recency, n, weight? }`; any iterable.
 * @param options - See {@link FitBgBbOptions}.
 * @returns The fitted model: `params` `{ alpha, beta, gamma, delta }`, the total `logLikelihood`,
 *   `customers` (Σ weights), `converged`, `iterations`, delta-method `standardErrors` and a `reason` when
 *   the fit is not trustworthy (e.g. a parameter running off to 0 or ∞ when the data cannot identify it).
 * @throws {RetentionKitError} INVALID_TYPE, INVALID_NUMBER, NOT_INTEGER, NEGATIVE_VALUE for a bad field,
 *   INCONSISTENT_COUNTS when not 0 ≤ frequency ≤ recency ≤ n (or recency ≠ 0 with frequency 0),
 *   INSUFFICIENT_DATA when no row has positive weight, OUT_OF_RANGE when the weights add up to more than
 *   Number.MAX_SAFE_INTEGER customers (path `rows[i].weight`), INVALID_OPTION for bad options.
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category CLV
 * @example
 * ```ts
 * // The donations cohort of Fader, Hardie & Shang (2010), 6 opportunities, as (x, t_x, donors):
 * const table: [number, number, number][] = [
 *   [0, 0, 3464], [1, 1, 1091], [1, 2, 277], [1, 3, 129], [1, 4, 78], [1, 5, 119], [1, 6, 129],
 *   [2, 2, 613], [2, 3, 255], [2, 4, 155], [2, 5, 173], [2, 6, 234], [3, 3, 322], [3, 4, 181],
 *   [3, 5, 225], [3, 6, 357], [4, 4, 240], [4, 5, 284], [4, 6, 512], [5, 5, 335], [5, 6, 728], [6, 6, 1203],
 * ];
 * const fit = fitBgBb(table.map(([x, tx, w]) => ({ frequency: x, recency: tx, n: 6, weight: w })));
 * fit.params.alpha.toFixed(3); // => "1.204"
 * fit.params.delta.toFixed(3); // => "2.783"
 * fit.logLikelihood.toFixed(1); // => "-33225.6"
 * ```
 */
export function fitBgBb(rows: Iterable<BgBbRow>, options?: FitBgBbOptions): BgBbFit {
  const opts = optionsBag(FN, options, ["penalizer", "initialParams", "maxIterations"] as const satisfies readonly (keyof FitBgBbOptions)[]);
  const penalizer = opts["penalizer"] === undefined ? 0 : nonNegativeNumber(FN, opts["penalizer"], "options.penalizer");
  const initial = readInitialParams(FN, opts["initialParams"], NAMES, { alpha: 1, beta: 1, gamma: 1, delta: 1 });
  const maxIterations = readMaxIterations(FN, opts["maxIterations"], 0);

  const pat = compressPatterns(FN, rows, 3, (row, path, out) => {
    const c = readBgBbCustomer(FN, row, path);
    out[0] = c.frequency;
    out[1] = c.recency;
    out[2] = c.n;
    return true;
  });
  if (!(pat.totalWeight > 0)) fail(FN, "INSUFFICIENT_DATA", "rows must contain at least one customer with positive weight", "rows");
  const [xs, txs, ns] = pat.columns as [Float64Array, Float64Array, Float64Array];
  const w = pat.weights;

  const fit = fitMaximumLikelihood(
    {
      names: NAMES,
      totalWeight: pat.totalWeight,
      initial: NAMES.map((k) => initial[k]),
      logLikelihood: (th) => {
        const p: BgBbParams = { alpha: th[0]!, beta: th[1]!, gamma: th[2]!, delta: th[3]! };
        let s = 0;
        for (let i = 0; i < pat.count; i++) s += w[i]! * bgBbLogLikelihood(p, xs[i]!, txs[i]!, ns[i]!);
        return s;
      },
    },
    { penalizer, maxIterations },
  );
  return { model: "bg-bb", ...fit };
}
