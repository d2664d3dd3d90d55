import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSummaryAccumulator, summarizeColumns, summarizeTransactions, summaryTable, type CustomerSummary, type SummaryTable } from "../../src/index.js";
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

/** A table's customers as summary rows, to compare with the row functions. */
function rowsOfTable(t: SummaryTable): CustomerSummary[] {
  return t.customerId.map((customerId, k) => ({
    customerId,
    frequency: t.frequency[k]!,
    recency: t.recency[k]!,
    T: t.T[k]!,
    monetaryValue: t.monetaryValue[k]!,
    transactionCount: t.transactionCount[k]!,
    totalAmount: t.totalAmount[k]!,
    firstAt: t.firstAt[k]!,
    lastAt: t.lastAt[k]!,
    unit: t.unit,
  }));
}

describe("summaryTable", () => {
  it("holds exactly the summaries of summarizeTransactions, from rows and from typed or plain columns", () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom("day", "week"), fc.constantFrom("day", "week"), fc.constantFrom("repeat", "all"), (rows: Row[], period, unit, monetary) => {
        const options = { observationEnd: BASE + 60 * DAY, period, unit, monetary } as const;
        const expected = summarizeTransactions(rows, options);
        const table = summaryTable(rows, options);
        for (const [key, column] of Object.entries(table)) if (key !== "unit" && key !== "observationEnd" && (column as unknown[]).length !== expected.length) throw new Error("ragged table");
        if (table.unit !== unit || table.observationEnd !== BASE + 60 * DAY) throw new Error("table without its unit and observation end");
        sameSummaries(rowsOfTable(table), expected, 0);
        const plain = { customerId: rows.map((r) => r.customerId), at: rows.map((r) => r.at), amount: rows.map((r) => r.amount) };
        sameSummaries(rowsOfTable(summaryTable(plain, options)), expected, 0);
        if (rows.every((r) => typeof r.customerId === "number")) {
          const typed = { customerId: Float64Array.from(rows, (r) => r.customerId as number), at: Float64Array.from(rows, (r) => r.at), amount: Float64Array.from(rows, (r) => r.amount) };
          sameSummaries(rowsOfTable(summaryTable(typed, options)), expected, 0);
        }
        // typed: true — the same numbers as Float64Arrays.
        const typedOut = summaryTable(rows, { ...options, typed: true });
        for (const [key, column] of Object.entries(typedOut)) {
          if (key === "unit" || key === "observationEnd") expect(column).toBe(table[key]);
          else if (key === "customerId") expect(column).toEqual(table.customerId);
          else {
            expect(column).toBeInstanceOf(Float64Array);
            expect(Array.from(column as Float64Array)).toEqual((table as unknown as Record<string, number[]>)[key]);
          }
        }
        expect(summaryTable(rows, { ...options, typed: false })).toEqual(table);
      }),
      { numRuns: 150 },
    );
  });

  it("checks typed and names it among the known options", () => {
    const rows = [{ customerId: 1, at: BASE, amount: 1 }];
    expect(() => summaryTable(rows, { observationEnd: BASE + DAY, typed: 1 } as never)).toThrow(expect.objectContaining({ code: "INVALID_OPTION", path: "options.typed" }));
    expect(() => summaryTable(rows, { observationEnd: BASE + DAY, typed: true, unt: "day" } as never)).toThrow(/typed/);
  });
});

describe("the summary state's id layouts", () => {
  const at = fc.integer({ min: -20 * DAY, max: 120 * DAY }).map((x) => BASE + x);
  const amount = fc.integer({ min: 0, max: 100_00 }).map((c) => c / 100);
  /** Small non-negative integer ids (the direct layout), now and then a far one or a string (a layout change). */
  const intRows = (ids: fc.Arbitrary<string | number>) => fc.array(fc.record({ customerId: ids, at, amount }), { maxLength: 200 });
  const batches = fc.tuple(
    intRows(fc.integer({ min: 0, max: 40 })),
    intRows(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 200 }) }, { weight: 1, arbitrary: fc.constantFrom(70_000, 5_000_000, -1, "x", 3.5) })),
    rowsArb,
  );

  it("gives the naive summary whatever ids later batches bring (direct, grown, then general layout)", () => {
    fc.assert(
      fc.property(batches, fc.constantFrom("day", "week"), (parts, period) => {
        const end = BASE + 90 * DAY;
        const options = { observationEnd: end, period, unit: "day" } as const;
        const acc = createSummaryAccumulator(options);
        for (const part of parts) acc.add(part);
        const all = parts.flat() as Row[];
        sameSummaries(acc.finish(), naiveSummary(all, end, period, "day"), 1e-12);
        sameSummaries(summarizeTransactions(all, options), naiveSummary(all, end, period, "day"), 1e-12);
        sameSummaries(createSummaryAccumulator(options).merge(acc.toJSON()).finish(), acc.finish(), 0);
      }),
      { numRuns: 200 },
    );
  });
});
