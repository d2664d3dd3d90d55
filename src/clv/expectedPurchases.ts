import { bgBbExpectedPurchases } from "./bgBbMath.js";
import { bgConditionalExpected } from "./bgNbdMath.js";
import { paretoExpected } from "./paretoNbdMath.js";
import { readDuration, readOpportunities, readTransactionModel } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";
import { personalModel } from "./covariateModels.js";
import { fail } from "../internal/validate.js";

/**
 * E[X(t)]: the expected number of repeat purchases of a NEW customer (one who has just made a first
 * purchase) in the next `t` time units — the curve the papers draw as cumulative expected repeat sales per
 * customer.
 *
 * - BG/NBD (Fader, Hardie & Lee 2005, eq. 9): (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
 * - MBG/NBD (Batislam et al. 2007): b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))].
 * - Pareto/NBD (Schmittlein et al. 1987): rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)] (its s → 1 limit at s = 1).
 * - BG/BB (Fader, Hardie & Shang 2010, eq. 9): `t` whole opportunities.
 *
 * The BG family is evaluated stably over the whole parameter space, large r included (see
 * {@link conditionalExpectedPurchases}: Euler's transformation of ₂F₁ where it is well conditioned, a
 * positive counting series or quadrature over the Beta mixing distribution where it is not), so a = 1,
 * a + b < 1 and r = 100 are fine; the result never exceeds r·t/α.
 *
 * @param model - any transaction model `{ model, params }` (a fitted model works as is)
 * @param t - horizon in the model's time unit (opportunities for BG/BB), ≥ 0
 * @param covariates - for a model fitted with covariates (`covariates` on the fitted model): the new
 *   customer's covariate fields, e.g. `{ channel: 1, age: 0.3 }` — the expectation at that customer's own
 *   parameters (α·e^(−γ_p·z), β·e^(−γ_a·z)). Required for such a model, refused for any other.
 * @returns expected repeat purchases, ≥ 0
 * @throws RetentionKitError for a model fitted with covariates: `INVALID_TYPE` without `covariates` (path
 *   `covariates`) or for a missing field (path `covariates.<field>`), `OUT_OF_RANGE` when the covariates shift a
 *   parameter outside [1e-12, 1e12]; `INVALID_OPTION` for `covariates` with a model that has none
 * @throws RetentionKitError `INVALID_MODEL` / `INVALID_PARAMETER` for a bad model; `INVALID_NUMBER`,
 * `NEGATIVE_VALUE` for a bad `t` (`NOT_INTEGER` for a fractional BG/BB horizon)
 * @category CLV
 * @example
 * ```ts
 * expectedPurchases({ model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } }, 52);
 * // => 1.4460505953964127
 * ```
 */
export function expectedPurchases(model: TransactionModel, t: number, covariates?: Readonly<Record<string, number>>): number {
  const fn = "expectedPurchases";
  const read = readTransactionModel(fn, model, "model", true);
  if (read.coefficients !== undefined && covariates === undefined) {
    fail(fn, "INVALID_TYPE", `covariates must give the new customer's covariate fields (${read.coefficients.fields.join(", ")}): the model was fitted with covariates`, "covariates");
  }
  if (read.coefficients === undefined && covariates !== undefined) {
    fail(fn, "INVALID_OPTION", "covariates apply only to a model fitted with covariates; this model has none", "covariates");
  }
  const m = personalModel(fn, read, covariates, "covariates");
  switch (m.model) {
    case "bg-nbd":
      return bgConditionalExpected(m.params, 0, 0, 0, 0, readDuration(fn, t, "t"));
    case "mbg-nbd":
      return bgConditionalExpected(m.params, 1, 0, 0, 0, readDuration(fn, t, "t"));
    case "pareto-nbd":
      return paretoExpected(m.params, readDuration(fn, t, "t"));
    case "bg-bb":
      return bgBbExpectedPurchases(m.params, readOpportunities(fn, t, "t"));
  }
}
