import { personalModel } from "./covariateModels.js";
import { fail, finiteNumber, optionsBag, rateFraction, show } from "../internal/validate.js";
import { bgBbDertKernel, continuousDertKernel, readCustomerFor } from "./transactionKernels.js";
import { readTransactionModel, type TransactionCustomer, type CovariateFields, type RfCustomer } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";

/**
 * Options of {@link discountedExpectedTransactions}: exactly one of the two rates, the one that fits the
 * model's clock.
 *
 * @category CLV
 * @example
 * ```ts
 * const weekly: DiscountedExpectedTransactionsOptions = { continuousDiscountRate: 0.0027 };
 * const perOpportunity: DiscountedExpectedTransactionsOptions = { discountRate: 0.1 };
 * ```
 */
export type DiscountedExpectedTransactionsOptions =
  | {
      /**
       * δ: the continuous discount rate per model time unit, for BG/NBD, MBG/NBD and Pareto/NBD; in
       * [1e-12, 1e6]. An annual rate R in a week-unit model is δ = ln(1 + R)/52 (15 % a year: 0.0027).
       */
      continuousDiscountRate: number;
      discountRate?: undefined;
    }
  | {
      /** d: the discount rate per opportunity, for BG/BB, a fraction in (0, 1] (0.1 = 10 %). */
      discountRate: number;
      continuousDiscountRate?: undefined;
    };

const KNOWN_KEYS = ["continuousDiscountRate", "discountRate"] as const satisfies readonly ("continuousDiscountRate" | "discountRate")[];

/** The smallest continuous rate: the integral then reaches 46/δ = 4.6e13 time units, inside the 1e15 horizon limit. */
export const MIN_CONTINUOUS_RATE = 1e-12;
const MAX_CONTINUOUS_RATE = 1e6;

/**
 * DERT, discounted expected residual transactions: the present value of a customer's future transactions
 * (multiply by a margin per transaction, e.g. from {@link expectedAverageSpend}, for the residual CLV).
 *
 * - Pareto/NBD, BG/NBD, MBG/NBD, continuous discounting at δ per model time unit (Fader, Hardie & Shang
 *   2005, "RFM and CLV: Using Iso-Value Curves", eq. 2; BTYD `pnbd.DERT`):
 *   DERT = ∫_0^∞ e^{−δt} dE[Y(t) | x, t_x, T] = δ ∫_0^∞ e^{−δt} E[Y(t) | x, t_x, T] dt,
 *   the right-hand form by integration by parts, with E[Y(t)] exactly {@link conditionalExpectedPurchases}.
 *   For Pareto/NBD this equals the paper's closed form α^r β^s δ^(s−1) Γ(r+x+1) Ψ(s, s; δ(β+T)) /
 *   (Γ(r) (α+T)^(r+x+1) L), Ψ the confluent hypergeometric function of the second kind. The integral is taken
 *   by composite 20-point Gauss–Legendre panels that grow geometrically away from E's singularity at
 *   t = −(α+T) (BG family) or −(β+T) (Pareto/NBD), up to δt = 46 (the part left out is below 6e-19 of the
 *   whole): at most ~35 panels of 20 evaluations. Against R's `integrate()` of the same quantities
 *   (scripts/reference/btyd.R) the worst relative difference is 1.1e-14; against BTYD's closed form 9e-12
 *   where that keeps its digits (δ(β+T) ≤ 10 — beyond, its confluent hypergeometric sum cancels: 4e-4 off at
 *   δ(β+T) = 26, NaN near 88).
 * - BG/BB, discounting per opportunity at d (Fader, Hardie & Shang 2010, eq. 14; BTYD `bgbb.DERT`): the
 *   first future opportunity is discounted once,
 *   DERT = Σ_{k≥1} P(transaction at n+k | x, t_x, n)/(1+d)^k
 *        = B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+1)/(B(γ,δ)(1+d)) · ₂F₁(1, δ+n+1; γ+δ+n+1; 1/(1+d)) / L,
 *   summed as a series, or as a mean over the dropout probability's posterior when d is small.
 *
 * As δ (or d) falls the result rises towards the undiscounted expected number of future transactions,
 * E[Y(∞)] (finite for BG/NBD when a > 1, for Pareto/NBD when s > 1, for BG/BB when γ > 1); at a large rate it
 * is about the current purchase rate over the rate, P(alive) · E[λ]/δ.
 *
 * @param model - any transaction model `{ model, params }` (a fitted model works as is)
 * @param customer - (with a model fitted with covariates, also the customer's covariate fields, e.g. `channel`, `age`) `{ frequency, recency, T }` ({@link RfCustomer}) in the model's time unit, or
 *   `{ frequency, recency, n }` for BG/BB
 * @param options - `{ continuousDiscountRate }` for the continuous-time models, `{ discountRate }` for BG/BB
 * @returns the discounted expected number of future transactions, ≥ 0
 * @throws RetentionKitError for a model fitted with covariates: `INVALID_TYPE` / `INVALID_NUMBER` when the customer lacks a
 *   covariate field or it is not a finite number (path `customer.<field>`), `OUT_OF_RANGE` when the covariates shift a
 *   parameter outside [1e-12, 1e12]
 * @throws RetentionKitError `INVALID_MODEL` / `INVALID_PARAMETER` for a bad model; the customer errors of
 *   {@link conditionalExpectedPurchases}; `INVALID_OPTION` when `options` is missing, gives both rates or
 *   the rate of the other clock (the message names the right one); `INVALID_NUMBER` / `OUT_OF_RANGE` for a
 *   rate outside its range (`discountRate: 10` is refused with "did you mean 0.1?"); `UNKNOWN_OPTION` for
 *   an unknown key of `options`
 * @category CLV
 * @example
 * ```ts
 * const pnbd = { model: "pareto-nbd", params: { r: 0.5629966, alpha: 12.559037, s: 0.4081095, beta: 10.5148048 } } as const;
 * discountedExpectedTransactions(pnbd, { frequency: 7, recency: 35, T: 77.86 }, { continuousDiscountRate: 0.0027 });
 * // => 1.8641833280713216 (BTYD pnbd.DERT: 1.864183)
 * const bgbb = { model: "bg-bb", params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } } as const;
 * discountedExpectedTransactions(bgbb, { frequency: 3, recency: 4, n: 6 }, { discountRate: 0.1 });
 * // => 1.6213791858424595 (BTYD bgbb.DERT: 1.621379)
 * ```
 */
