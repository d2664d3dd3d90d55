// predictionIntervals: the estimates are the point predictions, the bounds are those of the delta method or
// of seeded draws, and a model without a usable covariance gets null bounds with a reason.
import { describe, expect, it } from "vitest";
import {
  conditionalExpectedPurchases, customerLifetimeValue, discountedExpectedTransactions, expectedCumulativeTransactions, fitBgBb,
  fitBgNbd, fitGammaGamma, fitParetoNbd, predictionIntervals, probabilityAlive, type ModelWithCovariance,
} from "../../src/index.js";
import { normalQuantile } from "../../src/internal/normal.js";
import { codeAndPath } from "../helpers/errors.js";
import { cdnowSummary } from "./cdnowFixtures.js";

// The CDNOW BG/NBD fit's parameters with R's covariance (test/fixtures/covariance/cdnow.json, 3 digits).
const bg: ModelWithCovariance = {
  model: "bg-nbd", params: { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }, unit: "week",
  covariance: { names: ["r", "alpha", "a", "b"], matrix: [
    [0.000158, 0.00371, -0.0000878, 0.0000656], [0.00371, 0.143, -0.00287, 0.0105],
    [-0.0000878, -0.00287, 0.0345, 0.123], [0.0000656, 0.0105, 0.123, 0.498]] },
};
const customer = { frequency: 2, recency: 30.43, T: 38.86 };

