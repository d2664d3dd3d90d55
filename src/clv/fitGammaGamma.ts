import { ValueIndex } from "../internal/valueIndex.js";
import { fitMaximumLikelihood, type MleOptions } from "../internal/mle.js";
import { minimize } from "../internal/optimize.js";
import { compressPatterns, inLexicographicOrder, WeightTotal, type Patterns } from "../internal/patterns.js";
import { digamma, lgamma, trigamma } from "../internal/special.js";
import { count, fail, finiteNumber, nonNegativeNumber, oneOf, optionsBag, show } from "../internal/validate.js";
import { readInitialParams, readMaxIterations } from "./readModel.js";
import { valueGradientHessian } from "./rfFit.js";
import type { FittedModel, GammaGammaParams } from "./types.js";

/**
 * One Gamma-Gamma input row: a customer's repeat-purchase count and the mean value of those purchases
 * (`CustomerSummary` rows fit as they are).
 *
 * @category CLV
 * @example
 * ```ts
 * const row: GammaGammaRow = { frequency: 2, monetaryValue: 22.35 };
 * ```
 */
export interface GammaGammaRow {
  /** x: number of repeat purchases (whole, ≥ 0). Rows with 0 are not fitted (see {@link fitGammaGamma}). */
  frequency: number;
  /** z̄: mean value of the repeat purchases; > 0 when `frequency` > 0 (any finite value ≥ 0 otherwise). */
  monetaryValue: number;
  /** Number of identical customers this row stands for (finite, ≥ 0). Default 1. */
  weight?: number;
}

/**
 * Options of {@link fitGammaGamma}.
 *
 * @category CLV
 * @example
 * ```ts
 * const options: FitGammaGammaOptions = { penalizer: 0, correlationWarning: 0.3 };
 * ```
 */
export interface FitGammaGammaOptions {
  /**
   * L2 penalty coefficient: the fit minimises the mean negative log-likelihood per fitted customer plus
   * `penalizer`·(p² + q² + v²) (lifetimes' `penalizer_coef`). Default 0.
   */
  penalizer?: number;
  /** Starting values. Default p = 1, q = 2, v = the weighted mean of `monetaryValue` (so pv/(q−1) starts there). */
  initialParams?: GammaGammaParams;
  /** Optimiser iteration limit, a whole number 0..10 000 (0 evaluates the starting values). Default 500. */
  maxIterations?: number;
  /**
   * A warning is put in `reason` when |Pearson correlation(frequency, monetaryValue)| over the fitted rows is
   * at least this (the model assumes spend is independent of frequency). Default 0.3.
   */
  correlationWarning?: number;
  /**
   * What to do with a row whose `frequency` > 0 but `monetaryValue` is 0 (repeat purchases worth nothing:
   * free items, fully refunded orders), which the model cannot produce: `"error"` throws OUT_OF_RANGE,
   * `"ignore"` leaves the row out of the fit and counts it in `zeroSpendCustomers`. Default `"error"`.
   */
  zeroSpend?: "error" | "ignore";
}

/**
 * A fitted Gamma-Gamma spend model, with the diagnostics the model's assumptions call for.
 *
 * @category CLV
 * @example
 * ```ts
 * const fit: GammaGammaFit = fitGammaGamma([
 *   { frequency: 2, monetaryValue: 20 }, { frequency: 1, monetaryValue: 35 }, { frequency: 4, monetaryValue: 12 },
 *   { frequency: 0, monetaryValue: 0 },
 * ]);
 * fit.ignoredCustomers;
 * // => 1
 * ```
 */
export type GammaGammaFit = FittedModel<{ model: "gamma-gamma"; params: GammaGammaParams }> & {
  /** Customers (Σ weights) not fitted because their `frequency` is 0 (their mean spend is undefined). */
  ignoredCustomers: number;
  /** Customers (Σ weights) with repeat purchases of zero mean value left out under `zeroSpend: "ignore"`. */
  zeroSpendCustomers: number;
  /**
   * Weighted Pearson correlation between `frequency` and `monetaryValue` over the fitted rows; `null` when
   * either has no variance. The model assumes it is near 0 (Fader, Hardie & Lee 2005 report 0.11 for CDNOW).
   */
  frequencySpendCorrelation: number | null;
};

