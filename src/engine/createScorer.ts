import { customerLifetimeValue } from "../clv/customerLifetimeValue.js";
import { fitBgNbd, fitBgNbdPatterns } from "../clv/fitBgNbd.js";
import { fitGammaGamma, fitGammaGammaPatterns, type FitGammaGammaOptions, type GammaGammaFit } from "../clv/fitGammaGamma.js";
import { fitModifiedBgNbd, fitModifiedBgNbdPatterns } from "../clv/fitModifiedBgNbd.js";
import { fitParetoNbd, fitParetoNbdPatterns } from "../clv/fitParetoNbd.js";
import { activityDeclineRule } from "../churn/activityDeclineRule.js";
import { assessChurn, detectChurnSignals, type ChurnSource } from "../churn/detectChurnSignals.js";
import { featureDropRule } from "../churn/featureDropRule.js";
import { inactivityRule } from "../churn/inactivityRule.js";
import { negativeFeedbackRule } from "../churn/negativeFeedbackRule.js";
import { renewalRiskRule } from "../churn/renewalRiskRule.js";
import type { ChurnEvent, ChurnRule, ChurnSignal, CustomerActivity, RiskLevel } from "../churn/types.js";
import { RetentionKitError } from "../data/RetentionKitError.js";
import type { CustomerId, TimeInput } from "../data/time.js";
import { rfmScores } from "../rfm/rfmScores.js";
import { rfmColumnKernel } from "../rfm/rfmScoreColumns.js";
import { codeOf } from "../internal/scoring.js";
import { rfmSegment } from "../rfm/rfmSegment.js";
import { abcClassify, abcColumn } from "../tiers/abcClassify.js";
import { lifecycleInputs, lifecycleSettings, lifecycleStage, stageOf, type LifecycleStageName } from "../tiers/lifecycleStage.js";
import { quantileTierColumn, quantileTiers } from "../tiers/quantileTiers.js";
import { DAY_MS, dayIndex, instantText, requiredAsOf, time, toMsOrNaN } from "../internal/time.js";
import { customerId, fail, finiteNumber, integerAtLeast, iterable, record, show } from "../internal/validate.js";
import { readRfCustomer, readTransactionModel, rfValuesValid } from "../clv/transactionModels.js";
import { small } from "../internal/boxing.js";
import { readCovariateValue } from "../internal/covariateDesign.js";
import { UnitAgreement, unitMismatch } from "../internal/units.js";
import { indexRows } from "../internal/patterns.js";
import type { TypedSummaryColumns } from "../summary/createSummaryAccumulator.js";
import { checkChurnModelPart, churnModelColumn } from "./churnModelColumn.js";
import { clvColumns, type ClvColumns } from "./clvColumns.js";
import { holdoutCheck } from "./holdoutCheck.js";
import { continuousRate, dertClvColumns } from "./dertColumns.js";
import { MIN_CONTINUOUS_RATE } from "../clv/discountedExpectedTransactions.js";
import { intervalColumns, intervalOptions, type IntervalColumns } from "./intervalColumns.js";
import { predictionIntervals } from "../clv/predictionIntervals.js";
import { accumulatorColumns, accumulatorSkipped, type SummaryAccumulator } from "../summary/createSummaryAccumulator.js";
import { scoreWarnings } from "./scoreWarnings.js";
import { inactivitySettings } from "../internal/churn.js";
import { medianOfSorted } from "../internal/median.js";
import { unitMs } from "../internal/time.js";
import { checkCovariatesConfig, covariateClvColumns, covariateFieldsOf, covariateRows, fitWithScoreCovariates, joinCovariates, readCovariateTable } from "./covariateColumns.js";
import { createIngest, rethrowAt, type WindowCounts } from "./ingest.js";
import { checkLoyalty, loyaltyColumns, type KeptPurchases } from "./loyaltyColumns.js";
import { checkWithComposed, resolveScoreConfig, type ResolvedScoreConfig, type ScoreConfig } from "./scoreConfig.js";
import type { ScoreColumnsOutput, ScoreInput, ScoreModels, ScoreOutput, ScoreResult, ScoreSummary, TransactionBatch } from "./scoreTypes.js";
import { resultColumns, type ChurnColumns } from "./resultColumns.js";
import { finite, isCount, isSummaryColumns, readyColumns, summaryColumnsInput } from "./summaryColumnsInput.js";
import { scoreRows, type ScoreColumnsResult } from "./scoreColumns.js";

/**
 * A scorer: a validated config and the function that scores inputs with it. Create it once per config
 * (validation runs once) and call `score` per batch of customers.
 *
 * @category Engine
 * @example
 * ```ts
 * const scorer: Scorer = createScorer({ clv: false });
 * scorer.score({ summaries: [], observationEnd: "2024-06-30" }).customers;
 * // => []
 * ```
 */
export interface Scorer {
  /** The config, every default filled in. */
  readonly config: ResolvedScoreConfig;
  /**
   * Scores an input: synchronously for arrays, iterables, columns and summaries; a Promise for an async
   * iterable of batches (see {@link scoreCustomers}).
   */
  score<I extends ScoreInput>(input: I): ScoreOutput<I>;
  /** The same scores as columns, without a row object per customer (see {@link scoreCustomerColumns}). */
  scoreColumns<I extends ScoreInput>(input: I): ScoreColumnsOutput<I>;
}

