import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WindowCounts } from "../../src/engine/ingest.js";

describe("WindowCounts", () => {
  it("counts like a Map keyed by id, for whole, negative, fractional, huge, −0 and string ids", () => {
    const id = fc.oneof(fc.nat(5000), fc.constantFrom(-1, -0, 0.5, 2 ** 26, 2 ** 40, 1e300), fc.constantFrom("a", "7", "b"));
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.nat(3), fc.nat(3)), { maxLength: 300, size: "max" }), (adds) => {
        const counts = new WindowCounts();
        const oracle = new Map<number | string, [number, number]>();
        for (const [k, r, p] of adds) {
          counts.add(k, r, p);
          const c = oracle.get(k) ?? [0, 0];
          oracle.set(k, [c[0] + r, c[1] + p]);
        }
        for (const [k] of adds) expect([counts.recent(k), counts.prior(k)]).toEqual(oracle.get(k));
        expect([counts.recent(123_456), counts.prior("zz"), counts.recent(-5)]).toEqual([0, 0, 0]);
      }),
    );
  });
});