const FN = "fitGammaGamma";
const NAMES = ["p", "q", "v"] as const;
/** Above this many distinct patterns, a subsample fit provides the starting values. */
const WARM_START_PATTERNS = 20_000;

/**
 * Fits the Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", JMR 42(4); Fader & Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value", note 025) by maximum likelihood. Each purchase's value is Gamma(p, ν) with the
 * customer's ν ~ Gamma(q, γ) (γ is `v`, as in lifetimes), so a customer's mean spend z̄ over x purchases has
 * the likelihood (note 025, eq. 1a)
 *   Γ(px+q)/(Γ(px)Γ(q)) · γ^q · (x z̄)^(px) / (z̄ (x z̄ + γ)^(px+q)),
 * summed over the rows with their weights (the Γ terms once per distinct x; mean spends rarely repeat, so
 * rows are not merged: hashing them cost more than it saved); Newton's method on log-parameters with the
 * analytic gradient and Hessian (BFGS should it not converge).
 *
 * Customers with `frequency` 0 have no observed spend: they are skipped and counted in `ignoredCustomers`
 * (the prediction {@link expectedAverageSpend} still serves them with the population mean pv/(q−1)).
 * The model assumes spend is independent of frequency: the Pearson correlation is reported in
 * `frequencySpendCorrelation`, with a warning in `reason` above `correlationWarning`. A warning is also
 * given when q ≤ 1 (the population mean spend is then undefined).
 *
 * @param rows - `{ frequency, monetaryValue, weight? }` per customer; `CustomerSummary` rows work as they are; any iterable.
 * @param options - See {@link FitGammaGammaOptions}.
 * @returns The fit: `params` `{ p, q, v }`, total `logLikelihood` over the fitted customers, `customers`
 *   (Σ weights fitted), `converged`, `iterations`, `standardErrors`, `reason`, `ignoredCustomers`,
 *   `zeroSpendCustomers`, `frequencySpendCorrelation`.
 * @throws {RetentionKitError} INVALID_TYPE / INVALID_NUMBER / NOT_INTEGER / NEGATIVE_VALUE for a bad field,
 *   OUT_OF_RANGE for `monetaryValue` 0 with `frequency` > 0 unless `zeroSpend: "ignore"` (path
 *   `rows[i].monetaryValue`; the message names the row's `customerId` when it has one, and the option),
 *   INSUFFICIENT_DATA when no row with `frequency` > 0 has positive weight, OUT_OF_RANGE when the weights
 *   add up to more than Number.MAX_SAFE_INTEGER customers (path `rows[i].weight`), INVALID_OPTION /
 *   INVALID_PARAMETER for bad options.
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category CLV
 * @example
 * ```ts
 * const fit = fitGammaGamma([
 *   { frequency: 2, monetaryValue: 22.35 }, { frequency: 1, monetaryValue: 11.77 },
 *   { frequency: 7, monetaryValue: 73.74 }, { frequency: 1, monetaryValue: 11.77 },
 *   { frequency: 2, monetaryValue: 25.55 }, { frequency: 5, monetaryValue: 17.6 },
 *   { frequency: 3, monetaryValue: 40 }, { frequency: 1, monetaryValue: 60 },
 * ]);
 * fit.model; // => "gamma-gamma"
 * fit.ignoredCustomers; // => 0
 * ```
 */
