import { describe, expect, it } from "vitest";
import { RetentionKitError, splitCalibrationHoldout, summarizeTransactions } from "../../src/index.js";

const rows = [
  { customerId: 1, at: "2024-01-01", amount: 10 },
  { customerId: 1, at: "2024-01-08", amount: 12 },
  { customerId: 1, at: "2024-02-05", amount: 30 },
  { customerId: 1, at: "2024-02-05", amount: 6 },
  { customerId: 1, at: "2024-02-12", amount: 4 },
  { customerId: 2, at: "2024-01-20", amount: 5 },
  { customerId: 3, at: "2024-02-01", amount: 9 },
  { customerId: 1, at: "2024-03-05", amount: 100 },
];

describe("splitCalibrationHoldout", () => {
  const out = splitCalibrationHoldout(rows, { calibrationEnd: "2024-01-31", observationEnd: "2024-02-29", unit: "day" });

  it("keeps only customers who bought in calibration", () => {
    expect(out.map((r) => r.customerId)).toEqual([1, 2]);
  });

  it("gives the calibration summary exactly as summarizeTransactions does", () => {
    const cal = summarizeTransactions(rows, { observationEnd: "2024-01-31", unit: "day" });
    expect(out.map(({ customerId, frequency, recency, T, monetaryValue }) => ({ customerId, frequency, recency, T, monetaryValue }))).toEqual(
      cal.map(({ customerId, frequency, recency, T, monetaryValue }) => ({ customerId, frequency, recency, T, monetaryValue })),
    );
  });

  it("counts holdout purchase days and averages spend per purchase day by default", () => {
    expect(out[0]).toMatchObject({ holdoutFrequency: 2, holdoutMonetaryValue: 20, holdoutTransactionCount: 3, holdoutAmount: 40, holdoutDuration: 29 });
    expect(out[1]).toMatchObject({ holdoutFrequency: 0, holdoutMonetaryValue: 0, holdoutDuration: 29 });
  });

  it("averages per transaction row with holdoutMonetary: 'transaction', as lifetimes", () => {
    const t = splitCalibrationHoldout(rows, { calibrationEnd: "2024-01-31", observationEnd: "2024-02-29", holdoutMonetary: "transaction", unit: "day" });
    expect(t[0]!.holdoutMonetaryValue).toBeCloseTo(40 / 3, 14);
  });

  it("gives a zero-length holdout when both ends are equal", () => {
    const t = splitCalibrationHoldout(rows, { calibrationEnd: "2024-01-31", observationEnd: "2024-01-31", unit: "day" });
    expect(t.every((r) => r.holdoutDuration === 0 && r.holdoutFrequency === 0)).toBe(true);
  });

  it("refuses a calibration end after the observation end", () => {
    try {
      splitCalibrationHoldout(rows, { calibrationEnd: "2024-03-01", observationEnd: "2024-02-01" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RetentionKitError);
      expect((e as RetentionKitError).code).toBe("INVALID_RANGE");
    }
  });
});
