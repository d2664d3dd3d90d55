import { customerLifetimeValue } from "../clv/customerLifetimeValue.js";
import { discountedExpectedTransactions } from "../clv/discountedExpectedTransactions.js";
import { gammaGammaSpend } from "../clv/expectedAverageSpend.js";
import { fitGammaGammaPatterns } from "../clv/fitGammaGamma.js";
import { readRfCustomer } from "../clv/transactionModels.js";
import { discountedPurchaseColumns } from "../clv/transactionKernels.js";
import { RetentionKitError } from "../data/RetentionKitError.js";
import { MAX_TOTAL_WEIGHT, WeightTotal, tooHeavy, type Patterns } from "../internal/patterns.js";
import { fail, iterable, finiteNumber, integerAtLeast, optionsBag, record, show } from "../internal/validate.js";
import { PATTERN_FITTERS, checkConfig, clvOptions, step } from "./createScorer.js";
import { continuousRate, monthLength } from "./dertColumns.js";
import type { patternsSql } from "./patternsSql.js";
import type { predictionsSql } from "./predictionsSql.js";
import { resolveScoreConfig, type ScoreConfig } from "./scoreConfig.js";
import { covariateFieldsOf } from "./covariateColumns.js";
import type { scoreCustomers } from "./scoreCustomers.js";
import type { ScoreModels } from "./scoreTypes.js";

/**
 * One row of {@link patternsSql}'s `"histories"` query: a distinct `(frequency, recency, t)` and how many
 * customers have it.
 *
 * @category Engine
 * @example
 * ```ts
 * const row: HistoryPattern = { frequency: 2, recency: 30.5, t: 38, customers: 14 };
 * ```
 */
export interface HistoryPattern {
  /** Repeat purchases (a whole number ≥ 0). */
  readonly frequency: number;
  /** Time of the last repeat purchase, in the summary's unit (0 when `frequency` is 0). */
  readonly recency: number;
  /** Age of the customer at the observation end, in the summary's unit (≥ `recency`). */
  readonly t: number;
  /** Customers with this history (a whole number ≥ 1). */
  readonly customers: number;
}

/**
 * One row of {@link patternsSql}'s `"spend"` query: a distinct `(frequency, monetary_value)` and how many
 * customers have it.
 *
 * @category Engine
 * @example
 * ```ts
 * const row: SpendPattern = { frequency: 2, monetary_value: 35.5, customers: 1 };
 * ```
 */
export interface SpendPattern {
  /** Repeat purchases (a whole number ≥ 0). */
  readonly frequency: number;
  /** Mean spend of the repeat purchases (≥ 0; 0 without one). */
  readonly monetary_value: number;
  /** Customers with this pair (a whole number ≥ 1). */
  readonly customers: number;
}

/**
 * The patterns {@link scorePatterns} reads: both queries of {@link patternsSql}, as plain rows.
 *
 * @category Engine
 * @example
 * ```ts
 * const patterns: PatternInput = {
 *   histories: [{ frequency: 0, recency: 0, t: 10, customers: 3 }],
 *   spend: [{ frequency: 0, monetary_value: 0, customers: 3 }],
 * };
 * ```
 */
export interface PatternInput {
  /** The `(frequency, recency, t)` patterns, each history once. */
  readonly histories: readonly HistoryPattern[];
  /** The `(frequency, monetary_value)` patterns, each pair once. */
  readonly spend: readonly SpendPattern[];
}

/**
 * A prediction per history: what {@link scoreCustomers} gives every customer with that history.
 *
 * @category Engine
 * @example
 * ```ts
 * const row: HistoryPrediction = { frequency: 0, recency: 0, t: 10, customers: 3, probability_alive: 1, expected_purchases: 0.8, value_per_spend: 0.75 };
 * ```
 */
export interface HistoryPrediction extends HistoryPattern {
  /** P(alive) at the observation end (`probabilityAlive`). */
  probability_alive: number;
  /** Expected purchases over the horizon (`expectedPurchases`). */
  expected_purchases: number;
  /**
   * The CLV per unit of margin × expected spend: the discounted expected purchases over the horizon
   * (method `"horizon"`), or DERT (method `"dert"`). `clv = value_per_purchase × value_per_spend`.
   */
  value_per_spend: number;
}

/**
 * A prediction per spend pattern.
 *
 * @category Engine
 * @example
 * ```ts
 * const row: SpendPrediction = { frequency: 2, monetary_value: 35.5, customers: 1, expected_spend: 33.1, value_per_purchase: 33.1 };
 * ```
 */
