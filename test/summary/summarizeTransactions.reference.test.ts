import { describe, expect, it } from "vitest";
import { splitCalibrationHoldout, summarizeTransactions } from "../../src/index.js";
import { loadCdnowSample } from "../../examples/lib/cdnow.js";
import { readNumericCsv, relDiff } from "../helpers/csv.js";

const raw = loadCdnowSample();

function worst(ours: Record<string, number>[], ref: Record<string, number>[], pairs: [string, string][]): number {
  let max = 0;
  ref.forEach((r, i) => {
    for (const [a, b] of pairs) max = Math.max(max, relDiff(ours[i]![a]!, r[b]!));
  });
  return max;
}

describe("summarizeTransactions on the CDNOW sample", () => {
  it("reproduces lifetimes' day-period, week-unit summary for all 2,357 customers to 1e-9", () => {
    const ref = readNumericCsv("cdnow/reference-summary-day-periods-week-units.csv");
    const ours = summarizeTransactions(raw, { observationEnd: "1997-09-30", period: "day", unit: "week" });
    expect(ours.map((s) => s.customerId)).toEqual(ref.map((r) => r.customer_id));
    const rows = ours as unknown as Record<string, number>[];
    expect(worst(rows, ref, [["frequency", "frequency"], ["recency", "recency"], ["T", "T"], ["monetaryValue", "monetary_value"]])).toBeLessThan(1e-9);
  });

  it("reproduces lifetimes' day-period, day-unit summary for all customers to 1e-9", () => {
    const ref = readNumericCsv("cdnow/reference-summary-day-periods-day-units.csv");
    const ours = summarizeTransactions(raw, { observationEnd: "1997-09-30", unit: "day" });
    expect(ours).toHaveLength(ref.length);
    const rows = ours as unknown as Record<string, number>[];
    expect(worst(rows, ref, [["customerId", "customer_id"], ["frequency", "frequency"], ["recency", "recency"], ["T", "T"], ["monetaryValue", "monetary_value"]])).toBeLessThan(1e-9);
  });

  it("reproduces lifetimes' calibration/holdout split for every customer to 1e-9", () => {
    const ref = readNumericCsv("cdnow/reference-calibration-holdout-week-units.csv");
    const ours = splitCalibrationHoldout(raw, {
      calibrationEnd: "1997-09-30",
      observationEnd: "1998-06-30",
      period: "day",
      unit: "week",
      holdoutMonetary: "transaction",
    });
    expect(ours).toHaveLength(ref.length);
    const rows = ours as unknown as Record<string, number>[];
    expect(
      worst(rows, ref, [
        ["customerId", "customer_id"],
        ["frequency", "frequency_cal"],
        ["recency", "recency_cal"],
        ["T", "T_cal"],
        ["monetaryValue", "monetary_value_cal"],
        ["holdoutFrequency", "frequency_holdout"],
        ["holdoutMonetaryValue", "monetary_value_holdout"],
        ["holdoutDuration", "duration_holdout"],
      ]),
    ).toBeLessThan(1e-9);
  });

  it("matches the published calibration totals: 2,457 repeat purchases by 946 repeat buyers", () => {
    const ours = summarizeTransactions(raw, { observationEnd: "1997-09-30", unit: "week" });
    expect(ours.reduce((a, s) => a + s.frequency, 0)).toBe(2457);
    expect(ours.filter((s) => s.frequency > 0)).toHaveLength(946);
    expect(Math.min(...ours.map((s) => s.T))).toBeCloseTo(27, 12);
  });
});
