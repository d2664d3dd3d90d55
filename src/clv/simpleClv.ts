import { fail, finiteNumber, integerAtLeast, nonNegativeNumber, numberInRange, optionsBag, rateFraction, record } from "../internal/validate.js";

/**
 * Inputs of {@link simpleClv}.
 *
 * @category CLV
 * @example
 * ```ts
 * const input: SimpleClvInput = { margin: 100, retentionRate: 0.8, discountRate: 0.1, horizon: 5 };
 * ```
 */
export interface SimpleClvInput {
  /** m: margin per period of a retained customer (a finite number, in money). */
  margin: number;
  /** r: probability of retaining a customer from one period to the next, a fraction in [0, 1) (0.8, not 80). */
  retentionRate: number;
  /** d: discount rate per period, a fraction in [0, 1] (0.1 = 10 %; `10` is refused as a likely percentage). */
  discountRate: number;
  /** H: number of future periods to count (a whole number ≥ 0). Default: no limit (the perpetuity). */
  horizon?: number;
}

/**
 * The textbook customer lifetime value with a constant margin, retention rate and discount rate (Gupta &
 * Lehmann 2003, "Customers as Assets", Journal of Interactive Marketing 17(1)):
 *   CLV = Σ_{t=1}^{H} m·r^t/(1+d)^t = m·q·(1 − q^H)/(1 − q),  q = r/(1+d),
 * which for an unlimited horizon is m·r/(1+d−r).
 *
 * Timing convention: the customer is valued at the start of period 1, just after the current period's margin
 * was collected (it is not included); the margin of period t is received at the end of period t only if the
 * customer is still retained then (probability r^t), and is discounted by (1+d)^t. Add `margin` to include
 * the current period's margin (Gupta & Lehmann's m(1+d)/(1+d−r)).
 *
 * @param input - `{ margin, retentionRate, discountRate, horizon? }`, see {@link SimpleClvInput}.
 * @returns The expected discounted margin over the horizon, in the unit of `margin`.
 * @throws {RetentionKitError} INVALID_TYPE for a non-object; INVALID_NUMBER for a non-finite value;
 *   OUT_OF_RANGE when `retentionRate` ∉ [0, 1), `discountRate` > 1 or `horizon` < 0 (a rate above 1, such as
 *   `discountRate: 10`, is refused with the fraction it likely means: "did you mean 0.1?"); NEGATIVE_VALUE when
 *   `discountRate` < 0; NOT_INTEGER for a fractional `horizon`.
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `input` (the message lists the known keys)
 * @category CLV
 * @example
 * ```ts
 * simpleClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1 }).toFixed(2); // => "266.67"
 * simpleClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1, horizon: 2 }).toFixed(2); // => "125.62"
 * ```
 */
export function simpleClv(input: SimpleClvInput): number {
  const FN = "simpleClv";
  const o = optionsBag(FN, record(FN, input, "input"), ["margin", "retentionRate", "discountRate", "horizon"] as const satisfies readonly (keyof SimpleClvInput)[], "input");
  const m = finiteNumber(FN, o["margin"], "input.margin");
  const r = numberInRange(FN, rateFraction(FN, o["retentionRate"], "input.retentionRate"), "input.retentionRate", 0, 1, { hiOpen: true });
  const d = rateFraction(FN, nonNegativeNumber(FN, o["discountRate"], "input.discountRate"), "input.discountRate");
  const H = o["horizon"] === undefined ? null : integerAtLeast(FN, o["horizon"], "input.horizon", 0);
  const q = r / (1 + d);
  // Perpetuity r/(1+d−r) = q/(1−q); finite horizon q(1 − q^H)/(1 − q) with 1 − q^H = −expm1(H ln q),
  // accurate for q near 1 and large H.
  const factor = H === null ? r / (1 + d - r) : q === 0 ? 0 : (q * -Math.expm1(H * Math.log(q))) / (1 - q);
  const value = m * factor;
  if (!Number.isFinite(value)) fail(FN, "OUT_OF_RANGE", "input.margin is too large: the value overflows", "input.margin");
  return value;
}
