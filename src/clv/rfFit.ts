// The fit driver shared by fitBgNbd, fitModifiedBgNbd and fitParetoNbd: options, pattern compression,
// identification checks, then the maximum-likelihood scaffold. Not re-exported.
import { ValueIndex } from "../internal/valueIndex.js";
import { fitMaximumLikelihood, type MleOptions, type MleResult } from "../internal/mle.js";
import { compressPatterns, inLexicographicOrder, type Patterns } from "../internal/patterns.js";
import { fail, nonNegativeNumber, optionsBag } from "../internal/validate.js";
import { readInitialParams, readMaxIterations } from "./readModel.js";
import { readRfCustomer } from "./transactionModels.js";
import type { FitBgNbdOptions } from "./fitBgNbd.js";
import type { FitParetoNbdOptions } from "./fitParetoNbd.js";
import type { FixedUnit } from "../internal/time.js";
import { UnitAgreement } from "../internal/units.js";

/** What a model contributes to the driver. */
export interface RfModelDef<K extends string> {
  /** Parameter names in vector order. */
  names: readonly K[];
  /** Default start from the data (weighted means of x and T). */
  start: (meanX: number, meanT: number) => Record<K, number>;
  /** Builds Σ w ln L(θ) and, optionally, its gradient ∂/∂θ and Hessian ∂²/∂θ∂θ (natural parameters) over the patterns. */
  build: (patterns: Patterns) => {
    logLikelihood: (theta: readonly number[]) => number;
    gradient?: (theta: readonly number[]) => number[];
    hessian?: (theta: readonly number[]) => number[][];
  };
}

/** Above this many distinct patterns, a fit on a subsample of them provides the starting values. */
const WARM_START_PATTERNS = 20_000;

/**
 * Validates options and rows, then fits `def` (see the fitters' docs for the conventions). `given` are the
 * rows already compressed into validated (x, t_x, T) patterns (the engine's), in place of `rows`.
 */
export function fitRfModel<K extends string>(fn: string, rows: unknown, options: unknown, def: RfModelDef<K>, given: Patterns | null = null): MleResult<K> & { unit?: FixedUnit } {
  const opts = optionsBag(fn, options, ["penalizer", "initialParams", "maxIterations"] as const satisfies readonly (keyof FitBgNbdOptions & keyof FitParetoNbdOptions)[]);
  const penalizer = opts["penalizer"] === undefined ? 0 : nonNegativeNumber(fn, opts["penalizer"], "options.penalizer");
  const maxIterations = readMaxIterations(fn, opts["maxIterations"], 1);

  // The rows' time unit (summaries carry it), recorded on the fit; rows in two units are refused.
  const units = new UnitAgreement(fn, undefined, "", "Fit on summaries made with one unit (summarizeTransactions' unit option)");
  const patterns = given !== null ? inLexicographicOrder(given) : compressPatterns(fn, rows, 3, (row, path, out) => {
    readRfCustomer(fn, row, path, out);
    units.see(row["unit"], `${path}.unit`);
    return true;
  });
  const result = fitRfCore(fn, opts, penalizer, maxIterations, def, patterns);
  return units.unit === undefined ? result : { ...result, unit: units.unit };
}

