// The engine's holdout check: with `input.calibrationEnd`, the scores are the calibration period's and the
// result carries holdoutAccuracy of the transaction model against what the customers did afterwards. The
// holdout rows are the ones splitCalibrationHoldout makes, read off two summary accumulators (to the
// calibration end and to the observation end) that saw the same transactions.
import { holdoutAccuracy, type HoldoutAccuracy } from "../clv/holdoutAccuracy.js";
import type { TransactionModel } from "../clv/types.js";
import type { CustomerId } from "../data/time.js";
import { periodIndexOf, periodStart, unitMs, type FixedUnit } from "../internal/time.js";

/**
 * The holdout check of {@link scoreCustomers}, present when `input.calibrationEnd` is given: the scores were
 * read at the calibration end, and the transaction model is checked against the holdout period up to the
 * observation end with {@link holdoutAccuracy}.
 *
 * @category Engine
 * @example
 * ```ts
 * const h: ScoreHoldout = { calibrationEnd: Date.UTC(1997, 8, 30), observationEnd: Date.UTC(1998, 5, 30), holdoutDuration: 39, accuracy: null };
 * ```
 */
export interface ScoreHoldout {
  /** The calibration end, epoch ms: the date the scores are read at. */
  calibrationEnd: number;
  /** The end of the holdout period (`input.observationEnd`), epoch ms. */
  observationEnd: number;
  /** Length of the holdout period in `summary.unit`s, period start to period start (as {@link splitCalibrationHoldout}). */
  holdoutDuration: number;
  /**
   * `holdoutAccuracy(result.models.transaction, splitCalibrationHoldout(transactions, { calibrationEnd,
   * observationEnd, period, unit }))`; `null` when no customer bought by the calibration end (no model).
   */
  accuracy: HoldoutAccuracy | null;
}

/** The calibration summaries the check needs, as the engine holds them (columns in customer order). */
export interface CalibrationColumns {
  customerId: readonly CustomerId[];
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}

/**
 * The holdout check: for each calibration customer, its holdout purchase periods are its purchase periods
 * to the observation end less those to the calibration end (the periods split at the calibration end's
 * period, so the difference counts exactly the holdout's distinct periods, as splitCalibrationHoldout does).
 */
export function holdoutCheck(
  model: TransactionModel | null,
  cal: CalibrationColumns,
  full: { customerId: readonly CustomerId[]; frequency: ArrayLike<number> },
  calibrationEnd: number,
  observationEnd: number,
  period: FixedUnit,
  unit: FixedUnit,
): ScoreHoldout {
  const holdoutDuration = (periodStart(periodIndexOf(observationEnd, period), period) - periodStart(periodIndexOf(calibrationEnd, period), period)) / unitMs(unit);
  if (model === null) return { calibrationEnd, observationEnd, holdoutDuration, accuracy: null };
  const fullIndex = new Map<CustomerId, number>();
  for (let j = 0; j < full.customerId.length; j++) fullIndex.set(full.customerId[j]!, j);
  const rows = Array.from({ length: cal.customerId.length }, (_, i) => {
    const x = cal.frequency[i]!;
    const j = fullIndex.get(cal.customerId[i]!)!;
    return { frequency: x, recency: cal.recency[i]!, T: cal.T[i]!, unit, holdoutFrequency: full.frequency[j]! - x, holdoutDuration };
  });
  return { calibrationEnd, observationEnd, holdoutDuration, accuracy: holdoutAccuracy(model, rows) };
}
