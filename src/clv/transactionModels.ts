// Boundary checks and model dispatch for the transaction-model predictions (BG/NBD, MBG/NBD, Pareto/NBD,
// BG/BB). Not re-exported: the public functions call `readTransactionModel` and `readRfCustomer` once, then
// the kernels in bgNbdMath.ts, paretoNbdMath.ts and bgBbMath.ts.
import { unitField, unitMismatch } from "../internal/units.js";
import { fail, finiteNumber, record, show } from "../internal/validate.js";
import { isModelParam, PARAM_MAX, PARAM_MIN } from "./readModel.js";
import type { BgBbParams, BgNbdParams, ParetoNbdParams, TransactionModel } from "./types.js";

/**
 * A customer of a continuous-time model (BG/NBD, MBG/NBD, Pareto/NBD): what `summarizeTransactions` returns
 * for each customer, in any time unit as long as the model was fitted in the same one.
 *
 * @category CLV
 * @example
 * ```ts
 * const c: RfCustomer = { frequency: 2, recency: 30.43, T: 38.86 };
 * ```
 */
export interface RfCustomer {
  /** Repeat purchases x: purchase periods after the first one (a whole number ≥ 0). */
  frequency: number;
  /** Age at the last repeat purchase, t_x (0 when frequency is 0), in the model's time unit; ≤ T. */
  recency: number;
  /** Age at the end of observation: time from the first purchase, in the model's time unit. */
  T: number;
}

/**
 * A customer of the BG/BB model (discrete opportunities).
 *
 * @category CLV
 * @example
 * ```ts
 * const c: OpportunityCustomer = { frequency: 3, recency: 5, n: 6 };
 * ```
 */
export interface OpportunityCustomer {
  /** Repeat transactions x in the n opportunities. */
  frequency: number;
  /** Opportunity t_x (1..n) of the last transaction; 0 when frequency is 0. */
  recency: number;
  /** Transaction opportunities n observed. */
  n: number;
}

/**
 * A customer for any transaction model: {@link RfCustomer} for BG/NBD, MBG/NBD and Pareto/NBD,
 * {@link OpportunityCustomer} for BG/BB.
 *
 * @category CLV
 * @example
 * ```ts
 * const c: TransactionCustomer = { frequency: 2, recency: 30.43, T: 38.86 };
 * ```
 */
export type TransactionCustomer = RfCustomer | OpportunityCustomer;

/**
 * The covariate fields a customer carries for a model fitted with covariates (`fitParetoNbd(rows,
 * { covariates })`): each field the model has a coefficient for, a finite number.
 *
 * @category CLV
 * @example
 * ```ts
 * const fields: CovariateFields = { channel: 1, age: -0.4 };
 * ```
 */
export type CovariateFields = { readonly [field: string]: unknown };

/** The coefficients of a model fitted with covariates: each field once, with its purchase and attrition coefficient (0 where absent). */
export interface ModelCoefficients {
  fields: string[];
  purchase: number[];
  attrition: number[];
}

/** `model.covariates` → {@link ModelCoefficients}, or null when absent or empty. */
function readModelCoefficients(fn: string, value: unknown, path: string, allowed: boolean): ModelCoefficients | null {
  if (value === undefined) return null;
  const c = record(fn, value, path);
  const purchase = c["purchase"] === undefined ? {} : record(fn, c["purchase"], `${path}.purchase`);
  const attrition = c["attrition"] === undefined ? {} : record(fn, c["attrition"], `${path}.attrition`);
  const out: ModelCoefficients = { fields: [], purchase: [], attrition: [] };
  for (const [side, bag] of [["purchase", purchase], ["attrition", attrition]] as const) {
    for (const field of Object.keys(bag)) {
      const v = bag[field];
      // (Only finite: a shifted parameter outside the models' range is refused per customer.)
      if (!(typeof v === "number" && Number.isFinite(v))) {
        fail(fn, "INVALID_PARAMETER", `${path}.${side}.${field} must be a coefficient, a finite number, got ${show(v)}`, `${path}.${side}.${field}`);
      }
      let k = out.fields.indexOf(field);
      if (k < 0) {
        k = out.fields.length;
        out.fields.push(field);
        out.purchase.push(0);
        out.attrition.push(0);
      }
      out[side][k] = v;
    }
  }
  if (out.fields.length === 0) return null;
  if (!allowed) {
    fail(fn, "INVALID_MODEL", `${path}: a model fitted with covariates cannot be used here (its predictions would ignore them); use probabilityAlive, conditionalExpectedPurchases, discountedExpectedTransactions, customerLifetimeValue or expectedPurchases, which read each customer's covariate fields`, path);
  }
  return out;
}

const TRANSACTION_MODELS = ["bg-nbd", "mbg-nbd", "pareto-nbd", "bg-bb"] as const;
const PARAM_NAMES: Record<TransactionModel["model"], readonly string[]> = {
  "bg-nbd": ["r", "alpha", "a", "b"],
  "mbg-nbd": ["r", "alpha", "a", "b"],
  "pareto-nbd": ["r", "alpha", "s", "beta"],
  "bg-bb": ["alpha", "beta", "gamma", "delta"],
};

