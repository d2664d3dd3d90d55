// The engine's CLV part with covariates: each customer's covariate fields (from the ready summary rows, or
// a side table joined by customer id) and the public functions called on one row per customer — the fit
// with `covariates` (fitParetoNbd / fitBgNbd / fitModifiedBgNbd), customerLifetimeValue and, for
// method "dert", discountedExpectedTransactions — so every number is the one those functions give on the
// same rows. A model with covariates gives every customer its own parameters: there are no shared histories
// to compute once, so the work is one prediction per customer.
import { customerLifetimeValue } from "../clv/customerLifetimeValue.js";
import { discountedExpectedTransactions } from "../clv/discountedExpectedTransactions.js";
import { fitBgNbd } from "../clv/fitBgNbd.js";
import { fitModifiedBgNbd } from "../clv/fitModifiedBgNbd.js";
import { fitParetoNbd } from "../clv/fitParetoNbd.js";
import { readCovariatesOption } from "../clv/covariateFit.js";
import { readTransactionModel } from "../clv/transactionModels.js";
import type { TransactionModel } from "../clv/types.js";
import type { CustomerId } from "../data/time.js";
import { readCovariateValue } from "../internal/covariateDesign.js";
import { customerId, fail, iterable, record, show } from "../internal/validate.js";
import type { ClvColumns } from "./clvColumns.js";
import type { ResolvedScoreConfig } from "./scoreConfig.js";

/**
 * The covariates of the engine's CLV part (`config.clv.covariates`): which per-customer numeric fields shift
 * which process of the fitted transaction model, as the `covariates` option of {@link fitParetoNbd},
 * {@link fitBgNbd} and {@link fitModifiedBgNbd} names them.
 *
 * @category Engine
 * @example
 * ```ts
 * const covariates: ScoreCovariatesConfig = { purchase: ["channel"], attrition: ["channel"], shared: ["age"] };
 * ```
 */
export interface ScoreCovariatesConfig {
  /** Fields shifting the purchase rate (e^γ multiplies the mean purchase rate). */
  purchase?: string[];
  /** Fields shifting the dropout process (e^γ multiplies the mean dropout rate). */
  attrition?: string[];
  /** Fields entering both processes with one coefficient; not also in `purchase` or `attrition`. */
  shared?: string[];
}

const CONFIG_KEYS = ["purchase", "attrition", "shared"] as const satisfies readonly (keyof ScoreCovariatesConfig)[];

/** The covariates of `config.clv.covariates` (or `false`): closed keys, then the fits' own check of the names. */
export function checkCovariatesConfig(fn: string, value: unknown, check: (run: () => unknown) => void): void {
  if (value === false) return;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(fn, "INVALID_CONFIG", `config.clv.covariates must be false or { purchase?, attrition?, shared? } (arrays of field names), got ${show(value)}`, "config.clv.covariates");
  }
  for (const key of Object.keys(value)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      fail(fn, "INVALID_CONFIG", `config.clv.covariates.${key} is not a key of config.clv.covariates (expected one of ${CONFIG_KEYS.join(", ")})`, `config.clv.covariates.${key}`);
    }
  }
  let spec: unknown = null;
  check(() => (spec = readCovariatesOption("fitParetoNbd", value)));
  if (spec === null) fail(fn, "INVALID_CONFIG", "config.clv.covariates names no field: name at least one in purchase, attrition or shared, or set covariates: false", "config.clv.covariates");
}

/**
 * The covariate fields the CLV part reads per customer, in a fixed order, or null (none): a given
 * transaction model's coefficient fields, else those `config.clv.covariates` names.
 */
