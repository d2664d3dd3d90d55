import { twoSidedZ } from "../internal/normal.js";
import { array, fail, finiteNumber, integerAtLeast, nonNegativeNumber, numberInRange, optionsBag, record, show } from "../internal/validate.js";
import type { ChurnModel } from "./fitChurnModel.js";
import { fitOnColumns } from "./internal/fitColumns.js";
import { readSnapshot, selectFeatures } from "./internal/readSnapshot.js";
import type { LabelledSnapshot } from "./labelledSnapshot.js";
import { checkChurnModel } from "./internal/model.js";

/**
 * Options of {@link churnDrivers}.
 *
 * @category Churn
 * @example
 * ```ts
 * const options: ChurnDriversOptions = { features: ["recencyDays", "frequency"], thresholds: { recencyDays: 90 }, confidence: 0.9 };
 * ```
 */
export interface ChurnDriversOptions {
  /** The features to tabulate, names of `snapshot.featureNames`. Default: every feature not constant over the rows. */
  features?: readonly string[];
  /**
   * Split points by feature name: a customer is "with" a numeric feature when its value is above the
   * threshold. Default: the feature's median over the rows (R's `median`). Binary (0/1) features split at 0.5.
   */
  thresholds?: Readonly<Record<string, number>>;
  /**
   * The model whose odds ratios are the adjusted effects. Default: one fitted by {@link fitChurnModel} on
   * the tabulated features (with `penalty`); `null`: no adjusted effects. A feature the model lacks gets `null`.
   */
  model?: ChurnModel | null;
  /** The penalty of the model fitted by default. Default 0 (maximum likelihood, as R's `glm`). */
  penalty?: number;
  /** Churners and non-churners the default model needs, each at least this many (see {@link FitChurnModelOptions}). Default 10. */
  minClassSize?: number;
  /** The confidence level of the intervals, in (0, 1). Default 0.95. */
  confidence?: number;
}

/**
 * One row of the key-factors table.
 *
 * @category Churn
 * @example
 * ```ts
 * const d: ChurnDriver = {
 *   feature: "recencyDays", kind: "numeric", threshold: 120,
 *   withCustomers: 50, withChurners: 40, withChurnRate: 0.8, withoutCustomers: 50, withoutChurners: 20, withoutChurnRate: 0.4,
 *   lift: 2, liftLower: 1.38, liftUpper: 2.9, oddsRatio: 1.02, oddsRatioLower: 1.01, oddsRatioUpper: 1.03, oddsRatioPerSd: 2.1, pValue: 0.001,
 * };
 * ```
 */
export interface ChurnDriver {
  /** The feature's name. */
  feature: string;
  /** `"binary"` for a feature whose values are all 0 or 1 ("with" = 1), `"numeric"` otherwise. */
  kind: "binary" | "numeric";
  /** "With" the feature is value > threshold (0.5 for a binary feature). */
  threshold: number;
  /** Customers with the feature. */
  withCustomers: number;
  /** Churners among them. */
  withChurners: number;
  /** withChurners / withCustomers; `null` when no customer has the feature. */
  withChurnRate: number | null;
  /** Customers without the feature. */
  withoutCustomers: number;
  /** Churners among them. */
  withoutChurners: number;
  /** withoutChurners / withoutCustomers; `null` when every customer has the feature. */
  withoutChurnRate: number | null;
  /** The risk ratio withChurnRate / withoutChurnRate; `null` when a group is empty or has no churners. */
  lift: number | null;
  /** Lower end of the log-method interval of the risk ratio: exp(log RR − z·√(1/a − 1/n₁ + 1/c − 1/n₀)). */
  liftLower: number | null;
  /** Upper end of that interval. */
  liftUpper: number | null;
  /** The adjusted odds ratio per unit of the feature, exp(β), from the model; `null` without one (or without convergence). */
  oddsRatio: number | null;
  /** Lower end of its Wald interval exp(β − z·se). */
  oddsRatioLower: number | null;
  /** Upper end, exp(β + z·se). */
  oddsRatioUpper: number | null;
  /** The adjusted odds ratio per standard deviation of the feature, exp(β·s). */
  oddsRatioPerSd: number | null;
  /** The model's Wald p-value for the feature. */
  pValue: number | null;
}

/**
 * The key-factors table of {@link churnDrivers}.
 *
 * @category Churn
 * @example
 * ```ts
 * const t: ChurnDrivers["method"] = "risk ratio with the log-method interval; adjusted odds ratios with Wald intervals";
 * ```
 */
export interface ChurnDrivers {
  /** One row per feature, strongest crude association first (see {@link churnDrivers}). */
  drivers: ChurnDriver[];
  /** Customers in the snapshot. */
  customers: number;
  /** Churners in the snapshot. */
  churners: number;
  /** churners / customers. */
  churnRate: number;
  /** The confidence level of the intervals. */
  confidence: number;
  /** The methods, in words. */
  method: string;
  /** The model behind the adjusted effects, or `null`. */
  model: ChurnModel | null;
}

