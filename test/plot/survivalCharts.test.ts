import { describe, expect, it } from "vitest";
import { fitCoxPh, nelsonAalen } from "../../src/index.js";
import { cumulativeHazardCurve, hazardRatioPlot } from "../../src/plot/index.js";
import { AML_MAINTAINED, COX } from "./fixtures.js";
import { deepFreeze, expectCode, occurrences } from "./helpers.js";
import { expectValidSvg, texts } from "./svgCheck.js";

const attr = (tag: string, name: string): number => Number(new RegExp(`${name}="([-\\d.]+)"`).exec(tag)![1]);

describe("hazardRatioPlot", () => {
  it("writes each hazard ratio with its interval, as R's summary(coxph) gives them", () => {
    const t = texts(hazardRatioPlot(COX));
    // lung: exp(coef) 1.0111 (0.9929–1.0297), 0.5754 (0.4142–0.7994), 1.5900 (1.2727–1.9864)
    expect(t).toEqual(expect.arrayContaining(["age", "1.01 (0.993–1.03)", "sex", "0.575 (0.414–0.799)", "ph.ecog", "1.59 (1.27–1.99)", "HR (95% CI)"]));
  });

  it("places ratios on a log axis, equally far either side of the no-effect line for r and 1/r", () => {
    const svg = hazardRatioPlot({ covariates: ["up", "down"], confidence: 0.9, hazardRatios: { up: 2, down: 0.5 }, lower: { up: 1.5, down: 0.25 }, upper: { up: 4, down: 0.75 } });
    const one = attr(/<line class="no-effect"[^>]*>/.exec(svg)![0], "x1");
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*><title>/g)].map((m) => Number(m[1]) + Number(m[2]) / 2);
    expect(rects.length).toBe(2);
    expect(rects[0]! - one).toBeCloseTo(one - rects[1]!, 1);
    expect(svg).toContain("for 2 covariates on a log scale; 2 intervals exclude 1. The largest effect is up: 2.00 (1.50–4.00).");
    expect(texts(svg)).toContain("HR (90% CI)");
  });

  it("labels ticks at 1-2-5 steps and the reference at 1", () => {
    const t = texts(hazardRatioPlot(COX));
    expect(t).toEqual(expect.arrayContaining(["0.5", "1", "2"]));
  });

  it("uses display labels and refuses a label naming no covariate", () => {
    expect(texts(hazardRatioPlot(COX, { labels: { "ph.ecog": "ECOG score" } }))).toContain("ECOG score");
    expectCode(() => hazardRatioPlot(COX, { labels: { ecog: "ECOG" } }), "UNKNOWN_OPTION", "options.labels.ecog");
  });

  it("draws a fitCoxPh model as it comes", () => {
    const rows = [5, 8, 12, 3, 9, 15, 7, 11, 2, 14].map((duration, i) => ({ duration, event: i % 3 !== 2, x: [1, 0, 0, 1, 0, 1, 1, 0, 1, 0][i]!, z: (i * 7) % 5 }));
    const m = fitCoxPh(rows, { covariates: ["x", "z"] });
    const svg = hazardRatioPlot(m);
    expectValidSvg(svg);
    expect(occurrences(svg, "hazard ratio ")).toBe(2);
  });

  it("draws no covariates as a labelled empty chart, and does not mutate its input", () => {
    expect(texts(hazardRatioPlot({ covariates: [], confidence: 0.95, hazardRatios: {}, lower: {}, upper: {} }))).toContain("No covariates");
    const m = deepFreeze(structuredClone(COX));
    expectValidSvg(hazardRatioPlot(m));
    expect(m).toEqual(COX);
  });

  it("rejects bad models and options with codes and paths", () => {
    expectCode(() => hazardRatioPlot({ ...COX, lower: { ...COX.lower, age: 0 } }), "OUT_OF_RANGE", "model.lower.age");
    expectCode(() => hazardRatioPlot({ ...COX, upper: { ...COX.upper, sex: 0.5 } }), "INVALID_INPUT", "model.hazardRatios.sex");
    expectCode(() => hazardRatioPlot({ ...COX, hazardRatios: { age: 1 } }), "INVALID_TYPE", "model.hazardRatios.sex");
    expectCode(() => hazardRatioPlot({ ...COX, covariates: ["age", "age"] }), "DUPLICATE_ID", "model.covariates[1]");
    expectCode(() => hazardRatioPlot({ ...COX, confidence: 95 }), "OUT_OF_RANGE", "model.confidence");
    expectCode(() => hazardRatioPlot(COX, { colour: "#000" } as never), "UNKNOWN_OPTION", "options.colour");
  });
});