export function covariateFieldsOf(fn: string, c: ResolvedScoreConfig): string[] | null {
  const v = c.clv;
  if (v === false) return null;
  const named: string[] = [];
  if (v.covariates !== false) for (const k of CONFIG_KEYS) for (const f of v.covariates[k] ?? []) if (!named.includes(f)) named.push(f);
  if (v.transactionModel !== null) {
    const m = readTransactionModel("customerLifetimeValue", v.transactionModel, "transactionModel", true);
    const fields = m.coefficients === undefined ? [] : m.coefficients.fields.slice();
    // Both given (as a result's config and models put back): they must name the same fields, or one would be ignored.
    if (v.covariates !== false && (named.length !== fields.length || named.some((f) => !fields.includes(f)))) {
      fail(fn, "INVALID_CONFIG", `config.clv.covariates names ${named.map((f) => JSON.stringify(f)).join(", ")}, but the given config.clv.transactionModel has coefficients for ${fields.length === 0 ? "no covariate" : fields.map((f) => JSON.stringify(f)).join(", ")}: a given model is scored with its own covariates; leave config.clv.covariates out, or let the engine fit (transactionModel: null)`, "config.clv.covariates");
    }
    return fields.length === 0 ? null : fields;
  }
  return named.length === 0 ? null : named;
}

/** A side table `input.covariates` read once: each customer's values of `fields`, by id. */
export interface CovariateTable {
  values: Map<CustomerId, Float64Array>;
}

/**
 * Reads `input.covariates`: rows `{ customerId, [field]: number }` (an array or any iterable; other fields
 * ignored) or columns `{ customerId: ids[], [field]: number[] | Float64Array }`. Each value read once; a
 * missing or non-numeric value names its row and field, a repeated id is `DUPLICATE_ID`.
 */
export function readCovariateTable(fn: string, table: unknown, fields: readonly string[]): CovariateTable {
  const values = new Map<CustomerId, Float64Array>();
  const put = (id: CustomerId, at: string, v: Float64Array): void => {
    if (values.has(id)) fail(fn, "DUPLICATE_ID", `${at} ${show(id)} appears twice in input.covariates: give one row per customer`, at);
    values.set(id, v);
  };
  if (typeof table !== "object" || table === null) fail(fn, "INVALID_TYPE", `input.covariates must be rows { customerId, ...fields } or columns { customerId: [...], ...fields }, got ${show(table)}`, "input.covariates");
  const t = table as Record<string, unknown>;
  if (typeof (t as Partial<Iterable<unknown>>)[Symbol.iterator] !== "function") {
    // Columns: each column read once, as given.
    const ids = t["customerId"];
    if (!Array.isArray(ids) && !ArrayBuffer.isView(ids)) fail(fn, "INVALID_TYPE", `input.covariates must be rows { customerId, ...fields } or columns { customerId: [...], ...fields }, got an object whose customerId is ${show(ids)}`, "input.covariates.customerId");
    const idList = Array.from(ids as ArrayLike<unknown>);
    const cols = fields.map((f) => {
      const col = t[f];
      if (!Array.isArray(col) && !ArrayBuffer.isView(col)) fail(fn, "INVALID_TYPE", `input.covariates.${f} must be a column of numbers (covariate ${JSON.stringify(f)}), got ${show(col)}`, `input.covariates.${f}`);
      const list = Array.from(col as ArrayLike<unknown>);
      if (list.length !== idList.length) fail(fn, "INVALID_INPUT", `input.covariates.${f} has ${list.length} values and input.covariates.customerId ${idList.length}: every column needs one value per customer`, `input.covariates.${f}`);
      return list;
    });
    for (let i = 0; i < idList.length; i++) {
      const id = customerId(fn, idList[i], `input.covariates.customerId[${i}]`);
      const v = new Float64Array(fields.length);
      for (let k = 0; k < fields.length; k++) v[k] = readCovariateValue(fn, cols[k]![i], `input.covariates.${fields[k]}[${i}]`, fields[k]!);
      put(id, `input.covariates.customerId[${i}]`, v);
    }
    return { values };
  }
  let i = 0;
  for (const row of iterable<unknown>(fn, t, "input.covariates")) {
    const r = record(fn, row, `input.covariates[${i}]`);
    const id = customerId(fn, r["customerId"], `input.covariates[${i}].customerId`);
    const v = new Float64Array(fields.length);
    for (let k = 0; k < fields.length; k++) v[k] = readCovariateValue(fn, r[fields[k]!], `input.covariates[${i}].${fields[k]}`, fields[k]!);
    put(id, `input.covariates[${i}].customerId`, v);
    i++;
  }
  return { values };
}

