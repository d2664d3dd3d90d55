// The fit behind fitChurnModel, on a snapshot already read (churnDrivers fits on the same columns).
import { RetentionKitError } from "../../data/RetentionKitError.js";
import { fail, show } from "../../internal/validate.js";
import type { ChurnModel } from "../fitChurnModel.js";
import { fitLogisticRegression } from "../fitLogisticRegression.js";
import { isConstant, meanSd, type SnapshotColumns } from "./readSnapshot.js";

/**
 * The fit of {@link fitChurnModel} on a read snapshot: `chosen` indexes its features; `dropConstant` drops a
 * constant one (listing it in `dropped`) instead of refusing it. `fn` names the caller in errors.
 */
export function fitOnColumns(
  fn: string,
  c: SnapshotColumns,
  chosen: readonly number[],
  dropConstant: boolean,
  settings: { penalty: number; minClassSize: number; maxIterations: number },
): ChurnModel {
  const { penalty, minClassSize, maxIterations } = settings;
  const n = c.ids.length;
  const stayers = n - c.churners;
  if (c.churners < minClassSize || stayers < minClassSize) {
    fail(fn, "INSUFFICIENT_DATA", `the snapshot has ${c.churners} churners and ${stayers} non-churners; a churn model needs at least ${minClassSize} of each (options.minClassSize): take a longer window or more customers`, "snapshot.rows");
  }
  const dropped: string[] = [];
  const kept: number[] = [];
  chosen.forEach((j, a) => {
    const f = c.featureNames[j]!;
    if (!isConstant(c.x[j]!)) kept.push(j);
    else if (dropConstant) dropped.push(f);
    else fail(fn, "INVALID_INPUT", `feature ${JSON.stringify(f)} is constant over the snapshot (every value ${show(c.x[j]![0])}): it says nothing about churn; leave it out of options.features`, `options.features[${a}]`);
  });
  const used = kept.map((j) => c.featureNames[j]!);
  const position = (j: number): string => (dropConstant ? "snapshot.featureNames" : "options.features") + `[${dropConstant ? j : chosen.indexOf(j)}]`;
  const rows: Record<string, number>[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const r: Record<string, number> = { y: c.y[k]! };
    kept.forEach((j, a) => (r[`x${a}`] = c.x[j]![k]!));
    rows[k] = r;
  }
  const inner = used.map((_, a) => `x${a}`);
  let fit;
  try {
    fit = fitLogisticRegression(rows, { outcome: "y", features: inner, penalty, maxIterations });
  } catch (e) {
    if (!(e instanceof RetentionKitError)) throw e;
    const message = e.message.replace(/^fitLogisticRegression: /, "").replace(/"x(\d+)"/g, (_, a: string) => JSON.stringify(used[Number(a)]));
    const m = /^options\.features\[(\d+)\]$/.exec(e.path ?? "");
    const path = m === null ? "snapshot" : position(kept[Number(m[1])]!);
    throw new RetentionKitError(e.code, `${fn}: ${message}`, path);
  }
  const coefficients: Record<string, number> = { intercept: fit.coefficients.intercept! };
  const standardErrors: Record<string, number | null> = { intercept: fit.standardErrors.intercept ?? null };
  const pValues: Record<string, number | null> = { intercept: fit.pValues.intercept ?? null };
  const standardised: Record<string, number> = {};
  const means: Record<string, number> = {};
  const scales: Record<string, number> = {};
  used.forEach((f, a) => {
    const b = fit.coefficients[`x${a}`]!;
    const { mean, sd } = meanSd(c.x[kept[a]!]!);
    coefficients[f] = b;
    standardErrors[f] = fit.standardErrors[`x${a}`] ?? null;
    pValues[f] = fit.pValues[`x${a}`] ?? null;
    const z = b * sd;
    standardised[f] = Number.isFinite(z) ? z : Math.sign(z) * Number.MAX_VALUE;
    means[f] = mean;
    scales[f] = sd > 0 ? sd : Number.MIN_VALUE;
  });
  return {
    model: "churn-logistic",
    features: used,
    dropped,
    unit: "day",
    definition: c.definition,
    coefficients,
    standardErrors,
    pValues,
    standardisedCoefficients: standardised,
    means,
    scales,
    penalty,
    converged: fit.converged,
    reason: fit.reason === null ? null : fit.reason.replace(/"x(\d+)"/g, (_, a: string) => JSON.stringify(used[Number(a)])),
    iterations: fit.iterations,
    deviance: fit.deviance,
    nullDeviance: fit.nullDeviance,
    aic: fit.aic,
    customers: n,
    churners: c.churners,
  };
}
