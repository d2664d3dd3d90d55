import { describe, expect, it } from "vitest";
import {
  conditionalExpectedPurchases, discountedExpectedTransactions, expectedCumulativeTransactions, expectedPurchases, fitParetoNbd, probabilityAlive,
  customerLifetimeValue, probabilityOfPurchases, type TransactionModel,
} from "../../src/index.js";
import { paretoCustomerGradient } from "../../src/clv/covariateKernels.js";
import { paretoLogLikelihood } from "../../src/clv/paretoNbdMath.js";
import { clvtoolsFits, covariateCustomers } from "./covariateFixtures.js";
import { thrown } from "./moreFixtures.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const ref = clvtoolsFits();
const rows = covariateCustomers();
const BOTH = { purchase: ["channel", "age"], attrition: ["channel", "age"] };
const fit = fitParetoNbd(rows, { covariates: BOTH });
const NAMES = ["r", "alpha", "s", "beta"] as const;

describe("fitParetoNbd with covariates on CLVTools' 2,000 simulated customers", () => {
  it("fits the model without covariates as CLVTools does (1e-3 relative, log-likelihood at least CLVTools')", () => {
    const f0 = fitParetoNbd(rows.map(({ frequency, recency, T }) => ({ frequency, recency, T })));
    const c = ref.pnbd_no_covariates;
    for (const k of NAMES) expect(rel(f0.params[k], c.coef[k])).toBeLessThan(1e-3);
    for (const k of NAMES) expect(rel(f0.standardErrors[k]!, c.se[k])).toBeLessThan(1e-3);
    expect(f0.logLikelihood).toBeGreaterThanOrEqual(c.logLik);
  });

  it("agrees with CLVTools' estimates to 1e-3 relative, with a log-likelihood at least CLVTools'", () => {
    const c = ref.pnbd_static_covariates;
    expect(fit.converged).toBe(true);
    expect(fit.reason).toBeNull();
    for (const k of NAMES) expect(rel(fit.params[k], c.coef[k])).toBeLessThan(1e-3);
    for (const f of ["channel", "age"]) {
      expect(rel(fit.covariates!.purchase[f]!, c.coef[`trans.${f}`])).toBeLessThan(1e-3);
      expect(rel(fit.covariates!.attrition[f]!, c.coef[`life.${f}`])).toBeLessThan(1e-3);
    }
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(c.logLik);
    expect(fit.logLikelihood).toBeLessThan(c.logLik + 1e-3);
  });

  it("gives standard errors for every parameter and coefficient within 0.5 % of CLVTools'", () => {
    const c = ref.pnbd_static_covariates;
    for (const k of NAMES) expect(rel(fit.standardErrors[k]!, c.se[k])).toBeLessThan(5e-3);
    for (const f of ["channel", "age"]) {
      expect(rel(fit.covariateStandardErrors!.purchase[f]!, c.se[`trans.${f}`])).toBeLessThan(5e-3);
      expect(rel(fit.covariateStandardErrors!.attrition[f]!, c.se[`life.${f}`])).toBeLessThan(5e-3);
    }
  });

  it("tests the covariates against the model without them by the likelihood ratio", () => {
    const lr = fit.likelihoodRatioTest!;
    expect(lr.degreesOfFreedom).toBe(4);
    expect(lr.nullLogLikelihood).toBeCloseTo(ref.pnbd_no_covariates.logLik, 3);
    expect(lr.statistic).toBeCloseTo(2 * (fit.logLikelihood - lr.nullLogLikelihood), 9);
    // CLVTools' two log-likelihoods: 2·(−17154.170 + 17281.098) = 253.86
    expect(lr.statistic).toBeCloseTo(253.856, 2);
    expect(lr.pValue).toBeGreaterThan(0);
    expect(lr.pValue).toBeLessThan(1e-50);
  });

  it("is plain JSON and the same for any order of the rows", () => {
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
    const again = fitParetoNbd([...rows].reverse(), { covariates: BOTH });
    expect(again).toEqual(fit);
  });

  it("fits exactly today's model when no covariate is named", () => {
    const plain = rows.slice(0, 400);
    const today = fitParetoNbd(plain);
    expect(fitParetoNbd(plain, { covariates: {} })).toEqual(today);
    expect(fitParetoNbd(plain, { covariates: { purchase: [], attrition: [] } })).toEqual(today);
    expect(fitParetoNbd(plain, { covariates: undefined })).toEqual(today);
  });

  it("fits one coefficient for both processes when the field is shared", () => {
    const shared = fitParetoNbd(rows, { covariates: { purchase: ["age"], attrition: ["age"], shared: ["channel"] } });
    expect(shared.covariates!.purchase["channel"]).toBe(shared.covariates!.attrition["channel"]);
    expect(shared.covariateStandardErrors!.purchase["channel"]).toBe(shared.covariateStandardErrors!.attrition["channel"]);
    expect(shared.likelihoodRatioTest!.degreesOfFreedom).toBe(3);
    // A constrained model cannot fit better than the free one.
    expect(shared.logLikelihood).toBeLessThan(fit.logLikelihood);
    expect(shared.converged).toBe(true);
  });

  it("shrinks the coefficients towards 0 under the L2 penalty, more for a larger one", () => {
    const light = fitParetoNbd(rows, { covariates: { ...BOTH, penalty: { purchase: 0.01, attrition: 0.01 } } });
    const heavy = fitParetoNbd(rows, { covariates: { ...BOTH, penalty: { purchase: 100, attrition: 100 } } });
    for (const side of ["purchase", "attrition"] as const) {
      for (const f of ["channel", "age"]) {
        const free = Math.abs(fit.covariates![side][f]!);
        expect(Math.abs(light.covariates![side][f]!)).toBeLessThan(free);
        expect(Math.abs(heavy.covariates![side][f]!)).toBeLessThan(Math.abs(light.covariates![side][f]!));
        expect(Math.abs(heavy.covariates![side][f]!)).toBeLessThan(0.01);
      }
    }
    expect(light.logLikelihood).toBeLessThan(fit.logLikelihood);
  });

  it("penalises only the process it is given", () => {
    const onlyPurchase = fitParetoNbd(rows, { covariates: { ...BOTH, penalty: { purchase: 100 } } });
    expect(Math.abs(onlyPurchase.covariates!.purchase["channel"]!)).toBeLessThan(0.01);
    expect(Math.abs(onlyPurchase.covariates!.attrition["channel"]!)).toBeGreaterThan(0.2);
  });
});

