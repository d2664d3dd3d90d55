import { count, fail, finiteNumber, record, show } from "../internal/validate.js";
import { readModelParams } from "./readModel.js";
import type { GammaGammaParams } from "./types.js";

/**
 * Conditional expected spend per transaction under the Gamma-Gamma model (Fader, Hardie & Lee 2005, "RFM and
 * CLV", eq. 5; Fader & Hardie 2013, note 025): a weighted average of the population mean and the customer's
 * own mean,
 *   E[Z | x, z̄] = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · z̄ = (pγ + p x z̄) / (px + q − 1),
 * where γ is `params.v`. A customer with no repeat purchase (x = 0) gets the population mean pγ/(q−1),
 * whatever their `monetaryValue`.
 *
 * @param model - `{ model: "gamma-gamma", params: { p, q, v } }` (a fit from {@link fitGammaGamma} works).
 * @param customer - `{ frequency, monetaryValue }`: repeat purchases x and their mean value z̄.
 * @returns The expected spend per future transaction, in the unit of `monetaryValue`; `null` when
 *   px + q ≤ 1 (e.g. x = 0 with q ≤ 1: the population mean is undefined).
 * @throws {RetentionKitError} INVALID_TYPE, INVALID_MODEL, INVALID_PARAMETER for a bad model;
 *   INVALID_NUMBER / NOT_INTEGER / NEGATIVE_VALUE for a bad `customer.frequency` or `customer.monetaryValue`.
 * @category CLV
 * @example
 * ```ts
 * const model = { model: "gamma-gamma", params: { p: 6.25, q: 3.74, v: 15.44 } } as const;
 * expectedAverageSpend(model, { frequency: 2, monetaryValue: 22.35 }).toFixed(4); // => "24.6637"
 * expectedAverageSpend(model, { frequency: 0, monetaryValue: 0 }).toFixed(4); // => "35.2190"
 * ```
 */
export function expectedAverageSpend(
  model: { readonly model: "gamma-gamma"; readonly params: GammaGammaParams },
  customer: { readonly frequency: number; readonly monetaryValue: number },
): number | null {
  const FN = "expectedAverageSpend";
  const { p, q, v } = readModelParams(FN, model, "gamma-gamma", ["p", "q", "v"]);
  const c = record(FN, customer, "customer");
  const x = count(FN, c["frequency"], "customer.frequency");
  const m = finiteNumber(FN, c["monetaryValue"], "customer.monetaryValue");
  if (!(m >= 0)) fail(FN, "NEGATIVE_VALUE", `customer.monetaryValue must be ≥ 0, got ${show(m)}`, "customer.monetaryValue");
  return gammaGammaSpend(p, q, v, x, m);
}

/** The formula of {@link expectedAverageSpend} on validated numbers (for batch callers). */
export function gammaGammaSpend(p: number, q: number, v: number, x: number, m: number): number | null {
  const px = p * x;
  const den = px + q - 1;
  if (!(den > 0)) return null;
  // (pγ + p x z̄)/den written as two bounded terms so a huge x or z̄ cannot overflow the numerator.
  const value = (p * v) / den + (px / den) * m;
  return Number.isFinite(value) ? value : null;
}
