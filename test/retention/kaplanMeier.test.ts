import { describe, expect, it } from "vitest";
import { kaplanMeier, survivalAt, type SurvivalObservation } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

// R's `aml` data (survival package; Miller 1981). Reference numbers: published output of
// `summary(survfit(Surv(time, status) ~ x, data = aml))` and `print(survfit(...))` (R survival 3.x).
const maintained: [number, 0 | 1][] = [[9, 1], [13, 1], [13, 0], [18, 1], [23, 1], [28, 0], [31, 1], [34, 1], [45, 0], [48, 1], [161, 0]];
const nonMaintained: [number, 0 | 1][] = [[5, 1], [5, 1], [8, 1], [8, 1], [12, 1], [16, 0], [23, 1], [27, 1], [30, 1], [33, 1], [43, 1], [45, 1]];
const obs = (rows: [number, 0 | 1][]): SurvivalObservation[] => rows.map(([duration, e]) => ({ duration, event: e === 1 }));

/** The event-time rows of a curve (R's summary without censored = TRUE). */
function eventRows(km: ReturnType<typeof kaplanMeier>): number[][] {
  const out: number[][] = [];
  km.times.forEach((t, i) => {
    if (km.events[i]! > 0) out.push([t, km.atRisk[i]!, km.events[i]!, km.survival[i]!, km.stdErr[i] ?? NaN, km.lower[i] ?? NaN, km.upper[i] ?? NaN]);
  });
  return out;
}

function expectTable(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((row, i) => {
    const got = actual[i]!;
    expect(got.slice(0, 3)).toEqual(row.slice(0, 3));
    for (let j = 3; j < row.length; j++) {
      if (Number.isNaN(row[j]!)) expect(got[j]).toBeNaN();
      else expect(Math.abs(got[j]! - row[j]!)).toBeLessThanOrEqual(6e-4); // R prints 3–4 digits
    }
  });
}

