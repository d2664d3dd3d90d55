import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { churnRate, retentionBetween, retentionRate } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";


describe("retentionRate", () => {
  it("gives 85% for 200 at start, 220 at end, 50 new", () => {
    expect(retentionRate({ startCount: 200, endCount: 220, newCount: 50 })).toBe(0.85);
  });
  it("gives null when nobody was there at the start", () => {
    expect(retentionRate({ startCount: 0, endCount: 10, newCount: 10 })).toBeNull();
  });
  it("refuses impossible counts with coded errors", () => {
    expect(codeAndPath(() => retentionRate({ startCount: 200, endCount: 40, newCount: 50 }))).toEqual(["INCONSISTENT_COUNTS", "counts.newCount"]);
    expect(codeAndPath(() => retentionRate({ startCount: 100, endCount: 220, newCount: 50 }))).toEqual(["INCONSISTENT_COUNTS", "counts.endCount"]);
    expect(codeAndPath(() => retentionRate({ startCount: -1, endCount: 0, newCount: 0 }))).toEqual(["NEGATIVE_VALUE", "counts.startCount"]);
    expect(codeAndPath(() => retentionRate({ startCount: 200.5, endCount: 220, newCount: 50 }))).toEqual(["NOT_INTEGER", "counts.startCount"]);
    expect(codeAndPath(() => retentionRate({ startCount: 200, endCount: NaN, newCount: 50 }))).toEqual(["INVALID_NUMBER", "counts.endCount"]);
    expect(codeAndPath(() => retentionRate({ startCount: 200, endCount: 220 } as never))).toEqual(["INVALID_TYPE", "counts.newCount"]);
    expect(codeAndPath(() => retentionRate(null as never))).toEqual(["INVALID_TYPE", "counts"]);
  });
  it("is in [0, 1] and equals 1 − churn for every consistent set of counts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (s, keptRaw, n) => {
        const kept = Math.min(keptRaw, s);
        const r = retentionRate({ startCount: s, endCount: kept + n, newCount: n });
        const c = churnRate({ startCount: s, lostCount: s - kept });
        if (s === 0) {
          expect([r, c]).toEqual([null, null]);
          return;
        }
        expect(r!).toBeGreaterThanOrEqual(0);
        expect(r!).toBeLessThanOrEqual(1);
        expect(r! + c!).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe("churnRate", () => {
  it("gives 15% for 30 lost of 200", () => {
    expect(churnRate({ startCount: 200, lostCount: 30 })).toBe(0.15);
  });
  it("gives null for an empty start and refuses more lost than there were", () => {
    expect(churnRate({ startCount: 0, lostCount: 0 })).toBeNull();
    expect(codeAndPath(() => churnRate({ startCount: 10, lostCount: 11 }))).toEqual(["INCONSISTENT_COUNTS", "counts.lostCount"]);
    expect(codeAndPath(() => churnRate({ startCount: 10, lostCount: -1 }))).toEqual(["NEGATIVE_VALUE", "counts.lostCount"]);
  });
});

describe("retentionBetween", () => {
  it("compares the lists: 3 of 4 kept, 1 lost, 2 gained", () => {
    expect(retentionBetween(["a", "b", "c", "d"], ["a", "b", "c", "e", "f"])).toEqual({
      startCount: 4,
      endCount: 5,
      retained: 3,
      lost: 1,
      gained: 2,
      retentionRate: 0.75,
      churnRate: 0.25,
    });
  });
  it("counts duplicates once and keeps 1 and '1' apart", () => {
    const r = retentionBetween([1, 1, "1", 2], new Set([1, 3, 3]));
    expect(r).toMatchObject({ startCount: 3, endCount: 2, retained: 1, lost: 2, gained: 1 });
  });
  it("agrees with retentionRate on the counts it finds", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 })), fc.array(fc.integer({ min: 0, max: 30 })), (a, b) => {
        const r = retentionBetween(a, b);
        expect(r.retentionRate).toBe(retentionRate({ startCount: r.startCount, endCount: r.endCount, newCount: r.gained }));
        expect(r.churnRate).toBe(churnRate({ startCount: r.startCount, lostCount: r.lost }));
        expect(retentionBetween([...a].reverse(), [...b].reverse())).toEqual(r);
      }),
    );
  });
  it("gives null rates for an empty start list, and does not mutate its inputs", () => {
    const start = Object.freeze([] as string[]);
    const end = Object.freeze(["x"]);
    expect(retentionBetween(start, end)).toMatchObject({ retentionRate: null, churnRate: null, gained: 1 });
    expect(end).toEqual(["x"]);
  });
  it("names a bad id", () => {
    expect(codeAndPath(() => retentionBetween(["a"], ["b", ""]))).toEqual(["INVALID_CUSTOMER_ID", "endIds[1]"]);
    expect(codeAndPath(() => retentionBetween("abc" as never, []))).toEqual(["INVALID_TYPE", "startIds"]);
  });
});
