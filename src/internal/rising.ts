// Log rising factorials ln Γ(a+n) − ln Γ(a) and their derivatives ψ(a+n) − ψ(a), ψ₁(a+n) − ψ₁(a), accurate where the plain
// differences of ln Γ cancel: for a huge (a fit running off towards a boundary, a ~ 1e9) the two ln Γ values
// are ~1e10 with an ulp of ~1e-6 while their difference is small. Used by the BG/NBD-family likelihoods.
import { digamma, lgamma, trigamma } from "./special.js";

const LOOP_MAX = 256;

/** ln Γ(a+n) − ln Γ(a) = ln a(a+1)…(a+n−1) for a > 0, n ≥ 0 (n need not be whole above the loop range). */
export function logRising(a: number, n: number): number {
  if (n === 0) return 0;
  if (n <= LOOP_MAX && Number.isInteger(n)) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.log(a + j);
    return s;
  }
  if (a > 1e5) {
    // Stirling: the difference of (z − ½) ln z − z + 1/(12z) at z = a + n and z = a, arranged to avoid cancellation.
    return (a - 0.5) * Math.log1p(n / a) + n * Math.log(a + n) - n + 1 / (12 * (a + n)) - 1 / (12 * a);
  }
  return lgamma(a + n) - lgamma(a);
}

/** ψ(a+n) − ψ(a) = Σ_{j<n} 1/(a+j) for a > 0, n ≥ 0. */
export function digammaRising(a: number, n: number): number {
  if (n === 0) return 0;
  if (n <= LOOP_MAX && Number.isInteger(n)) {
    let s = 0;
    for (let j = 0; j < n; j++) s += 1 / (a + j);
    return s;
  }
  if (a > 1e5) {
    // ψ(z) ≈ ln z − 1/(2z) − 1/(12z²): difference at a + n and a.
    return Math.log1p(n / a) - 0.5 / (a + n) + 0.5 / a - 1 / (12 * (a + n) * (a + n)) + 1 / (12 * a * a);
  }
  return digamma(a + n) - digamma(a);
}

/** ψ₁(a+n) − ψ₁(a) = −Σ_{j<n} 1/(a+j)² for a > 0, n ≥ 0 (the second derivative of {@link logRising} in a). */
export function trigammaRising(a: number, n: number): number {
  if (n === 0) return 0;
  if (n <= LOOP_MAX && Number.isInteger(n)) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const u = a + j;
      s -= 1 / (u * u);
    }
    return s;
  }
  if (a > 1e5) {
    // ψ₁(z) ≈ 1/z + 1/(2z²) + 1/(6z³): difference at a + n and a, the first two terms without cancellation.
    const an = a + n;
    return -n / (a * an) - (n * (a + an)) / (2 * a * a * an * an) + (1 / (an * an * an) - 1 / (a * a * a)) / 6;
  }
  return trigamma(a + n) - trigamma(a);
}
