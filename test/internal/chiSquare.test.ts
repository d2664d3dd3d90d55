import { describe, expect, it } from "vitest";
import { chiSquareUpperTail } from "../../src/internal/chiSquare.js";
import { normalCdf } from "../../src/internal/normal.js";

// R 4.x: pchisq(x, df, lower.tail = FALSE)
const R: [number, number, number][] = [
  [0.5, 1, 0.47950012218695348],
  [3.84, 1, 0.050043521248705224],
  [30.5, 3, 1.0831686754579122e-6],
  [45.76, 2, 1.1570236976030416e-10],
  [0.001, 4, 0.99999987504165888],
  [200, 3, 4.2185411071920418e-43],
  [5, 20, 0.99972264790537912],
  [150, 100, 0.00090393204235400938],
  [700, 1, 2.9902269751246203e-154],
];

describe("chiSquareUpperTail", () => {
  it("gives R's pchisq upper tail to 1e-12 relative, down to 1e-154", () => {
    for (const [x, df, p] of R) expect(Math.abs(chiSquareUpperTail(x, df) - p)).toBeLessThanOrEqual(1e-12 * p);
  });

  it("is 1 at x ≤ 0, e^(−x/2) for two degrees of freedom and 2Φ(−√x) for one", () => {
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(chiSquareUpperTail(-1, 1)).toBe(1);
    for (const x of [0.1, 1, 7, 60]) {
      expect(chiSquareUpperTail(x, 2)).toBeCloseTo(Math.exp(-x / 2), 14);
      expect(Math.abs(chiSquareUpperTail(x, 1) - 2 * normalCdf(-Math.sqrt(x)))).toBeLessThanOrEqual(1e-13 * chiSquareUpperTail(x, 1));
    }
  });
});
