import { describe, expect, it } from "vitest";
import { customerLifetimeValue, expectedAverageSpend } from "../../src/index.js";
import { reference, rel } from "./cdnowFixtures.js";
import { thrown } from "./moreFixtures.js";

const ref = reference();
const gg = ref.cdnow_summary.gamma_gamma;
const inp = gg.inputs_rows_0_9;
const customers = inp.frequency.map((f: number, i: number) => ({
  customerId: i + 1, frequency: f, recency: inp.recency[i], T: inp.T[i], monetaryValue: inp.monetary_value[i],
}));
const ggModel = { model: "gamma-gamma", params: gg.params } as const;
const bgModel = { model: "bg-nbd", params: gg.bgnbd_used_for_clv_params } as const;

describe("customerLifetimeValue against lifetimes", () => {
  it("reproduces customer_lifetime_value(time=12, discount_rate=0.01, freq='W') to 1e-12 with unit 'week'", () => {
    const out = customerLifetimeValue(bgModel, ggModel, customers, { horizon: 12, discountRate: 0.01, unit: "week" });
    out.forEach((o, i) => expect(rel(o.clv!, gg.predictions_rows_0_9_fitted_params.customer_lifetime_value_W[i])).toBeLessThan(1e-12));
    expect(out.map((o) => o.customerId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("reproduces the documentation's freq='D' numbers with unit 'day' (30-unit months)", () => {
    const out = customerLifetimeValue(bgModel, ggModel, customers, { horizon: 12, discountRate: 0.01, unit: "day" });
    out.forEach((o, i) => expect(rel(o.clv!, gg.predictions_rows_0_9_fitted_params.customer_lifetime_value_D_docs_default[i])).toBeLessThan(1e-12));
  });

  it("reproduces the published-parameter values", () => {
    const out = customerLifetimeValue(
      { model: "bg-nbd", params: ref.meta.published_values.bgnbd },
      { model: "gamma-gamma", params: { p: 6.25, q: 3.74, v: 15.44 } },
      customers, { horizon: 12, discountRate: 0.01, periodLength: 4.345 },
    );
    out.forEach((o, i) => expect(rel(o.clv!, gg.predictions_rows_0_9_published_params.customer_lifetime_value_W[i])).toBeLessThan(1e-12));
  });
});

describe("customerLifetimeValue conventions", () => {
  const one = [customers[5]];
  it("equals spend × undiscounted expected purchases when the discount rate is 0", () => {
    const [o] = customerLifetimeValue(bgModel, ggModel, one, { horizon: 12, discountRate: 0, unit: "week" });
    expect(rel(o!.clv!, o!.expectedSpend! * o!.expectedPurchases)).toBeLessThan(1e-12);
    expect(o!.expectedSpend).toBe(expectedAverageSpend(ggModel, customers[5]));
  });

  it("scales with the margin and with a constant spend", () => {
    const [a] = customerLifetimeValue(bgModel, 10, one, { horizon: 12, discountRate: 0.01, unit: "week" });
    const [b] = customerLifetimeValue(bgModel, 10, one, { horizon: 12, discountRate: 0.01, unit: "week", margin: 0.3 });
    expect(rel(b!.clv!, 0.3 * a!.clv!)).toBeLessThan(1e-14);
    expect(a!.expectedSpend).toBe(10);
  });

  it("decreases with the discount rate and is 0 over a zero horizon", () => {
    const v = (d: number) => customerLifetimeValue(bgModel, ggModel, one, { horizon: 24, discountRate: d, unit: "week" })[0]!.clv!;
    expect(v(0.02)).toBeLessThan(v(0.01));
    expect(customerLifetimeValue(bgModel, ggModel, one, { horizon: 0, unit: "week" })[0]!.clv).toBe(0);
  });

  it("works for BG/BB with one opportunity per period", () => {
    const bgbb = { model: "bg-bb", params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 } } as const;
    const [o] = customerLifetimeValue(bgbb, 50, [{ frequency: 3, recency: 5, n: 6 }], { horizon: 5, discountRate: 0.1 });
    expect(o!.clv! > 0 && Number.isFinite(o!.clv!)).toBe(true);
    expect(o!.customerId).toBeNull();
  });

  it("returns [] for no customers and does not mutate its input", () => {
    expect(customerLifetimeValue(bgModel, ggModel, [], { horizon: 12, unit: "week" })).toEqual([]);
    const frozen = Object.freeze(customers.map((c: object) => Object.freeze({ ...c })));
    const copy = structuredClone(frozen);
    customerLifetimeValue(bgModel, ggModel, frozen, { horizon: 3, unit: "week" });
    expect(frozen).toEqual(copy);
  });

  it("throws coded errors for missing units and bad rows", () => {
    let e = thrown(() => customerLifetimeValue(bgModel, ggModel, customers, { horizon: 12 }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options"]);
    e = thrown(() => customerLifetimeValue(bgModel, ggModel, [{ frequency: 1, recency: 1, T: 2, monetaryValue: -5 }], { horizon: 12, unit: "week" }));
    expect([e.code, e.path]).toEqual(["NEGATIVE_VALUE", "customers[0].monetaryValue"]);
    e = thrown(() => customerLifetimeValue(bgModel, { model: "gamma-gamma", params: { p: 1, q: 0, v: 1 } }, customers, { horizon: 12, unit: "week" }));
    expect([e.code, e.path]).toEqual(["INVALID_PARAMETER", "spendModel.params.q"]);
    e = thrown(() => customerLifetimeValue(bgModel, ggModel, customers, { horizon: 1.5, unit: "week" }));
    expect(e.path).toBe("options.horizon");
  });
});
