// A small seeded pseudo-random generator for the library's sampling (prediction intervals): xoshiro128**
// (Blackman & Vigna 2018) on 32-bit integer arithmetic, seeded through splitmix32, with standard normal
// deviates by Marsaglia's polar method. Only integer operations, +, −, ×, ÷ and √ (all exactly rounded in
// IEEE 754) are used — the logarithm of the polar method is computed here from them rather than by
// Math.log, whose last bit may differ between JavaScript engines — so one seed gives the same numbers,
// bit for bit, on every platform. Not re-exported.

/** A seeded stream of uniform and normal deviates. */
export interface Random {
  /** A uniform deviate in (0, 1) with 53 random bits (never 0 or 1). */
  uniform(): number;
  /** A standard normal deviate. */
  normal(): number;
}

/** splitmix32: spreads a 32-bit seed over the generator's state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Creates the stream for a seed (an integer in [0, 2³²)). */
export function createRandom(seed: number): Random {
  const init = { s: seed >>> 0 };
  let a = splitmix32(init);
  let b = splitmix32(init);
  let c = splitmix32(init);
  let d = splitmix32(init);
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const uniform = (): number => {
    // 26 + 27 bits, then a half-step offset: (k + 0.5) / 2^53 lies strictly inside (0, 1).
    const hi = next() >>> 6;
    const lo = next() >>> 5;
    return (hi * 134217728 + lo + 0.5) / 9007199254740992;
  };
  let spare = 0;
  let hasSpare = false;
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * logarithm(s)) / s);
      spare = v * f;
      hasSpare = true;
      return u * f;
    }
  };
  return { uniform, normal };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const SQRT_HALF = 0.7071067811865476;
const LN2_HI = 0.6931471803691238; // ln 2 split so that k · LN2_HI is exact for |k| < 2^20
const LN2_LO = 1.9082149292705877e-10;

/**
 * ln x for x in (0, 1], from exactly rounded operations only: x = m · 2^k with m in [√½, √2) by exact scaling,
 * then ln m = 2 atanh(z), z = (m − 1)/(m + 1), |z| ≤ 0.1716, by its series to z^31 (error below 1e-17).
 */
export function logarithm(x: number): number {
  let m = x;
  let k = 0;
  while (m < SQRT_HALF) {
    m *= 2;
    k--;
  }
  const z = (m - 1) / (m + 1);
  const z2 = z * z;
  let term = z;
  let sum = 0;
  for (let j = 1; j <= 31; j += 2) {
    sum += term / j;
    term *= z2;
  }
  return k * LN2_HI + (2 * sum + k * LN2_LO);
}
