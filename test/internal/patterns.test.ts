import { describe, expect, it } from "vitest";
import { RetentionKitError } from "../../src/index.js";
import { compressPatterns } from "../../src/internal/patterns.js";
import { finiteNumber } from "../../src/internal/validate.js";

const read = (row: Record<string, unknown>, path: string, out: Float64Array): boolean => {
  out[0] = finiteNumber("f", row["x"], `${path}.x`);
  out[1] = finiteNumber("f", row["y"], `${path}.y`);
  return out[0] >= 0;
};

function thrown(fn: () => unknown): RetentionKitError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RetentionKitError) return e;
  }
  throw new Error("expected a RetentionKitError");
}

describe("compressPatterns", () => {
  it("merges identical rows, sums weights, orders the patterns lexicographically and counts skipped rows", () => {
    const rows = [
      { x: 1, y: 2 },
      { x: 0, y: 0, weight: 3 },
      { x: 1, y: 2, weight: 2.5 },
      { x: -1, y: 0, weight: 4 },
      { x: 5, y: 5, weight: 0 },
    ];
    const frozen = Object.freeze(rows.map((r) => Object.freeze({ ...r })));
    const p = compressPatterns("f", frozen, 2, read);
    expect(p.count).toBe(2);
    expect(Array.from(p.columns[0]!)).toEqual([0, 1]);
    expect(Array.from(p.columns[1]!)).toEqual([0, 2]);
    expect(Array.from(p.weights)).toEqual([3, 3.5]);
    expect(p.totalWeight).toBe(6.5);
    expect(p.rows).toBe(5);
    expect(p.skippedRows).toBe(1);
    expect(p.skippedWeight).toBe(4);
  });

  it("returns no patterns for empty input", () => {
    const p = compressPatterns("f", [], 2, read);
    expect(p.count).toBe(0);
    expect(p.totalWeight).toBe(0);
  });

  it("throws coded errors with paths for bad weights and rows", () => {
    expect(thrown(() => compressPatterns("f", [{ x: 1, y: 1 }, { x: 1, y: 1, weight: -1 }], 2, read))).toMatchObject({ code: "NEGATIVE_VALUE", path: "rows[1].weight" });
    expect(thrown(() => compressPatterns("f", [{ x: 1, y: 1, weight: Number.NaN }], 2, read))).toMatchObject({ code: "INVALID_NUMBER", path: "rows[0].weight" });
    expect(thrown(() => compressPatterns("f", [{ x: 1, y: 1, weight: "2" }], 2, read, { path: "customers" }))).toMatchObject({ code: "INVALID_TYPE", path: "customers[0].weight" });
    expect(thrown(() => compressPatterns("f", [null], 2, read))).toMatchObject({ code: "INVALID_TYPE", path: "rows[0]" });
    expect(thrown(() => compressPatterns("f", [{ x: 1 }], 2, read))).toMatchObject({ code: "INVALID_TYPE", path: "rows[0].y" });
    expect(thrown(() => compressPatterns("f", 5, 2, read))).toMatchObject({ code: "INVALID_TYPE", path: "rows" });
  });
});