export interface SpendPrediction extends SpendPattern {
  /** Expected spend per purchase (`expectedSpend`), or `null` where the spend model has no finite mean. */
  expected_spend: number | null;
  /** margin × expected spend (the first two factors of the CLV, multiplied in that order), or `null`. */
  value_per_purchase: number | null;
}

/**
 * The result of {@link scorePatterns}.
 *
 * @category Engine
 * @example
 * ```ts
 * const r: PatternScores = { models: { transaction: null, spend: null }, unit: "week", histories: [], spend: [] };
 * ```
 */
export interface PatternScores {
  /** The models used: fitted on the patterns, or the config's (as {@link scoreCustomers} reports them). */
  models: ScoreModels;
  /** The unit of `recency`, `t` and the horizon. */
  unit: "day" | "week";
  /** One prediction per history, in input order. */
  histories: HistoryPrediction[];
  /** One prediction per spend pattern, in input order. */
  spend: SpendPrediction[];
}

const FN = "scorePatterns";

/**
 * Scores the patterns {@link patternsSql} found in a warehouse: fits the transaction model (MBG/NBD by
 * default, BG/NBD or Pareto/NBD) on the histories, each weighted by its `customers`, and Gamma-Gamma on the
 * spend patterns with repeat purchases and a positive mean spend — the fits {@link scoreCustomers} makes on
 * the customers, since a weight counts identical customers — or takes the models given in `config.clv`;
 * then predicts per pattern with the same kernels: P(alive), expected purchases and the discounted purchases
 * per history, the expected spend per spend pattern. {@link predictionsSql} joins both back to every
 * customer, where `clv = value_per_purchase × value_per_spend` (margin × spend × discounted purchases, the
 * engine's order of factors).
 *
 * The config is the one given to {@link scoreCustomers} (only `summary.unit` and `clv` matter here; the
 * other parts are checked and ignored); `summary.unit` must be the unit the summary SQL was written in.
 *
 * @param config - a {@link ScoreConfig}; `clv` must not be `false`
 * @param patterns - `{ histories, spend }`, the rows of both {@link patternsSql} queries ({@link PatternInput})
 * @returns a {@link PatternScores} `{ models, unit, histories, spend }`
 * @throws RetentionKitError `INVALID_CONFIG` for a bad config, `config.clv` false, or covariates (`config.clv.covariates`,
 *   or a `transactionModel` fitted with covariates: each customer then has its own parameters, not its pattern's); `INVALID_INPUT` for a
 *   repeated pattern, or when the two pattern sets count different numbers of customers (not one summary); the checks of a summary's frequency, recency and T at `patterns.histories[i].<field>`
 *   (`NOT_INTEGER`, `NEGATIVE_VALUE`, `INVALID_RANGE`, `INCONSISTENT_COUNTS`, …); `NOT_INTEGER` /
 *   `INVALID_NUMBER` / `OUT_OF_RANGE` at `…customers`, `NEGATIVE_VALUE` at `patterns.spend[i].monetary_value`;
 *   the fit errors (`INSUFFICIENT_DATA` when nobody bought twice: give `config.clv.spendModel`)
 * @category Engine
 * @example
 * ```ts
 * const scores = scorePatterns(
 *   { clv: { transactionModel: { model: "bg-nbd", params: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 } }, spendModel: 20 } },
 *   { histories: [{ frequency: 0, recency: 0, t: 30, customers: 5 }], spend: [{ frequency: 0, monetary_value: 0, customers: 5 }] },
 * );
 * [scores.histories[0]!.probability_alive, scores.spend[0]!.expected_spend];
 * // => [1, 20]
 * ```
 */
