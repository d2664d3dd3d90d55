import { evaluateClassifier, type ClassifierEvaluation } from "../churn/evaluateClassifier.js";
import { indexRows } from "../internal/patterns.js";
import { ascendingOrder } from "../internal/sortOrder.js";
import type { TimeUnit } from "../data/time.js";
import { UnitAgreement } from "../internal/units.js";
import { fail, iterable, numberInRange, optionsBag, record, show } from "../internal/validate.js";
import { conditionalExpectedKernel, probabilityAliveKernel, readCustomerFor } from "./transactionKernels.js";
import { readDuration, readOpportunities, readRfCustomer, readTransactionModel } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";

/**
 * Options of {@link holdoutAccuracy}.
 *
 * @category CLV
 * @example
 * ```ts
 * const o: HoldoutAccuracyOptions = { confidence: 0.9 };
 * ```
 */
export interface HoldoutAccuracyOptions {
  /** Level of the DeLong intervals of the AUCs, in (0, 1). Default 0.95. */
  confidence?: number;
}

/**
 * One decile of a count calibration table: customers ranked by a prediction of their holdout purchases.
 *
 * @category CLV
 * @example
 * ```ts
 * const row: CountCalibrationRow = { decile: 1, customers: 236, meanExpected: 2.1, meanActual: 1.9 };
 * ```
 */
export interface CountCalibrationRow {
  /** 1 to 10, highest predictions first (a group of tied predictions is never split; see {@link holdoutAccuracy}). */
  decile: number;
  /** Customers in the decile. */
  customers: number;
  /** Mean predicted holdout purchases in the decile; `null` when empty. */
  meanExpected: number | null;
  /** Mean holdout purchases actually made in the decile; `null` when empty. */
  meanActual: number | null;
}

/**
 * How well one predictor of holdout purchase counts did, customer by customer and in total.
 *
 * @category CLV
 * @example
 * ```ts
 * const a: CountAccuracy = { mae: 0.5, rmse: 0.7, correlation: 0.6, spearman: 0.5, expectedTotal: 90, actualTotal: 100, relativeError: -0.1, calibration: [] };
 * ```
 */
export interface CountAccuracy {
  /** Mean absolute error Σ|ŷᵢ − yᵢ| / n, in purchases per customer; `null` for no customers. */
  mae: number | null;
  /** Root mean squared error √(Σ(ŷᵢ − yᵢ)² / n); `null` for no customers. */
  rmse: number | null;
  /** Pearson correlation of ŷ and y; `null` with fewer than 2 customers or when either is constant. */
  correlation: number | null;
  /** Spearman rank correlation (Pearson of mid-ranks); `null` with fewer than 2 customers or when either is constant. */
  spearman: number | null;
  /** Σ ŷᵢ: the predicted holdout purchases of all the customers. */
  expectedTotal: number;
  /** Σ yᵢ: the holdout purchases actually made. */
  actualTotal: number;
  /** (expectedTotal − actualTotal) / actualTotal; `null` when no purchase was made. */
  relativeError: number | null;
  /** Mean predicted against mean actual purchases by decile of the prediction, 10 rows. */
  calibration: CountCalibrationRow[];
}

/**
 * What {@link holdoutAccuracy} finds: the model's predictions of the holdout period against what the customers
 * did, beside two baselines.
 *
 * @category CLV
 * @example
 * ```ts
 * const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const report: HoldoutAccuracy = holdoutAccuracy(bgnbd, [{ frequency: 0, recency: 0, T: 10, holdoutFrequency: 0, holdoutDuration: 10 }]);
 * report.customers;
 * // => 1
 * ```
 */
export interface HoldoutAccuracy {
  /** The model evaluated. */
  model: TransactionModel["model"];
  /** The time unit of the rows and the model (`null` when neither says one, and for BG/BB, whose time is opportunities). */
  unit: TimeUnit | null;
  /** Customers (rows) evaluated. */
  customers: number;
  /** Customers who bought again in the holdout period (holdout frequency > 0): the positives of {@link HoldoutAccuracy.ranking}. */
  buyersAgain: number;
  /**
   * Predicted against actual holdout purchases: `model` = E[Y(holdoutDuration) | x, t_x, T] of the model;
   * `rate` = the calibration purchase rate carried forward, x / T × holdoutDuration (0 when T = 0).
   */
  purchases: { model: CountAccuracy; rate: CountAccuracy };
  /**
   * How well each score ranks the customers who buy again ({@link evaluateClassifier} with outcome
   * holdoutFrequency > 0): the model's P(alive) and expected purchases, the rate baseline, and recency alone
   * (score −(T − t_x): the more recent the last purchase, the higher).
   */
  ranking: {
    probabilityAlive: ClassifierEvaluation;
    expectedPurchases: ClassifierEvaluation;
    rate: ClassifierEvaluation;
    recency: ClassifierEvaluation;
  };
}

