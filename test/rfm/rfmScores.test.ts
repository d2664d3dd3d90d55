import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { thrown } from "./helpers.js";
import { rfmScores, type RfmInput } from "../../src/index.js";

interface RefCase {
  q: number;
  x: number[];
  /** numpy's float quantile positions equal the exact ones for this n and q */
  levelsExact: boolean;
  /** pandas qcut (null where it raises) */
  quantile: number[] | null;
  rank: number[] | null;
  /** the same rules with exact quantile positions */
  exactQuantile: number[] | null;
  exactRank: number[] | null;
}
const reference = JSON.parse(readFileSync(new URL("./fixtures/qcut-reference.json", import.meta.url), "utf8")) as RefCase[];

/** Rows with the values in the monetary column (the other two constant). */
const byMonetary = (xs: readonly number[]): RfmInput[] => xs.map((x, i) => ({ customerId: i, recency: 0, frequency: 0, monetary: x }));
const mScores = (xs: readonly number[], options: Parameters<typeof rfmScores>[1] = {}): number[] =>
  rfmScores(byMonetary(xs), { ...options, method: { monetary: options.method as never ?? "quantile" } }).map((s) => s.m);


describe("rfmScores", () => {
  it("gives quintiles 1,1,2,2,3,3,4,4,5,5 for the values 1..10, as pandas qcut does", () => {
    // edges: 1, 2.8, 4.6, 6.4, 8.2, 10
    expect(mScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it("closes bins on the right and includes the lowest edge: qcut([1..5], 4) is 0,0,1,2,3", () => {
    expect(mScores([1, 2, 3, 4, 5], { bins: 4 })).toEqual([1, 1, 2, 3, 4]);
  });

  it("keeps input order and carries ids, codes and totals", () => {
    const rows = [
      { customerId: "x", recency: 100, frequency: 1, monetary: 10 },
      { customerId: "y", recency: 1, frequency: 10, monetary: 1000 },
    ];
    expect(rfmScores(rows, { bins: 2 })).toEqual([
      { customerId: "x", r: 1, f: 1, m: 1, code: "111", total: 3 },
      { customerId: "y", r: 2, f: 2, m: 2, code: "222", total: 6 },
    ]);
  });

  it("inverts recency: fewest days since the last purchase score best", () => {
    const rows = [0, 10, 20, 30, 40].map((d, i) => ({ customerId: i, recency: d, frequency: 0, monetary: 0 }));
    expect(rfmScores(rows).map((s) => s.r)).toEqual([5, 4, 3, 2, 1]);
  });

  it("agrees with qcut computed with exact quantile positions on every reference case (quantile and rank)", () => {
    let checked = 0;
    for (const c of reference) {
      if (c.exactQuantile) {
        expect(mScores(c.x, { bins: c.q })).toEqual(c.exactQuantile);
        checked++;
      }
      expect(mScores(c.x, { bins: c.q, method: "rank" as never })).toEqual(c.exactRank);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
  });

  it("agrees with pandas qcut everywhere with levels: numpy (all 412 reference cases where pandas returns)", () => {
    let checked = 0;
    for (const c of reference) {
      for (const [method, ref] of [["quantile", c.quantile], ["rank", c.rank]] as const) {
        if (!ref) continue;
        expect(mScores(c.x, { bins: c.q, method: method as never, levels: "numpy" })).toEqual(ref);
        checked++;
      }
    }
    expect(checked).toBe(412);
  });

  it("agrees with pandas qcut with exact levels wherever numpy's float levels are exact, and in most other cases", () => {
    let same = 0;
    let total = 0;
    for (const c of reference) {
      for (const [method, ref] of [["quantile", c.quantile], ["rank", c.rank]] as const) {
        if (!ref) continue;
        const got = mScores(c.x, { bins: c.q, method: method as never });
        if (c.levelsExact) expect(got).toEqual(ref);
        total++;
        if (JSON.stringify(got) === JSON.stringify(ref)) same++;
      }
    }
    // 383 of 412; the rest differ only where numpy lands a hair below a whole position
    expect(same).toBe(383);
    expect(total).toBe(412);
  });

  it("makes rank bins equal-sized where pandas' float levels do not: 1..7 into 6 bins", () => {
    // pandas: qcut(range(1, 8), 6, labels=False) → 0,1,2,2,4,4,5 (edges 1.9999999999999998, …)
    expect(mScores([1, 2, 3, 4, 5, 6, 7], { bins: 6 })).toEqual([1, 1, 2, 3, 4, 5, 6]);
    expect(mScores([1, 2, 3, 4, 5, 6, 7], { bins: 6, levels: "numpy" })).toEqual([1, 2, 3, 3, 5, 5, 6]);
  });

  it("does not crash where pandas raises 'Bin edges must be unique'", () => {
    const cases = reference.filter((c) => c.quantile === null);
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) {
      const s = mScores(c.x, { bins: c.q });
      expect(s.every((v) => v >= 1 && v <= c.q)).toBe(true);
    }
  });

  it("gives 60 % one-time buyers F = 1: the value 1 lies in bins 1..2, middle rounded down", () => {
    // frequencies 1 ×6, 2, 3, 4, 5 → edges 1, 1, 1, 1.4, 3.2, 5 (pandas raises here)
    const rows = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5].map((f, i) => ({ customerId: i, recency: 0, frequency: f, monetary: 0 }));
    expect(rfmScores(rows).map((s) => s.f)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(rfmScores(rows, { ties: "low" }).map((s) => s.f)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(rfmScores(rows, { ties: "high" }).map((s) => s.f)).toEqual([2, 2, 2, 2, 2, 2, 4, 4, 5, 5]);
  });

  it("gives 80 % one-time buyers F = 2 (bins 1..3) and the rest 5", () => {
    // 1 ×8, 2, 3 → edges 1, 1, 1, 1, 1.2, 3
    const rows = [1, 1, 1, 1, 1, 1, 1, 1, 2, 3].map((f, i) => ({ customerId: i, recency: 0, frequency: f, monetary: 0 }));
    expect(rfmScores(rows).map((s) => s.f)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 5, 5]);
    expect(rfmScores(rows, { ties: "high" }).map((s) => s.f)).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 5, 5]);
  });

  it("keeps R = 5 for a tie at the best recency where pandas raises", () => {
    // recency days 0 ×4, 10, 20, 30, 40, 50, 60 → edges 0, 0, 6, 24, 42, 60: 0 is only in bin 1
    const rows = [0, 0, 0, 0, 10, 20, 30, 40, 50, 60].map((d, i) => ({ customerId: i, recency: d, frequency: 0, monetary: 0 }));
    expect(rfmScores(rows).map((s) => s.r)).toEqual([5, 5, 5, 5, 3, 3, 2, 2, 1, 1]);
  });

  it("gives a tie at the worst recency the middle of its scores, rounded down", () => {
    // 10, 20, then 400 ×8 → edges 10, 324, 400, 400, 400, 400: 400 is in bins 2..5 → scores 1..4 → 2
    const rows = [10, 20, 400, 400, 400, 400, 400, 400, 400, 400].map((d, i) => ({ customerId: i, recency: d, frequency: 0, monetary: 0 }));
    expect(rfmScores(rows).map((s) => s.r)).toEqual([5, 5, 2, 2, 2, 2, 2, 2, 2, 2]);
  });

  it("gives half one-time buyers F = 1 (bins 1..2, middle rounded down)", () => {
    // 1 ×5, 2..6 → edges 1, 1, 1, 2.4, 4.2, 6 with h = 9q: the value 1 is in bins 1..2
    const rows = [1, 1, 1, 1, 1, 2, 3, 4, 5, 6].map((f, i) => ({ customerId: i, recency: 0, frequency: f, monetary: 0 }));
    expect(rfmScores(rows).map((s) => s.f)).toEqual([1, 1, 1, 1, 1, 3, 4, 4, 5, 5]);
  });

  it("scores everyone 3 when all values are equal (5 bins), on every dimension", () => {
    const rows = [0, 1, 2].map((i) => ({ customerId: i, recency: 7, frequency: 2, monetary: 50 }));
    expect(rfmScores(rows).map((s) => s.code)).toEqual(["333", "333", "333"]);
    expect(rfmScores(rows, { ties: "low" }).map((s) => s.code)).toEqual(["111", "111", "111"]);
    expect(rfmScores(rows, { ties: "high" }).map((s) => s.code)).toEqual(["555", "555", "555"]);
  });

  it("scores a single customer in the middle with quantile and rank alike", () => {
    const one = [{ customerId: 1, recency: 3, frequency: 1, monetary: 9 }];
    expect(rfmScores(one)[0]!.code).toBe("333");
    expect(rfmScores(one, { method: "rank" })[0]!.code).toBe("333");
  });

  it("breaks ties by input order with method rank: five equal values score 1..5", () => {
    expect(mScores([5, 5, 5, 5, 5], { method: "rank" as never })).toEqual([1, 2, 3, 4, 5]);
  });

  it("breaks rank ties by customer id on request", () => {
    const rows = [3, 1, 2, "b", "a"].map((customerId) => ({ customerId, recency: 1, frequency: 1, monetary: 9 }));
    expect(rfmScores(rows, { method: "rank", rankTies: "customerId" }).map((s) => s.m)).toEqual([3, 1, 2, 5, 4]);
    expect(rfmScores(rows, { method: "rank" }).map((s) => s.m)).toEqual([1, 2, 3, 4, 5]);
    expect(thrown(() => rfmScores(rows, { rankTies: "random" as never })).path).toBe("options.rankTies");
  });

  it("uses explicit thresholds as right-closed cut points, recency reversed", () => {
    const rows = [10, 30, 31, 90, 200, 400].map((d, i) => ({ customerId: i, recency: d, frequency: d, monetary: d }));
    const s = rfmScores(rows, { method: { thresholds: [30, 90, 180, 365] } });
    expect(s.map((x) => x.r)).toEqual([5, 5, 4, 4, 2, 1]);
    expect(s.map((x) => x.f)).toEqual([1, 1, 2, 2, 4, 5]);
  });

  it("mixes methods per dimension", () => {
    const rows = [1, 2, 3, 4].map((v, i) => ({ customerId: i, recency: v, frequency: 1, monetary: v }));
    const s = rfmScores(rows, { bins: 2, method: { recency: { thresholds: [2.5] }, frequency: "rank" } });
    expect(s.map((x) => x.code)).toEqual(["211", "211", "122", "122"]);
  });

  it("joins codes with '-' above 9 bins", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ customerId: i, recency: i, frequency: i, monetary: i }));
    expect(rfmScores(rows, { bins: 10 })[0]!.code).toBe("10-1-1");
  });

  it("returns [] for no customers", () => {
    expect(rfmScores([])).toEqual([]);
  });

  it("does not mutate its input", () => {
    const rows = Object.freeze([3, 1, 2].map((v, i) => Object.freeze({ customerId: i, recency: v, frequency: v, monetary: v })));
    const copy = structuredClone(rows);
    rfmScores(rows, { method: "rank" });
    expect(rows).toEqual(copy);
  });

  it("refuses NaN, negative recency and frequency, and bad ids with a code and a path", () => {
    const ok = { customerId: 1, recency: 1, frequency: 1, monetary: 1 };
    let e = thrown(() => rfmScores([ok, { ...ok, monetary: Number.NaN }]));
    expect([e.code, e.path]).toEqual(["INVALID_NUMBER", "customers[1].monetary"]);
    expect(e.message).toMatch(/^rfmScores: /);
    e = thrown(() => rfmScores([{ ...ok, recency: -1 }]));
    expect([e.code, e.path]).toEqual(["NEGATIVE_VALUE", "customers[0].recency"]);
    e = thrown(() => rfmScores([{ ...ok, frequency: "3" as never }]));
    expect([e.code, e.path]).toEqual(["INVALID_TYPE", "customers[0].frequency"]);
    e = thrown(() => rfmScores([{ ...ok, customerId: "" }]));
    expect([e.code, e.path]).toEqual(["INVALID_CUSTOMER_ID", "customers[0].customerId"]);
    e = thrown(() => rfmScores([null as never]));
    expect([e.code, e.path]).toEqual(["INVALID_TYPE", "customers[0]"]);
    expect(rfmScores([{ ...ok, monetary: -5 }])[0]!.m).toBe(3);
  });

  it("refuses unsorted or miscounted thresholds, unknown dimensions and bad bins", () => {
    const rows = [{ customerId: 1, recency: 1, frequency: 1, monetary: 1 }];
    let e = thrown(() => rfmScores(rows, { method: { recency: { thresholds: [30, 90, 60, 365] } } }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.method.recency.thresholds[2]"]);
    e = thrown(() => rfmScores(rows, { method: { thresholds: [1, 2] } }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.method.thresholds"]);
    e = thrown(() => rfmScores(rows, { method: { thresholds: [1, 2, Number.NaN, 4] } }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.method.thresholds[2]"]);
    e = thrown(() => rfmScores(rows, { method: { spend: "rank" } as never }));
    expect([e.code, e.path]).toEqual(["UNKNOWN_OPTION", "options.method.spend"]);
    e = thrown(() => rfmScores(rows, { method: "ntile" as never }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.method"]);
    e = thrown(() => rfmScores(rows, { bins: 1 }));
    expect([e.code, e.path]).toEqual(["OUT_OF_RANGE", "options.bins"]);
    e = thrown(() => rfmScores(rows, { bins: 2.5 }));
    expect([e.code, e.path]).toEqual(["NOT_INTEGER", "options.bins"]);
    e = thrown(() => rfmScores(rows, { ties: "mean" as never }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.ties"]);
    e = thrown(() => rfmScores(rows, { levels: "float" as never }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.levels"]);
    e = thrown(() => rfmScores("rows" as never));
    expect([e.code, e.path]).toEqual(["INVALID_TYPE", "customers"]);
  });
});
