import type { ChurnEvent, ChurnSignal, RiskLevel } from "../churn/types.js";
import type { BgNbdFit } from "../clv/fitBgNbd.js";
import type { GammaGammaFit } from "../clv/fitGammaGamma.js";
import type { ParetoNbdFit } from "../clv/fitParetoNbd.js";
import type { GammaGammaParams, ModelSpec } from "../clv/types.js";
import type { CustomerId, TimeInput, TimeUnit } from "../data/time.js";
import type { SummaryTable } from "../summary/types.js";
import type { summaryTable } from "../summary/summaryTable.js";
import type { CustomerSummary, DictionaryIds, Transaction, TransactionColumns } from "../data/types.js";
import type { LifecycleStageName } from "../tiers/lifecycleStage.js";
import type { PointsEvent } from "../loyalty/pointsLedger.js";
import type { ResolvedScoreConfig } from "./scoreConfig.js";
import type { ScoreWarning } from "./scoreWarnings.js";
import type { ScoreHoldout } from "./holdoutCheck.js";
import type { ScoreColumnsResult } from "./scoreColumns.js";

/**
 * One batch of transactions: rows `{ customerId, at, amount? }` (an array or any iterable) or
 * {@link TransactionColumns} (typed arrays; the fastest form; string ids fastest dictionary-encoded, as
 * `{ codes, dictionary }`, see {@link DictionaryIds}).
 *
 * @category Engine
 * @example
 * ```ts
 * const batch: TransactionBatch = { customerId: Int32Array.of(1, 1, 2), at: Float64Array.of(0, 864e5, 0), amount: Float64Array.of(10, 20, 5) };
 * ```
 */
export type TransactionBatch = Iterable<Transaction> | TransactionColumns;

/**
 * A ready summary row for {@link scoreCustomers}: a {@link CustomerSummary} (as {@link summarizeTransactions},
 * {@link createSummaryAccumulator} or {@link summarySql} give it; read in its `unit`, or in the config's
 * `summary.unit` when it carries none), optionally
 * with the lifecycle window counts. Without them the lifecycle stage cannot see growth or decline (both
 * count as 0) and rests on recency and tenure alone.
 *
 * @category Engine
 * @example
 * ```ts
 * const row: ScoreSummary = { customerId: 7, frequency: 2, recency: 30, T: 40, monetaryValue: 20, transactionCount: 3,
 *   totalAmount: 55, firstAt: Date.UTC(2024, 0, 1), lastAt: Date.UTC(2024, 6, 30), recentPurchases: 1, priorPurchases: 1 };
 * ```
 */
export interface ScoreSummary extends CustomerSummary {
  /** Transactions in the last `lifecycle.windowDays` before `observationEnd`. Default 0. */
  recentPurchases?: number;
  /** Transactions in the window of the same length before that. Default 0. */
  priorPurchases?: number;
}

/**
 * Ready summaries as columns: one array (or typed array) per {@link ScoreSummary} field, all of one length,
 * entry i of each being customer i. What {@link summaryTable} returns fits as it is (`typed: true` or not).
 * A million summaries held this way cost the engine about a second less than a million row objects: V8's
 * full collections, which the engine's column buffers set off, need not walk the objects.
 *
 * @category Engine
 * @example
 * ```ts
 * const summaries: ScoreSummaryColumns = {
 *   customerId: ["a", "b"], frequency: [2, 0], recency: [30, 0], T: [40, 12], monetaryValue: [20, 0],
 *   transactionCount: [3, 1], totalAmount: [60, 15], firstAt: [1704067200000, 1711929600000],
 *   lastAt: [1706659200000, 1711929600000], unit: "day",
 * };
 * ```
 */
export interface ScoreSummaryColumns {
  readonly customerId: ArrayLike<CustomerId>;
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  readonly monetaryValue: ArrayLike<number>;
  readonly totalAmount: ArrayLike<number>;
  readonly transactionCount: ArrayLike<number>;
  readonly firstAt: ArrayLike<number>;
  readonly lastAt: ArrayLike<number>;
  /** Optional window counts (see {@link ScoreSummary}); 0 where absent. */
  readonly recentPurchases?: ArrayLike<number> | undefined;
  readonly priorPurchases?: ArrayLike<number> | undefined;
  /** The unit of `recency` and `T`, as a {@link SummaryTable} carries it. */
  readonly unit?: TimeUnit | undefined;
}

