// BG/NBD (Fader, Hardie & Lee 2005) and MBG/NBD (Batislam, Denizel & Filiztekin 2007) formulas, shared by
// the fitters and the predictions. Not re-exported. The two models differ only in whether a customer may
// drop out at time 0 (MBG) — written here with `k` = 0 (BG) or 1 (MBG) so one code path serves both:
//
//   L(x, t_x, T) = B(a, b+x+k)/B(a, b) · Γ(r+x) α^r / Γ(r) ·
//                  [ (α+T)^−(r+x) + [x > 0 or k = 1] · a/(b+x+k−1) · (α+t_x)^−(r+x) ]
import { ValueIndex } from "../internal/valueIndex.js";
import { digammaRising, logRising, trigammaRising } from "../internal/rising.js";
import { indexDistinct, valueGradientHessian } from "./rfFit.js";
import { lgamma, logAddExp } from "../internal/special.js";
import { betaMean } from "../internal/quadrature.js";
import type { BgNbdParams } from "./types.js";

/** 0 for BG/NBD, 1 for MBG/NBD (dropout also possible right after the first purchase). */
export type BgVariant = 0 | 1;

/** ln L of one customer (see the file header). */
export function bgLogLikelihood(p: BgNbdParams, k: BgVariant, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const head = logRising(r, x) + r * Math.log(alpha) + logRising(b, x + k) - logRising(a + b, x + k);
  const l3 = -(r + x) * Math.log(alpha + T);
  if (x === 0 && k === 0) return head + l3;
  const l4 = Math.log(a) - Math.log(b + x + k - 1) - (r + x) * Math.log(alpha + tx);
  return head + logAddExp(l3, l4);
}

