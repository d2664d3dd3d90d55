// Exact sums of doubles, rounded once: the same answer for any order of the terms.
//
// A sum is kept as an expansion: doubles of increasing magnitude whose bits do not overlap and whose exact
// (real-number) sum is the running total (Shewchuk, "Adaptive precision floating-point arithmetic and fast
// robust geometric predicates", 1997). Adding a term is a chain of error-free two-sums; the value is the
// expansion rounded once to the nearest double (ties to even). Since the exact total does not depend on the
// order of the terms, neither does the rounded one. Amounts with cents usually need one or two components.

/**
 * Adds `x` to the expansion `parts` in place (components ascending in magnitude, non-overlapping, no zeros).
 * Returns false if a partial sum overflowed (the exact total is then beyond ±Number.MAX_VALUE, or within an
 * ulp of it); `parts` is then unusable.
 */
export function addToExpansion(parts: number[], x: number): boolean {
  let n = 0;
  for (let j = 0; j < parts.length; j++) {
    let y = parts[j]!;
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) parts[n++] = lo;
    x = hi;
  }
  parts.length = n;
  if (x !== 0 || n === 0) parts.push(x);
  return Number.isFinite(x);
}

/** The exact sum of an expansion rounded to the nearest double (ties to even); 0 for an empty one. */
export function roundExpansion(parts: readonly number[]): number {
  let n = parts.length;
  if (n === 0) return 0;
  let hi = parts[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = parts[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // hi + lo is exact and lo is at most half an ulp of hi: if lo is exactly half an ulp, the components below
  // (same sign as lo) break the tie away from hi.
  if (n > 0 && ((lo < 0 && parts[n - 1]! < 0) || (lo > 0 && parts[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (x - hi === y) hi = x;
  }
  return hi;
}

/**
 * The exact sum of `pick(i)` for `i` in `0 .. count - 1`, correctly rounded: identical for
 * any order of the terms. `Infinity` (or `-Infinity`) when the exact sum is beyond the doubles — or, for
 * terms of both signs, when a partial sum is (callers sum terms of one sign, or scale them first).
 */
export function exactSum(count: number, pick: (i: number) => number): number {
  const parts: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = pick(i);
    if (x === 0) continue;
    if (!addToExpansion(parts, x)) return parts[parts.length - 1]! > 0 ? Infinity : -Infinity;
  }
  return roundExpansion(parts);
}

/**
 * The remainder of an expansion once its rounded value `top` is taken out: the components whose exact sum is
 * `Σ parts − top` (empty when the rounding was exact).
 */
export function expansionRest(parts: readonly number[], top: number): number[] {
  const rest = parts.slice();
  addToExpansion(rest, -top);
  if (rest.length === 1 && rest[0] === 0) rest.length = 0;
  return rest;
}

/**
 * The mean of `values` from their exact sum: the same for any order, and finite for any finite values (the
 * sum is taken scaled by a power of two when it would overflow). NaN for no values.
 */
export function exactMean(values: readonly number[]): number {
  const n = values.length;
  const s = exactSum(n, (i) => values[i]!);
  if (Number.isFinite(s)) return s / n;
  let scale = 1;
  while (scale * n > 1) scale /= 2; // 2^-⌈log2 n⌉: n values of at most MAX_VALUE sum to at most MAX_VALUE
  return exactSum(n, (i) => values[i]! * scale) / (n * scale); // n · scale in (1/2, 1] is exact
}

/** (a + b) / 2 without overflow (the two halves added when the sum would overflow). */
export function midpoint(a: number, b: number): number {
  const m = (a + b) / 2;
  return Number.isFinite(m) ? m : a / 2 + b / 2;
}

/** A running exact sum (see {@link addToExpansion}): `value()` is the correctly rounded total so far. */
export class ExactSum {
  private readonly parts: number[] = [];
  /** +1 / −1 once a partial sum overflowed (the total is then beyond the doubles), else 0. */
  private overflowed = 0;

  add(x: number): void {
    if (x === 0 || this.overflowed !== 0) return;
    if (!addToExpansion(this.parts, x)) this.overflowed = this.parts[this.parts.length - 1]! > 0 ? 1 : -1;
  }

  /** Adds `sign` × another sum's exact total. */
  addSum(other: ExactSum, sign: 1 | -1): void {
    if (other.overflowed !== 0) {
      if (this.overflowed === 0) this.overflowed = other.overflowed * sign;
      return;
    }
    for (const x of other.parts) this.add(sign * x);
  }

  /** The correctly rounded total; ±Infinity when it is beyond the doubles. */
  value(): number {
    if (this.overflowed !== 0) return this.overflowed * Infinity;
    return roundExpansion(this.parts);
  }
}
