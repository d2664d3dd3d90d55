import type { CustomerId } from "../data/time.js";
import { compareIds } from "../internal/ids.js";
import { binOptions, codeOf, resolveMethods, rfmValuesFail, rfmValuesValid, scoreRfmColumns } from "../internal/scoring.js";
import { array, optionsBag, record } from "../internal/validate.js";

/**
 * One customer's raw RFM values, the input of {@link rfmScores}.
 *
 * @category RFM
 * @example
 * ```ts
 * const row: RfmInput = { customerId: "C1", recency: 12, frequency: 4, monetary: 310.5 };
 * ```
 */
export interface RfmInput {
  /** The customer's id, carried through as given. */
  readonly customerId: CustomerId;
  /** Days since the last purchase (≥ 0): more days score lower. */
  readonly recency: number;
  /** Purchases (or purchase days), ≥ 0: more score higher. */
  readonly frequency: number;
  /** Spend (total or mean, any finite number; net of refunds it may be negative): more scores higher. */
  readonly monetary: number;
}

/**
 * One customer's RFM scores, the output of {@link rfmScores}.
 *
 * @category RFM
 * @example
 * ```ts
 * const s: RfmScore = { customerId: "C1", r: 5, f: 4, m: 5, code: "545", total: 14 };
 * ```
 */
export interface RfmScore {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** Recency score 1..bins (bins = most recent). */
  r: number;
  /** Frequency score 1..bins (bins = most frequent). */
  f: number;
  /** Monetary score 1..bins (bins = highest spend). */
  m: number;
  /** The three scores as digits, `"545"`; joined by `"-"` (`"10-3-7"`) when bins > 9. */
  code: string;
  /** r + f + m. */
  total: number;
}

/**
 * How one dimension is binned: `"quantile"`, `"rank"`, or explicit ascending inner thresholds
 * (`{ thresholds: [t1, …, t_{bins−1}] }`, bins closed on the right: x ≤ t1 is the worst score for
 * frequency and monetary and the best for recency).
 *
 * @category RFM
 * @example
 * ```ts
 * const byDays: RfmMethod = { thresholds: [30, 90, 180, 365] };
 * ```
 */
export type RfmMethod = "quantile" | "rank" | { readonly thresholds: readonly number[] };

/**
 * Options of {@link rfmScores}.
 *
 * @category RFM
 * @example
 * ```ts
 * const o: RfmScoreOptions = { bins: 5, method: { recency: { thresholds: [30, 90, 180, 365] }, frequency: "rank" } };
 * ```
 */
export interface RfmScoreOptions {
  /** Number of scores per dimension, 2..255. Default 5. */
  bins?: number;
  /**
   * `"quantile"` (default), `"rank"`, thresholds, or per dimension `{ recency?, frequency?, monetary? }`
   * (missing dimensions use `"quantile"`). See {@link rfmScores}.
   */
  method?: RfmMethod | { readonly recency?: RfmMethod; readonly frequency?: RfmMethod; readonly monetary?: RfmMethod };
  /**
   * Which score a value gets when it is tied across several quantile bins (a duplicated edge, where pandas
   * raises "Bin edges must be unique"): `"middle"` (default; the middle score of the range, rounded down),
   * `"low"` (the worst score of the range) or `"high"` (the best).
   */
  ties?: "middle" | "low" | "high";
  /**
   * How `"rank"` breaks ties: `"input"` (default, pandas `rank(method="first")`) by input order, or
   * `"customerId"` by id (numbers ascending, then strings), which makes rank scores independent of the
   * input order too.
   */
  rankTies?: "input" | "customerId";
  /**
   * Quantile positions (n − 1)·i/bins: `"exact"` (default; R's answer, equal-sized rank bins) or
   * `"numpy"`, numpy's floating-point steps, for scores bit-identical to pandas `qcut`.
   */
  levels?: "exact" | "numpy";
}