const FN = "churnDrivers";
const KEYS = ["features", "thresholds", "model", "penalty", "minClassSize", "confidence"] as const satisfies readonly (keyof ChurnDriversOptions)[];

/** The median (R's type-7 quantile at ½) of a column. */
function median(col: Float64Array): number {
  const s = Float64Array.from(col).sort();
  const n = s.length;
  const m = n % 2 === 1 ? s[(n - 1) / 2]! : s[n / 2 - 1]! / 2 + s[n / 2]! / 2;
  return m === 0 ? 0 : m;
}

/** exp(x) when finite, else null. */
function expOrNull(x: number | null): number | null {
  if (x === null) return null;
  const e = Math.exp(x);
  return Number.isFinite(e) && e > 0 ? e : null;
}

/**
 * The "key factors" table: for each feature, the churn rate of the customers with it and without it, the
 * lift (risk ratio) with its interval, and the model's adjusted effect (odds ratio) with its interval.
 *
 * - **With / without.** A binary (0/1) feature splits at 0.5 (with = 1); a numeric feature at `thresholds`
 *   or, by default, its median: with = value > threshold.
 * - **Lift** = p₁ / p₀, the risk ratio of churn with vs without (a customers of n₁ with, c of n₀ without
 *   churned), with the log-method (Katz) interval exp(log RR ± z·√(1/a − 1/n₁ + 1/c − 1/n₀)) (Katz et al.
 *   1978, Biometrics 34; R's `epitools::riskratio(method = "wald")`). `null` when a group is empty or has
 *   no churner.
 * - **Adjusted effect.** exp(β) of each feature in a logistic regression of churn on all the tabulated
 *   features ({@link fitChurnModel}, R's `glm(family = binomial)`): the odds ratio per unit of the feature,
 *   other features held fixed, with the Wald interval exp(β ± z·se), and per standard deviation. A crude
 *   lift and an adjusted odds ratio can disagree: the lift says who churns, the odds ratio what a feature
 *   adds once the others are known.
 *
 * Rows are sorted by |log lift| (strongest association first; `null` lifts last), ties by feature name.
 *
 * @param snapshot - a {@link LabelledSnapshot}
 * @param options - `features`, `thresholds`, `model`, `penalty`, `minClassSize`, `confidence`; see {@link ChurnDriversOptions}
 * @returns the {@link ChurnDrivers} table
 * @throws RetentionKitError the codes of {@link fitChurnModel} (the default model is fitted with them;
 *   `model: null` avoids the fit); INVALID_INPUT for a named feature not in the snapshot; INVALID_MODEL for a
 *   malformed `model`; EMPTY_INPUT for a snapshot without rows; UNKNOWN_OPTION / OUT_OF_RANGE / INVALID_TYPE /
 *   INVALID_NUMBER for bad options.
 * @category Churn
 * @example
 * ```ts
 * const rows = Array.from({ length: 20 }, (_, i) => ({
 *   customerId: i, features: { emailsOff: i % 2 }, churned: i % 2 === 1 ? i % 4 !== 1 || i === 1 : i % 5 === 0,
 * }));
 * const snapshot = {
 *   definition: { snapshotAt: "2024-01-01T00:00:00.000Z", start: null, windowEnd: "2024-04-01T00:00:00.000Z", windowDays: 91, label: "churned" },
 *   unit: "day" as const, featureNames: ["emailsOff"], rows, customers: 20, churners: 0,
 * };
 * const d = churnDrivers(snapshot, { model: null }).drivers[0]!;
 * [d.withChurnRate, d.withoutChurnRate, d.lift!.toFixed(3), d.liftLower!.toFixed(3), d.liftUpper!.toFixed(3)];
 * // => [0.6, 0.2, "3.000", "0.786", "11.445"]
 * ```
 */
