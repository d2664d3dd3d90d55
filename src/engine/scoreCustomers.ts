import type { ScoreConfig } from "./scoreConfig.js";
import type { ScoreColumnsOutput, ScoreInput, ScoreOutput } from "./scoreTypes.js";
import { makeScorer } from "./createScorer.js";

/**
 * Scores every customer in one call: from transactions (or ready summaries) to one flat, plain
 * {@link ScoreRow} per customer — the summary, RFM scores and segment, value tier, ABC class, lifecycle
 * stage, P(alive), expected purchases and CLV over the horizon, and with `config.loyalty` the membership
 * level, points balance and account manager — plus the config used (defaults filled in),
 * the models fitted on the input (MBG/NBD by default, BG/NBD or Pareto/NBD, and Gamma-Gamma) or passed in
 * the config, and `warnings` a CRM should show beside the scores (see {@link SCORE_WARNING_CODES}).
 *
 * Units travel with the data: ready summaries are read in the `unit` they carry (summarizeTransactions
 * writes it) unless the config states one, and a stated unit they contradict is refused.
 *
 * Every column is the output of the public function that defines it; see {@link createScorer} for the list.
 * `scoreCustomers(input, config)` is `createScorer(config).score(input)`.
 *
 * Sync/async: the result is returned directly for arrays, iterables, columns and summaries, and as a Promise
 * when `input.transactions` is an async iterable of batches. Transactions are folded batch by batch into one
 * summary accumulator (memory grows with customers, not transactions); a one-shot iterable is read once.
 * Same input and config give byte-identical `JSON.stringify` output.
 *
 * Holdout check: with `input.calibrationEnd` (transactions, clv part on) every score is read at the
 * calibration end from the transactions up to its period — the rows and models are those of scoring the
 * calibration transactions alone — and `result.holdout` ({@link ScoreHoldout}) carries
 * {@link holdoutAccuracy} of the transaction model against the purchases after it up to `observationEnd`,
 * equal to `holdoutAccuracy(result.models.transaction, splitCalibrationHoldout(transactions, …))`.
 *
 * Covariates: with `config.clv.covariates` the transaction model is fitted with each customer's covariate
 * values (from `input.covariates`, or the ready summary rows' own fields), and P(alive), expected purchases and
 * CLV are {@link customerLifetimeValue}'s (with method "dert", {@link discountedExpectedTransactions}') on the
 * customer's own values, one prediction per customer: 2,000 customers with two covariates on both processes
 * score in about 0.15–0.3 s, fit included (Pareto/NBD, one core).
 *
 * @param input - `{ transactions | summaries, observationEnd, calibrationEnd?, covariates? }` (`asOf` is accepted for `observationEnd`), see {@link ScoreInput}
 * @param config - a {@link ScoreConfig}; `{}` or nothing for the defaults
 * @returns a {@link ScoreResult} `{ config, observationEnd, models, customers, warnings }` (a Promise for async input)
 * @throws RetentionKitError `INVALID_CONFIG` naming the config key; `INVALID_INPUT` for a missing
 *   `observationEnd` or when both or neither of transactions and summaries are given; the row errors of
 *   {@link summarizeTransactions} at `input.transactions[i].<field>` (batch k of an async input:
 *   `input.transactions[k][i].<field>`); the fit errors (`INSUFFICIENT_DATA` when nobody bought twice:
 *   pass `config.clv.spendModel` or switch the part off); `UNIT_MISMATCH` for summaries or a model in
 *   another unit than the one stated (or in two units); `INVALID_RANGE` at `input.calibrationEnd` when it is
 *   after `observationEnd`, `INVALID_INPUT` there with ready summaries, with `config.clv` false or with
 *   `config.loyalty` levels or points; with `config.loyalty`: `INVALID_INPUT` (path
 *   `input.summaries`) for levels or points on ready summaries, the errors of {@link pointsLedger} at
 *   `input.pointsEvents[i].<field>` (`INSUFFICIENT_POINTS` for a redemption above the balance), `DUPLICATE_ID`
 *   for a customer twice in `input.currentManagers` and the errors of {@link assignAccountManagers} at
 *   `input.currentManagers[i].managerId`; with covariates (`config.clv.covariates`, or a model fitted with
 *   them): `INVALID_INPUT` at `input.covariates` for transactions without it, for a scored customer without a
 *   row in it (the message names the id), or when the clv part uses no covariates, and at `input.calibrationEnd`;
 *   `INVALID_TYPE` / `INVALID_NUMBER` for a missing or non-numeric value at `input.covariates[i].<field>`
 *   (`input.covariates.<field>[i]` for columns) or `input.summaries[i].<field>`; `DUPLICATE_ID` for a customer
 *   twice in `input.covariates`; the covariate fit's errors (a constant or collinear covariate, named)
 * @category Engine
 * @example
 * ```ts
 * const log = [
 *   { customerId: 1, at: "2024-01-05", amount: 30 }, { customerId: 1, at: "2024-03-02", amount: 25 },
 *   { customerId: 1, at: "2024-06-10", amount: 40 }, { customerId: 2, at: "2024-02-11", amount: 12 },
 *   { customerId: 2, at: "2024-02-25", amount: 18 }, { customerId: 3, at: "2024-06-20", amount: 60 },
 * ];
 * const { customers } = scoreCustomers({ transactions: log, observationEnd: "2024-06-30" }, { clv: { spendModel: 25 } });
 * // Customer 1 bought twice in the prior 90 days and once in the last 90: declining, so at risk.
 * customers.map((c) => [c.customerId, c.rfmSegment, c.lifecycleStage, c.abcClass]);
 * // => [[1, "Loyal Customers", "at-risk", "A"], [2, "At Risk", "at-risk", "B"], [3, "New Customers", "new", "A"]]
 * // Scored at the end of March, checked against April to June:
 * const { holdout } = scoreCustomers({ transactions: log, calibrationEnd: "2024-03-31", observationEnd: "2024-06-30" }, { clv: { spendModel: 25 } });
 * [holdout!.holdoutDuration, holdout!.accuracy!.customers, holdout!.accuracy!.purchases.model.actualTotal];
 * // => [13, 2, 1]
 *
 * // The loyalty part: levels on 12 months' spend, a point per unit spent, one manager for the top two.
 * const loyalty = {
 *   levels: { levels: [{ name: "Silver", minSpend: 50, windowMonths: 12 }, { name: "Gold", minSpend: 90, windowMonths: 12 }] },
 *   points: { expiryDays: 365 },
 *   managers: { managers: [{ managerId: "m1", capacity: 2 }], keyAccount: { topN: 2 } },
 * };
 * const scored = scoreCustomers({ transactions: log, observationEnd: "2024-06-30", pointsEvents: [{ customerId: 1, at: "2024-06-15", type: "redeem", points: 20 }] }, { clv: false, loyalty });
 * scored.customers.map((c) => [c.customerId, c.level, c.pointsBalance, c.accountManager]);
 * // => [[1, "Gold", 75, "m1"], [2, null, 30, null], [3, "Silver", 60, "m1"]]
 * ```
 */
