// The warnings of scoreCustomers: what a CRM should show beside the scores — a fit that failed, rows left
// out, defaults that look wrong for the data. Plain JSON, computed from what scoring already has.
import type { ResolvedScoreConfig } from "./scoreConfig.js";

/**
 * The codes a {@link ScoreWarning} can carry:
 *
 * | code | when |
 * |---|---|
 * | `FIT_NOT_CONVERGED` | the transaction or spend model (fitted here, or given with `converged: false`) did not converge or is not identified; its `reason` is in the message |
 * | `CLV_FROM_FAILED_FIT` | the P(alive), expected purchases and CLV columns rest on such a model |
 * | `ROWS_AFTER_END` | transaction rows after the observation end's period were left out |
 * | `ACTIVITY_WITHOUT_PURCHASES` | activity events or renewals of customers without a transaction were left out |
 * | `COVARIATES_WITHOUT_CUSTOMER` | rows of the covariate side table (`input.covariates`) of customers who were not scored were left out |
 * | `INACTIVITY_BELOW_PURCHASE_GAP` | the churn inactivity rule flags most customers because its fixed threshold (30 days by default with activity input) is shorter than the median time between a repeat customer's purchases |
 * | `HORIZON_BEYOND_DATA` | the CLV horizon (months) is more than 4 times the longest customer history observed, or above 10 years: an extrapolation, or days or weeks typed as months |
 *
 * @category Engine
 * @example
 * ```ts
 * SCORE_WARNING_CODES.includes("FIT_NOT_CONVERGED");
 * // => true
 * ```
 */
export const SCORE_WARNING_CODES = ["FIT_NOT_CONVERGED", "CLV_FROM_FAILED_FIT", "ROWS_AFTER_END", "ACTIVITY_WITHOUT_PURCHASES", "COVARIATES_WITHOUT_CUSTOMER", "INACTIVITY_BELOW_PURCHASE_GAP", "HORIZON_BEYOND_DATA"] as const;

/**
 * A warning code: one of {@link SCORE_WARNING_CODES}.
 *
 * @category Engine
 * @example
 * ```ts
 * const code: ScoreWarningCode = "ROWS_AFTER_END";
 * ```
 */
export type ScoreWarningCode = (typeof SCORE_WARNING_CODES)[number];

/**
 * Something about a {@link scoreCustomers} result a person should know before acting on it. Plain JSON: a
 * CRM can list them beside the scores.
 *
 * @category Engine
 * @example
 * ```ts
 * const w: ScoreWarning = { code: "ROWS_AFTER_END", message: "3 transaction rows after the observation end's period were left out.", path: "input.transactions", customers: null, value: 3 };
 * ```
 */
export interface ScoreWarning {
  /** What kind of warning (see {@link SCORE_WARNING_CODES}). */
  code: ScoreWarningCode;
  /** A sentence for a person: what was found, what it affects, and what to change. */
  message: string;
  /** The config key or input field concerned (`config.churn.rules.inactivity.days`, `models.transaction`), or `null`. */
  path: string | null;
  /** How many customers it concerns, or `null`. */
  customers: number | null;
  /** The number behind it (rows left out, the median gap in days, the horizon…), or `null`. */
  value: number | null;
}

/** Whether a model object reports a failed fit, and why. */
function failedFit(model: unknown): { failed: boolean; reason: string | null } {
  if (typeof model !== "object" || model === null) return { failed: false, reason: null };
  const m = model as { converged?: unknown; reason?: unknown };
  return { failed: m.converged === false, reason: typeof m.reason === "string" ? m.reason : null };
}

/** What the engine measured while scoring, for the warnings. */
export interface WarningInputs {
  config: ResolvedScoreConfig;
  customers: number;
  transactionModel: unknown;
  spendModel: unknown;
  /** Rows left out after the end (transactions input), or 0. */
  skippedAfterEnd: number;
  /** Activity events and renewals of customers who were not scored. */
  orphanEvents: number;
  /** Rows of `input.covariates` of customers who were not scored (0 when absent). */
  orphanCovariates?: number;
  /** Customers with an inactivity signal, or null when the rule did not run. */
  inactivityFlagged: number | null;
  /** The inactivity rule's threshold in days, or null. */
  inactivityDays: number | null;
  /** Median days between purchases of repeat customers, or null (none). */
  medianGapDays: number | null;
  /** The longest customer history, days. */
  longestHistoryDays: number;
}

