import { bgBbProbabilityAlive, readBgBbCustomer } from "./bgBbMath.js";
import { personalModel } from "./covariateModels.js";
import { probabilityAliveKernel, readCustomerFor } from "./transactionKernels.js";
import { readOpportunities, readTransactionModel, type TransactionCustomer, type CovariateFields, type RfCustomer } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";
import { optionsBag } from "../internal/validate.js";

/**
 * Options of {@link probabilityAlive}.
 *
 * @category CLV
 * @example
 * ```ts
 * const o: ProbabilityAliveOptions = { opportunitiesAhead: 0 };
 * ```
 */
export interface ProbabilityAliveOptions {
  /**
   * BG/BB only: P(alive at opportunity n + m), m = this value. Default 1, the quantity of Fader, Hardie &
   * Shang (2010, eq. 11) — alive to make a transaction at the next opportunity. 0 gives alive at n.
   */
  opportunitiesAhead?: number;
}

/**
 * P(alive | x, t_x, T): the probability that a customer with this history has not yet dropped out.
 *
 * - BG/NBD (Fader, Hardie & Lee 2005, eq. 11): 1 / (1 + [x > 0] a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) — exactly 1
 *   for x = 0 (in BG/NBD a customer can only drop out right after a purchase).
 * - MBG/NBD (Batislam et al. 2007): 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)) for every x.
 * - Pareto/NBD (Schmittlein et al. 1987): the alive term of the likelihood over the likelihood,
 *   (α+T)^−(r+x) (β+T)^−s / [(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) A₀], evaluated on the log scale with the
 *   overflow-free hypergeometric form (see {@link fitParetoNbd}), so x in the thousands is fine.
 * - BG/BB (Fader, Hardie & Shang 2010, eq. 11): see {@link ProbabilityAliveOptions}.
 *
 * @param model - any transaction model `{ model, params }`
 * @param customer - (with a model fitted with covariates, also the customer's covariate fields, e.g. `channel`, `age`) `{ frequency, recency, T }`, or `{ frequency, recency, n }` for BG/BB
 * @param options - see {@link ProbabilityAliveOptions}
 * @returns a probability in [0, 1]
 * @throws RetentionKitError `INVALID_MODEL` / `INVALID_PARAMETER` for a bad model; `INVALID_NUMBER`,
 * `NOT_INTEGER`, `NEGATIVE_VALUE`, `INCONSISTENT_COUNTS` at `customer.<field>`
 * @throws RetentionKitError for a model fitted with covariates: `INVALID_TYPE` / `INVALID_NUMBER` when the customer lacks a
 *   covariate field or it is not a finite number (path `customer.<field>`), `OUT_OF_RANGE` when the covariates shift a
 *   parameter outside [1e-12, 1e12]
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category CLV
 * @example
 * ```ts
 * const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * probabilityAlive(bgnbd, { frequency: 2, recency: 30.43, T: 38.86 });
 * // => 0.7265785700806728
 * ```
 */
export function probabilityAlive(model: TransactionModel, customer: TransactionCustomer | (RfCustomer & CovariateFields), options?: ProbabilityAliveOptions): number {
  const fn = "probabilityAlive";
  const m = readTransactionModel(fn, model, "model", true);
  const o = optionsBag(fn, options, ["opportunitiesAhead"] as const satisfies readonly (keyof ProbabilityAliveOptions)[]);
  if (m.model === "bg-bb") {
    const c = readBgBbCustomer(fn, customer, "customer");
    const ahead = o["opportunitiesAhead"] === undefined ? 1 : readOpportunities(fn, o["opportunitiesAhead"], "options.opportunitiesAhead");
    return bgBbProbabilityAlive(m.params, c.frequency, c.recency, c.n, ahead);
  }
  const v = new Float64Array(3);
  readCustomerFor(fn, m, customer, "customer", v);
  return probabilityAliveKernel(personalModel(fn, m, customer, "customer"), v[0]!, v[1]!, v[2]!);
}
