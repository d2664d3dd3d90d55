// fitLogisticRegression and evaluateClassifier against R: glm(family = binomial) with summary(), a penalised
// Newton fit written in R, and pROC's DeLong interval (scripts/reference/logistic.R writes the fixture).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateClassifier, fitLogisticRegression, predictLogistic } from "../../src/index.js";
import { fixturePath, readNumericCsv, relDiff } from "../helpers/csv.js";

interface Fit {
  coefficients: Record<string, number>;
  standardErrors: Record<string, number>;
  zScores?: Record<string, number>;
  summaryStandardErrors?: Record<string, number>;
  pValues?: Record<string, number>;
  deviance?: number;
  nullDeviance?: number;
  aic?: number;
  logLikelihood: number;
  n?: number;
  penalty?: number;
}
interface Auc { n: number; positives: number; auc: number; aucStdErr: number; aucLower: number; aucUpper: number; confidence: number; brier: number | null }
const ref = JSON.parse(readFileSync(fixturePath("logistic/reference.json"), "utf8")) as {
  mtcars: { wt_hp: Fit; ridge_wt_hp: Fit; auc_hp: Auc; auc_wt: Auc; auc_fitted: Auc };
  cdnow: { churned: number; fit: Fit; ridge: Fit; auc_frequency: Auc; auc_gap: Auc };
};
const mtcars = readNumericCsv("logistic/mtcars.csv");
/** Features from the calibration period only; churned = no purchase in the holdout. */
const cdnow = readNumericCsv("cdnow/reference-calibration-holdout-week-units.csv").map((r) => ({
  frequency_cal: r.frequency_cal!,
  recency_cal: r.recency_cal!,
  T_cal: r.T_cal!,
  monetary_value_cal: r.monetary_value_cal!,
  churned: r.frequency_holdout === 0,
}));
const CD_FEATURES = ["frequency_cal", "recency_cal", "T_cal", "monetary_value_cal"];

function expectFit(got: ReturnType<typeof fitLogisticRegression>, want: Fit, tol = 1e-6): void {
  expect(got.converged).toBe(true);
  for (const [name, value] of Object.entries(want.coefficients)) {
    expect(relDiff(got.coefficients[name]!, value), `coefficient ${name}`).toBeLessThan(tol);
    expect(relDiff(got.standardErrors[name]!, want.standardErrors[name]!), `se ${name}`).toBeLessThan(tol);
    if (want.summaryStandardErrors) expect(relDiff(got.standardErrors[name]!, want.summaryStandardErrors[name]!), `summary() se ${name}`).toBeLessThan(tol);
    if (want.zScores) expect(relDiff(got.zScores[name]!, want.zScores[name]!), `z ${name}`).toBeLessThan(tol);
    if (want.pValues) expect(relDiff(got.pValues[name]!, want.pValues[name]!), `p ${name}`).toBeLessThan(tol);
  }
  expect(relDiff(got.logLikelihood, want.logLikelihood)).toBeLessThan(tol);
  if (want.deviance !== undefined) expect(relDiff(got.deviance, want.deviance)).toBeLessThan(tol);
  if (want.nullDeviance !== undefined) expect(relDiff(got.nullDeviance, want.nullDeviance)).toBeLessThan(tol);
  if (want.aic !== undefined) expect(relDiff(got.aic, want.aic)).toBeLessThan(tol);
  if (want.n !== undefined) expect(got.n).toBe(want.n);
}

function expectAuc(got: ReturnType<typeof evaluateClassifier>, want: Auc): void {
  expect(got.n).toBe(want.n);
  expect(got.positives).toBe(want.positives);
  expect(relDiff(got.auc!, want.auc)).toBeLessThan(1e-12);
  expect(relDiff(got.aucStdErr!, want.aucStdErr)).toBeLessThan(1e-9);
  expect(relDiff(got.aucLower!, want.aucLower)).toBeLessThan(1e-9);
  expect(relDiff(got.aucUpper!, want.aucUpper)).toBeLessThan(1e-9);
  if (want.brier === null) expect(got.brier).toBeNull();
}

describe("fitLogisticRegression agrees with R's glm(family = binomial)", () => {
  it("on mtcars, am ~ wt + hp: coefficients, standard errors, z, p, deviances and AIC to 1e-6", () => {
    expectFit(fitLogisticRegression(mtcars, { outcome: "am", features: ["wt", "hp"] }), ref.mtcars.wt_hp);
  });

  it("on CDNOW, churned in the holdout ~ the calibration-period summary, to 1e-6", () => {
    expect(cdnow.filter((r) => r.churned).length).toBe(ref.cdnow.churned);
    expectFit(fitLogisticRegression(cdnow, { outcome: "churned", features: CD_FEATURES }), ref.cdnow.fit);
  });

  it("with an L2 penalty on the standardised slopes, as the penalised Newton fit written in R", () => {
    expectFit(fitLogisticRegression(mtcars, { outcome: "am", features: ["wt", "hp"], penalty: 0.5 }), ref.mtcars.ridge_wt_hp);
    expectFit(fitLogisticRegression(cdnow, { outcome: "churned", features: CD_FEATURES, penalty: 2 }), ref.cdnow.ridge);
  });

  it("reports separation on mtcars am ~ wt + hp + qsec (where glm warns of fitted probabilities 0 or 1)", () => {
    const m = fitLogisticRegression(mtcars, { outcome: "am", features: ["wt", "hp", "qsec"] });
    expect(m.converged).toBe(false);
    expect(m.reason).toMatch(/separation: the coefficient of "(wt|hp|qsec)" diverges/);
    expect(Object.values(m.coefficients).every(Number.isFinite)).toBe(true);
    expect(m.standardErrors.wt).toBeNull();
    expect(m.deviance).toBeLessThan(1e-6);
  });
});

describe("evaluateClassifier agrees with pROC's AUC and DeLong interval", () => {
  it("on mtcars: hp and −wt as scores of am (confidence 0.95 and 0.9)", () => {
    expectAuc(evaluateClassifier(mtcars.map((r) => ({ score: r.hp!, outcome: r.am === 1 }))), ref.mtcars.auc_hp);
    expectAuc(evaluateClassifier(mtcars.map((r) => ({ score: -r.wt!, outcome: r.am === 1 })), { confidence: 0.9 }), ref.mtcars.auc_wt);
  });

  it("on mtcars: the fitted probabilities of am ~ wt + hp, with their Brier score", () => {
    const m = fitLogisticRegression(mtcars, { outcome: "am", features: ["wt", "hp"] });
    const e = evaluateClassifier(mtcars.map((r) => ({ score: predictLogistic(m, r), outcome: r.am === 1 })));
    expectAuc(e, ref.mtcars.auc_fitted);
    expect(relDiff(e.brier!, ref.mtcars.auc_fitted.brier!)).toBeLessThan(1e-6);
  });

  it("on CDNOW with heavily tied scores (repeat purchases; weeks since the last purchase)", () => {
    expectAuc(evaluateClassifier(cdnow.map((r) => ({ score: -r.frequency_cal, outcome: r.churned }))), ref.cdnow.auc_frequency);
    expectAuc(evaluateClassifier(cdnow.map((r) => ({ score: r.T_cal - r.recency_cal, outcome: r.churned }))), ref.cdnow.auc_gap);
  });
});