describe("Pareto/NBD predictions with covariates at CLVTools' parameters", () => {
  const c = ref.pnbd_static_covariates.coef;
  const model = {
    model: "pareto-nbd",
    params: { r: c.r, alpha: c.alpha, s: c.s, beta: c.beta },
    covariates: { purchase: { channel: c["trans.channel"], age: c["trans.age"] }, attrition: { channel: c["life.channel"], age: c["life.age"] } },
  } as TransactionModel;
  const byId = new Map(rows.map((r) => [r.id, r]));

  it("gives CLVTools' P(alive), CET (52 weeks) and DERT (δ = ln 1.1 per week) for ten customers to 1e-6", () => {
    for (const p of ref.pnbd_static_covariates_predict_52_weeks_default_discount) {
      const customer = byId.get(p.Id)!;
      expect(rel(probabilityAlive(model, customer), p.PAlive)).toBeLessThan(1e-6);
      expect(rel(conditionalExpectedPurchases(model, customer, 52), p.CET)).toBeLessThan(1e-6);
      expect(rel(discountedExpectedTransactions(model, customer, { continuousDiscountRate: Math.log(1.1) }), p.DERT)).toBeLessThan(1e-6);
    }
  });

  it("predicts for a customer at the individual parameters α·e^(−γ_p·z), β·e^(−γ_a·z)", () => {
    const z = { channel: 1, age: -0.5 };
    const own = {
      model: "pareto-nbd" as const,
      params: { r: c.r, alpha: c.alpha * Math.exp(-(c["trans.channel"] - 0.5 * c["trans.age"])), s: c.s, beta: c.beta * Math.exp(-(c["life.channel"] - 0.5 * c["life.age"])) },
    };
    const customer = { frequency: 3, recency: 20, T: 40, ...z };
    expect(probabilityAlive(model, customer)).toBe(probabilityAlive(own, { frequency: 3, recency: 20, T: 40 }));
    expect(expectedPurchases(model, 52, z)).toBe(expectedPurchases(own, 52));
    // Channel 1 buys more (γ_p > 0 multiplies the mean rate r/α by e^γ).
    expect(expectedPurchases(model, 52, { channel: 1, age: 0 })).toBeGreaterThan(expectedPurchases(model, 52, { channel: 0, age: 0 }));
  });

  it("refuses a customer without a covariate field, naming the field", () => {
    const e = thrown(() => probabilityAlive(model, { frequency: 1, recency: 2, T: 10, channel: 1 }));
    expect(e.code).toBe("INVALID_TYPE");
    expect(e.path).toBe("customer.age");
    expect(e.message).toMatch(/^probabilityAlive: customer\.age must be a finite number/);
    expect(thrown(() => expectedPurchases(model, 10)).path).toBe("covariates");
    expect(thrown(() => expectedPurchases({ model: "pareto-nbd", params: { r: c.r, alpha: c.alpha, s: c.s, beta: c.beta } }, 10, { age: 1 })).code).toBe("INVALID_OPTION");
    expect(thrown(() => conditionalExpectedPurchases(model, { frequency: 1, recency: 2, T: 10, channel: "web", age: 0 }, 5)).path).toBe("customer.channel");
  });

  it("refuses a bad coefficient, and covariates that shift a parameter out of range", () => {
    const bad = { ...model, covariates: { purchase: { age: Number.NaN } } } as unknown as TransactionModel;
    const e = thrown(() => probabilityAlive(bad, { frequency: 1, recency: 2, T: 10, age: 0 }));
    expect([e.code, e.path]).toEqual(["INVALID_PARAMETER", "model.covariates.purchase.age"]);
    const far = thrown(() => probabilityAlive(model, { frequency: 1, recency: 2, T: 10, channel: 1, age: 1e6 }));
    expect([far.code, far.path]).toEqual(["OUT_OF_RANGE", "customer"]);
  });

  it("refuses a model with covariates where the covariates would be ignored", () => {
    const e = thrown(() => probabilityOfPurchases(model, 1, 10));
    expect(e.code).toBe("INVALID_MODEL");
    expect(e.path).toBe("model.covariates");
    expect(thrown(() => expectedCumulativeTransactions(model, [0], [10])).code).toBe("INVALID_MODEL");
  });
});

