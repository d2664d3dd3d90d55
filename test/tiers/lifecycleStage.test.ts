import { describe, expect, it } from "vitest";
import { lifecycleInputs, lifecycleStage } from "../../src/index.js";
import { thrown } from "../rfm/helpers.js";

const asOf = "2024-06-30";
const row = (over: Partial<{ firstAt: string; lastAt: string; recentPurchases: number; priorPurchases: number }> = {}) => ({
  customerId: 1,
  firstAt: "2022-01-01",
  lastAt: "2024-06-20",
  recentPurchases: 3,
  priorPurchases: 3,
  ...over,
});
const stage = (over: Parameters<typeof row>[0], options = {}) => lifecycleStage([row(over)], { asOf, ...options })[0]!.stage;

describe("lifecycleStage", () => {
  it("applies the decision list in order: churned, new, at-risk, growing, mature", () => {
    expect(stage({ lastAt: "2023-06-29" })).toBe("churned"); // 367 days
    expect(stage({ lastAt: "2023-07-01" })).toBe("at-risk"); // 365 days: not more than 365
    expect(stage({ firstAt: "2024-04-01", lastAt: "2024-04-01", recentPurchases: 1, priorPurchases: 0 })).toBe("new"); // 90 days
    expect(stage({ firstAt: "2024-03-31", lastAt: "2024-03-31", recentPurchases: 0, priorPurchases: 1 })).toBe("at-risk"); // 91 days, quiet 91
    expect(stage({ recentPurchases: 1, priorPurchases: 2 })).toBe("at-risk"); // 1 ≤ 0.5 × 2
    expect(stage({ recentPurchases: 2, priorPurchases: 3 })).toBe("mature");
    expect(stage({ recentPurchases: 5, priorPurchases: 4 })).toBe("growing"); // 5 ≥ 1.25 × 4
    expect(stage({ recentPurchases: 4, priorPurchases: 4 })).toBe("mature");
    expect(stage({ recentPurchases: 1, priorPurchases: 0 })).toBe("growing");
  });

  it("makes churn win over newness and inactivity over growth", () => {
    expect(stage({ firstAt: "2023-01-01", lastAt: "2023-01-01" }, { newDays: 1000 })).toBe("churned");
    expect(stage({ lastAt: "2024-03-01", recentPurchases: 0, priorPurchases: 0 })).toBe("at-risk");
  });

  it("uses every threshold given", () => {
    expect(stage({ lastAt: "2024-04-01" }, { atRiskDays: 60, churnedDays: 80 })).toBe("churned");
    expect(stage({ recentPurchases: 2, priorPurchases: 3 }, { declineRatio: 0.7 })).toBe("at-risk");
    expect(stage({ recentPurchases: 5, priorPurchases: 4 }, { growthRatio: 1.5 })).toBe("mature");
    expect(stage({ firstAt: "2024-01-01" }, { newDays: 200 })).toBe("new");
  });

  it("reports tenure and days since the last purchase", () => {
    expect(lifecycleStage([row({ firstAt: "2024-06-01", lastAt: "2024-06-29T12:00:00Z" })], { asOf })[0]).toEqual({ customerId: 1, stage: "new", tenureDays: 29, daysSinceLast: 0.5 });
  });

  it("refuses bad dates, ranges, counts and thresholds", () => {
    let e = thrown(() => lifecycleStage([row({ lastAt: "2024-07-01" })], { asOf }));
    expect([e.code, e.path]).toEqual(["INVALID_RANGE", "customers[0].lastAt"]);
    expect(e.message).toMatch(/^lifecycleStage: /);
    e = thrown(() => lifecycleStage([row({ firstAt: "2024-06-25" })], { asOf }));
    expect([e.code, e.path]).toEqual(["INVALID_RANGE", "customers[0].lastAt"]);
    e = thrown(() => lifecycleStage([row({ firstAt: "2024-02-30" })], { asOf }));
    expect([e.code, e.path]).toEqual(["INVALID_DATE", "customers[0].firstAt"]);
    e = thrown(() => lifecycleStage([row({ recentPurchases: 1.5 })], { asOf }));
    expect([e.code, e.path]).toEqual(["NOT_INTEGER", "customers[0].recentPurchases"]);
    e = thrown(() => lifecycleStage([row({ priorPurchases: Number.NaN })], { asOf }));
    expect([e.code, e.path]).toEqual(["INVALID_NUMBER", "customers[0].priorPurchases"]);
    e = thrown(() => lifecycleStage([row()], { asOf, atRiskDays: 400 }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.atRiskDays"]);
    e = thrown(() => lifecycleStage([row()], { asOf, growthRatio: 0.5 }));
    expect([e.code, e.path]).toEqual(["OUT_OF_RANGE", "options.growthRatio"]);
    e = thrown(() => lifecycleStage([row()], {} as never));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.asOf"]);
  });

  it("does not mutate its input and returns [] for none", () => {
    const input = Object.freeze([Object.freeze(row())]);
    expect(lifecycleStage(input, { asOf })).toHaveLength(1);
    expect(lifecycleStage([], { asOf })).toEqual([]);
  });
});

describe("lifecycleInputs", () => {
  it("counts transactions in (asOf − 90 d, asOf] and (asOf − 180 d, asOf − 90 d], sorted by id, leaving out later ones", () => {
    // recent: after 2024-04-01T00:00; prior: after 2024-01-02T00:00 up to 2024-04-01T00:00
    const log = [
      { customerId: "b", at: "2024-06-30" },
      { customerId: 2, at: "2024-04-01T00:00:01Z" },
      { customerId: 2, at: "2024-04-01" },
      { customerId: 2, at: "2024-01-02" },
      { customerId: 2, at: "2024-01-01" },
      { customerId: 2, at: "2024-07-02" },
    ];
    expect(lifecycleInputs(log, { asOf })).toEqual([
      { customerId: 2, firstAt: Date.UTC(2024, 0, 1), lastAt: Date.UTC(2024, 3, 1) + 1000, recentPurchases: 1, priorPurchases: 1 },
      { customerId: "b", firstAt: Date.UTC(2024, 5, 30), lastAt: Date.UTC(2024, 5, 30), recentPurchases: 1, priorPurchases: 0 },
    ]);
  });

  it("feeds lifecycleStage directly", () => {
    const log = [{ customerId: 1, at: "2024-06-01" }];
    expect(lifecycleStage(lifecycleInputs(log, { asOf }), { asOf })[0]!.stage).toBe("new");
  });

  it("refuses a bad window and names bad rows", () => {
    let e = thrown(() => lifecycleInputs([], { asOf, windowDays: 0 }));
    expect([e.code, e.path]).toEqual(["OUT_OF_RANGE", "options.windowDays"]);
    e = thrown(() => lifecycleInputs([{ customerId: 1, at: "x" }], { asOf }));
    expect([e.code, e.path]).toEqual(["INVALID_DATE", "transactions[0].at"]);
  });
});
