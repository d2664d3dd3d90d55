import type { CustomerId } from "../data/time.js";
import { customerId, fail, finiteNumber, integerAtLeast, iterable, optionsBag, record } from "../internal/validate.js";
import type { ChurnModel } from "./fitChurnModel.js";
import { checkChurnModel, churnLinear } from "./internal/model.js";

/**
 * Options of {@link scoreChurn}.
 *
 * @category Churn
 * @example
 * ```ts
 * const options: ScoreChurnOptions = { reasons: 2 };
 * ```
 */
export interface ScoreChurnOptions {
  /** How many reasons to give per customer at most, an integer in [0, 100]. Default 3. */
  reasons?: number;
}

/**
 * A feature that raises a customer's churn probability above the average customer's.
 *
 * @category Churn
 * @example
 * ```ts
 * const r: ChurnReason = { feature: "recencyDays", value: 120, contribution: 1.35 };
 * ```
 */
export interface ChurnReason {
  /** The feature's name. */
  feature: string;
  /** The customer's value of it. */
  value: number;
  /** βⱼ·(xⱼ − meanⱼ): the log-odds it adds against a customer at the training mean; > 0. */
  contribution: number;
}

/**
 * One customer's churn score.
 *
 * @category Churn
 * @example
 * ```ts
 * const s: ChurnScore = { customerId: 7, churnProbability: 0.82, reasons: [{ feature: "recencyDays", value: 120, contribution: 1.35 }] };
 * ```
 */
export interface ChurnScore {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** The model's probability that the customer churns in a window like the training one, in [0, 1]. */
  churnProbability: number;
  /** The features that raise the probability most, largest contribution first (ties by name). */
  reasons: ChurnReason[];
}

const FN = "scoreChurn";
const KEYS = ["reasons"] as const satisfies readonly (keyof ScoreChurnOptions)[];

/**
 * Scores customers with a fitted {@link ChurnModel}: churnProbability = 1/(1 + e^(−η)), η = intercept +
 * Σⱼ βⱼ·xⱼ (as {@link predictLogistic}), with the reasons: the features whose contribution βⱼ·(xⱼ − x̄ⱼ) —
 * the log-odds they add against a customer at the training mean, the coefficient times the centred value —
 * is positive, largest first. Each customer is scored on its own (in input order), so the order of the
 * rows never changes a number. Score features built like the training ones: {@link churnFeatures} at a
 * new snapshot.
 *
 * @param model - a {@link ChurnModel} from {@link fitChurnModel} (or the same shape read from JSON)
 * @param customers - rows `{ customerId, features }` (a {@link ChurnFeatureSet}'s or {@link LabelledSnapshot}'s `rows`), any iterable
 * @param options - `reasons`; see {@link ScoreChurnOptions}
 * @returns one {@link ChurnScore} per row, in input order
 * @throws RetentionKitError INVALID_MODEL for a malformed model; INVALID_TYPE for a row that is not an object
 *   or lacks a feature of the model (named); INVALID_NUMBER for a NaN or infinite feature; INVALID_CUSTOMER_ID;
 *   UNKNOWN_OPTION / OUT_OF_RANGE / NOT_INTEGER for bad options.
 * @category Churn
 * @example
 * ```ts
 * const model = {
 *   model: "churn-logistic" as const, features: ["recencyDays"], dropped: [], unit: "day" as const,
 *   definition: { snapshotAt: "2024-01-01T00:00:00.000Z", start: null, windowEnd: "2024-04-01T00:00:00.000Z", windowDays: 91, label: "churned" },
 *   coefficients: { intercept: -1.5, recencyDays: 0.03 }, standardErrors: { intercept: null, recencyDays: null },
 *   pValues: { intercept: null, recencyDays: null }, standardisedCoefficients: { recencyDays: 1.2 },
 *   means: { recencyDays: 50 }, scales: { recencyDays: 40 }, penalty: 0, converged: true, reason: null,
 *   iterations: 5, deviance: 10, nullDeviance: 12, aic: 14, customers: 12, churners: 6,
 * };
 * scoreChurn(model, [{ customerId: "a", features: { recencyDays: 100 } }]).map((s) => [s.customerId, s.churnProbability.toFixed(3), s.reasons[0]!.contribution]);
 * // => [["a", "0.818", 1.5]]
 * ```
 */
export function scoreChurn(model: ChurnModel, customers: Iterable<{ readonly customerId: CustomerId; readonly features: Readonly<Record<string, number>> }>, options?: ScoreChurnOptions): ChurnScore[] {
  const o = optionsBag(FN, options, KEYS);
  const k = o.reasons === undefined ? 3 : integerAtLeast(FN, o.reasons, "options.reasons", 0);
  if (k > 100) fail(FN, "OUT_OF_RANGE", `options.reasons must be ≤ 100, got ${k}`, "options.reasons");
  const m = checkChurnModel(FN, model);
  const q = m.features.length;
  const x = new Float64Array(q);
  const contributions = new Float64Array(q);
  const out: ChurnScore[] = [];
  let i = 0;
  for (const raw of iterable<unknown>(FN, customers, "customers")) {
    const r = (typeof raw === "object" && raw !== null && !Array.isArray(raw) ? raw : record(FN, raw, `customers[${i}]`)) as Record<string, unknown>;
    const cid = r.customerId;
    const id = typeof cid === "number" && Number.isFinite(cid) ? cid : typeof cid === "string" && cid.length > 0 ? cid : customerId(FN, cid, `customers[${i}].customerId`);
    const fv = r.features;
    const f = (typeof fv === "object" && fv !== null && !Array.isArray(fv) ? fv : record(FN, fv, `customers[${i}].features`)) as Record<string, unknown>;
    for (let j = 0; j < q; j++) {
      const name = m.features[j]!;
      // Paths are built only for a refusal (millions of rows).
      const v = Object.prototype.hasOwnProperty.call(f, name) ? f[name] : undefined;
      if (typeof v === "number" && Number.isFinite(v)) {
        x[j] = v;
        continue;
      }
      const fp = `customers[${i}].features[${JSON.stringify(name)}]`;
      if (!Object.prototype.hasOwnProperty.call(f, name)) fail(FN, "INVALID_TYPE", `${fp} is missing: the model needs each of its features (${m.features.join(", ")})`, fp);
      finiteNumber(FN, v, fp); // throws
    }
    const churnProbability = churnLinear(m, x, contributions);
    out.push({ customerId: id, churnProbability, reasons: topReasons(m.features, x, contributions, k) });
    i++;
  }
  return out;
}

/** The k largest positive contributions, ties by feature name (selection: k and the features are few). */
function topReasons(features: readonly string[], x: Float64Array, c: Float64Array, k: number): ChurnReason[] {
  const out: ChurnReason[] = [];
  let taken = 0; // bit j: feature j already listed (models have few features; past 31, a set)
  const big = c.length > 31 ? new Set<number>() : null;
  while (out.length < k) {
    let best = -1;
    for (let j = 0; j < c.length; j++) {
      if (!(c[j]! > 0) || (big === null ? (taken >>> j) & 1 : big.has(j))) continue;
      if (best < 0 || c[j]! > c[best]! || (c[j] === c[best] && features[j]! < features[best]!)) best = j;
    }
    if (best < 0) break;
    if (big === null) taken |= 1 << best;
    else big.add(best);
    out.push({ feature: features[best]!, value: x[best]! === 0 ? 0 : x[best]!, contribution: c[best]! });
  }
  return out;
}
