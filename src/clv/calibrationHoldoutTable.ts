import { rowWeight, WeightTotal } from "../internal/patterns.js";
import { integerAtLeast, iterable, optionsBag, record } from "../internal/validate.js";
import { conditionalExpectedKernel, readCustomerFor } from "./transactionKernels.js";
import { readDuration, readOpportunities, readTransactionModel } from "./transactionModels.js";
import type { TransactionModel } from "./types.js";

/**
 * Options of {@link calibrationHoldoutTable}.
 *
 * @category CLV
 * @example
 * ```ts
 * const o: CalibrationHoldoutTableOptions = { maxFrequency: 7 };
 * ```
 */
export interface CalibrationHoldoutTableOptions {
  /** Calibration frequencies ≥ this share the last row (the papers' "7+"). A whole number ≥ 0. Default 7. */
  maxFrequency?: number;
}

/**
 * One row of {@link calibrationHoldoutTable}: the customers with a given number of repeat purchases in the
 * calibration period, and what they did and were predicted to do in the holdout period. This is the row
 * shape the plot module's `holdoutDiagnostic(rows)` draws.
 *
 * @category CLV
 * @example
 * ```ts
 * const row: CalibrationHoldoutTableRow = { frequency: 0, customers: 1411, actual: 0.236, predicted: 0.225, andAbove: false };
 * ```
 */
export interface CalibrationHoldoutTableRow {
  /** Calibration frequency x of this group (the lowest one of the last, open-ended group). */
  frequency: number;
  /** Customers in the group (sum of weights). */
  customers: number;
  /** Mean number of holdout purchases per customer of the group, as observed. */
  actual: number;
  /** Mean number of holdout purchases per customer predicted by the model: mean of E[Y(holdoutDuration) | x, t_x, T]. */
  predicted: number;
  /** True for the last group when it gathers every frequency ≥ `maxFrequency`. */
  andAbove: boolean;
}

/**
 * The calibration/holdout diagnostic of buy-till-you-die models (Fader, Hardie & Lee 2005, Fig. 4;
 * lifetimes' `plot_calibration_purchases_vs_holdout_purchases`): customers are grouped by their calibration
 * frequency x (0, 1, …, maxFrequency−1 and "maxFrequency or more"), and for each group the table gives the
 * mean number of purchases actually made in the holdout period next to the mean the model predicts from the
 * calibration data alone, Σ w·E[Y(holdoutDuration) | x, t_x, T] / Σ w. A model that fits well tracks the
 * actual means in every group; the usual failure is over-prediction for the heaviest buyers.
 *
 * Rows are what `splitCalibrationHoldout` returns (any object with `frequency`, `recency`, `T` — `n` for a
 * BG/BB model — `holdoutFrequency` and `holdoutDuration`, and optionally `weight`); the model must be fitted
 * in the same time unit (`unit` of `splitCalibrationHoldout`).
 *
 * @param model - any transaction model `{ model, params }`
 * @param rows - calibration/holdout rows; any iterable
 * @param options - see {@link CalibrationHoldoutTableOptions}
 * @returns one row per non-empty frequency group, ascending; `[]` for no rows
 * @throws RetentionKitError `INVALID_MODEL` / `INVALID_PARAMETER` for a bad model; the row errors of
 * {@link conditionalExpectedPurchases} at `rows[i].<field>`, `NEGATIVE_VALUE` / `INVALID_NUMBER` at
 * `rows[i].holdoutFrequency`, `rows[i].holdoutDuration` and `rows[i].weight`; `OUT_OF_RANGE` when the weights
 * add up to more than Number.MAX_SAFE_INTEGER customers
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category CLV
 * @example
 * ```ts
 * const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * calibrationHoldoutTable(bgnbd, [
 *   { frequency: 0, recency: 0, T: 38.86, holdoutFrequency: 0, holdoutDuration: 39 },
 *   { frequency: 2, recency: 30.43, T: 38.86, holdoutFrequency: 1, holdoutDuration: 39 },
 * ], { maxFrequency: 1 }).map((g) => [g.frequency, g.customers, g.actual, Number(g.predicted.toFixed(3)), g.andAbove]);
 * // => [[0, 1, 0, 0.195, false], [1, 1, 1, 1.226, true]]
 * ```
 */
export function calibrationHoldoutTable(
  model: TransactionModel,
  rows: Iterable<object>,
  options?: CalibrationHoldoutTableOptions,
): CalibrationHoldoutTableRow[] {
  const fn = "calibrationHoldoutTable";
  const m = readTransactionModel(fn, model);
  const o = optionsBag(fn, options, ["maxFrequency"] as const satisfies readonly (keyof CalibrationHoldoutTableOptions)[]);
  const maxF = o["maxFrequency"] === undefined ? 7 : integerAtLeast(fn, o["maxFrequency"], "options.maxFrequency", 0);
  // Groups are kept sparse: maxFrequency may be huge (every customer then has its own group), and only the
  // frequencies present cost anything.
  const groups = new Map<number, { customers: number; actual: number; predicted: number }>();
  const v = new Float64Array(3);
  const weights = new WeightTotal();
  let i = 0;
  for (const raw of iterable<unknown>(fn, rows, "rows")) {
    const path = `rows[${i}]`;
    i++;
    const row = record(fn, raw, path);
    readCustomerFor(fn, m, row, path, v);
    const w = rowWeight(fn, row, path);
    weights.add(fn, w, `${path}.weight`);
    const hf = readDuration(fn, row["holdoutFrequency"], `${path}.holdoutFrequency`);
    const duration = m.model === "bg-bb"
      ? readOpportunities(fn, row["holdoutDuration"], `${path}.holdoutDuration`)
      : readDuration(fn, row["holdoutDuration"], `${path}.holdoutDuration`);
    if (w === 0) continue;
    const g = Math.min(v[0]!, maxF);
    let acc = groups.get(g);
    if (acc === undefined) {
      acc = { customers: 0, actual: 0, predicted: 0 };
      groups.set(g, acc);
    }
    acc.customers += w;
    acc.actual += w * hf;
    acc.predicted += w * conditionalExpectedKernel(m, v[0]!, v[1]!, v[2]!, duration);
  }
  const out: CalibrationHoldoutTableRow[] = [];
  for (const g of [...groups.keys()].sort((a, b) => a - b)) {
    const acc = groups.get(g)!;
    const c = acc.customers;
    if (!(c > 0)) continue;
    out.push({ frequency: g, customers: c, actual: acc.actual / c, predicted: acc.predicted / c, andAbove: g === maxF });
  }
  return out;
}