export function scorePatterns(config: ScoreConfig, patterns: PatternInput): PatternScores {
  const c = resolveScoreConfig(FN, config);
  const unitGiven = (config as { summary?: { unit?: unknown } } | undefined)?.summary?.unit !== undefined;
  if (c.clv === false) fail(FN, "INVALID_CONFIG", "config.clv is false, but scorePatterns predicts the clv part; switch it on (leave it out for the defaults)", "config.clv");
  const v = c.clv;
  if (v.transactionModel !== null && v.transactionModel.unit !== undefined && v.transactionModel.unit !== c.summary.unit) {
    if (unitGiven) {
      fail(FN, "UNIT_MISMATCH", `config.clv.transactionModel.unit is ${show(v.transactionModel.unit)} but config.summary.unit is ${show(c.summary.unit)}; score with the unit the model was fitted in, or refit the model`, "config.clv.transactionModel.unit");
    }
    c.summary.unit = v.transactionModel.unit;
  }
  checkConfig(FN, c);
  // A pattern is a history shared by many customers; with covariates each customer has its own parameters.
  if (covariateFieldsOf(FN, c) !== null) {
    const at = v.transactionModel !== null ? "config.clv.transactionModel.covariates" : "config.clv.covariates";
    fail(FN, "INVALID_CONFIG", `${at}: scorePatterns predicts per distinct history, and a model with covariates gives each customer its own parameters (the patterns carry no covariates); score these customers with scoreCustomers and input.covariates`, at);
  }
  const p = record(FN, patterns, "patterns");
  const bag = optionsBag(FN, p, ["histories", "spend"] as const satisfies readonly (keyof PatternInput)[], "patterns");
  const histories = readHistories(bag.histories);
  const spend = readSpend(bag.spend);
  if (histories.totalWeight !== spend.totalCustomers) {
    fail(FN, "INVALID_INPUT", `patterns.spend counts ${spend.totalCustomers} customers but patterns.histories counts ${histories.totalWeight}; read both pattern queries from the same summary table`, "patterns.spend");
  }

  const fitOpts = { penalizer: v.penalizer, maxIterations: v.maxIterations };
  const models: ScoreModels = { transaction: null, spend: null };
  const out: PatternScores = { models, unit: c.summary.unit, histories: [], spend: [] };
  if (histories.count === 0 && spend.count === 0) return out;
  const tm = v.transactionModel ?? { ...fitStep("patterns.histories", () => PATTERN_FITTERS[v.model](histories, fitOpts)), unit: c.summary.unit };
  const sm = v.spendModel ?? fitStep("patterns.spend", () => fitGammaGammaPatterns(spend.fit, spend.zeroFrequency, { ...fitOpts, zeroSpend: "ignore" }));
  models.transaction = tm;
  models.spend = sm;
  const options = clvOptions(c);
  step(FN, () => customerLifetimeValue(tm, sm, [], options));

  const [hx, htx, hT] = histories.columns as [Float64Array, Float64Array, Float64Array];
  const unit = step(FN, () => discountedPurchaseColumns(tm, hx, htx, hT, options.horizon, monthLength(options.unit), options.discountRate));
  const delta = continuousRate(v.discountRate, c.summary.unit);
  for (let k = 0; k < histories.count; k++) {
    const perSpend =
      v.method === "dert"
        ? step(FN, () => discountedExpectedTransactions(tm, { frequency: hx[k]!, recency: htx[k]!, T: hT[k]! }, { continuousDiscountRate: delta }))
        : unit.discounted[k]!;
    out.histories.push({
      frequency: hx[k]!,
      recency: htx[k]!,
      t: hT[k]!,
      customers: histories.weights[k]!,
      probability_alive: unit.alive[k]!,
      expected_purchases: unit.expected[k]!,
      value_per_spend: perSpend,
    });
  }
  for (let k = 0; k < spend.count; k++) {
    const x = spend.x[k]!;
    const m = spend.m[k]!;
    const perPurchase = typeof sm === "number" ? sm : gammaGammaSpend(sm.params.p, sm.params.q, sm.params.v, x, m);
    const value = perPurchase === null ? null : options.margin * perPurchase;
    out.spend.push({
      frequency: x,
      monetary_value: m,
      customers: spend.customers[k]!,
      expected_spend: perPurchase,
      value_per_purchase: value !== null && Number.isFinite(value) ? value : null,
    });
  }
  return out;
}

/** Runs a fit; its error is re-thrown with this function's name, its `rows` path naming the patterns given. */
function fitStep<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RetentionKitError) {
      const at = e.path === null ? null : e.path.replace(/^rows/, path);
      const hint = e.code === "INSUFFICIENT_DATA" && path === "patterns.spend" ? "; without repeat buyers give the spend model: config.clv.spendModel" : "";
      throw new RetentionKitError(e.code, `${FN}: ${e.message}${hint}`, at);
    }
    throw e;
  }
}

/** A pattern's `customers`: a whole number ≥ 1, at most {@link MAX_TOTAL_WEIGHT}. */
function customersOf(value: unknown, path: string): number {
  const w = integerAtLeast(FN, value, path, 1);
  if (!(w <= MAX_TOTAL_WEIGHT)) tooHeavy(FN, path, w);
  return w;
}

/** Refuses a pattern seen before (the join back would multiply its customers). */
function repeated(seen: Set<string>, key: string, path: string, fields: string): void {
  if (seen.has(key)) {
    fail(FN, "INVALID_INPUT", `${path} repeats the ${fields} of an earlier row; give each pattern once (patternsSql groups them), with its customers counted`, path);
  }
  seen.add(key);
}

