import type { CustomerId } from "../data/time.js";
import { compareIds } from "../internal/ids.js";
import { binOptions, codeOf, resolveMethods, rfmValuesFail, rfmValuesValid, scoreRfmColumns } from "../internal/scoring.js";
import { array, fail, optionsBag, record, show } from "../internal/validate.js";
import type { RfmScoreOptions } from "./rfmScores.js";

/**
 * Customers as columns, the input of {@link rfmScoreColumns}: one array per field, all the same length.
 * Value columns may be plain arrays or typed arrays.
 *
 * @category RFM
 * @example
 * ```ts
 * const cols: RfmInputColumns = { customerId: ["a", "b"], recency: [3, 40], frequency: [9, 2], monetary: Float64Array.of(900, 120) };
 * ```
 */
export interface RfmInputColumns {
  /** Customer ids, carried through as given. */
  readonly customerId: readonly CustomerId[];
  /** Days since the last purchase (≥ 0). */
  readonly recency: ArrayLike<number>;
  /** Purchases (≥ 0). */
  readonly frequency: ArrayLike<number>;
  /** Spend (finite). */
  readonly monetary: ArrayLike<number>;
}

/**
 * RFM scores as columns, the output of {@link rfmScoreColumns}: row i of every column is customer i.
 *
 * @category RFM
 * @example
 * ```ts
 * const out: RfmColumnScores = { customerId: ["a"], r: [5], f: [4], m: [5], code: ["545"], total: [14] };
 * ```
 */
export interface RfmColumnScores {
  /** Customer ids, in input order. */
  customerId: CustomerId[];
  /** Recency scores 1..bins. */
  r: number[];
  /** Frequency scores 1..bins. */
  f: number[];
  /** Monetary scores 1..bins. */
  m: number[];
  /** The scores as a code, `"545"`. */
  code: string[];
  /** r + f + m. */
  total: number[];
}

/**
 * {@link rfmScores} for data held as columns, returning columns: the same scores, without building one
 * object per customer on the way in or out, which is most of the cost on millions of customers (and the
 * shape a warehouse or a data frame hands over).
 *
 * @param columns - `{ customerId, recency, frequency, monetary }`, arrays of one length
 * @param options - as {@link rfmScores}: see {@link RfmScoreOptions}
 * @returns `{ customerId, r, f, m, code, total }` columns in input order
 * @throws RetentionKitError as {@link rfmScores}, with paths such as `columns.recency[3]`;
 *   `INVALID_INPUT` when the columns differ in length
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category RFM
 * @example
 * ```ts
 * rfmScoreColumns({ customerId: ["a", "b", "c"], recency: [3, 40, 200], frequency: [9, 2, 1], monetary: [900, 120, 35] }, { bins: 3 }).code;
 * // => ["333", "222", "111"]
 * ```
 */
export function rfmScoreColumns(columns: RfmInputColumns, options?: RfmScoreOptions): RfmColumnScores {
  const { ids, r: sr, f: sf, m: sm, bins } = rfmColumnKernel("rfmScoreColumns", columns, options);
  const n = ids.length;
  const code = codeOf(bins);
  const r = new Array<number>(n);
  const f = new Array<number>(n);
  const m = new Array<number>(n);
  const codes = new Array<string>(n);
  const total = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const a = sr[i]!;
    const b = sf[i]!;
    const d = sm[i]!;
    r[i] = a;
    f[i] = b;
    m[i] = d;
    codes[i] = code(a, b, d);
    total[i] = a + b + d;
  }
  return { customerId: ids.slice(), r, f, m, code: codes, total };
}

/**
 * What {@link rfmScoreColumns} computes before it builds its arrays: the validated ids and the three score
 * columns (1..bins). The engine reads these directly. `fn` names the caller in errors.
 */
export function rfmColumnKernel(fn: string, columns: unknown, options: unknown): { ids: readonly CustomerId[]; r: Uint8Array; f: Uint8Array; m: Uint8Array; bins: number } {
  const c = record(fn, columns, "columns");
  const ids = array<CustomerId>(fn, c.customerId, "columns.customerId");
  const n = ids.length;
  const source: ArrayLike<unknown>[] = [];
  for (const key of ["recency", "frequency", "monetary"] as const) {
    const col = c[key] as ArrayLike<unknown> | null | undefined;
    if (col === null || typeof col !== "object" || typeof col.length !== "number") {
      fail(fn, "INVALID_TYPE", `columns.${key} must be an array or a typed array, got ${show(col)}`, `columns.${key}`);
    }
    if (col.length !== n) fail(fn, "INVALID_INPUT", `columns.${key} has ${col.length} values for ${n} customer ids`, `columns.${key}`);
    source.push(col);
  }
  const o = optionsBag(fn, options, ["bins", "method", "ties", "rankTies", "levels"] as const satisfies readonly (keyof RfmScoreOptions)[]);
  const { bins, ties, byId, numpy } = binOptions(fn, o, 5);
  const methods = resolveMethods(fn, o.method, bins);
  const [rs, fs, ms] = source as [ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>];
  // Float64Array columns are read in place (the scoring never writes to them); others are copied into one.
  const rec = rs instanceof Float64Array ? rs : new Float64Array(n);
  const freq = fs instanceof Float64Array ? fs : new Float64Array(n);
  const mon = ms instanceof Float64Array ? ms : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const recency = rs[i];
    const frequency = fs[i];
    const monetary = ms[i];
    const id = ids[i];
    if (!rfmValuesValid(recency, frequency, monetary, id)) rfmValuesFail(fn, recency, frequency, monetary, id, (f) => (f === "customerId" ? `columns.customerId[${i}]` : `columns.${f}[${i}]`));
    if (rec !== rs) rec[i] = recency as number;
    if (freq !== fs) freq[i] = frequency as number;
    if (mon !== ms) mon[i] = monetary as number;
  }
  const byIdOrder = (a: number, b: number): number => compareIds(ids[a]!, ids[b]!) || a - b;
  const [r, f, m] = scoreRfmColumns([rec, freq, mon], methods, bins, ties, byId ? byIdOrder : null, numpy);
  return { ids, r, f, m, bins };
}

