import type { CustomerId } from "../data/time.js";
import { cholesky } from "../internal/linalg.js";
import { twoSidedZ } from "../internal/normal.js";
import { indexRows } from "../internal/patterns.js";
import { createRandom } from "../internal/random.js";
import {
  array,
  customerId as readCustomerId,
  fail,
  finiteNumber,
  integerAtLeast,
  numberInRange,
  oneOf,
  optionsBag,
  positiveNumber,
  rateFraction,
  record,
  show,
} from "../internal/validate.js";
import { DEFAULT_DISCOUNT_RATE } from "../internal/defaults.js";
import { gammaGammaSpend } from "./expectedAverageSpend.js";
import { cumulativeExpected } from "./expectedCumulativeTransactions.js";
import { readModelParams } from "./readModel.js";
import {
  bgBbDertKernel,
  conditionalExpectedKernel,
  continuousDertKernel,
  discountedPurchaseColumns,
  probabilityAliveKernel,
  readCustomerFor,
} from "./transactionKernels.js";
import type { ClvCustomer } from "./customerLifetimeValue.js";
import { readDuration, readOpportunities, readTransactionModel } from "./transactionModels.js";
import type { ParameterCovariance, TransactionModel } from "./types.js";

/**
 * A model whose predictions get intervals: any transaction model, with the `covariance` of its parameter
 * estimates (every fitter gives it). Without one (or with `covariance: null`) the bounds are `null`.
 *
 * @category CLV
 * @example
 * ```ts
 * const m: ModelWithCovariance = {
 *   model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
 *   covariance: { names: ["r", "alpha", "a", "b"], matrix: [
 *     [0.000158, 0.00371, -0.0000878, 0.0000656], [0.00371, 0.143, -0.00287, 0.0105],
 *     [-0.0000878, -0.00287, 0.0345, 0.123], [0.0000656, 0.0105, 0.123, 0.498]] },
 * };
 * ```
 */
export type ModelWithCovariance = TransactionModel & {
  /** The covariance of the estimates ({@link ParameterCovariance}; read-only arrays are accepted). */
  covariance?: { readonly names: readonly string[]; readonly matrix: readonly (readonly number[])[] } | null | undefined;
};

/**
 * The CLV part of {@link PredictionIntervalsOptions}: the options of `customerLifetimeValue` and its spend
 * model (a Gamma-Gamma model, with its `covariance` to carry the spend's uncertainty too, or a constant spend
 * per purchase).
 *
 * @category CLV
 * @example
 * ```ts
 * const clv: PredictionIntervalsClvOptions = { spendModel: 20, horizon: 12, discountRate: 0.01, unit: "week" };
 * ```
 */
export interface PredictionIntervalsClvOptions {
  /** A Gamma-Gamma model `{ model: "gamma-gamma", params, covariance? }`, or a constant spend per purchase. Required. */
  spendModel: { readonly model: "gamma-gamma"; readonly params: { p: number; q: number; v: number }; readonly covariance?: { readonly names: readonly string[]; readonly matrix: readonly (readonly number[])[] } | null | undefined } | number;
  /** Discount periods, a whole number from 0 to 10 000. Required. */
  horizon: number;
  /** Discount rate per period in [0, 1]. Default 0.01. */
  discountRate?: number;
  /** `"week"` (4.345-week months) or `"day"` (30-day months); default the model's unit. */
  unit?: "week" | "day";
  /** Length of one discount period in the model's time unit (whole opportunities for BG/BB); overrides `unit`. */
  periodLength?: number;
  /** Profit margin in [0, 1]. Default 1. */
  margin?: number;
}

/**
 * Options of {@link predictionIntervals}. P(alive) always gets an interval; each other quantity gets one when
 * its option is given.
 *
 * @category CLV
 * @example
 * ```ts
 * const o: PredictionIntervalsOptions = { level: 0.9, method: "sampling", draws: 1000, seed: 7, horizon: 52 };
 * ```
 */
export interface PredictionIntervalsOptions {
  /** Nominal coverage of each interval, in (0, 1). Default 0.9. */
  level?: number;
  /**
   * `"sampling"` (default): percentiles of the prediction over `draws` parameter vectors drawn from the
   * estimate's asymptotic normal distribution in log-parameters; `"delta"`: the delta method on the logit (a
   * probability) or log (a count or value) scale, from central differences of the prediction.
   */
  method?: "sampling" | "delta";
  /** Parameter draws of `"sampling"`, a whole number from 10 to 100 000. Default 1000. */
  draws?: number;
  /** Seed of the draws, a whole number in [0, 2³²). Default 1. The same seed gives the same draws everywhere. */
  seed?: number;
  /** Horizon of the conditional expected purchases, in the model's time unit (whole opportunities for BG/BB). */
  horizon?: number;
  /** Continuous discount rate per time unit, for the DERT of BG/NBD, MBG/NBD and Pareto/NBD, in [1e-12, 1e6]. */
  continuousDiscountRate?: number;
  /** Discount rate per opportunity, for the DERT of BG/BB, in (0, 1]. */
  discountRate?: number;
  /** CLV over a horizon, as `customerLifetimeValue` computes it. */
  clv?: PredictionIntervalsClvOptions;
  /** Expected cumulative transactions of a cohort (`expectedCumulativeTransactions`' births and times). */
  cumulative?: { births: readonly number[]; times: readonly number[] };
}

