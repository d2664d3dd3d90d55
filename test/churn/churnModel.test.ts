// churnFeatures, labelledSnapshot, fitChurnModel, scoreChurn and churnDrivers: hand-checked numbers, the
// label's window, coded errors.
import { describe, expect, it } from "vitest";
import {
  churnDrivers,
  churnFeatures,
  fitChurnModel,
  fitLogisticRegression,
  inactivityRule,
  labelledSnapshot,
  predictLogistic,
  scoreChurn,
  type LabelledSnapshot,
} from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const DEF = { snapshotAt: "2024-01-01T00:00:00.000Z", start: null, windowEnd: "2024-04-01T00:00:00.000Z", windowDays: 91, label: "churned" };

/** A snapshot from feature columns and labels. */
function snapshotOf(columns: Record<string, readonly number[]>, churned: readonly boolean[]): LabelledSnapshot {
  const names = Object.keys(columns);
  const rows = churned.map((c, i) => ({ customerId: i, features: Object.fromEntries(names.map((f) => [f, columns[f]![i]!])), churned: c }));
  return { definition: DEF, unit: "day", featureNames: names, rows, customers: rows.length, churners: churned.filter(Boolean).length };
}

const tx = [
  { customerId: "a", at: "2024-01-01", amount: 10 },
  { customerId: "a", at: "2024-01-01T18:00:00Z", amount: 5 }, // same day: one purchase of 15
  { customerId: "a", at: "2024-01-21", amount: 30 },
  { customerId: "a", at: "2024-02-01", amount: 99 }, // at the snapshot: label, not feature
  { customerId: "b", at: "2024-01-11", amount: 8 },
  { customerId: "b", at: "2024-03-01", amount: 8 }, // at the window end: outside the window
  { customerId: "c", at: "2024-02-10", amount: 4 }, // first purchase in the window: not in the snapshot
];

describe("churnFeatures", () => {
  it("takes recency, tenure, frequency and spend from the purchases strictly before the snapshot", () => {
    const set = churnFeatures(tx, { snapshotAt: "2024-02-01" });
    expect(set.snapshotAt).toBe("2024-02-01T00:00:00.000Z");
    expect(set.unit).toBe("day");
    expect(set.rows.map((r) => r.customerId)).toEqual(["a", "b"]);
    const a = set.rows[0]!.features;
    // last purchase 2024-01-21 → 11 days; first 2024-01-01 → 31 days; two purchase days; 15 + 30 spent.
    expect([a.recencyDays, a.tenureDays, a.frequency, a.monetaryValue, a.totalSpend]).toEqual([11, 31, 1, 22.5, 45]);
    const b = set.rows[1]!.features;
    expect([b.recencyDays, b.tenureDays, b.frequency, b.monetaryValue, b.totalSpend]).toEqual([21, 21, 0, 8, 8]);
    expect([a.rfmR, a.rfmF, a.rfmM, b.rfmR, b.rfmF, b.rfmM]).toEqual([5, 5, 5, 1, 1, 1]);
  });

  it("measures recency from the last purchase's time, not its day", () => {
    const set = churnFeatures([{ customerId: 1, at: "2024-01-30T12:00:00Z" }], { snapshotAt: "2024-02-01" });
    expect(set.rows[0]!.features.recencyDays).toBe(1.5);
  });

  it("leaves out history before start", () => {
    const set = churnFeatures(tx, { snapshotAt: "2024-02-01", start: "2024-01-10" });
    expect(set.rows[0]!.features.tenureDays).toBe(11);
    expect(set.rows[0]!.features.totalSpend).toBe(30);
  });

  it("counts activity in the two windows before the snapshot and keeps the latest score", () => {
    const activity = [
      {
        customerId: "a",
        events: [
          { type: "login", at: "2024-01-25" }, // recent (last 30 days)
          { type: "login", at: "2024-01-10" }, // recent
          { type: "login", at: "2023-12-20" }, // previous window
          { type: "survey", at: "2024-01-05", score: 9 }, // feedback: not activity
          { type: "survey", at: "2024-01-20", score: 3 }, // the latest score
          { type: "login", at: "2024-02-01" }, // at the snapshot: left out
          { type: "survey", at: "2024-02-05", score: 10 }, // after: left out
        ],
      },
    ];
    const set = churnFeatures(tx, { snapshotAt: "2024-02-01", activity });
    expect(set.featureNames).toContain("activityTrend");
    const a = set.rows[0]!.features;
    expect([a.activityRecent, a.activityPrevious, a.activityTrend, a.npsAnswered, a.npsScore]).toEqual([2, 1, 1, 1, 3]);
    const b = set.rows[1]!.features;
    expect([b.activityRecent, b.activityPrevious, b.activityTrend, b.npsAnswered, b.npsScore]).toEqual([0, 0, 0, 0, 0]);
  });

  it("takes the lowest of two scores given at the same instant, in either order", () => {
    const surveys = [{ type: "survey", at: "2024-01-20", score: 9 }, { type: "survey", at: "2024-01-20", score: 2 }];
    for (const events of [surveys, [...surveys].reverse()]) {
      const set = churnFeatures(tx, { snapshotAt: "2024-02-01", activity: [{ customerId: "a", events }] });
      expect(set.rows[0]!.features.npsScore).toBe(2);
    }
  });

  it("adds the severity of each rule's signal, from the purchases when no activity is given", () => {
    const set = churnFeatures(tx, { snapshotAt: "2024-02-01", rules: [inactivityRule({ days: 15 })] });
    expect(set.featureNames.at(-1)).toBe("signal:inactivity");
    // a: last purchase 11 days ago (no signal); b: 21 days > 15 (fires).
    expect(set.rows[0]!.features["signal:inactivity"]).toBe(0);
    expect(set.rows[1]!.features["signal:inactivity"]).toBeGreaterThan(0);
  });

  it("refuses bad options with codes", () => {
    expect(codeAndPath(() => churnFeatures(tx, {} as never))).toEqual(["INVALID_OPTION", "options.snapshotAt"]);
    expect(codeAndPath(() => churnFeatures(tx, { snapshotAt: "2024-02-01", start: "2024-03-01" }))).toEqual(["INVALID_RANGE", "options.start"]);
    expect(codeAndPath(() => churnFeatures(tx, { snapshotAt: "2024-02-01", windowDays: 3 } as never))[0]).toBe("UNKNOWN_OPTION");
    expect(codeAndPath(() => churnFeatures([{ customerId: 1, at: "x" }], { snapshotAt: "2024-02-01" }))).toEqual(["INVALID_DATE", "transactions[0].at"]);
  });
});

