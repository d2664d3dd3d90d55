import { describe, expect, it } from "vitest";
import { fitBgNbd, holdoutAccuracy, splitCalibrationHoldout } from "../../src/index.js";
import { holdoutAccuracyChart } from "../../src/plot/index.js";
import { cdnowTransactions } from "../clv/cdnowFixtures.js";
import { deepFreeze, expectCode } from "./helpers.js";
import { expectValidSvg } from "./svgCheck.js";

const pathOf = (svg: string, cls: string): string => new RegExp(`<path class="gains ${cls}" d="([^"]*)"`).exec(svg)![1]!;
const points = (d: string): [number, number][] => [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
// default 520 × 480 frame at font size 12: x from 62.4 to 502, y from 434.4 (0) up to 66.4 (1)
const X = (v: number): number => Number((62.4 + v * (502 - 62.4)).toFixed(2));
const Y = (v: number): number => Number((434.4 - v * (434.4 - 66.4)).toFixed(2));

const gains = (first: number, second: number) => ({ gains: [
  { decile: 1, customers: 25, lift: first * 4, cumulativeShare: first },
  { decile: 2, customers: 75, lift: ((second - first) * 4) / 3, cumulativeShare: second },
] });
const report = { ranking: { expectedPurchases: gains(0.5, 1), probabilityAlive: gains(0.2, 1), rate: gains(0.4, 1), recency: gains(0.45, 1) } };

describe("holdoutAccuracyChart", () => {
  it("draws one line per score through (25 %, its first share) to (100 %, 100 %) (hand-checked)", () => {
    const svg = holdoutAccuracyChart(report, { modelLabel: "BG/NBD" });
    expectValidSvg(svg);
    expect(points(pathOf(svg, "expectedPurchases"))).toEqual([[X(0), Y(0)], [X(0.25), Y(0.5)], [X(1), Y(1)]]);
    expect(points(pathOf(svg, "probabilityAlive"))).toEqual([[X(0), Y(0)], [X(0.25), Y(0.2)], [X(1), Y(1)]]);
    expect(points(pathOf(svg, "rate"))[1]).toEqual([X(0.25), Y(0.4)]);
    expect(points(pathOf(svg, "recency"))[1]).toEqual([X(0.25), Y(0.45)]);
    expect(svg).toContain("by four scores: BG/NBD expected purchases, top 25% reach 50%; BG/NBD P(alive), top 25% reach 20%; Rate carried forward, top 25% reach 40%; Recency alone, top 25% reach 45%.");
    expect(svg).toContain("BG/NBD expected purchases, decile 1: top 25% reaches 50% of the buyers, lift 2.00");
  });

  it("draws a holdoutAccuracy report on CDNOW as it is, without changing it", () => {
    const rows = splitCalibrationHoldout(cdnowTransactions(), { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", unit: "week" });
    const r = deepFreeze(holdoutAccuracy(fitBgNbd(rows), rows));
    const svg = holdoutAccuracyChart(r, { modelLabel: "BG/NBD" });
    expectValidSvg(svg);
    // BG/NBD's P(alive) ties the 1,411 one-time buyers at 1: its first vertex holds 60 % of the customers.
    expect(svg).toContain("among 2357 customers, by four scores: BG/NBD expected purchases, top 10% reach 27%; BG/NBD P(alive), top 60% reach 28%;");
    for (const key of ["expectedPurchases", "probabilityAlive", "rate", "recency"]) expect(points(pathOf(svg, key)).at(-1)).toEqual([X(1), Y(1)]);
  });

  it("says why it is empty when nobody bought again", () => {
    const none = { gains: [{ decile: 1, customers: 10, lift: null, cumulativeShare: null }] };
    const svg = holdoutAccuracyChart({ ranking: { expectedPurchases: none, probabilityAlive: none, rate: none, recency: none } });
    expectValidSvg(svg);
    expect(svg).toContain("No buyers in the holdout: nothing to rank");
  });

  it("refuses bad rows with their paths, and unknown options", () => {
    const bad = { ranking: { ...report.ranking, rate: { gains: [{ decile: 1, customers: 5, lift: 1, cumulativeShare: 1.5 }] } } };
    expectCode(() => holdoutAccuracyChart(bad), "OUT_OF_RANGE", "report.ranking.rate.gains[0].cumulativeShare");
    expectCode(() => holdoutAccuracyChart({ ranking: { ...report.ranking, recency: undefined } } as never), "INVALID_TYPE", "report.ranking.recency");
    expectCode(() => holdoutAccuracyChart(report, { modelLable: "x" } as never), "UNKNOWN_OPTION", "options.modelLable");
  });
});
