// Numerical stress for the model fits and predictions on degenerate data: every fit finishes with finite
// output, and `converged` is honest — true only with parameters inside the identified range and a fit that
// a restart from its own estimate cannot improve; false, with a reason, when the data cannot identify it.
import { describe, expect, it } from "vitest";
import {
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitModifiedBgNbd,
  fitParetoNbd,
  fitShiftedBetaGeometric,
  probabilityAlive,
  probabilityOfPurchases,
} from "../../src/index.js";
import { badLeaf } from "../contract/check.js";

type Fit = { params: Record<string, number>; logLikelihood: number; converged: boolean; reason?: string | null; standardErrors: Record<string, number | null> };

function expectHonest(fit: Fit, refit: (initialParams: Record<string, number>) => Fit): void {
  expect(badLeaf(fit)).toBeNull();
  if (fit.converged) {
    for (const v of Object.values(fit.params)) expect(v > 1e-8 && v < 1e8).toBe(true);
    const again = refit(fit.params);
    expect(again.logLikelihood - fit.logLikelihood).toBeLessThan(1e-6 * Math.max(1, Math.abs(fit.logLikelihood)));
  } else {
    expect(typeof fit.reason).toBe("string");
  }
}

const YEARS20 = 20 * 365;
const rfDatasets: Record<string, { frequency: number; recency: number; T: number; weight?: number }[]> = {
  "all zero repeats": Array.from({ length: 50 }, (_, i) => ({ frequency: 0, recency: 0, T: 10 + i })),
  "one customer": [{ frequency: 3, recency: 20, T: 30 }],
  "identical customers": Array.from({ length: 200 }, () => ({ frequency: 2, recency: 15, T: 40 })),
  "frequency 10 000": [
    { frequency: 10_000, recency: 7000, T: YEARS20 },
    { frequency: 0, recency: 0, T: 100 },
    { frequency: 3, recency: 50, T: 300 },
  ],
  // Few distinct rows: a Pareto/NBD fit at this T runs ~0.25 s per distinct row (its series near z = 1).
  "T of 20 years in days": Array.from({ length: 10 }, (_, i) => ({ frequency: i % 7, recency: i % 7 === 0 ? 0 : (YEARS20 * (i % 5 + 1)) / 6, T: YEARS20 })),
};

describe("continuous-time fits on degenerate data", () => {
  for (const [name, rows] of Object.entries(rfDatasets)) {
    for (const [fitName, fit] of [["BG/NBD", fitBgNbd], ["MBG/NBD", fitModifiedBgNbd], ["Pareto/NBD", fitParetoNbd]] as const) {
      it(`${fitName} on ${name} finishes with finite output and an honest converged flag`, () => {
        const f = fit(rows) as unknown as Fit;
        expectHonest(f, (initialParams) => fit(rows, { initialParams: initialParams as never }) as unknown as Fit);
        const spec = { model: (f as unknown as { model: "bg-nbd" }).model, params: f.params } as never;
        for (const row of rows.slice(0, 3)) {
          expect(Number.isFinite(probabilityAlive(spec, row))).toBe(true);
          expect(Number.isFinite(conditionalExpectedPurchases(spec, row, YEARS20))).toBe(true);
        }
        expect(Number.isFinite(expectedPurchases(spec, YEARS20))).toBe(true);
        expect(Number.isFinite(probabilityOfPurchases(spec, 10_000, YEARS20))).toBe(true);
      });
    }
  }

  it("reports a fit on customers who never repeat as not converged", () => {
    expect(fitBgNbd(rfDatasets["all zero repeats"]!).converged).toBe(false);
  });
});

describe("BG/BB, Gamma-Gamma and sBG fits on degenerate data", () => {
  const bgbb: Record<string, { frequency: number; recency: number; n: number; weight?: number }[]> = {
    "all zero repeats": [{ frequency: 0, recency: 0, n: 6, weight: 500 }],
    "one customer": [{ frequency: 2, recency: 4, n: 6 }],
    "identical customers": [{ frequency: 3, recency: 5, n: 6, weight: 1e6 }],
    "every opportunity taken": [{ frequency: 10_000, recency: 10_000, n: 10_000 }, { frequency: 0, recency: 0, n: 10_000 }],
  };
  for (const [name, rows] of Object.entries(bgbb)) {
    it(`BG/BB on ${name} finishes with finite output and an honest converged flag`, () => {
      const f = fitBgBb(rows) as unknown as Fit;
      expectHonest(f, (initialParams) => fitBgBb(rows, { initialParams: initialParams as never }) as unknown as Fit);
      const spec = { model: "bg-bb", params: f.params } as never;
      expect(Number.isFinite(probabilityAlive(spec, rows[0]!))).toBe(true);
      expect(Number.isFinite(conditionalExpectedPurchases(spec, rows[0]!, 100))).toBe(true);
    });
  }

  const gg: Record<string, { frequency: number; monetaryValue: number }[]> = {
    "one customer": [{ frequency: 3, monetaryValue: 20 }],
    "identical customers": Array.from({ length: 100 }, () => ({ frequency: 2, monetaryValue: 35 })),
    "frequency 10 000 and tiny and huge values": [{ frequency: 10_000, monetaryValue: 12 }, { frequency: 1, monetaryValue: 1e-6 }, { frequency: 2, monetaryValue: 1e9 }],
  };
  for (const [name, rows] of Object.entries(gg)) {
    it(`Gamma-Gamma on ${name} finishes with finite output and an honest converged flag`, () => {
      const f = fitGammaGamma(rows) as unknown as Fit;
      expectHonest(f, (initialParams) => fitGammaGamma(rows, { initialParams: initialParams as never }) as unknown as Fit);
    });
  }

  const sbg: Record<string, number[]> = {
    "nobody churns": [1000, 1000, 1000, 1000],
    "everybody churns at once": [1000, 0, 0, 0],
    "one customer": [1, 1, 0],
    "a constant churn rate": [1000, 500, 250, 125, 62, 31],
  };
  for (const [name, survivors] of Object.entries(sbg)) {
    it(`sBG on ${name} finishes with finite output and an honest converged flag`, () => {
      const f = fitShiftedBetaGeometric(survivors) as unknown as Fit;
      expectHonest(f, (initialParams) => fitShiftedBetaGeometric(survivors, { initialParams: initialParams as never }) as unknown as Fit);
    });
  }
});