/**
 * A prediction and its interval. `lower` and `upper` are `null` when the model has no usable covariance (the
 * result's `reason` says why).
 *
 * @category CLV
 * @example
 * ```ts
 * const i: PredictionInterval = { estimate: 0.73, lower: 0.61, upper: 0.82 };
 * ```
 */
export interface PredictionInterval {
  /** The prediction at the estimated parameters (what the point prediction functions return). */
  estimate: number;
  /** Lower end of the interval, or `null`. */
  lower: number | null;
  /** Upper end of the interval, or `null`. */
  upper: number | null;
}

/**
 * One customer's intervals, in input order.
 *
 * @category CLV
 * @example
 * ```ts
 * const row: CustomerPredictionIntervals = {
 *   customerId: 1, probabilityAlive: { estimate: 0.73, lower: 0.61, upper: 0.82 },
 *   expectedPurchases: null, dert: null, clv: null,
 * };
 * ```
 */
export interface CustomerPredictionIntervals {
  /** The row's `customerId`, or `null` when it has none. */
  customerId: CustomerId | null;
  /** P(alive) now (BG/BB: at the next opportunity). */
  probabilityAlive: PredictionInterval;
  /** E[purchases in (T, T + horizon] | history]; `null` without `options.horizon`. */
  expectedPurchases: PredictionInterval | null;
  /** Discounted expected transactions; `null` without a discount rate. */
  dert: PredictionInterval | null;
  /** CLV; `null` without `options.clv`, or when the spend model gives the customer no expected spend. */
  clv: PredictionInterval | null;
}

/**
 * What {@link predictionIntervals} returns.
 *
 * @category CLV
 * @example
 * ```ts
 * const r: PredictionIntervals = { level: 0.9, method: "delta", draws: 0, seed: null, reason: null, customers: [], cumulativeTransactions: null };
 * ```
 */
export interface PredictionIntervals {
  /** The nominal coverage. */
  level: number;
  /** The method used. */
  method: "sampling" | "delta";
  /** Parameter draws used (0 for the delta method, or without a covariance). */
  draws: number;
  /** The seed of the draws (`null` for the delta method). */
  seed: number | null;
  /** Why the bounds are `null`, or a caveat (a spend model without covariance held fixed); `null` otherwise. */
  reason: string | null;
  /** One entry per customer, in input order. */
  customers: CustomerPredictionIntervals[];
  /** Per `options.cumulative.times[j]`, the cohort's expected cumulative repeat transactions; `null` without it. */
  cumulativeTransactions: (PredictionInterval & { time: number })[] | null;
}

const FN = "predictionIntervals";
const KNOWN_KEYS = ["level", "method", "draws", "seed", "horizon", "continuousDiscountRate", "discountRate", "clv", "cumulative"] as const satisfies readonly (keyof PredictionIntervalsOptions)[];
const CLV_KEYS = ["spendModel", "horizon", "discountRate", "unit", "periodLength", "margin"] as const satisfies readonly (keyof PredictionIntervalsClvOptions)[];
const CUMULATIVE_KEYS = ["births", "times"] as const satisfies readonly (keyof NonNullable<PredictionIntervalsOptions["cumulative"]>)[];
const PARAM_NAMES: Record<TransactionModel["model"], readonly string[]> = {
  "bg-nbd": ["r", "alpha", "a", "b"],
  "mbg-nbd": ["r", "alpha", "a", "b"],
  "pareto-nbd": ["r", "alpha", "s", "beta"],
  "bg-bb": ["alpha", "beta", "gamma", "delta"],
};
const SPEND_NAMES = ["p", "q", "v"] as const;

/** Most draws of the sampling method. */
const MAX_DRAWS = 100_000;
/** Largest CLV horizon (as customerLifetimeValue's). */
const MAX_CLV_HORIZON = 10_000;
/**
 * The work bound: parameter points × (distinct customer patterns × cost per pattern + cohort cost), in units
 * of about a microsecond (one P(alive)); 5·10⁷ is under a minute at the worst accepted input.
 */
export const MAX_INTERVAL_WORK = 5e7;
/** Measured costs in those units: a conditional expectation (BG/NBD's ₂F₁), a DERT (its integral's panels). */
const EXPECTED_COST = 4;
const DERT_COST = 1000;
/** Step in log-parameters of the delta method's central differences. */
const DELTA_STEP = 1e-4;
/** Values held per chunk of patterns (patterns × points). */
const CHUNK_VALUES = 1 << 18;

