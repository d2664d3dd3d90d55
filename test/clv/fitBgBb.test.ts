import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, expectedPurchases, fitBgBb, probabilityAlive, probabilityOfPurchases } from "../../src/index.js";
import { bgBbAliveOpportunities, bgBbConditionalExpectedPurchases, bgBbLogLikelihood } from "../../src/clv/bgBbMath.js";
import { donations, thrown } from "./moreFixtures.js";

const published = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

describe("fitBgBb on the donations cohort of Fader, Hardie & Shang (2010)", () => {
  const rows = donations();
  const fit = fitBgBb(rows);

  it("reproduces the published estimates α 1.204, β 0.750, γ 0.657, δ 2.783 and LL −33,225.6", () => {
    expect(fit.model).toBe("bg-bb");
    expect(fit.converged).toBe(true);
    expect(fit.reason).toBeNull();
    for (const k of ["alpha", "beta", "gamma", "delta"] as const) {
      expect(Math.abs(fit.params[k] - published[k])).toBeLessThan(0.0006);
    }
    expect(fit.logLikelihood).toBeCloseTo(-33225.6, 1);
    expect(fit.customers).toBe(11104);
  });

  it("predicts 12,884.2 total repeat donations over the next five years, as the paper's spreadsheet", () => {
    const model = { model: "bg-bb" as const, params: fit.params };
    const total = rows.reduce((s, r) => s + r.weight * conditionalExpectedPurchases(model, r, 5), 0);
    expect(total).toBeCloseTo(12884.2, 0);
    expect(Math.abs(total - 12884.2)).toBeLessThan(0.1);
  });

  it("returns plain data that survives a JSON round trip", () => {
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });

  it("gives finite, positive standard errors", () => {
    for (const v of Object.values(fit.standardErrors)) expect(v).toBeGreaterThan(0);
  });

  it("does not mutate its input", () => {
    const copy = structuredClone(rows);
    fitBgBb(Object.freeze(rows.map((r) => Object.freeze({ ...r }))));
    expect(rows).toEqual(copy);
  });

  it("gives the same fit for one weighted row as for the same customers split across rows", () => {
    const split = rows.flatMap((r) => [{ ...r, weight: Math.floor(r.weight / 3) }, { ...r, weight: r.weight - Math.floor(r.weight / 3) }]);
    const f2 = fitBgBb(split);
    for (const k of ["alpha", "beta", "gamma", "delta"] as const) expect(f2.params[k]).toBeCloseTo(fit.params[k], 6);
    expect(f2.logLikelihood).toBeCloseTo(fit.logLikelihood, 6);
  });
});

describe("BG/BB predictions", () => {
  const model = { model: "bg-bb" as const, params: published };

  it("computes E[X(n)] for a new customer as α/(α+β) Σ_t E[(1−θ)^t]", () => {
    let direct = 0;
    for (let t = 1; t <= 6; t++) direct += Math.exp(lbeta(0.657, 2.783 + t) - lbeta(0.657, 2.783));
    expect(expectedPurchases(model, 6)).toBeCloseTo((1.204 / 1.954) * direct, 12);
  });

  it("agrees between the closed form and the plain sum of alive opportunities, including γ = 1", () => {
    for (const [g, d] of [[0.657, 2.783], [1, 3], [1 + 1e-12, 3], [2.5, 0.4]] as const) {
      let s = 0;
      let term = 1;
      for (let t = 1; t <= 500; t++) {
        term *= (d + t - 1) / (g + d + t - 1);
        s += term;
      }
      expect(bgBbAliveOpportunities(g, d, 500)).toBeCloseTo(s, 9);
    }
  });

  it("gives P(X(n) = x) summing to 1 with mean E[X(n)]", () => {
    let total = 0;
    let mean = 0;
    for (let k = 0; k <= 10; k++) {
      const p = probabilityOfPurchases(model, k, 10);
      total += p;
      mean += k * p;
    }
    expect(total).toBeCloseTo(1, 12);
    expect(mean).toBeCloseTo(expectedPurchases(model, 10), 10);
    expect(probabilityOfPurchases(model, 11, 10)).toBe(0);
  });

  it("gives P(alive in period n+1) by eq. 11: 1 for a customer who bought at the last opportunity times the survival odds", () => {
    const p = probabilityAlive(model, { frequency: 6, recency: 6, n: 6 });
    // Bought at 6 ⇒ alive at 6; alive at 7 with E[1−θ | θ ~ Beta(γ, δ+6)].
    expect(p).toBeCloseTo((2.783 + 6) / (0.657 + 2.783 + 6), 12);
    const lapsed = probabilityAlive(model, { frequency: 1, recency: 1, n: 6 });
    expect(lapsed).toBeGreaterThan(0);
    expect(lapsed).toBeLessThan(p);
  });

  it("stays finite for huge opportunity counts and frequencies", () => {
    const p = published;
    for (const [x, tx, n] of [[0, 0, 5000], [5000, 5000, 5000], [1, 1, 5000], [2500, 4999, 5000]] as const) {
      expect(Number.isFinite(bgBbLogLikelihood(p, x, tx, n))).toBe(true);
      const e = bgBbConditionalExpectedPurchases(p, x, tx, n, 1e6);
      expect(Number.isFinite(e) && e >= 0).toBe(true);
    }
  });
});

