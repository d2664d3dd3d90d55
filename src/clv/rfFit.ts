// The fit driver shared by fitBgNbd, fitModifiedBgNbd and fitParetoNbd: options, pattern compression,
// identification checks, then the maximum-likelihood scaffold. Not re-exported.
import { fitMaximumLikelihood } from "../internal/mle.js";
import { compressPatterns, type Patterns } from "../internal/patterns.js";
import { fail, integerAtLeast, nonNegativeNumber, optionsBag } from "../internal/validate.js";
import { readInitialParams } from "./readModel.js";
import { readRfCustomer } from "./transactionModels.js";

/** What a model contributes to the driver. */
export interface RfModelDef<K extends string> {
  /** Parameter names in vector order. */
  names: readonly K[];
  /** Default start from the data (weighted means of x and T). */
  start: (meanX: number, meanT: number) => Record<K, number>;
  /** Builds Σ w ln L(θ) and, optionally, its gradient ∂/∂θ (natural parameters) over the patterns. */
  build: (patterns: Patterns) => {
    logLikelihood: (theta: readonly number[]) => number;
    gradient?: (theta: readonly number[]) => number[];
  };
}

/** The fit fields every continuous-time fitter returns (the model name is added by the caller). */
export interface RfFitResult<K extends string> {
  params: Record<K, number>;
  logLikelihood: number;
  customers: number;
  converged: boolean;
  iterations: number;
  standardErrors: Record<K, number | null>;
  reason: string | null;
}

/** Validates options and rows, then fits `def` (see the fitters' docs for the conventions). */
export function fitRfModel<K extends string>(fn: string, rows: unknown, options: unknown, def: RfModelDef<K>): RfFitResult<K> {
  const opts = optionsBag(fn, options);
  const penalizer = opts["penalizer"] === undefined ? 0 : nonNegativeNumber(fn, opts["penalizer"], "options.penalizer");
  const maxIterations = opts["maxIterations"] === undefined ? undefined : integerAtLeast(fn, opts["maxIterations"], "options.maxIterations", 1);

  const patterns = compressPatterns(fn, rows, 3, (row, path, out) => {
    readRfCustomer(fn, row, path, out);
    return true;
  });
  if (!(patterns.totalWeight > 0)) fail(fn, "INSUFFICIENT_DATA", "rows must contain at least one customer with positive weight", "rows");
  const [xs, , Ts] = patterns.columns as [Float64Array, Float64Array, Float64Array];
  const w = patterns.weights;
  let sx = 0;
  let sT = 0;
  let repeatWeight = 0;
  for (let i = 0; i < patterns.count; i++) {
    sx += w[i]! * xs[i]!;
    sT += w[i]! * Ts[i]!;
    if (xs[i]! > 0) repeatWeight += w[i]!;
  }
  const W = patterns.totalWeight;
  const initial = readInitialParams(fn, opts["initialParams"], def.names, def.start(sx / W, sT / W));
  const { logLikelihood, gradient } = def.build(patterns);
  const names = def.names;

  if (repeatWeight === 0 || sT === 0) {
    // Without a repeat purchase (or with no time observed) the purchase and dropout processes cannot be
    // told apart: the likelihood keeps rising as r → 0. Say so instead of returning a runaway estimate.
    const params = {} as Record<K, number>;
    const standardErrors = {} as Record<K, number | null>;
    names.forEach((k) => {
      params[k] = initial[k];
      standardErrors[k] = null;
    });
    const ll = logLikelihood(names.map((k) => initial[k]));
    return {
      params, logLikelihood: Number.isFinite(ll) ? ll : 0, customers: W, converged: false, iterations: 0, standardErrors,
      reason: sT === 0
        ? "every customer has T = 0: no time has been observed, so the model is not identified; params are the starting values"
        : "no customer has a repeat purchase: the data cannot identify the purchase and dropout parameters; params are the starting values",
    };
  }

  const fit = fitMaximumLikelihood(
    { names, totalWeight: W, initial: names.map((k) => initial[k]), logLikelihood, gradient },
    { penalizer, maxIterations },
  );
  if (patterns.count < names.length && penalizer === 0) {
    const note = `only ${patterns.count} distinct (frequency, recency, T) pattern${patterns.count === 1 ? "" : "s"} for ${names.length} parameters: the model is not identified`;
    return { ...fit, converged: false, reason: fit.reason === null ? note : `${note}; ${fit.reason}` };
  }
  return fit;
}
