import { describe, expect, it } from "vitest";
import { coxSurvival, fitCoxPh, type CoxPhModel, type CoxRow } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";
import reference from "../fixtures/survival/coxph.json" with { type: "json" };

// Reference values: scripts/reference/coxph.R (R survival 3.5-3), which also wrote the data rows used.
type Rec = Record<string, number>;
interface Ref {
  coefficients: Rec; standardErrors: Rec; zScores: Rec; pValues: Rec; hazardRatios: Rec; lower: Rec; upper: Rec;
  logLikelihood: number; nullLogLikelihood: number;
  likelihoodRatioTest: { chiSquare: number; df: number; pValue: number }; waldTest: { chiSquare: number; df: number; pValue: number };
  scoreTest: { chiSquare: number; df: number; pValue: number };
  concordance: { estimate: number; standardError: number; concordant: number; discordant: number; tiedRisk: number };
  iterations: number; n: number; events: number; means: Rec;
  baselineHazard: { times: number[]; cumulativeHazard: number[]; cumulativeHazardAtZero: number[] };
}
const lungData = reference.lung;
const lung: CoxRow[] = lungData.time.map((t, i) => ({
  duration: t!,
  event: lungData.status[i] === 2,
  age: lungData.age[i]!,
  sex: lungData.sex[i]!,
  "ph.ecog": lungData["ph.ecog"][i] ?? undefined,
}));
const vetData = reference.veteran;
const veteran: CoxRow[] = vetData.time.map((t, i) => ({ duration: t!, event: vetData.status[i] === 1, trt: vetData.trt[i]!, karno: vetData.karno[i]!, celltype: vetData.celltype[i]! }));
const lungCovariates = ["age", "sex", "ph.ecog"];

const close = (actual: number, expected: number, rel = 1e-6): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
};

function expectMatchesR(fit: CoxPhModel, ref: Ref): void {
  for (const key of ["coefficients", "standardErrors", "zScores", "pValues", "hazardRatios", "lower", "upper"] as const) {
    const want = ref[key];
    expect(Object.keys(fit[key])).toEqual(Object.keys(want));
    for (const c of Object.keys(want)) close(fit[key][c]!, want[c]!);
  }
  close(fit.logLikelihood, ref.logLikelihood);
  close(fit.nullLogLikelihood, ref.nullLogLikelihood);
  for (const key of ["likelihoodRatioTest", "waldTest", "scoreTest"] as const) {
    close(fit[key].chiSquare, ref[key].chiSquare);
    close(fit[key].pValue, ref[key].pValue);
    expect(fit[key].df).toBe(ref[key].df);
  }
  expect([fit.concordance.concordant, fit.concordance.discordant, fit.concordance.tiedRisk]).toEqual([ref.concordance.concordant, ref.concordance.discordant, ref.concordance.tiedRisk]);
  close(fit.concordance.estimate!, ref.concordance.estimate);
  close(fit.concordance.standardError!, ref.concordance.standardError);
  expect([fit.n, fit.events, fit.iterations, fit.converged, fit.reason]).toEqual([ref.n, ref.events, ref.iterations, true, null]);
  expect(fit.baselineHazard.times).toEqual(ref.baselineHazard.times);
  fit.baselineHazard.cumulativeHazard.forEach((h, i) => close(h, ref.baselineHazard.cumulativeHazard[i]!));
  for (const c of Object.keys(ref.means)) close(fit.means[c]!, ref.means[c]!, 1e-12);
  // R's basehaz(fit, centered = FALSE): the hazard at covariates 0 is H(t | x̄)·exp(−β·x̄)
  const toZero = Math.exp(-Object.keys(ref.means).reduce((s, c) => s + fit.coefficients[c]! * fit.means[c]!, 0));
  fit.baselineHazard.cumulativeHazard.forEach((h, i) => close(h * toZero, ref.baselineHazard.cumulativeHazardAtZero[i]!));
}