export function fitGammaGamma(rows: Iterable<GammaGammaRow>, options?: FitGammaGammaOptions): GammaGammaFit {
  const o = readOptions(options);
  const zeroFrequency = new WeightTotal();
  const pat = compressPatterns(FN, rows, 2, (row, path, out, weight) => {
    const x = count(FN, row["frequency"], `${path}.frequency`);
    const m = finiteNumber(FN, row["monetaryValue"], `${path}.monetaryValue`);
    if (!(m >= 0)) fail(FN, "NEGATIVE_VALUE", `${path}.monetaryValue must be ≥ 0, got ${show(m)}`, `${path}.monetaryValue`);
    if (x === 0) {
      zeroFrequency.add(FN, weight, `${path}.weight`);
      return false;
    }
    if (m === 0 && o.zeroSpend === "ignore") return false;
    if (!(m > 0)) {
      const id = row["customerId"];
      const who = typeof id === "string" || typeof id === "number" ? ` (customer ${show(id)})` : "";
      fail(
        FN,
        "OUT_OF_RANGE",
        `${path}.monetaryValue${who} must be > 0 when frequency > 0 (the model has no zero-value purchases), got ${show(m)}; ` +
          `to fit the other customers and count this one in zeroSpendCustomers, pass options.zeroSpend: "ignore"`,
        `${path}.monetaryValue`,
      );
    }
    out[0] = x;
    out[1] = m;
    return true;
  }, { merge: false });
  return fitPatterns(pat, zeroFrequency.value(), o);
}

/**
 * {@link fitGammaGamma} on rows already read into validated (x, z̄) patterns with x > 0 and z̄ > 0 (the
 * engine's), `zeroFrequencyWeight` of the rows having x = 0 and `skippedWeight` counting those and the rows
 * left out for a zero spend; the same fit.
 */
export function fitGammaGammaPatterns(pat: Patterns, zeroFrequencyWeight: number, options?: FitGammaGammaOptions): GammaGammaFit {
  return fitPatterns(inLexicographicOrder(pat), zeroFrequencyWeight, readOptions(options));
}

interface GgOptions {
  penalizer: number;
  maxIterations: number | undefined;
  corrLimit: number;
  zeroSpend: "error" | "ignore";
  initialParams: unknown;
}

function readOptions(options: unknown): GgOptions {
  const opts = optionsBag(FN, options, ["penalizer", "initialParams", "maxIterations", "correlationWarning", "zeroSpend"] as const satisfies readonly (keyof FitGammaGammaOptions)[]);
  const penalizer = opts["penalizer"] === undefined ? 0 : nonNegativeNumber(FN, opts["penalizer"], "options.penalizer");
  const maxIterations = readMaxIterations(FN, opts["maxIterations"], 0);
  const corrLimit = opts["correlationWarning"] === undefined ? 0.3 : nonNegativeNumber(FN, opts["correlationWarning"], "options.correlationWarning");
  const zeroSpend = opts["zeroSpend"] === undefined ? "error" : oneOf(FN, opts["zeroSpend"], "options.zeroSpend", ["error", "ignore"] as const);
  return { penalizer, maxIterations, corrLimit, zeroSpend, initialParams: opts["initialParams"] };
}

