import { describe, expect, it } from "vitest";
import { nelsonAalen } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

describe("nelsonAalen", () => {
  it("sums d/n for the hazard and d/n² for Aalen's variance, with ties and censoring", () => {
    // times 2, 2, 3+, 4, 4+, 6: at 2 n = 6, d = 2; at 3 censored; at 4 n = 3, d = 1; at 6 n = 1, d = 1
    const rows = [[2, true], [2, true], [3, false], [4, true], [4, false], [6, true]] as const;
    const na = nelsonAalen(rows.map(([duration, event]) => ({ duration, event })));
    expect(na.times).toEqual([2, 3, 4, 6]);
    expect(na.atRisk).toEqual([6, 4, 3, 1]);
    expect(na.events).toEqual([2, 0, 1, 1]);
    expect(na.censored).toEqual([0, 1, 1, 0]);
    const h = [2 / 6, 2 / 6, 2 / 6 + 1 / 3, 2 / 6 + 1 / 3 + 1];
    const v = [2 / 36, 2 / 36, 2 / 36 + 1 / 9, 2 / 36 + 1 / 9 + 1];
    na.times.forEach((_, i) => {
      expect(na.cumulativeHazard[i]).toBeCloseTo(h[i]!, 14);
      expect(na.variance[i]).toBeCloseTo(v[i]!, 14);
      expect(na.stdErr[i]).toBeCloseTo(Math.sqrt(v[i]!), 14);
      expect(na.survival[i]).toBeCloseTo(Math.exp(-h[i]!), 14);
      // default log bands of exp(−H): H ± 1.959964σ, the lower clipped at 0
      expect(na.lower[i]).toBeCloseTo(Math.max(0, h[i]! - 1.959963984540054 * Math.sqrt(v[i]!)), 12);
      expect(na.upper[i]).toBeCloseTo(h[i]! + 1.959963984540054 * Math.sqrt(v[i]!), 12);
    });
    expect([na.n, na.totalEvents, na.confidence, na.confType]).toEqual([6, 4, 0.95, "log"]);
  });

  it("gives log-log bands H·exp(±zσ/H), null while H is 0, and plain bands −log(S(1 ∓ zσ))", () => {
    const rows = [{ duration: 1, event: false }, { duration: 2, event: true }, { duration: 3, event: true }, { duration: 5, event: false }];
    const ll = nelsonAalen(rows, { confType: "log-log", confidence: 0.9 });
    const z = 1.6448536269514722;
    expect([ll.lower[0], ll.upper[0]]).toEqual([null, null]);
    const h = 1 / 3;
    const s = Math.sqrt(1 / 9);
    expect(ll.lower[1]).toBeCloseTo(h * Math.exp(-z * s / h), 12);
    expect(ll.upper[1]).toBeCloseTo(h * Math.exp(z * s / h), 12);
    const pl = nelsonAalen(rows, { confType: "plain", confidence: 0.9 });
    expect(pl.lower[1]).toBeCloseTo(Math.max(0, h - Math.log(1 + z * s)), 12);
    expect(pl.upper[1]).toBeCloseTo(h - Math.log(1 - z * s), 12);
    // at 3: σ² = 1/9 + 1/4, zσ = 0.99 < 1; at 5 the same; a wider level makes 1 − zσ ≤ 0: upper null (S band reaches 0)
    const wide = nelsonAalen(rows, { confType: "plain", confidence: 0.99 });
    expect(wide.upper[2]).toBeNull();
    expect(wide.lower[2]).toBeCloseTo(Math.max(0, 1 / 3 + 1 / 2 - Math.log(1 + 2.5758293035489004 * Math.sqrt(1 / 9 + 1 / 4))), 12);
  });

  it("returns empty arrays for no observations and is JSON-serialisable", () => {
    const na = nelsonAalen([]);
    expect([na.times, na.cumulativeHazard, na.variance, na.lower, na.upper]).toEqual([[], [], [], [], []]);
    const full = nelsonAalen([{ duration: 1, event: true }, { duration: 1, event: true }]);
    expect(JSON.parse(JSON.stringify(full))).toEqual(full);
    expect(full.cumulativeHazard).toEqual([1]);
  });

  it("accepts any iterable and does not mutate its input", () => {
    const rows = Object.freeze([Object.freeze({ duration: 3, event: true }), Object.freeze({ duration: 1, event: false })]);
    const a = nelsonAalen(new Set(rows));
    expect(a).toEqual(nelsonAalen(rows));
  });

  it("refuses bad rows and options with coded errors and paths", () => {
    expect(codeAndPath(() => nelsonAalen([{ duration: 1, event: true }, { duration: -2, event: true }]))).toEqual(["NEGATIVE_DURATION", "observations[1].duration"]);
    expect(codeAndPath(() => nelsonAalen([{ duration: 1, event: 1 as never }]))).toEqual(["INVALID_TYPE", "observations[0].event"]);
    expect(codeAndPath(() => nelsonAalen([{ duration: Number.NaN, event: true }]))).toEqual(["INVALID_NUMBER", "observations[0].duration"]);
    expect(codeAndPath(() => nelsonAalen([], { confidence: 1 }))).toEqual(["OUT_OF_RANGE", "options.confidence"]);
    expect(codeAndPath(() => nelsonAalen([], { confType: "logit" as never }))).toEqual(["INVALID_OPTION", "options.confType"]);
    expect(codeAndPath(() => nelsonAalen([], { conf: 0.9 } as never))).toEqual(["UNKNOWN_OPTION", "options.conf"]);
  });
});
