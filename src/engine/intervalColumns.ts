// The interval columns of the engine's CLV part: predictionIntervals over the scored customers, with the
// horizon, discount rate, margin and models of the CLV columns, so each customer's bounds are exactly what
// predictionIntervals gives for that customer.
import { predictionIntervals, type ModelWithCovariance, type PredictionIntervalsOptions } from "../clv/predictionIntervals.js";
import type { SpendModel } from "../clv/customerLifetimeValue.js";
import type { ResolvedScoreConfig } from "./scoreConfig.js";

/** Per customer (input order): the bounds of P(alive), of the expected purchases over the horizon and of CLV. */
export interface IntervalColumns {
  probabilityAlive: { lower: number | null; upper: number | null }[];
  expectedPurchases: { lower: number | null; upper: number | null }[];
  clv: { lower: number | null; upper: number | null }[];
}

/**
 * The options of {@link predictionIntervals} that reproduce the CLV part's columns: expected purchases over
 * the CLV horizon in months (4.345 weeks or 30 days) and the CLV of customerLifetimeValue.
 */
export function intervalOptions(c: ResolvedScoreConfig, spend: SpendModel | number): PredictionIntervalsOptions {
  const v = c.clv as Exclude<ResolvedScoreConfig["clv"], false>;
  const iv = v.intervals === false ? {} : v.intervals;
  const unit = c.summary.unit;
  return {
    ...iv,
    horizon: v.horizon * (unit === "week" ? 4.345 : 30),
    clv: { spendModel: spend, horizon: v.horizon, discountRate: v.discountRate, margin: v.margin, unit },
  };
}

/** Interval columns for customers (x, t_x, T, z̄ as columns), or a coded error of predictionIntervals. */
export function intervalColumns(
  model: ModelWithCovariance,
  spend: SpendModel | number,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  m: Float64Array,
  c: ResolvedScoreConfig,
): IntervalColumns {
  const rows = Array.from({ length: x.length }, (_, i) => ({ frequency: x[i]!, recency: tx[i]!, T: T[i]!, monetaryValue: m[i]! }));
  const res = predictionIntervals(model, rows, intervalOptions(c, spend));
  const bounds = (q: { lower: number | null; upper: number | null } | null): { lower: number | null; upper: number | null } =>
    q === null ? { lower: null, upper: null } : { lower: q.lower, upper: q.upper };
  return {
    probabilityAlive: res.customers.map((r) => bounds(r.probabilityAlive)),
    expectedPurchases: res.customers.map((r) => bounds(r.expectedPurchases)),
    clv: res.customers.map((r) => bounds(r.clv)),
  };
}
