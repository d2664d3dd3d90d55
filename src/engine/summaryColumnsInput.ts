// Ready summaries given as columns (input.summaries as a ScoreSummaryColumns, e.g. a summaryTable), read
// into the engine's columns with the checks the summary rows get, reported at `input.summaries.<field>[i]`.
import type { CustomerId } from "../data/time.js";
import { readCovariateValue } from "../internal/covariateDesign.js";
import { dayIndex } from "../internal/time.js";
import type { UnitAgreement } from "../internal/units.js";
import { customerId, fail, finiteNumber, integerAtLeast, show } from "../internal/validate.js";
import type { EngineColumns } from "./createScorer.js";
import type { ScoreSummaryColumns } from "./scoreTypes.js";

const REQUIRED = ["customerId", "frequency", "recency", "T", "monetaryValue", "totalAmount", "transactionCount", "firstAt", "lastAt"] as const;
const OPTIONAL = ["recentPurchases", "priorPurchases"] as const;

/** The engine's columns for `n` ready summaries, to be filled (window counts and, when asked, covariates included). */
export function readyColumns(n: number, covariates: boolean): EngineColumns {
  const f64 = (): Float64Array => new Float64Array(n);
  return {
    customerId: new Array<CustomerId>(n),
    frequency: f64(),
    recency: f64(),
    T: f64(),
    monetaryValue: f64(),
    totalAmount: f64(),
    recencyDays: f64(),
    own: { transactionCount: f64(), firstAt: f64(), lastAt: f64() },
    windows: { recent: f64(), prior: f64() },
    covariates: covariates ? new Array<Float64Array>(n) : null,
  };
}

/** Whether `value` is given as columns (an object with a `customerId` array) rather than an array of rows. */
export function isSummaryColumns(value: unknown): value is ScoreSummaryColumns {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(Symbol.iterator in value) && "customerId" in value;
}

/**
 * The columns of `t` as the engine's columns, each value read once and checked as a summary row's field is
 * (a whole `frequency` ≥ 0 and `transactionCount` ≥ 1, finite times and amounts, `firstAt` ≤ `lastAt`, whole
 * window counts); `covFields`: covariate columns of the same names, when the clv part reads them from here.
 */
export function summaryColumnsInput(fn: string, t: ScoreSummaryColumns, end: number, units: UnitAgreement, covFields: readonly string[] | null): EngineColumns {
  const src = t as unknown as Record<string, unknown>;
  const column = (key: string, optional: boolean): ArrayLike<unknown> | null => {
    const c = src[key];
    if (c === undefined && optional) return null;
    if (typeof c !== "object" || c === null || typeof (c as ArrayLike<unknown>).length !== "number") {
      fail(fn, "INVALID_TYPE", `input.summaries.${key} must be an array or a typed array, got ${show(c)}`, `input.summaries.${key}`);
    }
    return c as ArrayLike<unknown>;
  };
  const cols = REQUIRED.map((k) => column(k, false)!);
  const n = cols[0]!.length;
  REQUIRED.forEach((k, j) => {
    if (cols[j]!.length !== n) fail(fn, "INVALID_INPUT", `input.summaries.${k} has ${cols[j]!.length} values for ${n} customer ids`, `input.summaries.${k}`);
  });
  const [ids, x, tx, T, m, total, count, first, last] = cols as [ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>];
  const [recentIn, priorIn] = OPTIONAL.map((k) => {
    const c = column(k, true);
    if (c !== null && c.length !== n) fail(fn, "INVALID_INPUT", `input.summaries.${k} has ${c.length} values for ${n} customer ids`, `input.summaries.${k}`);
    return c;
  }) as [ArrayLike<unknown> | null, ArrayLike<unknown> | null];
  units.see(src["unit"], "input.summaries.unit");
  const covIn = covFields === null ? null : covFields.map((k) => column(k, false)!);
  covIn?.forEach((c, k) => {
    if (c.length !== n) fail(fn, "INVALID_INPUT", `input.summaries.${covFields![k]} has ${c.length} values for ${n} customer ids`, `input.summaries.${covFields![k]}`);
  });
  const out = readyColumns(n, covFields !== null);
  const endDay = dayIndex(end);
  const { own, windows } = out;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const xi = x[i];
    const ti = tx[i];
    const Ti = T[i];
    const mi = m[i];
    const si = total[i];
    const ci = count[i];
    const fi = first[i];
    const li = last[i];
    const ri = recentIn === null ? 0 : recentIn[i];
    const pi = priorIn === null ? 0 : priorIn[i];
    const valid =
      (typeof id === "string" ? id.length > 0 : typeof id === "number" && id - id === 0) &&
      isCount(xi, 0) && finite(ti) && finite(Ti) && finite(mi) && finite(si) && finite(fi) && finite(li) && isCount(ci, 1) && (fi as number) <= (li as number) &&
      isCount(ri, 0) && isCount(pi, 0);
    if (!valid) invalidAt(fn, i, { customerId: id, frequency: xi, recency: ti, T: Ti, monetaryValue: mi, totalAmount: si, transactionCount: ci, firstAt: fi, lastAt: li, recentPurchases: ri, priorPurchases: pi });
    out.customerId[i] = id as CustomerId;
    out.frequency[i] = xi as number;
    out.recency[i] = ti as number;
    out.T[i] = Ti as number;
    out.monetaryValue[i] = mi as number;
    out.totalAmount[i] = si as number;
    own.transactionCount[i] = ci as number;
    own.firstAt[i] = fi as number;
    own.lastAt[i] = li as number;
    windows!.recent[i] = ri as number;
    windows!.prior[i] = pi as number;
    out.recencyDays[i] = Math.max(0, endDay - dayIndex(li as number));
    if (covIn !== null) {
      const z = new Float64Array(covIn.length);
      for (let k = 0; k < covIn.length; k++) z[k] = readCovariateValue(fn, covIn[k]![i], `input.summaries.${covFields![k]}[${i}]`, covFields![k]!);
      out.covariates![i] = z;
    }
  }
  return out;
}

/** A whole number ≥ `min`. */
export function isCount(v: unknown, min: number): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= min;
}

/** A finite number. */
export function finite(v: unknown): boolean {
  return typeof v === "number" && v - v === 0;
}

/** Throws the coded error of customer `i`, whose values (as read once) failed the fast check. */
function invalidAt(fn: string, i: number, v: Record<(typeof REQUIRED)[number] | (typeof OPTIONAL)[number], unknown>): never {
  const at = (k: string): string => `input.summaries.${k}[${i}]`;
  customerId(fn, v.customerId, at("customerId"));
  for (const k of ["frequency", "recency", "T", "monetaryValue", "totalAmount", "firstAt", "lastAt"] as const) finiteNumber(fn, v[k], at(k));
  integerAtLeast(fn, v.transactionCount, at("transactionCount"), 1);
  integerAtLeast(fn, v.frequency, at("frequency"), 0);
  if (!((v.firstAt as number) <= (v.lastAt as number))) fail(fn, "INVALID_RANGE", `${at("lastAt")} must not be before firstAt`, at("lastAt"));
  for (const k of OPTIONAL) integerAtLeast(fn, v[k], at(k), 0);
  return fail(fn, "INVALID_INPUT", `input.summaries row ${i} is invalid`, `input.summaries`);
}
