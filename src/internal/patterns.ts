// Compression of customer rows into unique patterns with summed weights: likelihoods are evaluated once per
// distinct (frequency, recency, ...) combination, the way Fader & Hardie's spreadsheets condense an RFM table.
//
// Stable internal API (not re-exported from the package):
//   compressPatterns(fn, rows, width, read, options?) → Patterns
//   rowWeight(fn, row, path) → number
import { fail, iterable, record, show } from "./validate.js";

/** Unique patterns, column-major: `values[k * count + i]` is field k of pattern i. */
export interface Patterns {
  /** Number of unique patterns. */
  count: number;
  /** Fields per pattern. */
  width: number;
  /** Field values, column-major (`values[k * count + i]`). */
  values: Float64Array;
  /** `columns[k]` = field k of every pattern (views into `values`). */
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
}

/**
 * The optional `weight` of a row (a count of identical customers): a finite number ≥ 0, default 1.
 * Throws INVALID_TYPE / INVALID_NUMBER / NEGATIVE_VALUE at `${path}.weight`.
 */
export function rowWeight(fn: string, row: Record<string, unknown>, path: string): number {
  const w = row["weight"];
  if (w === undefined) return 1;
  if (typeof w !== "number") fail(fn, "INVALID_TYPE", `${path}.weight must be a number, got ${show(w)}`, `${path}.weight`);
  if (!Number.isFinite(w)) fail(fn, "INVALID_NUMBER", `${path}.weight must be a finite number, got ${show(w)}`, `${path}.weight`);
  if (!(w >= 0)) fail(fn, "NEGATIVE_VALUE", `${path}.weight must be ≥ 0, got ${show(w)}`, `${path}.weight`);
  return w;
}

/**
 * Reads every row (validating it as an object, its `weight`, and its fields through `read`) and merges rows
 * with identical field values, summing their weights. `read(row, path, out)` writes the row's `width`
 * validated fields into `out` (throwing coded errors at `path`), and returns false to skip the row.
 * Zero-weight rows are validated, then dropped. Patterns keep first-seen order.
 */
export function compressPatterns(
  fn: string,
  rows: unknown,
  width: number,
  read: (row: Record<string, unknown>, path: string, out: Float64Array) => boolean,
  options: CompressOptions = {},
): Patterns {
  const name = options.path ?? "rows";
  const index = new Map<string, number>();
  let vals: number[] = [];
  const weights: number[] = [];
  const out = new Float64Array(width);
  let i = 0;
  let totalWeight = 0;
  let skippedRows = 0;
  let skippedWeight = 0;
  for (const raw of iterable<unknown>(fn, rows, name)) {
    const path = `${name}[${i}]`;
    i++;
    const row = record(fn, raw, path);
    const w = rowWeight(fn, row, path);
    if (!read(row, path, out)) {
      skippedRows++;
      skippedWeight += w;
      continue;
    }
    if (w === 0) continue;
    totalWeight += w;
    const key = width === 1 ? String(out[0]) : Array.prototype.join.call(out, ",");
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, weights.length);
      weights.push(w);
      for (let k = 0; k < width; k++) vals.push(out[k]!);
    } else {
      weights[at] = weights[at]! + w;
    }
  }
  const count = weights.length;
  const values = new Float64Array(width * count);
  for (let p = 0; p < count; p++) for (let k = 0; k < width; k++) values[k * count + p] = vals[p * width + k]!;
  vals = [];
  const columns = Array.from({ length: width }, (_, k) => values.subarray(k * count, (k + 1) * count));
  return { count, width, values, columns, weights: Float64Array.from(weights), totalWeight, rows: i, skippedRows, skippedWeight };
}
