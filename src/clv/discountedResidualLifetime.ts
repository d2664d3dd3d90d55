import { integerAtLeast, nonNegativeNumber, optionsBag, fail, rateFraction } from "../internal/validate.js";
import { betaMean } from "../internal/quadrature.js";
import { readModelParams } from "./readModel.js";
import type { SbgParams } from "./types.js";

/**
 * Options of {@link discountedResidualLifetime}.
 *
 * @category CLV
 * @example
 * ```ts
 * const options: DiscountedResidualLifetimeOptions = { renewals: 4, discountRate: 0.1 };
 * ```
 */
export interface DiscountedResidualLifetimeOptions {
  /** n − 1: renewals the customer has made so far (a whole number ≥ 0; 0 for a customer in their first period). */
  renewals: number;
  /** d: discount rate per period, a fraction in [0, 1] (0.1 = 10 % per period; `10` is refused as a likely percentage). */
  discountRate: number;
}

/** Relative tolerance of the series; the tail after the last term is bounded by term/d. */
const TOLERANCE = 1e-13;
/** Series terms before switching to quadrature (the series needs ~40/d terms). */
const SERIES_TERMS = 100_000;

/**
 * Discounted expected residual lifetime (DERL) of a subscriber under the shifted-beta-geometric model
 * (Fader & Hardie 2010, "Customer-Base Valuation in a Contractual Setting: The Perils of Ignoring
 * Heterogeneity", Marketing Science 29(1), eq. 6): for a customer who has renewed n − 1 times, standing just
 * before the n-th renewal decision, the expected discounted number of future renewals,
 *   DERL = Σ_{t≥n} S(t)/S(n−1) / (1+d)^(t−n)
 *        = (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d)).
 * Multiply by the margin per renewal for the customer's residual value. Because survivors are the more loyal,
 * DERL grows with `renewals`.
 *
 * Computed by summing the series term by term (each term is the previous one times
 * (β+n+k)/(α+β+n+k)/(1+d)) until the remaining tail, bounded by term/d, is below 1e-13 of the sum; when
 * that takes over 100 000 terms (d below ~1e-3), as the equal mean (1+d)·E[(1−θ)/(d+θ)] over the posterior
 * θ ~ Beta(α, β+n−1) by quadrature, in bounded time.
 * With d = 0 the closed form (β+n−1)/(α−1) is used when α > 1; when α ≤ 1 the undiscounted expected
 * lifetime is infinite and the result is `null`. For d > 0, DERL rises with n towards its limit (1+d)/d (a
 * customer who never churns), which bounds it at every n, `renewals: 1e308` included.
 *
 * @param model - `{ model: "sbg", params: { alpha, beta } }`.
 * @param options - `{ renewals, discountRate }`, see {@link DiscountedResidualLifetimeOptions}.
 * @returns DERL in periods (a number ≥ 0; it is < 1 when the next renewal is uncertain and d is large), or
 *   `null` when it is infinite (d = 0 and α ≤ 1) or overflows: a subnormal d such as 5e-324, where 1/d is
 *   ∞, or d = 0 with (β+n−1)/(α−1) above 1.8e308 (e.g. `renewals: 1e308`, α = 1.01).
 * @throws {RetentionKitError} INVALID_TYPE / INVALID_MODEL / INVALID_PARAMETER for a bad model;
 *   INVALID_OPTION when `options` is missing; INVALID_NUMBER / NOT_INTEGER / OUT_OF_RANGE / NEGATIVE_VALUE for
 *   bad `renewals` or `discountRate` (a fraction in [0, 1]: `discountRate: 10` is refused with "did you mean 0.1?").
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category CLV
 * @example
 * ```ts
 * const highEnd = { model: "sbg", params: { alpha: 0.668, beta: 3.806 } } as const;
 * discountedResidualLifetime(highEnd, { renewals: 0, discountRate: 0.1 }).toFixed(3); // => "5.415"
 * discountedResidualLifetime(highEnd, { renewals: 4, discountRate: 0.1 }).toFixed(3); // => "6.897"
 * ```
 */
export function discountedResidualLifetime(
  model: { readonly model: "sbg"; readonly params: SbgParams },
  options: DiscountedResidualLifetimeOptions,
): number | null {
  const FN = "discountedResidualLifetime";
  const { alpha, beta } = readModelParams(FN, model, "sbg", ["alpha", "beta"]);
  if (options === undefined) fail(FN, "INVALID_OPTION", "options { renewals, discountRate } are required", "options");
  const o = optionsBag(FN, options, ["renewals", "discountRate"] as const satisfies readonly (keyof DiscountedResidualLifetimeOptions)[]);
  const renewals = integerAtLeast(FN, o["renewals"], "options.renewals", 0);
  const d = rateFraction(FN, nonNegativeNumber(FN, o["discountRate"], "options.discountRate"), "options.discountRate");
  return sbgDerl(alpha, beta, renewals, d);
}

/** DERL on validated numbers (see {@link discountedResidualLifetime}). */
export function sbgDerl(alpha: number, beta: number, renewals: number, d: number): number | null {
  const b = beta + renewals; // θ | survived n−1 renewals ~ Beta(α, β+n−1)
  if (d === 0) {
    if (!(alpha > 1)) return null;
    const v = b / (alpha - 1); // exact, linear in n: past ~1e308 it is not representable
    return v < Number.POSITIVE_INFINITY ? v : null;
  }
  const rho = 1 / (1 + d);
  let term = b / (alpha + b); // β ≤ 1e12 (readModelParams), so α + b stays finite at any n
  let sum = term;
  for (let k = 0; k < SERIES_TERMS; k++) {
    if (term / d <= TOLERANCE * sum) return finiteOrNull(sum);
    term *= ((b + 1 + k) / (alpha + b + 1 + k)) * rho;
    sum += term;
  }
  // Small d: the same sum as a mean over θ ~ Beta(α, β+n−1), Σ_j (1+d)^−j E[(1−θ)^(j+1)] =
  // (1+d) E[(1−θ)/(d+θ)], which changes regime where θ ≈ d.
  const v = (1 + d) * betaMean(alpha, b, (th, q) => q / (d + th), 1 / d, 0, [Math.log(d)]);
  return finiteOrNull(v);
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
