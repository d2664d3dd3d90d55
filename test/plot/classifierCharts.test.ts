import { describe, expect, it } from "vitest";
import { evaluateClassifier } from "../../src/index.js";
import { calibrationPlot, gainsChart, rocCurve } from "../../src/plot/index.js";
import { SCORED, SCORED_SMALL } from "./fixtures.js";
import { deepFreeze, expectCode, occurrences } from "./helpers.js";
import { expectValidSvg, texts } from "./svgCheck.js";

const pathOf = (svg: string, cls: string): string => new RegExp(`<path class="${cls}" d="([^"]*)"`).exec(svg)![1]!;
const points = (d: string): [number, number][] => [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
// default 480 × 480 frame at font size 12: x from 62.4 to 462, y from 434.4 (0) up to 66.4 (1)
const X = (v: number): number => 62.4 + v * (462 - 62.4);
const Y = (v: number): number => 434.4 - v * (434.4 - 66.4);

describe("rocCurve", () => {
  it("steps through one vertex per tied group, with the AUC of the Mann–Whitney statistic", () => {
    const svg = rocCurve(SCORED_SMALL);
    const pts = points(pathOf(svg, "roc"));
    const expected: [number, number][] = [[0, 0], [0, 1 / 3], [0, 2 / 3], [1 / 3, 2 / 3], [1 / 3, 1], [2 / 3, 1], [1, 1]];
    expect(pts.length).toBe(expected.length);
    pts.forEach(([px, py], i) => {
      expect(px).toBeCloseTo(X(expected[i]![0]), 1);
      expect(py).toBeCloseTo(Y(expected[i]![1]), 1);
    });
    expect(texts(svg)).toContain("ROC (AUC 0.889)");
    expect(svg).toContain("ROC curve of 6 scored customers (3 positive, 3 negative): AUC 0.889");
  });

  it("moves tied scores together along one diagonal segment, counting ties half", () => {
    const tied = [{ score: 1, outcome: true }, { score: 1, outcome: false }, { score: 1, outcome: true }, { score: 1, outcome: false }];
    const svg = rocCurve(tied);
    expect(points(pathOf(svg, "roc")).length).toBe(2);
    expect(texts(svg)).toContain("ROC (AUC 0.500)");
  });

  it("reports the AUC that evaluateClassifier does", () => {
    const auc = evaluateClassifier(SCORED).auc!;
    expect(texts(rocCurve(SCORED, { modelLabel: "Model" }))).toContain(`Model (AUC ${auc.toFixed(3)})`);
  });

  it("thins the drawn vertices to maxPoints, keeping both ends and the exact AUC", () => {
    const full = rocCurve(SCORED);
    const thin = rocCurve(SCORED, { maxPoints: 10 });
    const pts = points(pathOf(thin, "roc"));
    expect(pts.length).toBeLessThanOrEqual(11);
    expect(pts[pts.length - 1]).toEqual(points(pathOf(full, "roc")).at(-1));
    expect(pts[pts.length - 1]![0]).toBeCloseTo(X(1), 1);
    expect(texts(thin).filter((t) => t.startsWith("ROC ("))).toEqual(texts(full).filter((t) => t.startsWith("ROC (")));
  });

  it("gives the same curve for any order of the rows", () => {
    expect(rocCurve([...SCORED].reverse())).toBe(rocCurve(SCORED));
  });

  it("says why when it has no curve", () => {
    expect(texts(rocCurve([]))).toContain("No scored customers");
    expect(texts(rocCurve([{ score: 1, outcome: false }]))).toContain("No positives: the ROC curve needs both outcomes");
    expect(texts(rocCurve([{ score: 1, outcome: true }]))).toContain("No negatives: the ROC curve needs both outcomes");
    expectValidSvg(rocCurve([]));
  });

  it("rejects bad rows and options with codes and paths, and does not mutate its input", () => {
    expectCode(() => rocCurve([{ score: Number.NaN, outcome: true }]), "INVALID_NUMBER", "scored[0].score");
    expectCode(() => rocCurve([{ score: 1, outcome: true }, { score: 1, outcome: 1 as never }]), "INVALID_TYPE", "scored[1].outcome");
    expectCode(() => rocCurve(SCORED, { maxPoints: 5 }), "OUT_OF_RANGE", "options.maxPoints");
    expectCode(() => rocCurve(SCORED, { colour: "#000" } as never), "UNKNOWN_OPTION", "options.colour");
    const rows = deepFreeze(structuredClone(SCORED));
    expectValidSvg(rocCurve(rows));
    expect(rows).toEqual(SCORED);
  });
});

describe("gainsChart", () => {
  it("runs from the origin through one vertex per decile to (100%, 100%)", () => {
    const e = evaluateClassifier(SCORED);
    const svg = gainsChart(e);
    const pts = points(pathOf(svg, "gains"));
    expect(pts.length).toBe(1 + e.gains.filter((g) => g.customers > 0).length);
    expect(pts[0]![0]).toBeCloseTo(X(0), 1);
    expect(pts.at(-1)![0]).toBeCloseTo(X(1), 1);
    expect(pts.at(-1)![1]).toBeCloseTo(Y(1), 1);
    const g1 = e.gains[0]!;
    // 21 of 200 customers in the first decile (tied scores stay together): 19 of the 103 positives, lift 0.905 / 0.515
    expect([g1.customers, g1.positives, e.positives]).toEqual([21, 19, 103]);
    expect(svg).toContain("Decile 1. Top 11%: 18% of positives, lift 1.76");
  });

  it("places each vertex at the cumulative share of customers (hand-checked)", () => {
    const svg = gainsChart({ gains: [
      { decile: 2, customers: 50, lift: 0, cumulativeShare: 0.5 },
      { decile: 1, customers: 50, lift: 2, cumulativeShare: 0.5 },
      { decile: 3, customers: 100, lift: 0.5, cumulativeShare: 1 },
    ] });
    const pts = points(pathOf(svg, "gains"));
    expect(pts.map(([px]) => px)).toEqual([X(0), X(0.25), X(0.5), X(1)].map((v) => Number(v.toFixed(2))));
    expect(svg).toContain("Top 25%: 50% of positives, where a random order reaches 25%.");
  });

  it("says why when there is nothing to draw", () => {
    expect(texts(gainsChart(evaluateClassifier([])))).toContain("No scored customers");
    expect(texts(gainsChart(evaluateClassifier([{ score: 1, outcome: false }])))).toContain("No positives: the gains chart needs some");
  });

  it("rejects bad rows and options with codes and paths", () => {
    expectCode(() => gainsChart({} as never), "INVALID_TYPE", "evaluation.gains");
    expectCode(() => gainsChart({ gains: [{ decile: 1, customers: 5, lift: 1, cumulativeShare: 1.5 }] }), "OUT_OF_RANGE", "evaluation.gains[0].cumulativeShare");
    expectCode(() => gainsChart({ gains: [{ decile: 1, customers: -5, lift: 1, cumulativeShare: 1 }] }), "NEGATIVE_VALUE", "evaluation.gains[0].customers");
    expectCode(() => gainsChart({ gains: [{ decile: 1, customers: 5, lift: 1, cumulativeShare: 1 }, { decile: 1, customers: 5, lift: 1, cumulativeShare: 1 }] }), "DUPLICATE_ID", "evaluation.gains[1].decile");
    expectCode(() => gainsChart(evaluateClassifier(SCORED), { colors: {} } as never), "UNKNOWN_OPTION", "options.colors");
  });
});

describe("calibrationPlot", () => {
  it("joins the deciles in order of the prediction and names the largest gap", () => {
    const svg = calibrationPlot({ calibration: [
      { decile: 1, customers: 100, meanScore: 0.8, observedRate: 0.7 },
      { decile: 2, customers: 100, meanScore: 0.2, observedRate: 0.25 },
      { decile: 3, customers: 0, meanScore: null, observedRate: null },
    ] });
    const pts = points(pathOf(svg, "calibration"));
    expect(pts).toEqual([[X(0.2), Y(0.25)], [X(0.8), Y(0.7)]].map(([a, b]) => [Number(a!.toFixed(2)), Number(b!.toFixed(2))]));
    expect(svg).toContain("for 2 deciles of 200 customers. The largest gap is in decile 1: predicted 80.0%, observed 70.0%.");
  });

  it("draws an evaluateClassifier result as it comes", () => {
    const e = evaluateClassifier(SCORED);
    const svg = calibrationPlot(e, { modelLabel: "Grid score" });
    expect(occurrences(svg, "<circle")).toBe(e.calibration.filter((c) => c.customers > 0).length + 1); // + legend swatch
    expect(texts(svg)).toContain("Grid score");
    expect(texts(calibrationPlot(evaluateClassifier([])))).toContain("No deciles with customers");
  });

  it("refuses scores that are not probabilities", () => {
    expectCode(() => calibrationPlot(evaluateClassifier([{ score: 3, outcome: true }, { score: 1, outcome: false }])), "OUT_OF_RANGE", "evaluation.calibration[0].meanScore");
    expectCode(() => calibrationPlot({ calibration: [{ decile: 1, customers: 1, meanScore: 0.5, observedRate: Number.NaN }] }), "INVALID_NUMBER", "evaluation.calibration[0].observedRate");
  });
});