/**
 * Validates a scoring config once and returns a {@link Scorer}. The config's options are checked by the very
 * functions that will use them (each is called once on empty input), and any refusal is re-thrown as
 * `INVALID_CONFIG` with the key's path (`config.rfm.bins`); keys the config does not know are refused too.
 *
 * The scorer's `score(input)` is {@link scoreCustomers}: it composes the public functions and nothing else —
 * {@link createSummaryAccumulator} (or ready summaries), {@link rfmScores} + {@link rfmSegment},
 * {@link quantileTiers}, {@link abcClassify}, {@link lifecycleInputs} + {@link lifecycleStage},
 * {@link fitModifiedBgNbd} / {@link fitBgNbd} / {@link fitParetoNbd} + {@link fitGammaGamma} and {@link customerLifetimeValue} (which
 * gives P(alive), the conditional expected purchases over the horizon and the discounted CLV), and with
 * `config.loyalty` {@link membershipLevels}, {@link pointsLedger} and {@link assignAccountManagers} (these
 * read every transaction, kept in memory while scoring, and one row object per customer). On millions
 * of customers it calls them on columns: the same kernels those functions run (the fits on the distinct
 * histories their own compression makes, the CLV horizon sum once per distinct history, the tiers, ABC
 * classes, stages and churn rules on typed columns), so every number is the one the function gives, bit
 * for bit. Transactions are summarised into typed columns (no object per customer); ready summaries are
 * read in place. Every part is computed as columns; `score` builds one row per customer from them and
 * `scoreColumns` ({@link scoreCustomerColumns}) returns the columns themselves. One million customers with
 * every part on (fits included) score in about 3.2 s from ~7 M typed transaction columns to columns (1.25 GB
 * peak, input included), about 4.7 s to rows (the million row objects and the garbage collections they cause
 * are the difference), and about 4.2 s from 1 M ready summary rows to columns, on a 2-core machine.
 *
 * @param config - a {@link ScoreConfig} (plain JSON); `{}` or nothing for the defaults
 * @returns `{ config, score }`
 * @throws RetentionKitError `INVALID_CONFIG` naming the key (`config.tiers.labels`, `config.clv.horizon`,
 *   `config.rfmm` for an unknown part; `config.rfm.__proto__` for a key named like an `Object.prototype`
 *   member at any level, `JSON.parse`'s own `__proto__` included; a cycle or nesting deeper than the
 *   schema's 8 levels at the path where it starts)
 * @category Engine
 * @example
 * ```ts
 * const scorer = createScorer({ rfm: { bins: 3 }, clv: false });
 * const log = [
 *   { customerId: "a", at: "2024-06-01", amount: 20 },
 *   { customerId: "a", at: "2024-06-28", amount: 30 },
 *   { customerId: "b", at: "2024-03-10", amount: 15 },
 * ];
 * scorer.score({ transactions: log, observationEnd: "2024-06-30" }).customers.map((c) => [c.customerId, c.rfmCode, c.valueTier, c.lifecycleStage]);
 * // => [["a", "333", "high", "new"], ["b", "111", "low", "at-risk"]]
 * ```
 */
export function createScorer(config?: ScoreConfig): Scorer {
  return makeScorer("createScorer", config);
}

