import { describe, expect, it } from "vitest";
import { frequencyRecencyMatrix, periodTransactionsHistogram } from "../../src/index.js";
import { frequencyRecencyHeatmap, periodTransactionsChart } from "../../src/plot/index.js";
import { cdnowSummary } from "../clv/cdnowFixtures.js";
import { deepFreeze, expectCode, occurrences } from "./helpers.js";
import { expectValidSvg, texts } from "./svgCheck.js";

const BGNBD = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, unit: "week" } as const;
const HIST = periodTransactionsHistogram(BGNBD, cdnowSummary());
const GRID = frequencyRecencyMatrix(BGNBD, { T: 38.86, t: 39, maxFrequency: 10, recencyStep: 4 });

/** The `height` attributes of the rects of a class, in order. */
const heights = (svg: string, cls: string): number[] => [...svg.matchAll(new RegExp(`<rect class="${cls}" [^>]*height="([\\d.]+)"`, "g"))].map((m) => Number(m[1]));

describe("periodTransactionsChart", () => {
  it("draws an actual and a model bar per bin, the open bin labelled 7+, and the χ² caption", () => {
    const svg = periodTransactionsChart(HIST, { modelLabel: "BG/NBD" });
    expectValidSvg(svg);
    expect(occurrences(svg, '<rect class="actual"')).toBe(8);
    expect(occurrences(svg, '<rect class="expected"')).toBe(8);
    expect(texts(svg)).toEqual(expect.arrayContaining(["0", "6", "7+", "Actual", "Model (BG/NBD)", "Customers", "χ² = 4.82, df = 3, p = 0.185"]));
    // bar heights follow the counts: 1411 actual against 1406.5 expected at 0, 439 against 460.8 at 1
    const a = heights(svg, "actual");
    const e = heights(svg, "expected");
    expect(a[0]! / a[1]!).toBeCloseTo(1411 / 439, 2);
    expect(e[0]! / e[1]!).toBeCloseTo(1406.5 / 460.81, 2);
    expect(svg).toContain("The largest gap is at 1: actual 439, model 460.8. Goodness of fit: χ² = 4.82, df = 3, p = 0.185.");
  });

  it("says when there are too few bins for a p-value, and leaves the caption out without a statistic", () => {
    const few = periodTransactionsHistogram(BGNBD, [{ frequency: 1, recency: 2, T: 3 }]);
    expect(texts(periodTransactionsChart(few))).toContain("χ² = 0.00, df = -4, too few bins for a p-value");
    const bare = periodTransactionsChart({ bins: HIST.bins });
    expect(bare).not.toContain("χ²");
    expect(periodTransactionsChart({ ...HIST, pValue: 1e-9 })).toContain("p = &lt; 0.001");
  });

  it("is deterministic, draws an empty histogram as such and does not mutate its input", () => {
    const frozen = deepFreeze(structuredClone(HIST));
    expect(periodTransactionsChart(frozen)).toBe(periodTransactionsChart(HIST));
    const empty = periodTransactionsChart({ bins: [] });
    expectValidSvg(empty);
    expect(texts(empty)).toContain("No bins");
  });

  it("rejects bad bins and options with codes and paths", () => {
    const bad = (patch: object) => ({ ...HIST, bins: HIST.bins.map((b, i) => (i === 2 ? { ...b, ...patch } : b)) });
    expectCode(() => periodTransactionsChart(bad({ expected: -1 })), "NEGATIVE_VALUE", "histogram.bins[2].expected");
    expectCode(() => periodTransactionsChart(bad({ actual: Number.NaN })), "INVALID_NUMBER", "histogram.bins[2].actual");
    expectCode(() => periodTransactionsChart(bad({ frequency: 1.5 })), "NOT_INTEGER", "histogram.bins[2].frequency");
    expectCode(() => periodTransactionsChart(bad({ andAbove: "yes" })), "INVALID_TYPE", "histogram.bins[2].andAbove");
    expectCode(() => periodTransactionsChart({ ...HIST, pValue: 2 }), "OUT_OF_RANGE", "histogram.pValue");
    expectCode(() => periodTransactionsChart(null as never), "INVALID_TYPE", "histogram");
    expectCode(() => periodTransactionsChart(HIST, { colors: { actual: "red" } }), "INVALID_OPTION", "options.colors.actual");
    expectCode(() => periodTransactionsChart(HIST, { kind: "bars" } as never), "UNKNOWN_OPTION", "options.kind");
  });
});

