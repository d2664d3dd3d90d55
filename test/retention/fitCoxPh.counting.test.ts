import { describe, expect, it } from "vitest";
import { coxSurvival, fitCoxPh, type CoxIntervalRow, type CoxPhModel, type CoxRow } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";
import reference from "../fixtures/survival/coxph-counting.json" with { type: "json" };
import lungReference from "../fixtures/survival/coxph.json" with { type: "json" };

// Reference values: scripts/reference/coxph-counting.R (R survival 3.5-3), which also wrote the data rows used.
type Rec = Record<string, number>;
interface Ref {
  coefficients: Rec; standardErrors: Rec; zScores: Rec; pValues: Rec; hazardRatios: Rec; lower: Rec; upper: Rec;
  logLikelihood: number; nullLogLikelihood: number;
  likelihoodRatioTest: { chiSquare: number; df: number }; waldTest: { chiSquare: number; df: number }; scoreTest: { chiSquare: number; df: number };
  concordance: { estimate: number; standardError: number; concordant: number; discordant: number; tiedRisk: number };
  n: number; events: number; means: Rec;
  baselineHazard: { times: number[]; cumulativeHazard: number[]; stratum?: string[] };
}

const h = reference.heart;
const heart: CoxIntervalRow[] = h.start.map((s, i) => ({
  start: s!, stop: h.stop[i]!, event: h.event[i] === 1, age: h.age[i]!, year: h.year[i]!, surgery: h.surgery[i]!, transplant: h.transplant[i]!, id: h.id[i]!,
}));
const heartCovariates = ["age", "year", "surgery", "transplant"];
const v = reference.veteranSplit;
const veteranSplit: CoxIntervalRow[] = v.start.map((s, i) => ({ start: s!, stop: v.stop[i]!, event: v.status[i] === 1, trt: v.trt[i]!, karno: v.karno[i]!, celltype: v.celltype[i]!, id: v.id[i]! }));

const close = (actual: number, expected: number, rel = 1e-6): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-300);
};

function expectMatchesR(fit: CoxPhModel, ref: Ref): void {
  for (const key of ["coefficients", "standardErrors", "zScores", "pValues", "hazardRatios", "lower", "upper", "means"] as const) {
    const want = ref[key];
    expect(Object.keys(fit[key])).toEqual(Object.keys(want));
    for (const c of Object.keys(want)) close(fit[key][c]!, want[c]!);
  }
  close(fit.logLikelihood, ref.logLikelihood);
  close(fit.nullLogLikelihood, ref.nullLogLikelihood);
  for (const key of ["likelihoodRatioTest", "waldTest", "scoreTest"] as const) {
    close(fit[key].chiSquare, ref[key].chiSquare);
    expect(fit[key].df).toBe(ref[key].df);
  }
  expect([fit.concordance.concordant, fit.concordance.discordant, fit.concordance.tiedRisk]).toEqual([ref.concordance.concordant, ref.concordance.discordant, ref.concordance.tiedRisk]);
  close(fit.concordance.estimate!, ref.concordance.estimate);
  close(fit.concordance.standardError!, ref.concordance.standardError);
  expect([fit.n, fit.events, fit.converged, fit.reason]).toEqual([ref.n, ref.events, true, null]);
  expect(fit.baselineHazard.times).toEqual(ref.baselineHazard.times);
  expect(fit.baselineHazard.cumulativeHazard.length).toBe(ref.baselineHazard.cumulativeHazard.length);
  fit.baselineHazard.cumulativeHazard.forEach((x, i) => close(x, ref.baselineHazard.cumulativeHazard[i]!));
}