/** The scorer behind {@link createScorer} and {@link scoreCustomers}; `fn` names the caller in errors. */
export function makeScorer(fn: string, config: unknown): Scorer {
  const cfg = resolveScoreConfig(fn, config);
  // The unit, when the config states none, follows the data: a given model's unit, else ready summaries'.
  const unitGiven = (config as { summary?: { unit?: unknown } } | undefined)?.summary?.unit !== undefined;
  const modelUnit = cfg.clv === false || cfg.clv.transactionModel === null ? undefined : cfg.clv.transactionModel.unit;
  if (modelUnit !== undefined && modelUnit !== cfg.summary.unit) {
    if (unitGiven) unitMismatch(fn, "config.clv.transactionModel.unit", modelUnit, "config.summary.unit", cfg.summary.unit, `Score with the unit the model was fitted in (summary: { unit: ${JSON.stringify(modelUnit)} }), or refit the model`);
    cfg.summary.unit = modelUnit;
  }
  const unitSource = unitGiven ? "config.summary.unit" : modelUnit !== undefined ? "config.clv.transactionModel.unit" : null;
  checkConfig(fn, cfg);
  const covFields = covariateFieldsOf(fn, cfg);
  const frozen = JSON.stringify(cfg);
  const run = (input: ScoreInput, scoreFn: string, lazyChurn: boolean): ScoreColumnsResult | Promise<ScoreColumnsResult> => {
    const c = JSON.parse(frozen) as ResolvedScoreConfig;
    const inp = record(scoreFn, input, "input");
    if (inp.observationEnd === undefined && inp.asOf === undefined) fail(scoreFn, "INVALID_INPUT", "input.observationEnd (or its synonym input.asOf) is required", "input.observationEnd");
    const end = requiredAsOf(scoreFn, inp as { asOf: unknown; observationEnd: unknown }, "observationEnd", "input");
    const hasT = inp.transactions !== undefined;
    const hasS = inp.summaries !== undefined;
    if (hasT === hasS) fail(scoreFn, "INVALID_INPUT", "input must have exactly one of transactions and summaries", "input");
    const calEnd = inp.calibrationEnd === undefined ? null : readCalibrationEnd(scoreFn, inp.calibrationEnd, end, hasS, c.clv !== false);
    const activity = c.churn === false ? null : readActivity(scoreFn, inp.activity, inp.renewals);
    const cov = readCovariateInput(scoreFn, covFields, inp.covariates, hasS, calEnd !== null);
    if (hasS) {
      const units = new UnitAgreement(scoreFn, unitSource === null ? undefined : c.summary.unit, unitSource ?? "", `Summarise with unit: ${JSON.stringify(c.summary.unit)}, or score with config.summary.unit set to the summaries' unit`);
      // Covariates read from the summaries themselves (no side table): their fields.
      const ownCovariates = cov !== null && cov.table === null ? cov.fields : null;
      const given = inp.summaries;
      const cols = isSummaryColumns(given) ? summaryColumnsInput(scoreFn, given, end, units, ownCovariates) : summaryColumns(scoreFn, readSummaries(scoreFn, given), end, units, ownCovariates);
      if (units.unit !== undefined) c.summary.unit = units.unit;
      return scoreSummaries(scoreFn, c, cols, true, null, end, activity, 0, { purchases: null, pointsEvents: inp.pointsEvents, currentManagers: inp.currentManagers }, cov, lazyChurn);
    }
    // With a calibration end the scores are read there; a second accumulator to the observation end gives
    // the holdout purchases (and the rows really left out after it).
    const scoreEnd = calEnd ?? end;
    const keep = c.loyalty !== false && (c.loyalty.levels !== false || c.loyalty.points !== false);
    if (keep && calEnd !== null) {
      fail(scoreFn, "INVALID_INPUT", "input.calibrationEnd scores at the calibration end, and config.loyalty's levels and points are read over the transactions to the observation end; score the loyalty part in a call without calibrationEnd", "input.calibrationEnd");
    }
    const ingest = createIngest(scoreFn, scoreEnd, c.summary.period, c.summary.unit, c.lifecycle === false ? null : c.lifecycle.windowDays, calEnd === null ? null : end, keep);
    const loyaltyInput = (): LoyaltyInput => ({ purchases: ingest.kept, pointsEvents: inp.pointsEvents, currentManagers: inp.currentManagers });
    const finish = (): ScoreColumnsResult => {
      const cols = engineColumns(scoreFn, ingest.acc, scoreEnd);
      if (ingest.full === null) return scoreSummaries(scoreFn, c, cols, false, ingest.counts, end, activity, accumulatorSkipped(ingest.acc), loyaltyInput(), cov, lazyChurn);
      const result = scoreSummaries(scoreFn, c, cols, false, ingest.counts, scoreEnd, activity, accumulatorSkipped(ingest.full), loyaltyInput(), null, lazyChurn);
      const full = engineColumns(scoreFn, ingest.full, end);
      return { ...result, holdout: holdoutCheck(result.models.transaction, cols, full, scoreEnd, end, c.summary.period, c.summary.unit) };
    };
    const t = inp.transactions;
    if (t !== null && typeof t === "object" && typeof (t as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
      return (async () => {
        let k = 0;
        for await (const batch of t as AsyncIterable<TransactionBatch>) {
          ingest.add(batch, `input.transactions[${k}]`);
          k++;
        }
        return finish();
      })();
    }
    ingest.add(t, "input.transactions");
    return finish();
  };
  const scoreColumns = (input: ScoreInput): ScoreColumnsResult | Promise<ScoreColumnsResult> => run(input, "scoreCustomerColumns", true);
  const score = (input: ScoreInput): ScoreResult | Promise<ScoreResult> => {
    const out = run(input, "scoreCustomers", false);
    return out instanceof Promise ? out.then(withRows) : withRows(out);
  };
  return { config: JSON.parse(frozen) as ResolvedScoreConfig, score: score as Scorer["score"], scoreColumns: scoreColumns as Scorer["scoreColumns"] };
}

/** A columnar result with its rows ({@link scoreRows}) in place of the columns, keys in the result's order. */
function withRows(r: ScoreColumnsResult): ScoreResult {
  const out: ScoreResult = { config: r.config, observationEnd: r.observationEnd, models: r.models, customers: scoreRows(r.columns), warnings: r.warnings };
  if (r.holdout !== undefined) out.holdout = r.holdout;
  return out;
}

/** The covariates the CLV part reads: their fields and the side table (null: from the summary rows). */
interface CovariateInput {
  fields: string[];
  table: ReturnType<typeof readCovariateTable> | null;
}

/**
 * Reads `input.covariates` for the clv part's covariate fields (null when the part has none): a side table
 * (needed for transactions), or, for ready summaries without one, the rows' own fields.
 */
function readCovariateInput(fn: string, fields: string[] | null, table: unknown, summaries: boolean, calibration: boolean): CovariateInput | null {
  if (fields === null) {
    if (table !== undefined) fail(fn, "INVALID_INPUT", "input.covariates is given, but the clv part uses no covariates: set config.clv.covariates (or pass a transactionModel fitted with covariates), or leave input.covariates out", "input.covariates");
    return null;
  }
  if (calibration) fail(fn, "INVALID_INPUT", "input.calibrationEnd checks the transaction model with holdoutAccuracy, which takes no model with covariates; score without calibrationEnd", "input.calibrationEnd");
  if (table === undefined) {
    if (!summaries) fail(fn, "INVALID_INPUT", `input.covariates is required: the clv part reads the covariates ${fields.map((f) => JSON.stringify(f)).join(", ")} of every customer, and transactions carry none; pass a side table [{ customerId, ${fields.join(", ")} }]`, "input.covariates");
    return { fields, table: null };
  }
  return { fields, table: readCovariateTable(fn, table, fields) };
}

/**
 * Reads `input.calibrationEnd`: a time not after the observation end, for transactions (ready summaries
 * cannot be split) and with the clv part on (the check is of its transaction model).
 */
function readCalibrationEnd(fn: string, value: unknown, end: number, summaries: boolean, clvOn: boolean): number {
  const ms = time(fn, value, "input.calibrationEnd");
  if (summaries) fail(fn, "INVALID_INPUT", "input.calibrationEnd needs input.transactions: ready summaries cannot be split into calibration and holdout periods; pass the transactions, or leave calibrationEnd out", "input.calibrationEnd");
  if (!clvOn) fail(fn, "INVALID_INPUT", "input.calibrationEnd checks the clv part's transaction model, but config.clv is false; switch the clv part on, or leave calibrationEnd out", "input.calibrationEnd");
  if (!(ms <= end)) fail(fn, "INVALID_RANGE", `input.calibrationEnd (${instantText(ms)}) must not be after input.observationEnd (${instantText(end)})`, "input.calibrationEnd");
  return ms;
}

/** Each part's options, checked by the function that uses them (on empty input). */
export function checkConfig(fn: string, c: ResolvedScoreConfig): void {
  const end = 0;
  if (c.rfm !== false) {
    const r = c.rfm;
    checkWithComposed(fn, "config.rfm", () => rfmScores([], { bins: r.bins, method: r.method, ties: r.ties, levels: r.levels, rankTies: r.rankTies }));
    checkWithComposed(fn, "config.rfm", () => rfmSegment({ r: 1, f: 1, m: 1 }, r.segments, { bins: r.bins, fallback: r.fallback }));
  }
  if (c.tiers !== false) {
    const t = c.tiers;
    checkWithComposed(fn, "config.tiers", () => quantileTiers([], { labels: t.labels, method: t.method, ties: t.ties, levels: t.levels, rankTies: "customerId" }));
  }
  if (c.abc !== false) {
    const a = c.abc;
    checkWithComposed(fn, "config.abc", () => abcClassify([], { cutoffs: a.cutoffs, labels: a.labels }));
  }
  if (c.lifecycle !== false) {
    const { windowDays, ...l } = c.lifecycle;
    checkWithComposed(fn, "config.lifecycle", () => lifecycleInputs([], { asOf: end, windowDays }));
    checkWithComposed(fn, "config.lifecycle", () => lifecycleStage([], { asOf: end, ...l }));
  }
  if (c.churn !== false) {
    const ch = c.churn;
    // A data-relative inactivity rule's baseGapDays, when not given, comes from the data: a stand-in here.
    const rules = effectiveRules(ch.rules, false, 1);
    for (const [name, o] of Object.entries(rules)) {
      if (o !== false) checkWithComposed(fn, `config.churn.rules.${name}`, () => RULE_FACTORIES[name as keyof typeof RULE_FACTORIES](o as never));
    }
    checkWithComposed(fn, "config.churn", () => detectChurnSignals([], { asOf: end, rules: churnRules(rules), cutoffs: ch.cutoffs }));
  }
  if (c.churnModel !== false) checkChurnModelPart(fn, c.churnModel, c.summary.period);
  if (c.clv !== false) {
    const v = c.clv;
    // A model fitted with covariates is scored with each customer's covariate fields (covariateColumns.ts).
    if (v.transactionModel !== null) checkWithComposed(fn, "config.clv", () => readTransactionModel("customerLifetimeValue", v.transactionModel, "transactionModel", true));
    checkCovariatesConfig(fn, v.covariates, (run) => checkWithComposed(fn, "config.clv", run));
    if (v.intervals !== false && covariateFieldsOf(fn, c) !== null) {
      fail(fn, "INVALID_CONFIG", "config.clv.intervals come from predictionIntervals, which takes no model with covariates (its bounds would ignore each customer's covariate values); leave intervals out when scoring with covariates", "config.clv.intervals");
    }
    checkWithComposed(fn, "config.clv", () => customerLifetimeValue(v.transactionModel ?? { model: "bg-nbd", params: { r: 1, alpha: 1, a: 1, b: 1 } }, v.spendModel ?? 1, [], clvOptions(c)));
    // One row is enough for the fits to read their options; the result is discarded.
    const opts = { penalizer: v.penalizer, maxIterations: v.maxIterations };
    checkWithComposed(fn, "config.clv", () => fitGammaGamma([{ frequency: 1, monetaryValue: 1 }], opts));
    checkWithComposed(fn, "config.clv", () => FITTERS[v.model]([{ frequency: 1, recency: 1, T: 2 }], opts));
    if (v.method === "dert") {
      const delta = continuousRate(v.discountRate, c.summary.unit);
      if (!(delta >= MIN_CONTINUOUS_RATE)) {
        fail(fn, "INVALID_CONFIG", `config.clv.discountRate must be > 0 with method "dert" (the present value of all future purchases is finite only when they are discounted), got ${show(v.discountRate)}; set a monthly rate such as 0.01, or use method "horizon"`, "config.clv.discountRate");
      }
    }
    if (v.method === "dert" && v.intervals !== false) {
      fail(fn, "INVALID_CONFIG", `config.clv.intervals are the bounds of the horizon CLV, and config.clv.method is "dert"; use method "horizon" with intervals, or predictionIntervals (its dert bounds) beside the engine`, "config.clv.intervals");
    }
    if (v.intervals !== false) {
      checkWithComposed(fn, "config.clv.intervals", () => predictionIntervals(v.transactionModel ?? { model: "bg-nbd", params: { r: 1, alpha: 1, a: 1, b: 1 } }, [], intervalOptions(c, v.spendModel ?? 1)));
    }
  }
  if (c.loyalty !== false) checkLoyalty(fn, c.loyalty);
}

/** What the loyalty part reads from the input besides the summaries. */
interface LoyaltyInput {
  purchases: KeptPurchases | null;
  pointsEvents: unknown;
  currentManagers: unknown;
}

export function clvOptions(c: ResolvedScoreConfig): { horizon: number; discountRate: number; margin: number; unit: "day" | "week" } {
  const v = c.clv as Exclude<ResolvedScoreConfig["clv"], false>;
  return { horizon: v.horizon, discountRate: v.discountRate, margin: v.margin, unit: c.summary.unit };
}

/** The transaction-model fitters the config can name, on rows and on the engine's patterns. */
const FITTERS = { "bg-nbd": fitBgNbd, "mbg-nbd": fitModifiedBgNbd, "pareto-nbd": fitParetoNbd } as const;
export const PATTERN_FITTERS = { "bg-nbd": fitBgNbdPatterns, "mbg-nbd": fitModifiedBgNbdPatterns, "pareto-nbd": fitParetoNbdPatterns } as const;

const RULE_FACTORIES = { inactivity: inactivityRule, activityDecline: activityDeclineRule, negativeFeedback: negativeFeedbackRule, featureDrop: featureDropRule, renewalRisk: renewalRiskRule } as const;

/** The configured built-in rules, in the config's fixed order. */
function churnRules(rules: Record<string, false | Record<string, unknown>>): ChurnRule[] {
  const out: ChurnRule[] = [];
  for (const [name, factory] of Object.entries(RULE_FACTORIES)) {
    const o = rules[name];
    if (o !== false && o !== undefined) out.push(factory(o as never));
  }
  return out;
}

/**
 * Each customer's purchase history as the data-relative inactivity rule reads it — whole days from the first
 * to the last purchase day and the purchase periods after the first (the frequency) — and the base's
 * typical gap: the median of spanDays / frequency over repeat customers (30 days without any).
 */
function purchaseGaps(n: number, x: Float64Array, firstAtOf: (i: number) => number, lastAtOf: (i: number) => number, end: number): { spanDays: Float64Array; gaps: Float64Array; baseGapDays: number } {
  const spanDays = new Float64Array(n);
  const gaps = new Float64Array(n);
  let repeat = 0;
  for (let i = 0; i < n; i++) {
    gaps[i] = x[i]!;
    spanDays[i] = Math.floor(Math.min(lastAtOf(i), end) / DAY_MS) - Math.floor(Math.min(firstAtOf(i), end) / DAY_MS);
    if (x[i]! > 0) repeat++;
  }
  if (repeat === 0) return { spanDays, gaps, baseGapDays: 30 };
  const mean = new Float64Array(repeat);
  for (let i = 0, k = 0; i < n; i++) if (x[i]! > 0) mean[k++] = spanDays[i]! / x[i]!;
  mean.sort();
  const median = medianOfSorted(mean);
  return { spanDays, gaps, baseGapDays: median > 0 ? median : 30 };
}

/**
 * The rules as run: with transactions only, the inactivity rule at its defaults (`{}`) is the data-relative
 * one (relative to the customer); a data-relative rule without `baseGapDays` gets the base's purchase gap.
 */
function effectiveRules(rules: Record<string, false | Record<string, unknown>>, noActivity: boolean, baseGapDays: number): Record<string, false | Record<string, unknown>> {
  const r = rules.inactivity;
  if (r === false || r === undefined) return rules;
  if (noActivity && Object.keys(r).length === 0) return { ...rules, inactivity: { relativeTo: "customer", baseGapDays } };
  if (r.relativeTo !== undefined && r.baseGapDays === undefined) return { ...rules, inactivity: { ...r, baseGapDays } };
  return rules;
}

/** Activity rows grouped by customer, with each event's index in `input.activity` (for error paths). */
interface Activity {
  events: Map<CustomerId, { events: ChurnEvent[]; index: number[] }>;
  renewals: Map<CustomerId, TimeInput>;
}

function readActivity(fn: string, activity: unknown, renewals: unknown): Activity {
  const out: Activity = { events: new Map(), renewals: new Map() };
  if (activity !== undefined) {
    let i = 0;
    for (const row of iterable<unknown>(fn, activity, "input.activity")) {
      const r = record(fn, row, `input.activity[${i}]`);
      const id = customerId(fn, r.customerId, `input.activity[${i}].customerId`);
      let g = out.events.get(id);
      if (g === undefined) out.events.set(id, (g = { events: [], index: [] }));
      // A copy, each field read once: a reader may refill and re-yield one row object.
      const event = { ...r };
      if (event.at instanceof Date) event.at = new Date(event.at.getTime());
      g.events.push(event as unknown as ChurnEvent);
      g.index.push(i);
      i++;
    }
  }
  if (renewals !== undefined) {
    let i = 0;
    for (const row of iterable<unknown>(fn, renewals, "input.renewals")) {
      const r = record(fn, row, `input.renewals[${i}]`);
      const id = customerId(fn, r.customerId, `input.renewals[${i}].customerId`);
      if (out.renewals.has(id)) fail(fn, "DUPLICATE_ID", `input.renewals[${i}].customerId ${show(id)} appears twice`, `input.renewals[${i}].customerId`);
      out.renewals.set(id, time(fn, r.renewalAt, `input.renewals[${i}].renewalAt`));
      i++;
    }
  }
  return out;
}

/** The ready summary rows as an array; each row is checked where the engine first reads it (one pass). */
function readSummaries(fn: string, value: unknown): ScoreSummary[] {
  if (!Array.isArray(value)) fail(fn, "INVALID_TYPE", `input.summaries must be an array of summary rows or summary columns ({ customerId: [...], frequency: [...], ... }), got ${show(value)}`, "input.summaries");
  return value as ScoreSummary[];
}

/** The fields of a summary row, each read once (a getter may answer differently a second time). */
interface SummaryFields {
  customerId: unknown;
  frequency: unknown;
  recency: unknown;
  T: unknown;
  monetaryValue: unknown;
  totalAmount: unknown;
  firstAt: unknown;
  lastAt: unknown;
  transactionCount: unknown;
  recentPurchases: unknown;
  priorPurchases: unknown;
  unit: unknown;
}

/** Reads every field of a summary row once; null when the row is not an object. */
function summaryFields(row: unknown): SummaryFields | null {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return null;
  const r = row as Record<string, unknown>;
  return {
    customerId: r.customerId, frequency: r.frequency, recency: r.recency, T: r.T, monetaryValue: r.monetaryValue, totalAmount: r.totalAmount,
    firstAt: r.firstAt, lastAt: r.lastAt, transactionCount: r.transactionCount, recentPurchases: r.recentPurchases, priorPurchases: r.priorPurchases,
    unit: r.unit,
  };
}

/** The fast check of a summary row's fields: exactly what {@link summaryFail} refuses, without the messages. */
function summaryValid(r: SummaryFields | null): r is SummaryFields {
  if (r === null) return false;
  const id = r.customerId;
  return (
    (typeof id === "string" ? id.length > 0 : typeof id === "number" && id - id === 0) &&
    isCount(r.frequency, 0) && finite(r.recency) && finite(r.T) && finite(r.monetaryValue) && finite(r.totalAmount) &&
    finite(r.firstAt) && finite(r.lastAt) && isCount(r.transactionCount, 1) && (r.firstAt as number) <= (r.lastAt as number) &&
    (r.recentPurchases === undefined || isCount(r.recentPurchases, 0)) && (r.priorPurchases === undefined || isCount(r.priorPurchases, 0))
  );
}

/** Throws the coded error for a summary row whose fields (as read once) failed {@link summaryValid}. */
function summaryFail(fn: string, row: unknown, fields: SummaryFields | null, i: number): never {
  const p = `input.summaries[${i}]`;
  record(fn, row, p);
  const r = fields as unknown as Record<string, unknown>;
  customerId(fn, r.customerId, `${p}.customerId`);
  for (const k of ["frequency", "recency", "T", "monetaryValue", "totalAmount", "firstAt", "lastAt"]) finiteNumber(fn, r[k], `${p}.${k}`);
  integerAtLeast(fn, r.transactionCount, `${p}.transactionCount`, 1);
  integerAtLeast(fn, r.frequency, `${p}.frequency`, 0);
  if (!((r.firstAt as number) <= (r.lastAt as number))) fail(fn, "INVALID_RANGE", `${p}.lastAt must not be before firstAt`, `${p}.lastAt`);
  for (const k of ["recentPurchases", "priorPurchases"]) if (r[k] !== undefined) integerAtLeast(fn, r[k], `${p}.${k}`, 0);
  return fail(fn, "INVALID_INPUT", `${p} is invalid`, p);
}

/**
 * fitGammaGamma(s, options) with `zeroSpend: "ignore"`, on the (x, z̄) patterns it reads: each row with x > 0
 * and z̄ > 0, in input order, weight 1 (the others are left out, counted as it counts them).
 * A negative z̄ goes to fitGammaGamma itself, for its error.
 */
function fitSpend(rowAt: (i: number) => ScoreSummary, x: Float64Array, m: Float64Array, options: FitGammaGammaOptions & { zeroSpend: "ignore" }): GammaGammaFit {
  const n = x.length;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (!(m[i]! >= 0)) return fitGammaGamma(Array.from({ length: n }, (_, k) => rowAt(k)), options);
    if (x[i]! > 0 && m[i]! > 0) kept++;
  }
  const kx = new Float64Array(kept);
  const km = new Float64Array(kept);
  let zeroFrequency = 0;
  for (let i = 0, k = 0; i < n; i++) {
    if (x[i] === 0) zeroFrequency++;
    else if (m[i]! > 0) {
      kx[k] = x[i]!;
      km[k++] = m[i]!;
    }
  }
  // fitGammaGamma keeps each row as its own pattern (mean spends rarely repeat): so does the engine.
  const weights = new Float64Array(kept).fill(1);
  const patterns = { count: kept, width: 2, columns: [kx, km], weights, totalWeight: kept, rows: n, skippedRows: n - kept, skippedWeight: n - kept };
  return fitGammaGammaPatterns(patterns, zeroFrequency, options);
}

