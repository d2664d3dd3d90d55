import { describe, expect, it } from "vitest";
import { expectedAverageSpend, fitGammaGamma } from "../../src/index.js";
import { cdnowSpend, lifetimesReference, thrown } from "./moreFixtures.js";

type Ref = {
  params: { p: number; q: number; v: number };
  standard_errors_lifetimes: { p: number; q: number; v: number };
  total_log_likelihood: number;
  total_log_likelihood_at_published_params: number;
  inputs_rows_0_9: { frequency: number[]; monetary_value: number[] };
  predictions_rows_0_9_fitted_params: { conditional_expected_average_profit: number[] };
  predictions_rows_0_9_published_params: { conditional_expected_average_profit: number[] };
  population_mean_spend_fitted: number;
};
const ref = lifetimesReference().cdnow_summary.gamma_gamma as unknown as Ref;
const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe("fitGammaGamma on the CDNOW sample (946 repeat buyers)", () => {
  const rows = cdnowSpend();
  const fit = fitGammaGamma(rows);

  it("is within 0.5 % of the published p = 6.25, q = 3.74, γ = 15.44", () => {
    expect(rel(fit.params.p, 6.25)).toBeLessThan(0.005);
    expect(rel(fit.params.q, 3.74)).toBeLessThan(0.005);
    expect(rel(fit.params.v, 15.44)).toBeLessThan(0.005);
  });

  it("matches lifetimes 0.11.3: parameters within 1e-3, log-likelihood within 1e-6 relative", () => {
    for (const k of ["p", "q", "v"] as const) expect(rel(fit.params[k], ref.params[k])).toBeLessThan(1e-3);
    expect(rel(fit.logLikelihood, ref.total_log_likelihood)).toBeLessThan(1e-6);
    for (const k of ["p", "q", "v"] as const) expect(rel(fit.standardErrors[k]!, ref.standard_errors_lifetimes[k])).toBeLessThan(1e-3);
    expect(fit.converged).toBe(true);
    expect(fit.reason).toBeNull();
  });

  it("returns plain data that survives a JSON round trip", () => {
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });

  it("fits only the 946 customers with repeat purchases and counts the 1,411 others", () => {
    expect(fit.customers).toBe(946);
    expect(fit.ignoredCustomers).toBe(1411);
  });

  it("reports the frequency–spend correlation the model assumes away (0.11 in the paper)", () => {
    expect(fit.frequencySpendCorrelation).toBeCloseTo(0.1139, 4);
  });

  it("warns in reason when the correlation exceeds the threshold, without failing the fit", () => {
    const f = fitGammaGamma(rows, { correlationWarning: 0.1 });
    expect(f.converged).toBe(true);
    expect(f.reason).toMatch(/correlated \(Pearson 0\.114\)/);
  });

  it("gives lifetimes' expected spend at the published and the fitted parameters within 1e-6", () => {
    const { frequency, monetary_value } = ref.inputs_rows_0_9;
    const pub = { model: "gamma-gamma" as const, params: { p: 6.25, q: 3.74, v: 15.44 } };
    frequency.forEach((x, i) => {
      const c = { frequency: x, monetaryValue: monetary_value[i]! };
      expect(rel(expectedAverageSpend(pub, c)!, ref.predictions_rows_0_9_published_params.conditional_expected_average_profit[i]!)).toBeLessThan(1e-6);
      const atRef = { model: "gamma-gamma" as const, params: ref.params };
      expect(rel(expectedAverageSpend(atRef, c)!, ref.predictions_rows_0_9_fitted_params.conditional_expected_average_profit[i]!)).toBeLessThan(1e-6);
    });
    expect(rel(expectedAverageSpend({ model: "gamma-gamma", params: ref.params }, { frequency: 0, monetaryValue: 0 })!, ref.population_mean_spend_fitted)).toBeLessThan(1e-12);
  });

  it("has the log-likelihood lifetimes reports at the published parameters", () => {
    // Refit from the published values with zero iterations allowed is not possible; check the LL via a penalty-free fit start.
    const f = fitGammaGamma(rows, { initialParams: { p: 6.25, q: 3.74, v: 15.44 }, maxIterations: 0 });
    expect(rel(f.logLikelihood, ref.total_log_likelihood_at_published_params)).toBeLessThan(1e-9);
    expect(f.converged).toBe(false);
  });

  it("does not mutate its input", () => {
    const copy = structuredClone(rows);
    fitGammaGamma(Object.freeze(rows.map((r) => Object.freeze({ ...r }))));
    expect(rows).toEqual(copy);
  });
});

