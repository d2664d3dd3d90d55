// Pareto/NBD formulas (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note "A Note on Deriving
// the Pareto/NBD Model and Related Expressions"), shared by the fitter and the predictions. Not re-exported.
//
//   L(x, t_x, T) = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ],
//   s/(r+s+x) · A₀ = s ∫_{t_x}^{T} (α+y)^−(r+x) (β+y)^−(s+1) dy  (death in (t_x, T]),  A₀ = J(t_x) − J(T),
//
// with J(y) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+y)) / (α+y)^(r+s+x) when α ≥ β and the mirror form in β
// when α < β. The ₂F₁ overflows for large x (it grows like (1−z)^−(r+x)); Euler's transformation turns it
// into a bounded series of positive, decreasing terms:
//   α ≥ β: ln J(y) = −s ln(β+y) − (r+x) ln(α+y) + ln S(r+x, r+s+x+1, (α−β)/(α+y))
//   α < β: ln J(y) = (1−r−x) ln(α+y) − (s+1) ln(β+y) + ln S(s+1, r+s+x+1, (β−α)/(β+y))
// where S(p, q, z) = ₂F₁(1, p; q; z) = Σ_n (p)_n/(q)_n zⁿ, term ratio (p+n)/(q+n)·z < z since p < q.
// Everything is then combined on the log scale (log-sum-exp), as in Fader & Hardie's note.
//
// The series needs ~1/(1−z) terms, and z → 1 when α/β or β/α is extreme (a fit running off to a boundary,
// ages near 0 next to ages of thousands, …): 1e6 terms per evaluation made such fits take minutes. Past
// SERIES_TERMS terms J is taken instead from its integral J(y) = (r+s+x) ∫_y^∞ (α+u)^−(r+x) (β+u)^−(s+1) du
// by Gauss–Legendre quadrature (see tailQuadrature): bounded work for every z, same value to ~1e-14.
import { ValueIndex } from "../internal/valueIndex.js";
import { GL_W, GL_X } from "../internal/quadrature.js";
import { digamma, lgamma, logAddExp, logSubExp } from "../internal/special.js";
import { indexDistinct, valueAndGradient } from "./rfFit.js";
import type { ParetoNbdParams } from "./types.js";

/** Series terms before switching to quadrature (the series is exact and cheaper below this). */
const SERIES_TERMS = 5000;

/** ln S(p, q, z) = ln Σ (p)_n/(q)_n zⁿ for 0 ≤ z < 1, p < q; NaN when SERIES_TERMS terms do not reach 1e-17. */
function logS(p: number, q: number, z: number): number {
  if (z === 0) return 0;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < SERIES_TERMS; n++) {
    const ratio = ((p + n) / (q + n)) * z;
    term *= ratio;
    sum += term;
    if (term <= 1e-17 * sum) return Math.log(sum);
  }
  return Number.NaN;
}

/** ln J(y) of the file header. */
function logJ(p: ParetoNbdParams, x: number, y: number): number {
  const { r, alpha, s, beta } = p;
  const lnS = alpha >= beta ? logS(r + x, r + s + x + 1, (alpha - beta) / (alpha + y)) : logS(s + 1, r + s + x + 1, (beta - alpha) / (beta + y));
  if (Number.isNaN(lnS)) return tailQuadrature(r, alpha, s, beta, x, y, null);
  if (alpha >= beta) return -s * Math.log(beta + y) - (r + x) * Math.log(alpha + y) + lnS;
  return (1 - r - x) * Math.log(alpha + y) - (s + 1) * Math.log(beta + y) + lnS;
}

/** The two log-terms of the likelihood bracket: alive-at-T and died-in-(t_x, T]. */
function logParts(p: ParetoNbdParams, x: number, tx: number, T: number): [number, number] {
  const { r, alpha, s, beta } = p;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const dead = tx >= T ? Number.NEGATIVE_INFINITY : Math.log(s / (r + s + x)) + logSubExp(logJ(p, x, tx), logJ(p, x, T));
  // logSubExp may see rounding make J(t_x) ≤ J(T) when t_x ≈ T: the dead part is then negligible.
  return [alive, Number.isNaN(dead) ? Number.NEGATIVE_INFINITY : dead];
}

