import { pmfKernel } from "./transactionKernels.js";
import { readDuration, readOpportunities, readTransactionModel } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";
import { count, fail } from "../internal/validate.js";

/** The largest purchase count asked about: P(X = n) for BG/NBD sums the NBD pmf over 0..n−1. */
const MAX_PURCHASES = 1_000_000;

/**
 * P(X(t) = n): the probability that a NEW customer makes exactly `n` repeat purchases in the next `t` time
 * units — the model's predicted frequency histogram (compare with the calibration histogram to check fit).
 *
 * - BG/NBD (Fader, Hardie & Lee 2005, eq. 8): B(a, b+n)/B(a,b) · NBD(n) + [n > 0] B(a+1, b+n−1)/B(a,b) ·
 *   P(NBD ≥ n), with NBD the negative binomial count Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j.
 * - MBG/NBD: B(a, b+n+1)/B(a,b) · NBD(n) + B(a+1, b+n)/B(a,b) · P(NBD ≥ n) (the same argument with a
 *   dropout chance right after the first purchase).
 * - Pareto/NBD: NBD(n; t) (β/(β+t))^s + ∫₀ᵗ NBD(n; τ) sβ^s/(β+τ)^(s+1) dτ (mixing over the dropout time τ;
 *   equal to Fader & Hardie's 2006 closed form), by Gauss–Legendre quadrature to ~1e-13.
 * - BG/BB (Fader, Hardie & Shang 2010, eq. 8): `t` whole opportunities.
 *
 * @param model - any transaction model `{ model, params }`
 * @param n - number of repeat purchases, a whole number 0..1 000 000
 * @param t - horizon in the model's time unit (whole opportunities for BG/BB), ≥ 0
 * @returns a probability in [0, 1]; over n = 0, 1, 2, … they sum to 1
 * @throws RetentionKitError `INVALID_MODEL` / `INVALID_PARAMETER`; `NOT_INTEGER` / `NEGATIVE_VALUE` at `n`
 * or `t`; `OUT_OF_RANGE` for `n` above 1 000 000, `t` above 1e15 (100 000 opportunities for BG/BB)
 * @category CLV
 * @example
 * ```ts
 * const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * probabilityOfPurchases(bgnbd, 0, 39);
 * // => 0.5737863520960094
 * ```
 */
export function probabilityOfPurchases(model: TransactionModel, n: number, t: number): number {
  const fn = "probabilityOfPurchases";
  const m = readTransactionModel(fn, model);
  const k = count(fn, n, "n");
  // Beyond this, ln Γ(r+n) − ln Γ(n+1) is ∞ − ∞ (NaN) and the BG/NBD cdf loop over 0..n−1 would not end.
  if (!(k <= MAX_PURCHASES)) fail(fn, "OUT_OF_RANGE", `n must be at most ${MAX_PURCHASES} purchases, got ${k}`, "n");
  return pmfKernel(m, k, m.model === "bg-bb" ? readOpportunities(fn, t, "t") : readDuration(fn, t, "t"));
}