describe("fitCoxPh on counting-process rows against R's coxph(Surv(start, stop, event) ~ …)", () => {
  it("gives R's fit of the Stanford heart transplant data (transplant changes over time), Efron ties", () => {
    const fit = fitCoxPh(heart, { covariates: heartCovariates, intervals: true, id: "id" });
    expectMatchesR(fit, reference.heartEfron);
    // R prints coef 0.02717, -0.14635, -0.63721, -0.01025 and se 0.01371, 0.07047, 0.36723, 0.31375
    expect(heartCovariates.map((c) => +fit.coefficients[c]!.toFixed(5))).toEqual([0.02717, -0.14635, -0.63721, -0.01025]);
    expect(heartCovariates.map((c) => +fit.standardErrors[c]!.toFixed(5))).toEqual([0.01371, 0.07047, 0.36723, 0.31375]);
  });

  it("gives R's heart fit with Breslow ties", () => {
    expectMatchesR(fitCoxPh(heart, { covariates: heartCovariates, intervals: true, ties: "breslow" }), reference.heartBreslow);
  });

  it("gives R's stratified fit of veteran split at days 30, 90 and 180, the same coefficients as the unsplit rows", () => {
    const fit = fitCoxPh(veteranSplit, { covariates: ["trt", "karno"], strata: "celltype", intervals: true, id: "id" });
    expectMatchesR(fit, reference.veteranSplitStrata);
    expect(fit.baselineHazard.stratum).toEqual(reference.veteranSplitStrata.baselineHazard.stratum);
    const vd = lungReference.veteran;
    const whole = fitCoxPh(vd.time.map((t, i) => ({ duration: t!, event: vd.status[i] === 1, trt: vd.trt[i]!, karno: vd.karno[i]!, celltype: vd.celltype[i]! })), { covariates: ["trt", "karno"], strata: "celltype" });
    for (const c of ["trt", "karno"]) {
      close(fit.coefficients[c]!, whole.coefficients[c]!, 1e-10);
      close(fit.standardErrors[c]!, whole.standardErrors[c]!, 1e-10);
    }
    close(fit.logLikelihood, whole.logLikelihood, 1e-12);
    // The pairs are the same; the standard error counts each row as one observation (R: 0.02896 split, 0.02507 whole)
    expect(fit.concordance.concordant).toBe(whole.concordance.concordant);
    close(fit.concordance.standardError!, 0.028956084913730154);
    close(whole.concordance.standardError!, 0.025070, 1e-4);
  });

  it("centres a 0/1 covariate at 0, as R's means, and the baseline hazard with it (R lung, female = sex − 1)", () => {
    const ld = lungReference.lung;
    const rows: CoxRow[] = ld.time.map((t, i) => ({ duration: t!, event: ld.status[i] === 2, age: ld.age[i]!, female: ld.sex[i]! - 1 }));
    const fit = fitCoxPh(rows, { covariates: ["age", "female"] });
    expectMatchesR(fit, reference.lungIndicator);
    expect(fit.means.female).toBe(0);
    // R: summary(survfit(fit, newdata = data.frame(age = 60, female = 1)), times = 200)$surv, from the same baseline
    const s = coxSurvival(fit, { age: 60, female: 1 }, [200]).survival[0]!;
    let i = 0;
    while (fit.baselineHazard.times[i + 1]! <= 200) i++;
    close(s, Math.exp(-fit.baselineHazard.cumulativeHazard[i]! * Math.exp(fit.coefficients.age! * (60 - fit.means.age!) + fit.coefficients.female!)), 1e-12);
  });

  it("gives the hand-checked fit of two events whose risk sets differ by the interval starts", () => {
    // Events at 2 (x = 1, at risk: rows 0 and 1 only; row 2 starts at 2) and at 4 (x = 0, at risk: rows 1 and 2).
    // ℓ(β) = β − log(e^β + 1) + 0 − log(1 + e^β): U(0) = 1 − 1/2 − 1/2 = 0, so β̂ = 0 and ℓ = −2·log 2.
    const rows = [
      { start: 0, stop: 2, event: true, x: 1 },
      { start: 0, stop: 4, event: true, x: 0 },
      { start: 2, stop: 5, event: false, x: 1 },
    ];
    const fit = fitCoxPh(rows, { covariates: ["x"], intervals: true });
    expect(fit.coefficients.x).toBeCloseTo(0, 12);
    expect(fit.logLikelihood).toBeCloseTo(-2 * Math.log(2), 12);
    // I(0) = 1/4 + 1/4: SE = √2
    expect(fit.standardErrors.x).toBeCloseTo(Math.SQRT2, 10);
    // Concordance: at 2 the event (η = 0) against row 1 (η = 0): tied; at 4 row 1 against row 2: tied.
    expect([fit.concordance.concordant, fit.concordance.discordant, fit.concordance.tiedRisk]).toEqual([0, 0, 2]);
    // Right-censored reading of the same rows would put row 2 at risk at 2: a different likelihood
    const asDurations = fitCoxPh(rows.map((r) => ({ duration: r.stop, event: r.event, x: r.x })), { covariates: ["x"] });
    expect(Math.abs(asDurations.nullLogLikelihood - fit.nullLogLikelihood)).toBeGreaterThan(0.1);
    // Baseline (Efron, one event each): 1/2 at 2, then 1/2 at 4; 5 is a censored time
    expect(fit.baselineHazard.times).toEqual([2, 4, 5]);
    fit.baselineHazard.cumulativeHazard.forEach((x, i) => expect(x).toBeCloseTo([0.5, 1, 1][i]!, 12));
  });
});