describe("fitBgBb robustness", () => {
  it("fits a single customer without NaN and says the model is not identified", () => {
    const f = fitBgBb([{ frequency: 2, recency: 3, n: 4 }]);
    for (const v of Object.values(f.params)) expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(Number.isFinite(f.logLikelihood)).toBe(true);
    expect(f.converged).toBe(false);
    expect(f.reason).not.toBeNull();
  });

  it("reports no repeat purchases at all as not identified", () => {
    const f = fitBgBb([{ frequency: 0, recency: 0, n: 6, weight: 1000 }]);
    expect(f.converged).toBe(false);
    for (const v of Object.values(f.params)) expect(Number.isFinite(v)).toBe(true);
  });

  it("handles weights in the millions like the same proportions in units", () => {
    const rows = donations();
    const big = fitBgBb(rows.map((r) => ({ ...r, weight: r.weight * 1000 })));
    const base = fitBgBb(rows);
    expect(big.params.alpha).toBeCloseTo(base.params.alpha, 5);
    expect(big.customers).toBe(11_104_000);
    expect(big.standardErrors.alpha! * Math.sqrt(1000)).toBeCloseTo(base.standardErrors.alpha!, 4);
  });

  it("applies the L2 penalizer, pulling estimates towards 0", () => {
    const f = fitBgBb(donations(), { penalizer: 0.1 });
    expect(f.params.delta).toBeLessThan(2.7);
  });
});

describe("fitBgBb input errors", () => {
  it("throws coded errors with paths", () => {
    expect(thrown(() => fitBgBb([{ frequency: 1, recency: 0, n: 6 }]))).toMatchObject({ code: "INCONSISTENT_COUNTS", path: "rows[0].frequency" });
    expect(thrown(() => fitBgBb([{ frequency: 0, recency: 2, n: 6 }]))).toMatchObject({ code: "INCONSISTENT_COUNTS", path: "rows[0].recency" });
    expect(thrown(() => fitBgBb([{ frequency: 1, recency: 7, n: 6 }]))).toMatchObject({ code: "INCONSISTENT_COUNTS", path: "rows[0].recency" });
    expect(thrown(() => fitBgBb([{ frequency: 3, recency: 2, n: 6 }]))).toMatchObject({ code: "INCONSISTENT_COUNTS", path: "rows[0].frequency" });
    expect(thrown(() => fitBgBb([{ frequency: 1.5, recency: 2, n: 6 }]))).toMatchObject({ code: "NOT_INTEGER", path: "rows[0].frequency" });
    expect(thrown(() => fitBgBb([{ frequency: 1, recency: 2, n: Number.NaN }]))).toMatchObject({ code: "INVALID_NUMBER", path: "rows[0].n" });
    expect(thrown(() => fitBgBb([{ frequency: 1, recency: 2, n: 6, weight: -1 }]))).toMatchObject({ code: "NEGATIVE_VALUE", path: "rows[0].weight" });
    expect(thrown(() => fitBgBb([]))).toMatchObject({ code: "INSUFFICIENT_DATA" });
    expect(thrown(() => fitBgBb([{ frequency: 1, recency: 2, n: 6, weight: 0 }]))).toMatchObject({ code: "INSUFFICIENT_DATA" });
    expect(thrown(() => fitBgBb([{ frequency: 1, recency: 2, n: 6 }], { penalizer: -1 }))).toMatchObject({ code: "NEGATIVE_VALUE", path: "options.penalizer" });
    expect(thrown(() => fitBgBb([{ frequency: 1, recency: 2, n: 6 }], { initialParams: { alpha: 0, beta: 1, gamma: 1, delta: 1 } }))).toMatchObject({ code: "INVALID_PARAMETER", path: "options.initialParams.alpha" });
    expect(thrown(() => fitBgBb([{ frequency: 1, recency: 2, n: 6 }], { initialParams: { alpha: 0, beta: 1, gamma: 1, delta: 1 } })).message).toMatch(/^fitBgBb: /);
  });
});

function lbeta(a: number, b: number): number {
  // ln B(a, b) via the product formula is not needed: use lgamma from the same module the code uses.
  return lgammaLocal(a) + lgammaLocal(b) - lgammaLocal(a + b);
}

// Independent ln Γ for the check (Stirling with recurrence shift), so the test does not reuse the code's lgamma.
function lgammaLocal(x: number): number {
  let shift = 0;
  while (x < 20) {
    shift -= Math.log(x);
    x += 1;
  }
  return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}