function fitPatterns(pat: Patterns, zeroFrequencyWeight: number, o: GgOptions): GammaGammaFit {
  const { penalizer, maxIterations, corrLimit } = o;
  if (!(pat.totalWeight > 0)) {
    fail(FN, "INSUFFICIENT_DATA", "rows must contain at least one customer with frequency > 0 and positive weight", "rows");
  }
  const [xs, ms] = pat.columns as [Float64Array, Float64Array];
  const w = pat.weights;
  const N = pat.count;
  const W = pat.totalWeight;

  const ll = gammaGammaLikelihood(xs, ms, w);
  const initial = readInitialParams(FN, o.initialParams, NAMES, { p: 1, q: 2, v: ll.meanSpend });
  let warmStart: MleOptions["warmStart"];
  if (o.initialParams === undefined && N > WARM_START_PATTERNS) {
    // Many distinct patterns: the fit starts from (and with the curvature of) a fit on an evenly strided subsample.
    const stride = Math.ceil(N / WARM_START_PATTERNS);
    const pick = (a: Float64Array): Float64Array => Float64Array.from({ length: Math.ceil(N / stride) }, (_, k) => a[k * stride]!);
    warmStart = gammaGammaLikelihood(pick(xs), pick(ms), pick(w));
  }
  const fit = fitMaximumLikelihood(
    { names: NAMES, totalWeight: W, initial: [initial.p, initial.q, initial.v], logLikelihood: ll.logLikelihood, gradient: ll.gradient, hessian: ll.hessian, newton: true },
    { penalizer, maxIterations, warmStart },
  );

  const correlation = weightedCorrelation(xs, ms, w);
  const notes: string[] = [];
  if (fit.reason !== null) notes.push(fit.reason);
  // The model's two boundaries: p → ∞ (no spread of a customer's spend around their own mean: z̄ ~ InvGamma)
  // and q, γ → ∞ (no spread between customers: one ν for all). When the fit is no better than a boundary
  // model, the parameters run off along a ridge and only a combination of them is identified.
  let converged = fit.converged;
  if (penalizer === 0 && Number.isFinite(fit.logLikelihood) && N > 0) {
    const tol = 1e-7 * Math.abs(fit.logLikelihood) + 1e-7;
    if (fit.logLikelihood <= noWithinSpreadLogLikelihood(ll.sums) + tol) {
      converged = false;
      notes.unshift("no spread of spend within customers beyond the spread between them: p runs off to infinity (and v to 0) with only pv identified");
    } else if (fit.logLikelihood <= noBetweenSpreadLogLikelihood(ll.sums) + tol) {
      converged = false;
      notes.unshift("no spread of mean spend between customers beyond chance: q and v run off to infinity with only q/v identified");
    }
  }
  if (correlation !== null && Math.abs(correlation) >= corrLimit) {
    notes.push(`frequency and monetaryValue are correlated (Pearson ${correlation.toFixed(3)}); the Gamma-Gamma model assumes they are independent`);
  }
  if (fit.params.q <= 1) notes.push(`q = ${fit.params.q.toPrecision(4)} ≤ 1: the population mean spend pv/(q−1) is undefined`);

  return {
    model: "gamma-gamma",
    ...fit,
    converged,
    reason: notes.length > 0 ? notes.join("; ") : null,
    ignoredCustomers: zeroFrequencyWeight,
    zeroSpendCustomers: pat.skippedWeight - zeroFrequencyWeight,
    frequencySpendCorrelation: correlation,
  };
}

/**
 * Σ w ℓ(p, q, γ), its gradient and its Hessian over patterns (x, z̄, w); see {@link fitGammaGamma}. Written as
 *   ℓ = [lnΓ(px+q) − lnΓ(px)] − lnΓ(q) + q ln γ − ln z̄ − q ln(x z̄) − (px+q)·L,  L = ln(1 + γ/(x z̄)),
 * which is eq. 1a with the px·ln terms cancelled analytically, so the ridge p → ∞ (px in the billions) keeps
 * full precision. The Γ terms depend on x alone: evaluated once per distinct frequency with summed weights.
 * Second derivatives: ∂²ℓ/∂p² = x²[ψ₁(px+q) − ψ₁(px)], ∂²ℓ/∂p∂q = x ψ₁(px+q), ∂²ℓ/∂q² = ψ₁(px+q) − ψ₁(q),
 * ∂²ℓ/∂p∂γ = −x/(x z̄+γ), ∂²ℓ/∂q∂γ = 1/γ − 1/(x z̄+γ), ∂²ℓ/∂γ² = −q/γ² + (px+q)/(x z̄+γ)².
 */