/** A range-kind of quantity: probabilities are bounded by 0 and 1, counts and values by 0 alone. */
type Kind = "probability" | "positive";

/**
 * Intervals for a fitted model's predictions, from the uncertainty of its parameter estimates: for every
 * customer P(alive), the conditional expected purchases over `horizon`, DERT and CLV, and for a cohort the
 * expected cumulative transactions — each as `{ estimate, lower, upper }` at nominal coverage `level`.
 *
 * The estimate is the model's prediction at the estimated parameters θ̂ (exactly what `probabilityAlive`,
 * `conditionalExpectedPurchases`, `discountedExpectedTransactions`, `customerLifetimeValue` and
 * `expectedCumulativeTransactions` return). The uncertainty is that of θ̂, asymptotically normal in
 * φ = ln θ with covariance Σ_φ,kl = Σ_kl/(θ̂_k θ̂_l) (Σ the model's `covariance`, natural units, as the
 * fitters give it):
 * - `"sampling"` (default): `draws` vectors φ = φ̂ + L z (L the Cholesky factor of Σ_φ, z standard normal from
 *   a seeded xoshiro128** generator, so one seed gives the same draws on every platform); the interval is the
 *   (1 − level)/2 and (1 + level)/2 quantiles (linear interpolation, R type 7) of the prediction over them;
 * - `"delta"`: the prediction g's gradient in φ by central differences (step 1e-4), on the logit scale for a
 *   probability and the log scale for a positive count or value, so the bounds stay in range:
 *   g(φ̂) ∓ z_{(1+level)/2} · sqrt(∇ᵀ Σ_φ ∇) mapped back. A prediction with no gradient (P(alive) = 1 of a
 *   BG/NBD customer without repeat purchases) has lower = upper = estimate.
 * With a Gamma-Gamma spend model that carries a covariance, its parameters are drawn too (independent of the
 * transaction model's: the two are fitted separately); without one they are held at their estimates, and
 * `reason` says so.
 *
 * Work: customers with the same (frequency, recency, T) — and spend, for CLV — share every evaluation, so the
 * work is (points) × (distinct patterns) × (cost per pattern), points being `draws` + 1 (sampling) or
 * 2·(parameters) + 1 (delta). Inputs whose work would pass 5·10⁷ units (one unit is a P(alive), ~1 µs; a
 * conditional expectation costs 4, a DERT — an integral over the future — 1000, CLV a quarter per discount
 * period) are refused: e.g. 1000 draws of P(alive) and expected purchases for 10 000 distinct patterns is
 * the most one call does; the delta method does the same for a million patterns.
 *
 * @param model - a transaction model (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB) with its `covariance`: a fitted model
 *   as it is
 * @param customers - rows `{ frequency, recency, T, customerId?, monetaryValue? }` (`n` instead of `T` for
 *   BG/BB); `monetaryValue` only with a Gamma-Gamma CLV
 * @param options - see {@link PredictionIntervalsOptions}
 * @returns {@link PredictionIntervals}: per customer in input order, and per cumulative time
 * @throws RetentionKitError the model and row errors of `conditionalExpectedPurchases`, `INVALID_PARAMETER`
 *   for a malformed `model.covariance` (path `model.covariance.matrix[i][j]`: not finite, not symmetric, other
 *   names than the parameters); `OUT_OF_RANGE` for `level` outside (0, 1) (`90` gets "did you mean 0.9?"),
 *   `draws` outside [10, 100 000], `seed` outside [0, 2³²), and at `options.draws` (or `customers` for the
 *   delta method) when the work would pass the bound; `NOT_INTEGER`, `INVALID_NUMBER`, `INVALID_OPTION`
 *   for bad options (a discount rate of the other clock); the option errors of `customerLifetimeValue` at
 *   `options.clv.*` and of `expectedCumulativeTransactions` at `options.cumulative.*`; `UNKNOWN_OPTION`
 * @category CLV
 * @example
 * ```ts
 * const bg = {
 *   model: "bg-nbd", params: { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 },
 *   covariance: { names: ["r", "alpha", "a", "b"], matrix: [
 *     [0.000158, 0.00371, -0.0000878, 0.0000656], [0.00371, 0.143, -0.00287, 0.0105],
 *     [-0.0000878, -0.00287, 0.0345, 0.123], [0.0000656, 0.0105, 0.123, 0.498]] },
 * } as const;
 * const customer = { frequency: 2, recency: 30.43, T: 38.86 };
 * const { customers: [c] } = predictionIntervals(bg, [customer], { method: "delta", horizon: 39 });
 * [c.probabilityAlive.estimate, c.probabilityAlive.lower, c.probabilityAlive.upper].map((v) => v.toFixed(3));
 * // => ["0.727", "0.699", "0.753"]
 * [c.expectedPurchases.estimate, c.expectedPurchases.lower, c.expectedPurchases.upper].map((v) => v.toFixed(3));
 * // => ["1.226", "1.153", "1.303"]
 * const sampled = predictionIntervals(bg, [customer], { draws: 2000, seed: 7 }).customers[0].probabilityAlive;
 * [sampled.lower, sampled.upper].map((v) => v.toFixed(2));
 * // => ["0.70", "0.75"]
 * ```
 */
