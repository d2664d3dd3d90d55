import { array, fail, integerAtLeast, nonNegativeNumber, optionsBag } from "../internal/validate.js";
import { fitOnColumns } from "./internal/fitColumns.js";
import { readSnapshot, selectFeatures } from "./internal/readSnapshot.js";
import type { ChurnSnapshotDefinition, LabelledSnapshot } from "./labelledSnapshot.js";

/**
 * Options of {@link fitChurnModel}.
 *
 * @category Churn
 * @example
 * ```ts
 * const options: FitChurnModelOptions = { features: ["recencyDays", "frequency"], penalty: 0.01 };
 * ```
 */
export interface FitChurnModelOptions {
  /**
   * The features to fit on, names of `snapshot.featureNames`. Default: every feature of the snapshot that is
   * not constant over its rows (the constant ones are listed in the model's `dropped`). A constant feature
   * named here is refused.
   */
  features?: readonly string[];
  /** L2 penalty on the standardised slopes, as {@link FitLogisticRegressionOptions.penalty}. Default 0. */
  penalty?: number;
  /** Churners and non-churners needed, each at least this many: an integer ≥ 1. Default 10. */
  minClassSize?: number;
  /** Newton iterations at most, an integer in [1, 1000]. Default 50. */
  maxIterations?: number;
}

/**
 * A fitted churn model: a logistic regression of the churn label on the snapshot's features, plain JSON.
 * P(churn) = 1/(1 + e^(−η)), η = intercept + Σⱼ βⱼ·xⱼ in the features' own units.
 *
 * @category Churn
 * @example
 * ```ts
 * const m: ChurnModel["model"] = "churn-logistic";
 * ```
 */
export interface ChurnModel {
  /** Always `"churn-logistic"`. */
  model: "churn-logistic";
  /** The features, in the order fitted. */
  features: string[];
  /** Features of the snapshot left out because they were constant (only when `options.features` was not given). */
  dropped: string[];
  /** The unit of the time features: `"day"`. */
  unit: "day";
  /** How the training snapshot was built (the label window and the feature history). */
  definition: ChurnSnapshotDefinition;
  /** `intercept` and one log-odds coefficient per feature, per unit of the feature; always finite. */
  coefficients: Record<string, number>;
  /** Standard errors of `coefficients`; `null` each when the fit did not converge. */
  standardErrors: Record<string, number | null>;
  /** Two-sided Wald p-values; `null` where the standard error is. */
  pValues: Record<string, number | null>;
  /** βⱼ·sⱼ: the change in log-odds per standard deviation of each feature (comparable across features). */
  standardisedCoefficients: Record<string, number>;
  /** Each feature's mean over the training rows. */
  means: Record<string, number>;
  /** Each feature's (population) standard deviation over the training rows, > 0. */
  scales: Record<string, number>;
  /** The L2 penalty used. */
  penalty: number;
  /** Whether the fit converged; `false` (with `reason`) on separation: the coefficients are then the last finite iterate. */
  converged: boolean;
  /** Why the fit did not converge, naming the feature on separation; `null` when it converged. */
  reason: string | null;
  /** Newton iterations run. */
  iterations: number;
  /** Residual deviance. */
  deviance: number;
  /** Deviance of the intercept-only model. */
  nullDeviance: number;
  /** AIC. */
  aic: number;
  /** Training customers. */
  customers: number;
  /** Training churners. */
  churners: number;
}

const FN = "fitChurnModel";
const KEYS = ["features", "penalty", "minClassSize", "maxIterations"] as const satisfies readonly (keyof FitChurnModelOptions)[];

/**
 * Trains a churn model on a labelled snapshot: a logistic regression (by {@link fitLogisticRegression},
 * Newton's method on internally standardised features, R's `glm(churned ~ ., family = binomial)` at
 * penalty 0) of `churned` on the chosen features. Coefficients are reported per unit of each feature and
 * per standard deviation (`standardisedCoefficients`), with the means and scales kept for
 * {@link scoreChurn}'s reasons. Rows are read in customer-id order, so any order gives identical numbers.
 *
 * Separation (a feature that predicts the label perfectly for some customers) has no finite estimate: the
 * model is returned with `converged: false` and a `reason` naming the feature (never NaN coefficients); a
 * small `penalty` is the fix.
 *
 * @param snapshot - a {@link LabelledSnapshot} (from {@link labelledSnapshot}, or the same shape read from JSON)
 * @param options - `features`, `penalty`, `minClassSize`, `maxIterations`; see {@link FitChurnModelOptions}
 * @returns the fitted {@link ChurnModel}
 * @throws RetentionKitError INSUFFICIENT_DATA when churners or non-churners number fewer than `minClassSize`;
 *   INVALID_INPUT for a named feature that is constant or not in the snapshot, features that are collinear, or a
 *   feature named `intercept` or `__proto__` (reserved);
 *   INVALID_TYPE / INVALID_NUMBER for a row without a feature, a non-number feature or a non-boolean label;
 *   DUPLICATE_ID for a customer in two rows; INVALID_OPTION / UNKNOWN_OPTION / OUT_OF_RANGE / NOT_INTEGER for bad options.
 * @category Churn
 * @example
 * ```ts
 * const rows = [3, 5, 8, 12, 20, 30, 45, 60, 75, 90, 100, 120].map((recencyDays, i) => ({
 *   customerId: i, features: { recencyDays }, churned: [0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1][i] === 1,
 * }));
 * const snapshot = {
 *   definition: { snapshotAt: "2024-01-01T00:00:00.000Z", start: null, windowEnd: "2024-04-01T00:00:00.000Z", windowDays: 91, label: "churned" },
 *   unit: "day" as const, featureNames: ["recencyDays"], rows, customers: 12, churners: 6,
 * };
 * const m = fitChurnModel(snapshot, { minClassSize: 5 });
 * [m.coefficients.intercept!, m.coefficients.recencyDays!].map((v) => v.toFixed(4));
 * // => ["-1.2638", "0.0276"]
 * ```
 */
export function fitChurnModel(snapshot: LabelledSnapshot, options?: FitChurnModelOptions): ChurnModel {
  const o = optionsBag(FN, options, KEYS);
  const named = o.features === undefined ? null : array<unknown>(FN, o.features, "options.features");
  const penalty = o.penalty === undefined ? 0 : nonNegativeNumber(FN, o.penalty, "options.penalty", "OUT_OF_RANGE");
  const minClassSize = o.minClassSize === undefined ? 10 : integerAtLeast(FN, o.minClassSize, "options.minClassSize", 1);
  const maxIterations = o.maxIterations === undefined ? 50 : integerAtLeast(FN, o.maxIterations, "options.maxIterations", 1);
  if (maxIterations > 1000) fail(FN, "OUT_OF_RANGE", `options.maxIterations must be ≤ 1000, got ${maxIterations}`, "options.maxIterations");
  const c = readSnapshot(FN, snapshot);
  const chosen = named === null ? c.featureNames.map((_, j) => j) : selectFeatures(FN, c, named);
  return fitOnColumns(FN, c, chosen, named === null, { penalty, minClassSize, maxIterations });
}

