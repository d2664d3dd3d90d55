// Validated-number dispatch of the conditional predictions over the four transaction models, for batch
// callers (customerLifetimeValue, calibrationHoldoutTable) that validate each row once. Not re-exported.
import { ValueIndex } from "../internal/valueIndex.js";
import { bgBbConditionalExpectedPurchases, bgBbProbabilityAlive, readBgBbCustomer } from "./bgBbMath.js";
import { bgConditionalExpected, bgExpectedBracket, bgProbabilityAlive } from "./bgNbdMath.js";
import { indexRows } from "../internal/patterns.js";
import { indexDistinct } from "./rfFit.js";
import { paretoConditionalExpected, paretoProbabilityAlive } from "./paretoNbdMath.js";
import { checkCustomerUnit, readRfCustomer } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";

/**
 * Reads a customer of `model`'s kind at `path` into `out` = [x, t_x, T or n] (RfCustomer fields, or BG/BB's
 * `{ frequency, recency, n }`), throwing the coded errors of the readers.
 */
export function readCustomerFor(fn: string, model: TransactionModel, value: unknown, path: string, out: Float64Array, modelPath = "model"): void {
  if (model.model === "bg-bb") {
    const c = readBgBbCustomer(fn, value, path);
    out[0] = c.frequency;
    out[1] = c.recency;
    out[2] = c.n;
  } else {
    readRfCustomer(fn, value, path, out);
    checkCustomerUnit(fn, model, value, path, modelPath);
  }
}

/** E[Y(t) | x, t_x, age] for a validated model and customer (age = T, or n for BG/BB; t whole for BG/BB). */
export function conditionalExpectedKernel(model: TransactionModel, x: number, tx: number, age: number, t: number): number {
  switch (model.model) {
    case "bg-nbd":
      return bgConditionalExpected(model.params, 0, x, tx, age, t);
    case "mbg-nbd":
      return bgConditionalExpected(model.params, 1, x, tx, age, t);
    case "pareto-nbd":
      return paretoConditionalExpected(model.params, x, tx, age, t);
    case "bg-bb":
      return bgBbConditionalExpectedPurchases(model.params, x, tx, age, t);
  }
}

/** P(alive) for a validated model and customer (BG/BB: at the next opportunity, the paper's eq. 11). */
export function probabilityAliveKernel(model: TransactionModel, x: number, tx: number, age: number): number {
  switch (model.model) {
    case "bg-nbd":
      return bgProbabilityAlive(model.params, 0, x, tx, age);
    case "mbg-nbd":
      return bgProbabilityAlive(model.params, 1, x, tx, age);
    case "pareto-nbd":
      return paretoProbabilityAlive(model.params, x, tx, age);
    case "bg-bb":
      return bgBbProbabilityAlive(model.params, x, tx, age, 1);
  }
}

/** Per-customer outputs of {@link discountedPurchaseColumns}. */
export interface DiscountedPurchases {
  /** Σ_{k=1}^{H} max(0, E[Y(kL)] − E[Y((k−1)L)]) / (1+d)^k: the CLV of a unit spend and margin. */
  discounted: Float64Array;
  /** E[Y(H·L) | history] (the running maximum of the steps). */
  expected: Float64Array;
  /** P(alive) now. */
  alive: Float64Array;
}

/**
 * The horizon sum of {@link customerLifetimeValue} for validated customers held as columns (x, t_x, age):
 * purchases in period k discounted as if made at its end. For the BG/NBD family the hypergeometric part of
 * E[Y(t)] depends on (x, age, t) only, so it is computed once per distinct (x, age) and horizon step and
 * multiplied by each customer's P(alive) — the very two factors {@link bgConditionalExpected} multiplies.
 */
export function discountedPurchaseColumns(
  model: TransactionModel,
  x: Float64Array,
  tx: Float64Array,
  age: Float64Array,
  horizon: number,
  L: number,
  d: number,
): DiscountedPurchases {
  const n = x.length;
  const out: DiscountedPurchases = { discounted: new Float64Array(n), expected: new Float64Array(n), alive: new Float64Array(n) };
  const factors = new Float64Array(horizon);
  let factor = 1;
  for (let k = 0; k < horizon; k++) factors[k] = factor /= 1 + d;
  if (model.model === "bg-nbd" || model.model === "mbg-nbd") {
    const v = model.model === "bg-nbd" ? 0 : 1;
    const p = model.params;
    const groups = xAgeGroups(x, age);
    const { gx, gAge } = groups;
    const brackets = new Float64Array(gx.length * horizon);
    for (let g = 0; g < gx.length; g++) for (let k = 1; k <= horizon; k++) brackets[g * horizon + k - 1] = bgExpectedBracket(p, v, gx[g]!, gAge[g]!, k * L);
    for (let i = 0; i < n; i++) {
      const alive = bgProbabilityAlive(p, v, x[i]!, tx[i]!, age[i]!);
      const at = groups.of[i]! * horizon;
      let prev = 0;
      let discounted = 0;
      for (let k = 0; k < horizon; k++) {
        const raw = brackets[at + k]! * alive;
        const e = raw > 0 ? raw : 0;
        // E[Y(t)] is non-decreasing in t; max() keeps rounding from making a period's purchases negative.
        discounted += Math.max(0, e - prev) * factors[k]!;
        prev = Math.max(prev, e);
      }
      out.discounted[i] = discounted;
      out.expected[i] = prev;
      out.alive[i] = alive;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    let prev = 0;
    let discounted = 0;
    for (let k = 1; k <= horizon; k++) {
      const e = conditionalExpectedKernel(model, x[i]!, tx[i]!, age[i]!, k * L);
      discounted += Math.max(0, e - prev) * factors[k - 1]!;
      prev = Math.max(prev, e);
    }
    out.discounted[i] = discounted;
    out.expected[i] = prev;
    out.alive[i] = probabilityAliveKernel(model, x[i]!, tx[i]!, age[i]!);
  }
  return out;
}

/**
 * The distinct (x, age) pairs in first-seen order and each row's pair. Customers have few distinct
 * frequencies and ages, so each column is indexed through a map and the pairs by direct addressing in the
 * (distinct x) × (distinct age) grid; a hash of the pairs when that grid is large.
 */
function xAgeGroups(x: Float64Array, age: Float64Array): { gx: number[]; gAge: number[]; of: Int32Array } {
  const n = x.length;
  const xList: number[] = [];
  const xOf = new Int32Array(n);
  indexDistinct(x, new ValueIndex(), xList, xOf);
  const ageList: number[] = [];
  const ageOf = new Int32Array(n);
  indexDistinct(age, new ValueIndex(), ageList, ageOf);
  const na = ageList.length;
  if (xList.length * na > 1 << 22) {
    const h = indexRows([x, age]);
    return { gx: Array.from(h.columns[0]!), gAge: Array.from(h.columns[1]!), of: h.of };
  }
  const cell = new Int32Array(xList.length * na).fill(-1);
  const gx: number[] = [];
  const gAge: number[] = [];
  const of = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = xOf[i]! * na + ageOf[i]!;
    let g = cell[c]!;
    if (g < 0) {
      g = cell[c] = gx.length;
      gx.push(xList[xOf[i]!]!);
      gAge.push(ageList[ageOf[i]!]!);
    }
    of[i] = g;
  }
  return { gx, gAge, of };
}
