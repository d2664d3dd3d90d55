import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, fitBgNbd, fitModifiedBgNbd, probabilityAlive } from "../../src/index.js";
import { bgCustomerGradient } from "../../src/clv/covariateKernels.js";
import { bgLogLikelihood } from "../../src/clv/bgNbdMath.js";
import { clvtoolsFits, covariateCustomers } from "./covariateFixtures.js";
import { thrown } from "./moreFixtures.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const ref = clvtoolsFits();
const rows = covariateCustomers();
const BOTH = { purchase: ["channel", "age"], attrition: ["channel", "age"] };
const NAMES = ["r", "alpha", "a", "b"] as const;

describe("fitBgNbd with covariates on CLVTools' 2,000 simulated customers", () => {
  const fit = fitBgNbd(rows, { covariates: BOTH });

  it("fits the model without covariates as CLVTools does", () => {
    const f0 = fitBgNbd(rows.map(({ frequency, recency, T }) => ({ frequency, recency, T })));
    const c = ref.bgnbd_no_covariates;
    for (const k of NAMES) expect(rel(f0.params[k], c.coef[k])).toBeLessThan(1e-3);
    expect(f0.logLikelihood).toBeGreaterThanOrEqual(c.logLik);
  });

  it("agrees with CLVTools' estimates and standard errors, with a log-likelihood at least CLVTools'", () => {
    const c = ref.bgnbd_static_covariates;
    expect(fit.converged).toBe(true);
    for (const k of NAMES) expect(rel(fit.params[k], c.coef[k])).toBeLessThan(1e-3);
    for (const k of NAMES) expect(rel(fit.standardErrors[k]!, c.se[k])).toBeLessThan(5e-3);
    for (const f of ["channel", "age"]) {
      expect(rel(fit.covariates!.purchase[f]!, c.coef[`trans.${f}`])).toBeLessThan(1e-3);
      expect(rel(fit.covariates!.attrition[f]!, c.coef[`life.${f}`])).toBeLessThan(1e-3);
      expect(rel(fit.covariateStandardErrors!.purchase[f]!, c.se[`trans.${f}`])).toBeLessThan(5e-3);
      expect(rel(fit.covariateStandardErrors!.attrition[f]!, c.se[`life.${f}`])).toBeLessThan(5e-3);
    }
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(c.logLik);
    expect(fit.likelihoodRatioTest!.statistic).toBeCloseTo(2 * (c.logLik - ref.bgnbd_no_covariates.logLik), 3);
  });

  it("predicts at the customer's own α·e^(−γ_p·z), a·e^(γ_a·z), b·e^(γ_a·z)", () => {
    const cust = { frequency: 2, recency: 30, T: 45, channel: 1, age: 0.7 };
    const c = fit.covariates!;
    const etaP = c.purchase["channel"]! + 0.7 * c.purchase["age"]!;
    const etaA = c.attrition["channel"]! + 0.7 * c.attrition["age"]!;
    const p = fit.params;
    const own = { model: "bg-nbd" as const, params: { r: p.r, alpha: p.alpha * Math.exp(-etaP), a: p.a * Math.exp(etaA), b: p.b * Math.exp(etaA) } };
    const plain = { frequency: 2, recency: 30, T: 45 };
    expect(probabilityAlive(fit, cust)).toBe(probabilityAlive(own, plain));
    expect(conditionalExpectedPurchases(fit, cust, 52)).toBe(conditionalExpectedPurchases(own, plain, 52));
    expect(thrown(() => probabilityAlive(fit, plain)).path).toBe("customer.channel");
  });

  it("fits MBG/NBD with covariates too, and exactly today's fits without them", () => {
    const mbg = fitModifiedBgNbd(rows, { covariates: BOTH });
    expect(mbg.model).toBe("mbg-nbd");
    expect(mbg.converged).toBe(true);
    expect(mbg.likelihoodRatioTest!.statistic).toBeGreaterThan(100);
    const few = rows.slice(0, 400);
    expect(fitModifiedBgNbd(few, { covariates: {} })).toEqual(fitModifiedBgNbd(few));
    expect(fitBgNbd(few, { covariates: { purchase: [] } })).toEqual(fitBgNbd(few));
  });
});

describe("the per-customer BG/NBD and MBG/NBD gradients", () => {
  it("match central differences of the log-likelihood", () => {
    const out = new Float64Array(5);
    for (const k of [0, 1] as const) {
      for (const [x, tx, T] of [[0, 0, 40], [3, 20, 40], [12, 39, 41], [1, 0.5, 50]] as const) {
        const p = { r: 0.7, alpha: 8, a: 0.9, b: 3 };
        bgCustomerGradient(k, p.r, p.alpha, p.a, p.b, x, tx, T, out);
        expect(out[0]).toBeCloseTo(bgLogLikelihood(p, k, x, tx, T), 12);
        NAMES.forEach((name, i) => {
          const h = 1e-6 * p[name];
          const up = bgLogLikelihood({ ...p, [name]: p[name] + h }, k, x, tx, T);
          const dn = bgLogLikelihood({ ...p, [name]: p[name] - h }, k, x, tx, T);
          expect(out[1 + i]).toBeCloseTo((up - dn) / (2 * h), 6);
        });
      }
    }
  });
});