const FN = "holdoutAccuracy";
/**
 * The largest rate-baseline prediction: x / T · h for a customer of age T near 0 would overflow the squared
 * errors (MAX_FREQUENCY · MAX_HORIZON; no summary of real transactions comes near it).
 */
const MAX_RATE_PREDICTION = 1e24;
const KEYS = ["confidence"] as const satisfies readonly (keyof HoldoutAccuracyOptions)[];

/**
 * Checks a fitted transaction model against the holdout period, in one report: per-customer error of the
 * expected holdout purchases (MAE, RMSE, Pearson and Spearman correlation), the aggregate error of the total,
 * how well P(alive) and expected purchases rank the customers who buy again (ROC AUC with its DeLong
 * interval, gains and lift by decile, from {@link evaluateClassifier}), and calibration by decile of expected
 * purchases — each beside simple baselines, so that what the model adds can be seen.
 *
 * - Model prediction ŷᵢ = E[Y(hᵢ) | xᵢ, t_xᵢ, Tᵢ] ({@link conditionalExpectedPurchases}), hᵢ the row's
 *   holdoutDuration; yᵢ its holdoutFrequency (Fader, Hardie & Lee 2005, §4: the calibration/holdout test).
 * - Rate baseline: ŷᵢ = xᵢ / Tᵢ · hᵢ (xᵢ / nᵢ · hᵢ for BG/BB), 0 for a customer of age 0 and at most 10²⁴
 *   (a customer of age near 0, which no summary of real transactions has); recency baseline,
 *   for ranking only: score −(Tᵢ − t_xᵢ).
 * - MAE = Σ|ŷᵢ − yᵢ|/n, RMSE = √(Σ(ŷᵢ − yᵢ)²/n), Pearson r = Sxy/√(Sxx·Syy) on centred values, Spearman ρ =
 *   Pearson r of mid-ranks (ties share their mean rank); relative error = (Σŷ − Σy)/Σy.
 * - Deciles of a count prediction: customers sorted by ŷ, highest first; the customer at position i of N is in
 *   decile ⌊10·i/N⌋ + 1, except that tied predictions stay together in the decile of their middle position
 *   (the rule of {@link evaluateClassifier}'s deciles).
 *
 * Every sum is taken over the customers sorted by (prediction, actual), with compensated summation, so any
 * order of the rows gives identical numbers. Rows are what
 * {@link splitCalibrationHoldout} returns (`frequency`, `recency`, `T` — `n` for BG/BB — `holdoutFrequency`,
 * `holdoutDuration`, optionally `unit`), one customer each; a row `weight` is refused, since identical
 * calibration histories may have bought differently in the holdout.
 *
 * @param model - a fitted (or written) BG/NBD, MBG/NBD, Pareto/NBD or BG/BB model `{ model, params, unit? }`
 * @param rows - calibration/holdout rows, one per customer; any iterable
 * @param options - see {@link HoldoutAccuracyOptions}
 * @returns a {@link HoldoutAccuracy}: plain data; the empty input gives zero counts and `null` errors
 * @throws RetentionKitError `INVALID_MODEL` / `INVALID_PARAMETER` for a bad model; the row errors of
 * {@link conditionalExpectedPurchases} at `rows[i].<field>`; `NEGATIVE_VALUE` / `INVALID_NUMBER` /
 * `OUT_OF_RANGE` at `rows[i].holdoutFrequency` and `rows[i].holdoutDuration` (`NOT_INTEGER` for a BG/BB
 * duration); `UNIT_MISMATCH` at `rows[i].unit` for rows in another unit than the model's or the first row's;
 * `INVALID_INPUT` at `rows[i].weight`; `OUT_OF_RANGE` / `UNKNOWN_OPTION` for bad options
 * @category CLV
 * @example
 * ```ts
 * const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const report = holdoutAccuracy(bgnbd, [
 *   { frequency: 0, recency: 0, T: 38.86, holdoutFrequency: 0, holdoutDuration: 39 },
 *   { frequency: 2, recency: 30.43, T: 38.86, holdoutFrequency: 1, holdoutDuration: 39 },
 * ]);
 * [report.purchases.model.mae, report.purchases.rate.mae, report.ranking.expectedPurchases.auc].map((v) => Number(v!.toFixed(3)));
 * // => [0.211, 0.504, 1]
 * ```
 */