export function predictionIntervals(model: ModelWithCovariance, customers: readonly ClvCustomer[], options?: PredictionIntervalsOptions): PredictionIntervals {
  const m = readTransactionModel(FN, model, "model");
  const rawCovariance = record(FN, model, "model")["covariance"];
  const o = optionsBag(FN, options ?? {}, KNOWN_KEYS);
  const level = readLevel(o["level"]);
  const method = o["method"] === undefined ? "sampling" : oneOf(FN, o["method"], "options.method", ["sampling", "delta"] as const);
  const draws = o["draws"] === undefined ? 1000 : integerAtLeast(FN, o["draws"], "options.draws", 10);
  if (!(draws <= MAX_DRAWS)) fail(FN, "OUT_OF_RANGE", `options.draws must be at most ${MAX_DRAWS}, got ${show(draws)}`, "options.draws");
  const seed = o["seed"] === undefined ? 1 : integerAtLeast(FN, o["seed"], "options.seed", 0);
  if (!(seed < 4294967296)) fail(FN, "OUT_OF_RANGE", `options.seed must be below 2^32 (4294967296), got ${show(seed)}`, "options.seed");
  const bgbb = m.model === "bg-bb";
  const horizon = o["horizon"] === undefined ? null : bgbb ? readOpportunities(FN, o["horizon"], "options.horizon") : readDuration(FN, o["horizon"], "options.horizon");
  const dertRate = readDertRate(m, o["continuousDiscountRate"], o["discountRate"]);
  const clvOpts = o["clv"] === undefined ? null : readClvOptions(m, o["clv"]);
  const cohort = o["cumulative"] === undefined ? null : readCohort(m, o["cumulative"]);

  // The parameter vector: the transaction model's, then the spend model's when its covariance is given.
  const names = PARAM_NAMES[m.model];
  const theta: number[] = names.map((k) => (m.params as unknown as Record<string, number>)[k]!);
  const notes: string[] = [];
  let cov = readCovariance(rawCovariance, names, theta, "model.covariance");
  let spendSampled = false;
  if (clvOpts !== null && typeof clvOpts.spend !== "number") {
    const sp = clvOpts.spend;
    const spendCov = readCovariance(sp.covariance, SPEND_NAMES, [sp.p, sp.q, sp.v], "options.clv.spendModel.covariance");
    if (spendCov === null) {
      notes.push("options.clv.spendModel has no covariance: its parameters are held at their estimates, so the CLV intervals carry only the transaction model's uncertainty");
    } else if (cov !== null) {
      cov = blockDiagonal(cov, spendCov);
      theta.push(sp.p, sp.q, sp.v);
      spendSampled = true;
    }
  }
  const P = theta.length;

  // Customers: validated once, grouped into distinct patterns (x, t_x, age[, z̄]).
  const rows = array<unknown>(FN, customers, "customers");
  const n = rows.length;
  const withSpend = clvOpts !== null && typeof clvOpts.spend !== "number";
  const width = withSpend ? 4 : 3;
  const cols = Array.from({ length: width }, () => new Float64Array(n));
  const ids = new Array<CustomerId | null>(n);
  const v = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    const path = `customers[${i}]`;
    const row = record(FN, rows[i], path);
    readCustomerFor(FN, m, row, path, v);
    cols[0]![i] = v[0]!;
    cols[1]![i] = v[1]!;
    cols[2]![i] = v[2]!;
    const rawId = row["customerId"];
    ids[i] = rawId === undefined ? null : readCustomerId(FN, rawId, `${path}.customerId`);
    if (withSpend) {
      const mv = finiteNumber(FN, row["monetaryValue"], `${path}.monetaryValue`);
      if (!(mv >= 0)) fail(FN, "NEGATIVE_VALUE", `${path}.monetaryValue must be ≥ 0, got ${show(mv)}`, `${path}.monetaryValue`);
      cols[3]![i] = mv === 0 ? 0 : mv;
    }
  }
  const patterns = indexRows(cols);

  // The points at which every prediction is evaluated (point 0: the estimate).
  let factor: Float64Array | null = null;
  if (cov === null) {
    notes.unshift("the model carries no covariance of its parameters (a fitter gives one, null when the fit does not identify them): no intervals");
  } else {
    const f = cholesky(cov, P);
    if ("l" in f) factor = f.l;
    else notes.unshift(`model.covariance is not positive definite (at ${[...names, ...SPEND_NAMES][f.failedAt]}): the parameters are not identified, so no intervals`);
  }
  const reasonText = notes.join("; ");
  const usedMethod = method;
  const pointCount = factor === null ? 1 : method === "sampling" ? draws + 1 : 2 * P + 1;

  // Bounded work.
  const perPattern = 1 + (horizon === null ? 0 : EXPECTED_COST) + (dertRate === null ? 0 : DERT_COST) + (clvOpts === null ? 0 : Math.ceil(Math.min(clvOpts.horizon, 400) / 4) + 2);
  const cohortCost = cohort === null ? 0 : cohort.distinctBirths * cohort.at.length;
  const work = pointCount * (patterns.count * perPattern + cohortCost * EXPECTED_COST);
  if (!(work <= MAX_INTERVAL_WORK)) {
    const where = method === "sampling" ? "options.draws" : "customers";
    fail(FN, "OUT_OF_RANGE", `the intervals would take ${work.toExponential(2)} prediction evaluations (${pointCount} parameter points × (${patterns.count} distinct customer patterns × ${perPattern}${cohortCost > 0 ? ` + the cohort's ${cohortCost * EXPECTED_COST}` : ""})), above the bound of ${MAX_INTERVAL_WORK.toExponential(0)}: ${method === "sampling" ? `use fewer draws (at most ${Math.floor(MAX_INTERVAL_WORK / (patterns.count * perPattern + cohortCost * EXPECTED_COST)) - 1} here), method: "delta", or fewer customers at once` : "score fewer customers at once, or leave out DERT"}`, where);
  }

  const points = new Float64Array(pointCount * P);
  points.set(theta, 0);
  const logCov = factor === null ? null : cov!;
  if (factor !== null) {
    if (method === "sampling") {
      const rng = createRandom(seed);
      const z = new Float64Array(P);
      for (let d = 1; d < pointCount; d++) {
        for (let k = 0; k < P; k++) z[k] = rng.normal();
        for (let k = 0; k < P; k++) {
          let s = 0;
          for (let j = 0; j <= k; j++) s += factor[k * P + j]! * z[j]!;
          points[d * P + k] = theta[k]! * Math.exp(s);
        }
      }
    } else {
      for (let k = 0; k < P; k++) {
        for (let sgn = 0; sgn < 2; sgn++) {
          const d = 1 + 2 * k + sgn;
          for (let j = 0; j < P; j++) points[d * P + j] = theta[j]!;
          points[d * P + k] = theta[k]! * Math.exp(sgn === 0 ? DELTA_STEP : -DELTA_STEP);
        }
      }
    }
  }
  const modelAt = (d: number): TransactionModel => {
    const params: Record<string, number> = {};
    names.forEach((k, j) => (params[k] = points[d * P + j]!));
    return { ...m, params } as unknown as TransactionModel;
  };
  const spendAt = (d: number): { p: number; q: number; v: number } | number | null => {
    if (clvOpts === null) return null;
    const sp = clvOpts.spend;
    if (typeof sp === "number") return sp;
    if (!spendSampled) return { p: sp.p, q: sp.q, v: sp.v };
    const b = d * P + names.length;
    return { p: points[b]!, q: points[b + 1]!, v: points[b + 2]! };
  };

  const reduce = makeReducer(usedMethod, factor === null ? null : logCov, P, level, pointCount);

  // Per chunk of patterns: every point's predictions, then each pattern's interval.
  const K = patterns.count;
  const alive = new Array<PredictionInterval>(K);
  const expected = horizon === null ? null : new Array<PredictionInterval>(K);
  const dert = dertRate === null ? null : new Array<PredictionInterval>(K);
  const clv = clvOpts === null ? null : new Array<PredictionInterval | null>(K);
  const [px, ptx, page] = patterns.columns as [Float64Array, Float64Array, Float64Array];
  const pm = withSpend ? patterns.columns[3]! : null;
  const chunk = Math.max(1, Math.floor(CHUNK_VALUES / pointCount));
  const buf = {
    alive: new Float64Array(Math.min(chunk, K) * pointCount),
    expected: new Float64Array(horizon === null ? 0 : Math.min(chunk, K) * pointCount),
    dert: new Float64Array(dertRate === null ? 0 : Math.min(chunk, K) * pointCount),
    clv: new Float64Array(clvOpts === null ? 0 : Math.min(chunk, K) * pointCount),
  };
  for (let from = 0; from < K; from += chunk) {
    const to = Math.min(K, from + chunk);
    const c = to - from;
    const cx = px.subarray(from, to);
    const ctx = ptx.subarray(from, to);
    const cage = page.subarray(from, to);
    for (let d = 0; d < pointCount; d++) {
      const md = modelAt(d);
      for (let i = 0; i < c; i++) {
        const x = cx[i]!;
        const tx = ctx[i]!;
        const age = cage[i]!;
        buf.alive[i * pointCount + d] = probabilityAliveKernel(md, x, tx, age);
        if (horizon !== null) buf.expected[i * pointCount + d] = conditionalExpectedKernel(md, x, tx, age, horizon);
        if (dertRate !== null) {
          buf.dert[i * pointCount + d] = md.model === "bg-bb" ? bgBbDertKernel(md.params, x, tx, age, dertRate) : continuousDertKernel(md, x, tx, age, dertRate);
        }
      }
      if (clvOpts !== null) {
        // A model per draw: tables would be built per draw for one chunk, so each history is summed itself.
        const sums = discountedPurchaseColumns(md, cx, ctx, cage, clvOpts.horizon, clvOpts.periodLength, clvOpts.discountRate, false);
        const sp = spendAt(d)!;
        for (let i = 0; i < c; i++) {
          const perPurchase = typeof sp === "number" ? sp : gammaGammaSpend(sp.p, sp.q, sp.v, cx[i]!, pm![from + i]!);
          const value = perPurchase === null ? Number.NaN : clvOpts.margin * perPurchase * sums.discounted[i]!;
          buf.clv[i * pointCount + d] = Number.isFinite(value) ? value : Number.NaN;
        }
      }
    }
    for (let i = 0; i < c; i++) {
      const at = i * pointCount;
      alive[from + i] = reduce(buf.alive.subarray(at, at + pointCount), "probability");
      if (expected !== null) expected[from + i] = reduce(buf.expected.subarray(at, at + pointCount), "positive");
      if (dert !== null) dert[from + i] = reduce(buf.dert.subarray(at, at + pointCount), "positive");
      if (clv !== null) clv[from + i] = Number.isFinite(buf.clv[at]!) ? reduce(buf.clv.subarray(at, at + pointCount), "positive") : null;
    }
  }

  let cumulativeTransactions: PredictionIntervals["cumulativeTransactions"] = null;
  if (cohort !== null) {
    const T = cohort.at.length;
    const values = new Float64Array(T * pointCount);
    for (let d = 0; d < pointCount; d++) {
      const totals = cumulativeExpected(FN, modelAt(d), cohort.born, cohort.at, "options.cumulative.times");
      for (let j = 0; j < T; j++) values[j * pointCount + d] = totals[j]!;
    }
    cumulativeTransactions = Array.from({ length: T }, (_, j) => ({ time: cohort.at[j]!, ...reduce(values.subarray(j * pointCount, (j + 1) * pointCount), "positive") }));
  }

  const out: CustomerPredictionIntervals[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = patterns.of[i]!;
    out[i] = {
      customerId: ids[i] ?? null,
      probabilityAlive: { ...alive[k]! },
      expectedPurchases: expected === null ? null : { ...expected[k]! },
      dert: dert === null ? null : { ...dert[k]! },
      clv: clv === null || clv[k] === null ? null : { ...clv[k]! },
    };
  }
  return {
    level,
    method: usedMethod,
    draws: factor !== null && method === "sampling" ? draws : 0,
    seed: method === "sampling" ? seed : null,
    reason: reasonText === "" ? null : reasonText,
    customers: out,
    cumulativeTransactions,
  };
}

