// Compression of customer rows into unique patterns with summed weights: likelihoods are evaluated once per
// distinct (frequency, recency, ...) combination, the way Fader & Hardie's spreadsheets condense an RFM table.
//
// Stable internal API (not re-exported from the package):
//   compressPatterns(fn, rows, width, read, options?) → Patterns
//   rowWeight(fn, row, path) → number
//   indexRows(columns) → RowIndex
import { ExactSum } from "./exactSum.js";
import { lexicographicOrderBy } from "./lexOrder.js";
import { fail, iterable, record, show } from "./validate.js";

/** Unique patterns, one column per field. */
export interface Patterns {
  /** Number of unique patterns. */
  count: number;
  /** Fields per pattern. */
  width: number;
  /** `columns[k][i]` = field k of pattern i (each column has `count` entries). */
  columns: Float64Array[];
  /** Summed weight of each pattern (> 0). */
  weights: Float64Array;
  /** Σ weights over the kept rows. */
  totalWeight: number;
  /** Rows read (kept + skipped, zero-weight rows included). */
  rows: number;
  /** Rows the reader skipped (returned false), e.g. zero-frequency rows in a spend model. */
  skippedRows: number;
  /** Σ weights of the skipped rows. */
  skippedWeight: number;
}

/** Options of {@link compressPatterns}. */
export interface CompressOptions {
  /** Name of the argument in error paths. Default `"rows"`. */
  path?: string;
  /**
   * Whether identical rows merge. Default true; false keeps every kept row as its own pattern, for fields
   * that rarely repeat (a mean spend), where hashing the rows costs more than the likelihood saves.
   */
  merge?: boolean;
}

/**
 * The largest total weight (customers) a fit accepts: Number.MAX_SAFE_INTEGER = 2^53 − 1, up to which whole
 * weights add exactly. Far beyond any customer base, and it keeps the total log-likelihood finite.
 */
export const MAX_TOTAL_WEIGHT = Number.MAX_SAFE_INTEGER;

/**
 * The optional `weight` of a row (a count of identical customers): a finite number in [0, MAX_TOTAL_WEIGHT],
 * default 1. Throws INVALID_TYPE / INVALID_NUMBER / NEGATIVE_VALUE / OUT_OF_RANGE at `${path}.weight`.
 */
export function rowWeight(fn: string, row: Record<string, unknown>, path: string): number {
  const w = row["weight"];
  if (w === undefined) return 1;
  if (typeof w !== "number") fail(fn, "INVALID_TYPE", `${path}.weight must be a number, got ${show(w)}`, `${path}.weight`);
  if (!Number.isFinite(w)) fail(fn, "INVALID_NUMBER", `${path}.weight must be a finite number, got ${show(w)}`, `${path}.weight`);
  if (!(w >= 0)) fail(fn, "NEGATIVE_VALUE", `${path}.weight must be ≥ 0, got ${show(w)}`, `${path}.weight`);
  if (!(w <= MAX_TOTAL_WEIGHT)) tooHeavy(fn, `${path}.weight`, w);
  return w;
}

/** Refuses a weight, or a total weight, above {@link MAX_TOTAL_WEIGHT}. */
export function tooHeavy(fn: string, path: string, total: number): never {
  return fail(
    fn,
    "OUT_OF_RANGE",
    `the customers counted (weights, cohort sizes) must add up to at most ${MAX_TOTAL_WEIGHT} (Number.MAX_SAFE_INTEGER, the exact range of whole numbers), got ${show(total)} at ${path}; a weight counts identical customers — divide the weights by a common factor (the estimates do not change)`,
    path,
  );
}

/**
 * A running total of weights, exact (whole weights add exactly below {@link MAX_TOTAL_WEIGHT}; fractional ones
 * in an exact sum), so the same for any order of the rows; refuses a total above the bound.
 */
export class WeightTotal {
  private whole = 0;
  private readonly rest = new ExactSum();

  add(fn: string, w: number, path: string): void {
    if (Number.isInteger(w)) this.whole += w;
    else this.rest.add(w);
    if (!(this.whole + this.rest.value() <= MAX_TOTAL_WEIGHT)) tooHeavy(fn, path, this.whole + this.rest.value());
  }

  /** The total, correctly rounded. */
  value(): number {
    const s = new ExactSum();
    s.addSum(this.rest, 1);
    s.add(this.whole);
    return s.value();
  }
}

/**
 * Reads every row (validating it as an object, its `weight`, and its fields through `read`) and merges rows
 * with identical field values, summing their weights. `read(row, path, out, weight)` writes the row's `width`
 * validated fields into `out` (throwing coded errors at `path`), and returns false to skip the row; it gets
 * the validated weight and must not read `row.weight` again (each field of a row is read once).
 * Zero-weight rows are validated, then dropped. Patterns are in lexicographic order of their fields, so a sum
 * over them is the same for any order of the rows.
 */
