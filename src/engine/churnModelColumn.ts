// The engine's churnProbability column: a fitted churn model (fitChurnModel) scored on the features
// churnFeatures computes, from the engine's own summary columns. The snapshot is the start of the day after
// the observation end, so the history is every purchase the engine summarised (its end's day included).
import type { CustomerId } from "../data/time.js";
import { RetentionKitError } from "../data/RetentionKitError.js";
import type { ChurnModel } from "../churn/fitChurnModel.js";
import { checkChurnModel, churnLinear, type CheckedChurnModel } from "../churn/internal/model.js";
import { BASE_FEATURES, baseFeatureRows } from "../churn/internal/snapshot.js";
import { DAY_MS, dayIndex } from "../internal/time.js";
import { fail, show } from "../internal/validate.js";

/** The engine's churn-model part: `{ model }`, a model from {@link fitChurnModel}. */
export interface ChurnModelPart {
  model: ChurnModel;
}

/**
 * Checks `config.churnModel` (INVALID_CONFIG at its path): a churn model whose features the engine computes
 * (the purchase features of churnFeatures; activity and signal features need churnFeatures itself), and a
 * purchase period of a day (the features count purchase days).
 */
export function checkChurnModelPart(fn: string, part: unknown, period: "day" | "week"): CheckedChurnModel {
  const path = "config.churnModel";
  if (typeof part !== "object" || part === null || Array.isArray(part)) fail(fn, "INVALID_CONFIG", `${path} must be false or { model }, got ${show(part)}`, path);
  const keys = Object.keys(part);
  for (const k of keys) if (k !== "model") fail(fn, "INVALID_CONFIG", `${path}.${k} is not a key of ${path} (expected model)`, `${path}.${k}`);
  if (!keys.includes("model")) fail(fn, "INVALID_CONFIG", `${path}.model is required: a model from fitChurnModel`, `${path}.model`);
  let checked: CheckedChurnModel;
  try {
    checked = checkChurnModel(fn, (part as { model: unknown }).model, `${path}.model`);
  } catch (e) {
    if (!(e instanceof RetentionKitError)) throw e;
    throw new RetentionKitError("INVALID_CONFIG", e.message, e.path);
  }
  const known = BASE_FEATURES as readonly string[];
  checked.features.forEach((f, j) => {
    if (!known.includes(f)) {
      fail(fn, "INVALID_CONFIG", `${path}.model.features[${j}] is ${JSON.stringify(f)}, which the engine does not compute (it computes ${known.join(", ")}): fit the model on those features, or score it with scoreChurn on churnFeatures`, `${path}.model.features[${j}]`);
    }
  });
  if (period !== "day") fail(fn, "INVALID_CONFIG", `${path} needs config.summary.period "day" (the churn features count purchase days), got ${JSON.stringify(period)}`, `${path}`);
  return checked;
}

/**
 * Each customer's churn probability: scoreChurn(model, churnFeatures(transactions, { snapshotAt }).rows)
 * with snapshotAt the start of the UTC day after `end`, computed on the engine's columns.
 */
export function churnModelColumn(
  model: CheckedChurnModel,
  cols: { ids: readonly CustomerId[]; firstAt: Float64Array; lastAt: Float64Array; frequency: Float64Array; totalAmount: Float64Array },
  end: number,
): Float64Array {
  const snap = (dayIndex(end) + 1) * DAY_MS;
  const rows = baseFeatureRows(cols, snap);
  const q = model.features.length;
  const x = new Float64Array(q);
  const contributions = new Float64Array(q);
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const f = rows[i]!.features;
    for (let j = 0; j < q; j++) x[j] = f[model.features[j]!]!;
    out[i] = churnLinear(model, x, contributions);
  }
  return out;
}
