import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compressPatterns, indexRows } from "../../src/internal/patterns.js";
import { ascendingOrder } from "../../src/internal/sortOrder.js";
import { ValueIndex } from "../../src/internal/valueIndex.js";

// Few distinct values, so rows repeat; enough rows that the tables grow past their first capacity (64).
const cell = fc.constantFrom(0, -0, 1, 2.5, -3, 1e300, 5e-324);
const rowsArb = fc.array(fc.tuple(cell, cell, fc.integer({ min: 0, max: 40 })), { maxLength: 600, size: "max" });

/** Numeric lexicographic order of tuples (−0 as 0). */
const lex = (a: readonly number[], b: readonly number[]): number => {
  for (let k = 0; k < a.length; k++) if (a[k]! !== b[k]!) return a[k]! - b[k]!;
  return 0;
};

/** The distinct tuples in lexicographic order and each row's tuple, by string keys (−0 as 0). */
function oracle(rows: readonly (readonly number[])[]): { keys: string[]; of: number[] } {
  const norm = rows.map((r) => r.map((v) => (v === 0 ? 0 : v)));
  const distinct = new Map<string, number[]>();
  for (const r of norm) distinct.set(r.join("|"), r);
  const sorted = [...distinct.values()].sort(lex);
  const keys = sorted.map((r) => r.join("|"));
  const at = new Map(keys.map((k, i) => [k, i]));
  return { keys, of: norm.map((r) => at.get(r.join("|"))!) };
}

describe("pattern tables", () => {
  it("indexRows finds the distinct rows in lexicographic order and which row is which", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const cols = [0, 1, 2].map((k) => Float64Array.from(rows, (r) => r[k]!));
        const idx = indexRows(cols);
        const want = oracle(rows);
        expect(idx.count).toBe(want.keys.length);
        expect(Array.from(idx.of)).toEqual(want.of);
        const got = Array.from({ length: idx.count }, (_, p) => idx.columns.map((c) => c[p]!).join("|"));
        expect(got).toEqual(want.keys);
        const counts = new Array<number>(idx.count).fill(0);
        for (const p of want.of) counts[p]!++;
        expect(Array.from(idx.weights)).toEqual(counts);
      }),
    );
  });

  it("compressPatterns gives the patterns and summed weights of indexRows on the same rows", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const p = compressPatterns("f", rows.map(([x, y, z]) => ({ x, y, z })), 3, (row, _path, out) => {
          out[0] = row["x"] as number;
          out[1] = row["y"] as number;
          out[2] = row["z"] as number;
          return true;
        });
        const idx = indexRows([0, 1, 2].map((k) => Float64Array.from(rows, (r) => r[k]!)));
        expect(p.count).toBe(idx.count);
        expect(p.columns.map((c) => Array.from(c))).toEqual(idx.columns.map((c) => Array.from(c)));
        expect(Array.from(p.weights)).toEqual(Array.from(idx.weights));
      }),
    );
  });

  it("compressPatterns without merging keeps every kept row of positive weight, in lexicographic order, with its weight", () => {
    const weighted = fc.array(fc.tuple(cell, cell, fc.constantFrom(0, 1, 2.5), fc.boolean()), { maxLength: 300, size: "max" });
    fc.assert(
      fc.property(weighted, (rows) => {
        const p = compressPatterns("f", rows.map(([x, y, weight, keep]) => ({ x, y, weight, keep })), 2, (row, _path, out) => {
          out[0] = row["x"] as number;
          out[1] = row["y"] as number;
          return row["keep"] as boolean;
        }, { merge: false });
        // Rows equal in (x, y) may come in any order: compare them with their weights sorted too.
        const kept = rows.filter(([, , w, keep]) => keep && w > 0).map((r) => [r[0] === 0 ? 0 : r[0], r[1] === 0 ? 0 : r[1], r[2], r[3]] as const).sort((a, b) => lex([a[0], a[1], a[2]], [b[0], b[1], b[2]]));
        const got = Array.from({ length: p.count }, (_, i) => [p.columns[0]![i]!, p.columns[1]![i]!, p.weights[i]!]).sort(lex);
        expect(p.count).toBe(kept.length);
        expect(got).toEqual(kept.map((r) => [r[0], r[1], r[2]]));
        // In lexicographic order of (x, y).
        for (let i = 1; i < p.count; i++) expect(lex([p.columns[0]![i - 1]!, p.columns[1]![i - 1]!], [p.columns[0]![i]!, p.columns[1]![i]!])).toBeLessThanOrEqual(0);
        expect(p.skippedRows).toBe(rows.filter((r) => !r[3]).length);
        expect(p.totalWeight).toBe(kept.reduce((a, r) => a + r[2], 0));
      }),
    );
  });
});

describe("ascendingOrder", () => {
  const value = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1, 0.1, 1e-310, -1e-310), fc.integer({ min: -5, max: 5 }));

  it("is the stable ascending order of any doubles (ties in input order, −0 with 0)", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300, size: "max" }), (values) => {
        const want = values.map((_, i) => i).sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : a - b));
        expect(Array.from(ascendingOrder(Float64Array.from(values)))).toEqual(want);
      }),
    );
  });

  it("gives the same stable order with 16-bit digits (large columns) as with 8-bit ones (small)", () => {
    // 2^17 rows is where the digit size changes: sort one column of that size and its first rows alone.
    let seed = 7;
    const next = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const big = Float64Array.from({ length: (1 << 17) + 5 }, (_, i) => (i % 3 === 0 ? Math.floor(next() * 50) : (next() - 0.5) * 10 ** Math.floor(next() * 12)));
    const order = ascendingOrder(big);
    for (let k = 1; k < big.length; k++) {
      const a = big[order[k - 1]!]!;
      const b = big[order[k]!]!;
      expect(a < b || (a === b && order[k - 1]! < order[k]!)).toBe(true);
    }
    const head = big.subarray(0, 5000);
    const want = Array.from(order).filter((i) => i < 5000);
    expect(Array.from(ascendingOrder(head))).toEqual(want);
  });

  it("sorts by every digit of the bits: values that differ only in their lowest or highest bits", () => {
    const base = 1234.5678;
    const step = 2 ** (Math.floor(Math.log2(base)) - 52); // one unit in the last place
    const values = [base + 3 * step, -base, base, base + step, 2 ** 1000, -(2 ** -1070), base + 65_536 * step, 0];
    const order = Array.from(ascendingOrder(values));
    expect(order.map((i) => values[i])).toEqual([...values].sort((a, b) => a - b));
  });
});

describe("ValueIndex", () => {
  it("gives each number its first-seen position, as a Map of numbers would (−0 and 0 one value), past several growths", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -50, max: 50 }), fc.constantFrom(0, -0)), { maxLength: 500, size: "max" }), (values) => {
        const seen = new Map<number, number>();
        const want: number[] = [];
        const wantOf = values.map((v) => {
          let at = seen.get(v);
          if (at === undefined) {
            seen.set(v, (at = want.length));
            want.push(v);
          }
          return at;
        });
        const index = new ValueIndex();
        const list: number[] = [];
        expect(values.map((v) => index.indexOf(v, list))).toEqual(wantOf);
        expect(list).toEqual(want);
      }),
    );
  });
});
