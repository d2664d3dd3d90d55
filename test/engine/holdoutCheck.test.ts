import { describe, expect, it } from "vitest";
import { holdoutAccuracy, scoreCustomers, splitCalibrationHoldout, type Transaction } from "../../src/index.js";
import { cdnowTransactions } from "../clv/cdnowFixtures.js";
import { thrown } from "../clv/moreFixtures.js";

const tx = cdnowTransactions();
const CAL = "1997-09-30";
const END = "1998-06-30";
const calMs = Date.UTC(1997, 8, 30);

describe("scoreCustomers with input.calibrationEnd", () => {
  const result = scoreCustomers({ transactions: tx, observationEnd: END, calibrationEnd: CAL }, {});

  it("carries holdoutAccuracy of its own fitted model on splitCalibrationHoldout's rows, bit for bit", () => {
    const split = splitCalibrationHoldout(tx, { calibrationEnd: CAL, observationEnd: END, unit: "week" });
    const h = result.holdout!;
    expect(h.calibrationEnd).toBe(calMs);
    expect(h.observationEnd).toBe(Date.UTC(1998, 5, 30));
    expect(h.holdoutDuration).toBe(39);
    expect(JSON.stringify(h.accuracy)).toBe(JSON.stringify(holdoutAccuracy(result.models.transaction!, split)));
    expect(h.accuracy!.customers).toBe(2357);
    expect(h.accuracy!.purchases.model.actualTotal).toBe(1882);
    expect(h.accuracy!.model).toBe("mbg-nbd");
  });

  it("scores at the calibration end: the same rows and models as scoring the calibration transactions alone", () => {
    const calibration = scoreCustomers({ transactions: tx.filter((t) => t.at <= calMs), observationEnd: CAL }, {});
    expect(result.observationEnd).toBe(calMs);
    expect(JSON.stringify(result.customers)).toBe(JSON.stringify(calibration.customers));
    expect(JSON.stringify(result.models)).toBe(JSON.stringify(calibration.models));
    expect(result.warnings).toEqual(calibration.warnings);
  });

  it("gives the same result for columns and for an async iterable of batches", async () => {
    const cols = summarizeColumnsInput(tx);
    const fromCols = scoreCustomers({ transactions: cols, observationEnd: END, calibrationEnd: CAL }, {});
    expect(JSON.stringify(fromCols)).toBe(JSON.stringify(result));
    async function* batches(): AsyncGenerator<Transaction[]> {
      for (let i = 0; i < tx.length; i += 1000) yield tx.slice(i, i + 1000);
    }
    const fromAsync = await scoreCustomers({ transactions: batches(), observationEnd: END, calibrationEnd: CAL }, {});
    expect(JSON.stringify(fromAsync)).toBe(JSON.stringify(result));
  });

  it("leaves the result as it was without a calibration end (no holdout key)", () => {
    const plain = scoreCustomers({ transactions: tx, observationEnd: END }, {});
    expect("holdout" in plain).toBe(false);
  });

  it("still warns about rows after the observation end, and not about the holdout's", () => {
    const late = [...tx, { customerId: 1, at: Date.UTC(1998, 11, 1), amount: 5 }];
    const r = scoreCustomers({ transactions: late, observationEnd: END, calibrationEnd: CAL }, {});
    expect(r.warnings.find((w) => w.code === "ROWS_AFTER_END")?.value).toBe(1);
    expect(result.warnings.some((w) => w.code === "ROWS_AFTER_END")).toBe(false);
  });

  it("gives a null accuracy when nobody bought by the calibration end", () => {
    const r = scoreCustomers({ transactions: [{ customerId: 1, at: "2024-03-01", amount: 5 }], observationEnd: "2024-06-30", calibrationEnd: "2024-01-31" }, {});
    expect(r.customers).toEqual([]);
    expect(r.holdout).toEqual({ calibrationEnd: Date.UTC(2024, 0, 31), observationEnd: Date.UTC(2024, 5, 30), holdoutDuration: 21.571428571428573, accuracy: null });
  });

  it("refuses a calibration end after the observation end, with ready summaries, or with the clv part off", () => {
    const after = thrown(() => scoreCustomers({ transactions: tx, observationEnd: CAL, calibrationEnd: END }, {}));
    expect([after.code, after.path]).toEqual(["INVALID_RANGE", "input.calibrationEnd"]);
    expect(after.message).toMatch(/^scoreCustomers/);
    const summaries = thrown(() => scoreCustomers({ summaries: [], observationEnd: END, calibrationEnd: CAL }, {}));
    expect([summaries.code, summaries.path]).toEqual(["INVALID_INPUT", "input.calibrationEnd"]);
    const off = thrown(() => scoreCustomers({ transactions: tx, observationEnd: END, calibrationEnd: CAL }, { clv: false }));
    expect([off.code, off.path]).toEqual(["INVALID_INPUT", "input.calibrationEnd"]);
    const bad = thrown(() => scoreCustomers({ transactions: tx, observationEnd: END, calibrationEnd: "1997-13-45" }, {}));
    expect(bad.path).toBe("input.calibrationEnd");
  });
});

/** The transactions as typed columns. */
function summarizeColumnsInput(rows: readonly { customerId: number; at: number; amount: number }[]): { customerId: Int32Array; at: Float64Array; amount: Float64Array } {
  return { customerId: Int32Array.from(rows, (r) => r.customerId), at: Float64Array.from(rows, (r) => r.at), amount: Float64Array.from(rows, (r) => r.amount) };
}