export function holdoutAccuracy(model: TransactionModel, rows: Iterable<object>, options?: HoldoutAccuracyOptions): HoldoutAccuracy {
  const m = readTransactionModel(FN, model);
  const o = optionsBag(FN, options, KEYS);
  const confidence = o.confidence === undefined ? 0.95 : numberInRange(FN, o.confidence, "options.confidence", 0, 1, { loOpen: true, hiOpen: true });
  const bgbb = m.model === "bg-bb";
  const units = new UnitAgreement(FN, bgbb ? undefined : m.unit, "model.unit", "Predict with a model fitted on summaries in the rows' unit, or split the transactions with the model's unit");

  const xs: number[] = [];
  const txs: number[] = [];
  const ages: number[] = [];
  const hs: number[] = [];
  const rate: number[] = [];
  const recency: number[] = [];
  const actual: number[] = [];
  const v = new Float64Array(3);
  let i = 0;
  for (const raw of iterable<unknown>(FN, rows, "rows")) {
    const path = `rows[${i}]`;
    i++;
    const row = record(FN, raw, path);
    if (bgbb) readCustomerFor(FN, m, row, path, v);
    else {
      // The unit is read here once (not by readCustomerFor): rows must agree with the model and each other.
      readRfCustomer(FN, row, path, v);
      units.see(row["unit"], `${path}.unit`);
    }
    const hf = readDuration(FN, row["holdoutFrequency"], `${path}.holdoutFrequency`);
    const h = bgbb ? readOpportunities(FN, row["holdoutDuration"], `${path}.holdoutDuration`) : readDuration(FN, row["holdoutDuration"], `${path}.holdoutDuration`);
    const w = row["weight"];
    if (w !== undefined) {
      fail(FN, "INVALID_INPUT", `${path}.weight is not accepted: each row must be one customer (customers with the same calibration history may buy differently in the holdout), got weight ${show(w)}; pass one row per customer, as splitCalibrationHoldout returns them`, `${path}.weight`);
    }
    const [x, tx, age] = [v[0]!, v[1]!, v[2]!];
    xs.push(x);
    txs.push(tx);
    ages.push(age);
    hs.push(h);
    rate.push(age > 0 ? Math.min(MAX_RATE_PREDICTION, (x / age) * h) : 0);
    const gap = tx - age;
    recency.push(gap === 0 ? 0 : gap);
    actual.push(hf);
  }

  // The model's predictions once per distinct (x, t_x, T, h): customers share histories (the same days and
  // counts), and the kernels cost microseconds each.
  const histories = indexRows([xs, txs, ages, hs]);
  const [hx, htx, hage, hh] = histories.columns as [Float64Array, Float64Array, Float64Array, Float64Array];
  const distinctExpected = new Float64Array(hx.length);
  const distinctAlive = new Float64Array(hx.length);
  for (let k = 0; k < hx.length; k++) {
    distinctExpected[k] = conditionalExpectedKernel(m, hx[k]!, htx[k]!, hage[k]!, hh[k]!);
    distinctAlive[k] = probabilityAliveKernel(m, hx[k]!, htx[k]!, hage[k]!);
  }
  const expected = Array.from(histories.of, (k) => distinctExpected[k]!);
  const alive = Array.from(histories.of, (k) => distinctAlive[k]!);
  const outcome = actual.map((y) => y > 0);
  const rank = (scores: readonly number[]): ClassifierEvaluation =>
    evaluateClassifier(scores.map((score, j) => ({ score, outcome: outcome[j]! })), { confidence });
  return {
    model: m.model,
    unit: bgbb ? null : (units.unit ?? null),
    customers: actual.length,
    buyersAgain: outcome.filter(Boolean).length,
    purchases: { model: countAccuracy(expected, actual), rate: countAccuracy(rate, actual) },
    ranking: { probabilityAlive: rank(alive), expectedPurchases: rank(expected), rate: rank(rate), recency: rank(recency) },
  };
}

/**
 * The rows sorted by (p, y) ascending: a canonical order of the pairs, so that sums taken in it are the same
 * for any order of the input rows (tied pairs are equal, so their order cannot matter). Two stable radix
 * passes: by y, then by p.
 */
function canonicalOrder(p: readonly number[], y: readonly number[]): Uint32Array {
  const byY = ascendingOrder(y);
  const pByY = Float64Array.from(byY, (i) => p[i]!);
  const byP = ascendingOrder(pByY);
  return Uint32Array.from(byP, (k) => byY[k]!);
}

