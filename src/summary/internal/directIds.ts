// Direct mode's test: are the ids dense non-negative integers, so that a customer's record can sit at index id
// (see summaryState.ts)? One scan of the id column or of the rows' customerId fields decides.
import { countBits, grownBits } from "../../internal/bits.js";

/** Direct mode: at most this many records (4 GB), and at least a quarter of them used. */
export const DIRECT_CEILING = 1 << 25;
/** Ids below this always qualify: the bitmap and records are small. */
export const DIRECT_SMALL = 1 << 16;

/**
 * The record capacity for direct mode if the ids — `values[i]`, or `values[i].customerId` when `rows` is
 * true — are all non-negative integers that fill at least a quarter of 0..max (or max < 65 536); 0
 * otherwise. Costs one scan and a bitmap of max/8 bytes. Values that are not such ids (including invalid
 * ones, refused later) give 0. With `seen`, the ids read are appended to it (up to the first that is not such
 * an id, included), so that the caller reads each row's `customerId` once.
 */
export function directIdCapacity(values: ArrayLike<unknown>, rows: boolean, seen?: SeenIds): number {
  // One pass (row objects are expensive to visit twice): a bitmap of the ids seen, grown with the largest.
  let bits = new Uint32Array(DIRECT_SMALL >>> 5);
  let max = -1;
  const ids = seen?.ids;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const isRow = typeof v === "object" && v !== null;
    const x = rows ? (isRow ? (v as { customerId?: unknown }).customerId : undefined) : v;
    if (typeof x !== "number" || !(x >= 0 && x < DIRECT_CEILING) || (x | 0) !== x) {
      // The scan stops here; the id read is kept, so that the row's customerId is not read twice.
      if (seen !== undefined) {
        seen.count = i;
        if (isRow || !rows) {
          seen.stray = x;
          seen.hasStray = true;
        }
      }
      return 0;
    }
    if (ids !== undefined) ids[i] = x;
    if (x > max) {
      max = x;
      if (x >>> 5 >= bits.length) bits = grownBits(bits, x >>> 5);
    }
    bits[x >>> 5]! |= 1 << (x & 31);
  }
  if (seen !== undefined) seen.count = values.length;
  return directCapacityFor(max, countBits(bits));
}

/**
 * The ids {@link directIdCapacity} read, for the rows that follow it: `ids[0 .. count − 1]` (whole numbers, in
 * a typed array: no boxed value or growing array per row) and, where the scan stopped at an id that is not a
 * direct one, that id as read (`stray`, row `count`).
 */
export interface SeenIds {
  ids: Int32Array;
  count: number;
  stray: unknown;
  hasStray: boolean;
}

/** Room for the ids of `n` rows. */
export function seenIds(n: number): SeenIds {
  return { ids: new Int32Array(n), count: 0, stray: undefined, hasStray: false };
}

/** The direct-mode rule: ids 0..max, `distinct` of them in use, give max + 1 records if dense enough, else 0. */
export function directCapacityFor(max: number, distinct: number): number {
  if (max < DIRECT_SMALL) return max + 1;
  return distinct * 4 >= max + 1 ? max + 1 : 0;
}
