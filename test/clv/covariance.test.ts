// The parameter covariance every fitter reports: its agreement with R (BTYD's log-likelihood, numDeriv's
// Hessian: scripts/reference/covariance.R), its diagonal against the standard errors, and null when the
// Hessian cannot be inverted.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fitBgBb, fitBgNbd, fitGammaGamma, fitModifiedBgNbd, fitParetoNbd, fitShiftedBetaGeometric } from "../../src/index.js";
import { cdnowSummary } from "./cdnowFixtures.js";

const ref = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/covariance/cdnow.json", import.meta.url)), "utf8")) as Record<
  "bgNbd" | "paretoNbd",
  { names: string[]; covariance: number[][] }
>;

function worstRelative(a: number[][], b: number[][]): number {
  let worst = 0;
  a.forEach((row, i) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v / b[i]![j]! - 1)))));
  return worst;
}

function expectDiagonalIsSquaredErrors(fit: { standardErrors: Record<string, number | null>; covariance?: { names: string[]; matrix: number[][] } | null }): void {
  const c = fit.covariance!;
  expect(c).not.toBeNull();
  c.names.forEach((k, i) => {
    expect(Math.sqrt(c.matrix[i]![i]!)).toBe(fit.standardErrors[k]);
    c.names.forEach((_, j) => expect(c.matrix[i]![j]).toBe(c.matrix[j]![i]));
  });
  expect(JSON.parse(JSON.stringify(c))).toEqual(c);
}

describe("parameter covariance of the fitted models", () => {
  it("matches R's inverse numerical Hessian of BTYD's BG/NBD log-likelihood on CDNOW to 1e-5 relative", () => {
    const fit = fitBgNbd(cdnowSummary());
    expect(fit.covariance!.names).toEqual(ref.bgNbd.names);
    // Measured: 3.7e-6 (the two optimisers stop 1e-6 apart, and numDeriv's Richardson Hessian has ~1e-8).
    expect(worstRelative(fit.covariance!.matrix, ref.bgNbd.covariance)).toBeLessThan(1e-5);
    expect(fit.covariance!.matrix[0]![1]).toBeCloseTo(0.0037064, 6);
    expectDiagonalIsSquaredErrors(fit);
  });

  it("matches R's inverse numerical Hessian of BTYD's Pareto/NBD log-likelihood on CDNOW to 1e-4 relative", () => {
    const fit = fitParetoNbd(cdnowSummary());
    expect(fit.covariance!.names).toEqual(ref.paretoNbd.names);
    // Measured: 3.4e-5 (the flat β direction: the optimisers' estimates of β differ by 8e-6 relative).
    expect(worstRelative(fit.covariance!.matrix, ref.paretoNbd.covariance)).toBeLessThan(1e-4);
    expectDiagonalIsSquaredErrors(fit);
  });

  it("is given, with the standard errors on its diagonal, by every fitter", () => {
    const rows = cdnowSummary();
    expectDiagonalIsSquaredErrors(fitModifiedBgNbd(rows));
    expectDiagonalIsSquaredErrors(fitBgBb([
      { frequency: 0, recency: 0, n: 6, weight: 3464 }, { frequency: 1, recency: 1, n: 6, weight: 1091 },
      { frequency: 1, recency: 6, n: 6, weight: 200 }, { frequency: 2, recency: 4, n: 6, weight: 410 },
      { frequency: 3, recency: 5, n: 6, weight: 300 }, { frequency: 6, recency: 6, n: 6, weight: 1203 },
      { frequency: 4, recency: 6, n: 6, weight: 350 }, { frequency: 2, recency: 6, n: 6, weight: 290 },
    ]));
    expectDiagonalIsSquaredErrors(fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]));
    const spend = [[1, 20], [2, 35], [3, 18], [1, 60], [4, 25], [2, 12], [5, 40], [1, 15], [3, 30], [2, 80]].map(([f, m]) => ({ frequency: f!, monetaryValue: m! }));
    expectDiagonalIsSquaredErrors(fitGammaGamma(spend.concat(spend.map((r) => ({ ...r, monetaryValue: r.monetaryValue * 1.7 })))));
  });

  it("is null, with a reason, when the data cannot identify the model", () => {
    const fit = fitBgNbd([{ frequency: 0, recency: 0, T: 10 }, { frequency: 0, recency: 0, T: 20 }]);
    expect(fit.covariance).toBeNull();
    expect(fit.reason).toMatch(/repeat purchase/);
  });
});
