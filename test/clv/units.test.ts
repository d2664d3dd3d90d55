import { describe, expect, it } from "vitest";
import {
  conditionalExpectedPurchases,
  customerLifetimeValue,
  fitBgNbd,
  fitModifiedBgNbd,
  fitParetoNbd,
  probabilityAlive,
  splitCalibrationHoldout,
  summarizeTransactions,
  summaryTable,
  createSummaryAccumulator,
  summarizeColumns,
} from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";


const log = [
  { customerId: "a", at: "2024-01-01", amount: 10 },
  { customerId: "a", at: "2024-01-15", amount: 20 },
  { customerId: "a", at: "2024-02-12", amount: 30 },
  { customerId: "b", at: "2024-01-10", amount: 8 },
  { customerId: "b", at: "2024-03-06", amount: 12 },
  { customerId: "c", at: "2024-02-01", amount: 5 },
];
const END = "2024-03-31";
const bg = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;

describe("summaries carry their time unit", () => {
  it("has weeks by default and the unit asked for, on every summary the library makes", () => {
    expect(summarizeTransactions(log, { observationEnd: END }).map((s) => s.unit)).toEqual(["week", "week", "week"]);
    // a's first purchase to the end: 90 days = 12.857 weeks.
    expect(summarizeTransactions(log, { observationEnd: END })[0]!.T).toBeCloseTo(90 / 7, 12);
    expect(summarizeTransactions(log, { observationEnd: END, unit: "day" })[0]).toMatchObject({ T: 90, unit: "day" });
    expect(splitCalibrationHoldout(log, { calibrationEnd: "2024-02-15", observationEnd: END, unit: "day" })[0]!.unit).toBe("day");
    expect(createSummaryAccumulator({ observationEnd: END }).add(log).finish()[0]!.unit).toBe("week");
    const cols = { customerId: Int32Array.of(1, 1), at: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 8)) };
    expect(summarizeColumns(cols, { observationEnd: END, unit: "day" })[0]!.unit).toBe("day");
    const t = summaryTable(log, { observationEnd: END, unit: "day" });
    expect([t.unit, t.observationEnd]).toEqual(["day", Date.UTC(2024, 2, 31)]);
  });
});

describe("a fitted model records the unit of its rows", () => {
  const days = summarizeTransactions(log, { observationEnd: END, unit: "day" });
  const weeks = summarizeTransactions(log, { observationEnd: END });

  it("records day or week from the rows, and nothing for rows written by hand", () => {
    expect(fitBgNbd(days).unit).toBe("day");
    expect(fitModifiedBgNbd(weeks).unit).toBe("week");
    expect(fitParetoNbd(weeks).unit).toBe("week");
    expect("unit" in fitBgNbd(weeks.map(({ frequency, recency, T }) => ({ frequency, recency, T })))).toBe(false);
  });

  it("refuses rows in two units", () => {
    expect(codeAndPath(() => fitBgNbd([...weeks, ...days]))).toEqual(["UNIT_MISMATCH", "rows[3].unit"]);
  });
});

describe("predictions refuse customers in another unit than the model's", () => {
  const dayRow = { frequency: 2, recency: 213, T: 272, unit: "day" } as const;

  it("refuses a day-unit customer for a week-unit model, with the fix in the message", () => {
    const weekly = { ...bg, unit: "week" } as const;
    expect(codeAndPath(() => probabilityAlive(weekly, dayRow))).toEqual(["UNIT_MISMATCH", "customer.unit"]);
    expect(codeAndPath(() => conditionalExpectedPurchases(weekly, dayRow, 10))).toEqual(["UNIT_MISMATCH", "customer.unit"]);
    try {
      probabilityAlive(weekly, dayRow);
    } catch (e) {
      expect((e as Error).message).toMatch(/^probabilityAlive: customer\.unit is "day" but model\.unit is "week".*unit: "week"/);
    }
  });

  it("refuses a unit that is not one", () => {
    expect(codeAndPath(() => probabilityAlive(bg, { frequency: 0, recency: 0, T: 3, unit: "month" } as never))).toEqual(["INVALID_UNIT", "customer.unit"]);
    expect(codeAndPath(() => probabilityAlive({ ...bg, unit: "days" } as never, dayRow))).toEqual(["INVALID_UNIT", "model.unit"]);
  });

  it("takes the customer when either side says nothing", () => {
    expect(probabilityAlive(bg, dayRow)).toBe(probabilityAlive(bg, { frequency: 2, recency: 213, T: 272 }));
    expect(probabilityAlive({ ...bg, unit: "day" }, dayRow)).toBe(probabilityAlive(bg, dayRow));
  });
});

describe("customerLifetimeValue follows the data's unit and refuses a contradicting one", () => {
  const weeks = summarizeTransactions(log, { observationEnd: END });
  const days = summarizeTransactions(log, { observationEnd: END, unit: "day" });

  it("reads the unit from week-unit summaries: the same values as with unit: \"week\" stated", () => {
    expect(customerLifetimeValue(bg, 10, weeks, { horizon: 12 })).toEqual(customerLifetimeValue(bg, 10, weeks, { horizon: 12, unit: "week" }));
    // Without the rows' unit the call had no unit at all (INVALID_OPTION, as for rows written by hand).
    const bare = weeks.map(({ customerId, frequency, recency, T }) => ({ customerId, frequency, recency, T }));
    expect(codeAndPath(() => customerLifetimeValue(bg, 10, bare, { horizon: 12 }))).toEqual(["INVALID_OPTION", "options"]);
  });

  it("refuses day-unit summaries told unit: \"week\" — 30 weeks read as a month, silently, before", () => {
    expect(codeAndPath(() => customerLifetimeValue(bg, 10, days, { horizon: 12, unit: "week" }))).toEqual(["UNIT_MISMATCH", "customers[0].unit"]);
    expect(codeAndPath(() => customerLifetimeValue({ ...bg, unit: "day" }, 10, weeks, { horizon: 12 }))).toEqual(["UNIT_MISMATCH", "customers[0].unit"]);
    expect(codeAndPath(() => customerLifetimeValue({ ...bg, unit: "day" }, 10, [], { horizon: 12, unit: "week" }))).toEqual(["UNIT_MISMATCH", "transactionModel.unit"]);
    expect(codeAndPath(() => customerLifetimeValue(bg, 10, [...weeks, ...days], { horizon: 12 }))).toEqual(["UNIT_MISMATCH", "customers[3].unit"]);
  });

  it("discounts at 1 % a month by default, as the engine does", () => {
    expect(customerLifetimeValue(bg, 10, weeks, { horizon: 12 })).toEqual(customerLifetimeValue(bg, 10, weeks, { horizon: 12, discountRate: 0.01 }));
    expect(customerLifetimeValue(bg, 10, weeks, { horizon: 12 })[0]!.clv).toBeLessThan(customerLifetimeValue(bg, 10, weeks, { horizon: 12, discountRate: 0 })[0]!.clv!);
  });
});
