// The engine's CLV by DERT (`config.clv.method: "dert"`): the present value of all future purchases,
// discounted continuously, instead of the horizon sum. DERT depends only on the history (x, t_x, T), so
// discountedExpectedTransactions runs once per distinct history; each customer's value is margin · E[spend]
// · DERT, the factors in that order, so the numbers are those of composing the public functions by hand.
import { discountedExpectedTransactions } from "../clv/discountedExpectedTransactions.js";
import type { TransactionModel } from "../clv/types.js";
import type { RowIndex } from "../internal/patterns.js";
import type { ClvColumns } from "./clvColumns.js";

/** The length of a month in the summaries' unit, as the horizon method counts it (lifetimes' freq="W": 4.345 weeks). */
export function monthLength(unit: "day" | "week"): number {
  return unit === "week" ? 4.345 : 30;
}

/**
 * δ per time unit equivalent to a monthly discount rate d: e^(−δ·month) = 1/(1 + d), so δ = ln(1 + d) / month.
 */
export function continuousRate(monthlyRate: number, unit: "day" | "week"): number {
  return Math.log1p(monthlyRate) / monthLength(unit);
}

/**
 * Replaces the CLV column of `columns` (computed by clvColumns, whose expected spend it keeps) by
 * margin · E[spend] · DERT(x, t_x, T; δ), DERT evaluated once per distinct history.
 */
export function dertClvColumns(model: Exclude<TransactionModel, { model: "bg-bb" }>, histories: RowIndex, columns: ClvColumns, margin: number, delta: number): ClvColumns {
  const [hx, htx, hT] = histories.columns as [Float64Array, Float64Array, Float64Array];
  const dert = new Float64Array(hx.length);
  for (let k = 0; k < hx.length; k++) {
    dert[k] = discountedExpectedTransactions(model, { frequency: hx[k]!, recency: htx[k]!, T: hT[k]! }, { continuousDiscountRate: delta });
  }
  const n = columns.clv.length;
  const clv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const spend = columns.expectedSpend[i]!;
    const value = Number.isNaN(spend) ? Number.NaN : margin * spend * dert[histories.of[i]!]!;
    clv[i] = Number.isFinite(value) ? value : Number.NaN;
  }
  return { ...columns, clv };
}
