import { lexicographicOrder } from "../internal/lexOrder.js";
import { cholesky, choleskyInverse, choleskySolve } from "../internal/linalg.js";
import { normalCdf } from "../internal/normal.js";
import { array, fail, finiteNumber, integerAtLeast, iterable, nonNegativeNumber, optionsBag, record, show } from "../internal/validate.js";

/**
 * Options of {@link fitLogisticRegression}.
 *
 * @category Churn
 * @example
 * ```ts
 * const options: FitLogisticRegressionOptions = { outcome: "churned", features: ["recency", "frequency"], penalty: 0.1 };
 * ```
 */
export interface FitLogisticRegressionOptions {
  /** The row field holding the outcome: `true`/`false` or `1`/`0` (1 = the event, e.g. churned). Required. */
  outcome: string;
  /** The row fields used as numeric features, each a finite number in every row; may be empty (intercept only). Required. */
  features: readonly string[];
  /**
   * L2 (ridge) penalty λ ≥ 0 on the standardised slopes: the fit maximises ℓ(β) − ½·λ·Σⱼ (βⱼ·sⱼ)², with sⱼ the
   * (weighted) standard deviation of feature j. The intercept is never penalised. Default 0 (maximum likelihood,
   * as R's `glm(family = binomial)`).
   */
  penalty?: number;
  /** Newton iterations at most, an integer in [1, 1000]. Default 50. */
  maxIterations?: number;
  /**
   * The row field holding a case weight (a finite number ≥ 0, R's prior `weights`; a row of weight w counts as w
   * copies). Rows of weight 0 are left out. Default: every row weighs 1.
   */
  weights?: string;
}

/**
 * A fitted logistic regression, P(outcome) = 1/(1 + e^(−η)) with η = intercept + Σⱼ βⱼ·xⱼ, in the units of the
 * features as given (a coefficient is the change in log-odds per unit of its feature).
 *
 * @category Churn
 * @example
 * ```ts
 * const m: LogisticModel = fitLogisticRegression(
 *   [{ x: 1, y: 0 }, { x: 2, y: 1 }, { x: 3, y: 0 }, { x: 4, y: 1 }],
 *   { outcome: "y", features: ["x"] },
 * );
 * m.coefficients.x!.toFixed(4);
 * // => "0.9082"
 * ```
 */
export interface LogisticModel {
  /** Always `"logistic"`. */
  model: "logistic";
  /** The outcome field the model was fitted on. */
  outcome: string;
  /** The features, in the order given. */
  features: string[];
  /** The L2 penalty used (0: maximum likelihood). */
  penalty: number;
  /** `intercept` and one log-odds coefficient per feature; always finite. */
  coefficients: Record<string, number>;
  /**
   * Standard errors √diag(I⁻¹), I the (penalised) observed information at the estimate; `null` each when the fit
   * did not converge (they would describe no estimate).
   */
  standardErrors: Record<string, number | null>;
  /** Wald z = coefficient / standard error; `null` where the standard error is. */
  zScores: Record<string, number | null>;
  /** Two-sided normal p-values 2·(1 − Φ(|z|)), as R's `summary.glm` `Pr(>|z|)`; `null` where z is. */
  pValues: Record<string, number | null>;
  /** Residual deviance −2ℓ at the estimate (0/1 outcomes: the saturated log-likelihood is 0). */
  deviance: number;
  /** Deviance of the intercept-only model. */
  nullDeviance: number;
  /** Akaike information criterion −2ℓ + 2k, k the number of coefficients (R's value at penalty 0). */
  aic: number;
  /** Log-likelihood ℓ = Σ wᵢ·[yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)] at the estimate (without the penalty). */
  logLikelihood: number;
  /** Whether the Newton iterations converged to a finite estimate. */
  converged: boolean;
  /** Newton iterations run. */
  iterations: number;
  /** Rows used (weight > 0). */
  n: number;
  /** Why the fit did not converge (separation names the feature whose coefficient diverges); `null` when it did. */
  reason: string | null;
}

