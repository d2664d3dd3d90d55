import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lexicographicOrder, lexicographicOrderBy } from "../../src/internal/lexOrder.js";

// Columns with many ties (small integers, ±0) and some spread values.
const value = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom(-0, 0.5, -1e300, 1e300), fc.double({ min: -10, max: 10, noNaN: true }));
const table = fc.integer({ min: 1, max: 4 }).chain((m) => fc.array(fc.array(value, { minLength: m, maxLength: m }), { maxLength: 60 }));

/** The rows' lexicographic comparison over all columns (−0 equal to 0). */
const full = (rows: number[][]) => (a: number, b: number): number => {
  for (let c = 0; c < rows[a]!.length; c++) {
    const d = rows[a]![c]! - rows[b]![c]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
};

describe("lexicographicOrder", () => {
  it("orders rows as a comparison sort on all their columns does, for any number of radix-sorted primaries", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 4 }), (rows, k) => {
        const m = rows[0]?.length ?? 1;
        const primaries = Array.from({ length: Math.min(k, m) }, (_, c) => Float64Array.from(rows, (r) => r[c] ?? 0));
        const cmp = full(rows);
        const got = [...lexicographicOrderBy(primaries, cmp)].map((i) => rows[i]);
        const want = rows.map((_, i) => i).sort(cmp).map((i) => rows[i]);
        expect(got.map((r) => r!.map((v) => v + 0))).toEqual(want.map((r) => r!.map((v) => v + 0)));
        const one = [...lexicographicOrder(primaries[0]!, cmp)].map((i) => rows[i]);
        expect(one.map((r) => r!.map((v) => v + 0))).toEqual(want.map((r) => r!.map((v) => v + 0)));
      }),
    );
  });
});