/** ln of the odds term a/(b+x+k−1) · ((α+T)/(α+t_x))^(r+x); −∞ when absent (BG/NBD, x = 0). */
function logDeadOdds(p: BgNbdParams, k: BgVariant, x: number, tx: number, T: number): number {
  if (x === 0 && k === 0) return Number.NEGATIVE_INFINITY;
  return Math.log(p.a) - Math.log(p.b + x + k - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
}

/** P(alive | x, t_x, T) = 1 / (1 + a/(b+x+k−1) · ((α+T)/(α+t_x))^(r+x)), computed as exp(−ln(1 + e^odds)). */
export function bgProbabilityAlive(p: BgNbdParams, k: BgVariant, x: number, tx: number, T: number): number {
  return Math.exp(-logAddExp(0, logDeadOdds(p, k, x, tx, T)));
}

const MAX_TERMS = 2_000_000;
/** Terms of a series for E[Y(t)] before moving on (they need ~(α+T+t)/(α+T) terms, and ~(r+x)·t/(α+T) more for the counting series). */
const SERIES_TERMS = 5000;
/**
 * Largest accepted rounding growth of the Euler series, (|c e₁| + e^u Σ|hₙ|) / |result| (its condition
 * number) times the index of its dominant terms (the n-th term carries ~n roundings of the recurrence): with
 * ε = 1.1e-16, 1024 bounds the error near 1e-13. Well-conditioned cases (all of the usual ones) have a
 * condition number near 1 and a few dozen terms; a very negative a + b + k − 1 − r gives terms of alternating
 * sign that cancel (r = 100 gives ~1e40), and a = 159, b = 0.07 a condition number of 16 over ~500 terms.
 */
const MAX_ROUNDING_GROWTH = 1024;

/**
 * E[Y(t) | alive, x, T] by quadrature, for when both series are slow (t ≫ α+T, (r+x)·t/(α+T) large, or a huge):
 * given the data a live customer has λ ~ Gamma(r+x, α+T) and dropout probability p ~ Beta(a, b+x+k), and with
 * geometric dropout after each purchase E[Y(t) | λ, p] = (1 − e^(−λpt))/p, so averaging over λ
 *   E[Y(t) | alive] = E_p[(1 − (1 + pτ)^−(r+x)) / p],   τ = t/(α+T),
 * the same quantity as the series (Pfaff's transformation of its ₂F₁), as a mean over a Beta distribution.
 * The integrand bends where pτ ≈ 1 and where (r+x)pτ ≈ 1: both are knots of the quadrature.
 */
export function aliveMeanByQuadrature(p: BgNbdParams, k: BgVariant, x: number, T: number, t: number): number {
  const m = p.r + x;
  const tau = t / (p.alpha + T);
  const g = (q: number): number => (q === 0 ? m * tau : -Math.expm1(-m * Math.log1p(q * tau)) / q);
  return betaMean(p.a, p.b + x + k, (q) => g(q), m * tau, g(1), [-Math.log(tau), -Math.log(m * tau)]);
}

/**
 * E[Y(t) | x, t_x, T] (FHL 2005 eq. 10; Batislam et al. 2007 for k = 1):
 *   c/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+k; c; z)] / (1 + odds),  c = a+b+x+k−1,
 *   z = t/(α+T+t),
 * the P(alive) factor times {@link bgExpectedBracket}. With x = T = 0 this is the unconditional E[X(t)].
 */
export function bgConditionalExpected(p: BgNbdParams, k: BgVariant, x: number, tx: number, T: number, t: number): number {
  if (t === 0) return 0;
  const value = bgExpectedBracket(p, k, x, T, t) * bgProbabilityAlive(p, k, x, tx, T);
  return value > 0 ? value : 0;
}

/**
 * The part of {@link bgConditionalExpected} before the P(alive) factor, E_p[(1 − (1 + pτ)^−m) / p] with
 * m = r+x, τ = t/(α+T), p ~ Beta(a, β), β = b+x+k — which is c/(a−1) · [1 − (1−z)^m ₂F₁(m, β; c; z)]. It
 * depends on (x, T, t) but not on t_x, so batch callers compute it once per distinct (x, T) and multiply by
 * each customer's P(alive) (the same two factors, so the same bits as the per-customer call). t > 0.
 *
 * Three evaluations, each used only where it keeps its digits, at bounded work:
 * 1. Euler's transformation (fast when c is large, i.e. for frequent buyers), accepted when its measured
 *    rounding growth is at most {@link MAX_ROUNDING_GROWTH};
 * 2. otherwise the counting series Σ_{j≥1} P(N = j) · S_j, all of whose terms are positive: N ~ NBD(m, 1−z)
 *    is the number of purchases of a customer who never drops out and S_j = Σ_{n<j} (β)_n/(a+β)_n the
 *    expected number of those first j purchases made while alive (the n-th needs n survivals, each with
 *    chance E[(1−p)^n] = (β)_n/(a+β)_n);
 * 3. otherwise (t ≫ α+T, or a mean count m·τ in the thousands) the quadrature over the Beta distribution of p.
 */
export function bgExpectedBracket(p: BgNbdParams, k: BgVariant, x: number, T: number, t: number): number {
  const euler = eulerBracket(p, k, x, T, t);
  if (euler !== null) return euler;
  const counting = countingBracket(p, k, x, T, t);
  if (counting !== null) return counting;
  return aliveMeanByQuadrature(p, k, x, T, t);
}

/**
 * Euler's transformation gives (1−z)^(r+x) ₂F₁(r+x, b+x+k; c; z) = (1−z)^(a−1) ₂F₁(A, a−1; c; z),
 * A = a+b+k−1−r, and writing ₂F₁(A, a−1; c; z) = 1 + (a−1)/c · H with H = Σ_{n≥1} (A)_n (a)_{n−1} /
 * ((c+1)_{n−1} n!) z^n, the bracket over (a−1) becomes −e₁ − e^u H/c with u = (a−1) ln(1−z),
 * e₁ = expm1(u)/(a−1). Multiplying by c leaves −c e₁ − e^u H: no division by a−1 or by c (c > −1 always, so
 * c + n > 0 for n ≥ 1), and the series terms stay bounded (no (1−z)^−x growth). null when the series is too
 * long or its rounding growth, (|c e₁| + e^u Σ|hₙ|)/|result| × the index of its dominant terms, exceeds
 * {@link MAX_ROUNDING_GROWTH}.
 */
export function eulerBracket(p: BgNbdParams, k: BgVariant, x: number, T: number, t: number): number | null {
  const { r, alpha, a, b } = p;
  const c = a + b + x + k - 1;
  const A = a + b + k - 1 - r;
  // c + 1 and A + 1 from the parameters, not from c and A, and a + (n−1) not (a + n) − 1: with a, b tiny,
  // c + 1 = a + b ~ 1e-9 taken as (a + b − 1) + 1 would keep only 8 of its digits.
  const c1 = a + b + x + k;
  const A1 = a + b + k - r;
  const logOneMinusZ = -Math.log1p(t / (alpha + T)); // ln((α+T)/(α+T+t)), exact for small t
  const z = t / (alpha + T + t);
  const am1 = a - 1;
  const u = am1 * logOneMinusZ;
  const e1 = u === 0 ? logOneMinusZ : Math.expm1(u) / am1;
  // H = Σ h_n, h_1 = A z, h_{n+1} = h_n (A+n)(a+n−1) / ((c+n)(n+1)) z, with j = n − 1: A + n = A1 + j,
  // a + n − 1 = a + j, c + n = c1 + j.
  let h = A * z;
  let H = h;
  // With A ≥ 0 every term has the sign of A, so Σ|h_n| = |H|; otherwise Σ|h_n| is accumulated.
  const signed = A < 0;
  let absH = Math.abs(h);
  let converged = h === 0;
  let n = 1;
  for (; n <= SERIES_TERMS; n++) {
    if (h === 0) {
      // A terminating series (A a negative whole number) or an underflow: the sum is complete.
      converged = true;
      break;
    }
    const j = n - 1;
    h *= ((A1 + j) * (a + j) * z) / ((c1 + j) * (n + 1));
    H += h;
    if (signed) absH += Math.abs(h);
    // The tail after h: once A+m > 0, each later term ratio (A+m)(a+m−1)z / ((c+m)(m+1)) moves monotonically
    // toward z, so R bounds them all and the tail is at most |h|·R/(1−R).
    if (A + n + 1 > 0) {
      const R = z * Math.max(1, (A + n + 1) / (c + n + 1)) * Math.max(1, (a + n) / (n + 2));
      if (R < 1 && Math.abs(h) * R <= 1e-17 * (1 - R) * Math.abs(H)) {
        converged = true;
        break;
      }
    }
  }
  if (!converged) return null;
  const eu = Math.exp(u);
  const value = -c * e1 - eu * H;
  // Rounding error ≲ condition number × (index of the terms that dominate) × ε, the n-th term carrying ~n
  // roundings of the recurrence. Every term ratio is at most R0 = z·max(1, (A+1)/(c+1))·max(1, a/2) (as in
  // the tail bound); when R0 ≤ 1 the terms never grow, the first ones dominate, and 8 stands for their index;
  // otherwise the number of terms bounds it.
  const R0 = z * Math.max(1, A1 / c1) * Math.max(1, a / 2);
  const index = R0 <= 1 ? 8 : n + 1;
  return (Math.abs(c * e1) + eu * (signed ? absH : Math.abs(H))) * index <= MAX_ROUNDING_GROWTH * Math.abs(value) ? value : null;
}

/**
 * Terms of the counting series before the quadrature takes over: one quadrature costs about as much as
 * 10⁵ of its terms, so the series serves mean counts (r+x)·τ up to ~3·10⁴.
 */
const COUNTING_TERMS = 40_000;

/** [hi, lo] with hi + lo = u·v exactly (Dekker's product with Veltkamp's split). */
function twoProduct(u: number, v: number): [number, number] {
  const hi = u * v;
  const su = 134217729 * u;
  const uh = su - (su - u);
  const ul = u - uh;
  const sv = 134217729 * v;
  const vh = sv - (sv - v);
  const vl = v - vh;
  return [hi, ((uh * vh - hi + uh * vl + ul * vh) + ul * vl)];
}

/**
 * The counting series Σ_{j≥1} P(N = j) S_j of {@link bgExpectedBracket}: P(N = 0) = (1+τ)^−m,
 * P(N = j+1) = P(N = j)·(m+j)z/(j+1), z = τ/(1+τ); S_{j+1} = S_j + s_j, s_0 = 1, s_{n+1} = s_n (β+n)/(a+β+n).
 * Positive terms, so no cancellation whatever the parameters. Two details keep its digits over tens of
 * thousands of terms: the rounding δ of z would scale P(N = j) by (1+δ)^j ≈ 1 + jδ, so δ is computed
 * (double-double) and δ·Σ j·term added at the end; and when (1+τ)^−m underflows the terms are carried scaled
 * by e^shift. null when even the scaled start underflows or the series is too long.
 */
export function countingBracket(p: BgNbdParams, k: BgVariant, x: number, T: number, t: number): number | null {
  const { r, alpha, a, b } = p;
  const m = r + x;
  const beta = b + x + k;
  const tau = t / (alpha + T);
  const logP0 = -m * Math.log1p(tau);
  if (!(logP0 > -1300)) return null;
  const shift = logP0 < -650 ? -650 - logP0 : 0;
  // z = τ/(1+τ) and its rounding error: (1+τ) = s + es exactly, τ = z·s + rem exactly.
  const s1 = 1 + tau;
  const es = tau >= 1 ? 1 - (s1 - tau) : tau - (s1 - 1);
  const z = tau / s1;
  const [zs, zsLo] = twoProduct(z, s1);
  const delta = ((tau - zs - zsLo - z * es) / s1) / z; // (exact z − z)/z
  let pmf = Math.exp(logP0 + shift);
  let sn = 1;
  let S = 0;
  let sum = 0;
  let moment = 0; // Σ j·term_j
  for (let j = 0; j < COUNTING_TERMS; j++) {
    S += sn; // S_{j+1}
    sn *= (beta + j) / (a + beta + j); // s_{j+1}
    pmf *= ((m + j) * z) / (j + 1); // P(N = j+1)
    const term = pmf * S;
    sum += term;
    moment += (j + 1) * term;
    // Later pmf ratios (m+i)z/(i+1), i > j, lie between their value at j+1 and z, and S_{i+1}/S_i ≤ 1 + 1/i
    // (the s_n decrease), so each later term is at most q times the one before.
    const q = z * Math.max(1, (m + j + 1) / (j + 2)) * (1 + 1 / (j + 1));
    if ((term === 0 && sum > 0) || (q < 1 && term * q <= 1e-17 * (1 - q) * sum)) {
      const value = (sum + delta * moment) * Math.exp(-shift);
      return value > 0 ? value : null;
    }
  }
  return null;
}

/** ln of the NBD pmf Γ(r+j)/(Γ(r) j!) q^r (1−q)^j with ln q = lq, ln(1−q) = l1q. */
function logNbd(r: number, j: number, lq: number, l1q: number): number {
  return lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * lq + (j === 0 ? 0 : j * l1q);
}

/**
 * P(X(t) = n) for a new customer (FHL 2005 eq. 8; the k = 1 form follows the same argument with the extra
 * dropout chance at time 0):
 *   B(a, b+n+k)/B(a, b) · NBD(n) + [n > 0 or k = 1] · B(a+1, b+n+k−1)/B(a, b) · P(NBD ≥ n),
 * where NBD is the negative binomial (r, q = α/(α+t)) count of a customer who never drops out. The tail
 * P(NBD ≥ n) is summed directly when it is small, and as 1 − cdf otherwise, so it keeps its digits.
 */
export function bgProbabilityOfPurchases(p: BgNbdParams, k: BgVariant, n: number, t: number): number {
  const { r, alpha, a, b } = p;
  const lB = lgamma(a) + lgamma(b) - lgamma(a + b);
  if (t === 0) {
    // Nobody has bought yet.
    return n === 0 ? 1 : 0;
  }
  const lq = Math.log(alpha) - Math.log(alpha + t);
  const l1q = Math.log(t) - Math.log(alpha + t);
  const alive = Math.exp(lgamma(a) + lgamma(b + n + k) - lgamma(a + b + n + k) - lB + logNbd(r, n, lq, l1q));
  if (n === 0 && k === 0) return Math.min(1, alive);
  const dead = Math.exp(lgamma(a + 1) + lgamma(b + n + k - 1) - lgamma(a + b + n + k) - lB);
  return Math.min(1, alive + dead * nbdTail(r, n, lq, l1q));
}

/** P(NBD ≥ n) for the NBD of {@link logNbd}: 1 for n = 0. */
export function nbdTail(r: number, n: number, lq: number, l1q: number): number {
  if (n <= 0) return 1;
  const mean = (r * Math.exp(l1q)) / Math.exp(lq);
  if (n > mean) {
    // Upper tail is the small side: sum pmf(j) for j ≥ n (ratio (r+j)/(j+1)·(1−q) < 1 past the mode).
    let term = Math.exp(logNbd(r, n, lq, l1q));
    let sum = term;
    const z = Math.exp(l1q);
    for (let j = n; j < n + MAX_TERMS && term > 1e-18 * sum; j++) {
      term *= ((r + j) * z) / (j + 1);
      sum += term;
    }
    return Math.min(1, sum);
  }
  let cdf = 0;
  for (let j = 0; j < n; j++) cdf += Math.exp(logNbd(r, j, lq, l1q));
  return Math.max(0, 1 - cdf);
}

/**
 * The fit kernel: total weighted log-likelihood over patterns, its gradient and (on request) its Hessian
 * with respect to the natural parameters (r, α, a, b), all in one pass. Terms that depend only on x (the
 * gamma and beta functions and their digammas and trigammas) are computed once per distinct frequency, and
 * ln(α+age) once per distinct age, so a pass costs two logs per pattern.
 *
 * Per pattern ℓ = head(x; r, a, b) + r ln α + ln(e^l3 + e^l4), l3 = −(r+x) ln(α+T),
 * l4 = ln a − ln(b+x+k−1) − (r+x) ln(α+t_x); with w3, w4 the shares e^l3, e^l4 of the sum, the log-sum-exp
 * has gradient w3 ∇l3 + w4 ∇l4 and Hessian w3 ∇²l3 + w4 ∇²l4 + w3 w4 (∇l3 − ∇l4)(∇l3 − ∇l4)ᵀ.
 */
export class BgKernel {
  private readonly xs: Float64Array;
  private readonly xIndex: Int32Array;
  private readonly xWeight: Float64Array; // per distinct x: Σ w
  private readonly headX: Float64Array;
  private readonly dHead: Float64Array; // per distinct x: d/dr, d/da, d/db of the x-only terms
  private readonly logBx: Float64Array; // per distinct x: ln(b+x+k−1)
  private readonly invBx: Float64Array; // per distinct x: 1/(b+x+k−1)
  private readonly ages: Float64Array; // distinct values of T and t_x
  private readonly tIndex: Int32Array;
  private readonly txIndex: Int32Array;
  private readonly logAge: Float64Array; // per distinct age: ln(α+age)
  private readonly invAge: Float64Array; // per distinct age: 1/(α+age)
  constructor(
    private readonly k: BgVariant,
    private readonly x: Float64Array,
    tx: Float64Array,
    T: Float64Array,
    private readonly w: Float64Array,
  ) {
    const n = x.length;
    const xList: number[] = [];
    this.xIndex = new Int32Array(n);
    indexDistinct(x, new ValueIndex(), xList, this.xIndex);
    this.xs = Float64Array.from(xList);
    this.xWeight = new Float64Array(xList.length);
    for (let i = 0; i < n; i++) this.xWeight[this.xIndex[i]!] = this.xWeight[this.xIndex[i]!]! + w[i]!;
    this.headX = new Float64Array(xList.length);
    this.dHead = new Float64Array(3 * xList.length);
    this.logBx = new Float64Array(xList.length);
    this.invBx = new Float64Array(xList.length);
    // Ages repeat a lot (calendar-aligned observation ends), so ln(α+age) is taken once per distinct age.
    const ageMap = new ValueIndex();
    const ageList: number[] = [];
    this.tIndex = new Int32Array(n);
    this.txIndex = new Int32Array(n);
    indexDistinct(T, ageMap, ageList, this.tIndex);
    indexDistinct(tx, ageMap, ageList, this.txIndex);
    this.ages = Float64Array.from(ageList);
    this.logAge = new Float64Array(ageList.length);
    this.invAge = new Float64Array(ageList.length);
  }

  /**
   * Σ w·ln L at natural parameters θ = (r, α, a, b); fills `grad` (∂/∂θ) when given, and `hess` (∂²/∂θ∂θ,
   * 4 × 4, symmetric) when given with `grad`.
   */
  evaluate(theta: readonly number[], grad?: number[], hess?: number[][]): number {
    const [r, alpha, a, b] = theta as [number, number, number, number];
    const k = this.k;
    const m = this.xs.length;
    const withGrad = grad !== undefined;
    const withHess = withGrad && hess !== undefined;
    // x-only second derivatives, Σ over distinct x of Σw × (ψ₁ differences): d²/dr², d²/da² (= d²/da db), d²/db².
    let hrr = 0;
    let haa = 0;
    let hbb = 0;
    for (let j = 0; j < m; j++) {
      const xj = this.xs[j]!;
      // Rising factorials rather than ln Γ differences: exact for whole x, and no cancellation when a, b are huge.
      this.headX[j] = logRising(r, xj) + logRising(b, xj + k) - logRising(a + b, xj + k);
      this.logBx[j] = Math.log(b + xj + k - 1);
      this.invBx[j] = 1 / (b + xj + k - 1);
      if (withGrad) {
        const dAB = digammaRising(a + b, xj + k);
        this.dHead[3 * j] = digammaRising(r, xj);
        this.dHead[3 * j + 1] = -dAB;
        this.dHead[3 * j + 2] = digammaRising(b, xj + k) - dAB;
      }
      if (withHess) {
        const wj = this.xWeight[j]!;
        const tAB = trigammaRising(a + b, xj + k);
        hrr += wj * trigammaRising(r, xj);
        haa -= wj * tAB;
        hbb += wj * (trigammaRising(b, xj + k) - tAB);
      }
    }
    for (let q = 0; q < this.ages.length; q++) {
      const u = alpha + this.ages[q]!;
      this.logAge[q] = Math.log(u);
      this.invAge[q] = 1 / u;
    }
    const logAlpha = Math.log(alpha);
    const logA = Math.log(a);
    let total = 0;
    let gr = 0;
    let gAlpha = 0;
    let ga = 0;
    let gb = 0;
    let wSum = 0;
    // Pattern sums of the log-sum-exp Hessian (the ∂/∂a entries of ∇l3 − ∇l4 are the constant −1/a: their
    // sums are scaled at the end).
    let hrAl = 0;
    let hAlAl = 0;
    let sW4 = 0;
    let sC = 0;
    let sCd0 = 0;
    let sCd1 = 0;
    let sCd3 = 0;
    let sCd0d0 = 0;
    let sCd0d1 = 0;
    let sCd0d3 = 0;
    let sCd1d1 = 0;
    let sCd1d3 = 0;
    let sCd3d3 = 0;
    let sW4d3d3 = 0;
    const n = this.x.length;
    for (let i = 0; i < n; i++) {
      const xi = this.x[i]!;
      const wi = this.w[i]!;
      const j = this.xIndex[i]!;
      const qT = this.tIndex[i]!;
      const rx = r + xi;
      const lT = this.logAge[qT]!;
      const l3 = -rx * lT;
      let ll = l3;
      let w3 = 1;
      let w4 = 0;
      let ltx = 0;
      let qx = 0;
      if (xi !== 0 || k !== 0) {
        qx = this.txIndex[i]!;
        ltx = this.logAge[qx]!;
        const l4 = logA - this.logBx[j]! - rx * ltx;
        // ln(e^l3 + e^l4) with one exp; w3, w4 = e^l3, e^l4 over (e^l3 + e^l4), each to full relative precision.
        if (l4 > l3) {
          const e = Math.exp(l3 - l4);
          ll = l4 + Math.log1p(e);
          w4 = 1 / (1 + e);
          w3 = e * w4;
        } else {
          const e = Math.exp(l4 - l3);
          ll = l3 + Math.log1p(e);
          w3 = 1 / (1 + e);
          w4 = e * w3;
        }
      }
      total += wi * (this.headX[j]! + ll);
      wSum += wi;
      if (withGrad) {
        const iT = this.invAge[qT]!;
        const iTx = w4 === 0 ? 0 : this.invAge[qx]!;
        gr += wi * (this.dHead[3 * j]! - w3 * lT - w4 * ltx);
        gAlpha -= wi * rx * (w3 * iT + w4 * iTx);
        ga += wi * (this.dHead[3 * j + 1]! + (w4 === 0 ? 0 : w4 / a));
        gb += wi * (this.dHead[3 * j + 2]! - (w4 === 0 ? 0 : w4 * this.invBx[j]!));
        if (withHess) {
          hrAl -= wi * (w3 * iT + w4 * iTx);
          hAlAl += wi * rx * (w3 * iT * iT + w4 * iTx * iTx);
          if (w4 !== 0) {
            // ∇l3 − ∇l4 = (ln(α+t_x) − ln(α+T), (r+x)(T − t_x)/((α+T)(α+t_x)), −1/a, 1/(b+x+k−1)).
            const d0 = ltx - lT;
            const d1 = rx * (this.ages[qT]! - this.ages[qx]!) * iT * iTx;
            const d3 = this.invBx[j]!;
            const c = wi * w3 * w4;
            sW4 += wi * w4;
            sW4d3d3 += wi * w4 * d3 * d3;
            sC += c;
            sCd0 += c * d0;
            sCd1 += c * d1;
            sCd3 += c * d3;
            sCd0d0 += c * d0 * d0;
            sCd0d1 += c * d0 * d1;
            sCd0d3 += c * d0 * d3;
            sCd1d1 += c * d1 * d1;
            sCd1d3 += c * d1 * d3;
            sCd3d3 += c * d3 * d3;
          }
        }
      }
    }
    total += wSum * r * logAlpha;
    if (grad) {
      grad[0] = gr + wSum * logAlpha;
      grad[1] = gAlpha + (wSum * r) / alpha;
      grad[2] = ga;
      grad[3] = gb;
    }
    if (withHess) {
      const ia = 1 / a;
      const H = [
        [hrr + sCd0d0, hrAl + wSum / alpha + sCd0d1, -ia * sCd0, sCd0d3],
        [0, hAlAl - (wSum * r) / (alpha * alpha) + sCd1d1, -ia * sCd1, sCd1d3],
        [0, 0, haa - ia * ia * sW4 + ia * ia * sC, haa - ia * sCd3],
        [0, 0, 0, hbb + sW4d3d3 + sCd3d3],
      ];
      for (let p = 0; p < 4; p++) for (let q = 0; q < 4; q++) hess[p]![q] = p <= q ? H[p]![q]! : H[q]![p]!;
    }
    return total;
  }
}

/** The likelihood, gradient and Hessian closures for the fit driver, over natural parameters (one pass each). */
export function bgFitFunctions(k: BgVariant, x: Float64Array, tx: Float64Array, T: Float64Array, w: Float64Array): {
  logLikelihood: (theta: readonly number[]) => number;
  gradient: (theta: readonly number[]) => number[];
  hessian: (theta: readonly number[]) => number[][];
} {
  const kernel = new BgKernel(k, x, tx, T, w);
  return valueGradientHessian((theta, grad, hess) => kernel.evaluate(theta, grad, hess));
}
