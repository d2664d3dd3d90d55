import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frequencyRecencyMatrix, periodTransactionsHistogram, type TransactionModel } from "../../src/index.js";

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const bgParams = fc.record({ r: positive(0.05, 10), alpha: positive(0.1, 100), a: positive(0.05, 10), b: positive(0.05, 10) });
const paretoParams = fc.record({ r: positive(0.05, 10), alpha: positive(0.1, 100), s: positive(0.05, 10), beta: positive(0.1, 100) });
const bgbbParams = fc.record({ alpha: positive(0.05, 10), beta: positive(0.05, 10), gamma: positive(0.05, 10), delta: positive(0.05, 10) });
const continuous: fc.Arbitrary<TransactionModel> = fc.oneof(
  bgParams.map((params) => ({ model: "bg-nbd", params }) as const),
  bgParams.map((params) => ({ model: "mbg-nbd", params }) as const),
  paretoParams.map((params) => ({ model: "pareto-nbd", params }) as const),
);
const rfRow = fc
  .tuple(fc.integer({ min: 0, max: 15 }), fc.double({ min: 0, max: 1, noNaN: true }), positive(0, 60), fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }))
  .map(([frequency, u, T, weight]) => ({ frequency, recency: frequency === 0 ? 0 : u * T, T, ...(weight === undefined ? {} : { weight }) }));
const bgbbRow = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.integer({ min: 0, max: n }).chain((x) => fc.integer({ min: x === 0 ? 0 : x, max: x === 0 ? 0 : n }).map((recency) => ({ frequency: x, recency, n }))),
);
const modelAndRows: fc.Arbitrary<[TransactionModel, object[]]> = fc.oneof(
  fc.tuple(continuous, fc.array(rfRow, { maxLength: 25 })),
  fc.tuple(bgbbParams.map((params) => ({ model: "bg-bb", params }) as TransactionModel), fc.array(bgbbRow, { maxLength: 25 })),
);

describe("periodTransactionsHistogram (properties)", () => {
  it("expects as many customers as there are, bin by bin non-negative, with the actual counts adding up too", () => {
    fc.assert(fc.property(modelAndRows, fc.integer({ min: 1, max: 12 }), ([m, rows], maxFrequency) => {
      const h = periodTransactionsHistogram(m, rows, { maxFrequency });
      const expected = h.bins.reduce((s, b) => s + b.expected, 0);
      const actual = h.bins.reduce((s, b) => s + b.actual, 0);
      return (
        h.bins.length === maxFrequency + 1 &&
        h.bins.every((b) => b.expected >= 0 && Number.isFinite(b.expected)) &&
        actual === h.customers &&
        Math.abs(expected - h.customers) <= 1e-9 * Math.max(1, h.customers) &&
        Number.isFinite(h.chiSquare) && h.chiSquare >= 0 &&
        (h.pValue === null ? h.df < 1 : h.pValue >= 0 && h.pValue <= 1)
      );
    }), { numRuns: 150 });
  });

  it("gives identical numbers for any order of the rows", () => {
    fc.assert(fc.property(modelAndRows.chain(([m, rows]) => fc.tuple(fc.constant(m), fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))), ([m, rows, shuffled]) => {
      expect(periodTransactionsHistogram(m, shuffled)).toEqual(periodTransactionsHistogram(m, rows));
    }), { numRuns: 100 });
  });
});

describe("frequencyRecencyMatrix (properties)", () => {
  it("keeps P(alive) in [0, 1], non-decreasing in recency at each frequency, and expected purchases ≥ 0", () => {
    fc.assert(fc.property(continuous, positive(0.01, 80), positive(0, 80), fc.integer({ min: 0, max: 12 }), positive(0.3, 20), (m, T, t, maxFrequency, recencyStep) => {
      const g = frequencyRecencyMatrix(m, { T, t, maxFrequency, recencyStep });
      if (g.recencies[g.recencies.length - 1] !== T || g.expectedPurchases.length !== maxFrequency + 1) return false;
      return g.frequencies.every((x, i) => {
        const alive = g.probabilityAlive[i]!;
        const e = g.expectedPurchases[i]!;
        for (let j = 0; j < g.recencies.length; j++) {
          const impossible = x === 0 && j > 0;
          if (impossible !== (alive[j] === null) || impossible !== (e[j] === null)) return false;
          if (impossible) continue;
          if (!(alive[j]! >= 0 && alive[j]! <= 1 && e[j]! >= 0 && Number.isFinite(e[j]))) return false;
          if (j > 0 && x > 0 && !(alive[j]! >= alive[j - 1]! - 1e-12)) return false;
        }
        return true;
      });
    }), { numRuns: 150 });
  });

  it("keeps BG/BB P(alive) non-decreasing in recency over the possible histories", () => {
    fc.assert(fc.property(bgbbParams, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), (params, T, t) => {
      const g = frequencyRecencyMatrix({ model: "bg-bb", params }, { T, t });
      return g.probabilityAlive.every((row) => {
        const values = row.filter((v): v is number => v !== null);
        return values.every((v, j) => v >= 0 && v <= 1 && (j === 0 || v >= values[j - 1]! - 1e-12));
      });
    }), { numRuns: 100 });
  });
});
