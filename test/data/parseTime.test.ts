import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ERROR_CODES, RetentionKitError, parseTime } from "../../src/index.js";

describe("parseTime", () => {
  it.each([
    ["1997-01-01", Date.UTC(1997, 0, 1)],
    ["19970101", Date.UTC(1997, 0, 1)],
    ["1997-01-01T10:30", Date.UTC(1997, 0, 1, 10, 30)],
    ["1997-01-01T10:30:15.250Z", Date.UTC(1997, 0, 1, 10, 30, 15, 250)],
    ["1997-01-01 10:30:15", Date.UTC(1997, 0, 1, 10, 30, 15)],
    ["1997-01-01T02:00:00+02:00", Date.UTC(1997, 0, 1)],
    ["1996-12-31T19:00:00-0500", Date.UTC(1997, 0, 1)],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
    ["1900-01-01", Date.UTC(1900, 0, 1)],
    ["2200-12-31", Date.UTC(2200, 11, 31)],
    ["0099-01-01", -59042995200000],
  ])("reads %s as UTC", (text, ms) => {
    expect(parseTime(text)).toBe(ms);
  });

  it("passes epoch ms and Dates through", () => {
    expect(parseTime(852076800000)).toBe(852076800000);
    expect(parseTime(new Date(852076800000))).toBe(852076800000);
    expect(Object.is(parseTime(-0), 0)).toBe(true);
  });

  it.each(["2023-02-29", "1997-13-01", "1997-00-10", "1997-01-32", "1997-01-01T25:00", "1997-01-01T10:60", "tomorrow", "", "1997/01/01", "01-01-1997"])(
    "refuses %j with INVALID_DATE",
    (text) => {
      expect(() => parseTime(text)).toThrowError(RetentionKitError);
      try {
        parseTime(text);
      } catch (e) {
        expect((e as RetentionKitError).code).toBe("INVALID_DATE");
      }
    },
  );

  it("refuses non-finite numbers and out-of-range instants", () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, 9e15]) expect(() => parseTime(v)).toThrowError(/INVALID_DATE|parseTime/);
  });

  it("round-trips every Date's ISO string", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2208988800000, max: 7258118400000 }), (ms) => {
        expect(parseTime(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });

  it("reads every common ISO shape exactly as Date.parse reads it with an explicit Z, from year 0 to 9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: -62167219200000, max: 253402300799999 }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseTime(iso)).toBe(ms);
        expect(parseTime(iso.slice(0, 10))).toBe(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`));
        expect(parseTime(iso.slice(0, 16))).toBe(Date.parse(`${iso.slice(0, 16)}Z`));
        expect(parseTime(iso.slice(0, 19).replace("T", " "))).toBe(Date.parse(`${iso.slice(0, 19)}Z`));
        expect(parseTime(`${iso.slice(0, 21)}Z`)).toBe(Date.parse(`${iso.slice(0, 21)}Z`));
      }),
      { numRuns: 2000 },
    );
  });

  it.each(["2023-02-29", "2023-04-31", "1900-02-29", "1997-01-01T24:01", "1997-01-01T10:60", "1997-01-01T10:00:60", "1997-01-01T10:00:00.Z", "1997-01-01T10:00Zx"])(
    "refuses the near-miss %j",
    (text) => {
      expect(() => parseTime(text)).toThrowError(RetentionKitError);
    },
  );

  it("accepts 2000-02-29 and midnight written as 24:00", () => {
    expect(parseTime("2000-02-29")).toBe(Date.UTC(2000, 1, 29));
    expect(parseTime("1997-01-01T24:00")).toBe(Date.UTC(1997, 0, 2));
  });

  it("exports error codes that are unique", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    const e = new RetentionKitError("EMPTY_INPUT", "f: nothing", null);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ name: "RetentionKitError", code: "EMPTY_INPUT", path: null, message: "f: nothing" });
  });
});