/** ln L of one customer. */
export function paretoLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const [alive, dead] = logParts(p, x, tx, T);
  return lgamma(p.r + x) - lgamma(p.r) + p.r * Math.log(p.alpha) + p.s * Math.log(p.beta) + logAddExp(alive, dead);
}

/** P(alive | x, t_x, T) = alive-term / (alive-term + dead-term). */
export function paretoProbabilityAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const [alive, dead] = logParts(p, x, tx, T);
  return Math.exp(alive - logAddExp(alive, dead));
}

/** [1 − (u/(u+t))^(s−1)] / (s−1), continuous through s = 1 (where it is ln((u+t)/u)). */
export function powerIntegral(s: number, u: number, t: number): number {
  if (t === 0) return 0;
  const l = -Math.log1p(t / u); // ln(u/(u+t)), exact for small t
  const v = (s - 1) * l;
  return v === 0 ? -l : -Math.expm1(v) / (s - 1);
}

/**
 * E[Y(t) | x, t_x, T] = (r+x)(β+T) / (α+T) · [1 − ((β+T)/(β+T+t))^(s−1)] / (s−1) · P(alive)
 * (Schmittlein et al. 1987; Fader & Hardie's note eq. 22).
 */
export function paretoConditionalExpected(p: ParetoNbdParams, x: number, tx: number, T: number, t: number): number {
  const { r, alpha, s, beta } = p;
  return (((r + x) * (beta + T)) / (alpha + T)) * powerIntegral(s, beta + T, t) * paretoProbabilityAlive(p, x, tx, T);
}

/** E[X(t)] = rβ/α · [1 − (β/(β+t))^(s−1)] / (s−1). */
export function paretoExpected(p: ParetoNbdParams, t: number): number {
  return ((p.r * p.beta) / p.alpha) * powerIntegral(p.s, p.beta, t);
}

/**
 * ln J(y) = ln[(r+s+x) ∫_y^∞ (α+u)^−m (β+u)^−n du] (m = r+x, n = s+1) by quadrature, for when the series is
 * slow; with `out`, also writes [lnJ, ∂/∂r, ∂/∂α, ∂/∂s, ∂/∂β] there. With κ = min(α, β), c = |α−β|/(κ+y) and
 * u = (κ+y)eʷ − κ the integral becomes
 *   (κ+y)^−(m+n−1) ∫_0^∞ e^ψ(w) dw,   ψ(w) = −(m+n−1) w − k ln(1 + c e^−w),
 * k = m when α ≥ β (the α factor carries c) and n otherwise. ψ is concave, so the integrand is unimodal and
 * the tail past W is at most e^ψ(W)/|ψ′(W)| once ψ′ < 0. Composite 20-point Gauss–Legendre panels keep
 * h·|ψ′| ≤ 8 (at most 8 e-folds per panel) and stay at least their own width away from the complex
 * singularities of ψ at w = ln c ± iπ, so each panel is accurate to double precision; panels grow
 * geometrically away from the transition at w = ln c, so a few dozen panels cover any parameters. The
 * derivatives are the integrand-weighted means of ∂ ln(integrand)/∂θ: −ln(α+u), −m/(α+u), −ln(β+u), −n/(β+u).
 */
