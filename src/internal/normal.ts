// The standard normal distribution: CDF (for p-values) and its inverse (for z of a confidence level).
// Shared numerics; never re-exported.

const SQRT_2PI = 2.5066282746310002;

/**
 * Upper-tail probability Q(x) = 1 − Φ(x) for x ≥ 0, to about 1e-15 relative accuracy: Hart's (1968)
 * rational approximation (as set out by West 2005, "Better approximations to cumulative normal functions")
 * below 7.07, a continued fraction above it.
 */
function upperTail(x: number): number {
  if (x > 38.5) return 0; // below the smallest double
  const e = Math.exp(-0.5 * x * x);
  if (x < 7.07106781186547) {
    let n = 3.52624965998911e-2 * x + 0.700383064443688;
    n = n * x + 6.37396220353165;
    n = n * x + 33.912866078383;
    n = n * x + 112.079291497871;
    n = n * x + 221.213596169931;
    n = n * x + 220.206867912376;
    let d = 8.83883476483184e-2 * x + 1.75566716318264;
    d = d * x + 16.064177579207;
    d = d * x + 86.7807322029461;
    d = d * x + 296.564248779674;
    d = d * x + 637.333633378831;
    d = d * x + 793.826512519948;
    d = d * x + 440.413735824752;
    return (e * n) / d;
  }
  let b = x + 0.65;
  b = x + 4 / b;
  b = x + 3 / b;
  b = x + 2 / b;
  b = x + 1 / b;
  return e / b / SQRT_2PI;
}

/** Φ(x), the standard normal CDF; accurate in both tails (no 1 − Φ cancellation). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x >= 0 ? 1 - upperTail(x) : upperTail(-x);
}

/** Two-sided p-value of a standard normal statistic: 2·Q(|z|). */
export function twoSidedPValue(z: number): number {
  return Math.min(1, 2 * upperTail(Math.abs(z)));
}

// Acklam's rational approximation of Φ⁻¹ (relative error < 1.2e-9), refined by one Halley step.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Φ⁻¹(p) for p ≤ 0.5 (the lower half, where Φ is computed without cancellation). */
function lowerQuantile(p: number): number {
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
      (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
  }
  // Halley refinement: brings the error to a few ulps.
  const e = upperTail(-x) - p;
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  return Number.isFinite(u) ? x - u / (1 + 0.5 * x * u) : x;
}

/** Φ⁻¹(p), the standard normal quantile; −∞ / +∞ at 0 / 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  return p < 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
}

/** The two-sided critical value z for a confidence level in (0, 1): Φ⁻¹((1 + confidence) / 2). */
export function zForConfidence(confidence: number): number {
  return -lowerQuantile((1 - confidence) / 2);
}