/** Runs a composed function; its error is re-thrown with the engine's name first (code and path kept). */
export function step<T>(fn: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RetentionKitError) throw new RetentionKitError(e.code, `${fn}: ${e.message}`, e.path);
    throw e;
  }
}

/** The summary fields the engine's parts read, one typed column per field, customers in input order. */
export interface EngineColumns extends Omit<TypedSummaryColumns, "transactionCount" | "firstAt" | "lastAt"> {
  /** Whole days from the last purchase to the end (typed: RFM reads it in place). */
  recencyDays: Float64Array;
  /**
   * The fields only the engine reads, as columns, for transactions and ready rows alike: a ready row is read
   * once (a row read twice could answer differently, through a getter or a reused object), though typed
   * copies cost V8 one more full collection on a million rows (about a fifth of a second).
   */
  own: Pick<TypedSummaryColumns, "transactionCount" | "firstAt" | "lastAt">;
  /** Ready rows' optional window counts (0 where absent); null for transactions (the engine counts them). */
  windows: { recent: Float64Array; prior: Float64Array } | null;
  /** Ready rows' covariate values (`covariates[i][k]` of the clv part's k-th field), when read from the rows; else absent or null. */
  covariates?: Float64Array[] | null;
}

/** Whole days from the last purchase to the end, per customer. */
function recencyDaysOf(lastAt: Float64Array, end: number): Float64Array {
  const endDay = dayIndex(end);
  const out = new Float64Array(lastAt.length);
  for (let i = 0; i < lastAt.length; i++) out[i] = Math.max(0, endDay - dayIndex(lastAt[i]!));
  return out;
}

