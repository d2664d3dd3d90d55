// BG/BB formulas (Fader, Hardie & Shang 2010, "Customer-Base Analysis in a Discrete-Time Noncontractual
// Setting", Marketing Science 29(6)), shared by fitBgBb and the prediction dispatch. Not re-exported.
// Kernels take validated numbers (use `readBgBbCustomer` at the boundary).
//
// Model: while alive, a customer transacts at each opportunity with probability p ~ Beta(α, β); after each
// opportunity they drop out for good with probability θ ~ Beta(γ, δ). A customer is described by
// x = repeat transactions, t_x = the opportunity of the last one (0 if none), n = opportunities observed.
//
//   L(x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
//                + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)          (eq. 5)
//
// Given the data, a customer alive after opportunity n has p ~ Beta(α+x, β+n−x) and θ ~ Beta(γ, δ+n),
// independently; this gives every conditional prediction below as P(alive at n) × an unconditional-style
// expectation with updated parameters.
import { fail, finiteNumber, record, show } from "../internal/validate.js";
import { digamma, lgamma, logAddExp, logBeta, trigamma } from "../internal/special.js";
import { GL_W, GL_X } from "../internal/quadrature.js";
import type { BgBbParams } from "./types.js";
import { MAX_OPPORTUNITIES } from "./transactionModels.js";

/** A validated BG/BB customer: repeat transactions, last-transaction opportunity, opportunities. */
export interface BgBbCustomer {
  /** x: repeat transactions in the n opportunities. */
  frequency: number;
  /** t_x: opportunity (1..n) of the last transaction; 0 when x = 0. */
  recency: number;
  /** n: transaction opportunities observed. */
  n: number;
}

function wholeAtLeast0(fn: string, v: unknown, path: string): number {
  const x = finiteNumber(fn, v, path);
  if (!Number.isInteger(x)) fail(fn, "NOT_INTEGER", `${path} must be a whole number, got ${show(x)}`, path);
  if (!(x >= 0)) fail(fn, "NEGATIVE_VALUE", `${path} must be ≥ 0, got ${show(x)}`, path);
  return x === 0 ? 0 : x;
}

/**
 * Validates a BG/BB customer row `{ frequency, recency, n }` at `path`: whole numbers with
 * 0 ≤ frequency ≤ recency ≤ n, and recency = 0 exactly when frequency = 0 (INCONSISTENT_COUNTS otherwise).
 */
export function readBgBbCustomer(fn: string, value: unknown, path: string): BgBbCustomer {
  const row = record(fn, value, path);
  const frequency = wholeAtLeast0(fn, row["frequency"], `${path}.frequency`);
  const recency = wholeAtLeast0(fn, row["recency"], `${path}.recency`);
  const n = wholeAtLeast0(fn, row["n"], `${path}.n`);
  // P(X(n) = k) still sums over the opportunities one by one (the likelihood no longer does): bound n.
  if (!(n <= MAX_OPPORTUNITIES)) fail(fn, "OUT_OF_RANGE", `${path}.n must be at most ${MAX_OPPORTUNITIES} opportunities, got ${show(n)}`, `${path}.n`);
  if (recency > n) fail(fn, "INCONSISTENT_COUNTS", `${path}.recency (${recency}) must be ≤ n (${n})`, `${path}.recency`);
  if (frequency > recency) fail(fn, "INCONSISTENT_COUNTS", `${path}.frequency (${frequency}) must be ≤ recency (${recency})`, `${path}.frequency`);
  if ((frequency === 0) !== (recency === 0)) {
    fail(fn, "INCONSISTENT_COUNTS", `${path}.recency must be 0 exactly when frequency is 0, got frequency ${frequency} and recency ${recency}`, `${path}.recency`);
  }
  return { frequency, recency, n };
}