function fitRfCore<K extends string>(fn: string, opts: Record<string, unknown>, penalizer: number, maxIterations: number | undefined, def: RfModelDef<K>, patterns: Patterns): MleResult<K> {
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
  const { logLikelihood, gradient, hessian } = def.build(patterns);
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
      params, logLikelihood: Number.isFinite(ll) ? ll : 0, customers: W, converged: false, iterations: 0, standardErrors, covariance: null,
      reason: sT === 0
        ? "every customer has T = 0: no time has been observed, so the model is not identified; params are the starting values"
        : "no customer has a repeat purchase: the data cannot identify the purchase and dropout parameters; params are the starting values",
    };
  }

  // Many distinct patterns: the fit starts from (and with the curvature of) a fit on an evenly strided subsample.
  let warmStart: MleOptions["warmStart"];
  if (opts["initialParams"] === undefined && patterns.count > WARM_START_PATTERNS) {
    const sub = stridedPatterns(patterns, Math.ceil(patterns.count / WARM_START_PATTERNS));
    warmStart = { ...def.build(sub), totalWeight: sub.totalWeight };
  }
  const fit = fitMaximumLikelihood(
    // (def.build's Hessian pass also gives the value and gradient: Newton's method when there is one.)
    { names, totalWeight: W, initial: names.map((k) => initial[k]), logLikelihood, gradient, hessian, newton: hessian !== undefined },
    { penalizer, maxIterations, warmStart },
  );
  if (patterns.count < names.length && penalizer === 0) {
    const note = `only ${patterns.count} distinct (frequency, recency, T) pattern${patterns.count === 1 ? "" : "s"} for ${names.length} parameters: the model is not identified`;
    return { ...fit, converged: false, reason: fit.reason === null ? note : `${note}; ${fit.reason}` };
  }
  return fit;
}

/** Every `stride`-th pattern (the first included), with its weight. */
function stridedPatterns(p: Patterns, stride: number): Patterns {
  const count = Math.ceil(p.count / stride);
  const values = new Float64Array(p.width * count);
  const weights = new Float64Array(count);
  let totalWeight = 0;
  for (let j = 0; j < count; j++) {
    for (let k = 0; k < p.width; k++) values[k * count + j] = p.columns[k]![j * stride]!;
    weights[j] = p.weights[j * stride]!;
    totalWeight += weights[j]!;
  }
  const columns = Array.from({ length: p.width }, (_, k) => values.subarray(k * count, (k + 1) * count));
  return { count, width: p.width, columns, weights, totalWeight, rows: count, skippedRows: 0, skippedWeight: 0 };
}

/**
 * Wraps a pass that computes the value and fills the gradient at once into the (value, gradient) pair the
 * scaffold wants: the optimiser asks for the gradient right after the value at the same point, so the last
 * pass's value and gradient are kept and reused at that point.
 */
export function valueAndGradient(pass: (theta: readonly number[], grad: number[]) => number): {
  logLikelihood: (theta: readonly number[]) => number;
  gradient: (theta: readonly number[]) => number[];
} {
  const { logLikelihood, gradient } = valueGradientHessian(pass);
  return { logLikelihood, gradient };
}

/**
 * {@link valueAndGradient} for a pass that also fills the Hessian (4th argument, an n × n array) when asked:
 * `hessian` runs that pass, and keeps its value and gradient for the calls at the same point that follow.
 */
export function valueGradientHessian(pass: (theta: readonly number[], grad: number[], hess?: number[][]) => number): {
  logLikelihood: (theta: readonly number[]) => number;
  gradient: (theta: readonly number[]) => number[];
  hessian: (theta: readonly number[]) => number[][];
} {
  let lastTheta: number[] = [];
  let lastGrad: number[] = [];
  let lastValue = Number.NaN;
  const same = (theta: readonly number[]): boolean => theta.length === lastTheta.length && theta.every((v, i) => v === lastTheta[i]);
  const run = (theta: readonly number[], hess?: number[][]): number => {
    const g: number[] = [];
    const v = pass(theta, g, hess);
    lastTheta = theta.slice();
    lastGrad = g;
    lastValue = v;
    return v;
  };
  return {
    // The final log-likelihood is asked at the point the optimiser stopped at, just evaluated: reused.
    logLikelihood: (theta) => (same(theta) ? lastValue : run(theta)),
    gradient: (theta) => {
      if (!same(theta)) run(theta);
      return lastGrad.slice();
    },
    hessian: (theta) => {
      const h = theta.map(() => new Array<number>(theta.length).fill(0));
      run(theta, h);
      return h;
    },
  };
}

/**
 * Indexes the distinct values of `col` (first-seen order) into `list`, writing each row's position in `list`
 * to `index`; `seen` may be shared between columns so they index one common list.
 */
export function indexDistinct(col: Float64Array, seen: ValueIndex, list: number[], index: Int32Array): void {
  for (let i = 0; i < col.length; i++) index[i] = seen.indexOf(col[i]!, list);
}