describe("fitCoxPh against R's coxph", () => {
  it("gives R's lung fit, age + sex + ph.ecog, Efron ties, with the row missing ph.ecog dropped", () => {
    const fit = fitCoxPh(lung, { covariates: lungCovariates, missing: "drop" });
    expectMatchesR(fit, reference.lungEfron);
    // The figures
    close(fit.coefficients.age!, 0.0110668, 1e-5);
    close(fit.coefficients.sex!, -0.552612, 1e-5);
    close(fit.coefficients["ph.ecog"]!, 0.463728, 1e-5);
    close(fit.standardErrors.sex!, 0.167739, 1e-5);
    close(fit.logLikelihood, -729.2301, 1e-7);
    expect(fit.dropped).toEqual([13]);
    expect(fit.baselineHazard.stratum.every((s) => s === null)).toBe(true);
  });

  it("gives R's lung fit with Breslow ties", () => {
    expectMatchesR(fitCoxPh(lung, { covariates: lungCovariates, ties: "breslow", missing: "drop" }), reference.lungBreslow);
  });

  it("gives R's stratified veteran fit, trt + karno + strata(celltype), with a baseline hazard per stratum", () => {
    const fit = fitCoxPh(veteran, { covariates: ["trt", "karno"], strata: "celltype" });
    expectMatchesR(fit, reference.veteranStrata);
    expect(fit.baselineHazard.stratum).toEqual(reference.veteranStrata.baselineHazard.stratum);
  });

  it("gives the hand-checked fit of six events with no ties", () => {
    // ℓ(β) = Σ βxᵢ − log Σ_{j ≥ i} e^(βxⱼ); at β = 0 the score is Σ (xᵢ − mean of the risk set)
    const x = [0, 2, 1, 0, 1, 0];
    const fit = fitCoxPh(x.map((v, i) => ({ duration: i + 1, event: true, x: v })), { covariates: ["x"] });
    // U(0) = Σ (xᵢ − risk-set mean) = (0 − 2/3) + (2 − 4/5) + (1 − 1/2) + (0 − 1/3) + (1 − 1/2) + 0 = 1.2;
    // I(0) = Σ risk-set variances = 5/9 + 14/25 + 1/4 + 2/9 + 1/4 + 0; the score test is U²/I.
    expect(fit.scoreTest.chiSquare).toBeCloseTo(1.44 / (5 / 9 + 14 / 25 + 1 / 4 + 2 / 9 + 1 / 4), 12);
    expect(fit.nullLogLikelihood).toBeCloseTo(-Math.log(720), 12); // Σ log(risk-set size) = log 6!
    close(fit.coefficients.x!, 0.627546766);
    close(fit.standardErrors.x!, 0.7246300052);
    close(fit.logLikelihood, -6.2004747313);
  });
});

