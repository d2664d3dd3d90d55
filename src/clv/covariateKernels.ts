// Per-customer log-likelihoods with their gradients in the customer's own parameters, for the fits with
// covariates (where each customer has its own gamma scales, so nothing is shared between customers). Not
// re-exported.
import { digamma, lgamma, logAddExp } from "../internal/special.js";
import { logJWithGradient } from "./paretoNbdMath.js";
import { digammaRising, logRising } from "../internal/rising.js";

/**
 * Pareto/NBD: ln L(x, t_x, T | r, α, s, β) and its partial derivatives, into `out` = [ln L, ∂/∂r, ∂/∂α,
 * ∂/∂s, ∂/∂β]; `j1`, `j2` (5 each) and `tmp` (4) are scratch. The same terms as the fit without covariates
 * (paretoNbdMath.ts), evaluated at one customer's parameters:
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) (J(t_x) − J(T)) ].
 */
export function paretoCustomerGradient(
  r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number,
  out: Float64Array, j1: Float64Array, j2: Float64Array, tmp: Float64Array,
): void {
  const lT = Math.log(alpha + T);
  const lbT = Math.log(beta + T);
  const A = -(r + x) * lT - s * lbT;
  let ll = A;
  let dr = -lT;
  let da = -(r + x) / (alpha + T);
  let ds = -lbT;
  let db = -s / (beta + T);
  if (tx < T) {
    logJWithGradient(r, alpha, s, beta, x, tx, j1, tmp);
    logJWithGradient(r, alpha, s, beta, x, T, j2, tmp);
    const e = Math.exp(j2[0]! - j1[0]!); // < 1: J decreases in y
    if (e < 1) {
      const D = Math.log(s) - Math.log(r + s + x) + j1[0]! + Math.log1p(-e);
      ll = logAddExp(A, D);
      const wD = Math.exp(D - ll);
      const inv = 1 / (1 - e);
      const rsx = 1 / (r + s + x);
      const wA = 1 - wD;
      dr = wA * dr + wD * (-rsx + (j1[1]! - e * j2[1]!) * inv);
      da = wA * da + wD * ((j1[2]! - e * j2[2]!) * inv);
      ds = wA * ds + wD * (1 / s - rsx + (j1[3]! - e * j2[3]!) * inv);
      db = wA * db + wD * ((j1[4]! - e * j2[4]!) * inv);
    }
  }
  const la = Math.log(alpha);
  const lb = Math.log(beta);
  out[0] = lgamma(r + x) - lgamma(r) + r * la + s * lb + ll;
  out[1] = digamma(r + x) - digamma(r) + la + dr;
  out[2] = r / alpha + da;
  out[3] = lb + ds;
  out[4] = s / beta + db;
}

/**
 * BG/NBD (k = 0) and MBG/NBD (k = 1): ln L(x, t_x, T | r, α, a, b) and its partial derivatives, into `out` =
 * [ln L, ∂/∂r, ∂/∂α, ∂/∂a, ∂/∂b], from the form of bgNbdMath.ts
 *   ln L = ln Γ(r+x)/Γ(r) + r ln α + ln (b)_(x+k) − ln (a+b)_(x+k) + ln[ e^ℓ₃ + e^ℓ₄ ],
 *   ℓ₃ = −(r+x) ln(α+T),  ℓ₄ = ln a − ln(b+x+k−1) − (r+x) ln(α+t_x)  (absent for BG/NBD at x = 0),
 * with (v)_n the rising factorial, whose derivative is ψ(v+n) − ψ(v).
 */
export function bgCustomerGradient(k: 0 | 1, r: number, alpha: number, a: number, b: number, x: number, tx: number, T: number, out: Float64Array): void {
  const n = x + k;
  const lT = Math.log(alpha + T);
  const l3 = -(r + x) * lT;
  let lse = l3;
  let dr = -lT;
  let dal = -(r + x) / (alpha + T);
  let da = 0;
  let db = 0;
  if (!(x === 0 && k === 0)) {
    const ltx = Math.log(alpha + tx);
    const l4 = Math.log(a) - Math.log(b + n - 1) - (r + x) * ltx;
    lse = logAddExp(l3, l4);
    const w4 = Math.exp(l4 - lse);
    const w3 = 1 - w4;
    dr = w3 * dr - w4 * ltx;
    dal = w3 * dal - (w4 * (r + x)) / (alpha + tx);
    da = w4 / a;
    db = -w4 / (b + n - 1);
  }
  const psiAB = digammaRising(a + b, n);
  out[0] = logRising(r, x) + r * Math.log(alpha) + logRising(b, n) - logRising(a + b, n) + lse;
  out[1] = digammaRising(r, x) + Math.log(alpha) + dr;
  out[2] = r / alpha + dal;
  out[3] = -psiAB + da;
  out[4] = digammaRising(b, n) - psiAB + db;
}