describe("fitGammaGamma robustness", () => {
  it("reports identical spend for everybody as not identified (q and γ run off together)", () => {
    const f = fitGammaGamma([{ frequency: 2, monetaryValue: 10, weight: 50 }, { frequency: 5, monetaryValue: 10, weight: 30 }]);
    expect(f.converged).toBe(false);
    expect(f.reason).toMatch(/ran off|not identified|no spread/);
    for (const v of Object.values(f.params)) expect(Number.isFinite(v)).toBe(true);
    expect(f.frequencySpendCorrelation).toBeNull();
  });

  it("reports spend that varies between customers but not within them as the p → ∞ boundary, the same for split rows", () => {
    const rows = [
      { frequency: 15, monetaryValue: 7.755, weight: 10 }, { frequency: 15, monetaryValue: 2.129, weight: 43 },
      { frequency: 1, monetaryValue: 171.14, weight: 10 }, { frequency: 1, monetaryValue: 23.316, weight: 44 },
      { frequency: 14, monetaryValue: 47.325, weight: 7 }, { frequency: 12, monetaryValue: 249.28, weight: 10 },
    ];
    const a = fitGammaGamma(rows);
    const b = fitGammaGamma(rows.flatMap((r) => [{ ...r, weight: 1 }, { ...r, weight: r.weight - 1 }]));
    for (const f of [a, b]) {
      expect(f.converged).toBe(false);
      expect(f.reason).toMatch(/no spread of spend within customers/);
    }
    expect(b.logLikelihood).toBeCloseTo(a.logLikelihood, 9);
    expect(b.params.p * b.params.v).toBeCloseTo(a.params.p * a.params.v, 6);
  });

  it("fits a single customer without NaN", () => {
    const f = fitGammaGamma([{ frequency: 3, monetaryValue: 42 }]);
    expect(Number.isFinite(f.logLikelihood)).toBe(true);
    for (const v of Object.values(f.params)) expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(f.converged).toBe(false);
  });

  it("handles huge frequencies and weights in the millions", () => {
    const rows = cdnowSpend().filter((r) => r.frequency > 0).map((r, i) => ({ ...r, frequency: r.frequency * 1000 + (i % 7), weight: 2_000_000 }));
    const f = fitGammaGamma(rows);
    expect(f.customers).toBe(946 * 2_000_000);
    for (const v of [...Object.values(f.params), f.logLikelihood]) expect(Number.isFinite(v)).toBe(true);
    const s = expectedAverageSpend({ model: "gamma-gamma", params: f.params }, { frequency: 1e12, monetaryValue: 1e300 });
    expect(s).not.toBeNull();
    expect(Number.isFinite(s!)).toBe(true);
  });

  it("leaves out repeat buyers with zero spend when asked, and counts them", () => {
    const rows = [{ frequency: 2, monetaryValue: 0, weight: 3 }, ...cdnowSpend()];
    const f = fitGammaGamma(rows, { zeroSpend: "ignore" });
    expect(f.zeroSpendCustomers).toBe(3);
    expect(f.ignoredCustomers).toBe(1411);
    expect(f.customers).toBe(946);
    expect(f.params.p).toBeCloseTo(fitGammaGamma(cdnowSpend()).params.p, 8);
    expect(thrown(() => fitGammaGamma(rows, { zeroSpend: "drop" as never }))).toMatchObject({ code: "INVALID_OPTION", path: "options.zeroSpend" });
  });

  it("names the zero-spend customer and the zeroSpend option in the refusal", () => {
    const rows = [{ customerId: "C-7", frequency: 2, monetaryValue: 0 }, ...cdnowSpend()];
    const e = thrown(() => fitGammaGamma(rows)) as { code: string; path: string; message: string };
    expect(e).toMatchObject({ code: "OUT_OF_RANGE", path: "rows[0].monetaryValue" });
    expect(e.message).toContain(`rows[0].monetaryValue (customer "C-7") must be > 0`);
    expect(e.message).toContain(`options.zeroSpend: "ignore"`);
    expect((thrown(() => fitGammaGamma([{ frequency: 2, monetaryValue: 0 }])) as { message: string }).message).not.toContain("(customer");
  });

  it("reaches the same optimum with the subsample warm start (over 20,000 patterns) as from the default start", { timeout: 30_000 }, () => {
    let seed = 5;
    const u = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const rows = Array.from({ length: 30_000 }, () => ({ frequency: 1 + Math.floor(u() * 8), monetaryValue: 5 + 60 * u() * u() }));
    const warm = fitGammaGamma(rows);
    const cold = fitGammaGamma(rows, { initialParams: { p: 1, q: 2, v: 20 } });
    expect(warm.converged && cold.converged).toBe(true);
    expect(warm.logLikelihood).toBeCloseTo(cold.logLikelihood, 5);
    for (const k of ["p", "q", "v"] as const) expect(warm.params[k] / cold.params[k]).toBeCloseTo(1, 4);
  });

  it("refuses input with no repeat buyer", () => {
    expect(thrown(() => fitGammaGamma([{ frequency: 0, monetaryValue: 0 }]))).toMatchObject({ code: "INSUFFICIENT_DATA", path: "rows" });
    expect(thrown(() => fitGammaGamma([]))).toMatchObject({ code: "INSUFFICIENT_DATA" });
  });
});

