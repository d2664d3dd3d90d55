// Validated-number dispatch of the conditional predictions over the four transaction models, for batch
// callers (customerLifetimeValue, calibrationHoldoutTable) that validate each row once. Not re-exported.
import { ValueIndex } from "../internal/valueIndex.js";
import { integrate } from "../internal/quadrature.js";
import { EXACT_PERIODS, longHorizonColumns } from "./horizonSums.js";
import { conditionalExpectedKernel, probabilityAliveKernel } from "./predictionKernels.js";
import { bgBbConditionalExpectedPurchases, bgBbExpectedPurchases, bgBbProbabilityAlive, bgBbProbabilityOfPurchases, readBgBbCustomer } from "./bgBbMath.js";
import { bgConditionalExpected, bgExpectedBracket, bgProbabilityAlive, bgProbabilityOfPurchases } from "./bgNbdMath.js";
import { sbgDerl } from "./discountedResidualLifetime.js";
import { indexRows } from "../internal/patterns.js";
import { indexDistinct } from "./rfFit.js";
import { paretoConditionalExpected, paretoExpected, paretoProbabilityAlive, paretoProbabilityOfPurchases } from "./paretoNbdMath.js";
import { checkCustomerUnit, readRfCustomer } from "./transactionModels.js";
import type { BgBbParams, TransactionModel } from "./types.js";

export { conditionalExpectedKernel, probabilityAliveKernel };

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
 * Past {@link EXACT_PERIODS} periods see {@link longHorizonColumns}; `tabulate` false sums each distinct
 * history on its own there (for callers with a model per customer or per draw, whose tables would not be shared).
 */