/**
 * The per-quantity reduction of one pattern's values at every point (index 0: the estimate) to an interval:
 * quantiles of the draws, or the delta method on the logit/log scale. Without a covariance, null bounds.
 */
function makeReducer(method: "sampling" | "delta", logCov: Float64Array | null, P: number, level: number, points: number): (values: Float64Array, kind: Kind) => PredictionInterval {
  const lowP = (1 - level) / 2;
  const highP = (1 + level) / 2;
  const z = twoSidedZ(level);
  const sorted = new Float64Array(Math.max(0, points - 1));
  const grad = new Float64Array(P);
  return (values, kind) => {
    const estimate = values[0]!;
    if (logCov === null || !Number.isFinite(estimate)) return { estimate, lower: null, upper: null };
    for (let d = 1; d < points; d++) if (!Number.isFinite(values[d]!)) return { estimate, lower: null, upper: null };
    if (method === "sampling") {
      sorted.set(values.subarray(1));
      sorted.sort();
      return { estimate, lower: clamp(quantile(sorted, lowP), kind), upper: clamp(quantile(sorted, highP), kind) };
    }
    // Delta method on a scale where the interval cannot leave the quantity's range.
    let scale: (u: number) => number = (u) => u;
    let back: (u: number) => number = (u) => u;
    const inside = (u: number): boolean => (kind === "probability" ? u > 0 && u < 1 : u > 0);
    let all = inside(estimate);
    for (let d = 1; d < points && all; d++) all = inside(values[d]!);
    if (all) {
      if (kind === "probability") {
        scale = (u) => Math.log(u / (1 - u));
        back = (u) => 1 / (1 + Math.exp(-u));
      } else {
        scale = Math.log;
        back = Math.exp;
      }
    }
    for (let k = 0; k < P; k++) grad[k] = (scale(values[1 + 2 * k]!) - scale(values[2 + 2 * k]!)) / (2 * DELTA_STEP);
    let variance = 0;
    for (let k = 0; k < P; k++) for (let l = 0; l < P; l++) variance += grad[k]! * logCov[k * P + l]! * grad[l]!;
    const centre = scale(estimate);
    const half = z * Math.sqrt(Math.max(0, variance));
    const lower = clamp(back(centre - half), kind);
    const upper = clamp(back(centre + half), kind);
    if (!Number.isFinite(lower) || !Number.isFinite(upper)) return { estimate, lower: null, upper: null };
    return { estimate, lower: Math.min(lower, estimate), upper: Math.max(upper, estimate) };
  };
}