describe("labelledSnapshot", () => {
  it("labels churn as no purchase in [snapshot, window end)", () => {
    const snap = labelledSnapshot(tx, { snapshotAt: "2024-02-01", windowEnd: "2024-03-01" });
    // a bought at the snapshot (in the window); b's purchase at the window end is outside it.
    expect(snap.rows.map((r) => [r.customerId, r.churned])).toEqual([["a", false], ["b", true]]);
    expect([snap.customers, snap.churners]).toEqual([2, 1]);
    expect(snap.definition).toEqual({
      snapshotAt: "2024-02-01T00:00:00.000Z",
      start: null,
      windowEnd: "2024-03-01T00:00:00.000Z",
      windowDays: 29,
      label: "churned: no purchase in [snapshotAt, windowEnd); features from [start, snapshotAt)",
    });
    const longer = labelledSnapshot(tx, { snapshotAt: "2024-02-01", windowDays: 30 });
    expect(longer.rows.map((r) => r.churned)).toEqual([false, false]);
    expect(longer.rows.map((r) => r.features)).toEqual(snap.rows.map((r) => r.features));
  });

  it("with label: \"activity\", counts an activity event in the window as staying, not feedback", () => {
    const activity = [
      { customerId: "b", events: [{ type: "login", at: "2024-02-10" }, { type: "login", at: "2024-01-20" }] },
      { customerId: "a", events: [{ type: "complaint", at: "2024-02-03" }] },
    ];
    const noBuy = tx.filter((t) => t.customerId !== "a" || t.at < "2024-02-01");
    const byPurchase = labelledSnapshot(noBuy, { snapshotAt: "2024-02-01", windowEnd: "2024-03-01", activity });
    expect(byPurchase.rows.map((r) => [r.customerId, r.churned])).toEqual([["a", true], ["b", true]]);
    const byActivity = labelledSnapshot(noBuy, { snapshotAt: "2024-02-01", windowEnd: "2024-03-01", activity, label: "activity" });
    // b logged in during the window: stayed; a only complained: churned.
    expect(byActivity.rows.map((r) => [r.customerId, r.churned])).toEqual([["a", true], ["b", false]]);
    expect(byActivity.definition.label).toBe("churned: no purchase and no activity in [snapshotAt, windowEnd); features from [start, snapshotAt)");
    // The window never reaches a feature: b's login in the window is not recent activity.
    expect(byActivity.rows.map((r) => r.features)).toEqual(byPurchase.rows.map((r) => r.features));
    expect(byActivity.rows[1]!.features.activityRecent).toBe(1);
    expect(codeAndPath(() => labelledSnapshot(tx, { snapshotAt: "2024-02-01", windowDays: 5, label: "activity" }))).toEqual(["INVALID_OPTION", "options.label"]);
    expect(codeAndPath(() => labelledSnapshot(tx, { snapshotAt: "2024-02-01", windowDays: 5, label: "visits" as never }))).toEqual(["INVALID_OPTION", "options.label"]);
  });

  it("needs exactly one of windowDays and windowEnd, after the snapshot", () => {
    expect(codeAndPath(() => labelledSnapshot(tx, { snapshotAt: "2024-02-01" }))).toEqual(["INVALID_OPTION", "options.windowDays"]);
    expect(codeAndPath(() => labelledSnapshot(tx, { snapshotAt: "2024-02-01", windowDays: 5, windowEnd: "2024-03-01" }))).toEqual(["INVALID_OPTION", "options.windowDays"]);
    expect(codeAndPath(() => labelledSnapshot(tx, { snapshotAt: "2024-02-01", windowEnd: "2024-02-01" }))).toEqual(["INVALID_RANGE", "options.windowEnd"]);
    expect(codeAndPath(() => labelledSnapshot(tx, { snapshotAt: "2024-02-01", windowDays: 0 }))).toEqual(["OUT_OF_RANGE", "options.windowDays"]);
  });
});

