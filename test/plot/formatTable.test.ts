import { describe, expect, it } from "vitest";
import { formatTable } from "../../src/plot/index.js";
import { COHORTS } from "./fixtures.js";
import { deepFreeze, expectCode } from "./helpers.js";

describe("formatTable", () => {
  it("aligns text left and numbers right, with fixed decimals in fractional columns", () => {
    const out = formatTable([
      { customerId: "a", frequency: 2, clv: 12.5 },
      { customerId: "bcd", frequency: 10, clv: 3 },
    ]);
    expect(out.split("\n")).toEqual([
      "customerId  frequency    clv",
      "----------  ---------  -----",
      "a                   2  12.50",
      "bcd                10   3.00",
    ]);
  });

  it("writes null as n/a, missing keys as blanks, dates as ISO-8601 and nested values as JSON", () => {
    const out = formatTable([
      { id: 1, at: new Date(Date.UTC(2024, 0, 2)), p: null, tags: ["x", "y"] },
      { id: 2, extra: true },
    ]);
    expect(out.split("\n")).toEqual([
      "id  at                        p    tags       extra",
      "--  ------------------------  ---  ---------  -----",
      " 1  2024-01-02T00:00:00.000Z  n/a  [\"x\",\"y\"]",
      " 2                                            true",
    ]);
  });

  it("shows only the columns asked for, in that order, with the decimals asked for", () => {
    const out = formatTable([{ a: 1.23456, b: "x", c: 3 }], { columns: ["c", "a"], decimals: 3 });
    expect(out.split("\n")).toEqual(["c      a", "-  -----", "3  1.235"]);
  });

  it("stops after maxRows and says how many rows it left out", () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ i }));
    const lines = formatTable(rows, { maxRows: 2 }).split("\n");
    expect(lines).toEqual(["i", "-", "0", "1", "… 3 more rows"]);
  });

  it("cuts long cells and flattens line breaks so the table stays aligned", () => {
    const out = formatTable([{ note: "line one\nline two is long" }], { maxColumnWidth: 10 });
    expect(out.split("\n")[2]).toBe("line one …");
  });

  it("prints a cohort table as cohorts by periods, with rates or counts", () => {
    const lines = formatTable(COHORTS).split("\n");
    expect(lines[0]).toBe("cohort   size       0      1      2      3      4");
    expect(lines[2]).toBe("2024-01   200  100.0%  42.0%  35.0%  30.5%  26.0%");
    expect(lines[4]).toBe("2024-03     0     n/a    n/a    n/a    n/a    n/a");
    expect(formatTable(COHORTS, { cohortValue: "count" }).split("\n")[2]).toBe("2024-01   200  200   84   70   61   52");
  });

  it("is deterministic, does not mutate its input, and prints an empty list as an empty header", () => {
    const rows = deepFreeze([{ x: 0.1 + 0.2, y: -0 }]);
    expect(formatTable(rows)).toBe(formatTable(rows));
    expect(formatTable(rows).split("\n")[2]).toBe("0.30  0");
    expect(formatTable([])).toBe("\n");
  });

  it("rejects input that is not rows and bad options with codes and paths", () => {
    expectCode(() => formatTable("abc" as never), "INVALID_TYPE", "rows");
    expectCode(() => formatTable([{ a: 1 }, 5] as never), "INVALID_TYPE", "rows[1]");
    expectCode(() => formatTable([], { decimals: -1 }), "INVALID_OPTION", "options.decimals");
    expectCode(() => formatTable([], { colums: ["a"] } as never), "UNKNOWN_OPTION", "options.colums");
    expectCode(() => formatTable([], { columns: [1] as never }), "INVALID_TYPE", "options.columns[0]");
  });
});
