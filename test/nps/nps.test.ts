import { describe, expect, it } from "vitest";
import { csat, npsByPeriod, npsCategory, npsDifference, nps, satisfactionClass } from "../../src/index.js";
import { thrown } from "../churn/testkit.js";


describe("nps", () => {
  it("scores 10 answers with 5 promoters, 2 passives and 3 detractors as 20 ± 54.03", () => {
    const r = nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]);
    expect([r.score, r.promoters, r.passives, r.detractors, r.total, r.skipped]).toEqual([20, 5, 2, 3, 10, 0]);
    expect([r.promoterShare, r.passiveShare, r.detractorShare]).toEqual([0.5, 0.2, 0.3]);
    // Var = (0.5 + 0.3 − 0.2²) / 10 = 0.076; SE = 100·√0.076
    expect(r.standardError).toBeCloseTo(27.568097504180443, 12);
    expect(r.marginOfError).toBeCloseTo(1.959963984540054 * 27.568097504180443, 10);
    expect(r.lower).toBeCloseTo(-34.0324782, 6);
    expect(r.upper).toBeCloseTo(74.0324782, 6);
    expect(r.confidence).toBe(0.95);
  });

  it("gives 30 ± 15.31 for 50 promoters, 30 passives and 20 detractors", () => {
    const r = nps({ promoters: 50, passives: 30, detractors: 20 });
    expect(r.score).toBe(30);
    expect(r.standardError).toBeCloseTo(100 * Math.sqrt(0.0061), 12);
    expect(r.marginOfError).toBeCloseTo(15.3078, 4);
    expect([r.lower, r.upper].map((x) => x!.toFixed(2))).toEqual(["14.69", "45.31"]);
  });

  it("uses z = 1.644854 for a 90% interval", () => {
    const r = nps({ promoters: 50, passives: 30, detractors: 20 }, { confidence: 0.9 });
    expect(r.marginOfError! / r.standardError!).toBeCloseTo(1.6448536269514722, 12);
    expect(r.confidence).toBe(0.9);
  });

  it("clips the interval to [−100, 100]", () => {
    const r = nps({ promoters: 3, passives: 0, detractors: 1 });
    expect(r.score).toBe(50);
    expect(r.upper).toBe(100);
    expect(r.lower).toBeCloseTo(50 - 1.959963984540054 * 100 * Math.sqrt(0.1875), 10);
  });

  it("collapses the Wald interval when every answer is a promoter, and the adjusted Wald keeps a width", () => {
    const w = nps([10, 9, 10]);
    expect([w.score, w.standardError, w.marginOfError, w.lower, w.upper]).toEqual([100, 0, 0, 100, 100]);
    const a = nps([10, 9, 10], { interval: "adjustedWald" });
    expect(a.score).toBe(100);
    expect(a.standardError!).toBeGreaterThan(0);
    expect(a.upper).toBe(100);
    expect(a.lower!).toBeLessThan(100);
  });

  it("computes the adjusted Wald interval by adding ¾ promoter, ¾ detractor and 3 answers", () => {
    const r = nps({ promoters: 5, passives: 2, detractors: 3 }, { interval: "adjustedWald" });
    const p = 5.75 / 13;
    const d = 3.75 / 13;
    const se = 100 * Math.sqrt((p + d - (p - d) ** 2) / 13);
    expect(r.score).toBe(20);
    expect(r.standardError).toBeCloseTo(se, 12);
    expect(r.lower).toBeCloseTo(100 * (p - d) - 1.959963984540054 * se, 10);
    expect(r.upper).toBeCloseTo(100 * (p - d) + 1.959963984540054 * se, 10);
  });

  it("returns null statistics for a survey without answers", () => {
    const r = nps([]);
    expect(r).toEqual({
      score: null, promoters: 0, passives: 0, detractors: 0, total: 0, skipped: 0,
      promoterShare: null, passiveShare: null, detractorShare: null,
      standardError: null, marginOfError: null, lower: null, upper: null, confidence: 0.95,
    });
    expect(nps({ promoters: 0, passives: 0, detractors: 0 }, { interval: "adjustedWald" }).lower).toBeNull();
  });

  it("accepts any iterable and counts without passives", () => {
    expect(nps(new Set([10, 0])).score).toBe(0);
    expect(nps((function* () { yield 9; yield 8; })()).score).toBe(50);
    expect(nps({ promoters: 2, detractors: 1 }).total).toBe(3);
  });

  it("skips invalid answers when asked and counts them", () => {
    const r = nps([10, null, 7.5, "9", 11, -1, 3, Number.NaN] as unknown as number[], { skipInvalid: true });
    expect([r.total, r.skipped, r.score]).toEqual([2, 6, 0]);
  });

  it("throws INVALID_ANSWER with the index of a bad answer", () => {
    expect(thrown(() => nps([10, 9, 7.5]))).toMatchObject({ code: "INVALID_ANSWER", path: "responses[2]" });
    expect(thrown(() => nps([10, Number.NaN]))).toMatchObject({ code: "INVALID_ANSWER", path: "responses[1]" });
    expect(thrown(() => nps([11])).message).toMatch(/^nps: /);
  });

  it("refuses bad counts and options with a code and a path", () => {
    expect(thrown(() => nps({ promoters: -1, passives: 0, detractors: 0 }))).toMatchObject({ code: "NEGATIVE_VALUE", path: "responses.promoters" });
    expect(thrown(() => nps({ promoters: 1, passives: 0.5, detractors: 0 }))).toMatchObject({ code: "NOT_INTEGER", path: "responses.passives" });
    expect(thrown(() => nps({ promoters: 1 } as never))).toMatchObject({ path: "responses.detractors" });
    expect(thrown(() => nps([9], { confidence: 1 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "options.confidence" });
    expect(thrown(() => nps([9], { confidence: Number.NaN }))).toMatchObject({ path: "options.confidence" });
    expect(thrown(() => nps([9], { interval: "exact" as never }))).toMatchObject({ code: "INVALID_OPTION", path: "options.interval" });
    expect(thrown(() => nps("9" as never))).toMatchObject({ code: "INVALID_TYPE", path: "responses" });
  });

  it("does not mutate its input", () => {
    const answers = Object.freeze([10, 3, 8]);
    const counts = Object.freeze({ promoters: 1, passives: 1, detractors: 1 });
    expect(nps(answers).score).toBe(0);
    expect(nps(counts).score).toBe(0);
    expect(answers).toEqual([10, 3, 8]);
  });
});

