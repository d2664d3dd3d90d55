import { describe, expect, it } from "vitest";
import { tierTransitions } from "../../src/index.js";
import { thrown } from "../rfm/helpers.js";

describe("tierTransitions", () => {
  const before = [
    { customerId: 1, tier: "low" },
    { customerId: 2, tier: "high" },
    { customerId: 3, tier: "mid" },
    { customerId: "z", tier: "mid" },
    { customerId: 5, tier: "high" },
  ];
  const after = [
    { customerId: "z", tier: "high" },
    { customerId: 2, tier: "low" },
    { customerId: 1, tier: "mid" },
    { customerId: 5, tier: "high" },
    { customerId: 9, tier: "low" },
  ];

  it("builds the matrix and lists upgrades, downgrades, entries and exits by id", () => {
    const t = tierTransitions(before, after);
    expect(t.tiers).toEqual(["low", "mid", "high"]);
    expect(t.matrix).toEqual([
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 1],
    ]);
    expect(t.upgrades).toEqual([
      { customerId: 1, from: "low", to: "mid" },
      { customerId: "z", from: "mid", to: "high" },
    ]);
    expect(t.downgrades).toEqual([{ customerId: 2, from: "high", to: "low" }]);
    expect(t.entries).toEqual([{ customerId: 9, from: null, to: "low" }]);
    expect(t.exits).toEqual([{ customerId: 3, from: "mid", to: null }]);
    expect(t.unchanged).toBe(1);
  });

  it("infers ABC, numeric and lifecycle orders, and takes an explicit one", () => {
    expect(tierTransitions([{ customerId: 1, tier: "C" }], [{ customerId: 1, tier: "A" }]).upgrades).toHaveLength(1);
    expect(tierTransitions([{ customerId: 1, tier: 12 }], [{ customerId: 1, tier: 9 }]).downgrades).toHaveLength(1);
    expect(tierTransitions([{ customerId: 1, tier: "at-risk" }], [{ customerId: 1, tier: "mature" }]).upgrades).toHaveLength(1);
    const t = tierTransitions([{ customerId: 1, tier: "gold" }], [{ customerId: 1, tier: "silver" }], { order: ["bronze", "silver", "gold"] });
    expect(t.downgrades).toEqual([{ customerId: 1, from: "gold", to: "silver" }]);
    expect(t.matrix).toEqual([[0, 0, 0], [0, 0, 0], [0, 1, 0]]);
  });

  it("refuses unknown labels, duplicates and an order it cannot infer", () => {
    let e = thrown(() => tierTransitions([{ customerId: 1, tier: "gold" }], [{ customerId: 1, tier: "tin" }], { order: ["silver", "gold"] }));
    expect([e.code, e.path]).toEqual(["UNKNOWN_LABEL", "after[0].tier"]);
    expect(e.message).toMatch(/^tierTransitions: /);
    e = thrown(() => tierTransitions([{ customerId: 1, tier: "low" }, { customerId: 1, tier: "mid" }], []));
    expect([e.code, e.path]).toEqual(["DUPLICATE_ID", "before[1].customerId"]);
    e = thrown(() => tierTransitions([{ customerId: 1, tier: "gold" }], []));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.order"]);
    e = thrown(() => tierTransitions([], [], { order: ["a", "a"] }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.order[1]"]);
    e = thrown(() => tierTransitions([{ customerId: 1, tier: Number.NaN }], []));
    expect([e.code, e.path]).toEqual(["INVALID_TYPE", "before[0].tier"]);
  });

  it("handles empty classifications and does not mutate its input", () => {
    expect(tierTransitions([], [], { order: ["low", "high"] })).toEqual({ tiers: ["low", "high"], matrix: [[0, 0], [0, 0]], upgrades: [], downgrades: [], entries: [], exits: [], unchanged: 0 });
    const b = Object.freeze(before.map((r) => Object.freeze(r)));
    const a = Object.freeze(after.map((r) => Object.freeze(r)));
    expect(() => tierTransitions(b, a)).not.toThrow();
  });
});