/**
 * The input of {@link scoreCustomers}: transactions or ready summaries (exactly one), and the end of
 * observation. Transactions are folded batch by batch into one summary state, so memory grows with the
 * number of customers, never with the number of transactions.
 *
 * With covariates (`config.clv.covariates`, or a model fitted with them), `input.covariates` gives each
 * customer's values: two customers with the same purchases and different channels get different scores.
 *
 * @category Engine
 * @example
 * ```ts
 * const input: ScoreInput = { transactions: [{ customerId: "a", at: "2024-05-01", amount: 20 }], observationEnd: "2024-06-30" };
 * ```
 * @example
 * ```ts
 * const model = { model: "pareto-nbd", params: { r: 0.5, alpha: 10, s: 0.6, beta: 12 }, covariates: { purchase: { channel: 0.4 }, attrition: { channel: -0.3 } }, unit: "week" } as const;
 * const log = [
 *   { customerId: "a", at: "2024-01-10", amount: 20 }, { customerId: "a", at: "2024-03-02", amount: 30 },
 *   { customerId: "b", at: "2024-01-10", amount: 20 }, { customerId: "b", at: "2024-03-02", amount: 30 },
 * ];
 * const withChannel: ScoreInput = { transactions: log, covariates: [{ customerId: "a", channel: 1 }, { customerId: "b", channel: 0 }], observationEnd: "2024-06-30" };
 * scoreCustomers(withChannel, { clv: { transactionModel: model, spendModel: 20 }, churn: false }).customers.map((c) => [c.customerId, c.probabilityAlive?.toFixed(3), c.expectedPurchases?.toFixed(3)]);
 * // => [["a", "0.571", "1.090"], ["b", "0.547", "0.923"]]
 * ```
 */
export interface ScoreInput {
  /**
   * Rows (an array or any iterable), {@link TransactionColumns}, or an async iterable of batches (each rows
   * or columns; then {@link scoreCustomers} returns a Promise).
   */
  readonly transactions?: TransactionBatch | AsyncIterable<TransactionBatch> | undefined;
  /** Ready summaries instead of transactions: rows, or columns ({@link ScoreSummaryColumns}, such as a {@link SummaryTable}). */
  readonly summaries?: readonly ScoreSummary[] | ScoreSummaryColumns | undefined;
  /**
   * Activity and feedback events for the churn part, one row per event: `{ customerId, type, at, feature?,
   * score?, sentiment? }` (see {@link ChurnEvent}). Events of customers without transactions are ignored.
   * Kept in memory grouped by customer while scoring.
   */
  readonly activity?: Iterable<ChurnEvent & { readonly customerId: CustomerId }> | undefined;
  /**
   * Points events for `config.loyalty.points` (earn, redeem, adjust, expire: `{ customerId, at, type, points }`,
   * see {@link PointsEvent}), applied with the points the transactions earn. Ignored when points are off.
   */
  readonly pointsEvents?: Iterable<PointsEvent> | undefined;
  /** Each customer's current account manager `{ customerId, managerId }`, one per customer, for `config.loyalty.managers`. */
  readonly currentManagers?: Iterable<{ readonly customerId: CustomerId; readonly managerId: string | number }> | undefined;
  /** Next renewal dates for the churn part's renewal rule: `{ customerId, renewalAt }`, one per customer. */
  readonly renewals?: Iterable<{ readonly customerId: CustomerId; readonly renewalAt: TimeInput }> | undefined;
  /**
   * The end of observation and the date every score is read at; transactions after its period are left out.
   * At run time `asOf` is accepted as its exact synonym (both only when they are the same instant).
   */
  readonly observationEnd: TimeInput;
  /**
   * A calibration end (not after `observationEnd`; transactions only, clv part on): the scores are then
   * read at this date, from the transactions up to its period, and the result's `holdout` checks the
   * transaction model against the purchases made after it up to `observationEnd` ({@link ScoreHoldout}).
   */
  readonly calibrationEnd?: TimeInput | undefined;
  /**
   * Per-customer covariates for `config.clv.covariates` (or a given transaction model fitted with covariates):
   * a side table joined by customer id, rows `{ customerId, [field]: number }` (other fields ignored) or columns
   * `{ customerId: ids[], [field]: number[] }`; one row per customer (`DUPLICATE_ID`). Required with
   * transactions; with ready summaries it replaces the rows' own fields of those names. A scored customer
   * without a row is refused (`INVALID_INPUT`, path `input.covariates`); a row of a customer who is not
   * scored is left out and counted in the warnings (`COVARIATES_WITHOUT_CUSTOMER`), so one table of the whole
   * customer base serves every batch. Refused when the clv part uses no covariates.
   */
  readonly covariates?: Iterable<{ readonly customerId: CustomerId; readonly [field: string]: unknown }> | { readonly customerId: ArrayLike<CustomerId>; readonly [field: string]: unknown } | undefined;
}