describe("fitCoxPh input", () => {
  const rows = [1, 2, 3, 4, 5, 6].map((d, i) => ({ duration: d, event: i !== 2, x: [0, 2, 1, 0, 1, 0][i]!, z: [1, 0, 0, 1, 1, 0][i]! }));

  it("refuses a covariate missing in a row, naming the row and field", () => {
    expect(codeAndPath(() => fitCoxPh(lung, { covariates: lungCovariates }))).toEqual(["INVALID_TYPE", "rows[13][\"ph.ecog\"]"]);
    expect(codeAndPath(() => fitCoxPh([...rows, { duration: 2, event: true, x: Number.NaN, z: 0 }], { covariates: ["x"] }))).toEqual(["INVALID_NUMBER", "rows[6].x"]);
    expect(codeAndPath(() => fitCoxPh([{ duration: 1, event: true, x: "1" }], { covariates: ["x"] }))).toEqual(["INVALID_TYPE", "rows[0].x"]);
  });

  it("refuses a constant covariate, collinear covariates and rows without an event", () => {
    expect(codeAndPath(() => fitCoxPh(rows.map((r) => ({ ...r, c: 3 })), { covariates: ["x", "c"] }))).toEqual(["INVALID_INPUT", "options.covariates[1]"]);
    expect(codeAndPath(() => fitCoxPh(rows.map((r) => ({ ...r, y: 2 * r.x + 1 })), { covariates: ["x", "y"] }))).toEqual(["INVALID_INPUT", "options.covariates"]);
    expect(codeAndPath(() => fitCoxPh(rows.map((r) => ({ ...r, event: false })), { covariates: ["x"] }))).toEqual(["INSUFFICIENT_DATA", "rows"]);
    expect(codeAndPath(() => fitCoxPh([], { covariates: ["x"] }))).toEqual(["INSUFFICIENT_DATA", "rows"]);
    // One event, whose risk set holds three rows: their covariance has rank 2 at most, too little for three coefficients
    const few = [{ duration: 1, event: true, x: 0, z: 1, w: 0 }, { duration: 2, event: false, x: 1, z: 0, w: 1 }, { duration: 3, event: false, x: 2, z: 2, w: 5 }];
    expect(codeAndPath(() => fitCoxPh(few, { covariates: ["x", "z", "w"] }))).toEqual(["INSUFFICIENT_DATA", "rows"]);
  });

  it("refuses covariates whose squares overflow the doubles instead of failing inside the fit", () => {
    expect(codeAndPath(() => fitCoxPh(rows.map((r) => ({ ...r, x: r.x * 1e200 })), { covariates: ["x"] }))).toEqual(["OUT_OF_RANGE", "options.covariates"]);
    expect(codeAndPath(() => fitCoxPh(rows.map((r, i) => ({ ...r, x: i % 2 === 0 ? 1.7e308 : -1.7e308 })), { covariates: ["x"] }))).toEqual(["OUT_OF_RANGE", "options.covariates"]);
  });

  it("refuses a covariate whose coefficient runs off to infinity (monotone likelihood)", () => {
    // The three customers with x = 1 all churn before every customer with x = 0: β → +∞.
    const sep = [1, 2, 3, 4, 5, 6].map((d, i) => ({ duration: d, event: true, x: i < 3 ? 1 : 0, z: [0, 1, 1, 0, 1, 0][i]! }));
    expect(codeAndPath(() => fitCoxPh(sep, { covariates: ["z", "x"] }))).toEqual(["INSUFFICIENT_DATA", "options.covariates[1]"]);
    expect(codeAndPath(() => fitCoxPh(sep, { covariates: ["x"], ties: "breslow" }))).toEqual(["INSUFFICIENT_DATA", "options.covariates[0]"]);
    expect(() => fitCoxPh(sep, { covariates: ["z", "x"] })).toThrow(/"x" runs off to \+∞ \(monotone likelihood/);
  });

  it("reports a fit stopped short of convergence with finite numbers and a reason", () => {
    const fit = fitCoxPh(lung, { covariates: lungCovariates, missing: "drop", maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.reason).toMatch(/1 iterations/);
    expect(fit.iterations).toBe(1);
    for (const v of Object.values(fit.coefficients)) expect(Number.isFinite(v)).toBe(true);
    close(fit.coefficients.sex!, reference.lungEfron.coefficients.sex, 0.1);
  });

  it("checks its options", () => {
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"], tie: "efron" } as never))).toEqual(["UNKNOWN_OPTION", "options.tie"]);
    expect(codeAndPath(() => fitCoxPh(rows, {} as never))).toEqual(["INVALID_OPTION", "options.covariates"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: [] }))).toEqual(["INVALID_OPTION", "options.covariates"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x", "x"] }))).toEqual(["INVALID_OPTION", "options.covariates[1]"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"], ties: "exact" as never }))).toEqual(["INVALID_OPTION", "options.ties"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"], strata: "x" }))).toEqual(["INVALID_OPTION", "options.strata"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"], maxIterations: 0 }))).toEqual(["OUT_OF_RANGE", "options.maxIterations"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"], strata: "site" }))).toEqual(["INVALID_TYPE", "rows[0].site"]);
  });

  it("reads each field of a row once and leaves the rows unchanged", () => {
    let reads = 0;
    const counted = rows.map((r) => ({ ...r, get z() { reads++; return r.z; } }));
    const copy = JSON.stringify(rows);
    fitCoxPh(counted, { covariates: ["x", "z"] });
    expect(reads).toBe(rows.length);
    expect(JSON.stringify(rows)).toBe(copy);
  });

  it("drops rows with a missing covariate or stratum only when asked, listing them, and reads any iterable", () => {
    const withGaps = [...rows.map((r) => ({ ...r, g: "a" })), { duration: 2, event: true, x: null, z: 0, g: "a" }, { duration: 4, event: true, x: 1, z: 0, g: undefined }];
    const fit = fitCoxPh(withGaps, { covariates: ["x", "z"], strata: "g", missing: "drop" });
    expect(fit.dropped).toEqual([6, 7]);
    expect(fit.n).toBe(6);
    expect(fit.coefficients).toEqual(fitCoxPh(rows, { covariates: ["x", "z"] }).coefficients);
    expect(codeAndPath(() => fitCoxPh(withGaps, { covariates: ["x", "z"], strata: "g" }))).toEqual(["INVALID_TYPE", "rows[6].x"]);
    function* gen(): Generator<(typeof rows)[number]> {
      yield* rows;
    }
    expect(fitCoxPh(gen(), { covariates: ["x"] })).toEqual(fitCoxPh(rows, { covariates: ["x"] }));
  });

  it("gives the hazard-ratio interval at the confidence asked for", () => {
    const fit = fitCoxPh(rows, { covariates: ["x"], confidence: 0.9 });
    close(fit.lower.x!, Math.exp(fit.coefficients.x! - 1.6448536269514722 * fit.standardErrors.x!), 1e-12);
  });
});

