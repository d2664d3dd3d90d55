// The discounted horizon sums of customerLifetimeValue past 200 periods, in work independent of the horizon
// and, for a million customers, of their number: the sum depends on a customer's age only through a smooth
// function, tabulated once per frequency. Not re-exported.
import { ChebyshevPanels } from "../internal/chebyshevPanels.js";
import { indexRows } from "../internal/patterns.js";
import { integrate } from "../internal/quadrature.js";
import { ValueIndex } from "../internal/valueIndex.js";
import { bgExpectedBracket, bgProbabilityAlive, type BgVariant } from "./bgNbdMath.js";
import { paretoProbabilityAlive, powerIntegral } from "./paretoNbdMath.js";
import { conditionalExpectedKernel, probabilityAliveKernel } from "./predictionKernels.js";
import { indexDistinct } from "./rfFit.js";
import type { DiscountedPurchases } from "./transactionKernels.js";
import type { BgNbdParams, TransactionModel } from "./types.js";

/** Periods summed one by one; longer horizons add the rest by Gregory's formula ({@link horizonSum}). */
export const EXACT_PERIODS = 200;

/** Gregory's end-correction weights for differences of order 1..4. */
const GREGORY = [1 / 12, 1 / 24, 19 / 720, 3 / 160] as const;

/**
 * S = Σ_{k=1}^{H} (e_k − e_{k−1})·ρ^k and e_H, for e_k = e(k) the expected purchases by the end of period k
 * (increasing and concave in k for every model: the purchase rate of a customer who may have left falls),
 * ρ = 1/(1+d), H > {@link EXACT_PERIODS}, in work independent of H. `out` receives [S, e_H].
 *
 * 1. Periods 1..K (K = EXACT_PERIODS) are summed one by one, as for short horizons.
 * 2. Periods past k_c, where ρ^{k_c} ≤ 1e-17, are left out. Concavity bounds what they add: with Δ_k
 *    non-increasing, Σ_{k>k_c} Δ_k ρ^k ≤ Δ_{k_c} ρ^{k_c+1}/(1−ρ) ≤ S·ρ^{k_c}/(1 − ρ^{k_c}) (Chebyshev's sum
 *    inequality gives S ≥ e_{k_c}·mean ρ^k and Δ_{k_c} ≤ e_{k_c}/k_c), below 1e-17 of S.
 * 3. The rest, periods K+1..b (b = min(H, k_c)), by summation by parts,
 *      Σ_{k=K+1}^{b} Δ_k ρ^k = e_b ρ^b − e_K ρ^{K+1} + (1−ρ)·Σ_{k=K+1}^{b−1} e_k ρ^k,
 *    the last sum by Gregory's formula (the Euler–Maclaurin formula with end differences of order ≤ 4, from
 *    ten exact values) around ∫ e(t)ρ^t dt, integrated by 20-point Gauss–Legendre panels (see
 *    {@link integrate}). The
 *    truncation error is of order the fifth derivative of e·ρ^t at k = K: e^{(5)}/e ≲ 5!/K⁵ ≈ 4e-10 and
 *    ln(1+d)⁵·ρ^K ≤ (5/K)⁵e^{−5}, times 3/160 — below 1e-11 of the result.
 * With d = 0 the sum telescopes to e_H exactly. At most ~400 evaluations of e whatever H (H before).
 */
