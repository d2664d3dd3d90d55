// Gauss–Legendre quadrature and a bounded-work mean over a Beta distribution, for the CLV formulas whose
// hypergeometric series converge too slowly near z = 1.
//
// Stable internal API (not re-exported from the package):
//   GL_X, GL_W — 20-point Gauss–Legendre nodes and weights on [−1, 1] (positive half; nodes are ±GL_X)
//   betaMean(a, b, g, g0, g1, knots) → E[g(p)] for p ~ Beta(a, b)
//   integrate(h, a, b, λ, pole) → ∫_a^b h for h analytic but at t ≤ pole < a, by panels that grow away from the pole

/** 20-point Gauss–Legendre nodes on [−1, 1] (positive half). */
export const GL_X: readonly number[] = [
  0.0765265211334973, 0.2277858511416451, 0.3737060887154195, 0.5108670019508271, 0.636053680726515,
  0.7463319064601508, 0.8391169718222188, 0.912234428251326, 0.9639719272779138, 0.9931285991850949,
];
/** The weights of {@link GL_X}. */
export const GL_W: readonly number[] = [
  0.1527533871307258, 0.1491729864726037, 0.1420961093183820, 0.1316886384491766, 0.1181945319615184,
  0.1019301198172404, 0.0832767415767048, 0.0626720483341091, 0.0406014298003869, 0.0176140071391521,
];

/** σ(v) = 1/(1+e^−v). */
function sigmoid(v: number): number {
  return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
}

const MAX_PANELS = 2000;

/**
 * E[g(p)] for p ~ Beta(a, b) (a, b > 0), for a smooth g that is monotone in p with finite limits g0 = g(0+)
 * and g1 = g(1−). Works in the logit v = ln(p/(1−p)), where the Beta weight p^a (1−p)^b is log-concave with
 * exponential tails of rates a (v → −∞) and b (v → +∞) and no endpoint singularity, whatever a and b. From
 * the mode v = ln(a/b), composite 20-point Gauss–Legendre panels march outwards; a panel spans at most 8
 * e-folds of the weight and half the distance to the nearest knot (v = 0, where the logistic map bends, and
 * the `knots` where g changes regime; their complex singularities lie about π off the real axis), so panels
 * grow geometrically away from them and a few dozen cover any (a, b). Far out, where p (or 1 − p) is below
 * 1e-17 and g has reached its limit, the tail is a pure exponential and is added exactly; a tail bounded
 * below 1e-17 of the sums ends the march sooner. The normalising constant B(a, b) is taken with the same
 * nodes, so their rounding cancels. Bounded work: at most 2 × 2000 panels.
 */
export function betaMean(a: number, b: number, g: (p: number, q: number) => number, g0: number, g1: number, knots: readonly number[]): number {
  const mode = Math.log(a / b);
  const sUp = sigmoid(mode);
  const sDown = sigmoid(-mode);
  // ln of the weight p^a (1−p)^b at v relative to the mode, from differences taken directly (not as the
  // difference of two ln values of size ~a, which would lose all digits when a ~ 1e12).
  const relWeight = (v: number): number => -a * Math.log1p(sDown * Math.expm1(mode - v)) - b * Math.log1p(sUp * Math.expm1(v - mode));
  const slope = (v: number): number => a * sigmoid(-v) - b * sigmoid(v);
  const marks = [0, ...knots.filter((k) => Number.isFinite(k))];
  const lo = Math.min(...marks);
  const hi = Math.max(...marks);
  let sumW = 0;
  let sumG = 0;
  for (const dir of [1, -1]) {
    let v = mode;
    for (let panel = 0; panel < MAX_PANELS; panel++) {
      let dist = Number.POSITIVE_INFINITY;
      for (const k of marks) dist = Math.min(dist, Math.abs(v - k));
      let h = Math.min(Math.max(1, 0.5 * dist), 8 / Math.abs(slope(v)));
      for (let halve = 0; halve < 2000 && h * Math.abs(slope(v + dir * h)) > 8; halve++) h *= 0.5;
      const mid = v + 0.5 * dir * h;
      for (let j = 0; j < 2 * GL_X.length; j++) {
        const i = j >> 1;
        const vi = mid + (j & 1 ? 0.5 : -0.5) * h * GL_X[i]!;
        const wt = 0.5 * h * GL_W[i]! * Math.exp(relWeight(vi));
        if (wt === 0) continue;
        sumW += wt;
        sumG += wt * g(sigmoid(vi), sigmoid(-vi));
      }
      v += dir * h;
      const tail = Math.exp(relWeight(v));
      if (dir > 0 ? v > hi + 40 && sigmoid(-v) <= 1e-17 : v < lo - 40 && sigmoid(v) <= 1e-17) {
        // Weight e^(−b·v) (right) or e^(a·v) (left) with g at its limit: integrate the rest exactly.
        const t = tail / (dir > 0 ? b : a);
        sumW += t;
        sumG += t * (dir > 0 ? g1 : g0);
        break;
      }
      // Log-concave weight past the mode: the rest is at most tail/|slope|; g stays between its value here and its limit.
      const s = Math.abs(slope(v));
      const gMax = Math.max(Math.abs(g(sigmoid(v), sigmoid(-v))), Math.abs(dir > 0 ? g1 : g0));
      if (s > 0 && tail / s <= 1e-17 * sumW && (tail / s) * gMax <= 1e-17 * Math.abs(sumG)) break;
    }
  }
  return sumG / sumW;
}

/**
 * ∫_a^b h(t) dt by 20-point Gauss–Legendre panels [lo, hi] with hi − pole ≤ 4·(lo − pole) and
 * λ·(hi − lo) ≤ 16, for a < b and h analytic but for t ≤ pole < a. e(t) is analytic but for t ≤ −(α+T) < 0
 * (pole 0 in the horizon sums, which start at a > 0), so each panel's Bernstein ellipse reaches ρ ≥ 3
 * (error ~3^−40); e^{−λt} is entire, and at λw ≤ 16 the rule's error, (20!)⁴/(41·(40!)³)·(λw)⁴⁰, is ~1e-24.
 */
export function integrate(h: (t: number) => number, a: number, b: number, lambda: number, pole = 0): number {
  let sum = 0;
  const cap = lambda > 0 ? 16 / lambda : Number.POSITIVE_INFINITY;
  for (let lo = a; lo < b; ) {
    const hi = Math.min(b, lo + Math.min(3 * (lo - pole), cap));
    const mid = (lo + hi) / 2;
    const half = (hi - lo) / 2;
    let panel = 0;
    for (let j = 0; j < GL_X.length; j++) panel += GL_W[j]! * (h(mid - half * GL_X[j]!) + h(mid + half * GL_X[j]!));
    sum += panel * half;
    lo = hi;
  }
  return sum;
}