describe("coxSurvival", () => {
  const fit = fitCoxPh(veteran, { covariates: ["trt", "karno"], strata: "celltype" });

  it("gives exp(−H(t | x̄)·exp(β·(x − x̄))) in the customer's stratum, 1 before the first time and null after the last", () => {
    const ref = reference.veteranStrata.baselineHazard;
    const i = ref.stratum.indexOf("large");
    const last = ref.stratum.lastIndexOf("large");
    const lp = fit.coefficients.trt! * (2 - fit.means.trt!) + fit.coefficients.karno! * (60 - fit.means.karno!);
    const curve = coxSurvival(fit, { trt: 2, karno: 60, celltype: "large" }, [0, ref.times[i]!, ref.times[last]!, ref.times[last]! + 1]);
    expect(curve.survival[0]).toBe(1);
    close(curve.survival[1]!, Math.exp(-ref.cumulativeHazard[i]! * Math.exp(lp)), 1e-9);
    close(curve.survival[2]!, Math.exp(-ref.cumulativeHazard[last]! * Math.exp(lp)), 1e-9);
    expect(curve.survival[3]).toBeNull();
    expect(coxSurvival(fit, { trt: 2, karno: 60, celltype: "large" }).times).toEqual(ref.times.slice(i, last + 1));
  });

  it("refuses a missing covariate and an unknown stratum", () => {
    expect(codeAndPath(() => coxSurvival(fit, { trt: 1, celltype: "large" }))).toEqual(["INVALID_TYPE", "row.karno"]);
    expect(codeAndPath(() => coxSurvival(fit, { trt: 1, karno: 50, celltype: "tiny" }))).toEqual(["INVALID_INPUT", "row.celltype"]);
    expect(codeAndPath(() => coxSurvival({ ...fit, model: "bg-nbd" } as never, { trt: 1, karno: 50 }))).toEqual(["INVALID_MODEL", "model.model"]);
  });

  it("survives a JSON round trip of the model", () => {
    const again = JSON.parse(JSON.stringify(fit)) as CoxPhModel;
    expect(coxSurvival(again, { trt: 1, karno: 70, celltype: "adeno" })).toEqual(coxSurvival(fit, { trt: 1, karno: 70, celltype: "adeno" }));
  });
});
