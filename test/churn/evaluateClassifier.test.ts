import { describe, expect, it } from "vitest";
import { evaluateClassifier } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const six = [
  { score: 0.9, outcome: true }, { score: 0.8, outcome: true }, { score: 0.7, outcome: false },
  { score: 0.6, outcome: true }, { score: 0.3, outcome: false }, { score: 0.1, outcome: false },
];

describe("evaluateClassifier", () => {
  it("gives the AUC as the share of positive–negative pairs ordered right (8 of 9) and the Brier score", () => {
    const e = evaluateClassifier(six);
    expect(e.n).toBe(6);
    expect(e.positives).toBe(3);
    expect(e.auc).toBeCloseTo(8 / 9, 15);
    expect(e.brier).toBeCloseTo((0.01 + 0.04 + 0.49 + 0.16 + 0.09 + 0.01) / 6, 15);
    expect(e.aucReason).toBeNull();
  });

  it("gives DeLong's standard error by hand: V₁₀ = (1, 1, ⅔), V₀₁ = (⅔, 1, 1), var = S₁₀/3 + S₀₁/3 = 2/81", () => {
    const e = evaluateClassifier(six, { confidence: 0.9 });
    expect(e.aucStdErr).toBeCloseTo(Math.sqrt(2) / 9, 15);
    expect(e.aucLower).toBeCloseTo(8 / 9 - 1.6448536269514722 * (Math.sqrt(2) / 9), 12);
    expect(e.aucUpper).toBe(1); // clipped
    expect(e.confidence).toBe(0.9);
  });

  it("counts a tie between a positive and a negative as half a pair", () => {
    const e = evaluateClassifier([{ score: 1, outcome: true }, { score: 1, outcome: false }, { score: 0, outcome: false }]);
    expect(e.auc).toBe(0.75);
    expect(e.aucLower).toBeNull(); // one positive: no DeLong variance
    expect(e.aucReason).toMatch(/at least 2 positives and 2 negatives/);
  });

  it("keeps a group of tied scores in one decile, the decile of the group's middle position", () => {
    const scores = [5, 4, 4, 4, 3, 2, 2, 1, 1, 0];
    const outcomes = [true, true, false, false, true, false, true, false, false, false];
    const e = evaluateClassifier(scores.map((score, i) => ({ score, outcome: outcomes[i]! })));
    expect(e.gains.map((g) => g.customers)).toEqual([1, 0, 3, 0, 1, 2, 0, 2, 0, 1]);
    expect(e.gains.map((g) => g.positives)).toEqual([1, 0, 1, 0, 1, 1, 0, 0, 0, 0]);
    expect(e.gains[0]).toEqual({ decile: 1, customers: 1, positives: 1, rate: 1, lift: 2.5, cumulativeShare: 0.25 });
    expect(e.gains[1]).toEqual({ decile: 2, customers: 0, positives: 0, rate: null, lift: null, cumulativeShare: 0.25 });
    expect(e.gains[9]!.cumulativeShare).toBe(1);
    expect(e.calibration[2]).toEqual({ decile: 3, customers: 3, meanScore: 4, observedRate: 1 / 3 });
    expect(e.brier).toBeNull(); // scores are not probabilities
  });

  it("counts a tied group cut by k with its share of the remaining places", () => {
    const scores = [5, 4, 4, 4, 3];
    const outcomes = [true, true, false, false, true];
    const e = evaluateClassifier(scores.map((score, i) => ({ score, outcome: outcomes[i]! })), { k: [2, 4, 9] });
    expect(e.precisionAtK[0]).toEqual({ k: 2, customers: 2, positives: 1 + 1 / 3, precision: (1 + 1 / 3) / 2, recall: (1 + 1 / 3) / 3 });
    expect(e.precisionAtK[1]!.positives).toBe(2);
    expect(e.precisionAtK[2]).toEqual({ k: 9, customers: 5, positives: 3, precision: 0.6, recall: 1 });
  });

  it("gives null AUC with the reason for empty input and for one class only", () => {
    const empty = evaluateClassifier([]);
    expect(empty).toMatchObject({ n: 0, positives: 0, auc: null, aucLower: null, aucUpper: null, brier: null, aucReason: "no scored customers" });
    expect(empty.gains.every((g) => g.customers === 0 && g.cumulativeShare === null)).toBe(true);
    expect(empty.precisionAtK).toEqual([
      { k: 10, customers: 0, positives: 0, precision: null, recall: null },
      { k: 100, customers: 0, positives: 0, precision: null, recall: null },
    ]);
    const onlyPositive = evaluateClassifier([{ score: 0.4, outcome: true }, { score: 0.6, outcome: true }]);
    expect(onlyPositive.auc).toBeNull();
    expect(onlyPositive.aucReason).toMatch(/no negatives/);
    expect(onlyPositive.brier).toBeCloseTo((0.36 + 0.16) / 2, 15);
    expect(evaluateClassifier([{ score: 0.4, outcome: false }]).aucReason).toMatch(/no positives/);
  });

  it("keeps mean scores finite at the largest doubles", () => {
    const e = evaluateClassifier([{ score: Number.MAX_VALUE, outcome: true }, { score: Number.MAX_VALUE, outcome: false }]);
    expect(e.calibration.find((c) => c.customers > 0)!.meanScore).toBe(Number.MAX_VALUE);
  });

  it("refuses a 0/1 outcome with the fix, a bad score, and bad options", () => {
    expect(codeAndPath(() => evaluateClassifier([{ score: 0.3, outcome: 1 as never }]))).toEqual(["INVALID_TYPE", "scored[0].outcome"]);
    expect(() => evaluateClassifier([{ score: 0.3, outcome: 1 as never }])).toThrow(/outcome === 1/);
    expect(codeAndPath(() => evaluateClassifier([{ score: Number.NaN, outcome: true }]))).toEqual(["INVALID_NUMBER", "scored[0].score"]);
    expect(codeAndPath(() => evaluateClassifier([{ score: "0.3" as never, outcome: true }]))).toEqual(["INVALID_TYPE", "scored[0].score"]);
    expect(codeAndPath(() => evaluateClassifier(six, { confidence: 1 }))).toEqual(["OUT_OF_RANGE", "options.confidence"]);
    expect(codeAndPath(() => evaluateClassifier(six, { k: [0] }))).toEqual(["OUT_OF_RANGE", "options.k[0]"]);
    expect(codeAndPath(() => evaluateClassifier(six, { top: 3 } as never))).toEqual(["UNKNOWN_OPTION", "options.top"]);
  });
});