/** Σ term(order[k]) in the given order, with Neumaier's compensation (error independent of n to first order). */
function orderedSum(order: Uint32Array, term: (i: number) => number): number {
  let s = 0;
  let c = 0;
  for (let k = 0; k < order.length; k++) {
    const x = term(order[k]!);
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** MAE, RMSE, correlations, totals and decile calibration of predictions `p` against actual counts `y`. */
function countAccuracy(p: readonly number[], y: readonly number[]): CountAccuracy {
  const n = p.length;
  const order = canonicalOrder(p, y);
  const expectedTotal = orderedSum(order, (i) => p[i]!);
  const actualTotal = orderedSum(order, (i) => y[i]!);
  return {
    mae: n === 0 ? null : orderedSum(order, (i) => Math.abs(p[i]! - y[i]!)) / n,
    rmse: n === 0 ? null : Math.sqrt(orderedSum(order, (i) => (p[i]! - y[i]!) ** 2) / n),
    correlation: pearson(p, y, order),
    // Mid-ranks are functions of the values, so the canonical order of (p, y) is one of the rank pairs too.
    spearman: pearson(midRanks(p), midRanks(y), order),
    expectedTotal,
    actualTotal,
    relativeError: actualTotal > 0 ? (expectedTotal - actualTotal) / actualTotal : null,
    calibration: countDeciles(p, y, order),
  };
}

/** Pearson correlation from centred sums in `order`, clipped to [−1, 1]; `null` for n < 2 or a constant column. */
function pearson(a: ArrayLike<number>, b: ArrayLike<number>, order: Uint32Array): number | null {
  const n = a.length;
  if (n < 2) return null;
  const ma = orderedSum(order, (i) => a[i]!) / n;
  const mb = orderedSum(order, (i) => b[i]!) / n;
  const sxx = orderedSum(order, (i) => (a[i]! - ma) ** 2);
  const syy = orderedSum(order, (i) => (b[i]! - mb) ** 2);
  if (!(sxx > 0 && syy > 0)) return null;
  const sxy = orderedSum(order, (i) => (a[i]! - ma) * (b[i]! - mb));
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx) / Math.sqrt(syy)));
}

/** Ranks 1..n of `values` ascending, tied values sharing the mean of their ranks. */
function midRanks(values: readonly number[]): Float64Array {
  const order = ascendingOrder(values);
  const out = new Float64Array(values.length);
  for (let k = 0; k < order.length; ) {
    let e = k;
    while (e + 1 < order.length && values[order[e + 1]!] === values[order[k]!]) e++;
    const r = (k + e) / 2 + 1;
    for (let j = k; j <= e; j++) out[order[j]!] = r;
    k = e + 1;
  }
  return out;
}

/**
 * Mean prediction and mean actual count by decile of the prediction, highest first, tied predictions kept
 * whole; `order` is the canonical (p, y) order, walked from its end.
 */
function countDeciles(p: readonly number[], y: readonly number[], order: Uint32Array): CountCalibrationRow[] {
  const n = p.length;
  const customers = new Array<number>(10).fill(0);
  const add = (acc: { s: number; c: number }, x: number): void => {
    const t = acc.s + x;
    acc.c += Math.abs(acc.s) >= Math.abs(x) ? acc.s - t + x : x - t + acc.s;
    acc.s = t;
  };
  const sp = Array.from({ length: 10 }, () => ({ s: 0, c: 0 }));
  const sy = Array.from({ length: 10 }, () => ({ s: 0, c: 0 }));
  // Walk from the highest prediction down; a tied group goes to the decile of its middle position.
  let start = 0;
  for (let k = n - 1; k >= 0; ) {
    let e = k;
    while (e - 1 >= 0 && p[order[e - 1]!] === p[order[k]!]) e--;
    const size = k - e + 1;
    const d = Math.min(9, Math.floor((10 * (start + (size - 1) / 2)) / n));
    customers[d]! += size;
    for (let j = k; j >= e; j--) {
      add(sp[d]!, p[order[j]!]!);
      add(sy[d]!, y[order[j]!]!);
    }
    start += size;
    k = e - 1;
  }
  return customers.map((c, j) => {
    return {
      decile: j + 1,
      customers: c,
      meanExpected: c === 0 ? null : (sp[j]!.s + sp[j]!.c) / c,
      meanActual: c === 0 ? null : (sy[j]!.s + sy[j]!.c) / c,
    };
  });
}
