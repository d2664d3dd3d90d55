import { describe, expect, it } from "vitest";
import { kaplanMeier, restrictedMeanSurvival } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

// a 1, b 2+, a 3, b 4, a 5+, b 6: S = 5/6 from 1, 5/8 from 3, 5/12 from 4
const km = kaplanMeier([[1, true], [2, false], [3, true], [4, true], [5, false], [6, true]].map(([d, e]) => ({ duration: d as number, event: e as boolean })));

describe("restrictedMeanSurvival", () => {
  it("is the area under the step curve up to the horizon (R: rmean 3.708333, se 0.6032081 at 5)", () => {
    const r = restrictedMeanSurvival(km, 5);
    expect(r.estimate).toBeCloseTo(1 + 2 * (5 / 6) + 5 / 8 + 5 / 12, 14);
    // areas after 1, 3, 4: 2·5/6 + 5/8 + 5/12, 5/8 + 5/12, 5/12; Greenwood terms 1/30, 1/12, 1/6
    const a1 = 5 / 3 + 5 / 8 + 5 / 12;
    const a3 = 5 / 8 + 5 / 12;
    const a4 = 5 / 12;
    expect(r.standardError).toBeCloseTo(Math.sqrt(a1 * a1 / 30 + a3 * a3 / 12 + a4 * a4 / 6), 14);
    expect(Math.abs(r.standardError - 0.603208051756)).toBeLessThan(1e-11);
    expect(r.horizon).toBe(5);
  });

  it("extends the last value past the end of the curve and stops at a horizon inside a step", () => {
    expect(restrictedMeanSurvival(km, 8).estimate).toBeCloseTo(1 + 2 * (5 / 6) + 5 / 8 + 2 * (5 / 12) + 2 * 0, 14);
    expect(restrictedMeanSurvival(km, 2.5).estimate).toBeCloseTo(1 + 1.5 * (5 / 6), 14);
  });

  it("equals the horizon, with standard error 0, when no event falls before it", () => {
    expect(restrictedMeanSurvival(km, 1)).toEqual({ estimate: 1, standardError: 0, horizon: 1 });
    expect(restrictedMeanSurvival(km, 0)).toEqual({ estimate: 0, standardError: 0, horizon: 0 });
    expect(restrictedMeanSurvival(kaplanMeier([]), 7)).toEqual({ estimate: 7, standardError: 0, horizon: 7 });
  });

  it("refuses a bad horizon or a malformed curve", () => {
    expect(codeAndPath(() => restrictedMeanSurvival(km, -1))).toEqual(["NEGATIVE_VALUE", "horizon"]);
    expect(codeAndPath(() => restrictedMeanSurvival(km, Number.POSITIVE_INFINITY))).toEqual(["INVALID_NUMBER", "horizon"]);
    expect(codeAndPath(() => restrictedMeanSurvival({ ...km, events: [1] }, 3))).toEqual(["INVALID_INPUT", "curve.events"]);
    expect(codeAndPath(() => restrictedMeanSurvival({ ...km, times: [1, 1, 3, 4, 5, 6] }, 3))).toEqual(["INVALID_INPUT", "curve.times[1]"]);
    expect(codeAndPath(() => restrictedMeanSurvival({ ...km, survival: [1.5, 1, 1, 1, 1, 1] }, 3))).toEqual(["OUT_OF_RANGE", "curve.survival[0]"]);
    expect(codeAndPath(() => restrictedMeanSurvival({ ...km, events: [7, 0, 1, 1, 0, 1] }, 3))).toEqual(["INVALID_INPUT", "curve.events[0]"]);
    expect(codeAndPath(() => restrictedMeanSurvival(null as never, 3))).toEqual(["INVALID_TYPE", "curve"]);
  });
});