describe("fitParetoNbd's covariate checks", () => {
  const few = rows.slice(0, 300);

  it("names the row and field of a missing or non-numeric covariate", () => {
    const bad = few.map((r, i) => (i === 7 ? { ...r, age: undefined } : r));
    const e = thrown(() => fitParetoNbd(bad, { covariates: BOTH }));
    expect([e.code, e.path]).toEqual(["INVALID_TYPE", "rows[7].age"]);
    expect(e.message).toMatch(/^fitParetoNbd: rows\[7\]\.age must be a finite number \(covariate "age"\), got undefined/);
    const text = few.map((r, i) => (i === 3 ? { ...r, channel: "1" } : r));
    const t = thrown(() => fitParetoNbd(text as never, { covariates: BOTH }));
    expect([t.code, t.path]).toEqual(["INVALID_TYPE", "rows[3].channel"]);
    const nan = few.map((r, i) => (i === 4 ? { ...r, channel: Number.NaN } : r));
    expect(thrown(() => fitParetoNbd(nan, { covariates: BOTH })).code).toBe("INVALID_NUMBER");
  });

  it("refuses a constant covariate, naming it", () => {
    const constant = few.map((r) => ({ ...r, region: 3 }));
    const e = thrown(() => fitParetoNbd(constant, { covariates: { purchase: ["channel", "region"] } }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.covariates.purchase[1]"]);
    expect(e.message).toMatch(/covariate "region" is constant/);
  });

  it("refuses a perfectly collinear set, naming the covariates", () => {
    const collinear = few.map((r) => ({ ...r, mix: 2 * r.channel - 3 * r.age + 1 }));
    const e = thrown(() => fitParetoNbd(collinear, { covariates: { attrition: ["channel", "age", "mix"] } }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.covariates.attrition[2]"]);
    expect(e.message).toMatch(/"mix" is a linear combination of an intercept and "channel", "age"/);
    // Indicator columns for every level (the reference included) add up to 1: the intercept.
    const dummies = few.map((r) => ({ ...r, web: r.channel, shop: 1 - r.channel }));
    expect(thrown(() => fitParetoNbd(dummies, { covariates: { purchase: ["web", "shop"] } })).path).toBe("options.covariates.purchase[1]");
    // A shared field counts in both processes.
    expect(thrown(() => fitParetoNbd(collinear, { covariates: { purchase: ["channel", "age"], shared: ["mix"] } })).path).toBe("options.covariates.shared[0]");
  });

  it("refuses bad covariate options", () => {
    expect(thrown(() => fitParetoNbd(few, { covariates: { purchase: "age" as never } })).path).toBe("options.covariates.purchase");
    expect(thrown(() => fitParetoNbd(few, { covariates: { purchase: ["age", "age"] } })).path).toBe("options.covariates.purchase[1]");
    expect(thrown(() => fitParetoNbd(few, { covariates: { purchase: ["T"] } })).path).toBe("options.covariates.purchase[0]");
    expect(thrown(() => fitParetoNbd(few, { covariates: { purchase: ["age"], shared: ["age"] } })).path).toBe("options.covariates.shared[0]");
    const u = thrown(() => fitParetoNbd(few, { covariates: { purchases: ["age"] } as never }));
    expect([u.code, u.path]).toEqual(["UNKNOWN_OPTION", "options.covariates.purchases"]);
    expect(thrown(() => fitParetoNbd(few, { covariates: { purchase: ["age"], penalty: { purchase: -1 } } })).path).toBe("options.covariates.penalty.purchase");
  });

  it("reads each field of a row once", () => {
    let reads = 0;
    const counted = few.map((r) => {
      const o = { frequency: r.frequency, recency: r.recency, T: r.T, channel: r.channel };
      Object.defineProperty(o, "age", { enumerable: true, get: () => (reads++, r.age) });
      return o;
    });
    fitParetoNbd(counted as never, { covariates: { purchase: ["age"], attrition: ["channel", "age"] } });
    expect(reads).toBe(few.length);
  });
});

describe("the per-customer Pareto/NBD gradient", () => {
  it("matches central differences of the log-likelihood", () => {
    const out = new Float64Array(5);
    const s = [new Float64Array(5), new Float64Array(5), new Float64Array(4)] as const;
    for (const [x, tx, T] of [[0, 0, 40], [3, 20, 40], [12, 39, 41], [1, 0.5, 50]] as const) {
      const p = { r: 0.7, alpha: 8, s: 0.9, beta: 15 };
      paretoCustomerGradient(p.r, p.alpha, p.s, p.beta, x, tx, T, out, s[0], s[1], s[2]);
      expect(out[0]).toBeCloseTo(paretoLogLikelihood(p, x, tx, T), 12);
      (["r", "alpha", "s", "beta"] as const).forEach((k, i) => {
        const h = 1e-6 * p[k];
        const up = paretoLogLikelihood({ ...p, [k]: p[k] + h }, x, tx, T);
        const dn = paretoLogLikelihood({ ...p, [k]: p[k] - h }, x, tx, T);
        expect(out[1 + i]).toBeCloseTo((up - dn) / (2 * h), 6);
      });
    }
  });
});

describe("fitParetoNbd with a covariate the data cannot identify", () => {
  it("says converged: false and why when a coefficient runs off", () => {
    // `loner` is 1 exactly for customers without a repeat purchase: the purchase rate of that group is driven to 0.
    const few = rows.slice(0, 400).map((r) => ({ ...r, loner: r.frequency === 0 ? 1 : 0 }));
    const fit = fitParetoNbd(few, { covariates: { purchase: ["loner"] } });
    expect(fit.converged).toBe(false);
    expect(fit.reason).toMatch(/loner/);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });
});

describe("customerLifetimeValue with a model fitted with covariates", () => {
  it("values each customer at its own parameters", () => {
    const c = ref.pnbd_static_covariates.coef;
    const params = { r: c.r, alpha: c.alpha, s: c.s, beta: c.beta };
    const model = { model: "pareto-nbd", params, covariates: { purchase: { channel: c["trans.channel"], age: c["trans.age"] }, attrition: { channel: c["life.channel"], age: c["life.age"] } } } as TransactionModel;
    const customers = rows.slice(0, 5).map((r) => ({ ...r, monetaryValue: 40 }));
    const options = { horizon: 12, discountRate: 0.01, periodLength: 4.345 };
    const values = customerLifetimeValue(model, 40, customers, options);
    customers.forEach((cust, i) => {
      const own = {
        model: "pareto-nbd" as const,
        params: { ...params, alpha: c.alpha * Math.exp(-(c["trans.channel"] * cust.channel + c["trans.age"] * cust.age)), beta: c.beta * Math.exp(-(c["life.channel"] * cust.channel + c["life.age"] * cust.age)) },
      };
      expect(values[i]).toEqual(customerLifetimeValue(own, 40, [cust], options)[0]);
    });
    const e = thrown(() => customerLifetimeValue(model, 40, [{ frequency: 1, recency: 1, T: 5 }], options));
    expect([e.code, e.path]).toEqual(["INVALID_TYPE", "customers[0].channel"]);
  });
});

describe("fitParetoNbd with covariates and weights", () => {
  it("gives a row of weight 2 the fit of two identical rows", () => {
    const few = rows.slice(0, 300);
    const doubled = [...few, ...few.slice(0, 50)];
    const weighted = few.map((r, i) => (i < 50 ? { ...r, weight: 2 } : r));
    const a = fitParetoNbd(doubled, { covariates: BOTH });
    const b = fitParetoNbd(weighted, { covariates: BOTH });
    expect(b.customers).toBe(350);
    expect(b).toEqual(a);
  });
});

describe("the covariance of a fit with covariates", () => {
  it("is joint over parameters and coefficients, its diagonal the squared standard errors, the model's covariance its parameter block", () => {
    const joint = fit.jointCovariance!;
    expect(joint.names).toEqual(["r", "alpha", "s", "beta", "purchase.channel", "purchase.age", "attrition.channel", "attrition.age"]);
    const ses = [...NAMES.map((k) => fit.standardErrors[k]!), fit.covariateStandardErrors!.purchase["channel"]!, fit.covariateStandardErrors!.purchase["age"]!, fit.covariateStandardErrors!.attrition["channel"]!, fit.covariateStandardErrors!.attrition["age"]!];
    joint.matrix.forEach((row, k) => {
      expect(Math.sqrt(row[k]!)).toBe(ses[k]);
      row.forEach((v, l) => expect(v).toBe(joint.matrix[l]![k]!));
    });
    expect(fit.covariance).toEqual({ names: [...NAMES], matrix: joint.matrix.slice(0, 4).map((row) => row.slice(0, 4)) });
  });

  it("names a shared coefficient once", () => {
    const shared = fitParetoNbd(rows, { covariates: { purchase: ["age"], shared: ["channel"] } });
    expect(shared.jointCovariance!.names).toEqual(["r", "alpha", "s", "beta", "purchase.age", "shared.channel"]);
  });
});
