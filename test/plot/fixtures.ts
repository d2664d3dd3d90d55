// Small fixed inputs for the plot tests, in the shapes the domain functions return.
import type { CohortTable, HoldoutDiagnosticRow, RfmScoreInput, SurvivalCurveInput, SurvivalGroup, TrackingChartRow, HazardRatioInput } from "../../src/plot/index.js";

const month = (m: number): number => Date.UTC(2024, m, 1);

/** Four monthly cohorts, five periods, with unobserved (null) cells in the later cohorts. */
export const COHORTS: CohortTable = {
  cohorts: [
    { start: month(0), size: 200, eligible: [200, 200, 200, 200, 200], counts: [200, 84, 70, 61, 52], rates: [1, 0.42, 0.35, 0.305, 0.26] },
    { start: month(1), size: 150, eligible: [150, 150, 150, 150, 0], counts: [150, 66, 51, 45, 0], rates: [1, 0.44, 0.34, 0.3, null] },
    { start: month(2), size: 0, eligible: [0, 0, 0, 0, 0], counts: [0, 0, 0, 0, 0], rates: [null, null, null, null, null] },
    { start: month(3), size: 90, eligible: [90, 90, 0, 0, 0], counts: [90, 36, 0, 0, 0], rates: [1, 0.4, null, null, null] },
  ],
};

/** A Kaplan–Meier curve of 10 observations (hand-computed; log band as R's survfit, rounded). */
export const KM: SurvivalCurveInput & { events: number[]; stdErr: number[] } = {
  times: [1, 2, 3, 4, 5, 6, 8],
  atRisk: [10, 9, 7, 6, 4, 3, 1],
  events: [1, 1, 1, 1, 1, 1, 1],
  censored: [0, 1, 0, 1, 0, 1, 0],
  survival: [0.9, 0.8, 0.6857, 0.5714, 0.4286, 0.2857, 0],
  stdErr: [0.0949, 0.1265, 0.1515, 0.1638, 0.1676, 0.1597, 0],
  lower: [0.7320, 0.5868, 0.4503, 0.3258, 0.1990, 0.0955, null],
  upper: [1, 1, 1, 1, 0.9231, 0.8546, null],
  median: 5,
};

/** Two groups to compare: the curve above and a slower-churning one whose median is not reached. */
export const GROUPS: SurvivalGroup[] = [
  { label: "Paid search", curve: KM },
  {
    label: "Referral",
    curve: {
      times: [2, 4, 7, 9],
      atRisk: [8, 7, 5, 2],
      censored: [0, 1, 1, 1],
      survival: [0.875, 0.75, 0.6, 0.6],
      lower: [0.673, 0.502, 0.33, 0.33],
      upper: [1, 1, 1, 1],
      median: null,
    },
  },
];

/** Twelve scored customers on a 3-bin scale, with segment names. */
export const RFM: RfmScoreInput[] = [
  { r: 3, f: 3, m: 3, segment: "Champions" },
  { r: 3, f: 3, m: 2, segment: "Champions" },
  { r: 3, f: 2, m: 3, segment: "Loyal" },
  { r: 2, f: 3, m: 3, segment: "Loyal" },
  { r: 2, f: 2, m: 2, segment: "Need attention" },
  { r: 2, f: 2, m: 1, segment: "Need attention" },
  { r: 3, f: 1, m: 1, segment: "New" },
  { r: 1, f: 3, m: 3, segment: "At risk" },
  { r: 1, f: 2, m: 2, segment: "At risk" },
  { r: 1, f: 1, m: 1, segment: "Lost" },
  { r: 1, f: 1, m: 2, segment: "Lost" },
  { r: 1, f: 1, m: 1, segment: null },
];

/** Ten customer values: the top two hold 80% of the total (400 + 400 of 1000), the top 5 hold 95%. */
export const VALUES: number[] = [5, 400, 10, 15, 400, 20, 50, 25, 50, 25];

