// Ready summaries as columns (a summaryTable, plain or typed, or any ScoreSummaryColumns): the same scores as
// the same summaries as rows, and the rows' checks, reported at input.summaries.<field>[i].
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreCustomerColumns, scoreCustomers, summarizeTransactions, summaryTable, type ScoreConfig } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";
import { scoreConfigArb } from "../contract/cases.engine.js";
import { BASE, cdnowSample, rowsArb } from "./helpers.js";

const DAY = 86_400_000;

describe("scoreCustomers with summaries as columns", () => {
  it("scores a summaryTable (plain or typed) as it scores the same summaries as rows, on CDNOW", () => {
    const tx = cdnowSample();
    const options = { observationEnd: "1998-06-30", unit: "week" } as const;
    const rows = summarizeTransactions(tx, options);
    const expected = scoreCustomers({ summaries: rows, observationEnd: options.observationEnd });
    for (const typed of [false, true]) {
      const table = summaryTable(tx, { ...options, typed });
      const got = scoreCustomers({ summaries: table, observationEnd: options.observationEnd });
      expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
      const cols = scoreCustomerColumns({ summaries: table, observationEnd: options.observationEnd }).columns;
      expect(cols.clv).toEqual(scoreCustomerColumns({ summaries: rows, observationEnd: options.observationEnd }).columns.clv);
    }
  });

  it("gives the rows' scores for random logs and configs (property)", () => {
    fc.assert(
      fc.property(rowsArb, scoreConfigArb, fc.boolean(), (transactions, config, typed) => {
        const end = BASE + 30 * DAY;
        const rows = summarizeTransactions(transactions, { observationEnd: end, unit: "week" });
        const table = summaryTable(transactions, { observationEnd: end, unit: "week", typed });
        let expected: string;
        try {
          expected = JSON.stringify(scoreCustomers({ summaries: rows, observationEnd: end }, config as ScoreConfig));
        } catch (e) {
          expect(() => scoreCustomers({ summaries: table, observationEnd: end }, config as ScoreConfig)).toThrow((e as Error).message.replace(/input\.summaries\[\d+\]/, "input.summaries"));
          return;
        }
        expect(JSON.stringify(scoreCustomers({ summaries: table, observationEnd: end }, config as ScoreConfig))).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });

  it("reads the window counts and refuses bad columns with the field and row", () => {
    const base = {
      customerId: ["a", "b"], frequency: [2, 0], recency: [30, 0], T: [40, 12], monetaryValue: [20, 0],
      transactionCount: [3, 1], totalAmount: [60, 15], firstAt: [Date.UTC(2024, 0, 1), Date.UTC(2024, 3, 1)],
      lastAt: [Date.UTC(2024, 1, 1), Date.UTC(2024, 3, 1)], unit: "day" as const,
    };
    const end = "2024-06-30";
    const asRows = base.customerId.map((customerId, i) => ({
      customerId, frequency: base.frequency[i]!, recency: base.recency[i]!, T: base.T[i]!, monetaryValue: base.monetaryValue[i]!,
      transactionCount: base.transactionCount[i]!, totalAmount: base.totalAmount[i]!, firstAt: base.firstAt[i]!, lastAt: base.lastAt[i]!, unit: "day" as const,
      recentPurchases: [0, 1][i]!, priorPurchases: [2, 0][i]!,
    }));
    const config: ScoreConfig = { clv: false };
    expect(scoreCustomers({ summaries: { ...base, recentPurchases: [0, 1], priorPurchases: [2, 0] }, observationEnd: end }, config)).toEqual(scoreCustomers({ summaries: asRows, observationEnd: end }, config));
    expect(codeAndPath(() => scoreCustomers({ summaries: { ...base, frequency: [2, 0.5] }, observationEnd: end }, config))).toEqual(["NOT_INTEGER", "input.summaries.frequency[1]"]);
    expect(codeAndPath(() => scoreCustomers({ summaries: { ...base, customerId: ["a", ""] }, observationEnd: end }, config))[1]).toBe("input.summaries.customerId[1]");
    expect(codeAndPath(() => scoreCustomers({ summaries: { ...base, lastAt: [0, Date.UTC(2024, 3, 1)] }, observationEnd: end }, config))).toEqual(["INVALID_RANGE", "input.summaries.lastAt[0]"]);
    expect(codeAndPath(() => scoreCustomers({ summaries: { ...base, T: [40] }, observationEnd: end }, config))).toEqual(["INVALID_INPUT", "input.summaries.T"]);
    expect(codeAndPath(() => scoreCustomers({ summaries: { ...base, recency: undefined } as never, observationEnd: end }, config))).toEqual(["INVALID_TYPE", "input.summaries.recency"]);
    expect(codeAndPath(() => scoreCustomers({ summaries: { ...base, priorPurchases: [1, -1] }, observationEnd: end }, config))[1]).toBe("input.summaries.priorPurchases[1]");
    expect(codeAndPath(() => scoreCustomers({ summaries: { ...base, unit: "week" }, observationEnd: end }, { ...config, summary: { unit: "day" } }))).toEqual(["UNIT_MISMATCH", "input.summaries.unit"]);
    expect(codeAndPath(() => scoreCustomers({ summaries: { ...base, customerId: ["a", "a"] }, observationEnd: end }, config))[0]).toBe("DUPLICATE_ID");
  });
});