describe("frequencyRecencyHeatmap", () => {
  it("draws P(alive) by default: one cell per history, impossible ones hatched", () => {
    const svg = frequencyRecencyHeatmap(GRID);
    expectValidSvg(svg);
    const cells = occurrences(svg, "<rect x=") - occurrences(svg, '<rect x="0"');
    expect(cells).toBeGreaterThanOrEqual(11 * 11);
    expect(occurrences(svg, "impossible history")).toBe(10); // frequency 0, recencies 4 … 38.86
    expect(texts(svg)).toEqual(expect.arrayContaining(["P(alive)", "impossible", "P(alive) by frequency and recency, age 38.86 weeks", "38.86", "10"]));
    expect(svg).toContain("frequency 10, recency 38.86: P(alive) ");
    expect(svg).toMatch(/scale from 0\.00 to 1\.00; 10 impossible histories are hatched\./);
  });

  it("draws expected purchases on a scale up to the grid's largest value", () => {
    const svg = frequencyRecencyHeatmap(GRID, { value: "expectedPurchases", colors: "viridis", decimals: 1 });
    expectValidSvg(svg);
    const max = Math.max(...GRID.expectedPurchases.flat().filter((v): v is number => v !== null));
    expect(texts(svg)).toContain(max.toFixed(1));
    expect(texts(svg)).toContain("Expected purchases in the next 39 weeks, age 38.86 weeks");
    expect(svg).toContain("E[purchases]");
    const plain = frequencyRecencyHeatmap(GRID, { value: "expectedPurchases", colors: "viridis", decimals: 1, showValues: false });
    expect(occurrences(svg, "<text") - occurrences(plain, "<text")).toBeGreaterThan(50);
    expectCode(() => frequencyRecencyHeatmap(GRID, { showValues: 1 } as never), "INVALID_TYPE", "options.showValues");
  });

  it("is deterministic, keeps an explicit title and does not mutate its input", () => {
    const frozen = deepFreeze(structuredClone(GRID));
    expect(frequencyRecencyHeatmap(frozen)).toBe(frequencyRecencyHeatmap(GRID));
    const untitled = frequencyRecencyHeatmap(GRID, { title: "" });
    expect(untitled).toContain("<title id=\"rk-frequency-recency-title\">P(alive) by frequency and recency, age 38.86 weeks</title>");
    expect(texts(untitled)).not.toContain("P(alive) by frequency and recency, age 38.86 weeks");
    expect(texts(frequencyRecencyHeatmap(GRID, { title: "Who is still a customer?" }))).toContain("Who is still a customer?");
  });

  it("rejects malformed grids and options with codes and paths", () => {
    const alive = GRID.probabilityAlive.map((r) => [...r]);
    alive[2]![3] = 1.5;
    expectCode(() => frequencyRecencyHeatmap({ ...GRID, probabilityAlive: alive }), "OUT_OF_RANGE", "grid.probabilityAlive[2][3]");
    expectCode(() => frequencyRecencyHeatmap({ ...GRID, probabilityAlive: GRID.probabilityAlive.slice(1) }), "INVALID_INPUT", "grid.probabilityAlive");
    expectCode(() => frequencyRecencyHeatmap({ ...GRID, expectedPurchases: GRID.expectedPurchases.map((r) => r.slice(1)) }, { value: "expectedPurchases" }), "INVALID_INPUT", "grid.expectedPurchases[0]");
    expectCode(() => frequencyRecencyHeatmap({ ...GRID, recencies: GRID.recencies.map((r, j) => (j === 1 ? -1 : r)) }), "NEGATIVE_VALUE", "grid.recencies[1]");
    expectCode(() => frequencyRecencyHeatmap(GRID, { value: "alive" } as never), "INVALID_OPTION", "options.value");
    expectCode(() => frequencyRecencyHeatmap(GRID, { decimals: 9 }), "OUT_OF_RANGE", "options.decimals");
    expectCode(() => frequencyRecencyHeatmap({ ...GRID, frequencies: new Array(1000).fill(0), recencies: new Array(251).fill(0) }), "OUT_OF_RANGE", "grid.frequencies");
  });

  it("draws an empty grid as such", () => {
    const svg = frequencyRecencyHeatmap({ frequencies: [], recencies: [], T: 0, t: 0, expectedPurchases: [], probabilityAlive: [] });
    expectValidSvg(svg);
    expect(texts(svg)).toContain("No cells");
  });
});
