// A canonical row order for sums that must not depend on the order rows were given in: ascending by a
// primary column (radix sort, O(n)), then each run of rows tied on it by a full comparator. A comparison sort
// of a million indexes costs ~20 M comparator calls; here only the tied runs are compared.
//
// Stable internal API (not re-exported from the package):
//   lexicographicOrder(primary, compare) → Uint32Array
//   lexicographicOrderBy(primaries, compare) → Uint32Array

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

/**
 * The permutation that sorts rows by the columns `primaries` (the most significant first; each sorted by a
 * stable radix sort, the least significant first), and rows equal in all of them by `compare` — or, with
 * `compare` null, in input order (for rows equal in every key, where any order sums alike).
 */
export function lexicographicOrderBy(primaries: readonly ArrayLike<number>[], compare: ((a: number, b: number) => number) | null): Uint32Array {
  if (primaries.length === 0) throw new RangeError("lexicographicOrderBy needs a primary column");
  if (primaries.length === 1) return compare === null ? ascendingOrder(primaries[0]!) : lexicographicOrder(primaries[0]!, compare);
  const n = primaries[0]!.length;
  const width = primaries.length;
  // The least significant column sorts the identity: no gather needed.
  let order = ascendingOrder(primaries[width - 1]!);
  const keyed = new Float64Array(n);
  for (let c = width - 2; c >= 0; c--) {
    const col = primaries[c]!;
    for (let k = 0; k < n; k++) keyed[k] = col[order[k]!]!;
    const o = ascendingOrder(keyed);
    const next = new Uint32Array(n);
    for (let k = 0; k < n; k++) next[k] = order[o[k]!]!;
    order = next;
  }
  if (compare === null) return order;
  for (let a = 0; a < n; ) {
    let b = a + 1;
    while (b < n && tiedRows(primaries, order[a]!, order[b]!)) b++;
    if (b - a > 1) order.subarray(a, b).sort(compare);
    a = b;
  }
  return order;
}

/** Whether rows `a` and `b` are equal in every column. */
function tiedRows(columns: readonly ArrayLike<number>[], a: number, b: number): boolean {
  for (let c = 0; c < columns.length; c++) if (columns[c]![a] !== columns[c]![b]) return false;
  return true;
}