/** Clamps to the quantity's range (rounding can put a logistic back-transform a hair outside). */
function clamp(u: number, kind: Kind): number {
  if (!(u > 0)) return 0;
  return kind === "probability" && u > 1 ? 1 : u;
}

/** The p-quantile of sorted values, linear interpolation between order statistics (R type 7). */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function readLevel(value: unknown): number {
  if (value === undefined) return 0.9;
  const x = finiteNumber(FN, value, "options.level");
  if (!(x > 0 && x < 1)) {
    const hint = x > 1 && x < 100 ? ` (did you mean ${x / 100}?)` : "";
    fail(FN, "OUT_OF_RANGE", `options.level must be in (0, 1), got ${show(x)}${hint}`, "options.level");
  }
  return x;
}

function readDertRate(m: TransactionModel, cont: unknown, disc: unknown): number | null {
  if (cont === undefined && disc === undefined) return null;
  if (m.model === "bg-bb") {
    if (cont !== undefined) {
      fail(FN, "INVALID_OPTION", "options.continuousDiscountRate does not apply to a BG/BB model (it counts opportunities): give options.discountRate per opportunity", "options.continuousDiscountRate");
    }
    const d = rateFraction(FN, disc, "options.discountRate");
    if (!(d > 0)) fail(FN, "OUT_OF_RANGE", `options.discountRate must be > 0 (at 0 the sum of future transactions may be infinite), got ${show(d)}`, "options.discountRate");
    return d;
  }
  if (disc !== undefined) {
    fail(FN, "INVALID_OPTION", `options.discountRate does not apply to a ${m.model} model (it runs in continuous time): give options.continuousDiscountRate (a rate d per time unit is δ = ln(1 + d))`, "options.discountRate");
  }
  return numberInRange(FN, cont, "options.continuousDiscountRate", 1e-12, 1e6);
}