/**
 * ln L(α, β, γ, δ | x, t_x, n) of one customer (eq. 5 in the file header). The sum over the n − t_x
 * opportunities after the last transaction is added term by term in log space up to {@link EXACT_TERMS}
 * terms (as it always was, so short histories give the same numbers); longer sums take a fixed amount of work
 * whatever n, see {@link logAliveSum}.
 */
export function bgBbLogLikelihood(p: BgBbParams, x: number, tx: number, n: number): number {
  const { alpha, beta, gamma, delta } = p;
  const lbAB = logBeta(alpha, beta);
  const lbGD = logBeta(gamma, delta);
  let ll = logBeta(alpha + x, beta + n - x) - lbAB + logBeta(gamma, delta + n) - lbGD;
  const m = n - tx;
  if (m > EXACT_TERMS) return logAddExp(ll, logAliveSum(alpha + x, beta + tx - x, gamma + 1, delta + tx, m) - lbAB - lbGD);
  for (let i = 0; i < m; i++) {
    ll = logAddExp(ll, logBeta(alpha + x, beta + tx - x + i) - lbAB + logBeta(gamma + 1, delta + tx + i) - lbGD);
  }
  return ll;
}

/** Terms of the likelihood's sum added one by one in log space (each with four ln Γ). */
const EXACT_TERMS = 16;
/** Terms summed by their ratio recurrence before the Euler–Maclaurin tail: past this, cost is independent of n. */
const DIRECT_TERMS = 1024;

/**
 * ln Γ(x + s) − ln Γ(x) for x ≥ 1000 and s > 0, from Stirling's series of both without subtracting two
 * numbers near x·ln x (the difference of two ln Γ calls there loses ~1e-10 of it): (x − ½)·ln(1 + s/x) +
 * s·ln(x + s) − s + [σ(x + s) − σ(x)], σ(y) = 1/(12y) − 1/(360y³) + 1/(1260y⁵) (next term below 1e-22).
 */
function lnGammaShift(x: number, s: number): number {
  const sigma = (y: number): number => {
    const f = 1 / (y * y);
    return (1 / 12 - f * (1 / 360 - f / 1260)) / y;
  };
  return (x - 0.5) * Math.log1p(s / x) + s * Math.log(x + s) - s + (sigma(x + s) - sigma(x));
}

/** ψ₂(x) = d³/dx³ ln Γ(x) for x ≥ 1024, by its asymptotic series (A&S 6.4.13; the next term is below 1e-30). */
function tetragammaLarge(x: number): number {
  const f = 1 / (x * x);
  return -f * (1 + 1 / x + f * (0.5 - f * (1 / 6 - f * (1 / 6 - (f * 3) / 10))));
}

/**
 * ln Σ_{i=0}^{m−1} B(a, b+i) B(c, e+i), in work independent of m: the first K = {@link DIRECT_TERMS} terms
 * (or all m, if fewer) by their ratio recurrence, T_{i+1}/T_i = (b+i)/(a+b+i) · (e+i)/(c+e+i), and the rest
 * by the Euler–Maclaurin formula
 *   Σ_{i=K}^{m−1} f(i) = ∫_K^m f + (f(K) − f(m))/2 + (f′(m) − f′(K))/12 − (f‴(m) − f‴(K))/720 + R,
 * with f(t) = B(a, b+t) B(c, e+t)/T_0 = e^{G(t)}, G′ = ψ(b+t) − ψ(a+b+t) + ψ(e+t) − ψ(c+e+t) (trigamma and
 * tetragamma for G″, G‴) and the integral by 20-point Gauss–Legendre panels in u = ln t.
 *
 * Error bound: G′ < 0 and |G′| falls with t, so G(K) ≤ −K·|G′(K)|. The remainder R is of order
 * |G′(K)|⁴ f(K)/30240 ≤ |G′(K)|⁴ e^{−K|G′(K)|}/30240 ≤ 2e-16 relative to the sum (≥ T_0, the first term), over
 * every |G′(K)|; where f(K)·(m − K) is below 1e-17 of the head, the tail is left out (a bound on it).
 */
