// Golden files: each chart rendered from fixed input must equal test/plot/golden/<name>.svg byte for byte.
// After an intended change, look at the new pictures and rewrite them with UPDATE_GOLDEN=1 npx vitest run test/plot.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateClassifier, frequencyRecencyMatrix, nelsonAalen, periodTransactionsHistogram } from "../../src/index.js";
import { calibrationPlot, cohortHeatmap, cumulativeHazardCurve, frequencyRecencyHeatmap, gainsChart, hazardRatioPlot, holdoutDiagnostic, paretoCurve, periodTransactionsChart, rfmSegmentMap, rocCurve, survivalCurve, trackingChart } from "../../src/plot/index.js";
import { AML_MAINTAINED, COHORTS, COX, GROUPS, HOLDOUT, KM, RFM, SCORED, SCORED_SMALL, TRACKING, VALUES } from "./fixtures.js";
import { expectValidSvg } from "./svgCheck.js";

const GOLDEN = fileURLToPath(new URL("./golden/", import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const BGNBD = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, unit: "week" } as const;
/** A small calibration sample: (frequency, recency, T, customers). */
const CALIBRATION = ([[0, 0, 30, 140], [0, 0, 20, 60], [1, 12, 30, 45], [1, 3, 20, 20], [2, 25, 30, 22], [3, 18, 20, 9], [5, 28, 30, 8], [9, 29, 30, 4]] as const)
  .map(([frequency, recency, T, weight]) => ({ frequency, recency, T, weight, unit: "week" as const }));

const CASES: [name: string, render: () => string][] = [
  ["cohort-heatmap", () => cohortHeatmap(COHORTS)],
  ["cohort-heatmap-counts-viridis", () => cohortHeatmap(COHORTS, { cellText: "count", colors: "viridis", domain: [0, 1], width: 520, title: "Customers retained" })],
  ["cohort-heatmap-average", () => cohortHeatmap(COHORTS, { showAverage: true, showSize: false, height: 320 })],
  ["survival-curve", () => survivalCurve(KM, { timeLabel: "Months", showAtRisk: true })],
  ["survival-curve-plain", () => survivalCurve(KM, { showBand: false, showCensored: false, showMedian: false, color: "#b03a2e", yMin: 0.2 })],
  ["survival-curve-groups", () => survivalCurve(GROUPS, { showAtRisk: true, timeLabel: "Months" })],
  ["rfm-segment-map", () => rfmSegmentMap(RFM)],
  ["rfm-monetary-map", () => rfmSegmentMap(RFM.map(({ r, f, m }) => ({ r, f, m })), { colorBy: "monetary", bins: 4 })],
  ["pareto-curve", () => paretoCurve(VALUES, { valueLabel: "revenue" })],
  ["pareto-curve-three-cuts", () => paretoCurve(VALUES, { cuts: [0.5, 0.8, 0.95], classLabels: ["A", "B", "C", "D"] })],
  ["holdout-diagnostic", () => holdoutDiagnostic(HOLDOUT, { lastBinOpen: true, modelLabel: "BG/NBD" })],
  ["holdout-diagnostic-bars", () => holdoutDiagnostic(HOLDOUT, { kind: "bars", showCustomers: false })],
  ["tracking-cumulative", () => trackingChart(TRACKING, { modelLabel: "BG/NBD", periodLabel: "Week" })],
  ["roc-curve", () => rocCurve(SCORED, { modelLabel: "Grid score" })],
  ["roc-curve-small", () => rocCurve(SCORED_SMALL, { color: "#d55e00", width: 360, height: 360 })],
  ["gains-chart", () => gainsChart(evaluateClassifier(SCORED))],
  ["calibration-plot", () => calibrationPlot(evaluateClassifier(SCORED), { modelLabel: "Grid score" })],
  ["hazard-ratios", () => hazardRatioPlot(COX, { labels: { "ph.ecog": "ECOG score" } })],
  ["cumulative-hazard", () => cumulativeHazardCurve(nelsonAalen(AML_MAINTAINED), { timeLabel: "Weeks" })],
  ["tracking-incremental", () => trackingChart(TRACKING, { cumulative: false, periodLabel: "Week", colors: { expected: "#0072b2" } })],
  ["period-transactions", () => periodTransactionsChart(periodTransactionsHistogram(BGNBD, CALIBRATION, { maxFrequency: 5 }), { modelLabel: "BG/NBD" })],
  ["frequency-recency-expected", () => frequencyRecencyHeatmap(frequencyRecencyMatrix(BGNBD, { T: 12, t: 12, maxFrequency: 6 }), { value: "expectedPurchases", decimals: 1 })],
];

describe("golden SVG files", () => {
  it.each(CASES)("%s renders exactly as its golden file", (name, render) => {
    const svg = render();
    expectValidSvg(svg);
    const file = `${GOLDEN}${name}.svg`;
    if (UPDATE || !existsSync(file)) {
      writeFileSync(file, svg);
      if (!UPDATE) throw new Error(`wrote missing golden file ${name}.svg; check it and run again`);
      return;
    }
    expect(svg).toBe(readFileSync(file, "utf8"));
  });

  it.each(CASES)("%s is the same on a second render", (_name, render) => {
    expect(render()).toBe(render());
  });
});
