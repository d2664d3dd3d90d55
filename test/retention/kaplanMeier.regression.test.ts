// Regressions found by the reliability contract under random fast-check seeds.
import { describe, expect, it } from "vitest";
import { kaplanMeier } from "../../src/index.js";

describe("kaplanMeier at the top of the double range", () => {
  it("gives a finite median for durations of 1e308 (the midpoint of two such times overflowed to Infinity)", () => {
    // FC_SEED=790481092 and 656395199, "kaplanMeier: hostile input".
    const one = kaplanMeier([{ duration: 1e308, event: true }], { confidence: 0.2754855627167112, confType: "log" });
    expect(one.median).toBe(1e308);
    const four = kaplanMeier(
      [{ duration: 1e308, event: true }, { duration: 2.701550143961705e-287, event: true }, { duration: 9.728194467004732e-172, event: false }, { duration: 8.734373179721089e-83, event: false }],
      { confidence: 0.01000000000000001, confType: "plain" },
    );
    expect(Number.isFinite(four.median)).toBe(true);
  });
});