/** A holdout check shaped like the BG/NBD paper's figure, with one unknown value. */
export const HOLDOUT: HoldoutDiagnosticRow[] = [
  { frequency: 0, customers: 1411, actual: 0.24, predicted: 0.23 },
  { frequency: 1, customers: 439, actual: 0.7, predicted: 0.85 },
  { frequency: 2, customers: 214, actual: 1.39, predicted: 1.42 },
  { frequency: 3, customers: 100, actual: 1.56, predicted: 2.0 },
  { frequency: 4, customers: 62, actual: null, predicted: 2.43 },
  { frequency: 5, customers: 131, actual: 3.86, predicted: 3.68 },
];

/**
 * Twelve weeks of a tracking table, the first eight in calibration: weekly actual and expected repeat
 * transactions, with the running sums as trackingTable gives them (cumulative actual 86 at week 8, 139 at week 12;
 * expected 84.7 and 143.1).
 */
export const TRACKING: TrackingChartRow[] = (() => {
  const expected = [3.2, 6.1, 8.7, 10.9, 12.6, 13.8, 14.5, 14.9, 15.0, 14.8, 14.5, 14.1];
  const actual = [3, 7, 8, 12, 11, 15, 14, 16, 13, 15, 12, 13];
  let ca = 0;
  let ce = 0;
  return expected.map((e, i) => {
    ca += actual[i]!;
    ce += e;
    return { period: i + 1, calibration: i < 8, actual: actual[i]!, expected: e, cumulativeActual: ca, cumulativeExpected: Number(ce.toFixed(3)) };
  });
})();

/** Six scored customers (AUC 8/9: of the 3 × 3 positive–negative pairs, only 0.6 below 0.7 is out of order). */
export const SCORED_SMALL: { score: number; outcome: boolean }[] = [
  { score: 0.9, outcome: true }, { score: 0.8, outcome: true }, { score: 0.7, outcome: false },
  { score: 0.6, outcome: true }, { score: 0.3, outcome: false }, { score: 0.1, outcome: false },
];

/** 200 scored customers: probability scores on a grid, outcomes from a fixed generator leaning towards high scores. */
export const SCORED: { score: number; outcome: boolean }[] = (() => {
  let s = 12345;
  const out: { score: number; outcome: boolean }[] = [];
  for (let i = 0; i < 200; i++) {
    s = (s * 16807) % 2147483647;
    const score = Math.round(((i * 37) % 200) / 2) / 100; // 0 … 0.99, in ties of two
    out.push({ score, outcome: s / 2147483647 < 0.15 + 0.7 * score });
  }
  return out;
})();

/**
 * R's coxph(Surv(time, status) ~ age + sex + ph.ecog) on the lung data: coefficients and standard errors as
 * R prints them, hazard ratios exp(β) with 95% bounds exp(β ± 1.959964 se) (sex: 0.575, 0.414–0.799).
 */
export const COX: HazardRatioInput = (() => {
  const beta: Record<string, number> = { age: 0.0110668, sex: -0.552612, "ph.ecog": 0.463728 };
  const se: Record<string, number> = { age: 0.0092674, sex: 0.167739, "ph.ecog": 0.113577 };
  const z = 1.959964;
  const each = (f: (k: string) => number): Record<string, number> => Object.fromEntries(Object.keys(beta).map((k) => [k, f(k)]));
  return {
    covariates: Object.keys(beta),
    confidence: 0.95,
    hazardRatios: each((k) => Math.exp(beta[k]!)),
    lower: each((k) => Math.exp(beta[k]! - z * se[k]!)),
    upper: each((k) => Math.exp(beta[k]! + z * se[k]!)),
  };
})();

/** R's aml data, "Maintained" group (weeks; 0 = censored), for the Nelson–Aalen curve. */
export const AML_MAINTAINED = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161].map((duration, i) => ({ duration, event: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0][i] === 1 }));