/**
 * Each scored customer's covariate values from the side table (`cov[i]`), and how many table rows belong
 * to no scored customer (left out, counted in the warnings). A scored customer without a row is refused.
 */
export function joinCovariates(fn: string, ids: readonly CustomerId[], table: CovariateTable): { cov: Float64Array[]; unmatched: number } {
  const cov = new Array<Float64Array>(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const v = table.values.get(ids[i]!);
    if (v === undefined) {
      fail(fn, "INVALID_INPUT", `input.covariates has no row for customer ${show(ids[i])}: every scored customer needs its covariate values (add the row, or score without covariates)`, "input.covariates");
    }
    cov[i] = v;
  }
  const scored = new Set(ids);
  let unmatched = 0;
  for (const id of table.values.keys()) if (!scored.has(id)) unmatched++;
  return { cov, unmatched };
}

/** The fitters the config can name. */
const FITTERS = { "bg-nbd": fitBgNbd, "mbg-nbd": fitModifiedBgNbd, "pareto-nbd": fitParetoNbd } as const;

/** A customer's row for the public functions: its summary and its covariate fields. */
export interface CovariateRow {
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
  [field: string]: number;
}

/** One row per customer as the public functions read it: the summary fields and the covariate fields. */
export function covariateRows(fields: readonly string[], cov: readonly Float64Array[], x: Float64Array, tx: Float64Array, T: Float64Array, m: Float64Array): CovariateRow[] {
  const n = x.length;
  const rows = new Array<CovariateRow>(n);
  for (let i = 0; i < n; i++) {
    const row: CovariateRow = { frequency: x[i]!, recency: tx[i]!, T: T[i]!, monetaryValue: m[i]! };
    for (let k = 0; k < fields.length; k++) row[fields[k]!] = cov[i]![k]!;
    rows[i] = row;
  }
  return rows;
}

/** The configured fit with `config.clv.covariates` on the rows, in the summaries' unit. */
export function fitWithScoreCovariates(c: ResolvedScoreConfig, rows: readonly CovariateRow[]): ReturnType<(typeof FITTERS)[keyof typeof FITTERS]> & { unit: "day" | "week" } {
  const v = c.clv as Exclude<ResolvedScoreConfig["clv"], false>;
  const opts = v.covariates === false ? { penalizer: v.penalizer, maxIterations: v.maxIterations } : { penalizer: v.penalizer, maxIterations: v.maxIterations, covariates: v.covariates };
  return { ...FITTERS[v.model](rows, opts), unit: c.summary.unit };
}

/**
 * The CLV columns from customerLifetimeValue on the rows (each customer its own history: `of` is the
 * identity), and with method "dert" margin · E[spend] · discountedExpectedTransactions, as dertClvColumns
 * multiplies them.
 */
export function covariateClvColumns(
  model: TransactionModel,
  spend: { readonly model: "gamma-gamma"; readonly params: { p: number; q: number; v: number } } | number,
  rows: readonly CovariateRow[],
  options: { horizon: number; discountRate: number; margin: number; unit: "day" | "week" },
  dert: number | null,
): ClvColumns {
  const n = rows.length;
  const res = customerLifetimeValue(model, spend, rows, options);
  const out: ClvColumns = { probabilityAlive: new Float64Array(n), expectedPurchases: new Float64Array(n), of: new Int32Array(n), expectedSpend: new Float64Array(n), clv: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const r = res[i]!;
    out.of[i] = i;
    out.probabilityAlive[i] = r.probabilityAlive;
    out.expectedPurchases[i] = r.expectedPurchases;
    out.expectedSpend[i] = r.expectedSpend ?? Number.NaN;
    if (dert === null) {
      out.clv[i] = r.clv ?? Number.NaN;
    } else {
      const value = r.expectedSpend === null ? Number.NaN : options.margin * r.expectedSpend * discountedExpectedTransactions(model, rows[i]! as never, { continuousDiscountRate: dert });
      out.clv[i] = Number.isFinite(value) ? value : Number.NaN;
    }
  }
  return out;
}
