// Contract cases for the churn models: logistic regression, its predictions and classifier evaluation.
import fc from "fast-check";
import { fitChurnModel, fitLogisticRegression, inactivityRule } from "../../src/index.js";
import { idArb, timeArb, transactionsArb } from "./arbitraries.js";

const featureArb = fc.oneof(
  { arbitrary: fc.double({ min: -50, max: 50, noNaN: true }), weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 5 }), weight: 2 },
  { arbitrary: fc.constantFrom(1e300, -1e300, 5e-324, 1e-200), weight: 1 },
);
const outcomeArb = fc.constantFrom(true, false, 0, 1);
const logisticRowsArb = fc.array(
  fc.record({ x1: featureArb, x2: featureArb, y: outcomeArb, w: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 5, noNaN: true })) }),
  { maxLength: 40 },
);
const logisticOptionsArb = fc.record(
  {
    outcome: fc.constant("y"),
    features: fc.constantFrom(["x1", "x2"], ["x1"], [], ["x2", "x1"]),
    penalty: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true }), fc.constant(1e300)),
    maxIterations: fc.integer({ min: 1, max: 100 }),
    weights: fc.constant("w"),
  },
  { requiredKeys: ["outcome", "features"] },
);
/** A fitted model from rows where the outcome is not constant (the fit is retried on a fixed row set otherwise). */
const modelArb = fc.tuple(logisticRowsArb, fc.double({ min: 0, max: 2, noNaN: true })).map(([rows, penalty]) => {
  const fixed = [{ x1: 1, x2: 0, y: 0 }, { x1: 2, x2: 1, y: 1 }, { x1: 3, x2: 0, y: 1 }, { x1: 4, x2: 2, y: 0 }];
  try {
    return fitLogisticRegression([...fixed, ...rows], { outcome: "y", features: ["x1", "x2"], penalty });
  } catch {
    return fitLogisticRegression(fixed, { outcome: "y", features: ["x1", "x2"], penalty });
  }
});
const scoreArb = fc.oneof(
  { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 4 }).map((k) => k / 4), weight: 3 },
  { arbitrary: fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, -1e300), weight: 1 },
);

const churnFeatureArb = fc.oneof(
  { arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }), weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 5 }), weight: 3 },
  { arbitrary: fc.constantFrom(1e300, -1e300, 5e-324, 0), weight: 1 },
);
const DEFINITION = { snapshotAt: "2024-01-01T00:00:00.000Z", start: null, windowEnd: "2024-04-01T00:00:00.000Z", windowDays: 91, label: "churned: no purchase in [snapshotAt, windowEnd)" };
/** A labelled snapshot: features r (numeric), f (small counts), flag (0/1); unique ids. */
const snapshotArb = fc
  .array(fc.record({ r: churnFeatureArb, f: fc.integer({ min: 0, max: 6 }), flag: fc.constantFrom(0, 1), churned: fc.boolean() }), { maxLength: 40 })
  .map((rows) => {
    const fixed = [
      { r: 1, f: 0, flag: 0, churned: false }, { r: 9, f: 1, flag: 1, churned: true }, { r: 4, f: 3, flag: 0, churned: true }, { r: 2, f: 2, flag: 1, churned: false },
    ];
    const all = [...fixed, ...rows].map((x, i) => ({ customerId: i % 3 === 0 ? `c${i}` : i, features: { r: x.r, f: x.f, flag: x.flag }, churned: x.churned }));
    return { definition: DEFINITION, unit: "day" as const, featureNames: ["r", "f", "flag"], rows: all, customers: all.length, churners: all.filter((x) => x.churned).length };
  });
const churnModelArb = fc.tuple(snapshotArb, fc.double({ min: 0.01, max: 2, noNaN: true })).map(([snapshot, penalty]) => fitChurnModel(snapshot, { minClassSize: 1, penalty }));

export const MODEL_CASES = {
  fitLogisticRegression: { valid: fc.tuple(logisticRowsArb, logisticOptionsArb) },
  predictLogistic: { valid: fc.tuple(modelArb, fc.record({ x1: featureArb, x2: featureArb })) },
  evaluateClassifier: {
    valid: fc.tuple(
      fc.array(fc.record({ score: scoreArb, outcome: fc.boolean() }), { maxLength: 60 }),
      fc.record({ confidence: fc.double({ min: 0.01, max: 0.999, noNaN: true }), k: fc.array(fc.integer({ min: 1, max: 80 }), { maxLength: 4 }) }, { requiredKeys: [] }),
    ),
  },
  churnFeatures: {
    valid: fc.tuple(
      transactionsArb,
      fc.record(
        { snapshotAt: timeArb, activityWindowDays: fc.integer({ min: 1, max: 60 }), rules: fc.constantFrom([inactivityRule({ days: 14 })], []) },
        { requiredKeys: ["snapshotAt"] },
      ),
    ),
  },
  labelledSnapshot: {
    valid: fc.tuple(
      transactionsArb,
      fc.oneof(
        fc.record({ snapshotAt: timeArb, windowDays: fc.integer({ min: 1, max: 400 }) }),
        fc.record({ snapshotAt: fc.constant("2023-03-01"), windowEnd: fc.constantFrom("2023-06-01", "2024-01-01") }),
        fc.record({
          snapshotAt: timeArb,
          windowDays: fc.integer({ min: 1, max: 400 }),
          label: fc.constant("activity"),
          activity: fc.uniqueArray(fc.record({ customerId: idArb, events: fc.array(fc.record({ type: fc.constantFrom("login", "survey"), at: timeArb, score: fc.integer({ min: 0, max: 10 }) }, { requiredKeys: ["type", "at"] }), { maxLength: 6 }) }), { selector: (c) => c.customerId, maxLength: 10 }),
        }),
      ),
    ),
  },
  fitChurnModel: {
    valid: fc.tuple(
      snapshotArb,
      fc.record(
        { features: fc.constantFrom(["r", "f"], ["flag"], ["f", "flag", "r"]), penalty: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })), minClassSize: fc.integer({ min: 1, max: 12 }), maxIterations: fc.integer({ min: 1, max: 60 }) },
        { requiredKeys: [] },
      ),
    ),
  },
  scoreChurn: {
    valid: fc.tuple(
      churnModelArb,
      fc.array(fc.record({ customerId: fc.integer({ min: 0, max: 50 }), features: fc.record({ r: churnFeatureArb, f: churnFeatureArb, flag: churnFeatureArb }) }), { maxLength: 30 }),
      fc.record({ reasons: fc.integer({ min: 0, max: 5 }) }, { requiredKeys: [] }),
    ),
  },
  churnDrivers: {
    valid: fc.tuple(
      snapshotArb,
      fc.oneof(
        fc.record({ model: fc.constant(null), thresholds: fc.record({ r: churnFeatureArb }, { requiredKeys: [] }), confidence: fc.double({ min: 0.5, max: 0.999, noNaN: true }) }, { requiredKeys: ["model"] }),
        fc.record({ minClassSize: fc.integer({ min: 1, max: 5 }), penalty: fc.double({ min: 0, max: 5, noNaN: true }), features: fc.constantFrom(["r", "f"], ["flag"]) }, { requiredKeys: [] }),
      ),
    ),
  },
};