export function discountedPurchaseColumns(
  model: TransactionModel,
  x: Float64Array,
  tx: Float64Array,
  age: Float64Array,
  horizon: number,
  L: number,
  d: number,
  tabulate = true,
): DiscountedPurchases {
  const n = x.length;
  const out: DiscountedPurchases = { discounted: new Float64Array(n), expected: new Float64Array(n), alive: new Float64Array(n) };
  const long = horizon > EXACT_PERIODS;
  const factors = new Float64Array(long ? EXACT_PERIODS : horizon);
  let factor = 1;
  for (let k = 0; k < factors.length; k++) factors[k] = factor /= 1 + d;
  if (long) {
    longHorizonColumns(model, x, tx, age, horizon, L, d, factors, out, tabulate);
    return out;
  }
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

/** e^{−46} < 1.1e-20: the continuous DERT integral stops at δt = 46. */
const DERT_SPAN = 46;

/**
 * DERT of a continuous-time model (BG/NBD, MBG/NBD, Pareto/NBD) for a validated customer and δ > 0:
 *   DERT = ∫_0^∞ e^{−δt} dE[Y(t)] = δ ∫_0^∞ e^{−δt} E[Y(t) | x, t_x, T] dt
 * (integration by parts: E[Y(0)] = 0 and E[Y(t)] grows at most linearly), with E[Y(t)] the same
 * {@link conditionalExpectedKernel} the predictions use. E[Y(t)] is analytic but for t ≤ −D (D = α+T for the
 * BG family, where the ₂F₁ argument t/(α+T+t) has its pole, β+T for Pareto/NBD), so {@link integrate} with
 * its pole at −D is accurate to ~1e-15 per panel. E is concave with E(0) = 0, so the part past δt = 46 is at
 * most (46 + 1)·e^{−46} < 6e-19 of the whole, and it is left out. Panels grow ×4 from width 3D to 16/δ:
 * at most log₄(16/(3δD)) + 4 panels (under 35 for δ ≥ 1e-12 and D ≥ 1e-3), 20 evaluations each.
 */
export function continuousDertKernel(model: Exclude<TransactionModel, { model: "bg-bb" }>, x: number, tx: number, T: number, delta: number): number {
  const D = model.model === "pareto-nbd" ? model.params.beta + T : model.params.alpha + T;
  const end = DERT_SPAN / delta;
  const h = (t: number): number => Math.exp(-delta * t) * conditionalExpectedKernel(model, x, tx, T, t);
  const v = delta * integrate(h, 0, end, delta, -D);
  return v > 0 ? v : 0;
}

/**
 * DERT of a BG/BB customer (Fader, Hardie & Shang 2010, eq. 14; BTYD `bgbb.DERT`) for d > 0:
 *   Σ_{k≥1} P(transaction at n+k | x, t_x, n)/(1+d)^k = P(alive at n) · (α+x)/(α+β+n) · Σ_{k≥1} E[(1−θ)^k]/(1+d)^k,
 * θ ~ Beta(γ, δ+n), the last sum being the shifted-beta-geometric DERL of a subscriber who has renewed n
 * times, divided by 1+d ({@link sbgDerl}: its series, or its Beta-mean quadrature for small d).
 */
export function bgBbDertKernel(p: BgBbParams, x: number, tx: number, n: number, d: number): number {
  const alive = bgBbProbabilityAlive(p, x, tx, n, 0);
  const derl = sbgDerl(p.gamma, p.delta, n, d) ?? 0;
  const v = alive * ((p.alpha + x) / (p.alpha + p.beta + n)) * (derl / (1 + d));
  return v > 0 && v < Number.POSITIVE_INFINITY ? v : 0;
}

/** E[X(t)] of a new customer for a validated model (t whole for BG/BB). */
export function expectedKernel(model: TransactionModel, t: number): number {
  switch (model.model) {
    case "bg-nbd":
      return bgConditionalExpected(model.params, 0, 0, 0, 0, t);
    case "mbg-nbd":
      return bgConditionalExpected(model.params, 1, 0, 0, 0, t);
    case "pareto-nbd":
      return paretoExpected(model.params, t);
    case "bg-bb":
      return bgBbExpectedPurchases(model.params, t);
  }
}

/**
 * P(X(T, T+t] = n | x, t_x, T) for a validated model and customer. A customer who is alive at T (chance
 * P(alive)) is, from then on, a new customer of the same model with the posterior parameters: λ ~ Gamma(r+x,
 * α+T) and p ~ Beta(a, b+x) for BG/NBD (b+x+1 for MBG/NBD, whose first purchase was also a dropout chance),
 * μ ~ Gamma(s, β+T) for Pareto/NBD, p ~ Beta(α+x, β+n−x) and θ ~ Beta(γ, δ+n) for BG/BB, with no dropout
 * chance at T itself (a BG/NBD new customer's). So
 *   P(n) = P(alive) · P_post(X(t) = n) + (1 − P(alive)) · [n = 0],
 * with P_post the new-customer pmf of {@link probabilityOfPurchases} at the posterior parameters (the MBG/NBD
 * case through the BG/NBD form with b+x+1). Σ_n n·P(n) is then {@link conditionalExpectedKernel}.
 */
export function conditionalPmfKernel(model: TransactionModel, x: number, tx: number, T: number, n: number, t: number): number {
  let alive: number;
  let post: number;
  switch (model.model) {
    case "bg-nbd":
    case "mbg-nbd": {
      const k = model.model === "bg-nbd" ? 0 : 1;
      const p = model.params;
      alive = bgProbabilityAlive(p, k, x, tx, T);
      post = bgProbabilityOfPurchases({ r: p.r + x, alpha: p.alpha + T, a: p.a, b: p.b + x + k }, 0, n, t);
      break;
    }
    case "pareto-nbd": {
      const p = model.params;
      alive = paretoProbabilityAlive(p, x, tx, T);
      post = paretoProbabilityOfPurchases({ r: p.r + x, alpha: p.alpha + T, s: p.s, beta: p.beta + T }, n, t);
      break;
    }
    case "bg-bb": {
      const p = model.params;
      alive = bgBbProbabilityAlive(p, x, tx, T, 0);
      post = bgBbProbabilityOfPurchases({ alpha: p.alpha + x, beta: p.beta + T - x, gamma: p.gamma, delta: p.delta + T }, n, t);
      break;
    }
  }
  const v = alive * post + (n === 0 ? 1 - alive : 0);
  return Math.min(1, Math.max(0, v));
}

/**
 * P(X(t) = n) of a new customer for a validated model and whole n ≥ 0 (t whole for BG/BB): the formulas of
 * {@link probabilityOfPurchases}.
 */
export function pmfKernel(model: TransactionModel, n: number, t: number): number {
  switch (model.model) {
    case "bg-nbd":
      return bgProbabilityOfPurchases(model.params, 0, n, t);
    case "mbg-nbd":
      return bgProbabilityOfPurchases(model.params, 1, n, t);
    case "pareto-nbd":
      return paretoProbabilityOfPurchases(model.params, n, t);
    case "bg-bb":
      return bgBbProbabilityOfPurchases(model.params, n, t);
  }
}