/**
 * Scores customers on recency, frequency and monetary value, 1..`bins` each, `bins` best (Hughes 1994,
 * "Strategic Database Marketing"; the quintile scoring of most RFM tools).
 *
 * Per dimension, `method` is
 * - `"quantile"` (default) — pandas `qcut(x, bins)`: edges are the quantiles of the values at i/bins
 *   (linear interpolation, R type 7, numpy's default); bins are closed on the right, (e_{i−1}, e_i], with
 *   the lowest edge included in bin 1. Tied values always share a score, so the result does not depend on
 *   input order, and a strictly increasing change of a dimension's values (doubling spend, a log) leaves
 *   its scores unchanged. The quantile positions (n − 1)·i/bins are computed exactly; numpy computes them
 *   in floating point and sometimes lands just below a whole position, so pandas can differ where a value
 *   sits exactly on an edge (pandas puts 1..7 in 6 bins as 1,2,3,3,5,5,6; we give 1,1,2,3,4,5,6, as R's
 *   `quantile` does). `levels: "numpy"` reproduces pandas exactly.
 * - `"rank"` — pandas `qcut(x.rank(method="first"), bins)`: the same on ranks 1..n, ties broken by input
 *   order, so bin sizes differ by at most one. Equal values may score differently, and by default which
 *   of them scores higher depends on input order, as in pandas; `rankTies: "customerId"` breaks ties by
 *   id instead, so the output no longer depends on the order of the rows.
 * - `{ thresholds }` — fixed cut points (e.g. recency days 30, 90, 180, 365), right-closed.
 *
 * Recency is inverted: fewer days since the last purchase score higher (pandas idiom
 * `labels=[5, 4, 3, 2, 1]`).
 *
 * **Fewer distinct values than bins.** Where pandas raises "Bin edges must be unique" (say a third of
 * customers bought once, so the 0 %, 20 % and 40 % frequency quantiles are all 1), duplicate edges are
 * kept and a value equal to a duplicated edge is in every bin that edge bounds: bins L..R−1, with L the
 * number of edges below the value and R the number at or below it. It gets one score of that range by
 * `ties`: by default the middle one, rounded down, which is about the mean score its group would get if
 * the ties were broken at random. So with 5 bins one-time buyers score F = 1 when they are 60 % of the
 * base (their value spans bins 1–2) and F = 2 when they are 80 % (bins 1–3), while the top customers
 * still score 5; if every customer has the same value, all score 3. Values not on a duplicated edge score
 * as in pandas. `ties: "low"` gives a tied group its worst score, `"high"` its best.
 *
 * Output is in input order. Ids are carried through unchecked (duplicates are scored as separate rows).
 * Runs in O(n) per dimension (quantiles by selection, not a full sort).
 *
 * @param customers - rows `{ customerId, recency, frequency, monetary }`
 * @param options - see {@link RfmScoreOptions}
 * @returns `{ customerId, r, f, m, code, total }` per row, in input order; `[]` for no rows
 * @throws RetentionKitError `INVALID_NUMBER` / `INVALID_TYPE` for a non-finite value, `NEGATIVE_VALUE` for
 *   negative recency or frequency (path `customers[3].recency`), `INVALID_CUSTOMER_ID`,
 *   `INVALID_THRESHOLDS` for thresholds that are not bins − 1 strictly ascending numbers, `INVALID_OPTION`,
 *   `OUT_OF_RANGE` / `NOT_INTEGER` for `bins`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category RFM
 * @example
 * ```ts
 * const rows = [
 *   { customerId: "a", recency: 3, frequency: 9, monetary: 900 },
 *   { customerId: "b", recency: 40, frequency: 2, monetary: 120 },
 *   { customerId: "c", recency: 200, frequency: 1, monetary: 35 },
 * ];
 * rfmScores(rows, { bins: 3 }).map((s) => s.code);
 * // => ["333", "222", "111"]
 *
 * // 8 of 10 customers bought once: pandas' qcut raises "Bin edges must be unique" here
 * const f = [1, 1, 1, 1, 1, 1, 1, 1, 2, 3].map((frequency, i) => ({ customerId: i, recency: 0, frequency, monetary: 0 }));
 * rfmScores(f).map((s) => s.f);
 * // => [2, 2, 2, 2, 2, 2, 2, 2, 5, 5]
 * ```
 */
export function rfmScores(customers: readonly RfmInput[], options?: RfmScoreOptions): RfmScore[] {
  const fn = "rfmScores";
  const rows = array<unknown>(fn, customers, "customers");
  const o = optionsBag(fn, options, ["bins", "method", "ties", "rankTies", "levels"] as const satisfies readonly (keyof RfmScoreOptions)[]);
  const { bins, ties, byId, numpy } = binOptions(fn, o, 5);
  const methods = resolveMethods(fn, o.method, bins);
  // Each field of each row is read once, here: the values validated are the values scored and returned.
  const input = rows as readonly RfmInput[];
  const ids = new Array<CustomerId>(input.length);
  const cols = readColumns(fn, input, ids);
  const byIdOrder = (a: number, b: number): number => compareIds(ids[a]!, ids[b]!) || a - b;
  const [sr, sf, sm] = scoreRfmColumns(cols, methods, bins, ties, byId ? byIdOrder : null, numpy);
  return buildRows(ids, sr, sf, sm, bins);
}

/** The rows as columns, validated (ids kept in an array so that later passes do not visit the rows again). */
function readColumns(fn: string, rows: readonly RfmInput[], ids: CustomerId[]): [Float64Array, Float64Array, Float64Array] {
  const n = rows.length;
  const rec = new Float64Array(n);
  const freq = new Float64Array(n);
  const mon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (typeof row !== "object" || row === null) record(fn, row, `customers[${i}]`);
    const recency = row.recency;
    const frequency = row.frequency;
    const monetary = row.monetary;
    const id = row.customerId;
    if (!rfmValuesValid(recency, frequency, monetary, id)) rfmValuesFail(fn, recency, frequency, monetary, id, (f) => `customers[${i}].${f}`);
    rec[i] = recency;
    freq[i] = frequency;
    mon[i] = monetary;
    ids[i] = id;
  }
  return [rec, freq, mon];
}

function buildRows(ids: readonly CustomerId[], sr: Uint8Array, sf: Uint8Array, sm: Uint8Array, bins: number): RfmScore[] {
  const code = codeOf(bins);
  const n = ids.length;
  const out = new Array<RfmScore>(n);
  for (let i = 0; i < n; i++) {
    const r = sr[i]!;
    const f = sf[i]!;
    const m = sm[i]!;
    out[i] = { customerId: ids[i]!, r, f, m, code: code(r, f, m), total: r + f + m };
  }
  return out;
}
