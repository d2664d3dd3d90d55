import { describe, expect, it } from "vitest";
import { simpleClv } from "../../src/index.js";
import { thrown } from "./moreFixtures.js";

describe("simpleClv", () => {
  it("gives Gupta–Lehmann m·r/(1+d−r): 100 · 0.8 / 0.3 = 266.67", () => {
    expect(simpleClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1 })).toBeCloseTo(266.6667, 4);
  });

  it("sums m·r^t/(1+d)^t over a finite horizon: two periods give 72.73 + 52.89", () => {
    const v = simpleClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1, horizon: 2 });
    expect(v).toBeCloseTo(100 * (0.8 / 1.1) + 100 * (0.8 / 1.1) ** 2, 10);
  });

  it("approaches the perpetuity as the horizon grows and is 0 for a zero horizon", () => {
    const inf = simpleClv({ margin: 50, retentionRate: 0.9, discountRate: 0.05 });
    expect(simpleClv({ margin: 50, retentionRate: 0.9, discountRate: 0.05, horizon: 2000 })).toBeCloseTo(inf, 9);
    expect(simpleClv({ margin: 50, retentionRate: 0.9, discountRate: 0.05, horizon: 0 })).toBe(0);
  });

  it("handles no retention, no discounting and retention near 1", () => {
    expect(simpleClv({ margin: 10, retentionRate: 0, discountRate: 0.1 })).toBe(0);
    expect(simpleClv({ margin: 10, retentionRate: 0, discountRate: 0.1, horizon: 5 })).toBe(0);
    expect(simpleClv({ margin: 10, retentionRate: 0.5, discountRate: 0 })).toBeCloseTo(10, 12);
    const v = simpleClv({ margin: 1, retentionRate: 1 - 1e-12, discountRate: 0, horizon: 10 });
    expect(v).toBeCloseTo(10, 8);
  });

  it("throws coded errors for r ∉ [0, 1), d < 0 and bad horizons", () => {
    expect(thrown(() => simpleClv({ margin: 1, retentionRate: 1, discountRate: 0.1 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "input.retentionRate" });
    expect(thrown(() => simpleClv({ margin: 1, retentionRate: -0.1, discountRate: 0.1 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "input.retentionRate" });
    expect(thrown(() => simpleClv({ margin: 1, retentionRate: Number.NaN, discountRate: 0.1 }))).toMatchObject({ code: "INVALID_NUMBER", path: "input.retentionRate" });
    expect(thrown(() => simpleClv({ margin: 1, retentionRate: 0.5, discountRate: -0.01 }))).toMatchObject({ code: "NEGATIVE_VALUE", path: "input.discountRate" });
    expect(thrown(() => simpleClv({ margin: 1, retentionRate: 0.5, discountRate: 0.1, horizon: 1.5 }))).toMatchObject({ code: "NOT_INTEGER", path: "input.horizon" });
    expect(thrown(() => simpleClv({ margin: Number.POSITIVE_INFINITY, retentionRate: 0.5, discountRate: 0.1 }))).toMatchObject({ code: "INVALID_NUMBER", path: "input.margin" });
    expect(thrown(() => simpleClv({ margin: 1e308, retentionRate: 0.999999, discountRate: 0 }))).toMatchObject({ code: "OUT_OF_RANGE", path: "input.margin" });
    expect(thrown(() => simpleClv(null as never))).toMatchObject({ code: "INVALID_TYPE", path: "input" });
    expect(thrown(() => simpleClv({ margin: 1, retentionRate: 1, discountRate: 0.1 })).message).toMatch(/^simpleClv: /);
  });
});