function logAliveSum(a: number, b: number, c: number, e: number, m: number): number {
  const K = DIRECT_TERMS;
  const log0 = logBeta(a, b) + logBeta(c, e);
  let u = 1;
  let head = 1;
  const terms = Math.min(m, K);
  for (let i = 0; i < terms - 1; i++) {
    u *= ((b + i) / (a + b + i)) * ((e + i) / (c + e + i));
    head += u;
  }
  if (m <= K) return log0 + Math.log(head);
  // G(t) = ln[B(a, b+t) B(c, e+t)] − ln T_0 for t ≥ K; the ln Γ(a) + ln Γ(c) of both cancel, and the ln Γ
  // differences at large arguments come from Stirling's series without cancellation (see lnGammaShift).
  const g0 = lgamma(b) - lgamma(a + b) + lgamma(e) - lgamma(c + e);
  const G = (t: number): number => -lnGammaShift(b + t, a) - lnGammaShift(e + t, c) - g0;
  const fK = Math.exp(G(K));
  if (fK * (m - K) <= 1e-17 * head) return log0 + Math.log(head);
  const fm = Math.exp(G(m));
  // ∫_K^m f(t) dt = ∫ f(e^v) e^v dv over v in [ln K, ln m], in panels short enough for the decay rate there.
  const g1K = digamma(b + K) - digamma(a + b + K) + digamma(e + K) - digamma(c + e + K);
  const lo = Math.log(K);
  const hi = Math.log(m);
  // The integrand decays like e^{−λv}, λ ≈ K·|G′(K)|: panels of width ≤ 20/(1 + λ) keep λ·width ≤ 20, where
  // the 20-point rule's error, (20!)⁴/(41·(40!)³)·(λw)⁴⁰·w ≈ 1e-20·w, is far below double precision.
  const panels = Math.max(1, Math.ceil(((hi - lo) * (1 + K * Math.abs(g1K))) / 20));
  const width = (hi - lo) / panels;
  let integral = 0;
  for (let j = 0; j < panels; j++) {
    const mid = lo + (j + 0.5) * width;
    const half = width / 2;
    let panel = 0;
    for (let k = 0; k < GL_X.length; k++) {
      const dv = half * GL_X[k]!;
      panel += GL_W[k]! * (Math.exp(G(Math.exp(mid - dv)) + mid - dv) + Math.exp(G(Math.exp(mid + dv)) + mid + dv));
    }
    integral += panel * half;
  }
  const derivatives = (t: number, f: number): [number, number] => {
    const g1 = digamma(b + t) - digamma(a + b + t) + digamma(e + t) - digamma(c + e + t);
    const g2 = trigamma(b + t) - trigamma(a + b + t) + trigamma(e + t) - trigamma(c + e + t);
    const g3 = tetragammaLarge(b + t) - tetragammaLarge(a + b + t) + tetragammaLarge(e + t) - tetragammaLarge(c + e + t);
    return [g1 * f, (g3 + 3 * g1 * g2 + g1 * g1 * g1) * f];
  };
  const [d1K, d3K] = derivatives(K, fK);
  const [d1m, d3m] = derivatives(m, fm);
  const tail = integral + (fK - fm) / 2 + (d1m - d1K) / 12 - (d3m - d3K) / 720;
  return log0 + Math.log(head + tail);
}

/**
 * S(k) = Σ_{t=1}^{k} E[(1−θ)^t] for θ ~ Beta(γ, d): the expected number of the next k opportunities at which a
 * customer is alive. Closed form d/(γ−1) · [1 − Γ(γ+d) Γ(1+d+k) / (Γ(γ+d+k) Γ(1+d))], with its γ → 1 limit
 * d · [ψ(1+d+k) − ψ(1+d)].
 */