describe("fitCoxPh counting-process input", () => {
  const rows = [
    { id: "a", start: 0, stop: 4, event: false, x: 0 },
    { id: "a", start: 4, stop: 9, event: true, x: 1 },
    { id: "b", start: 0, stop: 6, event: true, x: 0 },
    { id: "c", start: 0, stop: 3, event: true, x: 1 },
    { id: "d", start: 0, stop: 5, event: false, x: 0 },
    { id: "d", start: 5, stop: 8, event: true, x: 1 },
  ];
  const opts = { covariates: ["x"], intervals: true, id: "id" };

  it("refuses an interval that does not end after its start, and a negative start, naming the row", () => {
    expect(codeAndPath(() => fitCoxPh(rows.map((r, i) => (i === 2 ? { ...r, stop: 0 } : r)), opts))).toEqual(["INVALID_RANGE", "rows[2].stop"]);
    expect(codeAndPath(() => fitCoxPh(rows.map((r, i) => (i === 3 ? { ...r, start: 3 } : r)), opts))).toEqual(["INVALID_RANGE", "rows[3].stop"]);
    expect(() => fitCoxPh(rows.map((r, i) => (i === 3 ? { ...r, start: 3 } : r)), opts)).toThrow(/^fitCoxPh: rows\[3\]\.stop must be after rows\[3\]\.start .*got start 3 and stop 3/);
    expect(codeAndPath(() => fitCoxPh(rows.map((r, i) => (i === 1 ? { ...r, start: -1 } : r)), opts))).toEqual(["NEGATIVE_DURATION", "rows[1].start"]);
    expect(codeAndPath(() => fitCoxPh(rows.map((r, i) => (i === 1 ? { ...r, start: "4" } : r)) as never, opts))).toEqual(["INVALID_TYPE", "rows[1].start"]);
    expect(codeAndPath(() => fitCoxPh(rows.map((r, i) => (i === 4 ? { ...r, stop: Number.POSITIVE_INFINITY } : r)), opts))).toEqual(["INVALID_NUMBER", "rows[4].stop"]);
  });

  it("refuses overlapping intervals of one id, naming the later row, and accepts them without an id", () => {
    const overlap = [...rows, { id: "a", start: 8, stop: 12, event: false, x: 0 }];
    expect(codeAndPath(() => fitCoxPh(overlap, opts))).toEqual(["INVALID_RANGE", "rows[6].start"]);
    expect(() => fitCoxPh(overlap, opts)).toThrow(/rows\[6\]\.start is 8, inside the interval \(4, 9\] of rows\[1\] of the same id "a"/);
    // the later row by start, whatever the input order
    expect(codeAndPath(() => fitCoxPh([overlap[6]!, ...rows], opts))).toEqual(["INVALID_RANGE", "rows[0].start"]);
    // touching intervals are fine; ids are distinct by type ("1" is not 1)
    expect(fitCoxPh([...rows, { id: "a", start: 9, stop: 12, event: false, x: 0 }], opts).n).toBe(7);
    expect(fitCoxPh(overlap, { covariates: ["x"], intervals: true }).n).toBe(7);
    expect(codeAndPath(() => fitCoxPh(rows.map((r, i) => (i === 5 ? { ...r, id: null } : r)), opts))).toEqual(["INVALID_TYPE", "rows[5].id"]);
  });

  it("checks the options of counting-process rows", () => {
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"], intervals: "yes" } as never))).toEqual(["INVALID_OPTION", "options.intervals"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"], id: "id" }))).toEqual(["INVALID_OPTION", "options.id"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"], intervals: true, id: "x" }))).toEqual(["INVALID_OPTION", "options.id"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"], intervals: true, id: "" }))).toEqual(["INVALID_OPTION", "options.id"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x", "start"], intervals: true }))).toEqual(["INVALID_OPTION", "options.covariates[1]"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"], intervals: true, strata: "stop" }))).toEqual(["INVALID_OPTION", "options.strata"]);
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"], interval: true } as never))).toEqual(["UNKNOWN_OPTION", "options.interval"]);
    // rows with start and stop read as durations: the fix is named
    expect(codeAndPath(() => fitCoxPh(rows, { covariates: ["x"] }))).toEqual(["INVALID_TYPE", "rows[0].duration"]);
    expect(() => fitCoxPh(rows, { covariates: ["x"] })).toThrow(/pass intervals: true/);
  });

  it("reads each field of a row once, and leaves the rows unchanged", () => {
    const reads: Record<string, number> = {};
    const counted = rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(r)) Object.defineProperty(o, k, { enumerable: true, get: () => { reads[k] = (reads[k] ?? 0) + 1; return val; } });
      return o as unknown as CoxIntervalRow;
    });
    const copy = JSON.stringify(rows);
    fitCoxPh(counted, opts);
    expect(reads).toEqual({ id: 6, start: 6, stop: 6, event: 6, x: 6 });
    expect(JSON.stringify(rows)).toBe(copy);
  });

  it("drops a row with a missing covariate only when asked, also with ids", () => {
    const gaps = [...rows, { id: "e", start: 0, stop: 7, event: true, x: null }];
    expect(codeAndPath(() => fitCoxPh(gaps, opts))).toEqual(["INVALID_TYPE", "rows[6].x"]);
    const fit = fitCoxPh(gaps, { ...opts, missing: "drop" });
    expect(fit.dropped).toEqual([6]);
    expect(JSON.stringify(fit)).toBe(JSON.stringify({ ...fitCoxPh(rows, opts), dropped: [6] }));
  });
});
