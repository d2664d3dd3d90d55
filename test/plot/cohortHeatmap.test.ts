import { describe, expect, it } from "vitest";
import { cohortHeatmap, RAMPS, type CohortTable } from "../../src/plot/index.js";
import { COHORTS } from "./fixtures.js";
import { deepFreeze, expectCode, occurrences } from "./helpers.js";
import { expectValidSvg, texts } from "./svgCheck.js";

const clone = (): CohortTable => structuredClone(COHORTS) as CohortTable;

describe("cohortHeatmap", () => {
  it("hatches every null cell, labels it n/a, and adds an n/a legend swatch", () => {
    const svg = cohortHeatmap(COHORTS);
    const nulls = COHORTS.cohorts.reduce((a, c) => a + c.rates.filter((r) => r === null).length, 0);
    expect(nulls).toBe(9);
    expect(occurrences(svg, 'fill="url(#rk-cohort-heatmap-na)"')).toBe(nulls + 1);
    expect(texts(svg).filter((t) => t === "n/a")).toHaveLength(nulls + 1);
  });

  it("writes observed rates as whole percentages and labels rows with month and size", () => {
    const t = texts(cohortHeatmap(COHORTS));
    expect(t).toContain("42%");
    expect(t).toContain("100%");
    expect(t).toContain("2024-01  n=200");
    expect(t).toContain("2024-04  n=90");
  });

  it("tops the automatic scale at the next 5% above the largest rate after period 0", () => {
    // largest later rate is 0.44, so the colour bar runs 0%..45% and 100% cells are clamped to its end
    const t = texts(cohortHeatmap(COHORTS));
    expect(t).toContain("45%");
    expect(t).toContain("0%");
  });

  it("clamps 100% cells to the darkest colour under the automatic scale, but not under domain [0, 1]", () => {
    const fillOf = (svg: string, tip: string): string => new RegExp(`fill="(#[0-9a-f]{6})"[^>]*><title>${tip}:`).exec(svg)![1]!;
    const auto = cohortHeatmap(COHORTS);
    expect(fillOf(auto, "2024-01, period 0")).toBe(RAMPS.blues[RAMPS.blues.length - 1]);
    expect(fillOf(auto, "2024-02, period 1")).not.toBe(RAMPS.blues[RAMPS.blues.length - 1]);
    const full = cohortHeatmap(COHORTS, { domain: [0, 1] });
    expect(fillOf(full, "2024-01, period 0")).toBe(RAMPS.blues[RAMPS.blues.length - 1]);
    // 44% sits near the middle of [0, 1]: lighter than in the auto scale where it is near the top
    expect(fillOf(full, "2024-02, period 1")).not.toBe(fillOf(auto, "2024-02, period 1"));
  });

  it("adds an All cohorts row weighting each period by its eligible customers", () => {
    const svg = cohortHeatmap(COHORTS, { showAverage: true, decimals: 1 });
    expectValidSvg(svg);
    expect(texts(svg)).toContain("All cohorts  n=440");
    // period 1: (84 + 66 + 36) / (200 + 150 + 90); period 4: only the first cohort is observed
    expect(svg).toContain("<title>All cohorts, period 1: 42.3% (186 of 440)</title>");
    expect(svg).toContain("<title>All cohorts, period 4: 26.0% (52 of 200)</title>");
    expect(svg).toMatch(/weighted average of all cohorts/);
    expect(cohortHeatmap(COHORTS)).not.toContain("All cohorts");
  });

  it("honours decimals and count cells", () => {
    expect(texts(cohortHeatmap(COHORTS, { decimals: 1 }))).toContain("26.0%");
    const counts = texts(cohortHeatmap(COHORTS, { cellText: "count" }));
    expect(counts).toContain("84");
    expect(counts).not.toContain("42%");
    expect(texts(cohortHeatmap(COHORTS, { cellText: "none" }))).not.toContain("42%");
  });

  it("labels weekly cohorts with the full date and can hide sizes", () => {
    const weekly: CohortTable = { cohorts: [{ start: Date.UTC(2024, 0, 8), size: 5, eligible: [5], counts: [5], rates: [1] }] };
    expect(texts(cohortHeatmap(weekly, { showSize: false }))).toContain("2024-01-08");
  });

  it("escapes custom labels and titles", () => {
    const svg = cohortHeatmap(COHORTS, { cohortLabels: ["<A&B>", "x", "y", "z"], title: 'Q1 "new" <users>' });
    expectValidSvg(svg);
    expect(svg).toContain("&lt;A&amp;B&gt;");
    expect(texts(svg)).toContain("<A&B>  n=200");
    expect(svg).toContain("<title id=\"rk-cohort-heatmap-title\">Q1 &quot;new&quot; &lt;users&gt;</title>");
  });

  it("sizes the document from width and height", () => {
    expect(cohortHeatmap(COHORTS, { width: 500, height: 300 })).toContain('viewBox="0 0 500 300" width="500" height="300"');
  });

  it("keeps an accessible name when the visible title is empty", () => {
    const svg = cohortHeatmap(COHORTS, { title: "" });
    expect(svg).toContain(">Cohort retention</title>");
    expect(texts(svg)).not.toContain("Cohort retention");
  });

  it("describes the chart in its desc element", () => {
    expect(cohortHeatmap(COHORTS)).toMatch(/<desc[^>]*>Heatmap of retention for 4 cohorts \(rows, from 2024-01 to 2024-04\) over 5 periods/);
  });

  it("draws an empty table as a labelled empty chart", () => {
    const svg = cohortHeatmap({ cohorts: [] });
    expectValidSvg(svg);
    expect(texts(svg)).toContain("No cohorts");
  });

  it("accepts a cohortRetention result with extra fields and does not mutate it", () => {
    const input = deepFreeze({ ...clone(), options: { cohort: "month" } });
    const before = structuredClone(input);
    expectValidSvg(cohortHeatmap(input));
    expect(input).toEqual(before);
  });

  it("rejects bad cells and options with codes and paths", () => {
    const bad = (f: (t: { cohorts: Record<string, unknown>[] }) => void): CohortTable => {
      const t = clone() as unknown as { cohorts: Record<string, unknown>[] };
      f(t);
      return t as unknown as CohortTable;
    };
    expectCode(() => cohortHeatmap(bad((t) => ((t.cohorts[0]!.rates as unknown[])[1] = 1.5))), "OUT_OF_RANGE", "table.cohorts[0].rates[1]");
    expectCode(() => cohortHeatmap(bad((t) => ((t.cohorts[1]!.rates as unknown[])[2] = Number.NaN))), "INVALID_NUMBER", "table.cohorts[1].rates[2]");
    expectCode(() => cohortHeatmap(bad((t) => (t.cohorts[0]!.counts as unknown[]).pop())), "INVALID_INPUT", "table.cohorts[0].counts");
    expectCode(() => cohortHeatmap(bad((t) => (t.cohorts[2]!.size = -1))), "NEGATIVE_VALUE", "table.cohorts[2].size");
    expectCode(() => cohortHeatmap(bad((t) => (t.cohorts[3]!.start = "2024-04-01"))), "INVALID_TYPE", "table.cohorts[3].start");
    expectCode(() => cohortHeatmap(null as never), "INVALID_TYPE", "table");
    expectCode(() => cohortHeatmap({} as never), "INVALID_TYPE", "table.cohorts");
    expectCode(() => cohortHeatmap(COHORTS, { colour: "red" } as never), "UNKNOWN_OPTION", "options.colour");
    expectCode(() => cohortHeatmap(COHORTS, { colors: ["#fff", "red"] }), "INVALID_OPTION", "options.colors[1]");
    expectCode(() => cohortHeatmap(COHORTS, { domain: [0.5, 0.2] }), "INVALID_OPTION", "options.domain");
    expectCode(() => cohortHeatmap(COHORTS, { width: 10 }), "OUT_OF_RANGE", "options.width");
    expectCode(() => cohortHeatmap(COHORTS, { cohortLabels: ["a"] }), "INVALID_OPTION", "options.cohortLabels");
    expectCode(() => cohortHeatmap(COHORTS, { idPrefix: "1 bad" }), "INVALID_OPTION", "options.idPrefix");
    expectCode(() => cohortHeatmap(COHORTS, { cellText: "both" as never }), "INVALID_OPTION", "options.cellText");
  });

  it("labels cohorts at the ends of the Date range with their whole date", () => {
    const row = (start: number): CohortTable["cohorts"][number] => ({ start, size: 1, eligible: [1], counts: [1], rates: [1] });
    const svg = cohortHeatmap({ cohorts: [row(-8.64e15), row(8.64e15)] });
    expect(svg).toContain("-271821-04-20");
    expect(svg).toContain("+275760-09-13");
    expect(cohortHeatmap({ cohorts: [row(8.64e15 - 12 * 86_400_000)] })).toContain("+275760-09  n=1");
  });

  it("refuses a grid beyond 250 000 cells and a row beyond 100 000 periods, before drawing", () => {
    const rates = Array.from({ length: 1000 }, () => 0.5);
    const row = { start: 0, size: 2, eligible: [], counts: rates.map(() => 1), rates };
    expectCode(() => cohortHeatmap({ cohorts: Array.from({ length: 251 }, () => row) }), "OUT_OF_RANGE", "table.cohorts");
    expectCode(() => cohortHeatmap({ cohorts: Array.from({ length: 250 }, () => row) }, { showAverage: true }), "OUT_OF_RANGE", "table.cohorts");
    const long = Array.from({ length: 100_001 }, () => null);
    expectCode(() => cohortHeatmap({ cohorts: [{ start: 0, size: 0, eligible: [], counts: long.map(() => 0), rates: long }] }), "OUT_OF_RANGE", "table.cohorts[0].rates");
  });
});
