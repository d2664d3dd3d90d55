import { count, fail } from "../internal/validate.js";
import { conditionalPmfKernel, readCustomerFor } from "./transactionKernels.js";
import { readDuration, readOpportunities, readTransactionModel, type TransactionCustomer } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";

/** The largest purchase count asked about, as in {@link probabilityOfPurchases}. */
const MAX_PURCHASES = 1_000_000;

/**
 * P(X(T, T+t] = n | x, t_x, T): the probability that an EXISTING customer, given their history, makes
 * exactly `n` purchases in the next `t` time units — the distribution whose mean is
 * {@link conditionalExpectedPurchases}.
 *
 * A customer alive at T (chance P(alive), {@link probabilityAlive}) behaves from then on as a new customer
 * of the same model with the posterior parameters — for BG/NBD λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x)
 * (b+x+1 for MBG/NBD), for Pareto/NBD λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T), for BG/BB p ~ Beta(α+x,
 * β+n−x) and θ ~ Beta(γ, δ+n) — except that no dropout happens at T itself; a customer who has left buys
 * nothing. So
 *   P(n) = P(alive) · P_post(X(t) = n) + (1 − P(alive)) · [n = 0],
 * with P_post the new-customer formula of {@link probabilityOfPurchases} (Fader, Hardie & Lee 2005 eq. 8;
 * Fader & Hardie 2006 for Pareto/NBD; Fader, Hardie & Shang 2010 eq. 8) at the posterior parameters. For
 * BG/NBD this is lifetimes' `conditional_probability_of_n_purchases_up_to_time`; for Pareto/NBD BTYD's
 * `pnbd.ConditionalExpectedTransactions` is its mean. All four transaction models are covered.
 *
 * @param model - any transaction model `{ model, params }` (a fitted model works as is)
 * @param customer - `{ frequency, recency, T }` ({@link RfCustomer}) in the model's time unit, or
 *   `{ frequency, recency, n }` for BG/BB
 * @param n - number of purchases, a whole number 0..1 000 000
 * @param t - horizon, ≥ 0, in the model's time unit (whole opportunities for BG/BB)
 * @returns a probability in [0, 1]; over n = 0, 1, 2, … they sum to 1
 * @throws RetentionKitError `INVALID_MODEL` / `INVALID_PARAMETER` for a bad model; the customer errors of
 *   {@link conditionalExpectedPurchases}; `NOT_INTEGER` / `NEGATIVE_VALUE` at `n` or `t`; `OUT_OF_RANGE` for
 *   `n` above 1 000 000, `t` above 1e15 (100 000 opportunities for BG/BB)
 * @category CLV
 * @example
 * ```ts
 * const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * conditionalProbabilityOfPurchases(bgnbd, { frequency: 2, recency: 30.43, T: 38.86 }, 0, 39);
 * // => 0.44537286208299576
 * ```
 */
export function conditionalProbabilityOfPurchases(model: TransactionModel, customer: TransactionCustomer, n: number, t: number): number {
  const fn = "conditionalProbabilityOfPurchases";
  const m = readTransactionModel(fn, model);
  const v = new Float64Array(3);
  readCustomerFor(fn, m, customer, "customer", v);
  const k = count(fn, n, "n");
  if (!(k <= MAX_PURCHASES)) fail(fn, "OUT_OF_RANGE", `n must be at most ${MAX_PURCHASES} purchases, got ${k}`, "n");
  const horizon = m.model === "bg-bb" ? readOpportunities(fn, t, "t") : readDuration(fn, t, "t");
  return conditionalPmfKernel(m, v[0]!, v[1]!, v[2]!, k, horizon);
}