/**
 * One customer's scores: flat, plain values that write straight to a table row. Columns of a part that is
 * switched off are `null`. Times are epoch ms; durations in the config's `summary.unit` unless named in days.
 *
 * @category Engine
 * @example
 * ```ts
 * const [row] = scoreCustomers({ transactions: [{ customerId: "a", at: "2024-05-01", amount: 20 }], observationEnd: "2024-06-30" },
 *   { clv: false }).customers;
 * [row.customerId, row.rfmCode, row.rfmSegment, row.lifecycleStage];
 * // => ["a", "333", "Need Attention", "new"]
 * ```
 */
export interface ScoreRow extends CustomerSummary {
  /** Whole UTC days from the last purchase's day to the observation end's day (the RFM recency). */
  recencyDays: number;
  /** RFM recency score 1..bins, or `null` (rfm off). */
  rfmR: number | null;
  /** RFM frequency score (of purchase periods), or `null`. */
  rfmF: number | null;
  /** RFM monetary score (of total spend), or `null`. */
  rfmM: number | null;
  /** The RFM code, e.g. `"545"`, or `null`. */
  rfmCode: string | null;
  /** r + f + m, or `null`. */
  rfmTotal: number | null;
  /** The RFM segment, or `null`. */
  rfmSegment: string | null;
  /** The value tier label, or `null` (tiers off). */
  valueTier: string | null;
  /** The ABC class, or `null` (abc off). */
  abcClass: string | null;
  /** Cumulative value share down to this customer's value (abc), or `null`. */
  abcCumulativeShare: number | null;
  /** The lifecycle stage, or `null` (lifecycle off). */
  lifecycleStage: LifecycleStageName | null;
  /** Days from the first purchase to the observation end, or `null`. */
  tenureDays: number | null;
  /** Days from the last purchase to the observation end, or `null`. */
  daysSinceLast: number | null;
  /** Churn risk in [0, 1] (noisy-or of the rules' signals), or `null` (churn off). */
  churnRiskScore: number | null;
  /** `"low"`, `"medium"` or `"high"`, or `null`. */
  churnRiskLevel: RiskLevel | null;
  /** The signals' reasons, strongest first, joined by `"; "` (`""` without signals), or `null`. */
  churnReasons: string | null;
  /** The signals as {@link detectChurnSignals} gives them (rule, severity, weight, contribution, reason, evidence), or `null`. */
  churnSignals: ChurnSignal[] | null;
  /** The churn model's probability ({@link scoreChurn} on the engine's purchase features), or `null` (no `config.churnModel`). */
  churnProbability: number | null;
  /** P(alive) at the observation end, or `null` (clv off). */
  probabilityAlive: number | null;
  /** Expected purchases over the CLV horizon, or `null`. */
  expectedPurchases: number | null;
  /** Expected spend per purchase (Gamma-Gamma conditional mean or the constant), or `null`. */
  expectedSpend: number | null;
  /**
   * Discounted CLV over the horizon (`config.clv.method` `"horizon"`), or margin × expected spend × DERT
   * (`"dert"`: all future purchases, discounted continuously); `null` (clv off, or no expected spend).
   */
  clv: number | null;
  /**
   * Why P(alive) seems to contradict the row, or `null` (nothing to explain, or clv off): under BG/NBD a
   * customer without a repeat purchase has P(alive) = 1 by the model's convention; and a P(alive) ≥ 0.5
   * beside the RFM segment "Lost", the lifecycle stage "churned" or a high churn risk is the model reading
   * the customer's own pace against fixed day thresholds. One shared sentence per case.
   */
  probabilityAliveNote: string | null;
  /** Lower end of P(alive)'s interval ({@link predictionIntervals}); present only with `config.clv.intervals`, `null` without a covariance. */
  probabilityAliveLower?: number | null;
  /** Upper end of P(alive)'s interval; as `probabilityAliveLower`. */
  probabilityAliveUpper?: number | null;
  /** Lower end of the expected purchases' interval; as `probabilityAliveLower`. */
  expectedPurchasesLower?: number | null;
  /** Upper end of the expected purchases' interval; as `probabilityAliveLower`. */
  expectedPurchasesUpper?: number | null;
  /** Lower end of the CLV's interval; `null` also where the CLV is. As `probabilityAliveLower`. */
  clvLower?: number | null;
  /** Upper end of the CLV's interval; as `clvLower`. */
  clvUpper?: number | null;
  /**
   * The membership level at the observation end, as {@link membershipLevels} gives it for the customer's
   * transactions and `config.loyalty.levels`; `null` when that part is off or no level is held.
   */
  level: string | null;
  /** Points held at the observation end ({@link pointsLedger} over the transactions and `input.pointsEvents`), or `null` (points off). */
  pointsBalance: number | null;
  /** Of those, points expiring within `config.loyalty.points.expiringWithinDays` days, or `null` (points off). */
  pointsExpiringSoon: number | null;
  /** The account manager {@link assignAccountManagers} gives the customer, or `null` (managers off, or not a key account, or not placed). */
  accountManager: string | number | null;
}

