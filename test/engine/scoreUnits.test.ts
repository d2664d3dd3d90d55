import { describe, expect, it } from "vitest";
import { createScorer, scoreCustomers, summarizeTransactions, type ScoreResult } from "../../src/index.js";
import { cdnowSample } from "./helpers.js";
import { codeAndPath } from "../helpers/errors.js";


const tx = cdnowSample();
const observationEnd = "1998-06-30";
const total = (r: ScoreResult): number => r.customers.reduce((s, c) => s + (c.clv ?? 0), 0);
const bgNbd = { clv: { model: "bg-nbd" } } as const;
const fromTransactions = scoreCustomers({ transactions: tx, observationEnd }, bgNbd) as ScoreResult;

describe("the engine reads summaries in the unit they carry", () => {
  it("gives the CDNOW sample's total BG/NBD CLV of $67,924 from summarizeTransactions' rows, as from the transactions ($10,781 before)", () => {
    const fromSummaries = scoreCustomers({ summaries: summarizeTransactions(tx, { observationEnd }), observationEnd }, bgNbd) as ScoreResult;
    expect(Math.abs(total(fromTransactions) - 67_924)).toBeLessThan(1);
    expect(total(fromSummaries)).toBe(total(fromTransactions));
    expect(fromSummaries.config.summary.unit).toBe("week");
  });

  it("follows day-unit summaries (months of 30 days) exactly as if the config said day", () => {
    const days = summarizeTransactions(tx, { observationEnd, unit: "day" });
    const followed = scoreCustomers({ summaries: days, observationEnd }, bgNbd) as ScoreResult;
    const stated = scoreCustomers({ summaries: days, observationEnd }, { ...bgNbd, summary: { unit: "day" } }) as ScoreResult;
    expect(JSON.stringify(followed)).toBe(JSON.stringify(stated));
    expect(followed.config.summary.unit).toBe("day");
    expect(followed.models.transaction!.unit).toBe("day");
    expect(followed.customers[0]!.unit).toBe("day");
    // The same customers within 2 % (a 30-day month is 1.4 % shorter than 4.345 weeks).
    expect(Math.abs(total(followed) / total(fromTransactions) - 1)).toBeLessThan(0.02);
  });

  it("refuses day-unit summaries when the config states weeks, with the fix in the message", () => {
    const days = summarizeTransactions(tx.slice(0, 50), { observationEnd, unit: "day" });
    expect(codeAndPath(() => scoreCustomers({ summaries: days, observationEnd }, { summary: { unit: "week" } }))).toEqual(["UNIT_MISMATCH", "input.summaries[0].unit"]);
    expect(() => scoreCustomers({ summaries: days, observationEnd }, { summary: { unit: "week" } })).toThrow(/config\.summary\.unit/);
  });

  it("refuses summaries in two units", () => {
    const a = summarizeTransactions(tx.slice(0, 20), { observationEnd });
    const b = summarizeTransactions(tx.slice(20, 40), { observationEnd, unit: "day" }).map((s) => ({ ...s, customerId: `d${s.customerId}` }));
    expect(codeAndPath(() => scoreCustomers({ summaries: [...a, ...b], observationEnd }, {}))).toEqual(["UNIT_MISMATCH", `input.summaries[${a.length}].unit`]);
  });

  it("refuses a given model in another unit than the config's, and follows it when the config says none", () => {
    const model = { model: "bg-nbd", params: { r: 0.24, alpha: 30, a: 0.79, b: 2.4 }, unit: "day" } as const;
    expect(codeAndPath(() => createScorer({ summary: { unit: "week" }, clv: { transactionModel: model, spendModel: 20 } }))).toEqual(["UNIT_MISMATCH", "config.clv.transactionModel.unit"]);
    expect(createScorer({ clv: { transactionModel: model, spendModel: 20 } }).config.summary.unit).toBe("day");
    const weeks = summarizeTransactions(tx.slice(0, 30), { observationEnd });
    expect(codeAndPath(() => scoreCustomers({ summaries: weeks, observationEnd }, { clv: { transactionModel: model, spendModel: 20 } }))).toEqual(["UNIT_MISMATCH", "input.summaries[0].unit"]);
  });

  it("keeps reading rows written without a unit in the config's unit, as before", () => {
    const bare = summarizeTransactions(tx, { observationEnd }).map(({ unit: _u, ...r }) => r);
    const r = scoreCustomers({ summaries: bare, observationEnd }, bgNbd) as ScoreResult;
    expect(total(r)).toBe(total(fromTransactions));
  });

  it("records the unit on the fitted model and on every row", () => {
    expect(fromTransactions.models.transaction!.unit).toBe("week");
    expect(fromTransactions.customers.every((c) => c.unit === "week")).toBe(true);
  });
});