/**
 * Validates `{ model, params }` (extra fields such as a fitted model's are ignored); params finite and > 0.
 * A model fitted with covariates (a non-empty `covariates` field) is refused (INVALID_MODEL) unless
 * `covariates` is true, when its coefficients are validated and kept as `coefficients` (see covariateModels.ts):
 * a prediction that ignored them would be a silent wrong number.
 */
export function readTransactionModel(fn: string, value: unknown, path = "model", covariates = false): TransactionModel & { coefficients?: ModelCoefficients } {
  const spec = record(fn, value, path);
  const coefficients = readModelCoefficients(fn, spec["covariates"], `${path}.covariates`, covariates);
  const name = spec["model"];
  if (typeof name !== "string" || !(TRANSACTION_MODELS as readonly string[]).includes(name)) {
    fail(fn, "INVALID_MODEL", `${path}.model must be one of ${TRANSACTION_MODELS.map((m) => JSON.stringify(m)).join(", ")}, got ${show(name)}`, `${path}.model`);
  }
  const model = name as TransactionModel["model"];
  const params = record(fn, spec["params"], `${path}.params`);
  const out: Record<string, number> = {};
  for (const k of PARAM_NAMES[model]) {
    const v = params[k];
    if (!isModelParam(v)) {
      fail(fn, "INVALID_PARAMETER", `${path}.params.${k} must be a number in [${PARAM_MIN}, ${PARAM_MAX}], got ${show(v)}`, `${path}.params.${k}`);
    }
    out[k] = v;
  }
  if (model === "bg-bb") {
    if (coefficients !== null) fail(fn, "INVALID_MODEL", `${path}.covariates: a BG/BB model takes no covariates`, `${path}.covariates`);
    if (spec["unit"] !== undefined) fail(fn, "INVALID_UNIT", `${path}.unit does not apply to a BG/BB model (its time is counted in opportunities), got ${show(spec["unit"])}`, `${path}.unit`);
    return { model, params: out as unknown as BgBbParams };
  }
  const unit = unitField(fn, spec["unit"], `${path}.unit`);
  const spec2: Exclude<TransactionModel, { model: "bg-bb" }> = model === "pareto-nbd" ? { model, params: out as unknown as ParetoNbdParams } : { model, params: out as unknown as BgNbdParams };
  const withUnit = unit === undefined ? spec2 : { ...spec2, unit };
  return coefficients === null ? withUnit : { ...withUnit, coefficients };
}

/**
 * Checks that a customer row's `unit` (when it has one) is the model's (when it says one): UNIT_MISMATCH
 * at `path.unit` otherwise. Costs one field read per row.
 */
export function checkCustomerUnit(fn: string, model: TransactionModel, row: unknown, path: string, modelPath = "model"): void {
  if (model.model === "bg-bb" || typeof row !== "object" || row === null) return;
  const u = (row as { unit?: unknown }).unit;
  if (u === undefined || u === model.unit) return;
  const unit = unitField(fn, u, `${path}.unit`)!;
  if (model.unit === undefined) return;
  unitMismatch(fn, `${path}.unit`, unit, `${modelPath}.unit`, model.unit, `Predict with a model fitted on summaries in ${unit}s, or summarise the customers with unit: ${JSON.stringify(model.unit)}`);
}

/** Whether (x, t_x, T) pass every check of {@link readRfCustomer} (which throws the precise error when not). */
export function rfValuesValid(x: unknown, tx: unknown, T: unknown): x is number {
  return (
    typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= MAX_FREQUENCY &&
    typeof T === "number" && T >= 0 && T <= MAX_HORIZON &&
    typeof tx === "number" && tx >= 0 && tx <= T && (x !== 0 || tx === 0)
  );
}

/**
 * Validates a continuous-time customer at `path`: frequency a whole number ≥ 0, 0 ≤ recency ≤ T, finite, and
 * recency 0 when frequency is 0 (INCONSISTENT_COUNTS otherwise — a customer without repeat purchases has no
 * last repeat purchase). Writes x, t_x, T into `out` at `offset`.
 */
export function readRfCustomer(fn: string, value: unknown, path: string, out: Float64Array, offset = 0): void {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    // The common valid row, checked without building any error path (millions of rows in a fit). Each
    // field is read once: the slow path checks these same values (a getter may answer differently later).
    const v = value as Record<string, unknown>;
    const x = v["frequency"];
    const tx = v["recency"];
    const T = v["T"];
    if (rfValuesValid(x, tx, T)) {
      out[offset] = x === 0 ? 0 : x;
      out[offset + 1] = tx === 0 ? 0 : (tx as number);
      out[offset + 2] = T === 0 ? 0 : (T as number);
      return;
    }
    readRfSlow(fn, x, tx, T, path, out, offset);
    return;
  }
  record(fn, value, path);
}

