import type { TimeUnit } from "../data/time.js";
import { chiSquareUpperTail } from "../internal/chiSquare.js";
import { ExactSum } from "../internal/exactSum.js";
import { rowWeight, WeightTotal } from "../internal/patterns.js";
import { fail, integerAtLeast, iterable, optionsBag, record } from "../internal/validate.js";
import { pmfKernel, readCustomerFor } from "./transactionKernels.js";
import { readTransactionModel } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";

/**
 * Options of {@link periodTransactionsHistogram}.
 *
 * @category CLV
 * @example
 * ```ts
 * const o: PeriodTransactionsHistogramOptions = { maxFrequency: 7, fittedParameters: 4 };
 * ```
 */
export interface PeriodTransactionsHistogramOptions {
  /** Frequencies ≥ this share the last bin ("7 or more"). A whole number in 1..100. Default 7. */
  maxFrequency?: number;
  /**
   * Parameters estimated from these rows, taken off the degrees of freedom of the χ² test. A whole number in
   * 0..100. Default 4 (every transaction model has four); 0 for a model whose parameters come from elsewhere.
   */
  fittedParameters?: number;
}

/**
 * One bin of a {@link PeriodTransactionsHistogram}.
 *
 * @category CLV
 * @example
 * ```ts
 * const bin: PeriodTransactionsBin = { frequency: 0, andAbove: false, actual: 1411, expected: 1406.5 };
 * ```
 */
export interface PeriodTransactionsBin {
  /** Repeat purchases x of the bin (the lowest one of the last, open-ended bin). */
  frequency: number;
  /** True for the last bin, which gathers every frequency ≥ `maxFrequency`. */
  andAbove: boolean;
  /** Customers (sum of weights) with this many repeat purchases in the calibration period. */
  actual: number;
  /** Customers the model expects in the bin: Σ over customers of w·P(X(T_i) = x) (P(X(T_i) ≥ x) for the last bin). */
  expected: number;
}

/**
 * Adjacent bins pooled for the χ² statistic of a {@link PeriodTransactionsHistogram}.
 *
 * @category CLV
 * @example
 * ```ts
 * const group: PooledBins = { from: 6, to: 7, andAbove: true, actual: 93, expected: 97.56 };
 * ```
 */
export interface PooledBins {
  /** Lowest frequency of the group. */
  from: number;
  /** Highest frequency of the group (`maxFrequency` for a group that ends with the open bin). */
  to: number;
  /** Whether the group ends with the open-ended bin. */
  andAbove: boolean;
  /** Customers observed in the group. */
  actual: number;
  /** Customers expected in the group. */
  expected: number;
}

/**
 * The calibration repeat-frequency histogram, model against data: the result of
 * {@link periodTransactionsHistogram}.
 *
 * @category CLV
 * @example
 * ```ts
 * const h: PeriodTransactionsHistogram = {
 *   model: "bg-nbd", customers: 2, maxFrequency: 1, fittedParameters: 0,
 *   bins: [{ frequency: 0, andAbove: false, actual: 1, expected: 1.2 }, { frequency: 1, andAbove: true, actual: 1, expected: 0.8 }],
 *   pooledBins: [{ from: 0, to: 1, andAbove: true, actual: 2, expected: 2 }], chiSquare: 0, df: 0, pValue: null,
 * };
 * ```
 */
export interface PeriodTransactionsHistogram {
  /** The model's name. */
  model: TransactionModel["model"];
  /** The model's time unit, when it states one. */
  unit?: TimeUnit;
  /** Customers counted (sum of weights). */
  customers: number;
  /** The open bin's lowest frequency. */
  maxFrequency: number;
  /** Parameters taken off the degrees of freedom. */
  fittedParameters: number;
  /** Bins x = 0, 1, …, maxFrequency − 1 and "maxFrequency or more"; `expected` sums to `customers`. */
  bins: PeriodTransactionsBin[];
  /** The groups of adjacent bins the χ² statistic compares (each expects ≥ 5 customers when there are 5). */
  pooledBins: PooledBins[];
  /** Pearson's statistic Σ (actual − expected)² / expected over `pooledBins` (0 when there is one group). */
  chiSquare: number;
  /** Degrees of freedom: pooled groups − 1 − `fittedParameters` (may be ≤ 0). */
  df: number;
  /** P(χ²_df > chiSquare); `null` when `df` < 1 (too few groups for a test). */
  pValue: number | null;
}