/**
 * The accumulator's summaries as the engine's columns: no object per customer. A sum found here to exceed
 * the largest double is reported as the engine's, at `input.transactions`.
 */
function engineColumns(fn: string, acc: SummaryAccumulator, end: number): EngineColumns {
  let t: ReturnType<typeof accumulatorColumns> | undefined;
  rethrowAt(fn, "input.transactions", 0, () => {
    t = accumulatorColumns(acc);
  });
  t = t!;
  return { ...t, recencyDays: recencyDaysOf(t.lastAt, end), own: t, windows: null };
}

/**
 * Ready summary rows as the engine's columns, each row checked in the one pass that reads it (the objects are
 * scattered in memory: each pass over them costs a cache miss per customer).
 */
function summaryColumns(fn: string, s: readonly ScoreSummary[], end: number, units: UnitAgreement, covFields: readonly string[] | null): EngineColumns {
  const n = s.length;
  const endDay = dayIndex(end);
  const out = readyColumns(n, covFields !== null);
  const { own, windows } = out;
  for (let i = 0; i < n; i++) {
    const row = s[i]!;
    // Every field is read once; the usual valid row is checked without building error paths, any doubt goes
    // to the precise checks (on the same values).
    const r = summaryFields(row);
    if (!summaryValid(r)) summaryFail(fn, row, r, i);
    units.see(r.unit, `input.summaries[${i}].unit`);
    out.customerId[i] = r.customerId as CustomerId;
    out.frequency[i] = r.frequency as number;
    out.recency[i] = r.recency as number;
    out.T[i] = r.T as number;
    out.monetaryValue[i] = r.monetaryValue as number;
    out.totalAmount[i] = r.totalAmount as number;
    own.transactionCount[i] = r.transactionCount as number;
    own.firstAt[i] = r.firstAt as number;
    own.lastAt[i] = r.lastAt as number;
    windows!.recent[i] = (r.recentPurchases ?? 0) as number;
    windows!.prior[i] = (r.priorPurchases ?? 0) as number;
    out.recencyDays[i] = Math.max(0, endDay - dayIndex(r.lastAt as number));
    if (covFields !== null) {
      // Each covariate field read once, as the covariate functions read it (path: the row and field).
      const z = new Float64Array(covFields.length);
      for (let k = 0; k < covFields.length; k++) z[k] = readCovariateValue(fn, (row as unknown as Record<string, unknown>)[covFields[k]!], `input.summaries[${i}].${covFields[k]}`, covFields[k]!);
      out.covariates![i] = z;
    }
  }
  return out;
}