export function gammaGammaLikelihood(xs: Float64Array, ms: Float64Array, w: Float64Array): {
  totalWeight: number;
  meanSpend: number;
  /** The data's sums that the boundary models' likelihoods need (taken in the same pass). */
  sums: SpendSums;
  logLikelihood: (th: readonly number[]) => number;
  gradient: (th: readonly number[]) => number[];
  hessian: (th: readonly number[]) => number[][];
} {
  const N = xs.length;
  const xIndex = new ValueIndex();
  const fx: number[] = [];
  const fw: number[] = [];
  const xm = new Float64Array(N);
  let W = 0;
  let meanM = 0;
  let sumWLogM = 0; // Σ w ln z̄
  let sumWLogXM = 0; // Σ w ln(x z̄)
  let sInv = 0; // Σ w / z̄
  let sx = 0; // Σ w x
  let sxm = 0; // Σ w x z̄
  let sxLogXM = 0; // Σ w x ln(x z̄)
  for (let i = 0; i < N; i++) W += w[i]!;
  for (let i = 0; i < N; i++) {
    const x = xs[i]!;
    const k = xIndex.indexOf(x, fx);
    if (k === fw.length) fw.push(0);
    fw[k] = fw[k]! + w[i]!;
    xm[i] = x * ms[i]!;
    const logM = Math.log(ms[i]!);
    const logXM = Math.log(xm[i]!);
    sumWLogM += w[i]! * logM;
    sumWLogXM += w[i]! * logXM;
    meanM += (w[i]! * ms[i]!) / W;
    sInv += w[i]! / ms[i]!;
    sx += w[i]! * x;
    sxm += w[i]! * x * ms[i]!;
    sxLogXM += w[i]! * x * logXM;
  }
  const sums: SpendSums = { W, sInv, sLogM: sumWLogM, sx, sxm, sxLogXM, fx, fw };
  const K = fx.length;
  // One pass gives the value and the gradient (the optimiser asks for both at each accepted point), and the
  // Hessian when asked; each sum runs in the same order as in separate passes.
  const pass = valueGradientHessian((th, grad, hess) => {
    const [p, q, v] = th as [number, number, number];
    let s = W * (q * Math.log(v) - lgamma(q)) - sumWLogM - q * sumWLogXM;
    let gp = 0;
    let gq = W * (Math.log(v) - digamma(q)) - sumWLogXM;
    let gv = (W * q) / v;
    let hpp = 0;
    let hpq = 0;
    let hqq = 0;
    let hpv = 0;
    let hqv = W / v;
    let hvv = (-W * q) / (v * v);
    for (let k = 0; k < K; k++) s += fw[k]! * lgammaRatio(p * fx[k]!, q);
    for (let k = 0; k < K; k++) {
      const x = fx[k]!;
      const px = p * x;
      gp += fw[k]! * x * digammaDiff(px, q);
      gq += fw[k]! * digamma(px + q);
      if (hess) {
        hpp += fw[k]! * x * x * trigammaDiff(px, q);
        hpq += fw[k]! * x * trigamma(px + q);
        hqq += fw[k]! * trigammaDiff(q, px);
      }
    }
    for (let i = 0; i < N; i++) {
      const x = xs[i]!;
      const wi = w[i]!;
      const L = Math.log1p(v / xm[i]!);
      s -= wi * (p * x + q) * L;
      gp -= wi * x * L;
      gq -= wi * L;
      const u = 1 / (xm[i]! + v);
      gv -= wi * (p * x + q) * u;
      if (hess) {
        hpv -= wi * x * u;
        hqv -= wi * u;
        hvv += wi * (p * x + q) * u * u;
      }
    }
    grad[0] = gp;
    grad[1] = gq;
    grad[2] = gv;
    if (hess) {
      const H = [[hpp, hpq, hpv], [hpq, hqq, hqv], [hpv, hqv, hvv]];
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) hess[a]![b] = H[a]![b]!;
    }
    return s;
  });
  return { totalWeight: W, meanSpend: meanM, sums, ...pass };
}

/** ψ(z + a) − ψ(z), differenced analytically from the asymptotic series for z ≥ 1e4 (see {@link lgammaRatio}). */
function digammaDiff(z: number, a: number): number {
  if (z < 1e4) return digamma(z + a) - digamma(z);
  const za = z + a;
  return Math.log1p(a / z) - 0.5 * (1 / za - 1 / z) - (1 / (za * za) - 1 / (z * z)) / 12;
}

/**
 * ψ₁(z + a) − ψ₁(z), differenced analytically for z ≥ 1e4 (see {@link lgammaRatio}): from
 * ψ₁(z) ≈ 1/z + 1/(2z²) + 1/(6z³), each difference of powers written without cancellation; the next term,
 * −1/(30z⁵), changes the result by less than 1/(6z⁴) ≤ 2e-17 relative.
 */
export function trigammaDiff(z: number, a: number): number {
  if (z < 1e4) return trigamma(z + a) - trigamma(z);
  const za = z + a;
  const z2 = z * z;
  const za2 = za * za;
  // 1/za − 1/z, 1/za² − 1/z², 1/za³ − 1/z³ over the common factor −a.
  const d1 = 1 / (z * za);
  const d2 = (z + za) / (z2 * za2);
  const d3 = (z2 + z * za + za2) / (z2 * z * za2 * za);
  return -a * (d1 + 0.5 * d2 + d3 / 6);
}