interface ClvSettings {
  spend: { p: number; q: number; v: number; covariance: unknown } | number;
  horizon: number;
  discountRate: number;
  periodLength: number;
  margin: number;
}

function readClvOptions(m: TransactionModel, value: unknown): ClvSettings {
  const o = optionsBag(FN, value, CLV_KEYS, "options.clv");
  const rawSpend = o["spendModel"];
  let spend: ClvSettings["spend"];
  if (typeof rawSpend === "number") {
    const s = finiteNumber(FN, rawSpend, "options.clv.spendModel");
    if (!(s >= 0)) fail(FN, "NEGATIVE_VALUE", `options.clv.spendModel must be ≥ 0 when a constant spend, got ${show(s)}`, "options.clv.spendModel");
    spend = s;
  } else {
    const p = readModelParams(FN, rawSpend, "gamma-gamma", SPEND_NAMES, "options.clv.spendModel");
    spend = { p: p.p, q: p.q, v: p.v, covariance: record(FN, rawSpend, "options.clv.spendModel")["covariance"] };
  }
  const horizon = integerAtLeast(FN, o["horizon"], "options.clv.horizon", 0);
  if (!(horizon <= MAX_CLV_HORIZON)) fail(FN, "OUT_OF_RANGE", `options.clv.horizon must be at most ${MAX_CLV_HORIZON} periods, got ${show(horizon)}`, "options.clv.horizon");
  const discountRate = o["discountRate"] === undefined ? DEFAULT_DISCOUNT_RATE : rateFraction(FN, o["discountRate"], "options.clv.discountRate");
  const margin = o["margin"] === undefined ? 1 : rateFraction(FN, o["margin"], "options.clv.margin");
  const stated = o["unit"] === undefined ? undefined : oneOf(FN, o["unit"], "options.clv.unit", ["week", "day"] as const);
  let periodLength: number;
  if (m.model === "bg-bb") {
    if (stated !== undefined) fail(FN, "INVALID_OPTION", "options.clv.unit does not apply to a BG/BB model (its time is counted in opportunities): give options.clv.periodLength", "options.clv.unit");
    periodLength = o["periodLength"] === undefined ? 1 : integerAtLeast(FN, o["periodLength"], "options.clv.periodLength", 1);
  } else {
    if (stated !== undefined && m.unit !== undefined && stated !== m.unit) {
      fail(FN, "UNIT_MISMATCH", `options.clv.unit is ${JSON.stringify(stated)} but model.unit is ${JSON.stringify(m.unit)}: the model's parameters are per ${m.unit}; state unit: ${JSON.stringify(m.unit)} or leave it out`, "options.clv.unit");
    }
    const unit = stated ?? m.unit;
    if (o["periodLength"] !== undefined) periodLength = positiveNumber(FN, o["periodLength"], "options.clv.periodLength");
    else if (unit !== undefined) periodLength = unit === "week" ? 4.345 : 30;
    else {
      return fail(FN, "INVALID_OPTION", 'options.clv must give the model\'s time unit (unit: "week" or "day") or the discount-period length (periodLength): the model carries no unit (fitted models do)', "options.clv");
    }
  }
  return { spend, horizon, discountRate, periodLength, margin };
}