export function bgBbAliveOpportunities(gamma: number, d: number, k: number): number {
  if (k <= 0) return 0;
  if (k <= 64) {
    // Short horizons: the plain sum is exact and avoids cancellation in the closed form.
    let term = 1;
    let s = 0;
    for (let t = 1; t <= k; t++) {
      term *= (d + t - 1) / (gamma + d + t - 1);
      s += term;
    }
    return s;
  }
  const g1 = gamma - 1;
  if (Math.abs(g1) < 1e-9) return d * (digamma(1 + d + k) - digamma(1 + d));
  const logR = lgamma(gamma + d) - lgamma(1 + d) - (lgamma(gamma + d + k) - lgamma(1 + d + k));
  return (d / g1) * -Math.expm1(logR);
}

/** E[X(n*)]: expected transactions of a new customer in their first n* opportunities (FHS 2010 eq. 9). */
export function bgBbExpectedPurchases(p: BgBbParams, nStar: number): number {
  return (p.alpha / (p.alpha + p.beta)) * bgBbAliveOpportunities(p.gamma, p.delta, nStar);
}

/** ln P(alive after opportunity n, x, t_x | params) − ln L, i.e. ln P(alive at n | data). */
function logAliveAtN(p: BgBbParams, x: number, tx: number, n: number): number {
  const num = logBeta(p.alpha + x, p.beta + n - x) - logBeta(p.alpha, p.beta) + logBeta(p.gamma, p.delta + n) - logBeta(p.gamma, p.delta);
  return Math.min(0, num - bgBbLogLikelihood(p, x, tx, n));
}

/**
 * P(alive at opportunity n + m | x, t_x, n) (FHS 2010 eq. 11 for m = 1, the paper's "alive in period n+1"):
 * P(alive at n | data) · B(γ, δ+n+m)/B(γ, δ+n).
 */
export function bgBbProbabilityAlive(p: BgBbParams, x: number, tx: number, n: number, m = 1): number {
  const v = Math.exp(logAliveAtN(p, x, tx, n) + logBeta(p.gamma, p.delta + n + m) - logBeta(p.gamma, p.delta + n));
  return Math.min(1, Math.max(0, v));
}

/**
 * E[X(n, n+n*) | x, t_x, n]: expected transactions in the next n* opportunities (FHS 2010 eq. 13), as
 * P(alive at n | data) · (α+x)/(α+β+n) · S(n*) with θ ~ Beta(γ, δ+n).
 */
export function bgBbConditionalExpectedPurchases(p: BgBbParams, x: number, tx: number, n: number, nStar: number): number {
  if (nStar <= 0) return 0;
  const alive = Math.exp(logAliveAtN(p, x, tx, n));
  return alive * ((p.alpha + x) / (p.alpha + p.beta + n)) * bgBbAliveOpportunities(p.gamma, p.delta + n, nStar);
}

/**
 * P(X(n*) = k) for a new customer (FHS 2010 eq. 8):
 *   C(n*, k) B(α+k, β+n*−k)/B(α,β) · B(γ, δ+n*)/B(γ,δ)
 *   + Σ_{i=k}^{n*−1} C(i, k) B(α+k, β+i−k)/B(α,β) · B(γ+1, δ+i)/B(γ,δ).
 * 0 when k > n*.
 */
export function bgBbProbabilityOfPurchases(p: BgBbParams, k: number, nStar: number): number {
  if (k > nStar) return 0;
  const { alpha, beta, gamma, delta } = p;
  const lbAB = logBeta(alpha, beta);
  const lbGD = logBeta(gamma, delta);
  const logChoose = (a: number, b: number): number => lgamma(a + 1) - lgamma(b + 1) - lgamma(a - b + 1);
  let lp = logChoose(nStar, k) + logBeta(alpha + k, beta + nStar - k) - lbAB + logBeta(gamma, delta + nStar) - lbGD;
  for (let i = k; i < nStar; i++) {
    lp = logAddExp(lp, logChoose(i, k) + logBeta(alpha + k, beta + i - k) - lbAB + logBeta(gamma + 1, delta + i) - lbGD);
  }
  return Math.min(1, Math.exp(lp));
}