function horizonSum(e: (k: number) => number, H: number, d: number, factors: Float64Array, out: Float64Array): void {
  const K = EXACT_PERIODS;
  let prev = 0;
  let last = 0;
  let head = 0;
  for (let k = 1; k <= K; k++) {
    const raw = e(k);
    last = raw > 0 ? raw : 0;
    head += Math.max(0, last - prev) * factors[k - 1]!;
    prev = Math.max(prev, last);
  }
  const lnRate = Math.log1p(d);
  const b = d > 0 ? Math.min(H, Math.max(K + 1, Math.ceil(39.2 / lnRate))) : H; // ρ^b ≤ 1e-17 when cut
  const eH = Math.max(prev, e(H));
  if (d === 0) {
    out[0] = head + (eH - prev);
    out[1] = eH;
    return;
  }
  const rho = (k: number): number => Math.exp(-k * lnRate);
  const eb = b === H ? eH : Math.max(prev, e(b));
  const a1 = K + 1;
  const b1 = b - 1;
  let inner = 0;
  if (b1 - a1 < 10) {
    for (let k = a1; k <= b1; k++) inner += Math.max(0, e(k)) * rho(k);
  } else {
    const h = (k: number): number => Math.max(0, e(k)) * rho(k);
    const fa = [h(a1), h(a1 + 1), h(a1 + 2), h(a1 + 3), h(a1 + 4)];
    const fb = [h(b1), h(b1 - 1), h(b1 - 2), h(b1 - 3), h(b1 - 4)];
    const forward = differences(fa);
    const backward = differences(fb);
    // Σ_{k=a}^{b} f(k) = ∫_a^b f + (f(a) + f(b))/2 + Σ_j G_j·(∇^j f(b) + (−1)^j Δ^j f(a)).
    inner = integrate(h, a1, b1, lnRate) + (fa[0]! + fb[0]!) / 2;
    // differences() of the values listed backwards from b gives (−1)^j ∇^j f(b).
    for (let j = 0; j < 4; j++) inner += GREGORY[j]! * (j % 2 === 0 ? -backward[j]! - forward[j]! : backward[j]! + forward[j]!);
  }
  const tail = eb * rho(b) - last * rho(K + 1) + -Math.expm1(-lnRate) * inner;
  out[0] = head + Math.max(0, tail);
  out[1] = eH;
}

/** Δf₀, Δ²f₀, Δ³f₀, Δ⁴f₀ of f₀..f₄ (for values listed backwards from b, the backward differences at b). */
function differences(f: readonly number[]): [number, number, number, number] {
  const [f0, f1, f2, f3, f4] = f as [number, number, number, number, number];
  return [f1 - f0, f2 - 2 * f1 + f0, f3 - 3 * f2 + 3 * f1 - f0, f4 - 4 * f3 + 6 * f2 - 4 * f1 + f0];
}

/**
 * Width of a tabulation panel in ln(α+T) (BG family) or ln(β+T) (Pareto/NBD). The sums are analytic in that
 * variable within |Im| < π (the hypergeometric argument t/(e^w + t) has its poles at w = ln t ± iπ), so a
 * panel of width 1 sits inside a Bernstein ellipse of parameter ≈ 4π: 24 nodes reach rounding level.
 */
const PANEL_WIDTH = 1;

/**
 * S_x(w) = [{@link horizonSum} of B_x(kL/e^w), B_x(HL/e^w)] tabulated in w = ln(α+T), B_x(τ) the BG/NBD bracket
 * of a customer with frequency x at τ = t/(α+T) ({@link bgExpectedBracket}, which depends on α and T only
 * through α+T, so the model with α = 1 at age 0 gives it). One sum takes some 330 brackets, and near τ ≫ 1
 * with a < 1 a bracket takes up to a millisecond, so the sums read B_x from its own table in ln τ — as
 * analytic as S_x, within |Im| < π — built from about as many brackets as one customer's sum; where that
 * table failed the bracket itself.
 */
function bgSumTable(p: BgNbdParams, v: BgVariant, x: number, H: number, L: number, d: number, factors: Float64Array): ChebyshevPanels {
  const unit = { ...p, alpha: 1 };
  const direct = (u: number): number => bgExpectedBracket(unit, v, x, 0, Math.exp(u));
  const brackets = new ChebyshevPanels((u, o) => (o[0] = direct(u)), 1, PANEL_WIDTH);
  const one = new Float64Array(1);
  const bracket = (u: number): number => (brackets.at(u, one) ? one[0]! : direct(u));
  const logL = Math.log(L);
  return new ChebyshevPanels((w, o) => horizonSum((k) => bracket(logL + Math.log(k) - w), H, d, factors, o), 2, PANEL_WIDTH);
}

/**
 * {@link DiscountedPurchases} of validated customers for a horizon past {@link EXACT_PERIODS}, written to `out`.
 *
 * - BG/NBD and MBG/NBD: E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · B_x(t/(α+T)), the bracket B depending on
 *   the age only through α+T. So each customer's sum is P(alive) times S_x(ln(α+T)), S_x the
 *   {@link horizonSum} of B_x, tabulated per distinct x by {@link ChebyshevPanels}.
 * - Pareto/NBD: E[Y(t) | x, t_x, T] = P(alive) · (r+x)(β+T)/(α+T) · [1 − ((β+T)/(β+T+t))^(s−1)]/(s−1): the
 *   last factor depends on β+T alone, and its sum is tabulated once.
 * - BG/BB (and a panel that did not converge): the sum itself, once per distinct (x, t_x, n).
 *
 * A customer's value depends only on its own history: the panels are fixed by the model, not by the batch.
 * With `tabulate` false every customer is summed directly (once per distinct history).
 */