export function tailQuadrature(r: number, alpha: number, s: number, beta: number, x: number, y: number, out: Float64Array | null): number {
  const m = r + x;
  const n = s + 1;
  const rate = m + n - 1; // = r + s + x > 0
  const aBig = alpha >= beta;
  const kappa = aBig ? beta : alpha;
  const k = aBig ? m : n;
  const c = Math.abs(alpha - beta) / (kappa + y);
  const lk = Math.log(kappa + y);
  const lnC = c > 0 ? Math.log(c) : Number.NEGATIVE_INFINITY;
  const psi = (w: number): number => -rate * w - k * Math.log1p(c * Math.exp(-w));
  const dpsi = (w: number): number => {
    const e = c * Math.exp(-w);
    return -rate + (k * e) / (1 + e);
  };
  // The maximum of ψ (ψ′ = 0 where kσ = rate, σ = ce^−w/(1+ce^−w)), used as the scale of the sums.
  const sigma0 = c / (1 + c);
  const wMax = k * sigma0 > rate ? Math.log((c * (k - rate)) / rate) : 0;
  const shift = psi(wMax);
  let sum = 0;
  let sLA = 0;
  let sLB = 0;
  let sIA = 0;
  let sIB = 0;
  let w = 0;
  for (let panel = 0; panel < 400; panel++) {
    // Width: half the distance to the transition (at least 2), and at most 8 e-folds of the integrand
    // (|ψ′| is largest at a panel end: ψ′ is monotone).
    const g0 = Math.abs(dpsi(w));
    let h = Math.min(lnC > Number.NEGATIVE_INFINITY ? Math.max(2, w < lnC ? 0.5 * (lnC - w) : w - lnC) : Number.POSITIVE_INFINITY, 8 / g0);
    for (let halve = 0; halve < 2000 && h * Math.abs(dpsi(w + h)) > 8; halve++) h *= 0.5;
    const mid = w + 0.5 * h;
    for (let j = 0; j < 2 * GL_X.length; j++) {
      const i = j >> 1;
      const wi = mid + (j & 1 ? 0.5 : -0.5) * h * GL_X[i]!;
      const ce = c * Math.exp(-wi);
      const e = 0.5 * h * GL_W[i]! * Math.exp(-rate * wi - k * Math.log1p(ce) - shift);
      if (e === 0) continue;
      sum += e;
      if (out) {
        const base = lk + wi;
        const lift = Math.log1p(ce);
        const lA = aBig ? base + lift : base;
        const lB = aBig ? base : base + lift;
        sLA += e * lA;
        sLB += e * lB;
        sIA += e * Math.exp(-lA);
        sIB += e * Math.exp(-lB);
      }
    }
    w += h;
    if (k * c * Math.exp(-w) <= 1e-17) {
      // The rest is a pure exponential e^(−rate·w): add its integral (and its weighted means) exactly.
      const t0 = Math.exp(-rate * w - shift) / rate;
      sum += t0;
      if (out) {
        const tl = t0 * (lk + w + 1 / rate);
        sLA += tl;
        sLB += tl;
        const ti = Math.exp(-(rate + 1) * w - shift - lk) / (rate + 1);
        sIA += ti;
        sIB += ti;
      }
      break;
    }
    // Past the maximum the rest is at most e^ψ(w)/|ψ′(w)|.
    const slope = dpsi(w);
    if (w >= wMax && slope < 0 && Math.exp(psi(w) - shift) / -slope <= 1e-17 * sum) break;
  }
  const lnJ = Math.log(rate) - rate * lk + shift + Math.log(sum);
  if (out) {
    out[0] = lnJ;
    out[1] = 1 / rate - sLA / sum;
    out[2] = (-m * sIA) / sum;
    out[3] = 1 / rate - sLB / sum;
    out[4] = (-n * sIB) / sum;
  }
  return lnJ;
}

/**
 * P(X(t) = n) for a new customer, from the mixture over the dropout time τ (density sβ^s/(β+τ)^(s+1)):
 *   P = NBD(n; r, α/(α+t)) (β/(β+t))^s + ∫₀ᵗ NBD(n; r, α/(α+τ)) sβ^s/(β+τ)^(s+1) dτ,
 * where NBD(n; r, q) = Γ(r+n)/(Γ(r) n!) q^r (1−q)^n. The integral is taken over the dropout-time CDF
 * u = 1 − (β/(β+τ))^s (so the integrand is the bounded NBD pmf) by composite Gauss–Legendre, doubling the
 * panels until two passes agree to 1e-13. Equivalent to Fader & Hardie's closed form (2006 note), without
 * its three hypergeometric functions.
 */
