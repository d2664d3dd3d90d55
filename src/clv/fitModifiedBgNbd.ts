import { bgModelDef, fitBgFamily, type FitBgNbdOptions } from "./fitBgNbd.js";
import type { CovariateFitFields } from "./covariateFit.js";
import { fitRfModel } from "./rfFit.js";
import type { Patterns } from "../internal/patterns.js";
import type { RfRow } from "./transactionModels.js";
import type { BgNbdParams, FittedModel } from "./types.js";

/**
 * A fitted MBG/NBD model.
 *
 * @category CLV
 * @example
 * ```ts
 * const fit: ModifiedBgNbdFit = fitModifiedBgNbd([{ frequency: 2, recency: 30, T: 39 }, { frequency: 0, recency: 0, T: 39 }, { frequency: 5, recency: 20, T: 39 }, { frequency: 1, recency: 3, T: 30 }]);
 * fit.model;
 * // => "mbg-nbd"
 * ```
 */
export type ModifiedBgNbdFit = FittedModel<{ model: "mbg-nbd"; params: BgNbdParams }> & Partial<CovariateFitFields>;

/**
 * Fits the modified BG/NBD model (MBG/NBD) of Batislam, Denizel & Filiztekin (2007, "Empirical validation and
 * comparison of models for customer base analysis", IJRM 24(3)); also Hoppe & Wagner (2007). It is BG/NBD
 * except that a customer may also drop out right after the FIRST purchase, so customers with no repeat
 * purchase need not be alive. Likelihood of (x, t_x, T):
 *
 *   B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / Γ(r) · [(α+T)^−(r+x) + a/(b+x) · (α+t_x)^−(r+x)].
 *
 * Same machinery, conventions and identification checks as {@link fitBgNbd} (analytic gradient and Hessian,
 * Newton's method on log-parameters, patterns). On the CDNOW sample it matches lifetimes' ModifiedBetaGeoFitter.
 *
 * @param rows - `{ frequency, recency, T, weight? }` per customer or group; any iterable
 * @param options - see {@link FitBgNbdOptions}
 * @returns the fitted model `{ model: "mbg-nbd", params: { r, alpha, a, b }, … }`
 * @throws RetentionKitError as {@link fitBgNbd}
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category CLV
 * @example
 * ```ts
 * const fit = fitModifiedBgNbd([
 *   { frequency: 2, recency: 30.43, T: 38.86 }, { frequency: 1, recency: 1.71, T: 38.86 },
 *   { frequency: 0, recency: 0, T: 38.86 }, { frequency: 7, recency: 29.43, T: 38.86 },
 *   { frequency: 2, recency: 35.71, T: 38.86 }, { frequency: 0, recency: 0, T: 30, weight: 3 },
 * ]);
 * fit.customers;
 * // => 8
 * ```
 */
export function fitModifiedBgNbd(rows: Iterable<RfRow>, options?: FitBgNbdOptions): ModifiedBgNbdFit {
  return { model: "mbg-nbd", ...fitBgFamily("fitModifiedBgNbd", 1, rows, options) };
}

/** {@link fitModifiedBgNbd} on rows already compressed into validated patterns (the engine's); the same fit. */
export function fitModifiedBgNbdPatterns(patterns: Patterns, options?: FitBgNbdOptions): ModifiedBgNbdFit {
  return { model: "mbg-nbd", ...fitRfModel("fitModifiedBgNbd", null, options, bgModelDef(1), patterns) };
}