describe("kaplanMeier against R's survfit", () => {
  it("reproduces the aml Maintained group: survival, Greenwood SE, log bands", () => {
    const km = kaplanMeier(obs(maintained));
    // time n.risk n.event survival std.err lower95 upper95
    expectTable(eventRows(km), [
      [9, 11, 1, 0.909, 0.0867, 0.7541, 1.0],
      [13, 10, 1, 0.818, 0.1163, 0.6192, 1.0],
      [18, 8, 1, 0.716, 0.1397, 0.4884, 1.0],
      [23, 7, 1, 0.614, 0.1526, 0.3769, 0.999],
      [31, 5, 1, 0.491, 0.1642, 0.2549, 0.946],
      [34, 4, 1, 0.368, 0.1627, 0.1549, 0.875],
      [48, 2, 1, 0.184, 0.1535, 0.0359, 0.944],
    ]);
    expect([km.n, km.totalEvents, km.median, km.medianLower, km.medianUpper]).toEqual([11, 7, 31, 18, null]);
  });

  it("reproduces the aml Nonmaintained group, whose curve ends at 0 with NA bands", () => {
    const km = kaplanMeier(obs(nonMaintained));
    expectTable(eventRows(km), [
      [5, 12, 2, 0.8333, 0.1076, 0.647, 1.0],
      [8, 10, 2, 0.6667, 0.1361, 0.4468, 0.995],
      [12, 8, 1, 0.5833, 0.1423, 0.3616, 0.941],
      [23, 6, 1, 0.4861, 0.1481, 0.2675, 0.883],
      [27, 5, 1, 0.3889, 0.147, 0.1854, 0.816],
      [30, 4, 1, 0.2917, 0.1387, 0.1148, 0.741],
      [33, 3, 1, 0.1944, 0.1219, 0.0569, 0.664],
      [43, 2, 1, 0.0972, 0.0919, 0.0153, 0.62],
      [45, 1, 1, 0, NaN, NaN, NaN],
    ]);
    expect([km.median, km.medianLower, km.medianUpper]).toEqual([23, 8, null]);
  });

  it("reproduces the pooled aml curve and its median 27 (95% CI 18 to 45)", () => {
    const km = kaplanMeier(obs([...maintained, ...nonMaintained]));
    expectTable(eventRows(km), [
      [5, 23, 2, 0.913, 0.0588, 0.8049, 1.0],
      [8, 21, 2, 0.8261, 0.079, 0.6848, 0.996],
      [9, 19, 1, 0.7826, 0.086, 0.631, 0.971],
      [12, 18, 1, 0.7391, 0.0916, 0.5798, 0.942],
      [13, 17, 1, 0.6957, 0.0959, 0.5309, 0.912],
      [18, 14, 1, 0.646, 0.1011, 0.4753, 0.878],
      [23, 13, 2, 0.5466, 0.1073, 0.3721, 0.803],
      [27, 11, 1, 0.4969, 0.1084, 0.324, 0.762],
      [30, 9, 1, 0.4417, 0.1095, 0.2717, 0.718],
      [31, 8, 1, 0.3865, 0.1089, 0.2225, 0.671],
      [33, 7, 1, 0.3313, 0.1064, 0.1765, 0.622],
      [34, 6, 1, 0.2761, 0.102, 0.1338, 0.569],
      [43, 5, 1, 0.2208, 0.0954, 0.0947, 0.515],
      [45, 4, 1, 0.1656, 0.086, 0.0598, 0.458],
      [48, 2, 1, 0.0828, 0.0727, 0.0148, 0.462],
    ]);
    // The upper band is not monotone (0.458 at 45, 0.462 at 48): R reports the first crossing, 45.
    expect([km.n, km.totalEvents, km.median, km.medianLower, km.medianUpper]).toEqual([23, 18, 27, 18, 45]);
  });

  it("lists censoring times too, with the curve carried forward and the censored counted at risk", () => {
    const km = kaplanMeier(obs(maintained));
    expect(km.times).toEqual([9, 13, 18, 23, 28, 31, 34, 45, 48, 161]);
    expect(km.atRisk).toEqual([11, 10, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(km.events).toEqual([1, 1, 1, 1, 0, 1, 1, 0, 1, 0]);
    expect(km.censored).toEqual([0, 1, 0, 0, 1, 0, 0, 1, 0, 1]);
    expect(km.survival[9]).toBeCloseTo(0.184, 3); // the lead's note said 0.123 and 0 here: R gives 0.184
  });
});

describe("kaplanMeier by hand", () => {
  it("computes S, Greenwood SE and log band for 10 customers with ties and censoring", () => {
    // durations 2,2,3+,5,5,5+,8,9+,12,12 (days to churn)
    const rows = obs([[2, 1], [2, 1], [3, 0], [5, 1], [5, 1], [5, 0], [8, 1], [9, 0], [12, 1], [12, 1]]);
    const km = kaplanMeier(rows);
    // t=2: n=10 d=2 → 0.8; t=5: n=7 d=2 (the censored 5 is at risk) → 0.8·5/7; t=8: n=4 d=1 → ·3/4; t=12: n=2 d=2 → 0
    const s5 = 0.8 * (5 / 7);
    expect(km.times).toEqual([2, 3, 5, 8, 9, 12]);
    expect(km.atRisk).toEqual([10, 8, 7, 4, 3, 2]);
    expect(km.survival[0]).toBeCloseTo(0.8, 12);
    expect(km.survival[2]).toBeCloseTo(s5, 12);
    expect(km.survival[3]).toBeCloseTo(s5 * 0.75, 12);
    expect(km.survival[5]).toBe(0);
    const v5 = 2 / (10 * 8) + 2 / (7 * 5);
    expect(km.stdErr[2]).toBeCloseTo(s5 * Math.sqrt(v5), 12);
    const z = 1.959963984540054;
    expect(km.lower[2]).toBeCloseTo(s5 * Math.exp(-z * Math.sqrt(v5)), 12);
    expect(km.upper[2]).toBeCloseTo(Math.min(1, s5 * Math.exp(z * Math.sqrt(v5))), 12);
    expect([km.stdErr[5], km.lower[5], km.upper[5]]).toEqual([null, null, null]);
    expect(km.median).toBe(8); // S(5) = 0.571 > 0.5, S(8) = 0.429
  });

  it("builds log-log and plain bands from the same Greenwood variance", () => {
    const km0 = obs(maintained);
    const z = 1.959963984540054;
    const s = 10 / 11;
    const sigma = Math.sqrt(1 / (11 * 10));
    const ll = kaplanMeier(km0, { confType: "log-log" });
    const w = (z * sigma) / Math.abs(Math.log(s));
    expect(ll.lower[0]).toBeCloseTo(s ** Math.exp(w), 12);
    expect(ll.upper[0]).toBeCloseTo(s ** Math.exp(-w), 12);
    expect(ll.lower[0]).toBeCloseTo(0.5081, 4);
    expect(ll.upper[0]).toBeCloseTo(0.9867, 4);
    const plain = kaplanMeier(km0, { confType: "plain", confidence: 0.9 });
    const z90 = 1.6448536269514722;
    expect(plain.lower[3]).toBeCloseTo(Math.max(0, plain.survival[3]! - z90 * plain.stdErr[3]!), 12);
    expect(plain.upper[0]).toBe(1); // clipped
    expect(plain.confidence).toBe(0.9);
    expect(plain.confType).toBe("plain");
  });

  it("gives a null log-log band where S is 1, as R gives NA", () => {
    const km = kaplanMeier(obs([[1, 0], [2, 1], [3, 1]]), { confType: "log-log" });
    expect([km.lower[0], km.upper[0]]).toEqual([null, null]);
    const log = kaplanMeier(obs([[1, 0], [2, 1], [3, 1]]));
    expect([log.lower[0], log.upper[0], log.stdErr[0]]).toEqual([1, 1, 0]);
  });

  it("takes the midpoint where S is exactly 0.5 on an interval", () => {
    expect(kaplanMeier(obs([[1, 1], [2, 1], [3, 1], [4, 1]])).median).toBe(2.5);
    expect(kaplanMeier(obs([[10, 1], [20, 1], [30, 0], [40, 1]])).median).toBe(30); // S(20)=0.5 → midpoint of 20 and the next event 40
    // a flat at 0.5 that runs to the end: midpoint of its start and the last observed time
    expect(kaplanMeier(obs([[1, 1], [2, 0]])).median).toBe(1.5);
    expect(kaplanMeier(obs([[4, 1], [6, 0], [9, 0]])).median).toBeNull(); // S = 2/3 never reaches 0.5
  });

  it("returns empty arrays and null medians for no observations", () => {
    const km = kaplanMeier([]);
    expect(km).toMatchObject({ n: 0, totalEvents: 0, times: [], survival: [], median: null, medianLower: null, medianUpper: null });
  });

  it("accepts any iterable and does not mutate its input", () => {
    const rows = Object.freeze(obs(maintained).map((r) => Object.freeze({ ...r })));
    const copy = structuredClone(rows);
    const a = kaplanMeier(rows);
    expect(rows).toEqual(copy);
    const b = kaplanMeier(new Set(rows));
    expect(b).toEqual(a);
  });

  it("is JSON-serialisable and never holds NaN", () => {
    const km = kaplanMeier(obs(nonMaintained));
    expect(JSON.parse(JSON.stringify(km))).toEqual(km);
  });
});

describe("survivalAt", () => {
  const km = kaplanMeier(obs(maintained));
  it("reads the right-continuous step function", () => {
    expect(survivalAt(km, 0)).toBe(1);
    expect(survivalAt(km, 8.99)).toBe(1);
    expect(survivalAt(km, 9)).toBeCloseTo(10 / 11, 12);
    expect(survivalAt(km, 30)).toBeCloseTo(km.survival[4]!, 12);
    expect(survivalAt(km, 161)).toBeCloseTo(0.184, 3);
  });
  it("is null past the end of follow-up unless the curve reached 0", () => {
    expect(survivalAt(km, 200)).toBeNull();
    const dead = kaplanMeier(obs(nonMaintained));
    expect(survivalAt(dead, 1000)).toBe(0);
  });
  it("refuses a malformed curve", () => {
    expect(codeAndPath(() => survivalAt({ times: [1, 2], survival: [0.5] }, 1))).toEqual(["INVALID_INPUT", "curve"]);
    expect(codeAndPath(() => survivalAt({ survival: [] } as never, 1))).toEqual(["INVALID_TYPE", "curve.times"]);
    expect(codeAndPath(() => survivalAt({ times: [1], survival: [2] }, 1))).toEqual(["OUT_OF_RANGE", "curve.survival[0]"]);
  });
  it("refuses a non-finite time", () => {
    expect(() => survivalAt(km, Number.NaN)).toThrow(expect.objectContaining({ code: "INVALID_NUMBER", path: "t" }));
  });
});

describe("kaplanMeier input checks", () => {
  it("refuses negative durations with NEGATIVE_DURATION and the row's path", () => {
    expect(codeAndPath(() => kaplanMeier([{ duration: 1, event: true }, { duration: -2, event: true }]))).toEqual(["NEGATIVE_DURATION", "observations[1].duration"]);
  });
  it("refuses NaN durations and non-boolean events", () => {
    expect(codeAndPath(() => kaplanMeier([{ duration: NaN, event: true }]))).toEqual(["INVALID_NUMBER", "observations[0].duration"]);
    expect(codeAndPath(() => kaplanMeier([{ duration: 1, event: 1 as unknown as boolean }]))).toEqual(["INVALID_TYPE", "observations[0].event"]);
  });
  it("refuses unknown band types and confidence outside (0, 1)", () => {
    expect(codeAndPath(() => kaplanMeier([], { confType: "arcsin" as "log" }))).toEqual(["INVALID_OPTION", "options.confType"]);
    expect(codeAndPath(() => kaplanMeier([], { confidence: 1 }))).toEqual(["OUT_OF_RANGE", "options.confidence"]);
    expect(codeAndPath(() => kaplanMeier([], { confidence: 95 }))).toEqual(["OUT_OF_RANGE", "options.confidence"]);
  });
});