/** Customer `i`'s summary as a row, made from the columns (the values read and checked once). */
function summaryAt(cols: EngineColumns, i: number): ScoreSummary {
  const own = cols.own;
  return {
    customerId: cols.customerId[i]!,
    frequency: cols.frequency[i]!,
    recency: cols.recency[i]!,
    T: cols.T[i]!,
    monetaryValue: cols.monetaryValue[i]!,
    transactionCount: own.transactionCount[i]!,
    totalAmount: cols.totalAmount[i]!,
    firstAt: own.firstAt[i]!,
    lastAt: own.lastAt[i]!,
  };
}

/**
 * Scores summaries by composing the public functions; every column comes from one of them. `ready`: `cols`
 * holds the caller's ready summaries (rows or columns), whose ids must be checked for repeats, rather than the
 * accumulator's (distinct by construction). `lazyChurn`: the churn signals are made on first read (the
 * columnar result) rather than now (the rows).
 */
function scoreSummaries(fn: string, c: ResolvedScoreConfig, cols: EngineColumns, ready: boolean, counts: WindowCounts | null, end: number, activity: Activity | null, skippedAfterEnd: number, loyaltyIn: LoyaltyInput, cov: CovariateInput | null, lazyChurn: boolean): ScoreColumnsResult {
  const n = cols.customerId.length;
  const models: ScoreModels = { transaction: null, spend: null };
  const { customerId: ids, frequency: x, recency: tx, T, monetaryValue: m, totalAmount: total, recencyDays, own } = cols;
  const firstAtOf = (i: number): number => own.firstAt[i]!;
  const lastAtOf = (i: number): number => own.lastAt[i]!;
  let clv: ClvColumns | null = null;
  let intervals: IntervalColumns | null = null;
  let unmatchedCovariates = cov === null || cov.table === null ? 0 : cov.table.values.size;
  if (c.clv !== false && n > 0 && cov !== null) {
    const v = c.clv;
    for (let i = 0; i < n; i++) {
      if (!rfValuesValid(x[i], tx[i], T[i])) readRfCustomer(fn, summaryAt(cols, i), `input.summaries[${i}]`, new Float64Array(3)); // throws
    }
    // Each customer's covariate values: the side table's (joined by id) or the summary rows' own.
    const joined = cov.table === null ? { cov: cols.covariates!, unmatched: 0 } : joinCovariates(fn, ids, cov.table);
    unmatchedCovariates = joined.unmatched;
    const crow = covariateRows(cov.fields, joined.cov, x, tx, T, m);
    const tm = v.transactionModel ?? step(fn, () => fitWithScoreCovariates(c, crow));
    const sm = v.spendModel ?? step(fn, () => fitSpend((i) => summaryAt(cols, i), x, m, { penalizer: v.penalizer, maxIterations: v.maxIterations, zeroSpend: "ignore" }));
    models.transaction = tm;
    models.spend = sm;
    clv = step(fn, () => covariateClvColumns(tm, sm, crow, clvOptions(c), v.method === "dert" ? continuousRate(v.discountRate, c.summary.unit) : null));
  } else if (c.clv !== false && n > 0) {
    const v = c.clv;
    // The transaction models' checks on (x, t_x, T), made here once with the engine's own paths.
    for (let i = 0; i < n; i++) {
      if (!rfValuesValid(x[i], tx[i], T[i])) readRfCustomer(fn, summaryAt(cols, i), `input.summaries[${i}]`, new Float64Array(3)); // throws
    }
    const histories = indexRows([x, tx, T]);
    const fitOpts = { penalizer: v.penalizer, maxIterations: v.maxIterations };
    // fitBgNbd / fitParetoNbd on the histories just indexed (the same patterns their own compression makes).
    const tm = v.transactionModel ?? { ...step(fn, () => PATTERN_FITTERS[v.model](histories, fitOpts)), unit: c.summary.unit };
    const sm = v.spendModel ?? step(fn, () => fitSpend((i) => summaryAt(cols, i), x, m, { ...fitOpts, zeroSpend: "ignore" }));
    models.transaction = tm;
    models.spend = sm;
    clv = step(fn, () => clvColumns(tm, sm, histories, x, m, clvOptions(c)));
    if (v.method === "dert") {
      const byHorizon = clv;
      clv = step(fn, () => dertClvColumns(tm, histories, byHorizon, v.margin, continuousRate(v.discountRate, c.summary.unit)));
    }
    if (v.intervals !== false) intervals = step(fn, () => intervalColumns(tm, sm, x, tx, T, m, c));
  }
  let rfm: { r: Uint8Array; f: Uint8Array; m: Uint8Array; code: string[]; segment: string[] } | null = null;
  if (c.rfm !== false) {
    const r = c.rfm;
    const cols = { customerId: ids, recency: recencyDays, frequency: new Float64Array(n), monetary: total };
    for (let i = 0; i < n; i++) cols.frequency[i] = x[i]! + 1;
    // rfmScoreColumns' scores, read as its typed columns (no per-customer arrays of copies).
    const scores = step(fn, () => rfmColumnKernel("rfmScoreColumns", cols, { bins: r.bins, method: r.method, ties: r.ties, levels: r.levels, rankTies: r.rankTies }));
    // A code and a segment depend only on (r, f, m): codeOf and rfmSegment run once per distinct cell (≤ bins³).
    const bins = scores.bins;
    const codeFor = codeOf(bins);
    const cells = new Map<number, number>(); // (r, f, m) → its place in cellCode / cellSegment
    const cellCode: string[] = [];
    const cellSegment: string[] = [];
    const code = new Array<string>(n);
    const segment = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const a = scores.r[i]!;
      const b = scores.f[i]!;
      const d = scores.m[i]!;
      const key = (a * 256 + b) * 256 + d;
      let k = cells.get(key);
      if (k === undefined) {
        k = cellCode.length;
        cells.set(key, k);
        cellCode.push(codeFor(a, b, d));
        cellSegment.push(rfmSegment({ r: a, f: b, m: d }, r.segments, { bins: r.bins, fallback: r.fallback }));
      }
      code[i] = cellCode[k]!;
      segment[i] = cellSegment[k]!;
    }
    rfm = { r: scores.r, f: scores.f, m: scores.m, code, segment };
  }
  // The value columns the tiers and ABC classes read: the spend columns already read, CLV made on first use.
  let clvValues: Float64Array | null = null;
  const valueOf = (key: "totalAmount" | "monetaryValue" | "clv"): Float64Array => {
    if (key === "totalAmount") return total;
    if (key === "monetaryValue") return m;
    if (clvValues === null) {
      clvValues = new Float64Array(n);
      for (let i = 0; i < n; i++) clvValues[i] = nullToZero(clv!.clv[i]!);
    }
    return clvValues;
  };
  // The tiers as quantileTiers and abcClassify compute them, on the value column (validated: finite ids and values).
  let tiers: { labels: string[]; scores: Int32Array } | null = null;
  if (c.tiers !== false) {
    const t = c.tiers;
    tiers = step(fn, () => quantileTierColumn("quantileTiers", ids, valueOf(t.value), { labels: t.labels, method: t.method, ties: t.ties, levels: t.levels, rankTies: "customerId" }));
  }
  let abc: { labels: string[]; cls: Int32Array; cum: Float64Array; total: number } | null = null;
  if (c.abc !== false) {
    const a = c.abc;
    const values = valueOf(a.value);
    const opts = { cutoffs: a.cutoffs, labels: a.labels };
    // abcClassify refuses a negative value: let it say so, with its path.
    if (!values.every((v) => v >= 0)) step(fn, () => abcClassify(ids.map((customerId, i) => ({ customerId, value: values[i]! })), opts));
    abc = step(fn, () => abcColumn(values, opts));
  }
  // The stage per customer; tenure and days since the last purchase are recomputed where the rows are built.
  let life: { stage: LifecycleStageName[]; asOf: number } | null = null;
  if (c.lifecycle !== false) {
    const { windowDays: _w, ...l } = c.lifecycle;
    const settings = step(fn, () => lifecycleSettings("lifecycleStage", { asOf: end, ...l }));
    const stage = new Array<LifecycleStageName>(n);
    for (let i = 0; i < n; i++) {
      // Rows later on the end's day are in the summary (its period) but after the instant read: clamp.
      const first = Math.min(firstAtOf(i), end);
      const last = Math.min(lastAtOf(i), end);
      // lifecycleStage's date checks (an instant beyond ±8.64e15 ms is no date), with its error.
      if (Number.isNaN(toMsOrNaN(first)) || Number.isNaN(toMsOrNaN(last))) step(fn, () => [time("lifecycleStage", first, `customers[${i}].firstAt`), time("lifecycleStage", last, `customers[${i}].lastAt`)]);
      const recent = counts !== null ? counts.recent(ids[i]!) : (cols.windows?.recent[i] ?? 0);
      const prior = counts !== null ? counts.prior(ids[i]!) : (cols.windows?.prior[i] ?? 0);
      stage[i] = stageOf(settings, (settings.asOf - first) / DAY_MS, (settings.asOf - last) / DAY_MS, recent, prior);
    }
    life = { stage, asOf: settings.asOf };
  }
  let churn: ChurnColumns | null = null;
  if (c.churn !== false && activity !== null) {
    const ch = c.churn;
    // Each customer's activity plus one purchase event at the last purchase (so inactivity counts buying),
    // made as the rules ask for it.
    const noActivity = activity.events.size === 0 && activity.renewals.size === 0;
    // Without activity every customer is one purchase event: one row object, refilled per customer (the
    // built-in rules, the only ones a config can name, keep nothing of the row they read).
    const only: ChurnEvent = { type: "purchase", at: 0 };
    const onlyRow: CustomerActivity = { customerId: 0, events: [only] };
    const source: ChurnSource = {
      count: n,
      // The accumulator's customers are distinct by construction; ready rows are checked.
      uniqueIds: !ready || numericIdsUnique(ids),
      customer(i: number): CustomerActivity {
        const id = ids[i]!;
        const at = Math.min(lastAtOf(i), end);
        if (noActivity) {
          (only as { at: number }).at = at;
          (onlyRow as { customerId: CustomerId }).customerId = id;
          return onlyRow;
        }
        const purchase: ChurnEvent = { type: "purchase", at };
        const g = activity.events.get(id);
        const events: ChurnEvent[] = g === undefined ? [] : g.events.slice();
        events.push(purchase);
        const renewalAt = activity.renewals.get(id);
        return renewalAt === undefined ? { customerId: id, events } : { customerId: id, events, renewalAt };
      },
    };
    const purchases = purchaseGaps(n, x, firstAtOf, lastAtOf, end);
    const rules = effectiveRules(ch.rules, noActivity, purchases.baseGapDays);
    // Without activity, each customer's purchase days are known from the summary (the one event does not tell them).
    if (noActivity) (source as { history?: ChurnSource["history"] }).history = purchases;
    const score = new Float64Array(n);
    const level = new Array<RiskLevel>(n);
    const ruleList = churnRules(rules);
    const inactivity = ruleList.findIndex((r) => r.name === "inactivity");
    const inactivityBit = inactivity >= 0 && inactivity < 31 ? 1 << inactivity : 0;
    let flagged = 0;
    // detectChurnSignals without its final sort: the engine reads the assessments by position.
    const assess = (scoresOnly: boolean, keep: ((i: number, list: ChurnSignal[]) => void) | null): void => {
      try {
        assessChurn("detectChurnSignals", null, { asOf: end, rules: ruleList, cutoffs: ch.cutoffs }, (i, _id, riskScore, riskLevel, list, fired) => {
          score[i] = riskScore;
          level[i] = riskLevel;
          if ((fired & inactivityBit) !== 0) flagged++;
          if (keep !== null) keep(i, list);
        }, source, scoresOnly);
      } catch (e) {
        if (!(e instanceof RetentionKitError)) throw e;
        const m = e.path === null ? null : /^customers\[(\d+)\]\.events\[(\d+)\](.*)$/.exec(e.path);
        const g = m === null ? undefined : activity.events.get(ids[Number(m[1])]!);
        const at = g === undefined || m === null ? undefined : g.index[Number(m[2])];
        throw new RetentionKitError(e.code, `${fn}: ${e.message}`, at === undefined ? e.path : `input.activity[${at}]${m![3]!}`);
      }
    };
    const signalsOf = (): ChurnSignal[][] => {
      const signals = new Array<ChurnSignal[]>(n);
      assess(false, (i, list) => (signals[i] = list));
      return signals;
    };
    if (lazyChurn) {
      // The scores now (the rules' severities alone); the signals, with their reasons and evidence, on first
      // read of the columns that hold them, by the same rules on the same input: the same numbers.
      assess(true, null);
      churn = { score, level, signals: null, later: signalsOf, inactivityFlagged: flagged };
    } else {
      churn = { score, level, signals: signalsOf(), later: null, inactivityFlagged: flagged };
    }
  }
  const churnProbability = c.churnModel === false ? null : churnModelColumn(checkChurnModelPart(fn, c.churnModel, c.summary.period), { ids, firstAt: own.firstAt, lastAt: own.lastAt, frequency: x, totalAmount: total }, end);
  const loyalty = loyaltyColumns(fn, c.loyalty, {
    ids,
    ...loyaltyIn,
    end,
    valueOf,
    tierOf: (key, i) => (key === "valueTier" ? tiers!.labels[tiers!.scores[i]! - 1]! : abc!.labels[abc!.cls[i]!]!),
  });
  const columns = resultColumns(n, c.summary.unit, cols, end, { rfm, tiers, abc, life, churn, churnProbability, clv, intervals, loyalty }, models);
  const warnings = scoreWarnings({
    config: c,
    customers: n,
    transactionModel: models.transaction,
    spendModel: models.spend,
    skippedAfterEnd,
    orphanEvents: activity === null ? 0 : orphanEvents(activity, ids),
    orphanCovariates: unmatchedCovariates,
    ...inactivityFacts(c, churn, x, tx, T, n, activity === null || (activity.events.size === 0 && activity.renewals.size === 0)),
  });
  return { config: c, observationEnd: end, models, columns, warnings };
}

