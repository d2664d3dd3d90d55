// Time-invariant covariates of the buy-till-you-die fits: reading the named numeric fields of each row, and
// refusing a design that cannot identify its coefficients (a constant covariate, or one that is a linear
// combination of the others and the model's own scale parameter, which acts as an intercept).
//
// Stable internal API (not re-exported from the package):
//   readCovariateNames(fn, value, path) → string[]
//   readCovariateValue(fn, value, path, name) → number
//   checkDesignRank(fn, design, names, paths)
import { cholesky } from "./linalg.js";
import { fail, finiteNumber, numericStringHint, show } from "./validate.js";

/** Row fields the fits read themselves: never a covariate. */
const RESERVED = new Set(["frequency", "recency", "T", "weight", "unit"]);

/** The most covariates one process may take (the optimiser and the rank check are dense in them). */
export const MAX_COVARIATES = 64;

/**
 * A column-major design: `values[k * count + i]` is covariate k of pattern i, `weights[i]` the pattern's
 * weight (customers).
 */
export interface CovariateDesign {
  /** Number of patterns (rows of the design). */
  count: number;
  /** Column-major covariate values, `names.length × count`. */
  values: Float64Array;
  /** Weight of each pattern. */
  weights: Float64Array;
}

/**
 * Validates an optional list of covariate names at `path`: an array of distinct, non-empty strings, none of
 * them a field the fit reads itself (`frequency`, `recency`, `T`, `weight`, `unit`), at most
 * {@link MAX_COVARIATES}. `undefined` is the empty list. INVALID_OPTION otherwise.
 */
export function readCovariateNames(fn: string, value: unknown, path: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(fn, "INVALID_OPTION", `${path} must be an array of field names, got ${show(value)}`, path);
  const list = value as readonly unknown[];
  if (list.length > MAX_COVARIATES) fail(fn, "INVALID_OPTION", `${path} may name at most ${MAX_COVARIATES} covariates, got ${list.length}`, path);
  const names: string[] = [];
  for (let k = 0; k < list.length; k++) {
    const name = list[k];
    const at = `${path}[${k}]`;
    if (typeof name !== "string" || name.length === 0) fail(fn, "INVALID_OPTION", `${at} must be a non-empty field name, got ${show(name)}`, at);
    if (RESERVED.has(name)) fail(fn, "INVALID_OPTION", `${at} names ${JSON.stringify(name)}, a field the model reads itself; name the covariate fields of the rows`, at);
    if (names.includes(name)) fail(fn, "INVALID_OPTION", `${at} names ${JSON.stringify(name)} twice`, at);
    names.push(name);
  }
  return names;
}

/**
 * A covariate value already read from a row: a finite number. A missing field or a non-number is
 * INVALID_TYPE, NaN or ±Infinity INVALID_NUMBER, at `path` (`"rows[3].age"`), with the fix.
 */
export function readCovariateValue(fn: string, value: unknown, path: string, name: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value === 0 ? 0 : value;
  if (value === undefined) {
    fail(fn, "INVALID_TYPE", `${path} must be a finite number (covariate ${JSON.stringify(name)}), got undefined: every row must carry each covariate named in options.covariates`, path);
  }
  if (typeof value === "string" && numericStringHint(value) === "" && value.trim() !== "") {
    fail(fn, "INVALID_TYPE", `${path} must be a finite number (covariate ${JSON.stringify(name)}), got ${show(value)}: turn a categorical field into 0/1 columns with indicatorColumns`, path);
  }
  return finiteNumber(fn, value, path);
}

/**
 * Refuses a design whose coefficients the likelihood cannot identify: a covariate constant over the
 * customers (INVALID_OPTION at `${path}[k]`, naming it), or a covariate that is, to rounding, a linear
 * combination of an intercept and the covariates before it (naming them). The check is a Cholesky
 * factorisation of the weighted correlation matrix of the centred columns (the scale parameter of the
 * gamma distribution is the model's intercept): a pivot below 1e-9 of its diagonal is a dependent column.
 */
export function checkDesignRank(fn: string, design: CovariateDesign, names: readonly string[], paths: readonly string[]): void {
  const p = names.length;
  if (p === 0) return;
  const { count: n, values, weights } = design;
  let W = 0;
  for (let i = 0; i < n; i++) W += weights[i]!;
  const means = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += weights[i]! * values[k * n + i]!;
    means[k] = s / W;
  }
  const cross = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    for (let l = 0; l <= k; l++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += weights[i]! * (values[k * n + i]! - means[k]!) * (values[l * n + i]! - means[l]!);
      cross[k * p + l] = s;
      cross[l * p + k] = s;
    }
  }
  const scale = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const v = cross[k * p + k]!;
    // Relative to the column's own magnitude, so that a large constant (an age of 40 for everyone) is constant.
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(values[k * n + i]!));
    if (!(v > 1e-24 * m * m * W) || !(v > 0)) {
      fail(fn, "INVALID_OPTION", `${paths[k]}: covariate ${JSON.stringify(names[k])} is constant (${show(means[k])}) over the customers, so its coefficient is not identified (the model's scale parameter already plays that part); drop it`, paths[k]!);
    }
    scale[k] = 1 / Math.sqrt(v);
  }
  const corr = new Float64Array(p * p);
  for (let k = 0; k < p; k++) for (let l = 0; l < p; l++) corr[k * p + l] = cross[k * p + l]! * scale[k]! * scale[l]!;
  const chol = cholesky(corr, p, 1e-9);
  if ("failedAt" in chol) {
    const j = chol.failedAt;
    const before = names.slice(0, j).map((s) => JSON.stringify(s)).join(", ");
    fail(fn, "INVALID_OPTION", `${paths[j]}: covariate ${JSON.stringify(names[j])} is a linear combination of an intercept and ${before} (perfectly collinear), so the coefficients are not identified; drop one of them (for indicator columns, leave out the reference level)`, paths[j]!);
  }
}
