// Regressions for "never a hang, bounded time": each input below once stalled the unit suite under random
// fast-check seeds (the contract test's worker blocked in a synchronous loop, or fast-check shrank a slow call
// for minutes). They must now return (or throw a coded error) at once.
import { describe, expect, it } from "vitest";
import { calibrationHoldoutTable, customerLifetimeValue, scoreCustomers } from "../../src/index.js";
import { codeOf } from "../contract/check.js";

describe("customerLifetimeValue horizon", () => {
  const bg = { model: "bg-nbd", params: { r: 0.1, alpha: 2.02, a: 1.47, b: 2.35 } } as const;
  const customers = [{ frequency: 2, recency: 30, T: 39, monetaryValue: 20 }];

  it("refuses a horizon of 2^53 + 2 periods, which looped once per period (2^53 predictions per customer)", () => {
    expect(codeOf(() => customerLifetimeValue(bg, 10, customers, { horizon: 2 ** 53 + 2, unit: "week" }))).toBe("OUT_OF_RANGE options.horizon");
    expect(codeOf(() => customerLifetimeValue(bg, 10, customers, { horizon: 10_001, unit: "week" }))).toBe("OUT_OF_RANGE options.horizon");
  });

  it("still sums the longest allowed horizon", () => {
    const [c] = customerLifetimeValue(bg, 10, customers, { horizon: 10_000, unit: "week", discountRate: 0.01 });
    expect(c!.clv).toBeGreaterThan(0);
    expect(Number.isFinite(c!.clv)).toBe(true);
  });

  it("makes scoreCustomers refuse the contract counterexample (seed 668257275) instead of hanging", () => {
    // The exact hostile input of the reliability contract (FC_SEED=668257275, scoreCustomers hostile, run 38).
    const transactions = {
      customerId: { 0: 15, 1: 16, 2: 14, 3: 4, 4: 6, 5: 10, 6: 13 },
      at: { 0: 1674259200000, 1: 1681689600000, 2: 1697500800000, 3: 1651795200000, 4: 1653177600000, 5: 1694217600000, 6: 1690156800000 },
      amount: { 0: 1.5669809674148415e-286, 1: 9.516308838036885e-108, 2: 3.5559928967764855e-285, 3: 8.36176541827795e-183, 4: 3.909388068323565e-13, 5: 1.1873537954110966e-46, 6: 6.448724782046559e-275 },
    };
    const config = {
      summary: { period: "day", unit: "week" }, rfm: false, tiers: false, lifecycle: false, churn: { rules: { featureDrop: false } },
      clv: {
        horizon: 9007199254740994, discountRate: 2.2511134822405072e-290,
        transactionModel: { model: "bg-nbd", params: { r: 0.10000000000000024, alpha: 2.0231822773989427, a: 1.467229063558885, b: 2.351073498912803 } },
        spendModel: { model: "gamma-gamma", params: { p: 6.25, q: 3.74, v: 15.44 } },
      },
    };
    expect(codeOf(() => scoreCustomers({ transactions, observationEnd: 1707091200000 } as never, config as never))).toBe("INVALID_CONFIG config.clv.horizon");
  });
});

describe("calibrationHoldoutTable maxFrequency", () => {
  const bg = { model: "mbg-nbd", params: { r: 0.01, alpha: 3.5, a: 0.01, b: 7.27 } } as const;
  const rows = [
    { frequency: 40, recency: 4.4e-263, T: 1.44e-205, holdoutFrequency: 7, holdoutDuration: 1.9e-52 },
    { frequency: 7, recency: 9.8e-303, T: 9.3e-178, holdoutFrequency: 3, holdoutDuration: 6.8e-271 },
    { frequency: 0, recency: 0, T: 3, holdoutFrequency: 1, holdoutDuration: 2 },
  ];

  it("groups by frequency without one array slot per possible frequency (maxFrequency 1e308 threw a RangeError)", () => {
    for (const maxFrequency of [1e308, 2 ** 53 + 2]) {
      const table = calibrationHoldoutTable(bg, rows, { maxFrequency });
      expect(table.map((g) => [g.frequency, g.customers, g.actual, g.andAbove])).toEqual([[0, 1, 1, false], [7, 1, 3, false], [40, 1, 7, false]]);
    }
  });

  it("gives the same groups as before for a small maxFrequency", () => {
    const table = calibrationHoldoutTable(bg, rows, { maxFrequency: 7 });
    expect(table.map((g) => [g.frequency, g.customers, g.actual, g.andAbove])).toEqual([[0, 1, 1, false], [7, 2, 5, true]]);
  });
});
