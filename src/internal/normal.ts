// Standard normal distribution: density, upper tail and quantile, accurate to ~1e-14 (used for
// confidence bands). Written from the textbook series and continued fraction (Abramowitz & Stegun 26.2.11
// and 26.2.14); the quantile polishes A&S 26.2.23 with Newton steps.

const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Upper tail Q(x) = 1 − Φ(x) for x ≥ 0, without cancellation in the far tail. */
function upperTail(x: number): number {
  if (x < 3) {
    // Φ(x) − ½ = φ(x) Σ x^(2n+1) / (1·3·…·(2n+1))  (A&S 26.2.11)
    let term = x;
    let sum = x;
    for (let n = 1; n < 500 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (x * x) / (2 * n + 1);
      sum += term;
    }
    return 0.5 - normalPdf(x) * sum;
  }
  // Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …))))  (A&S 26.2.14), evaluated from the tail.
  let f = x;
  for (let k = 200; k >= 1; k--) f = x + k / f;
  return normalPdf(x) / f;
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return x >= 0 ? 1 - upperTail(x) : upperTail(-x);
}

/** The standard normal quantile Φ⁻¹(p) for p in (0, 1). */
export function normalQuantile(p: number): number {
  if (p === 0.5) return 0;
  const q = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(q));
  let x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  for (let i = 0; i < 50; i++) {
    const step = (upperTail(x) - q) / normalPdf(x);
    x += step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, x)) break;
  }
  return p < 0.5 ? -x : x;
}

/**
 * The two-sided quantile z with P(|Z| ≤ z) = `confidence`, for confidence in (0, 1): Φ⁻¹ of the upper tail
 * (1 − c)/2, which is exact in floating point for every c in (0, 1) (1 − c is, by Sterbenz's lemma, for
 * c ≥ ½). Computing Φ⁻¹(1 − (1 − c)/2) instead rounds the argument to 1 for c = 1 − 2⁻⁵³ (z = ∞, NaN bands).
 * Finite for every accepted confidence: at most 8.29 (c = 1 − 2⁻⁵³).
 */
export function twoSidedZ(confidence: number): number {
  return -normalQuantile((1 - confidence) / 2);
}
