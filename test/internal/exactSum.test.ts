import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shuffle } from "../rfm/helpers.js";
import { ExactSum, addToExpansion, exactMean, exactSum, expansionRest, midpoint, roundExpansion } from "../../src/internal/exactSum.js";

const exactColumnSum = (xs: readonly number[]): number => exactSum(xs.length, (i) => xs[i]!);

const view = new DataView(new ArrayBuffer(8));

/** A finite double as an exact integer multiple of 2^-1074. */
function exact(x: number): bigint {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn);
  const m = bits & ((1n << 52n) - 1n);
  const v = e === 0 ? m : (m | (1n << 52n)) << BigInt(e - 1);
  return bits >> 63n ? -v : v;
}

/** The next double above (dir 1) or below (dir −1) a finite x. */
function neighbour(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * 5e-324;
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, (x > 0) === (dir > 0) ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/** Whether r is the double nearest to the exact sum of xs (ties to an even last bit). */
function isCorrectlyRounded(r: number, xs: readonly number[]): boolean {
  const s = xs.reduce((acc, x) => acc + exact(x), 0n);
  const d = abs(s - exact(r));
  for (const dir of [1, -1] as const) {
    const n = neighbour(r, dir);
    if (!Number.isFinite(n)) continue;
    const dn = abs(s - exact(n));
    if (dn < d) return false;
    if (dn === d) {
      view.setFloat64(0, r);
      if ((view.getBigUint64(0) & 1n) !== 0n) return false;
    }
  }
  return true;
}

describe("exact sums", () => {
  it("gives 0.6 for 0.1 + 0.2 + 0.3 in either order (the double nearest the exact sum)", () => {
    expect(0.1 + 0.2 + 0.3).toBe(0.6000000000000001); // what a left-to-right sum gives
    expect(exactColumnSum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(exactColumnSum([0.3, 0.2, 0.1])).toBe(0.6);
  });

  it("keeps what a running sum loses: 1e17 + 3.3 + 0.1 − 1e17 is 3.4 (to the last bit of the exact sum)", () => {
    expect(1e17 + 3.3 + 0.1 - 1e17).toBe(0);
    expect(exactColumnSum([1e17, 3.3, 0.1, -1e17])).toBe(3.4);
  });

  it("adds subnormals exactly and breaks a half-way tie by the parts below it", () => {
    expect(exactColumnSum([5e-324, 1, 5e-324, -1])).toBe(1e-323);
    // 1 + 2^-53 is half-way between 1 and its successor; a further 2^-200 decides for the successor
    expect(exactColumnSum([1, 2 ** -53])).toBe(1);
    expect(exactColumnSum([1, 2 ** -53, 2 ** -200])).toBe(1 + 2 ** -52);
    expect(exactColumnSum([2 ** -200, 2 ** -53, 1])).toBe(1 + 2 ** -52);
  });

  it("reports a total beyond the doubles as an infinity", () => {
    expect(exactColumnSum([1.7e308, 1.7e308])).toBe(Infinity);
    expect(exactColumnSum([-1.7e308, -Number.MAX_VALUE])).toBe(-Infinity);
    const s = new ExactSum();
    s.add(1.7e308);
    s.add(1.7e308);
    expect(s.value()).toBe(Infinity);
  });

  it("takes means and midpoints of values near the largest double without overflow", () => {
    // (a left-to-right sum gives Infinity for the first two)
    expect(Math.abs(exactMean([1.7e308, 1.7e308, 1.7e308]) / 1.7e308 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(exactMean([Number.MAX_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE]) / (Number.MAX_VALUE / 3) - 1)).toBeLessThan(1e-15);
    expect(exactMean([1, 2, 4])).toBe(7 / 3);
    expect(midpoint(1.7e308, 1.7e308)).toBe(1.7e308);
    expect(midpoint(-1.7e308, 1.7e308)).toBe(0);
    expect(midpoint(2, 3)).toBe(2.5);
  });

  it("splits an expansion into its rounded value and an exact rest", () => {
    const parts: number[] = [];
    for (const x of [1e17, 3.3, 0.1]) addToExpansion(parts, x);
    const top = roundExpansion(parts);
    expect(top).toBe(1e17);
    const rest = expansionRest(parts, top);
    expect(exactColumnSum([...rest, top, -1e17])).toBe(exactColumnSum([3.3, 0.1]));
    expect(expansionRest([2], 2)).toEqual([]);
  });

  it("is the correctly rounded exact sum, whatever the order (non-negative doubles of any scale)", () => {
    const term = fc.oneof(
      fc.double({ min: 0, max: 1e300, noNaN: true }),
      fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100),
      fc.constantFrom(5e-324, 1e-310, 2.2250738585072014e-308, 1e308, 0.1, 1e16),
    );
    fc.assert(
      fc.property(fc.array(term, { maxLength: 30 }), fc.integer(), (xs, seed) => {
        const r = exactColumnSum(xs);
        expect(exactColumnSum(shuffle(xs, seed))).toBe(r);
        if (Number.isFinite(r)) expect(isCorrectlyRounded(r, xs)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("is the correctly rounded exact sum of signed doubles too (partial sums within the doubles)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e300, max: 1e300, noNaN: true }), { maxLength: 30 }), fc.integer(), (xs, seed) => {
        const r = exactColumnSum(xs);
        expect(exactColumnSum(shuffle(xs, seed))).toBe(r);
        expect(isCorrectlyRounded(r, xs)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
