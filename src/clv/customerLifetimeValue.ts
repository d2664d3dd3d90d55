import type { CustomerId } from "../data/time.js";
import { array, fail, finiteNumber, optionsBag, rateFraction, positiveNumber, record, show, integerAtLeast, customerId as readCustomerId, oneOf } from "../internal/validate.js";
import { gammaGammaSpend } from "./expectedAverageSpend.js";
import { readModelParams } from "./readModel.js";
import { discountedPurchaseColumns, readCustomerFor, type DiscountedPurchases } from "./transactionKernels.js";
import { personalModel } from "./covariateModels.js";
import { readTransactionModel, type TransactionCustomer } from "./transactionModels.js";
import type { GammaGammaParams, TransactionModel } from "./types.js";
import { DEFAULT_DISCOUNT_RATE } from "../internal/defaults.js";
import { UnitAgreement } from "../internal/units.js";

/**
 * Options of {@link customerLifetimeValue}. Give either `unit` or `periodLength`; with a BG/BB model the
 * default period is one opportunity.
 *
 * @category CLV
 * @example
 * ```ts
 * // lifetimes' customer_lifetime_value(..., time=12, discount_rate=0.01, freq="W"):
 * const o: CustomerLifetimeValueOptions = { horizon: 12, discountRate: 0.01, unit: "week" };
 * ```
 */
export interface CustomerLifetimeValueOptions {
  /**
   * Number of discount periods to sum over (e.g. 12 months). A whole number from 0 to 10 000. Past 200
   * periods the work no longer grows with the horizon nor, much, with the customers (see
   * {@link customerLifetimeValue}). Required.
   */
  horizon: number;
  /**
   * Discount rate per period, a fraction in [0, 1] (`10` is refused as a likely percentage). Default 0.01
   * (1 % a month, about 12.7 % a year): lifetimes' `discount_rate` default and the engine's, so the two agree.
   */
  discountRate?: number;
  /**
   * The model's time unit, for monthly discount periods with lifetimes' month lengths: `"week"` → 4.345
   * weeks, `"day"` → 30 days. Default: the unit the data carries (the customers' `unit`, which
   * summarizeTransactions writes, or the fitted model's); stating a unit the data contradicts is
   * `UNIT_MISMATCH`. Ignored for the period length when `periodLength` is given (but still checked).
   */
  unit?: "week" | "day";
  /** Length of one discount period in the model's time unit (opportunities for BG/BB, whole). Overrides `unit`. */
  periodLength?: number;
  /** Profit margin applied to spend, a fraction in [0, 1] (0.3 = 30 %; 1 = revenue). Default 1. */
  margin?: number;
}

/**
 * One customer's value, in input order.
 *
 * @category CLV
 * @example
 * ```ts
 * const row: CustomerLifetimeValue = { customerId: 1, clv: 36.28, expectedPurchases: 1.57, expectedSpend: 24.66, probabilityAlive: 0.73 };
 * ```
 */
export interface CustomerLifetimeValue {
  /** The row's `customerId`, or `null` when the row has none. */
  customerId: CustomerId | null;
  /** Discounted expected margin over the horizon; `null` when the spend model gives no expected spend. */
  clv: number | null;
  /** Undiscounted expected purchases over the whole horizon, E[Y(horizon · periodLength) | history]. */
  expectedPurchases: number;
  /** Expected spend per purchase (Gamma-Gamma conditional mean, or the constant given); `null` if undefined. */
  expectedSpend: number | null;
  /** P(alive) now (BG/BB: at the next opportunity). */
  probabilityAlive: number;
}

/**
 * A customer row of {@link customerLifetimeValue}: the transaction model's history fields plus spend. The
 * rows of `summarizeTransactions` fit as they are.
 *
 * @category CLV
 * @example
 * ```ts
 * const c: ClvCustomer = { customerId: 1, frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 };
 * ```
 */
