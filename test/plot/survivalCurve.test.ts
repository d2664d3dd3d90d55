import { describe, expect, it } from "vitest";
import { survivalCurve, type SurvivalCurveInput } from "../../src/plot/index.js";
import { GROUPS, KM } from "./fixtures.js";
import { deepFreeze, expectCode, occurrences } from "./helpers.js";
import { expectValidSvg, texts } from "./svgCheck.js";

const pathOf = (svg: string, cls: string): string | null => new RegExp(`<path class="${cls}" d="([^"]*)"`).exec(svg)?.[1] ?? null;

describe("survivalCurve", () => {
  it("draws a right-continuous step curve from S = 1: one horizontal and one vertical move per time", () => {
    const d = pathOf(survivalCurve(KM), "curve")!;
    expect(d.startsWith("M")).toBe(true);
    expect(occurrences(d, "H")).toBe(KM.times.length);
    expect(occurrences(d, "V")).toBe(KM.times.length);
  });

  it("places S = 1 at the top and S = 0 at the bottom of the plot area", () => {
    const svg = survivalCurve({ times: [2], survival: [0], lower: [null], upper: [null] }, { height: 400, yMin: 0 });
    const d = pathOf(svg, "curve")!;
    const m = /^M([\d.]+) ([\d.]+)H([\d.]+)V([\d.]+)$/.exec(d)!;
    expect(Number(m[2])).toBeLessThan(Number(m[4]));
  });

  it("shades the band as one step area per run of defined bounds", () => {
    expect(occurrences(pathOf(survivalCurve(KM), "band")!, "Z")).toBe(1);
    const gap: SurvivalCurveInput = { ...KM, lower: [0.7, null, 0.45, 0.33, 0.2, 0.1, null] };
    expect(occurrences(pathOf(survivalCurve(gap), "band")!, "Z")).toBe(2);
    expect(pathOf(survivalCurve(KM, { showBand: false }), "band")).toBeNull();
  });

  it("marks each time with censored observations once", () => {
    const marks = pathOf(survivalCurve(KM), "censored")!;
    expect(occurrences(marks, "M")).toBe(KM.censored!.filter((c) => c > 0).length);
    expect(pathOf(survivalCurve(KM, { showCensored: false }), "censored")).toBeNull();
  });

  it("draws median guides when the median is defined, and says so when it is not", () => {
    const svg = survivalCurve(KM);
    expect(pathOf(svg, "median")).not.toBeNull();
    expect(texts(svg)).toContain("median 5");
    expect(svg).toMatch(/The median survival time is 5\./);
    const none = survivalCurve({ ...KM, median: null });
    expect(pathOf(none, "median")).toBeNull();
    expect(none).toMatch(/median is not reached/);
  });

  it("prints the number at risk under each time tick when asked", () => {
    const t = texts(survivalCurve(KM, { showAtRisk: true }));
    expect(t).toContain("Number at risk");
    // ticks 0..8 step 1: at risk before time 0 and 1 is 10, at 7 the next time is 8 (1 at risk)
    const i = t.indexOf("Number at risk");
    expect(t.slice(i + 1, i + 10)).toEqual(["10", "10", "9", "7", "6", "4", "3", "1", "1"]);
    expect(texts(survivalCurve(KM))).not.toContain("Number at risk");
  });

  it("uses the axis captions and colour it is given", () => {
    const svg = survivalCurve(KM, { timeLabel: "Weeks since signup", survivalLabel: "Still subscribed", color: "#B03A2E" });
    expect(texts(svg)).toContain("Weeks since signup");
    expect(texts(svg)).toContain("Still subscribed");
    expect(svg).toContain('stroke="#b03a2e"');
  });

  it("compares groups with one curve each, told apart by colour and dash, and their medians in the legend", () => {
    const svg = survivalCurve(GROUPS, { showAtRisk: true });
    expectValidSvg(svg);
    const curves = [...svg.matchAll(/<path class="curve" [^>]*>/g)].map((m) => m[0]);
    expect(curves).toHaveLength(2);
    expect(curves[0]).toContain('stroke="#0072b2"');
    expect(curves[1]).toContain('stroke="#d55e00"');
    expect(curves[1]).toContain("stroke-dasharray");
    expect(texts(svg)).toEqual(expect.arrayContaining(["Paid search (median 5)", "Referral (median not reached)"]));
    expect(svg).toMatch(/for 2 groups/);
    expect(svg).toContain(">Survival curves</title>");
    // at-risk rows: one per group, in the group's colour
    expect(svg).toContain('fill="#d55e00">8</text>');
  });

  it("uses the group colours it is given and checks every group's curve", () => {
    expect(survivalCurve(GROUPS, { colors: ["#111111"] })).toContain('stroke="#111111"');
    expectCode(() => survivalCurve([{ label: "a", curve: { ...KM, survival: [2] } }]), "INVALID_INPUT", "curve[0].curve.survival");
    expectCode(() => survivalCurve([GROUPS[0]!, { label: 3, curve: KM } as never]), "INVALID_TYPE", "curve[1].label");
    expectCode(() => survivalCurve(GROUPS, { colors: [] }), "INVALID_OPTION", "options.colors");
  });

  it("draws an empty curve as a labelled empty chart", () => {
    const svg = survivalCurve({ times: [], survival: [], lower: [], upper: [], median: null });
    expectValidSvg(svg);
    expect(texts(svg)).toContain("No observations");
  });

  it("accepts a full kaplanMeier-shaped result and does not mutate it", () => {
    const km = deepFreeze({ ...KM, medianLower: 3, medianUpper: null, confidence: 0.95 });
    const before = structuredClone(km);
    expectValidSvg(survivalCurve(km));
    expect(km).toEqual(before);
  });

  it("rejects inconsistent curves and bad options with codes and paths", () => {
    expectCode(() => survivalCurve({ ...KM, times: [1, 2, 2, 4, 5, 6, 8] }), "INVALID_INPUT", "curve.times[2]");
    expectCode(() => survivalCurve({ ...KM, lower: KM.lower.slice(1) }), "INVALID_INPUT", "curve.lower");
    expectCode(() => survivalCurve({ ...KM, survival: [0.9, 1.2, 0.6, 0.5, 0.4, 0.3, 0] }), "OUT_OF_RANGE", "curve.survival[1]");
    expectCode(() => survivalCurve({ ...KM, upper: [1, 1, Number.NaN, 1, 1, 1, null] }), "INVALID_NUMBER", "curve.upper[2]");
    expectCode(() => survivalCurve({ ...KM, censored: [0, 1, 0, 1, 0, 0.5, 0] }), "NOT_INTEGER", "curve.censored[5]");
    expectCode(() => survivalCurve({ ...KM, median: Number.POSITIVE_INFINITY }), "INVALID_NUMBER", "curve.median");
    expectCode(() => survivalCurve(KM, { yMin: 1 }), "OUT_OF_RANGE", "options.yMin");
    expectCode(() => survivalCurve(KM, { timeMax: -1 }), "OUT_OF_RANGE", "options.timeMax");
    expectCode(() => survivalCurve(KM, { color: "blue" }), "INVALID_OPTION", "options.color");
    expectCode(() => survivalCurve(KM, { showBand: "yes" } as never), "INVALID_TYPE", "options.showBand");
  });
});