function readCohort(m: TransactionModel, value: unknown): { born: Float64Array; at: Float64Array; distinctBirths: number } {
  const o = optionsBag(FN, value, CUMULATIVE_KEYS, "options.cumulative");
  const read = m.model === "bg-bb" ? readOpportunities : readDuration;
  const b = array<unknown>(FN, o["births"], "options.cumulative.births");
  const ts = array<unknown>(FN, o["times"], "options.cumulative.times");
  const born = new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) born[i] = read(FN, b[i], `options.cumulative.births[${i}]`);
  const at = new Float64Array(ts.length);
  for (let j = 0; j < ts.length; j++) at[j] = read(FN, ts[j], `options.cumulative.times[${j}]`);
  born.sort();
  let distinct = 0;
  for (let i = 0; i < born.length; i++) if (i === 0 || born[i] !== born[i - 1]) distinct++;
  return { born, at, distinctBirths: distinct };
}

/**
 * Reads a covariance `{ names, matrix }` over `names` (any order) in natural units and returns it in
 * log-parameters (Σ_kl / (θ_k θ_l)), row-major in `names` order; `null` when absent or null.
 */
function readCovariance(value: unknown, names: readonly string[], theta: readonly number[], path: string): Float64Array | null {
  if (value === undefined || value === null) return null;
  const c = record(FN, value, path);
  const given = array<unknown>(FN, c["names"], `${path}.names`);
  const matrix = array<unknown>(FN, c["matrix"], `${path}.matrix`);
  const p = names.length;
  const sameNames = given.length === p && names.every((k) => given.includes(k));
  if (!sameNames) {
    fail(FN, "INVALID_PARAMETER", `${path}.names must list the parameters ${JSON.stringify(names)} (in any order), got ${show(given)}`, `${path}.names`);
  }
  if (matrix.length !== p) fail(FN, "INVALID_PARAMETER", `${path}.matrix must have ${p} rows, got ${matrix.length}`, `${path}.matrix`);
  const at = names.map((k) => given.indexOf(k));
  const raw = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    const row = array<unknown>(FN, matrix[i], `${path}.matrix[${i}]`);
    if (row.length !== p) fail(FN, "INVALID_PARAMETER", `${path}.matrix[${i}] must have ${p} entries, got ${row.length}`, `${path}.matrix[${i}]`);
    for (let j = 0; j < p; j++) {
      const x = row[j];
      if (typeof x !== "number" || !Number.isFinite(x)) {
        fail(FN, "INVALID_PARAMETER", `${path}.matrix[${i}][${j}] must be a finite number, got ${show(x)}`, `${path}.matrix[${i}][${j}]`);
      }
      raw[i * p + j] = x;
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const a = raw[i * p + j]!;
      const b = raw[j * p + i]!;
      if (!(Math.abs(a - b) <= 1e-9 * (Math.abs(a) + Math.abs(b)) + 1e-300)) {
        fail(FN, "INVALID_PARAMETER", `${path}.matrix must be symmetric: [${i}][${j}] is ${show(a)} but [${j}][${i}] is ${show(b)}`, `${path}.matrix[${i}][${j}]`);
      }
    }
  }
  const out = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    for (let l = 0; l < p; l++) {
      const i = at[k]!;
      const j = at[l]!;
      // The symmetric part (the check above allows rounding differences).
      const s = (raw[i * p + j]! + raw[j * p + i]!) / 2;
      out[k * p + l] = s / (theta[k]! * theta[l]!);
    }
  }
  for (const x of out) if (!Number.isFinite(x)) fail(FN, "INVALID_PARAMETER", `${path}.matrix is too large for the parameters' scale`, `${path}.matrix`);
  return out;
}

function blockDiagonal(a: Float64Array, b: Float64Array): Float64Array {
  const pa = Math.round(Math.sqrt(a.length));
  const pb = Math.round(Math.sqrt(b.length));
  const p = pa + pb;
  const out = new Float64Array(p * p);
  for (let i = 0; i < pa; i++) for (let j = 0; j < pa; j++) out[i * p + j] = a[i * pa + j]!;
  for (let i = 0; i < pb; i++) for (let j = 0; j < pb; j++) out[(pa + i) * p + pa + j] = b[i * pb + j]!;
  return out;
}
