// A model fitted with covariates, made one customer's own: the population parameters shifted by the customer's
// covariate fields in CLVTools' parametrisation. Not re-exported.
import { readCovariateValue } from "../internal/covariateDesign.js";
import { fail, record, show } from "../internal/validate.js";
import { isModelParam, PARAM_MAX, PARAM_MIN } from "./readModel.js";
import type { ModelCoefficients } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";

/**
 * The customer's own model: with η_p = γ_p·z and η_a = γ_a·z from the customer's covariate fields (each read
 * once, INVALID_TYPE / INVALID_NUMBER at `${path}.<field>` when missing or not a finite number),
 *   Pareto/NBD: α·e^(−η_p), β·e^(−η_a);   BG/NBD and MBG/NBD: α·e^(−η_p), a·e^(η_a), b·e^(η_a).
 * `m` itself when it has no coefficients. OUT_OF_RANGE when a shifted parameter leaves the models' range.
 */
export function personalModel(fn: string, m: TransactionModel & { coefficients?: ModelCoefficients }, customer: unknown, path: string): TransactionModel {
  const c = m.coefficients;
  if (c === undefined) return m;
  if (m.model === "bg-bb") return m;
  const row = record(fn, customer, path);
  let etaP = 0;
  let etaA = 0;
  for (let k = 0; k < c.fields.length; k++) {
    const field = c.fields[k]!;
    const z = readCovariateValue(fn, row[field], `${path}.${field}`, field);
    etaP += c.purchase[k]! * z;
    etaA += c.attrition[k]! * z;
  }
  const check = (v: number, name: string): number => {
    if (!isModelParam(v)) fail(fn, "OUT_OF_RANGE", `${path}: the covariates shift ${name} to ${show(v)}, outside [${PARAM_MIN}, ${PARAM_MAX}]; check the covariate values against the ones the model was fitted on`, path);
    return v;
  };
  const { coefficients: _c, ...rest } = m;
  if (rest.model === "pareto-nbd") {
    const p = rest.params;
    return { ...rest, params: { r: p.r, alpha: check(p.alpha * Math.exp(-etaP), "alpha"), s: p.s, beta: check(p.beta * Math.exp(-etaA), "beta") } };
  }
  const p = rest.params;
  const up = Math.exp(etaA);
  return { ...rest, params: { r: p.r, alpha: check(p.alpha * Math.exp(-etaP), "alpha"), a: check(p.a * up, "a"), b: check(p.b * up, "b") } };
}