/** Activity events and renewals of customers who are not among the scored ids. */
function orphanEvents(activity: Activity, ids: readonly CustomerId[]): number {
  if (activity.events.size === 0 && activity.renewals.size === 0) return 0;
  const scored = new Set(ids);
  let k = 0;
  for (const [id, g] of activity.events) if (!scored.has(id)) k += g.events.length;
  for (const id of activity.renewals.keys()) if (!scored.has(id)) k++;
  return k;
}

/** The inactivity rule's threshold and reach, the median purchase gap of repeat customers and the longest history, for the warnings. */
function inactivityFacts(
  c: ResolvedScoreConfig,
  churn: { inactivityFlagged: number } | null,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  n: number,
  noActivity: boolean,
): { inactivityFlagged: number | null; inactivityDays: number | null; medianGapDays: number | null; longestHistoryDays: number } {
  const days = unitMs(c.summary.unit) / DAY_MS;
  let longest = 0;
  let repeat = 0;
  for (let i = 0; i < n; i++) {
    if (T[i]! > longest) longest = T[i]!;
    if (x[i]! > 0) repeat++;
  }
  const rule = c.churn === false ? false : c.churn.rules.inactivity;
  // The warning is about a fixed threshold: a data-relative rule (asked for, or the transactions-only default) measures against the gaps.
  const relative = rule !== false && (rule.relativeTo !== undefined || (noActivity && Object.keys(rule).length === 0));
  if (churn === null || rule === false || relative || repeat === 0) return { inactivityFlagged: null, inactivityDays: null, medianGapDays: null, longestHistoryDays: longest * days };
  const flagged = churn.inactivityFlagged;
  const gaps = new Float64Array(repeat);
  for (let i = 0, k = 0; i < n; i++) if (x[i]! > 0) gaps[k++] = (tx[i]! / x[i]!) * days;
  gaps.sort();
  const median = medianOfSorted(gaps);
  return { inactivityFlagged: flagged, inactivityDays: inactivitySettings("inactivityRule", rule).days, medianGapDays: median, longestHistoryDays: longest * days };
}


function nullToZero(v: number): number {
  return Number.isNaN(v) ? 0 : v;
}


/**
 * Whether every id is a number and no two are equal: a bitmap for dense whole ids (read twice, no copy), a
 * typed sort otherwise.
 */
function numericIdsUnique(list: readonly CustomerId[]): boolean {
  const n = list.length;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const id = list[i]!;
    if (typeof id !== "number") return false;
    if (id < lo) lo = id;
    if (id > hi) hi = id;
    if (!Number.isInteger(id)) whole = false;
  }
  if (n > 0 && whole && hi - lo < Math.min(8 * n + 64, 2 ** 32)) {
    const seen = new Uint32Array(((hi - lo) >>> 5) + 1);
    for (let i = 0; i < n; i++) {
      const k = (list[i] as number) - lo;
      const bit = 1 << (k & 31);
      if ((seen[k >>> 5]! & bit) !== 0) return false;
      seen[k >>> 5]! |= bit;
    }
    return true;
  }
  const ids = Float64Array.from(list as readonly number[]).sort();
  for (let i = 1; i < n; i++) if (ids[i] === ids[i - 1]) return false;
  return true;
}