export function paretoProbabilityOfPurchases(p: ParetoNbdParams, n: number, t: number): number {
  const { r, alpha, s, beta } = p;
  if (t === 0) return n === 0 ? 1 : 0;
  const c = lgamma(r + n) - lgamma(r) - lgamma(n + 1);
  const nbd = (tau: number): number => {
    if (tau <= 0) return n === 0 ? 1 : 0;
    // A tiny β with a small s maps the top of the dropout CDF to τ = ∞, where the count's pmf is 0 (not ∞ − ∞).
    if (!(tau < Number.POSITIVE_INFINITY)) return 0;
    const l = Math.log(alpha + tau);
    return Math.exp(c + r * (Math.log(alpha) - l) + (n === 0 ? 0 : n * (Math.log(tau) - l)));
  };
  const survive = Math.exp(s * (Math.log(beta) - Math.log(beta + t)));
  const U = -Math.expm1(s * (Math.log(beta) - Math.log(beta + t)));
  const tauOf = (u: number): number => beta * Math.expm1(-Math.log1p(-u) / s);
  const integrate = (panels: number): number => {
    const h = U / panels;
    let sum = 0;
    for (let k = 0; k < panels; k++) {
      const mid = (k + 0.5) * h;
      for (let i = 0; i < GL_X.length; i++) {
        const d = 0.5 * h * GL_X[i]!;
        sum += GL_W[i]! * (nbd(tauOf(mid - d)) + nbd(tauOf(mid + d)));
      }
    }
    return 0.5 * h * sum;
  };
  let panels = 4;
  let prev = integrate(panels);
  for (let iter = 0; iter < 10; iter++) {
    panels *= 2;
    const next = integrate(panels);
    const done = Math.abs(next - prev) <= 1e-13 * Math.max(next, 1e-300) || Math.abs(next - prev) < 1e-300;
    prev = next;
    if (done) break;
  }
  const value = nbd(t) * survive + prev;
  return value > 1 ? 1 : value;
}

/**
 * ln S(p, q, z) and its partial derivatives (∂/∂p, ∂/∂q, ∂/∂z), written into `out` = [lnS, dp, dq, dz]. Each
 * term's derivatives follow from t_n = t_{n−1}(p+n−1)/(q+n−1)·z: ∂ln t_n/∂p = Σ_{k<n} 1/(p+k), ∂/∂q the
 * negative of the same in q, ∂/∂z = n/z. False (and `out` unset) when SERIES_TERMS terms do not converge.
 */
function logSWithGradient(p: number, q: number, z: number, out: Float64Array): boolean {
  let term = 1;
  let sum = 1;
  let sp = 0;
  let sq = 0;
  let sz = 0;
  let hp = 0;
  let hq = 0;
  if (z > 0) {
    for (let n = 1; ; n++) {
      if (n > SERIES_TERMS) return false;
      hp += 1 / (p + n - 1);
      hq += 1 / (q + n - 1);
      term *= ((p + n - 1) / (q + n - 1)) * z;
      sum += term;
      sp += term * hp;
      sq -= term * hq;
      sz += n * term;
      if (term <= 1e-17 * sum) break;
    }
  }
  out[0] = Math.log(sum);
  out[1] = sp / sum;
  out[2] = sq / sum;
  out[3] = z > 0 ? sz / (z * sum) : p / q;
  return true;
}

/**
 * ln J(y) with its gradient in (r, α, s, β), into `out` = [lnJ, dr, dα, ds, dβ]; `tmp` is scratch of 4.
 * See the file header for the two branches.
 */
export function logJWithGradient(r: number, alpha: number, s: number, beta: number, x: number, y: number, out: Float64Array, tmp: Float64Array): void {
  const la = Math.log(alpha + y);
  const lb = Math.log(beta + y);
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + y);
    if (!logSWithGradient(r + x, r + s + x + 1, z, tmp)) {
      tailQuadrature(r, alpha, s, beta, x, y, out);
      return;
    }
    out[0] = -s * lb - (r + x) * la + tmp[0]!;
    out[1] = -la + tmp[1]! + tmp[2]!;
    out[2] = -(r + x) / (alpha + y) + (tmp[3]! * (beta + y)) / ((alpha + y) * (alpha + y));
    out[3] = -lb + tmp[2]!;
    out[4] = -s / (beta + y) - tmp[3]! / (alpha + y);
  } else {
    const z = (beta - alpha) / (beta + y);
    if (!logSWithGradient(s + 1, r + s + x + 1, z, tmp)) {
      tailQuadrature(r, alpha, s, beta, x, y, out);
      return;
    }
    out[0] = (1 - r - x) * la - (s + 1) * lb + tmp[0]!;
    out[1] = -la + tmp[2]!;
    out[2] = (1 - r - x) / (alpha + y) - tmp[3]! / (beta + y);
    out[3] = -lb + tmp[1]! + tmp[2]!;
    out[4] = -(s + 1) / (beta + y) + (tmp[3]! * (alpha + y)) / ((beta + y) * (beta + y));
  }
}

/**
 * The likelihood and its analytic gradient over weighted patterns, for the fit driver (natural parameters).
 * Gamma-function terms are computed once per distinct frequency; value and gradient come from one pass.
 */