const KNOWN_KEYS = ["maxFrequency", "fittedParameters"] as const satisfies readonly (keyof PeriodTransactionsHistogramOptions)[];

/** The most bins: P(X = x) for BG/NBD sums over 0..x−1, so the work per distinct age grows as maxFrequency². */
const MAX_BINS = 100;

/** The pooling threshold of the χ² test: every pooled group expects at least this many customers. */
const MIN_EXPECTED = 5;

/**
 * The calibration repeat-frequency histogram, model against data (lifetimes' `plot_period_transactions`;
 * Fader, Hardie & Lee 2005, Fig. 2): for x = 0, 1, …, maxFrequency − 1 and an "x or more" bin, the number of
 * customers who made x repeat purchases in the calibration period and the number the model expects,
 *   E_x = Σ_i w_i · P(X(T_i) = x),
 * summed over the customers at each one's own age T_i (not at an average age; `n` opportunities for BG/BB),
 * with P(X(t) = x) the new-customer probability of {@link probabilityOfPurchases}. The last bin expects
 * Σ_i w_i · (1 − Σ_{x < maxFrequency} P(X(T_i) = x)), so the expected counts add up to the customers.
 *
 * Goodness of fit: Pearson's χ² = Σ (O − E)²/E over groups of adjacent bins, pooled in ascending frequency —
 * a group takes bins until it expects at least 5 customers, and a last group that expects fewer joins the
 * one before — with df = groups − 1 − `fittedParameters` and the p-value P(χ²_df > χ²). The test treats the
 * model as fitted to these rows by maximum likelihood on the grouped counts; a fit on the full (x, t_x, T)
 * likelihood makes the statistic somewhat conservative.
 *
 * Rows are calibration summaries (`summarizeTransactions`, `splitCalibrationHoldout`): `{ frequency,
 * recency, T }` (`{ frequency, recency, n }` for BG/BB), optionally `weight` and `unit`. Each row's fields
 * are read once; customers are grouped by age, so the work is one set of probabilities per distinct age
 * (ages of whole days are few; with ages all distinct, Pareto/NBD takes ~0.7 ms per customer at
 * maxFrequency 7, its pmf being a quadrature).
 * Sums are exact, so any order of the rows gives the same numbers.
 *
 * @param model - a BG/NBD, MBG/NBD, Pareto/NBD or BG/BB model `{ model, params, unit? }` (a fitted model works as is)
 * @param rows - calibration summaries in the model's time unit; any iterable
 * @param options - see {@link PeriodTransactionsHistogramOptions}
 * @returns the bins, the pooled groups, χ², df and p-value; every bin is present even when empty
 * @throws RetentionKitError `INVALID_MODEL` / `INVALID_PARAMETER` for a bad model; the row errors of
 *   {@link conditionalExpectedPurchases} at `rows[i].<field>` (`UNIT_MISMATCH` at `rows[i].unit` for a row in
 *   another unit than the model); `INVALID_TYPE` / `INVALID_NUMBER` / `NEGATIVE_VALUE` at `rows[i].weight`;
 *   `OUT_OF_RANGE` when the weights add up to more than Number.MAX_SAFE_INTEGER, or for `maxFrequency` or
 *   `fittedParameters` outside 1..100 / 0..100 (`NOT_INTEGER` when not whole); `UNKNOWN_OPTION` for an
 *   unknown key of `options`
 * @category CLV
 * @example
 * ```ts
 * const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const h = periodTransactionsHistogram(bgnbd, [
 *   { frequency: 0, recency: 0, T: 38.86, weight: 8 },
 *   { frequency: 2, recency: 30.43, T: 38.86, weight: 2 },
 * ], { maxFrequency: 2, fittedParameters: 0 });
 * h.bins.map((b) => [b.frequency, b.actual, Number(b.expected.toFixed(3))]);
 * // => [[0, 8, 5.742], [1, 0, 1.993], [2, 2, 2.264]]
 * [h.customers, h.pooledBins.length, h.chiSquare, h.df, h.pValue];
 * // => [10, 1, 0, 0, null]
 * ```
 */
