import { describe, expect, it } from "vitest";
import { kaplanMeier, survivalData } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";


describe("survivalData", () => {
  const rows = [
    { startAt: "2024-01-01", endAt: "2024-01-15" },
    { startAt: "2024-01-10" },
    { startAt: "2024-01-01", endAt: "2024-03-01" },
    { startAt: "2024-01-03", endAt: null },
  ];
  it("turns dates into durations in days, censoring open and not-yet-known ends at asOf", () => {
    expect(survivalData(rows, { asOf: "2024-01-31" })).toEqual([
      { duration: 14, event: true },
      { duration: 21, event: false },
      { duration: 30, event: false },
      { duration: 28, event: false },
    ]);
  });
  it("measures in weeks on request, fractionally", () => {
    expect(survivalData([{ startAt: "2024-01-01", endAt: "2024-01-11" }], { asOf: "2024-02-01", unit: "week" })).toEqual([{ duration: 10 / 7, event: true }]);
  });
  it("feeds kaplanMeier directly", () => {
    const km = kaplanMeier(survivalData(rows, { asOf: "2024-01-31" }));
    expect(km.survival[0]).toBe(0.75);
  });
  it("refuses an end before the start, a start after asOf, and a missing asOf", () => {
    expect(codeAndPath(() => survivalData([{ startAt: "2024-01-05", endAt: "2024-01-01" }], { asOf: "2024-02-01" }))).toEqual(["NEGATIVE_DURATION", "rows[0].endAt"]);
    expect(codeAndPath(() => survivalData([{ startAt: "2024-03-05" }], { asOf: "2024-02-01" }))).toEqual(["INVALID_RANGE", "rows[0].startAt"]);
    expect(codeAndPath(() => survivalData(rows, {} as never))).toEqual(["INVALID_OPTION", "options.asOf"]);
    expect(codeAndPath(() => survivalData([{ startAt: "nope" }], { asOf: "2024-02-01" }))).toEqual(["INVALID_DATE", "rows[0].startAt"]);
    expect(codeAndPath(() => survivalData(rows, { asOf: "2024-02-01", unit: "month" as "day" }))).toEqual(["INVALID_UNIT", "options.unit"]);
  });
  it("does not mutate its input", () => {
    const frozen = Object.freeze(rows.map((r) => Object.freeze({ ...r })));
    const copy = structuredClone(frozen);
    survivalData(frozen, { asOf: "2024-01-31" });
    expect(frozen).toEqual(copy);
  });
});