export function paretoFitFunctions(x: Float64Array, tx: Float64Array, T: Float64Array, w: Float64Array): {
  logLikelihood: (theta: readonly number[]) => number;
  gradient: (theta: readonly number[]) => number[];
} {
  const n = x.length;
  const index = new Int32Array(n);
  const distinct: number[] = [];
  indexDistinct(x, new ValueIndex(), distinct, index);
  const lgX = new Float64Array(distinct.length);
  const psiX = new Float64Array(distinct.length);
  // J(y) depends on (x, y) only: customers share it (every x = 0 customer has J(0); ages repeat), so each
  // distinct pair is evaluated once per pass. jAt[i] / jTx[i] index the pairs (x_i, T_i) / (x_i, t_x,i).
  const pairIndex = new Map<string, number>();
  const pairX: number[] = [];
  const pairY: number[] = [];
  const pair = (xi: number, y: number): number => {
    const key = `${xi},${y}`;
    let at = pairIndex.get(key);
    if (at === undefined) {
      at = pairX.length;
      pairIndex.set(key, at);
      pairX.push(xi);
      pairY.push(y);
    }
    return at;
  };
  const jT = new Int32Array(n);
  const jTx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    jT[i] = pair(x[i]!, T[i]!);
    jTx[i] = tx[i]! < T[i]! ? pair(x[i]!, tx[i]!) : -1;
  }
  const pairs = pairX.length;
  const J = new Float64Array(5 * pairs);
  const j1 = new Float64Array(5);
  const tmp = new Float64Array(4);

  return valueAndGradient((theta, grad) => {
    const r = theta[0]!;
    const alpha = theta[1]!;
    const s = theta[2]!;
    const beta = theta[3]!;
    const lgR = lgamma(r);
    const psiR = digamma(r);
    for (let j = 0; j < distinct.length; j++) {
      lgX[j] = lgamma(r + distinct[j]!) - lgR;
      psiX[j] = digamma(r + distinct[j]!) - psiR;
    }
    const base = r * Math.log(alpha) + s * Math.log(beta);
    for (let q = 0; q < pairs; q++) {
      logJWithGradient(r, alpha, s, beta, pairX[q]!, pairY[q]!, j1, tmp);
      J.set(j1, 5 * q);
    }
    let total = 0;
    let wSum = 0;
    let gr = 0;
    let ga = 0;
    let gs = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const wi = w[i]!;
      const Ti = T[i]!;
      const lT = Math.log(alpha + Ti);
      const lbT = Math.log(beta + Ti);
      const A = -(r + xi) * lT - s * lbT;
      let ll = A;
      let wD = 0;
      let dr = -lT;
      let da = -(r + xi) / (alpha + Ti);
      let ds = -lbT;
      let db = -s / (beta + Ti);
      const q1 = jTx[i]!;
      if (q1 >= 0) {
        const o1 = 5 * q1;
        const o2 = 5 * jT[i]!;
        const e = Math.exp(J[o2]! - J[o1]!); // < 1: J decreases in y
        if (e < 1) {
          const D = Math.log(s) - Math.log(r + s + xi) + J[o1]! + Math.log1p(-e);
          ll = logAddExp(A, D);
          wD = Math.exp(D - ll);
          const inv = 1 / (1 - e);
          const rsx = 1 / (r + s + xi);
          const dDr = -rsx + (J[o1 + 1]! - e * J[o2 + 1]!) * inv;
          const dDa = (J[o1 + 2]! - e * J[o2 + 2]!) * inv;
          const dDs = 1 / s - rsx + (J[o1 + 3]! - e * J[o2 + 3]!) * inv;
          const dDb = (J[o1 + 4]! - e * J[o2 + 4]!) * inv;
          const wA = 1 - wD;
          dr = wA * dr + wD * dDr;
          da = wA * da + wD * dDa;
          ds = wA * ds + wD * dDs;
          db = wA * db + wD * dDb;
        }
      }
      const j = index[i]!;
      total += wi * (lgX[j]! + ll);
      wSum += wi;
      gr += wi * (psiX[j]! + dr);
      ga += wi * da;
      gs += wi * ds;
      gb += wi * db;
    }
    total += wSum * base;
    grad[0] = gr + wSum * Math.log(alpha);
    grad[1] = ga + (wSum * r) / alpha;
    grad[2] = gs + wSum * Math.log(beta);
    grad[3] = gb + (wSum * s) / beta;
    return total;
  });
}
