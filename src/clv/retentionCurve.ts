import { fail, integerAtLeast } from "../internal/validate.js";
import { readModelParams } from "./readModel.js";
import type { SbgParams } from "./types.js";

const MAX_PERIODS = 1_000_000;

/**
 * The survivor curve of a shifted-beta-geometric model (Fader & Hardie 2007, "How to Project Customer
 * Retention", eq. 7): the expected share of a cohort still subscribed after t renewal opportunities,
 *   S(t) = B(α, β+t)/B(α, β),  computed as S(0) = 1, S(t) = S(t−1)·(β+t−1)/(α+β+t−1).
 * The period-t retention rate S(t)/S(t−1) = (β+t−1)/(α+β+t−1) rises with t: the cohort sorts itself, the
 * churn-prone leaving first.
 *
 * @param model - `{ model: "sbg", params: { alpha, beta } }` (a fit from {@link fitShiftedBetaGeometric} works).
 * @param periods - Last period to project (a whole number, 0..1 000 000).
 * @returns `[S(0), S(1), …, S(periods)]`, with S(0) = 1; multiply by a cohort size for counts.
 * @throws {RetentionKitError} INVALID_TYPE / INVALID_MODEL / INVALID_PARAMETER for a bad model;
 *   INVALID_NUMBER / NOT_INTEGER / OUT_OF_RANGE for a bad `periods`.
 * @category CLV
 * @example
 * ```ts
 * retentionCurve({ model: "sbg", params: { alpha: 0.704, beta: 1.182 } }, 3).map((s) => s.toFixed(3));
 * // => ["1.000", "0.627", "0.474", "0.388"]
 * ```
 */
export function retentionCurve(model: { readonly model: "sbg"; readonly params: SbgParams }, periods: number): number[] {
  const FN = "retentionCurve";
  const { alpha, beta } = readModelParams(FN, model, "sbg", ["alpha", "beta"]);
  const T = integerAtLeast(FN, periods, "periods", 0);
  // One array element per period: 2^53 periods is not a curve but an allocation failure (RangeError).
  if (!(T <= MAX_PERIODS)) fail(FN, "OUT_OF_RANGE", `periods must be at most ${MAX_PERIODS}, got ${T}`, "periods");
  const out = new Array<number>(T + 1);
  let s = 1;
  out[0] = 1;
  for (let t = 1; t <= T; t++) {
    s *= (beta + t - 1) / (alpha + beta + t - 1);
    out[t] = s;
  }
  return out;
}