export function periodTransactionsHistogram(
  model: TransactionModel,
  rows: Iterable<object>,
  options?: PeriodTransactionsHistogramOptions,
): PeriodTransactionsHistogram {
  const fn = "periodTransactionsHistogram";
  const m = readTransactionModel(fn, model);
  const o = optionsBag(fn, options, KNOWN_KEYS);
  const maxF = o.maxFrequency === undefined ? 7 : boundedInteger(fn, o.maxFrequency, "options.maxFrequency", 1, MAX_BINS);
  const fitted = o.fittedParameters === undefined ? 4 : boundedInteger(fn, o.fittedParameters, "options.fittedParameters", 0, MAX_BINS);
  // Customers by age (T, or n for BG/BB): the expected counts depend on the age alone.
  const byAge = new Map<number, WeightTotal>();
  const actual = Array.from({ length: maxF + 1 }, () => new WeightTotal());
  const total = new WeightTotal();
  const v = new Float64Array(3);
  let i = 0;
  for (const raw of iterable<unknown>(fn, rows, "rows")) {
    const path = `rows[${i}]`;
    i++;
    const row = record(fn, raw, path);
    readCustomerFor(fn, m, row, path, v);
    const w = rowWeight(fn, row, path);
    total.add(fn, w, `${path}.weight`);
    if (w === 0) continue;
    actual[Math.min(v[0]!, maxF)]!.add(fn, w, `${path}.weight`);
    const age = v[2]!;
    let acc = byAge.get(age);
    if (acc === undefined) byAge.set(age, (acc = new WeightTotal()));
    acc.add(fn, w, `${path}.weight`);
  }
  const expected = Array.from({ length: maxF + 1 }, () => new ExactSum());
  const pmf = new Array<number>(maxF);
  for (const [age, weight] of byAge) {
    const w = weight.value();
    for (let x = 0; x < maxF; x++) {
      pmf[x] = pmfKernel(m, x, age);
      expected[x]!.add(w * pmf[x]!);
    }
    const below = new ExactSum();
    for (const p of pmf) below.add(p);
    expected[maxF]!.add(w * Math.max(0, 1 - below.value()));
  }
  const bins: PeriodTransactionsBin[] = actual.map((a, x) => ({ frequency: x, andAbove: x === maxF, actual: a.value(), expected: expected[x]!.value() }));
  const pooledBins = pool(bins);
  let chiSquare = 0;
  if (pooledBins.length > 1) {
    const s = new ExactSum();
    for (const g of pooledBins) s.add(((g.actual - g.expected) * (g.actual - g.expected)) / g.expected);
    chiSquare = s.value();
  }
  const df = pooledBins.length - 1 - fitted;
  const out: PeriodTransactionsHistogram = {
    model: m.model,
    customers: total.value(),
    maxFrequency: maxF,
    fittedParameters: fitted,
    bins,
    pooledBins,
    chiSquare,
    df,
    pValue: df >= 1 ? chiSquareUpperTail(chiSquare, df) : null,
  };
  if (m.model !== "bg-bb" && m.unit !== undefined) out.unit = m.unit;
  return out;
}

/** A whole number in [lo, hi]: NOT_INTEGER, or OUT_OF_RANGE naming the bounds. */
function boundedInteger(fn: string, value: unknown, path: string, lo: number, hi: number): number {
  const k = integerAtLeast(fn, value, path, lo);
  if (!(k <= hi)) fail(fn, "OUT_OF_RANGE", `${path} must be at most ${hi}, got ${k}`, path);
  return k;
}

/**
 * Pools adjacent bins in ascending frequency until each group expects at least {@link MIN_EXPECTED}
 * customers; a last group below it joins the previous one. Every group expects more than 0 customers when
 * there are two or more of them.
 */
function pool(bins: readonly PeriodTransactionsBin[]): PooledBins[] {
  const groups: PooledBins[] = [];
  let open: PooledBins | null = null;
  for (const b of bins) {
    if (open === null) open = { from: b.frequency, to: b.frequency, andAbove: b.andAbove, actual: 0, expected: 0 };
    open.to = b.frequency;
    open.andAbove = b.andAbove;
    open.actual += b.actual;
    open.expected += b.expected;
    if (open.expected >= MIN_EXPECTED) {
      groups.push(open);
      open = null;
    }
  }
  if (open !== null) {
    const last = groups[groups.length - 1];
    if (last === undefined) groups.push(open);
    else {
      last.to = open.to;
      last.andAbove = open.andAbove;
      last.actual += open.actual;
      last.expected += open.expected;
    }
  }
  return groups;
}
