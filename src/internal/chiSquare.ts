// The chi-square upper tail through the regularised incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a):
// the power series of P(a, x) below x = a + 1 and Legendre's continued fraction of Q(a, x) above it
// (Abramowitz & Stegun 6.5.29 and 6.5.31), each summed to double precision in a bounded number of terms.
import { lgamma } from "./special.js";

const MAX_TERMS = 100_000;
const EPS = 1e-16;
const TINY = 1e-300;

/** e^(−x) x^a / Γ(a + 1), computed in logs so that it neither overflows nor underflows early. */
function prefactor(a: number, x: number): number {
  return Math.exp(a * Math.log(x) - x - lgamma(a + 1));
}

/** P(a, x) by the series Σ xⁿ / ((a + 1)…(a + n)), for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < EPS * sum) break;
  }
  return Math.min(1, prefactor(a, x) * sum);
}

/** Q(a, x) by the continued fraction 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)) (modified Lentz), for x ≥ a + 1. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  // e^(−x) x^a / Γ(a) · h = prefactor · a · h
  return Math.min(1, Math.exp(a * Math.log(x) - x - lgamma(a)) * h);
}

/**
 * P(χ²_df > x), the upper tail of the chi-square distribution with `df` > 0 degrees of freedom; 1 for
 * x ≤ 0. Relative accuracy ~1e-14 where the result is not tiny; it underflows to 0 only past ~1e-308.
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(x > 0)) return 1;
  const a = df / 2;
  const h = x / 2;
  return h < a + 1 ? 1 - lowerSeries(a, h) : upperFraction(a, h);
}
