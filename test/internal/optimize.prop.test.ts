import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invertSymmetric, minimize } from "../../src/internal/optimize.js";
import { compressPatterns } from "../../src/internal/patterns.js";

// A random symmetric positive-definite matrix A = BᵀB + εI and its quadratic ½(x−c)ᵀA(x−c).
const spd = (n: number): fc.Arbitrary<{ A: number[][]; c: number[] }> =>
  fc
    .tuple(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }))
    .map(([b, c]) => {
      const A = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => {
          let s = i === j ? 0.5 : 0;
          for (let k = 0; k < n; k++) s += b[k * n + i]! * b[k * n + j]!;
          return s;
        }),
      );
      return { A, c };
    });

describe("optimiser properties", () => {
  it("minimize finds the minimum of any well-posed convex quadratic and says it converged", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => spd(n)), ({ A, c }) => {
        const n = c.length;
        const f = (x: readonly number[]): number => {
          let s = 0;
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += 0.5 * (x[i]! - c[i]!) * A[i]![j]! * (x[j]! - c[j]!);
          return s;
        };
        const g = (x: readonly number[]): number[] => A.map((row) => row.reduce((s, a, j) => s + a * (x[j]! - c[j]!), 0));
        const r = minimize(f, new Array<number>(n).fill(0), { gradient: g, gradientTolerance: 1e-10 });
        expect(r.converged).toBe(true);
        expect(r.value).toBeLessThan(1e-12 + 1e-12 * f(new Array<number>(n).fill(0)));
      }),
      { numRuns: 60 },
    );
  });

  it("invertSymmetric returns the inverse of any positive-definite matrix", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => spd(n)), ({ A }) => {
        const inv = invertSymmetric(A)!;
        expect(inv).not.toBeNull();
        const n = A.length;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += A[i]![k]! * inv[k]![j]!;
            expect(s).toBeCloseTo(i === j ? 1 : 0, 6);
          }
        }
      }),
    );
  });

  it("compressPatterns keeps the total weight and each tuple's weight, whatever the row order", () => {
    const row = fc.record({ x: fc.integer({ min: 0, max: 3 }), y: fc.constantFrom(0, -0, 1.5, 2), weight: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const read = (r: Record<string, unknown>, _p: string, out: Float64Array): boolean => {
          out[0] = r["x"] as number;
          out[1] = r["y"] as number;
          return true;
        };
        const a = compressPatterns("f", rows, 2, read);
        const b = compressPatterns("f", [...rows].reverse(), 2, read);
        const total = rows.reduce((s, r) => s + r.weight, 0);
        expect(a.totalWeight).toBe(total);
        expect(Array.from(a.weights).reduce((s, w) => s + w, 0)).toBe(total);
        const asMap = (p: typeof a): Map<string, number> => new Map(Array.from(p.weights, (w, i) => [`${p.columns[0]![i]},${p.columns[1]![i]}`, w]));
        expect(asMap(b)).toEqual(asMap(a));
        for (const [key, w] of asMap(a)) {
          const [x, y] = key.split(",").map(Number);
          expect(w).toBe(rows.filter((r) => r.x === x && r.y === y).reduce((s, r) => s + r.weight, 0));
        }
      }),
    );
  });
});
