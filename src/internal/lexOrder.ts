// A canonical row order for sums that must not depend on the order rows were given in: ascending by a
// primary column (radix sort, O(n)), then each run of rows tied on it by a full comparator. A comparison sort
// of a million indexes costs ~20 M comparator calls; here only the tied runs are compared.
//
// Stable internal API (not re-exported from the package):
//   lexicographicOrder(primary, compare) → Uint32Array

import { ascendingOrder } from "./sortOrder.js";

/**
 * The permutation that sorts rows by `primary` ascending, and rows with equal `primary` by `compare` (which
 * must be a total order on the rows; equal rows keep their relative position, but they are equal in every
 * key, so any of their orders gives the same sums). `primary` must hold no NaN.
 */
export function lexicographicOrder(primary: ArrayLike<number>, compare: (a: number, b: number) => number): Uint32Array {
  const order = ascendingOrder(primary);
  const n = order.length;
  for (let a = 0; a < n; ) {
    const v = primary[order[a]!]!;
    let b = a + 1;
    while (b < n && primary[order[b]!] === v) b++;
    if (b - a > 1) order.subarray(a, b).sort(compare);
    a = b;
  }
  return order;
}