export function compressPatterns(
  fn: string,
  rows: unknown,
  width: number,
  read: (row: Record<string, unknown>, path: string, out: Float64Array, weight: number) => boolean,
  options: CompressOptions = {},
): Patterns {
  const name = options.path ?? "rows";
  const table = new PatternTable(width, 64, options.merge !== false);
  const out = new Float64Array(width);
  let i = 0;
  const all = new WeightTotal();
  const kept = new WeightTotal();
  const skipped = new WeightTotal();
  let skippedRows = 0;
  for (const raw of iterable<unknown>(fn, rows, name)) {
    const path = `${name}[${i}]`;
    i++;
    const row = record(fn, raw, path);
    const w = rowWeight(fn, row, path);
    all.add(fn, w, `${path}.weight`);
    if (!read(row, path, out, w)) {
      skippedRows++;
      skipped.add(fn, w, `${path}.weight`);
      continue;
    }
    if (w === 0) continue;
    kept.add(fn, w, `${path}.weight`);
    table.add(out, w);
  }
  const { order: _, ...patterns } = table.patterns(kept.value(), i, skippedRows, skipped.value());
  return patterns;
}

/**
 * Tuples (one column per field) and their weights in lexicographic order of the fields, with `order[j]` the
 * input index of the j-th. Ties on every field are identical tuples (unmerged tables): any order of them sums alike.
 */
function sortedTuples(cols: readonly Float64Array[], w: Float64Array): { columns: Float64Array[]; weights: Float64Array; order: Uint32Array } {
  const n = w.length;
  let order: Uint32Array;
  if (cols.length === 0) {
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
  } else order = lexicographicOrderBy(cols, null);
  return { columns: cols.map((c) => gather(c, order)), weights: gather(w, order), order };
}

/** `values` in the order `order` (plain loops: a mapping callback per value costs more than the sort). */
function gather(values: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k]!]!;
  return out;
}

/**
 * The patterns in lexicographic order of their fields (the order {@link compressPatterns} gives), for
 * patterns built elsewhere (a warehouse's pattern table): a fit over them is then the same for any order of
 * its rows. Patterns already in that order are returned as they are.
 */
export function inLexicographicOrder(p: Patterns): Patterns {
  const { count, columns } = p;
  let sorted = true;
  for (let i = 1; i < count && sorted; i++) {
    for (const c of columns) {
      if (c[i - 1]! < c[i]!) break;
      if (c[i - 1]! > c[i]!) {
        sorted = false;
        break;
      }
    }
  }
  if (sorted) return p;
  const { columns: cols, weights } = sortedTuples(columns, p.weights);
  return { ...p, columns: cols, weights };
}

/** Distinct rows of a set of equal-length columns (as {@link Patterns}, each of weight 1), and which is which. */
export interface RowIndex extends Patterns {
  /** `of[i]` = the pattern of input row i. */
  of: Int32Array;
}

/** Rows hashed, then probed, per batch: the batch's table lines are all requested before the first is needed. */
const BATCH = 64;

/**
 * Indexes the distinct rows (tuples across `columns`) in lexicographic order, without allocating per row: the
 * compression {@link compressPatterns} does (the same patterns and weights for rows of weight 1), for
 * already validated columns, keeping each row's pattern.
 */
export function indexRows(columns: readonly ArrayLike<number>[]): RowIndex {
  const width = columns.length;
  const n = width === 0 ? 0 : columns[0]!.length;
  const table = new PatternTable(width, n);
  const v = new Float64Array(width);
  const of = new Int32Array(n);
  const hashes = new Int32Array(BATCH);
  for (let from = 0; from < n; from += BATCH) {
    const to = Math.min(n, from + BATCH);
    // Hashing a batch first and touching its slots lets the CPU fetch the (random) table lines in parallel;
    // inserting row by row would wait for each miss in turn.
    for (let i = from; i < to; i++) {
      for (let k = 0; k < width; k++) v[k] = columns[k]![i]!;
      hashes[i - from] = table.hash(v);
    }
    table.touch(hashes, to - from);
    for (let i = from; i < to; i++) {
      for (let k = 0; k < width; k++) v[k] = columns[k]![i]!;
      of[i] = table.add(v, 1, hashes[i - from]!);
    }
  }
  const { order, ...patterns } = table.patterns(n, n, 0, 0);
  // `of` named first-seen indexes; the patterns are now in lexicographic order.
  const rank = new Int32Array(order.length);
  for (let j = 0; j < order.length; j++) rank[order[j]!] = j;
  for (let i = 0; i < n; i++) of[i] = rank[of[i]!]!;
  return { ...patterns, of };
}