/** A history row's fields, each read once (while it is the row yielded: an iterable may refill one object). */
function historyFields(raw: unknown, i: number): { frequency: unknown; recency: unknown; t: unknown; customers: unknown } {
  const row = record(FN, raw, `patterns.histories[${i}]`);
  return { frequency: row["frequency"], recency: row["recency"], t: row["t"], customers: row["customers"] };
}

/** The histories as the fits' patterns (weights = customers), validated as the engine validates summaries. */
function readHistories(value: unknown): Patterns {
  const rows: ReturnType<typeof historyFields>[] = [];
  for (const raw of iterable<unknown>(FN, value, "patterns.histories")) rows.push(historyFields(raw, rows.length));
  const n = rows.length;
  const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const weights = new Float64Array(n);
  const total = new WeightTotal();
  const seen = new Set<string>();
  const v = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    const path = `patterns.histories[${i}]`;
    const { frequency, recency, t, customers } = rows[i]!;
    try {
      readRfCustomer(FN, { frequency, recency, T: t }, path, v);
    } catch (e) {
      // The summary checks name the age `T`; these rows call it `t`, as the SQL does.
      if (e instanceof RetentionKitError && e.path === `${path}.T`) throw new RetentionKitError(e.code, e.message.replaceAll(`${path}.T`, `${path}.t`), `${path}.t`);
      throw e;
    }
    const w = customersOf(customers, `${path}.customers`);
    total.add(FN, w, `${path}.customers`);
    repeated(seen, `${v[0]} ${v[1]} ${v[2]}`, path, "frequency, recency and t");
    cols[0]![i] = v[0]!;
    cols[1]![i] = v[1]!;
    cols[2]![i] = v[2]!;
    weights[i] = w;
  }
  return { count: n, width: 3, columns: cols, weights, totalWeight: total.value(), rows: n, skippedRows: 0, skippedWeight: 0 };
}

/** The spend patterns, and the Gamma-Gamma fit's patterns among them (x > 0 and z̄ > 0, weights = customers). */
function readSpend(value: unknown): { count: number; x: Float64Array; m: Float64Array; customers: Float64Array; fit: Patterns; zeroFrequency: number; totalCustomers: number } {
  const rows: { frequency: unknown; monetary_value: unknown; customers: unknown }[] = [];
  for (const raw of iterable<unknown>(FN, value, "patterns.spend")) {
    const row = record(FN, raw, `patterns.spend[${rows.length}]`);
    rows.push({ frequency: row["frequency"], monetary_value: row["monetary_value"], customers: row["customers"] });
  }
  const n = rows.length;
  const x = new Float64Array(n);
  const m = new Float64Array(n);
  const customers = new Float64Array(n);
  const seen = new Set<string>();
  const all = new WeightTotal();
  const kept = new WeightTotal();
  const zero = new WeightTotal();
  let keptCount = 0;
  for (let i = 0; i < n; i++) {
    const path = `patterns.spend[${i}]`;
    const row = rows[i]!;
    const frequency = integerAtLeast(FN, row["frequency"], `${path}.frequency`, 0);
    const mean = finiteNumber(FN, row["monetary_value"], `${path}.monetary_value`);
    if (!(mean >= 0)) fail(FN, "NEGATIVE_VALUE", `${path}.monetary_value must be ≥ 0 (a mean spend), got ${show(mean)}`, `${path}.monetary_value`);
    const w = customersOf(row["customers"], `${path}.customers`);
    all.add(FN, w, `${path}.customers`);
    repeated(seen, `${frequency} ${mean === 0 ? 0 : mean}`, path, "frequency and monetary_value");
    x[i] = frequency;
    m[i] = mean === 0 ? 0 : mean;
    customers[i] = w;
    if (frequency === 0) zero.add(FN, w, `${path}.customers`);
    else if (mean > 0) {
      kept.add(FN, w, `${path}.customers`);
      keptCount++;
    }
  }
  const kx = new Float64Array(keptCount);
  const km = new Float64Array(keptCount);
  const kw = new Float64Array(keptCount);
  for (let i = 0, k = 0; i < n; i++) {
    if (x[i]! > 0 && m[i]! > 0) {
      kx[k] = x[i]!;
      km[k] = m[i]!;
      kw[k++] = customers[i]!;
    }
  }
  const totalAll = all.value();
  const totalKept = kept.value();
  const fit: Patterns = { count: keptCount, width: 2, columns: [kx, km], weights: kw, totalWeight: totalKept, rows: n, skippedRows: n - keptCount, skippedWeight: totalAll - totalKept };
  return { count: n, x, m, customers, fit, zeroFrequency: zero.value(), totalCustomers: totalAll };
}
