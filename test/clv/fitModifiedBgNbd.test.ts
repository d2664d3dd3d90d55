import { describe, expect, it } from "vitest";
import { expectedPurchases, fitModifiedBgNbd, probabilityAlive, probabilityOfPurchases } from "../../src/index.js";
import { cdnowSummary, expectReferencePredictions, reference, rel } from "./cdnowFixtures.js";

const ref = reference();
const mbg = ref.cdnow_summary.mbgnbd;
const fit = fitModifiedBgNbd(cdnowSummary());
const inputs = ref.cdnow_summary.inputs_rows_0_9;

describe("fitModifiedBgNbd on the CDNOW sample", () => {
  it("matches lifetimes' ModifiedBetaGeoFitter: parameters to 1e-5, LL to 1e-12, standard errors to 1e-4", () => {
    for (const k of ["r", "alpha", "a", "b"] as const) {
      expect(rel(fit.params[k], mbg.params[k])).toBeLessThan(1e-5);
      expect(rel(fit.standardErrors[k]!, mbg.standard_errors_lifetimes[k])).toBeLessThan(1e-4);
    }
    expect(rel(fit.logLikelihood, mbg.total_log_likelihood)).toBeLessThan(1e-12);
    expect(fit.model).toBe("mbg-nbd");
    expect(fit.converged).toBe(true);
  });
});

describe("MBG/NBD predictions against lifetimes", () => {
  const cases = [
    ["fitted", mbg.params, mbg.predictions_rows_0_9_fitted_params],
    ["BG/NBD published", ref.meta.published_values.bgnbd, mbg.predictions_rows_0_9_at_bgnbd_published_params],
  ] as const;
  for (const [label, params, pred] of cases) {
    it(`agree to 1e-12 at the ${label} parameters`, () => {
      expectReferencePredictions({ model: "mbg-nbd", params }, pred, inputs, 1e-12);
    });
  }

  it("lets customers without repeat purchases be dead (P(alive) < 1), unlike BG/NBD", () => {
    expect(probabilityAlive({ model: "mbg-nbd", params: mbg.params }, { frequency: 0, recency: 0, T: 38.86 })).toBeLessThan(0.5);
  });

  it("gives a purchase-count distribution that sums to 1 with mean E[X(t)]", () => {
    const m = { model: "mbg-nbd", params: mbg.params } as const;
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 300; n++) {
      const p = probabilityOfPurchases(m, n, 52);
      total += p;
      mean += n * p;
    }
    expect(total).toBeCloseTo(1, 12);
    expect(rel(mean, expectedPurchases(m, 52))).toBeLessThan(1e-10);
  });
});
