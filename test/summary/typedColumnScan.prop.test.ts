import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countBits, grownBits } from "../../src/internal/bits.js";
import { small } from "../../src/internal/boxing.js";
import { directIdCapacity } from "../../src/summary/internal/directIds.js";
import { scanTypedColumns } from "../../src/summary/internal/foldTransactions.js";

const MAX_TIME = 8.64e15;

/** readFields' rule, row by row: the reference for the first refused row. */
function firstBad(ids: ArrayLike<number>, at: ArrayLike<number>, amount: ArrayLike<number> | undefined): number {
  for (let i = 0; i < at.length; i++) {
    const a = amount === undefined ? 0 : amount[i]!;
    const ok = Number.isFinite(ids[i]!) && at[i]! >= -MAX_TIME && at[i]! <= MAX_TIME && a >= 0 && Number.isFinite(a);
    if (!ok) return i;
  }
  return -1;
}

// Mostly valid rows (so direct mode is reachable), with the odd bad value of each kind.
const idArb = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0.5, 2 ** 25, 2 ** 40, Number.NaN, Number.POSITIVE_INFINITY, -0) },
);
const atArb = fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 0, max: 2e12 }) }, { weight: 1, arbitrary: fc.constantFrom(Number.NaN, 9e15, -9e15, Number.NEGATIVE_INFINITY) });
const amountArb = fc.oneof({ weight: 30, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(-1, -0, Number.NaN, Number.POSITIVE_INFINITY) });
const rowsArb = fc.array(fc.tuple(idArb, atArb, amountArb), { maxLength: 300, size: "max" });
const kindArb = fc.constantFrom("int32" as const, "uint32" as const, "float64" as const);

function typedIds(kind: "int32" | "uint32" | "float64", ids: number[]): Int32Array | Uint32Array | Float64Array {
  return kind === "int32" ? Int32Array.from(ids) : kind === "uint32" ? Uint32Array.from(ids) : Float64Array.from(ids);
}

describe("one scan of typed transaction columns", () => {
  it("finds the first row readFields refuses and sizes direct mode as directIdCapacity does", () => {
    fc.assert(
      fc.property(rowsArb, kindArb, fc.boolean(), fc.boolean(), (rows, kind, withAmount, wantDirect) => {
        const ids = typedIds(kind, rows.map((r) => r[0]));
        const at = Float64Array.from(rows.map((r) => r[1]));
        const amount = withAmount ? Float64Array.from(rows.map((r) => r[2])) : undefined;
        const scan = scanTypedColumns(ids, at, amount, wantDirect);
        const bad = firstBad(ids, at, amount);
        expect(scan.bad).toBe(bad);
        expect(scan.direct).toBe(bad < 0 && wantDirect ? directIdCapacity(ids, false) : 0);
      }),
    );
  });

  it("counts distinct ids past a growth of the bitmap, for dense and for sparse ids", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3_000_000 }), { maxLength: 200, size: "max" }), fc.integer({ min: 0, max: 70_000 }), (sparse, dense) => {
        const ids = Int32Array.from([...sparse, ...Array.from({ length: dense }, (_, i) => i)]);
        const at = new Float64Array(ids.length);
        const distinct = new Set(ids).size;
        const max = ids.reduce((a, b) => Math.max(a, b), -1);
        const expected = max < 65_536 ? max + 1 : distinct * 4 >= max + 1 ? max + 1 : 0;
        expect(scanTypedColumns(ids, at, undefined, true).direct).toBe(expected);
        expect(directIdCapacity(ids, false)).toBe(expected);
      }),
    );
  });
});

describe("bitmaps", () => {
  it("countBits counts the set bits; grownBits keeps them", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 400 }), (xs) => {
        let bits = new Uint32Array(1);
        for (const x of xs) {
          if (x >>> 5 >= bits.length) bits = grownBits(bits, x >>> 5);
          bits[x >>> 5]! |= 1 << (x & 31);
        }
        expect(countBits(bits)).toBe(xs.length);
        for (const x of xs) expect((bits[x >>> 5]! >>> (x & 31)) & 1).toBe(1);
      }),
    );
  });
});

describe("small", () => {
  it("returns the same number (−0 as 0), as a small integer when it is one", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), (v) => {
        const s = small(v);
        if (Object.is(v, -0)) expect(Object.is(s, 0)).toBe(true);
        else expect(Object.is(s, v)).toBe(true);
      }),
    );
  });
});