describe("npsCategory", () => {
  it("maps 0–6 to detractor, 7–8 to passive, 9–10 to promoter", () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual(["detractor", "detractor", "passive", "passive", "promoter", "promoter"]);
  });
  it("refuses answers that are not whole numbers 0..10", () => {
    for (const bad of [-1, 11, 8.5, Number.NaN, "9"]) expect(thrown(() => npsCategory(bad as number))).toMatchObject({ code: "INVALID_ANSWER", path: "answer" });
  });
});

describe("npsDifference", () => {
  it("gives 20 points, SE √140, z 1.690 and p 0.091 between two surveys of 100", () => {
    const d = npsDifference({ promoters: 60, passives: 20, detractors: 20 }, { promoters: 50, passives: 20, detractors: 30 });
    expect(d.difference).toBe(20);
    expect(d.standardError).toBeCloseTo(Math.sqrt(140), 12);
    expect(d.z).toBeCloseTo(20 / Math.sqrt(140), 12);
    expect(d.pValue).toBeCloseTo(0.090969, 5);
    expect(d.lower).toBeCloseTo(20 - 1.959963984540054 * Math.sqrt(140), 10);
    expect(d.upper).toBeCloseTo(20 + 1.959963984540054 * Math.sqrt(140), 10);
  });

  it("accepts raw answers and nps results", () => {
    const a = [10, 10, 9, 3];
    const b = [7, 8, 2, 10];
    expect(npsDifference(a, b)).toEqual(npsDifference(nps(a), nps(b)));
    expect(npsDifference(a, b).difference).toBe(50);
  });

  it("gives p = 1 for identical surveys and nulls when a survey is empty", () => {
    const s = { promoters: 4, passives: 3, detractors: 3 };
    expect(npsDifference(s, s)).toMatchObject({ difference: 0, z: 0, pValue: 1 });
    expect(npsDifference([], [10])).toMatchObject({ difference: null, standardError: null, z: null, pValue: null, lower: null, upper: null });
  });

  it("leaves z and p undefined (null) when both standard errors are 0", () => {
    expect(npsDifference([10, 10], [0, 0])).toMatchObject({ difference: 200, standardError: 0, z: null, pValue: null, lower: 200, upper: 200 });
  });

  it("names the survey of a bad answer", () => {
    expect(thrown(() => npsDifference([10], [5, 12]))).toMatchObject({ code: "INVALID_ANSWER", path: "b[1]" });
  });
});