const FN = "fitLogisticRegression";
const KEYS = ["outcome", "features", "penalty", "maxIterations", "weights"] as const satisfies readonly (keyof FitLogisticRegressionOptions)[];

/** log(1 + eˣ) without overflow or cancellation. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** 1/(1 + e^(−x)). */
function logistic(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** A field name option: a non-empty string. */
function fieldName(value: unknown, path: string): string {
  if (typeof value !== "string" || value.length === 0) fail(FN, "INVALID_OPTION", `${path} must be the name of a row field (a non-empty string), got ${show(value)}`, path);
  return value;
}

/** Stands for a field the row does not have. */
const ABSENT: unique symbol = Symbol("absent");
const hasOwn = Object.prototype.hasOwnProperty;

/** A row's own field (an inherited member such as `toString` is not a field), read once; {@link ABSENT} when it has none. */
function ownField(row: Record<string, unknown>, name: string): unknown {
  return hasOwn.call(row, name) ? row[name] : ABSENT;
}

/**
 * Fits a logistic regression of a 0/1 outcome on numeric features by Newton's method (iteratively reweighted
 * least squares) with step halving, optionally with an L2 penalty, and gives coefficients, standard errors,
 * Wald tests, deviances and AIC as R's `glm(y ~ x, family = binomial)` and `summary()` report them.
 *
 * The log-likelihood is ℓ(β) = Σ wᵢ·[yᵢ·ηᵢ − log(1 + e^ηᵢ)] with ηᵢ = β₀ + Σⱼ βⱼ·xᵢⱼ (McCullagh & Nelder,
 * Generalized Linear Models, 2nd ed., ch. 4). Each Newton step solves (XᵀWX + Λ)·δ = Xᵀw(y − p) − Λβ, with
 * W = diag(wᵢ·pᵢ(1 − pᵢ)) and Λ the penalty on the standardised slopes (see
 * {@link FitLogisticRegressionOptions.penalty}); a step that lowers the penalised likelihood is halved (up to
 * 30 times). Features are centred and scaled internally, so the fit is invariant to a feature's units (a
 * feature multiplied by c gets its coefficient divided by c). Iterations stop when the relative change of the
 * penalised deviance is below 1e-12 and no standardised coefficient moves by more than 1e-8; the estimate
 * agrees with R's `glm` (at penalty 0) to 1e-6 relative. Rows are sorted by their values first, so any order
 * of the rows gives identical numbers.
 *
 * Complete or quasi-complete separation (a feature, or a combination, that predicts the outcome perfectly for
 * some rows) has no finite maximum-likelihood estimate: the coefficients diverge. The fit then stops with
 * `converged: false`, the last (finite) iterate, `null` standard errors and a `reason` naming the feature
 * whose standardised coefficient grew the most; a penalty > 0 always has a finite estimate and is the fix.
 *
 * @param rows - one row per customer (an array or another iterable of objects), with the outcome and feature fields
 * @param options - `outcome` and `features` (required), `penalty`, `maxIterations`, `weights`; see {@link FitLogisticRegressionOptions}
 * @returns the fitted {@link LogisticModel}; predict with {@link predictLogistic}
 * @throws RetentionKitError EMPTY_INPUT when no row has a positive weight; INVALID_TYPE for a row that is not
 *   an object, an outcome that is not a boolean or 0/1, or a feature that is missing or not a number;
 *   INVALID_NUMBER for a NaN or infinite feature or weight; NEGATIVE_VALUE for a negative weight; OUT_OF_RANGE
 *   for weights summing to more than 1e15;
 *   INSUFFICIENT_DATA when all outcomes are the same (no events or no non-events); INVALID_INPUT for a
 *   constant feature, features that are collinear (at a penalty below 1e-6), or a coefficient too large for a double;
 *   INVALID_OPTION / UNKNOWN_OPTION / OUT_OF_RANGE / NOT_INTEGER for bad options.
 * @category Churn
 * @example
 * ```ts
 * const rows = [
 *   { tenure: 1, churned: true }, { tenure: 2, churned: true }, { tenure: 3, churned: false },
 *   { tenure: 4, churned: true }, { tenure: 5, churned: false }, { tenure: 6, churned: false },
 * ];
 * const m = fitLogisticRegression(rows, { outcome: "churned", features: ["tenure"] });
 * [m.coefficients.intercept!, m.coefficients.tenure!, m.standardErrors.tenure!].map((v) => v.toFixed(4));
 * // => ["4.2491", "-1.2140", "0.9126"]
 * m.converged;
 * // => true
 * ```
 */
export function fitLogisticRegression(rows: Iterable<Record<string, unknown>>, options: FitLogisticRegressionOptions): LogisticModel {
  if (options === undefined) fail(FN, "INVALID_OPTION", "options are required: { outcome, features }", "options");
  const o = optionsBag(FN, options, KEYS);
  const outcome = fieldName(o.outcome, "options.outcome");
  const features = array<unknown>(FN, o.features, "options.features").map((f, j) => fieldName(f, `options.features[${j}]`));
  const seen = new Set<string>([outcome]);
  features.forEach((f, j) => {
    const path = `options.features[${j}]`;
    if (f === "intercept" || f === "__proto__") fail(FN, "INVALID_OPTION", `${path} may not be named ${JSON.stringify(f)} (a reserved name): rename the field`, path);
    if (seen.has(f)) fail(FN, "INVALID_OPTION", `${path} is ${JSON.stringify(f)}, ${f === outcome ? "the outcome" : "already listed"}: each feature once, and not the outcome`, path);
    seen.add(f);
  });
  const penalty = o.penalty === undefined ? 0 : nonNegativeNumber(FN, o.penalty, "options.penalty", "OUT_OF_RANGE");
  const maxIterations = o.maxIterations === undefined ? 50 : integerAtLeast(FN, o.maxIterations, "options.maxIterations", 1);
  if (maxIterations > 1000) fail(FN, "OUT_OF_RANGE", `options.maxIterations must be ≤ 1000, got ${maxIterations}`, "options.maxIterations");
  const weightField = o.weights === undefined ? null : fieldName(o.weights, "options.weights");
  if (weightField !== null && seen.has(weightField)) fail(FN, "INVALID_OPTION", `options.weights is ${JSON.stringify(weightField)}, also the outcome or a feature`, "options.weights");

  // Read every row once, into flat columns (no allocation per field: the path of a field is built only for an error).
  const q = features.length;
  const stride = q + 2; // y, w, x₁..x_q
  const rowsIn = iterable<unknown>(FN, rows, "rows");
  // An array's length sizes the buffer once (growing it by doubling copies it, and the garbage costs collections).
  let buf = new Float64Array(stride * (Array.isArray(rowsIn) ? Math.max(rowsIn.length, 1) : 256));
  let n = 0;
  let i = 0;
  for (const raw of rowsIn) {
    const row = record(FN, raw, `rows[${i}]`);
    if ((n + 1) * stride > buf.length) {
      const next = new Float64Array(buf.length * 2);
      next.set(buf);
      buf = next;
    }
    const base = n * stride;
    const yv = ownField(row, outcome);
    const y = yv === true || yv === 1 ? 1 : yv === false || yv === 0 ? 0 : -1;
    if (y < 0) {
      fail(FN, "INVALID_TYPE", `rows[${i}].${outcome} must be true/false or 1/0 (the outcome), got ${yv === ABSENT ? "no such field" : show(yv)}`, `rows[${i}].${outcome}`);
    }
    for (let j = 0; j < q; j++) {
      const f = features[j]!;
      const v = ownField(row, f);
      if (typeof v === "number" && v - v === 0) {
        buf[base + 2 + j] = v === 0 ? 0 : v;
        continue;
      }
      if (v === ABSENT) fail(FN, "INVALID_TYPE", `rows[${i}].${f} is missing: every row needs each feature in options.features (fill or drop rows without it first)`, `rows[${i}].${f}`);
      finiteNumber(FN, v, `rows[${i}].${f}`); // throws: not a finite number
    }
    let w = 1;
    if (weightField !== null) {
      const wv = ownField(row, weightField);
      if (wv === ABSENT) fail(FN, "INVALID_TYPE", `rows[${i}].${weightField} is missing (the weight field named in options.weights)`, `rows[${i}].${weightField}`);
      w = nonNegativeNumber(FN, wv, `rows[${i}].${weightField}`);
    }
    i++;
    if (w === 0) continue;
    buf[base] = y;
    buf[base + 1] = w;
    n++;
  }
  if (n === 0) fail(FN, "EMPTY_INPUT", i === 0 ? "rows is empty" : "every row has weight 0", "rows");

  // Canonical order: rows sorted by (x₁, y, w, x₁, …, x_q) (by y first when there is no feature), so that sums
  // do not depend on the order given: a radix sort on x₁, then a comparison sort of each run of tied x₁.
  const primary = new Float64Array(n);
  for (let k = 0; k < n; k++) primary[k] = buf[k * stride + (q > 0 ? 2 : 0)]!;
  const order = lexicographicOrder(primary, (a, b) => {
    for (let c = 0; c < stride; c++) {
      const d = buf[a * stride + c]! - buf[b * stride + c]!;
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return 0;
  });
  const p = q + 1;
  const yv = new Float64Array(n);
  const wv = new Float64Array(n);
  const z = new Float64Array(n * p); // the design in the sorted order, row-major, column 0 = 1; standardised below
  let wsum = 0;
  let wpos = 0;
  for (let k = 0; k < n; k++) {
    const r = order[k]! * stride;
    yv[k] = buf[r]!;
    wv[k] = buf[r + 1]!;
    wsum += wv[k]!;
    wpos += wv[k]! * yv[k]!;
    for (let j = 0; j < q; j++) z[k * p + 1 + j] = buf[r + 2 + j]!;
  }
  buf = new Float64Array(0);
  if (!(wsum <= 1e15)) fail(FN, "OUT_OF_RANGE", `the weights sum to ${show(wsum)}, more than 1e15 rows' worth: rescale the field named in options.weights`, "rows");
  if (wpos === 0 || wpos === wsum) {
    fail(FN, "INSUFFICIENT_DATA", `every outcome is ${wpos === 0 ? "0 (no events)" : "1 (no non-events)"}: a logistic regression needs both`, "rows");
  }

  // Centre and scale each feature: powers of two first (exact), then mean and standard deviation.
  const scale = new Float64Array(p); // x = mean + scale·z
  const mean = new Float64Array(p);
  const pows = new Float64Array(p);
  scale[0] = 1;
  // Row-major passes over z, each column's sums in the sorted row order.
  const big = new Float64Array(p);
  for (let k = 0; k < n; k++) for (let j = 1; j < p; j++) big[j] = Math.max(big[j]!, Math.abs(z[k * p + j]!));
  for (let j = 1; j < p; j++) pows[j] = big[j] === 0 ? 1 : 2 ** Math.floor(Math.log2(big[j]!));
  for (let k = 0; k < n; k++) {
    const wk = wv[k]! / wsum;
    for (let j = 1; j < p; j++) mean[j] = mean[j]! + wk * (z[k * p + j]! / pows[j]!);
  }
  for (let k = 0; k < n; k++) {
    const wk = wv[k]! / wsum;
    for (let j = 1; j < p; j++) {
      const d = z[k * p + j]! / pows[j]! - mean[j]!;
      scale[j] = scale[j]! + wk * d * d;
    }
  }
  for (let j = 1; j < p; j++) {
    const sd = Math.sqrt(scale[j]!);
    if (!(sd > 1e-13 * Math.max(Math.abs(mean[j]!), 1e-300))) {
      const path = `options.features[${j - 1}]`;
      fail(FN, "INVALID_INPUT", `feature ${JSON.stringify(features[j - 1])} is constant over the rows (every value ${show(z[j])}): it cannot be estimated beside the intercept; drop it`, path);
    }
    scale[j] = sd;
  }
  for (let k = 0; k < n; k++) {
    for (let j = 1; j < p; j++) z[k * p + j] = (z[k * p + j]! / pows[j]! - mean[j]!) / scale[j]!;
  }
  for (let j = 1; j < p; j++) {
    mean[j] = mean[j]! * pows[j]!;
    scale[j] = scale[j]! * pows[j]!;
  }
  for (let k = 0; k < n; k++) z[k * p] = 1;
  const lambda = new Float64Array(p);
  for (let j = 1; j < p; j++) lambda[j] = penalty;

  const gamma = new Float64Array(p);
  gamma[0] = Math.log(wpos / (wsum - wpos));
  const nullLogLik = -(wpos * softplus(-gamma[0]) + (wsum - wpos) * softplus(gamma[0]));

  const eta = new Float64Array(n);
  const objective = (g: Float64Array): number => {
    let ll = 0;
    for (let k = 0; k < n; k++) {
      let e = 0;
      const off = k * p;
      for (let a = 0; a < p; a++) e += z[off + a]! * g[a]!;
      eta[k] = e;
      ll -= wv[k]! * softplus(yv[k] === 1 ? -e : e);
    }
    let pen = 0;
    for (let a = 1; a < p; a++) pen += lambda[a]! * g[a]! * g[a]!;
    return ll - 0.5 * pen;
  };
  const hessian = (): { h: Float64Array; grad: Float64Array } => {
    const h = new Float64Array(p * p);
    const grad = new Float64Array(p);
    // Four rows at a time: one load and store of each entry of h per four rows' products.
    const w = new Float64Array(4);
    let k = 0;
    for (; k + 4 <= n; k += 4) {
      for (let t = 0; t < 4; t++) {
        const mu = logistic(eta[k + t]!);
        w[t] = wv[k + t]! * mu * (1 - mu);
        const r = wv[k + t]! * (yv[k + t]! - mu);
        const off = (k + t) * p;
        for (let a = 0; a < p; a++) grad[a] = grad[a]! + z[off + a]! * r;
      }
      const o0 = k * p;
      const o1 = o0 + p;
      const o2 = o1 + p;
      const o3 = o2 + p;
      const w0 = w[0]!;
      const w1 = w[1]!;
      const w2 = w[2]!;
      const w3 = w[3]!;
      for (let a = 0; a < p; a++) {
        const a0 = w0 * z[o0 + a]!;
        const a1 = w1 * z[o1 + a]!;
        const a2 = w2 * z[o2 + a]!;
        const a3 = w3 * z[o3 + a]!;
        const ha = a * p;
        for (let b = 0; b <= a; b++) h[ha + b] = h[ha + b]! + (a0 * z[o0 + b]! + a1 * z[o1 + b]! + a2 * z[o2 + b]! + a3 * z[o3 + b]!);
      }
    }
    for (; k < n; k++) {
      const mu = logistic(eta[k]!);
      const wk = wv[k]! * mu * (1 - mu);
      const r = wv[k]! * (yv[k]! - mu);
      const off = k * p;
      for (let a = 0; a < p; a++) {
        const za = z[off + a]!;
        grad[a] = grad[a]! + za * r;
        const wa = wk * za;
        const ha = a * p;
        for (let b = 0; b <= a; b++) h[ha + b] = h[ha + b]! + wa * z[off + b]!;
      }
    }
    for (let a = 0; a < p; a++) {
      grad[a] = grad[a]! - lambda[a]! * gamma[a]!;
      h[a * p + a] = h[a * p + a]! + lambda[a]!;
      for (let b = 0; b < a; b++) h[b * p + a] = h[a * p + b]!;
    }
    return { h, grad };
  };

  let obj = objective(gamma);
  // The information at the start, reused by the first Newton step: η is γ₀ in every row there, so it is
  // μ₀(1 − μ₀)·Σ wᵢ zᵢzᵢᵀ + λ, the Gram matrix of the standardised design up to a factor.
  let first: { h: Float64Array; grad: Float64Array } | null = hessian();
  if (penalty < 1e-6) {
    // Collinearity: the Gram matrix (1/Σw)·Σ wᵢ zᵢzᵢᵀ must be clearly positive definite (a penalty below 1e-6 is
    // too weak to make a singular information matrix safely invertible).
    const mu0 = logistic(gamma[0]!);
    const factor = 1 / (mu0 * (1 - mu0) * wsum);
    const g = new Float64Array(p * p);
    if (Number.isFinite(factor) && factor > 0) {
      for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) g[a * p + b] = (first.h[a * p + b]! - (a === b ? lambda[a]! : 0)) * factor;
    } else {
      for (let k = 0; k < n; k++) {
        const wk = wv[k]! / wsum;
        for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) g[a * p + b] = g[a * p + b]! + wk * z[k * p + a]! * z[k * p + b]!;
      }
    }
    const c = cholesky(g, p, 1e-10);
    if ("failedAt" in c) {
      const j = c.failedAt - 1;
      fail(FN, "INVALID_INPUT", `feature ${JSON.stringify(features[j])} is (nearly) a linear combination of the intercept and the features before it: drop it, or fit with a penalty`, `options.features[${j}]`);
    }
  }
  let converged = false;
  let iterations = 0;
  let reason: string | null = null;
  let lastStep = new Float64Array(p);
  let growth = new Float64Array(p); // |coefficient| change over the last iterations, for naming a diverging feature
  while (iterations < maxIterations) {
    iterations++;
    const { h, grad } = first ?? hessian();
    first = null;
    const c = cholesky(h, p, 0);
    if ("failedAt" in c) {
      reason = "the information matrix became singular (fitted probabilities of 0 or 1)";
      break;
    }
    const delta = choleskySolve(c.l, p, grad);
    let t = 1;
    const trial = new Float64Array(p);
    let next = Number.NEGATIVE_INFINITY;
    let halvings = 0;
    for (;;) {
      for (let a = 0; a < p; a++) trial[a] = gamma[a]! + t * delta[a]!;
      next = objective(trial);
      if (next >= obj - 1e-12 * Math.abs(obj)) break;
      if (++halvings > 30) break;
      t /= 2;
    }
    if (!(next >= obj - 1e-12 * Math.abs(obj))) {
      objective(gamma); // restore eta
      converged = isStationary(grad, h, p);
      if (!converged) reason = "step halving found no better estimate";
      break;
    }
    let moved = 0;
    for (let a = 0; a < p; a++) {
      lastStep[a] = trial[a]! - gamma[a]!;
      moved = Math.max(moved, Math.abs(lastStep[a]!) / (1 + Math.abs(trial[a]!)));
    }
    growth = lastStep.map((d, a) => (Math.sign(d) === Math.sign(trial[a]!) ? Math.abs(d) : 0));
    const change = Math.abs(next - obj) / (Math.abs(next) + 0.05);
    gamma.set(trial);
    obj = next;
    if (change < 1e-12 && moved < 1e-8) {
      converged = true;
      break;
    }
  }
  lastStep = new Float64Array(0);
  if (!converged && reason === null) reason = `did not converge in ${iterations} iterations`;

  // Separation: fitted probabilities numerically 0 or 1 with a coefficient still growing.
  let extreme = false;
  for (let k = 0; k < n; k++) if (Math.abs(eta[k]!) > 30) extreme = true;
  if (!converged && extreme && q > 0) {
    let worst = 1;
    for (let a = 2; a < p; a++) if (growth[a]! > growth[worst]! || (growth[worst] === 0 && Math.abs(gamma[a]!) > Math.abs(gamma[worst]!))) worst = a;
    reason = `complete or quasi-complete separation: the coefficient of ${JSON.stringify(features[worst - 1])} diverges (some rows are predicted perfectly, with probability 0 or 1); fit with a penalty > 0, or drop or coarsen that feature`;
  }

  // Back to the features' own units: β = T·γ.
  const tm = new Float64Array(p * p);
  tm[0] = 1;
  for (let j = 1; j < p; j++) {
    tm[j * p + j] = 1 / scale[j]!;
    tm[j] = -mean[j]! / scale[j]!;
  }
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let s = 0;
    for (let b = 0; b < p; b++) s += tm[a * p + b]! * gamma[b]!;
    beta[a] = s;
  }
  const names = ["intercept", ...features];
  for (let a = 0; a < p; a++) {
    if (!Number.isFinite(beta[a]!)) {
      const path = a === 0 ? "rows" : `options.features[${a - 1}]`;
      fail(FN, "INVALID_INPUT", `the coefficient of ${names[a]} is too large for a double (a feature on a very small scale): rescale the feature`, path);
    }
  }
  let se: Float64Array | null = null;
  if (converged) {
    const { h } = hessian();
    const c = cholesky(h, p, 0);
    if ("l" in c) {
      const inv = choleskyInverse(c.l, p);
      se = new Float64Array(p);
      for (let a = 0; a < p; a++) {
        let v = 0;
        for (let b = 0; b < p; b++) for (let d = 0; d < p; d++) v += tm[a * p + b]! * inv[b * p + d]! * tm[a * p + d]!;
        se[a] = Math.sqrt(Math.max(v, 0));
      }
      if (!se.every((s) => Number.isFinite(s) && s > 0)) se = null;
    }
  }
  const logLikelihood = objective(gamma) + 0.5 * penaltyOf(gamma, lambda);
  const coefficients: Record<string, number> = {};
  const standardErrors: Record<string, number | null> = {};
  const zScores: Record<string, number | null> = {};
  const pValues: Record<string, number | null> = {};
  names.forEach((name, a) => {
    coefficients[name] = beta[a] === 0 ? 0 : beta[a]!;
    const s = se === null ? null : se[a]!;
    standardErrors[name] = s;
    const zs = s === null ? null : beta[a]! / s;
    zScores[name] = zs;
    pValues[name] = zs === null ? null : 2 * normalCdf(-Math.abs(zs));
  });
  return {
    model: "logistic",
    outcome,
    features: [...features],
    penalty,
    coefficients,
    standardErrors,
    zScores,
    pValues,
    deviance: -2 * logLikelihood,
    nullDeviance: -2 * nullLogLik,
    aic: -2 * logLikelihood + 2 * p,
    logLikelihood,
    converged,
    iterations,
    n,
    reason,
  };
}

/** ½-weighted penalty Σ λⱼγⱼ². */
function penaltyOf(g: Float64Array, lambda: Float64Array): number {
  let s = 0;
  for (let a = 1; a < g.length; a++) s += lambda[a]! * g[a]! * g[a]!;
  return s;
}

/** Whether the Newton decrement gᵀH⁻¹g is negligible (the estimate is already at the optimum). */
function isStationary(grad: Float64Array, h: Float64Array, p: number): boolean {
  const c = cholesky(h, p, 0);
  if ("failedAt" in c) return false;
  const d = choleskySolve(c.l, p, grad);
  let dec = 0;
  for (let a = 0; a < p; a++) dec += d[a]! * grad[a]!;
  return dec < 1e-14;
}
