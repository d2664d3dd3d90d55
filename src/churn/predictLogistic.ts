import { fail, finiteNumber, record, show } from "../internal/validate.js";
import type { LogisticModel } from "./fitLogisticRegression.js";

const FN = "predictLogistic";

/**
 * The probability of the outcome for one row under a fitted logistic regression:
 * p = 1/(1 + e^(−η)), η = intercept + Σⱼ βⱼ·xⱼ over the model's features (each read once from the row).
 * Each term βⱼ·xⱼ is bounded by ±1e300 before summing, so an extreme feature value gives a probability of
 * 0 or 1, never NaN.
 *
 * @param model - a {@link LogisticModel} from {@link fitLogisticRegression} (or the same shape, e.g. read back from JSON)
 * @param row - an object with a finite number for every feature of the model
 * @returns the probability, in [0, 1]
 * @throws RetentionKitError INVALID_MODEL for a model that is not a logistic model with finite coefficients;
 *   INVALID_TYPE for a row that is not an object or a feature that is missing or not a number; INVALID_NUMBER
 *   for a NaN or infinite feature.
 * @category Churn
 * @example
 * ```ts
 * const rows = [
 *   { tenure: 1, churned: true }, { tenure: 2, churned: true }, { tenure: 3, churned: false },
 *   { tenure: 4, churned: true }, { tenure: 5, churned: false }, { tenure: 6, churned: false },
 * ];
 * const m = fitLogisticRegression(rows, { outcome: "churned", features: ["tenure"] });
 * predictLogistic(m, { tenure: 2 }).toFixed(4);
 * // => "0.8607"
 * ```
 */
export function predictLogistic(model: LogisticModel, row: Readonly<Record<string, unknown>>): number {
  const m = record(FN, model, "model");
  if (m.model !== "logistic") fail(FN, "INVALID_MODEL", `model.model must be "logistic" (a model from fitLogisticRegression), got ${show(m.model)}`, "model.model");
  const coefficients = record(FN, m.coefficients, "model.coefficients");
  const featuresValue = m.features;
  if (!Array.isArray(featuresValue)) fail(FN, "INVALID_MODEL", `model.features must be the array of feature names, got ${show(featuresValue)}`, "model.features");
  const features = [...(featuresValue as unknown[])];
  const coef = (name: string): number => {
    const path = `model.coefficients.${name}`;
    const v = Object.prototype.hasOwnProperty.call(coefficients, name) ? coefficients[name] : undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) fail(FN, "INVALID_MODEL", `${path} must be a finite number, got ${show(v)}`, path);
    return v;
  };
  const r = record(FN, row, "row");
  let eta = Math.max(-1e300, Math.min(1e300, coef("intercept")));
  features.forEach((f, j) => {
    if (typeof f !== "string") fail(FN, "INVALID_MODEL", `model.features[${j}] must be a field name, got ${show(f)}`, `model.features[${j}]`);
    const b = coef(f);
    const path = `row.${f}`;
    if (!Object.prototype.hasOwnProperty.call(r, f)) fail(FN, "INVALID_TYPE", `${path} is missing: the model needs every one of its features (${features.join(", ")})`, path);
    const x = finiteNumber(FN, r[f], path);
    eta += Math.max(-1e300, Math.min(1e300, b * x));
  });
  const p = eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
  return p;
}
