// The engine's interval columns: predictionIntervals' bounds for every customer, with the CLV part's
// horizon, discount rate, margin and fitted models.
import { describe, expect, it } from "vitest";
import { predictionIntervals, scoreCustomers, summarizeTransactions, type ScoreResult } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";
import { cdnowSample } from "./helpers.js";

const rows = cdnowSample();
const END = "1998-06-30";

describe("scoreCustomers with config.clv.intervals", () => {
  it("adds the bounds predictionIntervals gives, customer by customer", () => {
    const config = { clv: { model: "bg-nbd", horizon: 6, discountRate: 0.02, margin: 0.5, intervals: { draws: 200, seed: 5 } } } as const;
    const result = scoreCustomers({ transactions: rows, observationEnd: END }, config) as ScoreResult;
    const summaries = summarizeTransactions(rows, { observationEnd: END, unit: "week" });
    const tm = result.models.transaction!;
    expect((tm as { covariance?: unknown }).covariance).toBeTruthy();
    const direct = predictionIntervals(tm, summaries, {
      draws: 200, seed: 5, horizon: 6 * 4.345,
      clv: { spendModel: result.models.spend as never, horizon: 6, discountRate: 0.02, margin: 0.5, unit: "week" },
    });
    expect(result.customers).toHaveLength(direct.customers.length);
    result.customers.forEach((c, i) => {
      const d = direct.customers[i]!;
      expect(c.customerId).toBe(summaries[i]!.customerId);
      expect([c.probabilityAliveLower, c.probabilityAliveUpper]).toEqual([d.probabilityAlive.lower, d.probabilityAlive.upper]);
      expect([c.expectedPurchasesLower, c.expectedPurchasesUpper]).toEqual([d.expectedPurchases!.lower, d.expectedPurchases!.upper]);
      expect([c.clvLower, c.clvUpper]).toEqual([d.clv?.lower ?? null, d.clv?.upper ?? null]);
      expect(c.probabilityAliveLower!).toBeLessThanOrEqual(c.probabilityAlive!);
      expect(c.probabilityAliveUpper!).toBeGreaterThanOrEqual(c.probabilityAlive!);
      if (c.clv !== null) {
        expect(c.clvLower!).toBeLessThanOrEqual(c.clv * (1 + 1e-12));
        expect(c.clvUpper!).toBeGreaterThanOrEqual(c.clv * (1 - 1e-12));
      }
    });
  });

  it("adds no interval columns by default", () => {
    const result = scoreCustomers({ transactions: rows.slice(0, 200), observationEnd: END }, { clv: { model: "bg-nbd" } }) as ScoreResult;
    expect("probabilityAliveLower" in result.customers[0]!).toBe(false);
  });

  it("refuses bad interval options as INVALID_CONFIG at config.clv.intervals.*", () => {
    expect(codeAndPath(() => scoreCustomers({ transactions: rows, observationEnd: END }, { clv: { intervals: { level: 90 } } }))).toEqual(["INVALID_CONFIG", "config.clv.intervals.level"]);
    expect(codeAndPath(() => scoreCustomers({ transactions: rows, observationEnd: END }, { clv: { intervals: { draw: 10 } as never } }))).toEqual(["INVALID_CONFIG", "config.clv.intervals.draw"]);
  });

  it("refuses intervals beside the dert CLV (their bounds are the horizon CLV's)", () => {
    expect(codeAndPath(() => scoreCustomers({ transactions: rows, observationEnd: END }, { clv: { method: "dert", intervals: {} } }))).toEqual(["INVALID_CONFIG", "config.clv.intervals"]);
  });
});