describe("cumulativeHazardCurve", () => {
  const na = nelsonAalen(AML_MAINTAINED);

  it("steps from 0 at time 0 through each time's cumulative hazard", () => {
    const svg = cumulativeHazardCurve(na, { timeLabel: "Weeks" });
    const d = /<path class="hazard" d="([^"]*)"/.exec(svg)![1]!;
    expect(occurrences(d, "H")).toBe(na.times.length);
    expect(occurrences(d, "V")).toBe(na.times.length);
    // aml maintained: H(161) = 1.4088 (R's survfit cumhaz), last time 161
    expect(svg).toContain("Cumulative hazard over 10 times, reaching 1.409 at 161, with its confidence band shaded.");
    expect(texts(svg)).toEqual(expect.arrayContaining(["Weeks", "Cumulative hazard"]));
  });

  it("shades one band rectangle per interval with both bounds, none when asked", () => {
    const svg = cumulativeHazardCurve(na);
    const band = /<path class="band" d="([^"]*)"/.exec(svg)![1]!;
    const known = na.lower.slice(0, -1).filter((l, i) => l !== null && na.upper[i] !== null).length;
    expect(occurrences(band, "Z")).toBe(known);
    expect(cumulativeHazardCurve(na, { showBand: false })).not.toContain('class="band"');
    expect(cumulativeHazardCurve({ times: na.times, cumulativeHazard: na.cumulativeHazard })).not.toContain('class="band"');
  });

  it("draws no times as a labelled empty chart, and does not mutate its input", () => {
    expect(texts(cumulativeHazardCurve({ times: [], cumulativeHazard: [] }))).toContain("No event times");
    const c = deepFreeze(structuredClone(na));
    expectValidSvg(cumulativeHazardCurve(c));
    expect(c).toEqual(na);
  });

  it("rejects bad curves with codes and paths", () => {
    expectCode(() => cumulativeHazardCurve({ times: [1, 1], cumulativeHazard: [0.1, 0.2] }), "INVALID_INPUT", "curve.times[1]");
    expectCode(() => cumulativeHazardCurve({ times: [1, 2], cumulativeHazard: [0.1] }), "INVALID_INPUT", "curve.cumulativeHazard");
    expectCode(() => cumulativeHazardCurve({ times: [1, 2], cumulativeHazard: [0.1, -0.2] }), "NEGATIVE_VALUE", "curve.cumulativeHazard[1]");
    expectCode(() => cumulativeHazardCurve({ times: [1], cumulativeHazard: [0.1], upper: [Number.NaN] }), "INVALID_NUMBER", "curve.upper[0]");
    expectCode(() => cumulativeHazardCurve({ times: [-1e308, 1e308], cumulativeHazard: [0, 1] }), "OUT_OF_RANGE", "curve.times");
    expectCode(() => cumulativeHazardCurve(na, { band: false } as never), "UNKNOWN_OPTION", "options.band");
  });
});

describe("hazardRatioPlot at the ends of the number range", () => {
  it("draws ratios from 1e-300 to 1e300 on a finite axis", () => {
    const svg = hazardRatioPlot({ covariates: ["tiny", "huge"], confidence: 0.95, hazardRatios: { tiny: 1e-300, huge: 1.7e308 }, lower: { tiny: 5e-324, huge: 1e308 }, upper: { tiny: 1e-299, huge: Number.MAX_VALUE } });
    expectValidSvg(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});