/** 40 customers: churn rises with recency; frequency is noise; nothing separates them. */
const recency = Array.from({ length: 40 }, (_, i) => 5 + 7 * i);
const freq = Array.from({ length: 40 }, (_, i) => (i * 7) % 5);
const churned = recency.map((r, i) => (r > 140 ? i % 5 !== 0 : i % 4 === 0));
const snap40 = snapshotOf({ recencyDays: recency, frequency: freq, flat: recency.map(() => 2) }, churned);

describe("fitChurnModel", () => {
  it("gives the coefficients of fitLogisticRegression on the same rows, with per-SD effects", () => {
    const m = fitChurnModel(snap40);
    expect(m.features).toEqual(["recencyDays", "frequency"]);
    expect(m.dropped).toEqual(["flat"]);
    const ref = fitLogisticRegression(
      recency.map((r, i) => ({ r, f: freq[i]!, y: churned[i]! })),
      { outcome: "y", features: ["r", "f"] },
    );
    expect(m.coefficients.recencyDays).toBe(ref.coefficients.r);
    expect(m.coefficients.frequency).toBe(ref.coefficients.f);
    expect(m.standardErrors.recencyDays).toBe(ref.standardErrors.r);
    // population SD of 5, 12, …, 278 (step 7, 40 values): 7·√((40² − 1)/12)
    expect(m.scales.recencyDays).toBeCloseTo(7 * Math.sqrt((40 * 40 - 1) / 12), 10);
    expect(m.means.recencyDays).toBeCloseTo(141.5, 10);
    expect(m.standardisedCoefficients.recencyDays).toBeCloseTo(m.coefficients.recencyDays! * m.scales.recencyDays!, 12);
    expect(m.definition).toEqual(DEF);
    expect(m.unit).toBe("day");
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it("refuses a constant feature, a missing one and too few churners, naming them", () => {
    const [code, path] = codeAndPath(() => fitChurnModel(snap40, { features: ["recencyDays", "flat"] }));
    expect([code, path]).toEqual(["INVALID_INPUT", "options.features[1]"]);
    expect(() => fitChurnModel(snap40, { features: ["recencyDays", "flat"] })).toThrow(/^fitChurnModel: feature "flat" is constant/);
    const holed = { ...snap40, rows: snap40.rows.map((r, i) => (i === 3 ? { ...r, features: { recencyDays: 1, flat: 2 } } : r)) };
    expect(codeAndPath(() => fitChurnModel(holed))).toEqual(["INVALID_TYPE", 'snapshot.rows[3].features["frequency"]']);
    expect(codeAndPath(() => fitChurnModel(snap40, { features: ["nope"] }))).toEqual(["INVALID_INPUT", "options.features[0]"]);
    const few = snapshotOf({ x: [1, 2, 3, 4, 5, 6] }, [true, false, false, true, false, false]);
    expect(codeAndPath(() => fitChurnModel(few))).toEqual(["INSUFFICIENT_DATA", "snapshot.rows"]);
    expect(fitChurnModel(few, { minClassSize: 2 }).converged).toBe(true);
  });

  it("refuses a feature named like the intercept or the prototype", () => {
    expect(codeAndPath(() => fitChurnModel(snapshotOf({ intercept: recency }, churned)))).toEqual(["INVALID_INPUT", "snapshot.featureNames[0]"]);
    const proto = JSON.parse(JSON.stringify(snapshotOf({ x: recency }, churned)).replaceAll('"x"', '"__proto__"')) as LabelledSnapshot;
    expect(codeAndPath(() => churnDrivers(proto, { model: null }))).toEqual(["INVALID_INPUT", "snapshot.featureNames[0]"]);
  });

  it("renames a collinear feature in the refusal", () => {
    const s = snapshotOf({ recencyDays: recency, twice: recency.map((r) => 2 * r) }, churned);
    expect(() => fitChurnModel(s)).toThrow(/^fitChurnModel: feature "twice" is \(nearly\) a linear combination/);
    expect(codeAndPath(() => fitChurnModel(s))).toEqual(["INVALID_INPUT", "snapshot.featureNames[1]"]);
  });

  it("reports separation as converged: false with the feature named, never NaN", () => {
    const x = Array.from({ length: 30 }, (_, i) => i);
    const s = snapshotOf({ gap: x }, x.map((v) => v >= 15));
    const m = fitChurnModel(s);
    expect(m.converged).toBe(false);
    expect(m.reason).toMatch(/separation: the coefficient of "gap" diverges/);
    expect(Number.isFinite(m.coefficients.gap)).toBe(true);
    expect(m.standardErrors.gap).toBeNull();
    expect(fitChurnModel(s, { penalty: 0.1 }).converged).toBe(true);
  });
});

describe("scoreChurn", () => {
  it("gives predictLogistic's probability and the features that raise it", () => {
    const m = fitChurnModel(snap40);
    const scores = scoreChurn(m, snap40.rows);
    expect(scores).toHaveLength(40);
    const asLogistic = { ...fitLogisticRegression(recency.map((r, i) => ({ r, f: freq[i]!, y: churned[i]! })), { outcome: "y", features: ["r", "f"] }) };
    for (const [i, s] of scores.entries()) {
      expect(s.customerId).toBe(i);
      expect(s.churnProbability).toBeCloseTo(predictLogistic(asLogistic, { r: recency[i]!, f: freq[i]! }), 12);
      for (const r of s.reasons) expect(r.contribution).toBeGreaterThan(0);
    }
    // The most recent buyer has no recency reason; the least recent has it first.
    const last = scores[39]!;
    expect(last.reasons[0]!.feature).toBe("recencyDays");
    expect(last.reasons[0]!.contribution).toBeCloseTo(m.coefficients.recencyDays! * (278 - 141.5), 10);
    expect(scores[0]!.reasons.map((r) => r.feature)).not.toContain("recencyDays");
    expect(scoreChurn(m, snap40.rows, { reasons: 0 })[39]!.reasons).toEqual([]);
  });

  it("gives no reason for a zero coefficient and a bounded one for a value far from the mean", () => {
    const m = { ...fitChurnModel(snap40), features: ["recencyDays"], coefficients: { intercept: 0, recencyDays: 0 }, means: { recencyDays: -1e308 } };
    const [s] = scoreChurn(m, [{ customerId: 1, features: { recencyDays: 1e308 } }], { reasons: 5 });
    expect(s!.churnProbability).toBe(0.5);
    expect(s!.reasons).toEqual([]);
    const m2 = { ...m, coefficients: { intercept: 0, recencyDays: 1e-300 } };
    expect(scoreChurn(m2, [{ customerId: 1, features: { recencyDays: 1e308 } }])[0]!.reasons[0]!.contribution).toBe(1e300);
  });

  it("refuses a row without a model feature and a malformed model", () => {
    const m = fitChurnModel(snap40);
    expect(codeAndPath(() => scoreChurn(m, [{ customerId: 1, features: { recencyDays: 3 } }]))).toEqual(["INVALID_TYPE", 'customers[0].features["frequency"]']);
    expect(codeAndPath(() => scoreChurn({ ...m, model: "logistic" } as never, []))).toEqual(["INVALID_MODEL", "model.model"]);
    expect(codeAndPath(() => scoreChurn({ ...m, means: {} }, []))).toEqual(["INVALID_MODEL", 'model.means["recencyDays"]']);
  });
});

describe("churnDrivers", () => {
  it("gives the risk ratio with the log-method interval, checked by hand", () => {
    // 10 with (6 churn), 10 without (2 churn): RR = 0.6 / 0.2 = 3, se(log RR) = √(1/6 − 1/10 + 1/2 − 1/10) = √(7/15).
    const flag = Array.from({ length: 20 }, (_, i) => (i < 10 ? 1 : 0));
    const churn = flag.map((f, i) => (f === 1 ? i < 6 : i < 12));
    const t = churnDrivers(snapshotOf({ flag }, churn), { model: null });
    const d = t.drivers[0]!;
    expect([d.kind, d.threshold, d.withCustomers, d.withChurners, d.withoutCustomers, d.withoutChurners]).toEqual(["binary", 0.5, 10, 6, 10, 2]);
    expect(d.lift).toBeCloseTo(3, 14);
    const se = Math.sqrt(7 / 15);
    expect(d.liftLower).toBeCloseTo(3 * Math.exp(-1.959963984540054 * se), 12); // 0.786393…
    expect(d.liftUpper).toBeCloseTo(3 * Math.exp(1.959963984540054 * se), 11); // 11.444652…
    expect(d.liftLower).toBeCloseTo(0.7863934744601, 10);
    expect(d.oddsRatio).toBeNull();
    expect([t.customers, t.churners, t.churnRate]).toEqual([20, 8, 0.4]);
  });

  it("splits numeric features at the median or a given threshold, and sorts by the strength of the lift", () => {
    const t = churnDrivers(snap40, { thresholds: { frequency: 2 } });
    expect(t.drivers.map((d) => d.feature)).toEqual(["recencyDays", "frequency"]);
    const r = t.drivers[0]!;
    expect(r.threshold).toBe(141.5);
    expect(r.withCustomers).toBe(20);
    const f = t.drivers[1]!;
    expect(f.threshold).toBe(2);
    expect(f.withCustomers).toBe(freq.filter((v) => v > 2).length);
    const m = fitChurnModel(snap40, { features: ["recencyDays", "frequency"] });
    expect(r.oddsRatio).toBeCloseTo(Math.exp(m.coefficients.recencyDays!), 14);
    expect(r.oddsRatioLower).toBeCloseTo(Math.exp(m.coefficients.recencyDays! - 1.959963984540054 * m.standardErrors.recencyDays!), 12);
    expect(r.oddsRatioPerSd).toBeCloseTo(Math.exp(m.standardisedCoefficients.recencyDays!), 12);
  });

  it("gives null lifts for an empty group or a group without churners", () => {
    const t = churnDrivers(snapshotOf({ x: [1, 1, 1, 2] }, [true, false, true, false]), { model: null });
    const d = t.drivers[0]!;
    expect([d.threshold, d.withCustomers, d.withChurnRate, d.lift, d.liftLower]).toEqual([1, 1, 0, null, null]);
  });

  it("refuses a threshold for a feature it does not tabulate", () => {
    expect(codeAndPath(() => churnDrivers(snap40, { thresholds: { nope: 1 } }))).toEqual(["UNKNOWN_OPTION", 'options.thresholds["nope"]']);
    expect(() => churnDrivers(snapshotOf({ x: [1, 2, 3] }, [true, false, true]))).toThrow(/^churnDrivers: the snapshot has 2 churners/);
  });
});