export type ClvCustomer = TransactionCustomer & {
  /** Mean spend of the repeat purchases (0 without any); needed with a Gamma-Gamma spend model. */
  monetaryValue?: number;
  /** Copied to the result. */
  customerId?: CustomerId;
};

/** Largest `horizon` (discount periods) of {@link customerLifetimeValue}. */
const MAX_HORIZON = 10_000;

/**
 * A spend model for {@link customerLifetimeValue}: a Gamma-Gamma model (fitted, or written down from a paper).
 *
 * @category CLV
 * @example
 * ```ts
 * const spend: SpendModel = { model: "gamma-gamma", params: { p: 6.25, q: 3.74, v: 15.44 } };
 * ```
 */
export type SpendModel = { readonly model: "gamma-gamma"; readonly params: GammaGammaParams };

/**
 * Customer lifetime value over a finite horizon: the expected margin of each customer's future purchases,
 * discounted per period —
 *
 *   CLV = margin · E[spend | x, z̄] · Σ_{i=1}^{H} ( E[Y(i·L) | history] − E[Y((i−1)·L) | history] ) / (1 + d)^i,
 *
 * where E[Y(t) | history] is the transaction model's conditional expected purchases in the next t time units
 * ({@link conditionalExpectedPurchases}), L the discount-period length, H the horizon in periods and d the
 * discount rate per period. Purchases in period i are discounted as if made at the END of period i. The
 * spend is the Gamma-Gamma conditional expected spend ({@link expectedAverageSpend}; Fader, Hardie & Lee 2005,
 * "RFM and CLV") or a constant spend per purchase.
 *
 * This is exactly lifetimes' `GammaGammaFitter.customer_lifetime_value(model, ..., time=H,
 * discount_rate=d, freq=…)`: `unit: "week"` uses its month of 4.345 weeks, `unit: "day"` its 30 days. The
 * unit travels with the data — summaries and the models fitted on them carry it — so it can be left out,
 * and a stated unit the data contradicts is refused: lifetimes' documentation example passes week-unit data
 * with its default `freq="D"`, which silently treats 30 weeks as a month. Rows written by hand without a
 * `unit` need `options.unit` (or `periodLength`).
 *
 * Work: horizons up to 200 periods are summed period by period. Longer ones take the first 200 periods so,
 * drop the periods whose discount factor is below 1e-17 (E[Y] is concave in t, which bounds what they add to
 * below 1e-17 of the result) and sum the rest by parts with Gregory's formula around a Gauss–Legendre
 * integral. For BG/NBD, MBG/NBD and Pareto/NBD that sum depends on a customer's age only through a smooth
 * function of ln(α+T) (ln(β+T)), the same for every customer with the same frequency: it is tabulated as
 * Chebyshev interpolants on a grid fixed by the model and read off per customer (P(alive), which carries the
 * recency, stays exact). So the work is independent of the horizon and nearly of the number of customers
 * (1 M customers over 10 000 weekly-model months take about a second), within ~1e-13 of the
 * period-by-period sum (`scripts/clvHorizonCheck.ts`), and a customer's value is the same alone as in any
 * batch. With a model fitted with covariates each customer has its own parameters, so nothing is shared:
 * each is summed on its own (a few hundred predictions).
 *
 * @param transactionModel - any transaction model `{ model, params }` (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB)
 * @param spendModel - a Gamma-Gamma model `{ model: "gamma-gamma", params }`, or a number: a constant spend
 * per purchase
 * @param customers - rows `{ frequency, recency, T, monetaryValue, customerId? }` (`n` instead of `T` for BG/BB),
 *   with a transaction model fitted with covariates also each customer's covariate fields (its own parameters);
 * `monetaryValue` (mean spend of the repeat purchases) is needed only with a Gamma-Gamma spend model
 * @param options - see {@link CustomerLifetimeValueOptions}
 * @returns one {@link CustomerLifetimeValue} per customer, in input order; `[]` for no customers
 * @throws RetentionKitError `INVALID_MODEL` / `INVALID_PARAMETER` for a bad model; `UNIT_MISMATCH` when
 * `options.unit`, the model's `unit` and the customers' `unit` fields disagree (at the first one that
 * contradicts); `INVALID_OPTION` when no unit is known (none stated, none carried) and no `periodLength`
 * is given for a continuous-time model; `OUT_OF_RANGE` (also for a horizon
 * above 10 000 periods, and for a `discountRate` or `margin` outside [0, 1]: `discountRate: 10` is refused with
 * "did you mean 0.1?"), `NOT_INTEGER`,
 * `INVALID_NUMBER` for bad options; the row errors of {@link conditionalExpectedPurchases} and
 * `NEGATIVE_VALUE` for a negative `monetaryValue`, at `customers[i].<field>`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @throws RetentionKitError for a transaction model fitted with covariates: `INVALID_TYPE` / `INVALID_NUMBER` when a
 *   customer lacks a covariate field or it is not a finite number (path `customers[i].<field>`), `OUT_OF_RANGE` when
 *   the covariates shift a parameter outside [1e-12, 1e12]
 * @category CLV
 * @example
 * ```ts
 * const bgnbd = { model: "bg-nbd", params: { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 } } as const;
 * const gg = { model: "gamma-gamma", params: { p: 6.2488, q: 3.7443, v: 15.4425 } } as const;
 * const [c] = customerLifetimeValue(bgnbd, gg, [{ customerId: 1, frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 }],
 *   { horizon: 12, discountRate: 0.01, unit: "week" });
 * c.clv.toFixed(2);
 * // => "36.28"
 * ```
 */