describe("npsByPeriod", () => {
  const rows = [
    { at: "2024-01-01", answer: 10 }, // Monday
    { at: "2024-01-07T23:59:59Z", answer: 0 }, // Sunday, same ISO week
    { at: "2024-01-22", answer: 9 },
    { at: "2024-04-02", answer: 8 },
  ];

  it("groups answers by ISO week and fills the empty weeks between", () => {
    const out = npsByPeriod(rows.slice(0, 3), { period: "week" });
    expect(out.map((r) => [new Date(r.periodStart).toISOString().slice(0, 10), r.total, r.score])).toEqual([
      ["2024-01-01", 2, 0],
      ["2024-01-08", 0, null],
      ["2024-01-15", 0, null],
      ["2024-01-22", 1, 100],
    ]);
    expect(out[0]!.periodEnd - out[0]!.periodStart).toBe(7 * 86_400_000);
  });

  it("groups by quarter and year, and leaves gaps out when asked", () => {
    expect(npsByPeriod(rows, { period: "quarter" }).map((r) => [new Date(r.periodStart).toISOString().slice(0, 7), r.total])).toEqual([["2024-01", 3], ["2024-04", 1]]);
    expect(npsByPeriod(rows, { period: "year" }).map((r) => r.score)).toEqual([25]);
    expect(npsByPeriod(rows, { period: "month", fillGaps: false }).map((r) => new Date(r.periodStart).getUTCMonth())).toEqual([0, 3]);
    expect(npsByPeriod([], { period: "day" })).toEqual([]);
  });

  it("matches nps on each period's answers", () => {
    const [jan] = npsByPeriod(rows, { period: "month", interval: "adjustedWald", confidence: 0.8 });
    const { periodStart, periodEnd, ...rest } = jan!;
    expect(rest).toEqual(nps([10, 0, 9], { interval: "adjustedWald", confidence: 0.8 }));
    expect([periodStart, periodEnd]).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)]);
  });

  it("counts skipped answers in their period", () => {
    const out = npsByPeriod([{ at: "2024-01-01", answer: 12 }, { at: "2024-01-02", answer: 9 }], { period: "month", skipInvalid: true });
    expect(out[0]).toMatchObject({ total: 1, skipped: 1, score: 100 });
  });

  it("throws with the row's path and requires a known period", () => {
    expect(thrown(() => npsByPeriod([{ at: "2024-02-30", answer: 9 }], { period: "day" }))).toMatchObject({ code: "INVALID_DATE", path: "responses[0].at" });
    expect(thrown(() => npsByPeriod([{ at: "2024-02-01", answer: 9.5 }], { period: "day" }))).toMatchObject({ code: "INVALID_ANSWER", path: "responses[0].answer" });
    expect(thrown(() => npsByPeriod([], {} as never))).toMatchObject({ code: "INVALID_OPTION", path: "options.period" });
    expect(thrown(() => npsByPeriod([], { period: "hour" as never }))).toMatchObject({ code: "INVALID_OPTION", path: "options.period" });
  });

  it("does not mutate its input", () => {
    const input = Object.freeze(rows.map((r) => Object.freeze({ ...r })));
    npsByPeriod(input, { period: "month" });
    expect(input).toEqual(rows);
  });
});

describe("csat", () => {
  it("gives 0.7 with the Wilson interval [0.397, 0.892] for 7 satisfied of 10", () => {
    const r = csat([5, 4, 4, 3, 5, 2, 5, 4, 1, 5]);
    expect([r.score, r.satisfied, r.total]).toEqual([0.7, 7, 10]);
    expect(r.lower).toBeCloseTo(0.396778, 5);
    expect(r.upper).toBeCloseTo(0.892209, 5);
  });

  it("keeps a width at 100% satisfied: the lower end is n / (n + z²)", () => {
    const r = csat([5, 5, 4, 4, 5, 5, 4, 5, 5, 4]);
    expect(r.upper).toBe(1);
    expect(r.lower).toBeCloseTo(10 / (10 + 1.959963984540054 ** 2), 12);
    expect(csat([1, 2]).lower).toBe(0);
  });

  it("supports other scales and thresholds", () => {
    expect(csat([7, 6, 5, 1], { scale: 7, satisfiedFrom: 6 }).score).toBe(0.5);
    expect(csat([0, 10, 9], { min: 0, scale: 10, satisfiedFrom: 9 }).satisfied).toBe(2);
    expect(csat([]).score).toBeNull();
  });

  it("refuses answers off the scale unless told to skip them", () => {
    expect(thrown(() => csat([5, 6]))).toMatchObject({ code: "INVALID_ANSWER", path: "responses[1]" });
    expect(csat([5, 6, 0], { skipInvalid: true })).toMatchObject({ total: 1, skipped: 2 });
    expect(thrown(() => csat([5], { satisfiedFrom: 6 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "options.satisfiedFrom" });
    expect(thrown(() => csat([5], { min: 5, scale: 5 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.min" });
  });
});

describe("satisfactionClass", () => {
  it("classifies by the mean against the NPS bands by default", () => {
    expect(satisfactionClass([9, 10])).toBe("high");
    expect(satisfactionClass([9, 8])).toBe("mid"); // mean 8.5
    expect(satisfactionClass([7, 7])).toBe("mid");
    expect(satisfactionClass([7, 6])).toBe("low"); // mean 6.5
    expect(satisfactionClass([])).toBeNull();
  });

  it("supports the median, the last answer and other scales", () => {
    expect(satisfactionClass([1, 9, 10], { statistic: "median" })).toBe("high");
    expect(satisfactionClass([10, 10, 2], { statistic: "last" })).toBe("low");
    expect(satisfactionClass([4, 5], { min: 1, max: 5, highFrom: 4.5, lowBelow: 3.5 })).toBe("high");
  });

  it("requires cut-offs on a non-0..10 scale and refuses answers off the scale", () => {
    expect(thrown(() => satisfactionClass([4], { min: 1, max: 5 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.highFrom" });
    expect(thrown(() => satisfactionClass([4, 11]))).toMatchObject({ code: "INVALID_ANSWER", path: "answers[1]" });
    expect(satisfactionClass([4, 11], { skipInvalid: true })).toBe("low");
    expect(thrown(() => satisfactionClass([4], { highFrom: 5, lowBelow: 6 }))).toMatchObject({ code: "INVALID_OPTION" });
  });
});
