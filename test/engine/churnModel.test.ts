// The engine's churnProbability column: a fitted churn model scored on the engine's own summaries equals
// scoreChurn on churnFeatures at the start of the day after the observation end.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { churnFeatures, createScorer, fitChurnModel, labelledSnapshot, scoreChurn, scoreCustomers } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const transactions = readFileSync(new URL("../../examples/data/CDNOW_sample.txt", import.meta.url), "utf8").trim().split("\n").map((line) => {
  const [, id, d, , dollars] = line.trim().split(/\s+/) as [string, string, string, string, string];
  return { customerId: Number(id), at: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Number(dollars) };
});
const model = fitChurnModel(labelledSnapshot(transactions, { snapshotAt: "1997-10-01", windowEnd: "1998-07-01" }));

describe("the engine's churn model", () => {
  it("adds churnProbability equal to scoreChurn on churnFeatures, for every customer", () => {
    const result = scoreCustomers({ transactions, observationEnd: "1997-09-30T12:00:00Z" }, { churnModel: { model }, clv: false });
    const want = scoreChurn(model, churnFeatures(transactions, { snapshotAt: "1997-10-01" }).rows);
    expect(result.customers.length).toBe(want.length);
    result.customers.forEach((row, i) => {
      expect(row.customerId).toBe(want[i]!.customerId);
      expect(row.churnProbability).toBe(want[i]!.churnProbability);
    });
    expect(result.config.churnModel).toEqual({ model });
  });

  it("leaves the column null without a model", () => {
    const result = scoreCustomers({ transactions: transactions.slice(0, 50), observationEnd: "1997-09-30" }, { clv: false });
    expect(result.customers.every((r) => r.churnProbability === null)).toBe(true);
    expect(result.config.churnModel).toBe(false);
  });

  it("refuses a bad churn model part with INVALID_CONFIG at its path", () => {
    expect(codeAndPath(() => createScorer({ churnModel: { model, extra: 1 } as never }))).toEqual(["INVALID_CONFIG", "config.churnModel.extra"]);
    expect(codeAndPath(() => createScorer({ churnModel: {} as never }))).toEqual(["INVALID_CONFIG", "config.churnModel.model"]);
    expect(codeAndPath(() => createScorer({ churnModel: { model: { ...model, model: "logistic" } } as never }))).toEqual(["INVALID_CONFIG", "config.churnModel.model.model"]);
    const activityModel = { ...model, features: ["activityTrend"], coefficients: { intercept: 0, activityTrend: 1 }, means: { activityTrend: 0 } };
    expect(codeAndPath(() => createScorer({ churnModel: { model: activityModel } }))).toEqual(["INVALID_CONFIG", "config.churnModel.model.features[0]"]);
    expect(codeAndPath(() => createScorer({ churnModel: { model }, summary: { period: "week" } }))).toEqual(["INVALID_CONFIG", "config.churnModel"]);
    expect(codeAndPath(() => createScorer({ churnModel: true as never }))).toEqual(["INVALID_CONFIG", "config.churnModel"]);
  });

  it("keeps a resolved config with a model a valid config", () => {
    const resolved = createScorer({ churnModel: { model } }).config;
    expect(createScorer(JSON.parse(JSON.stringify(resolved))).config).toEqual(resolved);
  });
});
