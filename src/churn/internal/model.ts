// A churn model read back and checked once, and its linear predictor: shared by scoreChurn, churnDrivers
// and the engine.
import { fail, record, show } from "../../internal/validate.js";

/** A churn model checked once: the features with their coefficients, means and scales. */
export interface CheckedChurnModel {
  features: string[];
  intercept: number;
  beta: Float64Array;
  mean: Float64Array;
}

/** Validates a {@link ChurnModel} (it may come from JSON); `fn` and `path` name the caller and the argument. */
export function checkChurnModel(fn: string, value: unknown, path = "model"): CheckedChurnModel {
  const m = record(fn, value, path);
  if (m.model !== "churn-logistic") fail(fn, "INVALID_MODEL", `${path}.model must be "churn-logistic" (a model from fitChurnModel), got ${show(m.model)}`, `${path}.model`);
  const fv = m.features;
  if (!Array.isArray(fv)) fail(fn, "INVALID_MODEL", `${path}.features must be the array of feature names, got ${show(fv)}`, `${path}.features`);
  const features = [...(fv as unknown[])].map((f, j) => {
    if (typeof f !== "string" || f.length === 0) fail(fn, "INVALID_MODEL", `${path}.features[${j}] must be a feature name, got ${show(f)}`, `${path}.features[${j}]`);
    return f;
  });
  const table = (key: string): Record<string, unknown> => {
    const t = m[key];
    if (typeof t !== "object" || t === null || Array.isArray(t)) fail(fn, "INVALID_MODEL", `${path}.${key} must be an object, got ${show(t)}`, `${path}.${key}`);
    return t as Record<string, unknown>;
  };
  const coefficients = table("coefficients");
  const means = table("means");
  const num = (t: Record<string, unknown>, key: string, name: string): number => {
    const v = Object.prototype.hasOwnProperty.call(t, name) ? t[name] : undefined;
    const p = `${path}.${key}[${JSON.stringify(name)}]`;
    if (typeof v !== "number" || !Number.isFinite(v)) fail(fn, "INVALID_MODEL", `${p} must be a finite number, got ${show(v)}`, p);
    return v;
  };
  const intercept = num(coefficients, "coefficients", "intercept");
  const beta = new Float64Array(features.length);
  const mean = new Float64Array(features.length);
  features.forEach((f, j) => {
    beta[j] = num(coefficients, "coefficients", f);
    mean[j] = num(means, "means", f);
  });
  return { features, intercept, beta, mean };
}

/** The probability and the centred contributions of one row (terms bounded so that no sum overflows). */
export function churnLinear(m: CheckedChurnModel, x: Float64Array, contributions: Float64Array): number {
  let eta = Math.max(-1e300, Math.min(1e300, m.intercept));
  for (let j = 0; j < x.length; j++) {
    const b = m.beta[j]!;
    eta += Math.max(-1e300, Math.min(1e300, b * x[j]!));
    const c = b === 0 ? 0 : b * (x[j]! - m.mean[j]!);
    contributions[j] = Number.isFinite(c) ? Math.max(-1e300, Math.min(1e300, c)) : Number.isNaN(c) ? 0 : Math.sign(c) * 1e300;
  }
  const p = eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
  return p;
}

