import { describe, expect, it } from "vitest";
import { RetentionKitError, summarizeTransactions } from "../../src/index.js";

const DAY = 86_400_000;
const jan = (d: number): number => Date.UTC(2024, 0, d);

function codeOf(f: () => unknown): { code: string; path: string | null } {
  try {
    f();
  } catch (e) {
    if (e instanceof RetentionKitError) return { code: e.code, path: e.path };
    throw e;
  }
  throw new Error("did not throw");
}

describe("summarizeTransactions", () => {
  it("merges same-day purchases, counts repeat days and averages repeat spend", () => {
    const rows = [
      { customerId: "a", at: "2024-01-01T09:00:00Z", amount: 10 },
      { customerId: "a", at: "2024-01-01T18:00:00Z", amount: 5 },
      { customerId: "a", at: "2024-01-15", amount: 20 },
      { customerId: "a", at: "2024-01-22", amount: 40 },
    ];
    const [s] = summarizeTransactions(rows, { observationEnd: "2024-01-31", unit: "day" });
    expect(s).toEqual({
      customerId: "a",
      frequency: 2,
      recency: 21,
      T: 30,
      monetaryValue: 30,
      transactionCount: 4,
      totalAmount: 75,
      firstAt: Date.UTC(2024, 0, 1, 9),
      lastAt: jan(22),
      unit: "day",
    });
  });

  it("gives fractional weeks when the unit is week and whole weeks when the period is week", () => {
    const rows = [
      { customerId: 1, at: jan(1) }, // Monday
      { customerId: 1, at: jan(4) }, // Thursday, same ISO week
      { customerId: 1, at: jan(10) }, // next week's Wednesday
    ];
    const [days] = summarizeTransactions(rows, { observationEnd: jan(31), unit: "week" });
    expect(days!.frequency).toBe(2);
    expect(days!.recency).toBeCloseTo(9 / 7, 14);
    expect(days!.T).toBeCloseTo(30 / 7, 14);
    const [weeks] = summarizeTransactions(rows, { observationEnd: jan(31), period: "week", unit: "week" });
    expect(weeks).toMatchObject({ frequency: 1, recency: 1, T: 4 });
  });

  it("starts ISO-week periods on Monday, so Sunday and the next Monday are different purchases", () => {
    const rows = [
      { customerId: 1, at: "2024-01-07" }, // Sunday
      { customerId: 1, at: "2024-01-08" }, // Monday
    ];
    const [s] = summarizeTransactions(rows, { observationEnd: "2024-01-14", period: "week", unit: "day" });
    expect(s).toMatchObject({ frequency: 1, recency: 7, T: 7 });
  });

  it("leaves out transactions in periods after the observation end but keeps the end day's", () => {
    const rows = [
      { customerId: 1, at: "2024-01-01", amount: 1 },
      { customerId: 1, at: "2024-01-31T23:59:59Z", amount: 2 },
      { customerId: 1, at: "2024-02-01", amount: 4 },
      { customerId: 2, at: "2024-03-01", amount: 8 },
    ];
    const out = summarizeTransactions(rows, { observationEnd: "2024-01-31" });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ frequency: 1, totalAmount: 3, monetaryValue: 2 });
  });

  it("averages over every purchase period with monetary: 'all'", () => {
    const rows = [
      { customerId: 1, at: jan(1), amount: 10 },
      { customerId: 1, at: jan(2), amount: 20 },
    ];
    expect(summarizeTransactions(rows, { observationEnd: jan(3), monetary: "all" })[0]!.monetaryValue).toBe(15);
    expect(summarizeTransactions(rows, { observationEnd: jan(3) })[0]!.monetaryValue).toBe(20);
  });

  it("sorts output by id, numbers first, whatever the input order", () => {
    const rows = [
      { customerId: "b", at: jan(1) },
      { customerId: 10, at: jan(1) },
      { customerId: "a", at: jan(1) },
      { customerId: 2, at: jan(1) },
    ];
    expect(summarizeTransactions(rows, { observationEnd: jan(2) }).map((s) => s.customerId)).toEqual([2, 10, "a", "b"]);
  });

  it("treats 1 and '1' as different customers", () => {
    const out = summarizeTransactions([{ customerId: 1, at: jan(1) }, { customerId: "1", at: jan(2) }], { observationEnd: jan(3) });
    expect(out).toHaveLength(2);
  });

  it("accepts Dates, epoch ms, ISO strings with offsets and generators", () => {
    function* rows(): Generator<{ customerId: number; at: Date | number | string; amount: number }> {
      yield { customerId: 1, at: new Date(jan(1)), amount: 1 };
      yield { customerId: 1, at: jan(2), amount: 1 };
      yield { customerId: 1, at: "2024-01-03T01:00:00+02:00", amount: 1 }; // = 2024-01-02T23:00Z
    }
    const [s] = summarizeTransactions(rows(), { observationEnd: "2024-01-10", unit: "day" });
    expect(s).toMatchObject({ frequency: 1, recency: 1, transactionCount: 3 });
  });

  it("counts a missing amount as zero spend", () => {
    const [s] = summarizeTransactions([{ customerId: 1, at: jan(1) }, { customerId: 1, at: jan(5) }], { observationEnd: jan(9), unit: "day" });
    expect(s).toMatchObject({ frequency: 1, monetaryValue: 0, totalAmount: 0 });
  });

  it("returns an empty array for no transactions", () => {
    expect(summarizeTransactions([], { observationEnd: jan(1) })).toEqual([]);
  });

  it("does not mutate its input", () => {
    const rows = Object.freeze([Object.freeze({ customerId: 1, at: "2024-01-01", amount: 3 })]);
    const copy = structuredClone(rows);
    summarizeTransactions(rows, { observationEnd: jan(2) });
    expect(rows).toEqual(copy);
  });

  it("handles customers who bought before 1970", () => {
    const [s] = summarizeTransactions(
      [{ customerId: 1, at: "1969-12-30" }, { customerId: 1, at: "1970-01-02" }],
      { observationEnd: "1970-01-05", unit: "day" },
    );
    expect(s).toMatchObject({ frequency: 1, recency: 3, T: 6 });
  });

  it.each([
    [[{ customerId: 1, at: "2024-02-30" }], "INVALID_DATE", "transactions[0].at"],
    [[{ customerId: 1, at: "yesterday" }], "INVALID_DATE", "transactions[0].at"],
    [[{ customerId: 1, at: Number.NaN }], "INVALID_DATE", "transactions[0].at"],
    [[{ customerId: 1, at: new Date(Number.NaN) }], "INVALID_DATE", "transactions[0].at"],
    [[{ customerId: 1, at: jan(1) }, { customerId: 1, at: jan(2), amount: -1 }], "NEGATIVE_AMOUNT", "transactions[1].amount"],
    [[{ customerId: 1, at: jan(1), amount: Number.POSITIVE_INFINITY }], "INVALID_NUMBER", "transactions[0].amount"],
    [[{ customerId: 1, at: jan(1), amount: "3" }], "INVALID_TYPE", "transactions[0].amount"],
    [[{ at: jan(1) }], "INVALID_CUSTOMER_ID", "transactions[0].customerId"],
    [[{ customerId: "", at: jan(1) }], "INVALID_CUSTOMER_ID", "transactions[0].customerId"],
    [[{ customerId: null, at: jan(1) }], "INVALID_CUSTOMER_ID", "transactions[0].customerId"],
    [[null], "INVALID_TYPE", "transactions[0]"],
  ])("refuses bad row %# with a coded error naming the row", (rows, code, path) => {
    expect(codeOf(() => summarizeTransactions(rows as never, { observationEnd: jan(3) }))).toEqual({ code, path });
  });

  it("refuses bad options with coded errors", () => {
    expect(codeOf(() => summarizeTransactions([], {} as never))).toEqual({ code: "INVALID_OPTION", path: "options.observationEnd" });
    expect(codeOf(() => summarizeTransactions([], { observationEnd: "soon" }))).toEqual({ code: "INVALID_DATE", path: "options.observationEnd" });
    expect(codeOf(() => summarizeTransactions([], { observationEnd: jan(1), unit: "month" as never }))).toEqual({ code: "INVALID_UNIT", path: "options.unit" });
    expect(codeOf(() => summarizeTransactions([], { observationEnd: jan(1), period: "hour" as never }))).toEqual({ code: "INVALID_UNIT", path: "options.period" });
    expect(codeOf(() => summarizeTransactions("abc" as never, { observationEnd: jan(1) }))).toEqual({ code: "INVALID_TYPE", path: "transactions" });
  });

  it("never reports recency beyond T, even with purchases late on the observation day", () => {
    const [s] = summarizeTransactions([{ customerId: 1, at: jan(1) }, { customerId: 1, at: jan(1) + 30 * DAY + 86_399_000 }], { observationEnd: jan(31) });
    expect(s!.recency).toBe(s!.T);
  });
});
