import { describe, expect, it } from "vitest";
import { discountedExpectedTransactions, expectedAverageSpend, scoreCustomers, summarizeTransactions, type GammaGammaFit, type TransactionModel } from "../../src/index.js";
import { cdnowTransactions } from "../clv/cdnowFixtures.js";
import { thrown } from "../clv/moreFixtures.js";

// The first 300 CDNOW customers: DERT is an integral per distinct history (a few ms each).
const tx = cdnowTransactions().filter((t) => t.customerId <= 300);
const END = "1997-09-30";

describe('scoreCustomers with config.clv.method "dert"', () => {
  const result = scoreCustomers({ transactions: tx, observationEnd: END }, { clv: { method: "dert", discountRate: 0.01, margin: 0.3 }, churn: false });

  it("values each customer at margin × expected spend × DERT at δ = ln(1.01)/4.345 a week, bit for bit", () => {
    const model = result.models.transaction as TransactionModel;
    const gg = result.models.spend as GammaGammaFit;
    const delta = Math.log1p(0.01) / 4.345;
    expect(delta).toBeCloseTo(0.00229006, 8);
    const summaries = summarizeTransactions(tx, { observationEnd: END, unit: "week", monetary: "repeat" });
    expect(result.customers.length).toBe(summaries.length);
    // DERT per distinct history (the integral costs ~700 evaluations; customers share histories).
    const derts = new Map<string, number>();
    for (const [i, s] of summaries.entries()) {
      const row = result.customers[i]!;
      expect(row.customerId).toBe(s.customerId);
      const spend = expectedAverageSpend(gg, s);
      const key = `${s.frequency},${s.recency},${s.T}`;
      if (!derts.has(key)) derts.set(key, discountedExpectedTransactions(model, s, { continuousDiscountRate: delta }));
      const dert = derts.get(key)!;
      expect(row.clv).toBe(spend === null ? null : 0.3 * spend * dert);
    }
  });

  it("keeps every other column as the horizon method gives it, and values the future beyond 12 months", () => {
    const horizon = scoreCustomers({ transactions: tx, observationEnd: END }, { clv: { discountRate: 0.01, margin: 0.3 }, churn: false });
    expect(result.config.clv !== false && result.config.clv.method).toBe("dert");
    expect(result.customers.map((c) => [c.probabilityAlive, c.expectedPurchases, c.expectedSpend])).toEqual(horizon.customers.map((c) => [c.probabilityAlive, c.expectedPurchases, c.expectedSpend]));
    const total = (r: typeof result): number => r.customers.reduce((a, c) => a + (c.clv ?? 0), 0);
    expect(total(result)).toBeGreaterThan(total(horizon));
  });

  it("refuses a zero discount rate and an unknown method", () => {
    const zero = thrown(() => scoreCustomers({ transactions: tx, observationEnd: END }, { clv: { method: "dert", discountRate: 0 } }));
    expect([zero.code, zero.path]).toEqual(["INVALID_CONFIG", "config.clv.discountRate"]);
    const unknown = thrown(() => scoreCustomers({ transactions: tx, observationEnd: END }, { clv: { method: "perpetuity" as never } }));
    expect([unknown.code, unknown.path]).toEqual(["INVALID_CONFIG", "config.clv.method"]);
  });
});