export function longHorizonColumns(model: TransactionModel, x: Float64Array, tx: Float64Array, age: Float64Array, H: number, L: number, d: number, factors: Float64Array, out: DiscountedPurchases, tabulate = true): void {
  const n = x.length;
  const pair = new Float64Array(2);
  const exact = new Uint8Array(n); // customers whose panel failed: summed directly below
  let anyExact = false;
  if (!tabulate) {
    exact.fill(1);
    anyExact = n > 0;
  } else if (model.model === "bg-nbd" || model.model === "mbg-nbd") {
    const v = model.model === "bg-nbd" ? 0 : 1;
    const p = model.params;
    const xList: number[] = [];
    const xOf = new Int32Array(n);
    indexDistinct(x, new ValueIndex(), xList, xOf);
    const tables = new Array<ChebyshevPanels | undefined>(xList.length);
    for (let i = 0; i < n; i++) {
      const g = xOf[i]!;
      const xi = x[i]!;
      const table = (tables[g] ??= bgSumTable(p, v, xi, H, L, d, factors));
      const alive = bgProbabilityAlive(p, v, xi, tx[i]!, age[i]!);
      out.alive[i] = alive;
      if (table.at(Math.log(p.alpha + age[i]!), pair)) {
        out.discounted[i] = Math.max(0, pair[0]!) * alive;
        out.expected[i] = Math.max(0, pair[1]!) * alive;
      } else {
        exact[i] = 1;
        anyExact = true;
      }
    }
  } else if (model.model === "pareto-nbd") {
    const p = model.params;
    const table = new ChebyshevPanels((w, o) => horizonSum((k) => powerIntegral(p.s, Math.exp(w), k * L), H, d, factors, o), 2, PANEL_WIDTH);
    for (let i = 0; i < n; i++) {
      const T = age[i]!;
      const alive = paretoProbabilityAlive(p, x[i]!, tx[i]!, T);
      out.alive[i] = alive;
      if (table.at(Math.log(p.beta + T), pair)) {
        const scale = (((p.r + x[i]!) * (p.beta + T)) / (p.alpha + T)) * alive;
        out.discounted[i] = Math.max(0, pair[0]!) * scale;
        out.expected[i] = Math.max(0, pair[1]!) * scale;
      } else {
        exact[i] = 1;
        anyExact = true;
      }
    }
  } else {
    exact.fill(1);
    anyExact = n > 0;
  }
  if (anyExact) exactSums(model, x, tx, age, exact, H, L, d, factors, out);
}

/** The {@link horizonSum} of each flagged customer's E[Y(t)], once per distinct (x, t_x, age). */
function exactSums(model: TransactionModel, x: Float64Array, tx: Float64Array, age: Float64Array, flagged: Uint8Array, H: number, L: number, d: number, factors: Float64Array, out: DiscountedPurchases): void {
  const rows = indexRows([x, tx, age]);
  const [gx, gtx, gAge] = rows.columns as [Float64Array, Float64Array, Float64Array];
  const sums = new Float64Array(2 * gx.length).fill(Number.NaN);
  const pair = new Float64Array(2);
  for (let i = 0; i < x.length; i++) {
    if (flagged[i] === 0) continue;
    const g = rows.of[i]!;
    if (Number.isNaN(sums[2 * g]!)) {
      const xi = gx[g]!;
      const ti = gtx[g]!;
      const ai = gAge[g]!;
      horizonSum((k) => conditionalExpectedKernel(model, xi, ti, ai, k * L), H, d, factors, pair);
      sums[2 * g] = pair[0]!;
      sums[2 * g + 1] = pair[1]!;
      out.alive[i] = probabilityAliveKernel(model, xi, ti, ai);
    } else {
      out.alive[i] = probabilityAliveKernel(model, gx[g]!, gtx[g]!, gAge[g]!);
    }
    out.discounted[i] = sums[2 * g]!;
    out.expected[i] = sums[2 * g + 1]!;
  }
}
