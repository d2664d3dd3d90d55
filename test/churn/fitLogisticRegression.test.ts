import { describe, expect, it } from "vitest";
import { fitLogisticRegression, predictLogistic, type LogisticModel } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

// A 2×2 table: x = 0 has 1 event in 4, x = 1 has 3 events in 4. The MLE is the table's log-odds:
// intercept = log(1/3), slope = log 3 − log(1/3) = 2·log 3; Woolf's standard errors √(1/1 + 1/3) and
// √(1 + 1/3 + 1/3 + 1); deviance −2·2·(log ¼ + 3·log ¾).
const table = [0, 0, 0, 0, 1, 1, 1, 1].map((x, i) => ({ x, y: [1, 0, 0, 0, 1, 1, 1, 0][i] === 1 }));

describe("fitLogisticRegression", () => {
  it("gives the log-odds of a 2×2 table, with Woolf's standard errors and the table's deviance", () => {
    const m = fitLogisticRegression(table, { outcome: "y", features: ["x"] });
    expect(m.converged).toBe(true);
    expect(m.coefficients.intercept).toBeCloseTo(Math.log(1 / 3), 12);
    expect(m.coefficients.x).toBeCloseTo(2 * Math.log(3), 12);
    expect(m.standardErrors.intercept).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(m.standardErrors.x).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(m.deviance).toBeCloseTo(-4 * (Math.log(0.25) + 3 * Math.log(0.75)), 12);
    expect(m.nullDeviance).toBeCloseTo(16 * Math.log(2), 12);
    expect(m.aic).toBeCloseTo(m.deviance + 4, 12);
    expect(m.n).toBe(8);
    expect(m.reason).toBeNull();
  });

  it("reads 0/1 outcomes as booleans, and whole-number weights as repeated rows", () => {
    const numeric = fitLogisticRegression(table.map((r) => ({ x: r.x, y: r.y ? 1 : 0 })), { outcome: "y", features: ["x"] });
    const weighted = fitLogisticRegression(
      [{ x: 0, y: 1, w: 1 }, { x: 0, y: 0, w: 3 }, { x: 1, y: 1, w: 3 }, { x: 1, y: 0, w: 1 }, { x: 5, y: 1, w: 0 }],
      { outcome: "y", features: ["x"], weights: "w" },
    );
    const plain = fitLogisticRegression(table, { outcome: "y", features: ["x"] });
    expect(numeric.coefficients).toEqual(plain.coefficients);
    expect(weighted.coefficients.x).toBeCloseTo(plain.coefficients.x!, 12);
    expect(weighted.standardErrors.x).toBeCloseTo(plain.standardErrors.x!, 12);
    expect(weighted.deviance).toBeCloseTo(plain.deviance, 12);
    expect(weighted.n).toBe(4); // the weight-0 row is left out
  });

  it("fits an intercept-only model with no features: the log-odds of the event rate", () => {
    const m = fitLogisticRegression(table, { outcome: "y", features: [] });
    expect(m.coefficients).toEqual({ intercept: 0 });
    expect(m.deviance).toBeCloseTo(m.nullDeviance, 12);
  });

  it("shrinks the slopes, not the intercept, with a penalty; a larger penalty shrinks more", () => {
    const free = fitLogisticRegression(table, { outcome: "y", features: ["x"] });
    const some = fitLogisticRegression(table, { outcome: "y", features: ["x"], penalty: 1 });
    const more = fitLogisticRegression(table, { outcome: "y", features: ["x"], penalty: 10 });
    expect(Math.abs(some.coefficients.x!)).toBeLessThan(Math.abs(free.coefficients.x!));
    expect(Math.abs(more.coefficients.x!)).toBeLessThan(Math.abs(some.coefficients.x!));
    // The intercept stays at the value that makes the mean prediction the event rate (x̄ = ½ here, ½ events).
    expect(more.coefficients.intercept! + more.coefficients.x! / 2).toBeCloseTo(0, 10);
    expect(more.penalty).toBe(10);
    // Stationarity of ℓ(β) − ½·λ·(β·s)², s = sd(x) = ½: Σ (y − p)·x = λ·β·s².
    const p = (x: number): number => predictLogistic(more, { x });
    const score = table.reduce((s, r) => s + ((r.y ? 1 : 0) - p(r.x)) * r.x, 0);
    expect(score).toBeCloseTo(10 * more.coefficients.x! * 0.25, 10);
  });

  it("reports separation with converged: false, finite coefficients, null standard errors and the feature named", () => {
    const rows = [
      { a: 1, b: 0.3, y: 0 }, { a: 2, b: 0.1, y: 0 }, { a: 3, b: 0.4, y: 0 },
      { a: 4, b: 0.2, y: 1 }, { a: 5, b: 0.5, y: 1 }, { a: 6, b: 0.3, y: 1 },
    ];
    const m = fitLogisticRegression(rows, { outcome: "y", features: ["b", "a"] });
    expect(m.converged).toBe(false);
    expect(m.reason).toMatch(/^complete or quasi-complete separation: the coefficient of "a" diverges/);
    expect(Object.values(m.coefficients).every(Number.isFinite)).toBe(true);
    expect(m.standardErrors).toEqual({ intercept: null, b: null, a: null });
    expect(m.pValues.a).toBeNull();
    // A penalty gives a finite estimate.
    expect(fitLogisticRegression(rows, { outcome: "y", features: ["b", "a"], penalty: 0.1 }).converged).toBe(true);
  });

  it("reports quasi-complete separation (events and non-events overlap at one value only)", () => {
    const rows = [
      { a: 1, y: 0 }, { a: 2, y: 0 }, { a: 3, y: 0 }, { a: 3, y: 1 }, { a: 4, y: 1 }, { a: 5, y: 1 },
    ];
    const m = fitLogisticRegression(rows, { outcome: "y", features: ["a"] });
    expect(m.converged).toBe(false);
    expect(m.reason).toMatch(/separation: the coefficient of "a" diverges/);
  });

  it("refuses a constant feature, naming it", () => {
    const rows = table.map((r) => ({ ...r, c: 7 }));
    expect(codeAndPath(() => fitLogisticRegression(rows, { outcome: "y", features: ["x", "c"] }))).toEqual(["INVALID_INPUT", "options.features[1]"]);
    expect(() => fitLogisticRegression(rows, { outcome: "y", features: ["x", "c"] })).toThrow(/fitLogisticRegression: feature "c" is constant/);
  });

  it("refuses collinear features at penalty 0, naming the later one", () => {
    const rows = table.map((r, i) => ({ ...r, z: i % 3, twice: 2 * r.x + 1 }));
    expect(codeAndPath(() => fitLogisticRegression(rows, { outcome: "y", features: ["x", "z", "twice"] }))).toEqual(["INVALID_INPUT", "options.features[2]"]);
    expect(fitLogisticRegression(rows, { outcome: "y", features: ["x", "z", "twice"], penalty: 1 }).converged).toBe(true);
  });

  it("refuses collinear features at a penalty too small to make the information invertible (1e-9)", () => {
    const rows = table.map((r, i) => ({ ...r, z: i % 3, twice: 2 * r.x + 1 }));
    expect(codeAndPath(() => fitLogisticRegression(rows, { outcome: "y", features: ["x", "z", "twice"], penalty: 1e-9 }))).toEqual(["INVALID_INPUT", "options.features[2]"]);
  });

  it("refuses weights that sum to more than 1e15", () => {
    const rows = table.map((r) => ({ ...r, w: 1e300 }));
    expect(codeAndPath(() => fitLogisticRegression(rows, { outcome: "y", features: ["x"], weights: "w" }))).toEqual(["OUT_OF_RANGE", "rows"]);
  });

  it("refuses a feature missing in a row, and one that is not a number", () => {
    const rows: Record<string, unknown>[] = table.map((r) => ({ ...r }));
    delete rows[3]!.x;
    expect(codeAndPath(() => fitLogisticRegression(rows, { outcome: "y", features: ["x"] }))).toEqual(["INVALID_TYPE", "rows[3].x"]);
    expect(() => fitLogisticRegression(rows, { outcome: "y", features: ["x"] })).toThrow(/rows\[3\]\.x is missing/);
    rows[3]!.x = "2";
    expect(codeAndPath(() => fitLogisticRegression(rows, { outcome: "y", features: ["x"] }))).toEqual(["INVALID_TYPE", "rows[3].x"]);
    rows[3]!.x = Number.NaN;
    expect(codeAndPath(() => fitLogisticRegression(rows, { outcome: "y", features: ["x"] }))).toEqual(["INVALID_NUMBER", "rows[3].x"]);
    // An inherited member is not a field.
    expect(codeAndPath(() => fitLogisticRegression(table, { outcome: "y", features: ["toString"] }))).toEqual(["INVALID_TYPE", "rows[0].toString"]);
  });

  it("refuses an outcome that is not boolean or 0/1", () => {
    for (const bad of [2, "1", null, 0.5]) {
      const rows = table.map((r, i) => (i === 5 ? { x: r.x, y: bad } : r));
      expect(codeAndPath(() => fitLogisticRegression(rows, { outcome: "y", features: ["x"] }))).toEqual(["INVALID_TYPE", "rows[5].y"]);
    }
  });

  it("refuses rows with no events, or no non-events, and empty input", () => {
    const none = table.map((r) => ({ ...r, y: false }));
    const all = table.map((r) => ({ ...r, y: true }));
    expect(codeAndPath(() => fitLogisticRegression(none, { outcome: "y", features: ["x"] }))).toEqual(["INSUFFICIENT_DATA", "rows"]);
    expect(() => fitLogisticRegression(all, { outcome: "y", features: ["x"] })).toThrow(/no non-events/);
    expect(codeAndPath(() => fitLogisticRegression([], { outcome: "y", features: ["x"] }))).toEqual(["EMPTY_INPUT", "rows"]);
  });

  it("refuses bad options with coded errors", () => {
    const f = (o: unknown): [string, string | null] => codeAndPath(() => fitLogisticRegression(table, o as never));
    expect(f(undefined)).toEqual(["INVALID_OPTION", "options"]);
    expect(f({ outcome: "y", features: ["x"], penalti: 1 })).toEqual(["UNKNOWN_OPTION", "options.penalti"]);
    expect(f({ outcome: "y", features: ["x", "x"] })).toEqual(["INVALID_OPTION", "options.features[1]"]);
    expect(f({ outcome: "y", features: ["y"] })).toEqual(["INVALID_OPTION", "options.features[0]"]);
    expect(f({ outcome: "y", features: ["intercept"] })).toEqual(["INVALID_OPTION", "options.features[0]"]);
    expect(f({ outcome: "y", features: "x" })).toEqual(["INVALID_TYPE", "options.features"]);
    expect(f({ outcome: "y", features: ["x"], penalty: -1 })).toEqual(["OUT_OF_RANGE", "options.penalty"]);
    expect(f({ outcome: "y", features: ["x"], maxIterations: 0 })).toEqual(["OUT_OF_RANGE", "options.maxIterations"]);
    expect(f({ outcome: "y", features: ["x"], maxIterations: 2.5 })).toEqual(["NOT_INTEGER", "options.maxIterations"]);
    expect(f({ outcome: "", features: ["x"] })).toEqual(["INVALID_OPTION", "options.outcome"]);
  });

  it("reports an iteration limit reached with converged: false and the reason", () => {
    const rows = [...table, { x: 0.5, y: true }, { x: 0.2, y: false }];
    const m = fitLogisticRegression(rows, { outcome: "y", features: ["x"], maxIterations: 1 });
    expect(m.converged).toBe(false);
    expect(m.reason).toBe("did not converge in 1 iterations");
    expect(m.iterations).toBe(1);
  });

  it("does not mutate its input", () => {
    const rows = table.map((r) => Object.freeze({ ...r }));
    const features = Object.freeze(["x"]);
    expect(() => fitLogisticRegression(Object.freeze(rows), Object.freeze({ outcome: "y", features }))).not.toThrow();
  });
});