/**
 * ln Γ(z + a) − ln Γ(z) for z > 0, a > 0, without the cancellation of two huge ln Γ values when z is large
 * (the ridge p → ∞ evaluates it at z = px in the billions): Stirling's series, differenced analytically,
 * (z − ½)·ln(1 + a/z) + a·ln(z + a) − a − a/(12 z (z+a)) + (1/z³ − 1/(z+a)³)/360, for z ≥ 1e4 (error < 1e-17).
 */
function lgammaRatio(z: number, a: number): number {
  if (z < 1e4) return lgamma(z + a) - lgamma(z);
  const za = z + a;
  return (z - 0.5) * Math.log1p(a / z) + a * Math.log(za) - a - a / (12 * z * za) + (1 / (z * z * z) - 1 / (za * za * za)) / 360;
}

/** Maximises a one-parameter profile log-likelihood over θ > 0 (BFGS on ln θ from θ = 1); −∞ if it fails. */
function profileMax(ll: (theta: number) => number): number {
  const r = minimize((phi) => (Math.abs(phi[0]!) < 40 ? -ll(Math.exp(phi[0]!)) : Number.NaN), [0], { gradientTolerance: 1e-10 });
  return Number.isFinite(r.value) ? -r.value : Number.NEGATIVE_INFINITY;
}

/** Weighted sums over the (x, z̄, w) rows, in row order, and the weight of each distinct x (first-seen order). */
interface SpendSums {
  W: number;
  sInv: number;
  sLogM: number;
  sx: number;
  sxm: number;
  sxLogXM: number;
  fx: readonly number[];
  fw: readonly number[];
}

/**
 * Log-likelihood of the p → ∞ limit at its MLE: z̄ = 1/ν′ with ν′ ~ Gamma(q, rate s), i.e. z̄ ~ InvGamma(q, s),
 * whatever x. For a shape q the scale MLE is s = qW/Σ w/z̄, leaving a 1-D search.
 */
function noWithinSpreadLogLikelihood({ W, sInv, sLogM }: SpendSums): number {
  return profileMax((q) => {
    const scale = (q * W) / sInv;
    return W * (q * Math.log(scale) - lgamma(q)) - (q + 1) * sLogM - scale * sInv;
  });
}

/**
 * Log-likelihood of the q, γ → ∞ limit at its MLE: one ν for everybody, so x z̄ ~ Gamma(px, rate ν) and the
 * density of z̄ is Gamma(px, rate xν). For a shape p the rate MLE is ν = pΣwx / Σwx z̄, leaving a 1-D search.
 * Σ_i w [px ln(xν) − lnΓ(px) + (px−1) ln z̄ − xν z̄] is regrouped into sums over the data, so that each
 * evaluation costs one ln Γ per distinct frequency.
 */
function noBetweenSpreadLogLikelihood({ sx, sxm, sxLogXM, sLogM, fx, fw }: SpendSums): number {
  return profileMax((p) => {
    const nu = (p * sx) / sxm;
    let ll = p * sx * Math.log(nu) + p * sxLogXM - sLogM - nu * sxm;
    for (let k = 0; k < fx.length; k++) ll -= fw[k]! * lgamma(p * fx[k]!);
    return ll;
  });
}

/** Weighted Pearson correlation; null when a variance is 0 (or not finite). */
function weightedCorrelation(a: Float64Array, b: Float64Array, w: Float64Array): number | null {
  let sw = 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    sw += w[i]!;
    ma += w[i]! * a[i]!;
    mb += w[i]! * b[i]!;
  }
  ma /= sw;
  mb /= sw;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let i = 0; i < a.length; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    saa += w[i]! * da * da;
    sbb += w[i]! * db * db;
    sab += w[i]! * da * db;
  }
  const r = sab / Math.sqrt(saa * sbb);
  if (!(saa > 0 && sbb > 0) || !Number.isFinite(r)) return null;
  return Math.max(-1, Math.min(1, r));
}