const pct = (k: number, n: number): string => `${Math.round((100 * k) / n)} %`;

/** The warnings of a result, in a fixed order. */
export function scoreWarnings(w: WarningInputs): ScoreWarning[] {
  const out: ScoreWarning[] = [];
  const n = w.customers;
  const clv = w.config.clv;
  if (clv !== false && n > 0) {
    let failed = false;
    for (const [name, model] of [["transaction", w.transactionModel], ["spend", w.spendModel]] as const) {
      const f = failedFit(model);
      if (!f.failed) continue;
      failed = true;
      out.push({
        code: "FIT_NOT_CONVERGED",
        message: `The ${name} model did not converge${f.reason === null ? "" : ` (${f.reason})`}. Fit on more customers, add a penalizer (config.clv.penalizer), or pass a model fitted on more data (config.clv.${name}Model).`,
        path: `models.${name}`,
        customers: n,
        value: null,
      });
    }
    if (failed) {
      out.push({
        code: "CLV_FROM_FAILED_FIT",
        message: `P(alive), expected purchases and CLV of all ${n} customers rest on a model that did not converge: do not act on them until the fit succeeds.`,
        path: "customers[].clv",
        customers: n,
        value: null,
      });
    }
  }
  if (w.skippedAfterEnd > 0) {
    out.push({
      code: "ROWS_AFTER_END",
      message: `${w.skippedAfterEnd} transaction row${w.skippedAfterEnd === 1 ? " was" : "s were"} after the observation end's period and left out: is input.observationEnd the date you meant?`,
      path: "input.transactions",
      customers: null,
      value: w.skippedAfterEnd,
    });
  }
  if (w.orphanEvents > 0) {
    out.push({
      code: "ACTIVITY_WITHOUT_PURCHASES",
      message: `${w.orphanEvents} activity event${w.orphanEvents === 1 ? "" : "s"} or renewal${w.orphanEvents === 1 ? "" : "s"} belong to customers without a transaction and were left out: check that activity and transactions use the same customer ids.`,
      path: "input.activity",
      customers: null,
      value: w.orphanEvents,
    });
  }
  const oc = w.orphanCovariates ?? 0;
  if (oc > 0) {
    out.push({
      code: "COVARIATES_WITHOUT_CUSTOMER",
      message: `${oc} row${oc === 1 ? "" : "s"} of input.covariates belong${oc === 1 ? "s" : ""} to customers who were not scored and ${oc === 1 ? "was" : "were"} left out: fine for a side table of the whole customer base; otherwise check that the covariates and the summaries or transactions use the same customer ids.`,
      path: "input.covariates",
      customers: oc,
      value: oc,
    });
  }
  if (w.inactivityFlagged !== null && w.inactivityDays !== null && w.medianGapDays !== null && n > 0 && w.inactivityFlagged * 2 > n && w.medianGapDays > w.inactivityDays) {
    const gap = Math.round(w.medianGapDays);
    out.push({
      code: "INACTIVITY_BELOW_PURCHASE_GAP",
      message: `The inactivity rule flags ${pct(w.inactivityFlagged, n)} of customers (${w.inactivityFlagged} of ${n}) after ${w.inactivityDays} days without activity, but repeat customers buy every ${gap} days (median): most flags are customers between two purchases. Raise config.churn.rules.inactivity.days (e.g. to ${2 * gap}), measure each customer against their own purchase gaps (inactivity: { relativeTo: "customer" }), or pass activity events (logins, visits) in input.activity.`,
      path: "config.churn.rules.inactivity.days",
      customers: w.inactivityFlagged,
      value: w.medianGapDays,
    });
  }
  if (clv !== false && n > 0) {
    const historyMonths = w.longestHistoryDays / 30.4375;
    if (clv.horizon > 120 || (historyMonths > 0 && clv.horizon > 4 * historyMonths)) {
      out.push({
        code: "HORIZON_BEYOND_DATA",
        message: `The CLV horizon is ${clv.horizon} months, ${clv.horizon > 120 ? "over 10 years" : `more than 4 times the longest customer history (${historyMonths.toFixed(1)} months)`}: the model extrapolates far beyond the data. config.clv.horizon counts months (not days or weeks).`,
        path: "config.clv.horizon",
        customers: n,
        value: clv.horizon,
      });
    }
  }
  return out;
}