describe("predictionIntervals", () => {
  it("gives as estimates exactly the point predictions of a fitted CDNOW model", () => {
    const rows = cdnowSummary().slice(0, 80).map((r, i) => ({ ...r, customerId: i, monetaryValue: r.frequency > 0 ? 10 + (i % 17) * 3 : 0 }));
    const fit = fitBgNbd(cdnowSummary());
    const gg = fitGammaGamma(rows.filter((r) => r.frequency > 0));
    const births = [0, 0.5, 3, 7];
    const res = predictionIntervals(fit, rows, {
      method: "delta", horizon: 26, continuousDiscountRate: 0.01,
      clv: { spendModel: gg, horizon: 12, discountRate: 0.01, unit: "week" }, cumulative: { births, times: [10, 40] },
    });
    const clv = customerLifetimeValue(fit, gg, rows, { horizon: 12, discountRate: 0.01, unit: "week" });
    res.customers.forEach((c, i) => {
      expect(c.customerId).toBe(i);
      expect(c.probabilityAlive.estimate).toBe(probabilityAlive(fit, rows[i]!));
      expect(c.expectedPurchases!.estimate).toBe(conditionalExpectedPurchases(fit, rows[i]!, 26));
      expect(c.dert!.estimate).toBe(discountedExpectedTransactions(fit, rows[i]!, { continuousDiscountRate: 0.01 }));
      expect(c.clv!.estimate).toBeCloseTo(clv[i]!.clv!, 12);
      for (const q of [c.probabilityAlive, c.expectedPurchases!, c.dert!, c.clv!]) {
        expect(q.lower).not.toBeNull();
        expect(q.lower!).toBeLessThanOrEqual(q.estimate);
        expect(q.upper!).toBeGreaterThanOrEqual(q.estimate);
      }
    });
    expect(res.cumulativeTransactions!.map((c) => c.estimate)).toEqual(expectedCumulativeTransactions(fit, births, [10, 40]));
    expect(res.reason).toBeNull();
  });

  it("computes the delta method on the logit scale of P(alive) (checked by hand from central differences)", () => {
    const c = predictionIntervals(bg, [customer], { method: "delta", level: 0.9 }).customers[0]!.probabilityAlive;
    // By hand: ∂ logit P / ∂ ln θ_k by central differences, Var = ∇ᵀ Σ_φ ∇ with Σ_φ,kl = Σ_kl/(θ_k θ_l).
    const names = ["r", "alpha", "a", "b"] as const;
    const theta = names.map((k) => (bg.params as unknown as Record<string, number>)[k]!);
    const logit = (p: number): number => Math.log(p / (1 - p));
    const at = (k: number, h: number): number => {
      const params = Object.fromEntries(names.map((n, j) => [n, j === k ? theta[j]! * Math.exp(h) : theta[j]!]));
      return logit(probabilityAlive({ model: "bg-nbd", params: params as never }, customer));
    };
    const g = names.map((_, k) => (at(k, 1e-4) - at(k, -1e-4)) / 2e-4);
    let variance = 0;
    g.forEach((gk, k) => g.forEach((gl, l) => (variance += (gk * gl * bg.covariance!.matrix[k]![l]!) / (theta[k]! * theta[l]!))));
    const z = normalQuantile(0.95);
    const centre = logit(c.estimate);
    expect(c.lower!).toBeCloseTo(1 / (1 + Math.exp(-(centre - z * Math.sqrt(variance)))), 12);
    expect(c.upper!).toBeCloseTo(1 / (1 + Math.exp(-(centre + z * Math.sqrt(variance)))), 12);
    expect([c.estimate, c.lower, c.upper].map((v) => v!.toFixed(3))).toEqual(["0.727", "0.699", "0.753"]);
  });

  it("gives sampling intervals close to the delta method's when the estimate is precise", () => {
    const d = predictionIntervals(bg, [customer], { method: "delta", horizon: 39 }).customers[0]!;
    const s = predictionIntervals(bg, [customer], { draws: 4000, seed: 3, horizon: 39 }).customers[0]!;
    for (const [a, b] of [[d.probabilityAlive, s.probabilityAlive], [d.expectedPurchases!, s.expectedPurchases!]] as const) {
      const width = a.upper! - a.lower!;
      expect(Math.abs(a.lower! - b.lower!)).toBeLessThan(0.05 * width);
      expect(Math.abs(a.upper! - b.upper!)).toBeLessThan(0.05 * width);
    }
  });

  it("gives the same numbers for the same seed, other numbers for another, and per customer whatever the row order", () => {
    const rows = cdnowSummary().slice(0, 40);
    const a = predictionIntervals(bg, rows, { draws: 200, seed: 11, horizon: 10 });
    expect(predictionIntervals(bg, rows, { draws: 200, seed: 11, horizon: 10 })).toEqual(a);
    expect(predictionIntervals(bg, rows, { draws: 200, seed: 12, horizon: 10 }).customers[0]!.probabilityAlive).not.toEqual(a.customers[0]!.probabilityAlive);
    const reversed = predictionIntervals(bg, rows.slice().reverse(), { draws: 200, seed: 11, horizon: 10 });
    expect(reversed.customers.slice().reverse()).toEqual(a.customers);
  });

  it("widens with the level and narrows with the covariance", () => {
    const at = (level: number, scale: number) => {
      const m = { ...bg, covariance: { names: bg.covariance!.names, matrix: bg.covariance!.matrix.map((r) => r.map((v) => v * scale)) } };
      const c = predictionIntervals(m, [customer], { method: "delta", level }).customers[0]!.probabilityAlive;
      return c.upper! - c.lower!;
    };
    expect(at(0.95, 1)).toBeGreaterThan(at(0.9, 1));
    expect(at(0.9, 0.25)).toBeLessThan(at(0.9, 1));
    expect(at(0.9, 0.25) / at(0.9, 1)).toBeCloseTo(0.5, 2);
  });

  it("gives lower = upper = estimate where the prediction does not depend on the parameters", () => {
    // A BG/NBD customer without repeat purchases is alive for sure.
    for (const method of ["delta", "sampling"] as const) {
      const c = predictionIntervals(bg, [{ frequency: 0, recency: 0, T: 20 }], { method, draws: 50 }).customers[0]!.probabilityAlive;
      expect(c).toEqual({ estimate: 1, lower: 1, upper: 1 });
    }
  });

  it("gives null bounds and a reason without a covariance, or with one that is not positive definite", () => {
    const { covariance: _c, ...plain } = bg;
    const none = predictionIntervals(plain as ModelWithCovariance, [customer], { horizon: 5 });
    expect(none.customers[0]!.probabilityAlive.lower).toBeNull();
    expect(none.customers[0]!.expectedPurchases).toEqual({ estimate: conditionalExpectedPurchases(bg, customer, 5), lower: null, upper: null });
    expect(none.reason).toMatch(/no covariance/);
    expect(none.draws).toBe(0);
    const singular = { ...bg, covariance: { names: ["r", "alpha", "a", "b"], matrix: [[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] } };
    const s = predictionIntervals(singular, [customer], { method: "delta" });
    expect(s.customers[0]!.probabilityAlive.upper).toBeNull();
    expect(s.reason).toMatch(/not positive definite/);
    // A fit that cannot identify its parameters has covariance null: null bounds, never NaN.
    const fit = fitBgNbd([{ frequency: 0, recency: 0, T: 10 }, { frequency: 0, recency: 0, T: 12 }]);
    const r = predictionIntervals(fit, [customer], { horizon: 3 });
    expect(JSON.stringify(r)).not.toMatch(/NaN|null,"upper":[0-9]/);
    expect(r.customers[0]!.probabilityAlive.lower).toBeNull();
  });

  it("works for Pareto/NBD and BG/BB fits", () => {
    const pn = fitParetoNbd(cdnowSummary());
    const p = predictionIntervals(pn, [customer], { method: "delta", horizon: 39 }).customers[0]!;
    expect(p.probabilityAlive.lower!).toBeLessThan(p.probabilityAlive.estimate);
    const bb = fitBgBb([
      { frequency: 0, recency: 0, n: 6, weight: 3464 }, { frequency: 1, recency: 1, n: 6, weight: 1091 },
      { frequency: 1, recency: 6, n: 6, weight: 200 }, { frequency: 2, recency: 4, n: 6, weight: 410 },
      { frequency: 3, recency: 5, n: 6, weight: 300 }, { frequency: 6, recency: 6, n: 6, weight: 1203 },
      { frequency: 4, recency: 6, n: 6, weight: 350 }, { frequency: 2, recency: 6, n: 6, weight: 290 },
    ]);
    const b = predictionIntervals(bb, [{ frequency: 3, recency: 4, n: 6 }], { draws: 300, horizon: 5, discountRate: 0.1 }).customers[0]!;
    expect(b.dert!.estimate).toBe(discountedExpectedTransactions(bb, { frequency: 3, recency: 4, n: 6 }, { discountRate: 0.1 }));
    expect(b.dert!.lower!).toBeLessThan(b.dert!.estimate);
    expect(b.dert!.upper!).toBeGreaterThan(b.dert!.estimate);
  });

  it("notes a spend model without covariance and holds its parameters fixed", () => {
    const r = predictionIntervals(bg, [{ ...customer, monetaryValue: 20 }], {
      method: "delta", clv: { spendModel: { model: "gamma-gamma", params: { p: 6.25, q: 3.74, v: 15.44 } }, horizon: 12 },
    });
    expect(r.reason).toMatch(/spendModel has no covariance/);
    expect(r.customers[0]!.clv!.lower!).toBeLessThan(r.customers[0]!.clv!.estimate);
  });

  it("refuses bad options and malformed covariances with coded errors", () => {
    expect(codeAndPath(() => predictionIntervals(bg, [customer], { level: 90 }))).toEqual(["OUT_OF_RANGE", "options.level"]);
    expect(() => predictionIntervals(bg, [customer], { level: 90 })).toThrow(/did you mean 0.9/);
    expect(codeAndPath(() => predictionIntervals(bg, [customer], { draws: 5 }))).toEqual(["OUT_OF_RANGE", "options.draws"]);
    expect(codeAndPath(() => predictionIntervals(bg, [customer], { draws: 10.5 }))).toEqual(["NOT_INTEGER", "options.draws"]);
    expect(codeAndPath(() => predictionIntervals(bg, [customer], { seed: -1 }))).toEqual(["OUT_OF_RANGE", "options.seed"]);
    expect(codeAndPath(() => predictionIntervals(bg, [customer], { method: "bootstrap" as never }))).toEqual(["INVALID_OPTION", "options.method"]);
    expect(codeAndPath(() => predictionIntervals(bg, [customer], { draw: 10 } as never))).toEqual(["UNKNOWN_OPTION", "options.draw"]);
    expect(codeAndPath(() => predictionIntervals(bg, [customer], { discountRate: 0.1 }))).toEqual(["INVALID_OPTION", "options.discountRate"]);
    expect(codeAndPath(() => predictionIntervals(bg, [customer], { clv: { spendModel: 20, horizon: 12, unit: "day" } }))).toEqual(["UNIT_MISMATCH", "options.clv.unit"]);
    expect(codeAndPath(() => predictionIntervals(bg, [{ frequency: 1, recency: 5, T: 4 }]))).toEqual(["INCONSISTENT_COUNTS", "customers[0].recency"]);
    const bad = (matrix: unknown, names: unknown = ["r", "alpha", "a", "b"]) => ({ ...bg, covariance: { names, matrix } }) as ModelWithCovariance;
    const m = bg.covariance!.matrix;
    expect(codeAndPath(() => predictionIntervals(bad(m, ["r", "alpha", "a", "c"]), [customer]))).toEqual(["INVALID_PARAMETER", "model.covariance.names"]);
    expect(codeAndPath(() => predictionIntervals(bad([m[0], m[1], m[2], [0, 0, 0, Number.NaN]]), [customer]))).toEqual(["INVALID_PARAMETER", "model.covariance.matrix[3][3]"]);
    expect(codeAndPath(() => predictionIntervals(bad([m[0], m[1], m[2], [1, 0.0105, 0.123, 0.498]]), [customer]))).toEqual(["INVALID_PARAMETER", "model.covariance.matrix[3][0]"]);
  });

  it("bounds its work: draws × distinct customers beyond the budget is OUT_OF_RANGE at options.draws", () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ frequency: 1, recency: 1 + i / 10, T: 30 }));
    expect(codeAndPath(() => predictionIntervals(bg, many, { draws: 1000, continuousDiscountRate: 0.01 }))).toEqual(["OUT_OF_RANGE", "options.draws"]);
    expect(() => predictionIntervals(bg, many, { draws: 1000, continuousDiscountRate: 0.01 })).toThrow(/method: "delta"/);
    // The same customers many times over are one pattern: no more work.
    const same = Array.from({ length: 10_000 }, () => customer);
    expect(predictionIntervals(bg, same, { draws: 1000, horizon: 5 }).customers).toHaveLength(10_000);
  });

  it("does not mutate its inputs", () => {
    const rows = [{ ...customer }];
    const model = JSON.parse(JSON.stringify(bg)) as ModelWithCovariance;
    const births = [3, 1, 2];
    predictionIntervals(model, rows, { draws: 20, cumulative: { births, times: [5] } });
    expect(rows).toEqual([customer]);
    expect(model).toEqual(bg);
    expect(births).toEqual([3, 1, 2]);
  });
});
