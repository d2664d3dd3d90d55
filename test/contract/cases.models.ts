// Contract cases for the churn models: logistic regression, its predictions and classifier evaluation.
import fc from "fast-check";
import { fitLogisticRegression } from "../../src/index.js";

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

export const MODEL_CASES = {
  fitLogisticRegression: { valid: fc.tuple(logisticRowsArb, logisticOptionsArb) },
  predictLogistic: { valid: fc.tuple(modelArb, fc.record({ x1: featureArb, x2: featureArb })) },
  evaluateClassifier: {
    valid: fc.tuple(
      fc.array(fc.record({ score: scoreArb, outcome: fc.boolean() }), { maxLength: 60 }),
      fc.record({ confidence: fc.double({ min: 0.01, max: 0.999, noNaN: true }), k: fc.array(fc.integer({ min: 1, max: 80 }), { maxLength: 4 }) }, { requiredKeys: [] }),
    ),
  },
};
