import { array, fail, finiteNumber, keyPath, numberInRange, record, show } from "../internal/validate.js";
import type { CoxPhModel } from "./fitCoxPh.js";

/**
 * A customer's predicted survival curve from a Cox model; see {@link coxSurvival}.
 *
 * @category Retention
 * @example
 * ```ts
 * const curve: CoxSurvivalCurve = { times: [1, 2], survival: [0.9, 0.7] };
 * ```
 */
export interface CoxSurvivalCurve {
  /** The times asked for (or the model's baseline times in the customer's stratum), in the durations' unit. */
  times: number[];
  /** S(t | x) at each time, in [0, 1]; `null` past the stratum's last observed time. */
  survival: (number | null)[];
}

/**
 * A customer's predicted survival under a fitted Cox model: S(t | x) = exp(−Hₛ(t | x̄)·exp(β·(x − x̄))), with
 * Hₛ(t | x̄) the model's cumulative hazard at the covariate means x̄ in the customer's stratum s, a step function that is
 * 0 before the first time — R's `survfit(fit, newdata = x)`.
 *
 * @param model - a model from {@link fitCoxPh}
 * @param row - the customer's covariate fields (and the stratum field for a stratified model); other fields
 *   are ignored
 * @param times - times to evaluate at, in the durations' unit; default every baseline time of the stratum
 * @returns the times and the survival at each (`null` past the stratum's last observed time)
 * @throws RetentionKitError `INVALID_MODEL` for a model that is not a Cox model or is malformed;
 *   `INVALID_TYPE` / `INVALID_NUMBER` for a missing or non-finite covariate (`row.age`) or time (`times[2]`);
 *   `INVALID_INPUT` for a stratum the model has not seen (`row.site`)
 * @category Retention
 * @example
 * ```ts
 * // R: summary(survfit(fit, newdata = data.frame(x = 1)), times = c(0.5, 3))$surv gives 1, 0.4911
 * const x = [0, 2, 1, 0, 1, 0];
 * const fit = fitCoxPh(x.map((v, i) => ({ duration: i + 1, event: true, x: v })), { covariates: ["x"] });
 * coxSurvival(fit, { x: 1 }, [0.5, 3, 7]).survival.map((s) => s === null ? null : +s.toFixed(4));
 * // => [1, 0.4911, null]
 * ```
 */
export function coxSurvival(model: CoxPhModel, row: Readonly<Record<string, unknown>>, times?: readonly number[]): CoxSurvivalCurve {
  const fn = "coxSurvival";
  const m = record(fn, model, "model");
  if (m.model !== "cox-ph") fail(fn, "INVALID_MODEL", `model must be a fit of fitCoxPh (model: "cox-ph"), got model: ${show(m.model)}`, "model.model");
  const covariates = array<unknown>(fn, m.covariates, "model.covariates");
  const coefficients = record(fn, m.coefficients, "model.coefficients");
  const means = record(fn, m.means, "model.means");
  const strata = m.strata;
  if (!(strata === null || typeof strata === "string")) fail(fn, "INVALID_MODEL", `model.strata must be a field name or null, got ${show(strata)}`, "model.strata");
  const bh = record(fn, m.baselineHazard, "model.baselineHazard");
  const bt = array<unknown>(fn, bh.times, "model.baselineHazard.times");
  const bc = array<unknown>(fn, bh.cumulativeHazard, "model.baselineHazard.cumulativeHazard");
  const bs = array<unknown>(fn, bh.stratum, "model.baselineHazard.stratum");
  if (bt.length !== bc.length || bt.length !== bs.length) {
    fail(fn, "INVALID_MODEL", `model.baselineHazard.times, .cumulativeHazard and .stratum must have one length (${bt.length}, ${bc.length}, ${bs.length})`, "model.baselineHazard");
  }
  const r = record(fn, row, "row");
  let eta = 0;
  for (let j = 0; j < covariates.length; j++) {
    const c = covariates[j];
    if (typeof c !== "string") fail(fn, "INVALID_MODEL", `model.covariates[${j}] must be a field name, got ${show(c)}`, `model.covariates[${j}]`);
    const b = finiteNumber(fn, coefficients[c], keyPath("model.coefficients", c));
    const at = keyPath("row", c);
    const v = r[c];
    if (v === undefined) fail(fn, "INVALID_TYPE", `${at} is missing: the model needs each of its covariates (${covariates.join(", ")})`, at);
    eta += b * (finiteNumber(fn, v, at) - finiteNumber(fn, means[c], keyPath("model.means", c)));
  }
  const risk = Math.exp(eta);
  if (!Number.isFinite(risk)) fail(fn, "OUT_OF_RANGE", `exp(β·x) = exp(${show(eta)}) overflows for this row: its covariates are far outside the data the model was fitted on`, "row");
  const sv = strata === null ? null : r[strata];
  // The stratum's block of the baseline (contiguous, times ascending).
  let lo = 0;
  while (lo < bs.length && bs[lo] !== sv) lo++;
  if (lo === bs.length) {
    const at = strata === null ? "model.baselineHazard" : keyPath("row", strata);
    fail(fn, strata === null ? "INVALID_MODEL" : "INVALID_INPUT", strata === null ? "model.baselineHazard has no entries" : `${at} is ${show(sv)}, a stratum the model was not fitted on`, at);
  }
  let hi = lo;
  while (hi < bs.length && bs[hi] === sv) hi++;
  const bTimes: number[] = [];
  const bHaz: number[] = [];
  for (let k = lo; k < hi; k++) {
    bTimes.push(finiteNumber(fn, bt[k], `model.baselineHazard.times[${k}]`));
    bHaz.push(numberInRange(fn, bc[k], `model.baselineHazard.cumulativeHazard[${k}]`, 0, Number.MAX_VALUE));
  }
  const asked = times === undefined ? bTimes : array<unknown>(fn, times, "times").map((t, i) => finiteNumber(fn, t, `times[${i}]`));
  const last = bTimes[bTimes.length - 1]!;
  const survival = asked.map((t): number | null => {
    if (t > last) return null;
    let a = 0;
    let b = bTimes.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (bTimes[mid]! <= t) a = mid + 1;
      else b = mid;
    }
    const H = a === 0 ? 0 : bHaz[a - 1]!;
    return Math.exp(-H * risk);
  });
  return { times: [...asked], survival };
}
