import { describe, expect, it } from "vitest";
import { trackingTable } from "../../src/index.js";
import { trackingChart } from "../../src/plot/index.js";
import { TRACKING } from "./fixtures.js";
import { deepFreeze, expectCode, occurrences } from "./helpers.js";
import { expectValidSvg, texts } from "./svgCheck.js";

const pathOf = (svg: string, cls: string): string => new RegExp(`<path class="${cls}" d="([^"]*)"`).exec(svg)![1]!;
/** The y coordinates of a path's points. */
const ys = (d: string): number[] => [...d.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));

describe("trackingChart", () => {
  it("draws the cumulative actual and expected lines through every period", () => {
    const svg = trackingChart(TRACKING);
    expect(occurrences(pathOf(svg, "actual"), "L")).toBe(TRACKING.length - 1);
    expect(occurrences(pathOf(svg, "expected"), "L")).toBe(TRACKING.length - 1);
    expect(svg).toContain('stroke-dasharray="6 4"');
    // cumulative lines never fall (y grows downwards)
    const a = ys(pathOf(svg, "actual"));
    for (let i = 1; i < a.length; i++) expect(a[i]!).toBeLessThanOrEqual(a[i - 1]!);
    expect(texts(svg)).toEqual(expect.arrayContaining(["Cumulative repeat transactions", "Period", "150"]));
  });

  it("draws per-period transactions when not cumulative", () => {
    const svg = trackingChart(TRACKING, { cumulative: false, periodLabel: "Week" });
    expect(texts(svg)).toEqual(expect.arrayContaining(["Repeat transactions per period", "Week", "20"]));
    expect(texts(svg)).not.toContain("150");
    expect(svg).toMatch(/Per-period actual and expected repeat transactions over 12 periods; calibration ends after period 8\./);
    expect(svg).toMatch(/At the end of calibration \(period 8\): actual 16\.0, expected 14\.9; at the last period \(period 12\): actual 13\.0, expected 14\.1\./);
  });

  it("marks the end of calibration after the last calibration period, between the axis ends", () => {
    const svg = trackingChart(TRACKING, { width: 640 });
    const m = /<g class="calibration-end"[^>]*>\n<line x1="([\d.]+)"/.exec(svg)!;
    // x = left + 8/12 of the plot width: left = 12 × 5.2 = 62.4, right = 640 − 18 = 622
    expect(Number(m[1])).toBeCloseTo(62.4 + (8 / 12) * (622 - 62.4), 2);
    expect(texts(svg)).toContain("End of calibration");
    expect(svg).toMatch(/At the end of calibration \(period 8\): actual 86\.0, expected 84\.7; at the last period \(period 12\): actual 139\.0, expected 143\.1\./);
  });

  it("draws no calibration mark when every period is in calibration, or none is", () => {
    expect(trackingChart(TRACKING.slice(0, 8))).not.toContain("End of calibration");
    expect(trackingChart(TRACKING.map((r) => ({ ...r, calibration: false })))).not.toContain("End of calibration");
  });

  it("gives the same chart for any order of the rows", () => {
    expect(trackingChart([...TRACKING].reverse())).toBe(trackingChart(TRACKING));
  });

  it("names the model in the legend", () => {
    expect(texts(trackingChart(TRACKING, { modelLabel: "BG/NBD" }))).toEqual(expect.arrayContaining(["Actual", "Expected (BG/NBD)"]));
  });

  it("draws a trackingTable as it comes", () => {
    const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, unit: "week" } as const;
    const tx = [
      { customerId: 1, at: "2024-01-01" }, { customerId: 1, at: "2024-01-09" },
      { customerId: 2, at: "2024-01-03" }, { customerId: 1, at: "2024-01-20" },
    ];
    const svg = trackingChart(trackingTable(tx, bgnbd, { calibrationEnd: "2024-01-14", observationEnd: "2024-01-21" }));
    expectValidSvg(svg);
    expect(svg).toMatch(/calibration ends after period 2\./);
  });

  it("draws no periods as a labelled empty chart", () => {
    const svg = trackingChart([]);
    expectValidSvg(svg);
    expect(texts(svg)).toContain("No periods");
    expect(svg).toContain("Empty tracking chart: no periods.");
  });

  it("does not mutate its input", () => {
    const rows = deepFreeze(structuredClone(TRACKING));
    expectValidSvg(trackingChart(rows, { cumulative: false }));
    expect(rows).toEqual(TRACKING);
  });

  it("rejects bad rows and options with codes and paths", () => {
    const at = (i: number, patch: object) => TRACKING.map((r, j) => (j === i ? { ...r, ...patch } : r));
    expectCode(() => trackingChart(at(1, { cumulativeActual: -1 })), "NEGATIVE_VALUE", "rows[1].cumulativeActual");
    expectCode(() => trackingChart(at(2, { expected: Number.NaN }), { cumulative: false }), "INVALID_NUMBER", "rows[2].expected");
    expectCode(() => trackingChart(at(0, { period: 1.5 })), "NOT_INTEGER", "rows[0].period");
    expectCode(() => trackingChart(at(0, { period: 0 })), "OUT_OF_RANGE", "rows[0].period");
    expectCode(() => trackingChart(at(3, { calibration: "yes" })), "INVALID_TYPE", "rows[3].calibration");
    expectCode(() => trackingChart(at(5, { period: 2 })), "DUPLICATE_ID", "rows[5].period");
    expectCode(() => trackingChart(TRACKING, { cumulative: "no" as never }), "INVALID_TYPE", "options.cumulative");
    expectCode(() => trackingChart(TRACKING, { colors: { predicted: "#000" } as never }), "UNKNOWN_OPTION", "options.colors.predicted");
    expectCode(() => trackingChart(TRACKING, { colors: { actual: "black" } }), "INVALID_OPTION", "options.colors.actual");
    expectCode(() => trackingChart(TRACKING, { calibrationEnd: 8 } as never), "UNKNOWN_OPTION", "options.calibrationEnd");
  });
});