/**
 * The models the CLV part used: fitted on the input (the whole fit result) or passed in the config (as
 * given). Either can be put back into `config.clv` to score later data with the same models.
 *
 * @category Engine
 * @example
 * ```ts
 * const m: ScoreModels = { transaction: { model: "bg-nbd", params: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 } }, spend: 20 };
 * ```
 */
export interface ScoreModels {
  /** The transaction model, or `null` when the clv part is off or there were no customers. */
  transaction: BgNbdFit | ParetoNbdFit | Extract<ModelSpec, { model: "bg-nbd" | "mbg-nbd" | "pareto-nbd" }> | null;
  /** The spend model (a Gamma-Gamma fit or spec, or a constant spend), or `null`. */
  spend: GammaGammaFit | { model: "gamma-gamma"; params: GammaGammaParams } | number | null;
}

/**
 * The result of {@link scoreCustomers}: plain JSON, byte-identical for the same input and config.
 *
 * @category Engine
 * @example
 * ```ts
 * const r: ScoreResult = scoreCustomers({ summaries: [], observationEnd: "2024-06-30" }, {});
 * [r.customers.length, r.models.transaction];
 * // => [0, null]
 * ```
 */
export interface ScoreResult {
  /** The config used, every default filled in. */
  config: ResolvedScoreConfig;
  /** The observation end, epoch ms: the date the scores are read at (the calibration end when `input.calibrationEnd` is given). */
  observationEnd: number;
  /** The models the CLV part used. */
  models: ScoreModels;
  /** One row per customer, in customer-id order for transactions (numbers ascending, then strings), in input order for summaries. */
  customers: ScoreRow[];
  /**
   * What to know before acting on the scores (see {@link SCORE_WARNING_CODES}): a fit that did not converge
   * and the CLV resting on it, rows left out, defaults that look wrong for the data. `[]` when none.
   */
  warnings: ScoreWarning[];
  /**
   * The holdout check, present only when `input.calibrationEnd` was given ({@link ScoreHoldout}); `observationEnd`
   * and every score are then the calibration end's.
   */
  holdout?: ScoreHoldout;
}

/**
 * What {@link scoreCustomers} returns for an input type: a Promise when `transactions` is an async iterable,
 * the result itself otherwise (a union when the type cannot tell).
 *
 * @category Engine
 * @example
 * ```ts
 * type Sync = ScoreOutput<{ transactions: Transaction[]; observationEnd: string }>; // ScoreResult
 * ```
 */
export type ScoreOutput<I extends ScoreInput> = [I] extends [{ readonly transactions: AsyncIterable<TransactionBatch> }]
  ? Promise<ScoreResult>
  : [I] extends [{ readonly transactions?: TransactionBatch | undefined; readonly observationEnd: unknown }]
    ? ScoreResult
    : ScoreResult | Promise<ScoreResult>;

/**
 * What {@link scoreCustomerColumns} returns for an input type: as {@link ScoreOutput}, with
 * {@link ScoreColumnsResult} in place of {@link ScoreResult}.
 *
 * @category Engine
 * @example
 * ```ts
 * type Sync = ScoreColumnsOutput<{ summaries: ScoreSummary[]; observationEnd: string }>; // ScoreColumnsResult
 * ```
 */
export type ScoreColumnsOutput<I extends ScoreInput> = [I] extends [{ readonly transactions: AsyncIterable<TransactionBatch> }]
  ? Promise<ScoreColumnsResult>
  : [I] extends [{ readonly transactions?: TransactionBatch | undefined; readonly observationEnd: unknown }]
    ? ScoreColumnsResult
    : ScoreColumnsResult | Promise<ScoreColumnsResult>;