/** {@link readRfCustomer}'s checks with error paths, on values already read from the row. */
function readRfSlow(fn: string, rawX: unknown, rawTx: unknown, rawT: unknown, path: string, out: Float64Array, offset: number): void {
  const x = finiteNumber(fn, rawX, `${path}.frequency`);
  if (!Number.isInteger(x)) fail(fn, "NOT_INTEGER", `${path}.frequency must be a whole number, got ${show(x)}`, `${path}.frequency`);
  if (!(x >= 0)) fail(fn, "NEGATIVE_VALUE", `${path}.frequency must be ≥ 0, got ${show(x)}`, `${path}.frequency`);
  // 1e308 repeat purchases overflowed the conditional expectation to Infinity; predictions are finite to 1e12.
  if (!(x <= MAX_FREQUENCY)) fail(fn, "OUT_OF_RANGE", `${path}.frequency must be at most ${MAX_FREQUENCY}, got ${show(x)}`, `${path}.frequency`);
  const tx = finiteNumber(fn, rawTx, `${path}.recency`);
  if (!(tx >= 0)) fail(fn, "NEGATIVE_VALUE", `${path}.recency must be ≥ 0, got ${show(tx)}`, `${path}.recency`);
  const T = finiteNumber(fn, rawT, `${path}.T`);
  if (!(T >= 0)) fail(fn, "NEGATIVE_VALUE", `${path}.T must be ≥ 0, got ${show(T)}`, `${path}.T`);
  // An age of 1e308 gave NaN (ln of overflowed sums); ages share the prediction horizons' limit.
  if (!(T <= MAX_HORIZON)) fail(fn, "OUT_OF_RANGE", `${path}.T must be at most ${MAX_HORIZON} time units, got ${show(T)}`, `${path}.T`);
  if (tx > T) fail(fn, "INCONSISTENT_COUNTS", `${path}.recency (${show(tx)}) must be ≤ T (${show(T)})`, `${path}.recency`);
  if (x === 0 && tx !== 0) {
    fail(fn, "INCONSISTENT_COUNTS", `${path}.recency must be 0 when frequency is 0, got ${show(tx)}`, `${path}.recency`);
  }
  out[offset] = x === 0 ? 0 : x;
  out[offset + 1] = tx === 0 ? 0 : tx;
  out[offset + 2] = T === 0 ? 0 : T;
}

/**
 * The longest prediction horizon, in the model's time unit (10^15 days is 2.7 trillion years). Near 1e308 the
 * hypergeometric series of the BG/NBD family overflow; up to here every prediction stays finite.
 */
export const MAX_HORIZON = 1e15;

/** The most repeat purchases a continuous-time customer may have. */
export const MAX_FREQUENCY = 1e9;

/**
 * The most BG/BB transaction opportunities: P(X(n) = k) sums over them one by one (the likelihood's sum costs
 * the same at any n).
 */
export const MAX_OPPORTUNITIES = 100_000;

/** A horizon or duration: finite, ≥ 0 and at most {@link MAX_HORIZON} (OUT_OF_RANGE). */
export function readDuration(fn: string, value: unknown, path: string): number {
  const t = finiteNumber(fn, value, path);
  if (!(t >= 0)) fail(fn, "NEGATIVE_VALUE", `${path} must be ≥ 0, got ${show(t)}`, path);
  if (!(t <= MAX_HORIZON)) fail(fn, "OUT_OF_RANGE", `${path} must be at most ${MAX_HORIZON} time units, got ${show(t)}`, path);
  return t === 0 ? 0 : t;
}

/** A BG/BB opportunity count: a whole number in [0, {@link MAX_OPPORTUNITIES}]. */
export function readOpportunities(fn: string, value: unknown, path: string): number {
  const t = readDuration(fn, value, path);
  if (!Number.isInteger(t)) fail(fn, "NOT_INTEGER", `${path} must be a whole number of opportunities for a BG/BB model, got ${show(t)}`, path);
  if (!(t <= MAX_OPPORTUNITIES)) fail(fn, "OUT_OF_RANGE", `${path} must be at most ${MAX_OPPORTUNITIES} opportunities, got ${show(t)}`, path);
  return t;
}

/**
 * One input row of the continuous-time fitters ({@link fitBgNbd}, {@link fitModifiedBgNbd},
 * {@link fitParetoNbd}): a customer summary, or with `weight` a group of identical customers. The rows of
 * `summarizeTransactions` and `splitCalibrationHoldout` fit as they are.
 *
 * @category CLV
 * @example
 * ```ts
 * const row: RfRow = { frequency: 0, recency: 0, T: 38.86, weight: 1411 };
 * ```
 */
export interface RfRow extends RfCustomer {
  /** Number of identical customers this row stands for (finite, ≥ 0). Default 1. */
  weight?: number;
}