export function discountedExpectedTransactions(
  model: TransactionModel,
  customer: TransactionCustomer | (RfCustomer & CovariateFields),
  options: DiscountedExpectedTransactionsOptions,
): number {
  const fn = "discountedExpectedTransactions";
  const m = readTransactionModel(fn, model, "model", true);
  const v = new Float64Array(3);
  readCustomerFor(fn, m, customer, "customer", v);
  if (options === undefined) {
    const want = m.model === "bg-bb" ? "{ discountRate }" : "{ continuousDiscountRate }";
    fail(fn, "INVALID_OPTION", `options ${want} are required`, "options");
  }
  const o = optionsBag(fn, options, KNOWN_KEYS);
  const cont = o["continuousDiscountRate"];
  const disc = o["discountRate"];
  if (cont !== undefined && disc !== undefined) {
    fail(fn, "INVALID_OPTION", `options must give one of continuousDiscountRate and discountRate, got both`, "options");
  }
  if (m.model === "bg-bb") {
    if (disc === undefined) {
      const hint = cont === undefined ? "" : ": a BG/BB model counts opportunities, so it discounts per opportunity (e.g. discountRate: 0.1)";
      fail(fn, "INVALID_OPTION", `options.discountRate is required for a BG/BB model${hint}`, cont === undefined ? "options.discountRate" : "options.continuousDiscountRate");
    }
    const d = rateFraction(fn, disc, "options.discountRate");
    if (!(d > 0)) fail(fn, "OUT_OF_RANGE", `options.discountRate must be > 0 (at 0 the sum of future transactions may be infinite), got ${show(d)}`, "options.discountRate");
    return bgBbDertKernel(m.params, v[0]!, v[1]!, v[2]!, d);
  }
  if (cont === undefined) {
    const hint = disc === undefined ? "" : `: a ${m.model} model runs in continuous time, so it discounts continuously (a rate d per time unit is δ = ln(1 + d))`;
    fail(fn, "INVALID_OPTION", `options.continuousDiscountRate is required for a ${m.model} model${hint}`, disc === undefined ? "options.continuousDiscountRate" : "options.discountRate");
  }
  const delta = finiteNumber(fn, cont, "options.continuousDiscountRate");
  if (!(delta >= MIN_CONTINUOUS_RATE && delta <= MAX_CONTINUOUS_RATE)) {
    fail(fn, "OUT_OF_RANGE", `options.continuousDiscountRate must be in [${MIN_CONTINUOUS_RATE}, ${MAX_CONTINUOUS_RATE}] per time unit, got ${show(delta)}`, "options.continuousDiscountRate");
  }
  return continuousDertKernel(personalModel(fn, m, customer, "customer") as typeof m & Exclude<TransactionModel, { model: "bg-bb" }>, v[0]!, v[1]!, v[2]!, delta);
}
