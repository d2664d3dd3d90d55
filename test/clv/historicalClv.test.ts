import { describe, expect, it } from "vitest";
import { historicalClv } from "../../src/index.js";
import { thrown } from "./moreFixtures.js";

describe("historicalClv", () => {
  const tx = [
    { customerId: "a", at: "2024-01-10", amount: 100 },
    { customerId: "b", at: "2024-03-01", amount: 40 },
    { customerId: "a", at: "2025-01-10", amount: 50 },
    { customerId: "c", at: "2025-01-01" },
  ];

  it("sums margin × spend per customer in order of first appearance", () => {
    expect(historicalClv(tx, { margin: 0.3 })).toEqual([
      { customerId: "a", transactionCount: 2, revenue: 150, clv: 45 },
      { customerId: "b", transactionCount: 1, revenue: 40, clv: 12 },
      { customerId: "c", transactionCount: 1, revenue: 0, clv: 0 },
    ]);
  });

  it("uses margin 1 by default and returns nothing for no transactions", () => {
    expect(historicalClv(tx)[0]!.clv).toBe(150);
    expect(historicalClv([])).toEqual([]);
  });

  it("compounds past margin to asOf at the discount rate per unit", () => {
    const [a] = historicalClv(tx, { asOf: "2025-01-10", discountRate: 0.001, unit: "day" });
    expect(a!.clv).toBeCloseTo(100 * 1.001 ** 366 + 50, 9);
    const [a2] = historicalClv([{ customerId: 1, at: "2023-01-10T00:00:00Z", amount: 100 }], { asOf: Date.UTC(2023, 0, 10) + 365.25 * 2 * 86_400_000, discountRate: 0.1 });
    expect(a2!.clv).toBeCloseTo(121, 9);
  });

  it("does not mutate its input", () => {
    const copy = structuredClone(tx);
    historicalClv(Object.freeze(tx.map((t) => Object.freeze({ ...t }))), { margin: 0.5 });
    expect(tx).toEqual(copy);
  });

  it("throws coded errors with paths", () => {
    expect(thrown(() => historicalClv(tx, { margin: 1.5 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "options.margin" });
    expect(thrown(() => historicalClv(tx, { discountRate: 0.1 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.asOf" });
    expect(thrown(() => historicalClv(tx, { asOf: "2024-12-31" }))).toMatchObject({ code: "OUT_OF_RANGE", path: "transactions[2].at" });
    expect(thrown(() => historicalClv(tx, { unit: "month" as never }))).toMatchObject({ code: "INVALID_OPTION", path: "options.unit" });
    expect(thrown(() => historicalClv([{ customerId: "a", at: "2024-01-01", amount: -5 }]))).toMatchObject({ code: "NEGATIVE_AMOUNT", path: "transactions[0].amount" });
    expect(thrown(() => historicalClv([{ customerId: "a", at: "nope", amount: 5 }]))).toMatchObject({ code: "INVALID_DATE", path: "transactions[0].at" });
  });
});