export function scoreCustomers<I extends ScoreInput>(input: I, config?: ScoreConfig): ScoreOutput<I> {
  return makeScorer("scoreCustomers", config).score(input);
}

/**
 * {@link scoreCustomers} with columns out: the same scores for the same input and config, as one array per
 * field ({@link ScoreColumns}) instead of one {@link ScoreRow} per customer. The engine computes every part
 * as columns either way; {@link scoreCustomers} then builds its rows from these columns, so both results
 * hold the same numbers by construction. On a million customers the rows
 * and the garbage they make cost about as much as the scoring itself: to write the scores to a column store
 * or an Arrow table, take the columns. `scoreCustomerColumns(input, config)` is
 * `createScorer(config).scoreColumns(input)`.
 *
 * @param input - as {@link scoreCustomers}
 * @param config - as {@link scoreCustomers}
 * @returns a {@link ScoreColumnsResult} `{ config, observationEnd, models, columns, warnings }` (a Promise for async input)
 * @throws RetentionKitError as {@link scoreCustomers}
 * @category Engine
 * @example
 * ```ts
 * const log = [
 *   { customerId: 1, at: "2024-01-05", amount: 30 }, { customerId: 1, at: "2024-03-02", amount: 25 },
 *   { customerId: 2, at: "2024-02-10", amount: 12 },
 * ];
 * const { columns } = scoreCustomerColumns({ transactions: log, observationEnd: "2024-06-30" }, { clv: false });
 * [columns.customerId, Array.from(columns.frequency), columns.rfmCode];
 * // => [[1, 2], [1, 0], ["555", "111"]]
 * ```
 */
export function scoreCustomerColumns<I extends ScoreInput>(input: I, config?: ScoreConfig): ScoreColumnsOutput<I> {
  return makeScorer("scoreCustomerColumns", config).scoreColumns(input);
}
