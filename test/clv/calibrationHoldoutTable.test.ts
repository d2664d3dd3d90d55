import { describe, expect, it } from "vitest";
import { calibrationHoldoutTable, fitBgNbd, splitCalibrationHoldout } from "../../src/index.js";
import { cdnowTransactions, reference, rel } from "./cdnowFixtures.js";
import { thrown } from "./moreFixtures.js";

const ref = reference();
const split = splitCalibrationHoldout(cdnowTransactions(), { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", unit: "week" });
const model = { model: "bg-nbd", params: ref.calibration_and_holdout.bgnbd_on_cal } as const;

describe("calibrationHoldoutTable on CDNOW", () => {
  it("predicts lifetimes' total of 1653.41 holdout purchases (to 1e-12) and counts the actual 1882", () => {
    const table = calibrationHoldoutTable(model, split, { maxFrequency: 100 });
    const predicted = table.reduce((a, g) => a + g.predicted * g.customers, 0);
    const actual = table.reduce((a, g) => a + g.actual * g.customers, 0);
    expect(rel(predicted, ref.calibration_and_holdout.bgnbd_predicted_holdout_sum)).toBeLessThan(1e-12);
    expect(actual).toBeCloseTo(ref.calibration_and_holdout.totals.sum_frequency_holdout, 9);
  });

  it("groups frequencies 0..6 and 7+ by default, 2357 customers in all, with the paper's shape", () => {
    const table = calibrationHoldoutTable(fitBgNbd(split), split);
    expect(table.map((g) => g.frequency)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(table.map((g) => g.andAbove)).toEqual([false, false, false, false, false, false, false, true]);
    expect(table.reduce((a, g) => a + g.customers, 0)).toBe(2357);
    expect(table[0]!.customers).toBe(1411);
    // Fader, Hardie & Lee (2005) Fig. 4: the model tracks the holdout means within ~0.4 purchases per group.
    for (const g of table) expect(Math.abs(g.predicted - g.actual)).toBeLessThan(0.4);
  });

  it("weights rows and skips empty groups", () => {
    const rows = [
      { frequency: 0, recency: 0, T: 30, holdoutFrequency: 1, holdoutDuration: 10, weight: 3 },
      { frequency: 0, recency: 0, T: 30, holdoutFrequency: 0, holdoutDuration: 10 },
      { frequency: 4, recency: 20, T: 30, holdoutFrequency: 2, holdoutDuration: 10, weight: 0 },
    ];
    const t = calibrationHoldoutTable(model, rows);
    expect(t.length).toBe(1);
    expect(t[0]!.customers).toBe(4);
    expect(t[0]!.actual).toBe(0.75);
    expect(calibrationHoldoutTable(model, [])).toEqual([]);
  });

  it("works for BG/BB rows in opportunities and does not mutate its input", () => {
    const bgbb = { model: "bg-bb", params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 } } as const;
    const rows = Object.freeze([
      Object.freeze({ frequency: 3, recency: 5, n: 6, holdoutFrequency: 2, holdoutDuration: 5 }),
      Object.freeze({ frequency: 0, recency: 0, n: 6, holdoutFrequency: 0, holdoutDuration: 5 }),
    ]);
    const copy = structuredClone(rows);
    const t = calibrationHoldoutTable(bgbb, rows);
    expect(t.map((g) => g.frequency)).toEqual([0, 3]);
    expect(t.every((g) => g.predicted > 0 && Number.isFinite(g.predicted))).toBe(true);
    expect(rows).toEqual(copy);
    expect(thrown(() => calibrationHoldoutTable(bgbb, [{ frequency: 0, recency: 0, n: 6, holdoutFrequency: 0, holdoutDuration: 2.5 }])).code).toBe("NOT_INTEGER");
  });

  it("throws coded errors at the row", () => {
    const e = thrown(() => calibrationHoldoutTable(model, [{ frequency: 0, recency: 0, T: 30, holdoutFrequency: -1, holdoutDuration: 10 }]));
    expect([e.code, e.path]).toEqual(["NEGATIVE_VALUE", "rows[0].holdoutFrequency"]);
    expect(thrown(() => calibrationHoldoutTable(model, split, { maxFrequency: -1 })).path).toBe("options.maxFrequency");
  });
});
