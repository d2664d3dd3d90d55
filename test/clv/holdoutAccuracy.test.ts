import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  calibrationHoldoutTable, conditionalExpectedPurchases, evaluateClassifier, fitBgNbd, holdoutAccuracy, probabilityAlive,
  splitCalibrationHoldout, type TransactionModel,
} from "../../src/index.js";
import { cdnowTransactions, rel, type Json } from "./cdnowFixtures.js";
import { thrown } from "./moreFixtures.js";

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const ref: Json = JSON.parse(readFileSync(here("../fixtures/cdnow/reference-holdout-accuracy.json"), "utf8"));
/** lifetimes' own calibration/holdout rows of the CDNOW sample (weeks, 12 significant digits). */
const lifetimesRows = readFileSync(here("../fixtures/cdnow/reference-calibration-holdout-week-units.csv"), "utf8").trim().split("\n").slice(1).map((l) => {
  const c = l.split(",").map(Number);
  return { frequency: c[1]!, recency: c[2]!, T: c[3]!, holdoutFrequency: c[5]!, holdoutDuration: c[7]! };
});
const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;

describe("holdoutAccuracy on a hand-checked pair of customers", () => {
  const rows = [
    { frequency: 0, recency: 0, T: 38.86, holdoutFrequency: 0, holdoutDuration: 39 },
    { frequency: 2, recency: 30.43, T: 38.86, holdoutFrequency: 1, holdoutDuration: 39 },
  ];
  const report = holdoutAccuracy(bgnbd, rows);
  // E[Y(39)] = 0.19510 and 1.22603 (Fader & Hardie's worked example); actual 0 and 1.
  const e0 = conditionalExpectedPurchases(bgnbd, rows[0]!, 39);
  const e1 = conditionalExpectedPurchases(bgnbd, rows[1]!, 39);

  it("gives MAE (0.19510 + 0.22603)/2 = 0.21056 and RMSE √((0.19510² + 0.22603²)/2) = 0.21113", () => {
    expect(e0).toBeCloseTo(0.195098, 6);
    expect(e1).toBeCloseTo(1.226028, 6);
    expect(report.purchases.model.mae!).toBeCloseTo(0.210563, 6);
    expect(report.purchases.model.rmse!).toBeCloseTo(0.211130, 6);
    expect(report.purchases.model.expectedTotal).toBeCloseTo(1.421126, 6);
    expect(report.purchases.model.actualTotal).toBe(1);
    expect(report.purchases.model.relativeError!).toBeCloseTo(0.421126, 6);
  });

  it("carries the calibration rate forward: 2/38.86 × 39 = 2.00721 for the repeat buyer, 0 for the other", () => {
    expect(report.purchases.rate.expectedTotal).toBeCloseTo(2.007205, 6);
    expect(report.purchases.rate.mae!).toBeCloseTo(1.007205 / 2, 6);
    expect(report.purchases.rate.rmse!).toBeCloseTo(1.007205 / Math.SQRT2, 6);
  });

  it("ranks the one buyer first by every score, and puts each customer in the decile of its position", () => {
    expect(report.customers).toBe(2);
    expect(report.buyersAgain).toBe(1);
    expect(report.unit).toBe(null);
    // BG/NBD P(alive) is 1 for a customer without repeat purchases: it ranks the buyer last.
    expect(report.ranking.probabilityAlive.auc).toBe(0);
    expect(report.ranking.expectedPurchases.auc).toBe(1);
    expect(report.ranking.rate.auc).toBe(1);
    // Recency scores −(T − t_x): −8.43 for the buyer against −38.86.
    expect(report.ranking.recency.auc).toBe(1);
    const cal = report.purchases.model.calibration;
    expect(cal.map((c) => c.customers)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(cal[0]!.meanExpected).toBeCloseTo(e1, 12);
    expect(cal[0]!.meanActual).toBe(1);
    expect(cal[5]!.meanExpected).toBeCloseTo(e0, 12);
    expect(cal[5]!.meanActual).toBe(0);
    // Two points: any correlation is ±1.
    expect(report.purchases.model.correlation).toBeCloseTo(1, 12);
  });

  it("gives null errors and zero counts for no rows", () => {
    const empty = holdoutAccuracy(bgnbd, []);
    expect([empty.customers, empty.buyersAgain, empty.purchases.model.mae, empty.purchases.model.rmse, empty.purchases.model.correlation, empty.purchases.model.relativeError]).toEqual([0, 0, null, null, null, null]);
    expect(empty.ranking.expectedPurchases.auc).toBe(null);
  });

  it("keeps tied predictions in one decile (ten identical customers land in decile 5, their middle)", () => {
    const same = Array.from({ length: 10 }, (_, i) => ({ frequency: 0, recency: 0, T: 10, holdoutFrequency: i % 2, holdoutDuration: 10 }));
    const cal = holdoutAccuracy(bgnbd, same).purchases.model.calibration;
    expect(cal.map((c) => c.customers)).toEqual([0, 0, 0, 0, 10, 0, 0, 0, 0, 0]);
    expect(cal[4]!.meanActual).toBe(0.5);
  });
});

describe("holdoutAccuracy on the CDNOW sample", () => {
  const split = splitCalibrationHoldout(cdnowTransactions(), { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", unit: "week" });
  const fit = fitBgNbd(split);
  const report = holdoutAccuracy(fit, split);

  it("agrees with MAE, RMSE and totals recomputed customer by customer, and with calibrationHoldoutTable's sums", () => {
    let abs = 0;
    let sq = 0;
    let predicted = 0;
    for (const r of split) {
      const e = conditionalExpectedPurchases(fit, r, r.holdoutDuration);
      abs += Math.abs(e - r.holdoutFrequency);
      sq += (e - r.holdoutFrequency) ** 2;
      predicted += e;
    }
    expect(rel(report.purchases.model.mae!, abs / split.length)).toBeLessThan(1e-12);
    expect(rel(report.purchases.model.rmse!, Math.sqrt(sq / split.length))).toBeLessThan(1e-12);
    expect(rel(report.purchases.model.expectedTotal, predicted)).toBeLessThan(1e-12);
    const table = calibrationHoldoutTable(fit, split, { maxFrequency: 1000 });
    expect(rel(report.purchases.model.expectedTotal, table.reduce((a, g) => a + g.predicted * g.customers, 0))).toBeLessThan(1e-12);
    expect(report.purchases.model.actualTotal).toBe(1882);
    expect(report.customers).toBe(2357);
    expect(report.unit).toBe("week");
  });

  it("ranks with evaluateClassifier's numbers on the same scores", () => {
    const byAlive = evaluateClassifier(split.map((r) => ({ score: probabilityAlive(fit, r), outcome: r.holdoutFrequency > 0 })));
    expect(report.ranking.probabilityAlive).toEqual(byAlive);
    expect(report.ranking.expectedPurchases.gains.reduce((a, g) => a + g.positives, 0)).toBe(report.buyersAgain);
  });

  it("shows what the model adds: lower MAE and RMSE than the rate carried forward, and a closer total", () => {
    const { model, rate } = report.purchases;
    expect(model.mae!).toBeLessThan(rate.mae!);
    expect(model.rmse!).toBeLessThan(rate.rmse!);
    expect(Math.abs(model.relativeError!)).toBeLessThan(Math.abs(rate.relativeError!));
    expect(report.ranking.expectedPurchases.auc!).toBeGreaterThan(report.ranking.rate.auc!);
  });

  it("refuses rows in days for a model fitted in weeks", () => {
    const days = splitCalibrationHoldout(cdnowTransactions().slice(0, 50), { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", unit: "day" });
    const e = thrown(() => holdoutAccuracy(fit, days));
    expect([e.code, e.path]).toEqual(["UNIT_MISMATCH", "rows[0].unit"]);
    expect(e.message).toMatch(/^holdoutAccuracy/);
  });
});

describe("holdoutAccuracy against Python lifetimes 0.11.3 (scripts/reference/holdout_accuracy_lifetimes.py)", () => {
  for (const name of ["bg-nbd", "mbg-nbd", "pareto-nbd"] as const) {
    it(`reproduces ${name}'s MAE, RMSE, correlations, totals and AUCs to 1e-6`, () => {
      const r = ref.models[name];
      const model = { model: name, params: r.params } as TransactionModel;
      const report = holdoutAccuracy(model, lifetimesRows);
      for (const k of ["mae", "rmse", "correlation", "spearman", "expectedTotal", "actualTotal"] as const) {
        expect(rel(report.purchases.model[k]!, r.model[k])).toBeLessThan(1e-6);
      }
      expect(rel(report.ranking.expectedPurchases.auc!, r.aucExpectedPurchases)).toBeLessThan(1e-6);
      expect(rel(report.ranking.probabilityAlive.auc!, r.aucProbabilityAlive)).toBeLessThan(1e-6);
      expect(report.buyersAgain).toBe(ref.buyersAgain);
    });
  }

  it("reproduces the rate and recency baselines", () => {
    const report = holdoutAccuracy(bgnbd, lifetimesRows);
    for (const k of ["mae", "rmse", "correlation", "spearman", "expectedTotal"] as const) {
      expect(rel(report.purchases.rate[k]!, ref.rate[k])).toBeLessThan(1e-6);
    }
    expect(rel(report.ranking.rate.auc!, ref.aucRate)).toBeLessThan(1e-6);
    expect(rel(report.ranking.recency.auc!, ref.aucRecency)).toBeLessThan(1e-6);
  });
});

describe("holdoutAccuracy refuses bad input with coded errors", () => {
  const row = { frequency: 1, recency: 5, T: 10, holdoutFrequency: 2, holdoutDuration: 10 };
  it.each([
    [{ ...row, holdoutFrequency: -1 }, "NEGATIVE_VALUE", "rows[0].holdoutFrequency"],
    [{ ...row, holdoutDuration: Number.NaN }, "INVALID_NUMBER", "rows[0].holdoutDuration"],
    [{ ...row, recency: 11 }, "INCONSISTENT_COUNTS", "rows[0].recency"],
    [{ ...row, weight: 3 }, "INVALID_INPUT", "rows[0].weight"],
    [{ ...row, unit: "month" }, "INVALID_UNIT", "rows[0].unit"],
  ])("%j → %s at %s", (bad, code, path) => {
    const e = thrown(() => holdoutAccuracy(bgnbd, [row, bad].slice(1)));
    expect([e.code, e.path]).toEqual([code, path]);
  });

  it("refuses an unknown option and a confidence outside (0, 1)", () => {
    expect(thrown(() => holdoutAccuracy(bgnbd, [row], { confidance: 0.9 } as never)).code).toBe("UNKNOWN_OPTION");
    expect(thrown(() => holdoutAccuracy(bgnbd, [row], { confidence: 1 })).code).toBe("OUT_OF_RANGE");
  });

  it("refuses rows whose units disagree with each other", () => {
    const e = thrown(() => holdoutAccuracy(bgnbd, [{ ...row, unit: "week" }, { ...row, unit: "day" }]));
    expect([e.code, e.path]).toEqual(["UNIT_MISMATCH", "rows[1].unit"]);
  });

  it("evaluates BG/BB rows in opportunities", () => {
    const bgbb = { model: "bg-bb", params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } } as const;
    const report = holdoutAccuracy(bgbb, [
      { frequency: 3, recency: 4, n: 6, holdoutFrequency: 2, holdoutDuration: 5 },
      { frequency: 0, recency: 0, n: 6, holdoutFrequency: 0, holdoutDuration: 5 },
    ]);
    // Rate baseline 3/6 × 5 = 2.5 for the first customer.
    expect(report.purchases.rate.expectedTotal).toBe(2.5);
    expect(report.unit).toBe(null);
    expect(thrown(() => holdoutAccuracy(bgbb, [{ frequency: 0, recency: 0, n: 6, holdoutFrequency: 0, holdoutDuration: 2.5 }])).code).toBe("NOT_INTEGER");
  });
});
