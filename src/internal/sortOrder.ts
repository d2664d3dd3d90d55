// Stable ascending order of a column of doubles by LSD radix sort on their bits: O(n) with sequential
// passes, where a comparison sort of a million indexes (or a binary search per row into a sorted copy)
// waits on a cache miss at every step.
//
// Stable internal API (not re-exported from the package):
//   ascendingOrder(values) → Uint32Array

/** Bits per radix digit: 65,536 counters (256 kB) stay in cache. */
const DIGIT = 16;
const BUCKETS = 1 << DIGIT;

/**
 * The permutation that sorts `values` ascending (ties keep their input order): `order[k]` is the row of the
 * k-th smallest value. −0 sorts as 0. Values must not be NaN (the callers validate them).
 */
export function ascendingOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  // Keys: the double's bits as two unsigned words, mapped so that unsigned order is numeric order
  // (flip every bit of a negative, only the sign bit of a positive).
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  const cell = new Float64Array(1);
  const words = new Uint32Array(cell.buffer);
  const hiWord = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: the high word is second
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    cell[0] = v === 0 ? 0 : v;
    const h = words[hiWord]!;
    const l = words[1 - hiWord]!;
    if (h >>> 31 === 1) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let order2 = new Uint32Array(n);
  const count = new Uint32Array(BUCKETS);
  // Four 16-bit digits, least significant first; a digit every key shares is skipped.
  for (let pass = 0; pass < 4; pass++) {
    const src = pass < 2 ? lo : hi;
    const shift = (pass & 1) * DIGIT;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i]! >>> shift) & (BUCKETS - 1)]!++;
    if (count[(src[0]! >>> shift) & (BUCKETS - 1)] === n) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const d = (src[i]! >>> shift) & (BUCKETS - 1);
      const at = count[d]!++;
      hi2[at] = hi[i]!;
      lo2[at] = lo[i]!;
      order2[at] = order[i]!;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [order, order2] = [order2, order];
  }
  return order;
}