/**
 * An open-addressing hash set of fixed-width numeric tuples (hashing the doubles' bits), accumulating a weight
 * per distinct tuple in first-seen order. Far faster than string keys for millions of rows.
 */
class PatternTable {
  /** One column per field, `capacity` long. */
  private cols: Float64Array[];
  private weights: Float64Array;
  private size = 0;
  /** The tuple index in each slot, or −1 (at most half the slots are used, so a probe rarely reads a neighbour). */
  private slots: Int32Array;
  private mask: number;
  private readonly bits = new Uint32Array(2);
  private readonly bitsF = new Float64Array(this.bits.buffer);

  /** `capacity`: the number of tuples expected at most (sized up front, so no rehash below it). */
  /** `merge`: false makes {@link PatternTable.add} append every tuple (no hashing, no slots). */
  constructor(
    private readonly width: number,
    capacity = 64,
    private readonly merge = true,
  ) {
    let slots = merge ? 128 : 1;
    while (merge && slots < 2 * capacity) slots *= 2;
    const cap = Math.max(64, capacity);
    this.cols = Array.from({ length: width }, () => new Float64Array(cap));
    this.weights = new Float64Array(cap);
    this.slots = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
  }

  hash(v: ArrayLike<number>): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < this.width; k++) {
      const x = v[k]!;
      this.bitsF[0] = x === 0 ? 0 : x; // −0 and 0 are one pattern
      h = Math.imul(h ^ this.bits[0]!, 0x01000193);
      h = Math.imul(h ^ this.bits[1]!, 0x01000193);
    }
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d);
  }

  /** Reads the first slot of each of `count` hashes (and the tuple it holds), so later probes hit the cache. */
  touch(hashes: Int32Array, count: number): void {
    const slots = this.slots;
    const mask = this.mask;
    const col = this.cols[0];
    let sink = 0;
    for (let j = 0; j < count; j++) {
      const at = slots[(hashes[j]! >>> 0) & mask]!;
      if (at >= 0 && col !== undefined) sink += col[at]!;
    }
    if (sink === -1) this.size += 0; // keeps the loads from being optimised away
  }

  /** Adds weight `w` to the tuple `v` (inserting it when new) and returns the tuple's index. */
  add(v: ArrayLike<number>, w: number, h: number = this.merge ? this.hash(v) : 0): number {
    if (!this.merge) return this.append(v, w);
    const width = this.width;
    const slots = this.slots;
    const cols = this.cols;
    let s = (h >>> 0) & this.mask;
    for (;;) {
      const at = slots[s]!;
      if (at < 0) break;
      let same = true;
      for (let k = 0; k < width; k++) {
        if (cols[k]![at] !== v[k]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.weights[at] = this.weights[at]! + w;
        return at;
      }
      s = (s + 1) & this.mask;
    }
    const at = this.append(v, w);
    slots[s] = at;
    if (this.size * 2 > this.mask) this.rehash();
    return at;
  }

  /** Stores `v` with weight `w` as a new tuple (−0 as 0) and returns its index. */
  private append(v: ArrayLike<number>, w: number): number {
    const at = this.size++;
    if (at >= this.weights.length) this.grow();
    for (let k = 0; k < this.width; k++) this.cols[k]![at] = v[k] === 0 ? 0 : v[k]!;
    this.weights[at] = w;
    return at;
  }

  /**
   * The table as {@link Patterns}, in lexicographic order of the fields: a fit sums its likelihood over the
   * patterns in this order, so the order the rows came in cannot move the estimate by a rounding. `order[j]`
   * is the first-seen index of the j-th pattern.
   */
  patterns(totalWeight: number, rows: number, skippedRows: number, skippedWeight: number): Patterns & { order: Uint32Array } {
    const { width, size: count } = this;
    const seen = this.cols.map((c) => c.subarray(0, count));
    const { columns, weights, order } = sortedTuples(seen, this.weights.subarray(0, count));
    return { count, width, columns, weights, totalWeight, rows, skippedRows, skippedWeight, order };
  }

  private grow(): void {
    const cap = 2 * this.weights.length;
    const wider = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.cols = this.cols.map(wider);
    this.weights = wider(this.weights);
  }

  private rehash(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    const v = new Float64Array(this.width);
    for (let o = 0; o < old.length; o++) {
      const at = old[o]!;
      if (at < 0) continue;
      for (let k = 0; k < this.width; k++) v[k] = this.cols[k]![at]!;
      let s = (this.hash(v) >>> 0) & this.mask;
      while (this.slots[s]! >= 0) s = (s + 1) & this.mask;
      this.slots[s] = at;
    }
  }
}
