// Every fitter and prediction on degenerate and extreme data: no NaN or ±Infinity anywhere, and an honest
// `converged: false` with a reason when the data cannot identify the model.
import { describe, expect, it } from "vitest";
import {
  conditionalExpectedPurchases, expectedPurchases, fitBgNbd, fitModifiedBgNbd, fitParetoNbd, probabilityAlive, type RfRow,
} from "../../src/index.js";
import { cdnowSummary, rel } from "./cdnowFixtures.js";

const fitters = [
  ["fitBgNbd", fitBgNbd],
  ["fitModifiedBgNbd", fitModifiedBgNbd],
  ["fitParetoNbd", fitParetoNbd],
] as const;

type Fit = ReturnType<typeof fitBgNbd> | ReturnType<typeof fitModifiedBgNbd> | ReturnType<typeof fitParetoNbd>;

function allFinite(fit: Fit): boolean {
  const nums = [fit.logLikelihood, fit.customers, fit.iterations, ...Object.values(fit.params)];
  for (const se of Object.values(fit.standardErrors)) if (se !== null) nums.push(se);
  return nums.every(Number.isFinite);
}

function predictionsFinite(fit: Fit, rows: readonly RfRow[]): boolean {
  const cust = rows.slice(0, 50);
  return cust.every((c) => {
    const c0 = { frequency: c.frequency, recency: c.recency, T: c.T };
    const p = probabilityAlive(fit, c0);
    return p >= 0 && p <= 1 && Number.isFinite(conditionalExpectedPurchases(fit, c0, 52)) && Number.isFinite(expectedPurchases(fit, 52));
  });
}

const cdnow = cdnowSummary();
const days = cdnow.map((r) => ({ frequency: r.frequency, recency: (r.recency * 3650) / 39, T: (r.T * 3650) / 39 }));
const heavy = [
  ...cdnow,
  { frequency: 1500, recency: 38, T: 38.86 },
  { frequency: 3000, recency: 38.5, T: 38.86 },
  { frequency: 2200, recency: 20, T: 38.86 },
];

for (const [name, fit] of fitters) {
  describe(`${name} on degenerate data`, () => {
    it("flags a single customer as not identified, with finite numbers", () => {
      const f = fit([{ frequency: 3, recency: 20, T: 30 }]);
      expect(f.converged).toBe(false);
      expect(f.reason).toMatch(/not identified|ran off|Hessian/);
      expect(allFinite(f)).toBe(true);
    });

    it("flags data without repeat purchases as not identified", () => {
      const f = fit([{ frequency: 0, recency: 0, T: 30 }, { frequency: 0, recency: 0, T: 12, weight: 40 }]);
      expect(f.converged).toBe(false);
      expect(f.reason).toMatch(/no customer has a repeat purchase/);
      expect(allFinite(f)).toBe(true);
      expect(predictionsFinite(f, [{ frequency: 0, recency: 0, T: 30 }])).toBe(true);
    });

    it("does not mutate its input", () => {
      const input = Object.freeze(cdnow.slice(0, 200).map((r) => Object.freeze({ ...r })));
      const copy = structuredClone(input);
      fit(input);
      expect(input).toEqual(copy);
    });

    it("flags data observed for no time (every T = 0)", () => {
      const f = fit([{ frequency: 0, recency: 0, T: 0 }]);
      expect(f.converged).toBe(false);
      expect(allFinite(f)).toBe(true);
    });
  });

  describe(`${name} on extreme data`, () => {
    it("fits ten-year ages in days: α scales by 3650/39, likelihood shifts by Σx·ln(3650/39)", () => {
      const weeks = fit(cdnow);
      const f = fit(days);
      expect(f.converged).toBe(true);
      expect(allFinite(f)).toBe(true);
      expect(rel(f.params.alpha, (weeks.params.alpha * 3650) / 39)).toBeLessThan(1e-4);
      const sumX = cdnow.reduce((a, r) => a + r.frequency, 0);
      expect(rel(f.logLikelihood, weeks.logLikelihood - sumX * Math.log(3650 / 39))).toBeLessThan(1e-9);
      expect(predictionsFinite(f, days)).toBe(true);
    });

    it("fits with frequencies in the thousands", () => {
      const f = fit(heavy);
      expect(allFinite(f)).toBe(true);
      expect(f.converged).toBe(true);
      expect(predictionsFinite(f, heavy.slice(-3))).toBe(true);
    });

    it("gives the same estimates with weights in the millions", () => {
      const w = fit(cdnow.map((r) => ({ ...r, weight: 2_500_000 })));
      const one = fit(cdnow);
      expect(w.converged).toBe(true);
      for (const k of Object.keys(one.params) as (keyof typeof one.params)[]) {
        expect(rel((w.params as unknown as Record<string, number>)[k]!, (one.params as unknown as Record<string, number>)[k]!)).toBeLessThan(1e-5);
      }
      expect(rel(w.logLikelihood, one.logLikelihood * 2_500_000)).toBeLessThan(1e-9);
      expect(w.customers).toBe(2357 * 2_500_000);
    });
  });
}