export function customerLifetimeValue(
  transactionModel: TransactionModel,
  spendModel: SpendModel | number,
  customers: readonly ClvCustomer[],
  options: CustomerLifetimeValueOptions,
): CustomerLifetimeValue[] {
  const fn = "customerLifetimeValue";
  const model = readTransactionModel(fn, transactionModel, "transactionModel", true);
  let spend: GammaGammaParams | number;
  if (typeof spendModel === "number") {
    spend = finiteNumber(fn, spendModel, "spendModel");
    if (!(spend >= 0)) fail(fn, "NEGATIVE_VALUE", `spendModel must be ≥ 0 when a constant spend, got ${show(spend)}`, "spendModel");
  } else {
    const p = readModelParams(fn, spendModel, "gamma-gamma", ["p", "q", "v"], "spendModel");
    spend = { p: p.p, q: p.q, v: p.v };
  }
  const o = optionsBag(fn, options, ["horizon", "discountRate", "unit", "periodLength", "margin"] as const satisfies readonly (keyof CustomerLifetimeValueOptions)[]);
  const horizon = integerAtLeast(fn, o["horizon"], "options.horizon", 0);
  // One prediction per period and customer: a horizon of 2^53 periods would never finish.
  if (!(horizon <= MAX_HORIZON)) fail(fn, "OUT_OF_RANGE", `options.horizon must be at most ${MAX_HORIZON} periods, got ${show(horizon)}`, "options.horizon");
  const d = o["discountRate"] === undefined ? DEFAULT_DISCOUNT_RATE : rateFraction(fn, o["discountRate"], "options.discountRate");
  const margin = o["margin"] === undefined ? 1 : rateFraction(fn, o["margin"], "options.margin");
  const periodLength =
    o["periodLength"] === undefined
      ? undefined
      : model.model === "bg-bb"
        ? integerAtLeast(fn, o["periodLength"], "options.periodLength", 1)
        : positiveNumber(fn, o["periodLength"], "options.periodLength");
  const stated = o["unit"] === undefined ? undefined : oneOf(fn, o["unit"], "options.unit", ["week", "day"]);
  if (stated !== undefined && model.model === "bg-bb") fail(fn, "INVALID_OPTION", "options.unit does not apply to a BG/BB model (its time is counted in opportunities): give options.periodLength", "options.unit");
  // The time unit: the one stated, the model's and the rows' must agree; where none is stated, the data's.
  const units = new UnitAgreement(fn, stated, "options.unit");
  if (model.model !== "bg-bb") units.see(model.unit, "transactionModel.unit");

  const rows = array<unknown>(fn, customers, "customers");
  const n = rows.length;
  const v = new Float64Array(3);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const age = new Float64Array(n);
  const ids = new Array<CustomerId | null>(n);
  // A model fitted with covariates: each customer's own model, from its covariate fields.
  const own: TransactionModel[] | null = model.coefficients === undefined ? null : new Array<TransactionModel>(n);
  const spendOf = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    const path = `customers[${i}]`;
    const row = record(fn, rows[i], path);
    readCustomerFor(fn, model, row, path, v, "transactionModel");
    if (own !== null) own[i] = personalModel(fn, model, row, path);
    if (model.model !== "bg-bb") units.see(row["unit"], `${path}.unit`);
    x[i] = v[0]!;
    tx[i] = v[1]!;
    age[i] = v[2]!;
    const rawId = row["customerId"]; // read once: the id checked is the id returned
    ids[i] = rawId === undefined ? null : readCustomerId(fn, rawId, `${path}.customerId`);
    if (typeof spend === "number") {
      spendOf[i] = spend;
    } else {
      const m = finiteNumber(fn, row["monetaryValue"], `${path}.monetaryValue`);
      if (!(m >= 0)) fail(fn, "NEGATIVE_VALUE", `${path}.monetaryValue must be ≥ 0, got ${show(m)}`, `${path}.monetaryValue`);
      spendOf[i] = gammaGammaSpend(spend.p, spend.q, spend.v, v[0]!, m);
    }
  }
  let L: number;
  if (periodLength !== undefined) {
    L = periodLength;
  } else if (model.model === "bg-bb") {
    L = 1;
  } else if (units.unit !== undefined) {
    L = units.unit === "week" ? 4.345 : 30;
  } else {
    return fail(fn, "INVALID_OPTION", 'options must give the model\'s time unit (unit: "week" or "day") or the discount-period length (periodLength): neither the customers nor the model carry a unit (summaries from summarizeTransactions do)', "options");
  }
  const sums = own === null ? discountedPurchaseColumns(model, x, tx, age, horizon, L, d) : perCustomerColumns(own, x, tx, age, horizon, L, d);
  const out: CustomerLifetimeValue[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const perPurchase = spendOf[i] ?? null;
    const clv = perPurchase === null ? null : margin * perPurchase * sums.discounted[i]!;
    out[i] = {
      customerId: ids[i] ?? null,
      clv: clv !== null && Number.isFinite(clv) ? clv : null,
      expectedPurchases: sums.expected[i]!,
      expectedSpend: perPurchase,
      probabilityAlive: sums.alive[i]!,
    };
  }
  return out;
}

/** {@link discountedPurchaseColumns} with a model per customer (a fit with covariates). */
function perCustomerColumns(models: readonly TransactionModel[], x: Float64Array, tx: Float64Array, age: Float64Array, horizon: number, L: number, d: number): DiscountedPurchases {
  const n = x.length;
  const out: DiscountedPurchases = { discounted: new Float64Array(n), expected: new Float64Array(n), alive: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    // Each customer its own model: nothing to share, so no tables.
    const one = discountedPurchaseColumns(models[i]!, x.subarray(i, i + 1), tx.subarray(i, i + 1), age.subarray(i, i + 1), horizon, L, d, false);
    out.discounted[i] = one.discounted[0]!;
    out.expected[i] = one.expected[0]!;
    out.alive[i] = one.alive[0]!;
  }
  return out;
}