describe("predictLogistic", () => {
  const m = fitLogisticRegression(table, { outcome: "y", features: ["x"] });
  it("gives the fitted probabilities: ¼ at x = 0 and ¾ at x = 1", () => {
    expect(predictLogistic(m, { x: 0 })).toBeCloseTo(0.25, 12);
    expect(predictLogistic(m, { x: 1 })).toBeCloseTo(0.75, 12);
  });

  it("gives 0 or 1, never NaN, at extreme feature values", () => {
    expect(predictLogistic(m, { x: 1e308 })).toBe(1);
    expect(predictLogistic(m, { x: -1e308 })).toBe(0);
  });

  it("works on a model read back from JSON", () => {
    const back = JSON.parse(JSON.stringify(m)) as LogisticModel;
    expect(predictLogistic(back, { x: 1 })).toBe(predictLogistic(m, { x: 1 }));
  });

  it("refuses a row without a feature, and a model that is not logistic", () => {
    expect(codeAndPath(() => predictLogistic(m, { z: 1 }))).toEqual(["INVALID_TYPE", "row.x"]);
    expect(codeAndPath(() => predictLogistic({ ...m, model: "bg-nbd" } as never, { x: 1 }))).toEqual(["INVALID_MODEL", "model.model"]);
    expect(codeAndPath(() => predictLogistic({ ...m, coefficients: { intercept: 1 } }, { x: 1 }))).toEqual(["INVALID_MODEL", "model.coefficients.x"]);
  });
});
