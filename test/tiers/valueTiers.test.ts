import { describe, expect, it } from "vitest";
import { abcClassify, quantileTiers, thresholdTiers } from "../../src/index.js";
import { thrown } from "../rfm/helpers.js";

const rows = (xs: number[]) => xs.map((value, i) => ({ customerId: i + 1, value }));

describe("quantileTiers", () => {
  it("splits 1..9 into thirds: low, mid, high", () => {
    // edges 1, 3.67, 6.33, 9
    expect(quantileTiers(rows([1, 2, 3, 4, 5, 6, 7, 8, 9])).map((t) => t.tier)).toEqual(["low", "low", "low", "mid", "mid", "mid", "high", "high", "high"]);
  });

  it("takes any labels, lowest first, and the rank method", () => {
    const t = quantileTiers(rows([5, 5, 5, 5]), { labels: ["bronze", "silver", "gold", "platinum"], method: "rank" });
    expect(t.map((x) => x.tier)).toEqual(["bronze", "silver", "gold", "platinum"]);
  });

  it("puts tied customers in one tier where pandas would raise", () => {
    // 0 ×6, 10, 20, 30: edges 0, 0, 3.33, 30 → 0 is only in tier 1, the rest above 3.33
    const t = quantileTiers(rows([0, 0, 0, 0, 0, 0, 10, 20, 30]));
    expect(t.map((x) => x.tier)).toEqual(["low", "low", "low", "low", "low", "low", "high", "high", "high"]);
    // 0 ×8, 30: edges 0, 0, 0, 30 → 0 spans tiers 1..2 → middle rounded down: low; ties "high" → mid
    expect(quantileTiers(rows([0, 0, 0, 0, 0, 0, 0, 0, 30]), { ties: "high" }).map((x) => x.tier).join()).toBe("mid,mid,mid,mid,mid,mid,mid,mid,high");
  });

  it("keeps input order and values, returns [] for no rows, and does not mutate", () => {
    const input = Object.freeze(rows([30, 10, 20]).map((r) => Object.freeze(r)));
    expect(quantileTiers(input)).toEqual([
      { customerId: 1, value: 30, tier: "high" },
      { customerId: 2, value: 10, tier: "low" },
      { customerId: 3, value: 20, tier: "mid" },
    ]);
    expect(quantileTiers([])).toEqual([]);
  });

  it("refuses NaN values and bad labels", () => {
    let e = thrown(() => quantileTiers([{ customerId: 1, value: Number.NaN }]));
    expect([e.code, e.path]).toEqual(["INVALID_NUMBER", "customers[0].value"]);
    expect(e.message).toMatch(/^quantileTiers: /);
    e = thrown(() => quantileTiers(rows([1]), { labels: ["a", "a"] }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.labels[1]"]);
    e = thrown(() => quantileTiers(rows([1]), { labels: ["only"] }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.labels"]);
    e = thrown(() => quantileTiers(rows([1]), { method: "jenks" as never }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.method"]);
  });
});

describe("thresholdTiers", () => {
  it("closes tiers on the right by default and on the left on request", () => {
    const r = rows([99, 100, 101, 999, 1000, 1001]);
    expect(thresholdTiers(r, { thresholds: [100, 1000] }).map((t) => t.tier)).toEqual(["low", "low", "mid", "mid", "mid", "high"]);
    expect(thresholdTiers(r, { thresholds: [100, 1000], closed: "left" }).map((t) => t.tier)).toEqual(["low", "mid", "mid", "mid", "high", "high"]);
  });

  it("takes any number of labels", () => {
    expect(thresholdTiers(rows([1, 5]), { thresholds: [2], labels: ["casual", "regular"] }).map((t) => t.tier)).toEqual(["casual", "regular"]);
  });

  it("refuses unsorted, missing or miscounted thresholds", () => {
    let e = thrown(() => thresholdTiers(rows([1]), { thresholds: [1000, 100] }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.thresholds[1]"]);
    e = thrown(() => thresholdTiers(rows([1]), { thresholds: [100] }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.thresholds"]);
    e = thrown(() => thresholdTiers(rows([1]), {} as never));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.thresholds"]);
    e = thrown(() => thresholdTiers(rows([1]), { thresholds: [1, Number.NaN] }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.thresholds[1]"]);
    e = thrown(() => thresholdTiers(rows([1]), { thresholds: [1, 2], closed: "both" as never }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.closed"]);
  });
});

describe("abcClassify", () => {
  it("gives A to the customers making the first 80 % (the one crossing it included), B the next 15 %", () => {
    // 10 customers: 400, 200, 150, 100, 50, 40, 30, 15, 10, 5 (total 1000)
    // shares above each: 0, .4, .6, .75, .85, .9, .94, .97, .985, .995
    const r = abcClassify(rows([400, 200, 150, 100, 50, 40, 30, 15, 10, 5]));
    expect(r.customers.map((c) => c.class).join("")).toBe("AAAABBBCCC");
    expect(r.classes).toEqual([
      { class: "A", customers: 4, value: 850, share: 0.85, customerShare: 0.4 },
      { class: "B", customers: 3, value: 120, share: 0.12, customerShare: 0.3 },
      { class: "C", customers: 3, value: 30, share: 0.03, customerShare: 0.3 },
    ]);
    expect(r.customers[3]).toEqual({ customerId: 4, value: 100, share: 0.1, cumulativeShare: 0.85, class: "A" });
  });

  it("keeps tied values in one class", () => {
    // 50, 25, 25: above the tie 0.5 → A for both
    expect(abcClassify(rows([50, 25, 25])).customers.map((c) => c.class)).toEqual(["A", "A", "A"]);
    // 70, 10, 10, 10: above the tie 0.7 < 0.8 → all A
    expect(abcClassify(rows([70, 10, 10, 10])).customers.map((c) => c.class)).toEqual(["A", "A", "A", "A"]);
  });

  it("takes other cutoffs and labels", () => {
    const r = abcClassify(rows([60, 30, 10]), { cutoffs: [0.5], labels: ["top", "rest"] });
    expect(r.customers.map((c) => c.class)).toEqual(["top", "rest", "rest"]);
  });

  it("puts zero-value customers last and gives null shares when the total is 0", () => {
    expect(abcClassify(rows([10, 0])).customers.map((c) => c.class)).toEqual(["A", "C"]);
    const z = abcClassify(rows([0, 0]));
    expect(z.customers.map((c) => [c.class, c.share, c.cumulativeShare])).toEqual([["C", null, null], ["C", null, null]]);
    expect(z.classes[0]).toEqual({ class: "A", customers: 0, value: 0, share: null, customerShare: 0 });
    expect(abcClassify([]).classes[2]).toEqual({ class: "C", customers: 0, value: 0, share: null, customerShare: null });
  });

  it("refuses negative values and bad cutoffs", () => {
    let e = thrown(() => abcClassify(rows([1, -1])));
    expect([e.code, e.path]).toEqual(["NEGATIVE_VALUE", "customers[1].value"]);
    e = thrown(() => abcClassify(rows([1]), { cutoffs: [0.95, 0.8] }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.cutoffs[1]"]);
    e = thrown(() => abcClassify(rows([1]), { cutoffs: [0.8, 1.5] }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.cutoffs[1]"]);
    e = thrown(() => abcClassify(rows([1]), { cutoffs: [0.8] }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.cutoffs"]);
    e = thrown(() => abcClassify(rows([1]), { labels: ["A", "B", "C", "D"] }));
    expect([e.code, e.path]).toEqual(["INVALID_THRESHOLDS", "options.cutoffs"]);
  });

  it("does not mutate its input", () => {
    const input = Object.freeze(rows([3, 1, 2]).map((r) => Object.freeze(r)));
    expect(() => abcClassify(input)).not.toThrow();
  });
});