describe("expectedAverageSpend", () => {
  const model = { model: "gamma-gamma" as const, params: { p: 6.25, q: 3.74, v: 15.44 } };

  it("returns the population mean pγ/(q−1) for a customer without repeat purchases", () => {
    expect(expectedAverageSpend(model, { frequency: 0, monetaryValue: 99 })).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
  });

  it("returns null when the population mean is undefined (q ≤ 1, no repeat purchase)", () => {
    expect(expectedAverageSpend({ model: "gamma-gamma", params: { p: 2, q: 0.8, v: 3 } }, { frequency: 0, monetaryValue: 0 })).toBeNull();
    expect(expectedAverageSpend({ model: "gamma-gamma", params: { p: 2, q: 0.8, v: 3 } }, { frequency: 1, monetaryValue: 5 })).toBeCloseTo((2 * 3 + 2 * 5) / 1.8, 12);
  });

  it("throws coded errors for bad models and customers", () => {
    expect(thrown(() => expectedAverageSpend({ model: "bg-nbd", params: model.params } as never, { frequency: 1, monetaryValue: 1 }))).toMatchObject({ code: "INVALID_MODEL", path: "model.model" });
    expect(thrown(() => expectedAverageSpend({ model: "gamma-gamma", params: { p: -1, q: 2, v: 1 } }, { frequency: 1, monetaryValue: 1 }))).toMatchObject({ code: "INVALID_PARAMETER", path: "model.params.p" });
    expect(thrown(() => expectedAverageSpend(model, { frequency: 1.5, monetaryValue: 1 }))).toMatchObject({ code: "NOT_INTEGER", path: "customer.frequency" });
    expect(thrown(() => expectedAverageSpend(model, { frequency: 1, monetaryValue: -1 }))).toMatchObject({ code: "NEGATIVE_VALUE", path: "customer.monetaryValue" });
    expect(thrown(() => expectedAverageSpend(model, null as never))).toMatchObject({ code: "INVALID_TYPE", path: "customer" });
  });
});

describe("fitGammaGamma input errors", () => {
  it("throws coded errors with paths", () => {
    expect(thrown(() => fitGammaGamma([{ frequency: 2, monetaryValue: 0 }]))).toMatchObject({ code: "OUT_OF_RANGE", path: "rows[0].monetaryValue" });
    expect(thrown(() => fitGammaGamma([{ frequency: 2, monetaryValue: 3 }, { frequency: -1, monetaryValue: 3 }]))).toMatchObject({ code: "NEGATIVE_VALUE", path: "rows[1].frequency" });
    expect(thrown(() => fitGammaGamma([{ frequency: 2, monetaryValue: Number.POSITIVE_INFINITY }]))).toMatchObject({ code: "INVALID_NUMBER", path: "rows[0].monetaryValue" });
    expect(thrown(() => fitGammaGamma([{ frequency: 0, monetaryValue: -3 }]))).toMatchObject({ code: "NEGATIVE_VALUE", path: "rows[0].monetaryValue" });
    expect(thrown(() => fitGammaGamma([{ frequency: 2, monetaryValue: 3, weight: Number.NaN }]))).toMatchObject({ code: "INVALID_NUMBER", path: "rows[0].weight" });
    expect(thrown(() => fitGammaGamma([{ frequency: 2, monetaryValue: 3 }], { correlationWarning: -1 }))).toMatchObject({ code: "NEGATIVE_VALUE", path: "options.correlationWarning" });
    expect(thrown(() => fitGammaGamma([{ frequency: 2, monetaryValue: 0 }])).message).toMatch(/^fitGammaGamma: /);
  });
});
