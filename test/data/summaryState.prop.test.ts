import fc from "fast-check";
import { describe, it } from "vitest";
import { summarizeColumns, summarizeTransactions } from "../../src/index.js";
import { BASE, naiveSummary, rowsArb, sameSummaries, type Row } from "../engine/helpers.js";

const DAY = 86_400_000;

describe("summarizeTransactions against a naive summary", () => {
  it("equals the Map-of-Sets summary for any rows, periods and units", () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom("day", "week"), fc.constantFrom("day", "week"), fc.integer({ min: 0, max: 100 }), (rows: Row[], period, unit, endDay) => {
        const end = BASE + endDay * DAY + 3_600_000;
        const options = { observationEnd: end, period, unit } as const;
        sameSummaries(summarizeTransactions(rows, options), naiveSummary(rows, end, period, unit), 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same summaries from columns as from rows", () => {
    fc.assert(
      fc.property(rowsArb, (rows: Row[]) => {
        const options = { observationEnd: BASE + 80 * DAY, period: "week" } as const;
        const columns = { customerId: rows.map((r) => r.customerId), at: Float64Array.from(rows, (r) => r.at), amount: rows.map((r) => r.amount) };
        sameSummaries(summarizeColumns(columns, options), summarizeTransactions(rows, options), 0);
      }),
      { numRuns: 100 },
    );
  });
});