export function churnDrivers(snapshot: LabelledSnapshot, options?: ChurnDriversOptions): ChurnDrivers {
  const o = optionsBag(FN, options, KEYS);
  const confidence = o.confidence === undefined ? 0.95 : numberInRange(FN, o.confidence, "options.confidence", 0, 1, { loOpen: true, hiOpen: true });
  const penalty = o.penalty === undefined ? 0 : nonNegativeNumber(FN, o.penalty, "options.penalty", "OUT_OF_RANGE");
  const named = o.features === undefined ? null : array<unknown>(FN, o.features, "options.features");
  const minClassSize = o.minClassSize === undefined ? 10 : integerAtLeast(FN, o.minClassSize, "options.minClassSize", 1);
  const c = readSnapshot(FN, snapshot);
  const chosen = selectFeatures(FN, c, named);
  const features = chosen.map((j) => c.featureNames[j]!);
  const n = c.ids.length;
  if (n === 0) fail(FN, "EMPTY_INPUT", "snapshot.rows is empty: no customer to tabulate", "snapshot.rows");
  const thresholds = new Map<string, number>();
  if (o.thresholds !== undefined) {
    const t = record(FN, o.thresholds, "options.thresholds");
    for (const k of Object.keys(t)) {
      const path = `options.thresholds[${JSON.stringify(k)}]`;
      if (!features.includes(k)) fail(FN, "UNKNOWN_OPTION", `${path} names no tabulated feature (${features.join(", ")})`, path);
      thresholds.set(k, finiteNumber(FN, t[k], path));
    }
  }
  let model: ChurnModel | null;
  if (o.model === null) model = null;
  else if (o.model === undefined) model = fitOnColumns(FN, c, chosen, false, { penalty, minClassSize, maxIterations: 50 });
  else {
    // A plain copy, read once (a getter answers once), then checked.
    let copy: unknown;
    try {
      copy = JSON.parse(JSON.stringify(o.model)) as unknown;
    } catch {
      fail(FN, "INVALID_MODEL", "options.model could not be read as plain JSON data (a model from fitChurnModel)", "options.model");
    }
    checkChurnModel(FN, copy, "options.model");
    model = copy as ChurnModel;
  }
  const z = twoSidedZ(confidence);
  const drivers: ChurnDriver[] = features.map((feature, j) => {
    const col = c.x[chosen[j]!]!;
    let binary = true;
    for (let k = 0; k < n; k++) if (col[k] !== 0 && col[k] !== 1) binary = false;
    const threshold = thresholds.get(feature) ?? (binary ? 0.5 : median(col));
    let n1 = 0;
    let a = 0;
    let churners = 0;
    for (let k = 0; k < n; k++) {
      churners += c.y[k]!;
      if (col[k]! > threshold) {
        n1++;
        a += c.y[k]!;
      }
    }
    const n0 = n - n1;
    const cc = churners - a;
    const p1 = n1 === 0 ? null : a / n1;
    const p0 = n0 === 0 ? null : cc / n0;
    let lift: number | null = null;
    let liftLower: number | null = null;
    let liftUpper: number | null = null;
    if (p1 !== null && p0 !== null && a > 0 && cc > 0) {
      lift = p1 / p0;
      const se = Math.sqrt(Math.max(0, 1 / a - 1 / n1 + 1 / cc - 1 / n0));
      liftLower = Math.exp(Math.log(lift) - z * se);
      liftUpper = Math.exp(Math.log(lift) + z * se);
    }
    const adjusted = adjustedEffect(model, feature, z);
    return {
      feature,
      kind: binary ? "binary" : "numeric",
      threshold,
      withCustomers: n1,
      withChurners: a,
      withChurnRate: p1,
      withoutCustomers: n0,
      withoutChurners: cc,
      withoutChurnRate: p0,
      lift,
      liftLower,
      liftUpper,
      ...adjusted,
    };
  });
  drivers.sort((x, y) => {
    const lx = x.lift === null ? -1 : Math.abs(Math.log(x.lift));
    const ly = y.lift === null ? -1 : Math.abs(Math.log(y.lift));
    return ly - lx || (x.feature < y.feature ? -1 : x.feature > y.feature ? 1 : 0);
  });
  return {
    drivers,
    customers: n,
    churners: c.churners,
    churnRate: c.churners / n,
    confidence,
    method: "lift: risk ratio with the log-method (Katz) interval; adjusted effect: odds ratio exp(β) of a logistic regression on the tabulated features, with the Wald interval exp(β ± z·se)",
    model,
  };
}

/** The model's odds ratios for one feature (all null without a converged model that has it). */
function adjustedEffect(model: ChurnModel | null, feature: string, z: number): Pick<ChurnDriver, "oddsRatio" | "oddsRatioLower" | "oddsRatioUpper" | "oddsRatioPerSd" | "pValue"> {
  const none = { oddsRatio: null, oddsRatioLower: null, oddsRatioUpper: null, oddsRatioPerSd: null, pValue: null };
  if (model === null || model.converged !== true || !model.features.includes(feature)) return none;
  const b = model.coefficients[feature];
  const se = model.standardErrors[feature];
  const sd = model.scales[feature];
  const p = model.pValues[feature];
  if (typeof b !== "number" || !Number.isFinite(b)) return none;
  const okSe = typeof se === "number" && Number.isFinite(se);
  return {
    oddsRatio: expOrNull(b),
    oddsRatioLower: okSe ? expOrNull(b - z * se) : null,
    oddsRatioUpper: okSe ? expOrNull(b + z * se) : null,
    oddsRatioPerSd: typeof sd === "number" && Number.isFinite(sd) ? expOrNull(b * sd) : null,
    pValue: typeof p === "number" && Number.isFinite(p) ? p : null,
  };
}
