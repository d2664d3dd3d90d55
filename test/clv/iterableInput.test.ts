// The fitters read their rows once, from any iterable, and their types say so: a Set or a generator of
// rows compiles (this file is type-checked with the tests) and gives the same fit as the array.
import { describe, expect, it } from "vitest";
import { fitBgBb, fitBgNbd, fitGammaGamma, fitModifiedBgNbd, fitParetoNbd } from "../../src/index.js";

const rows = [
  { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 },
  { frequency: 1, recency: 1.71, T: 38.86, monetaryValue: 11.77 },
  { frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 },
  { frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 },
  { frequency: 7, recency: 29.43, T: 38.86, monetaryValue: 73.74 },
  { frequency: 1, recency: 5.0, T: 38.71, monetaryValue: 11.77 },
  { frequency: 2, recency: 35.71, T: 38.71, monetaryValue: 25.55 },
  { frequency: 5, recency: 24.43, T: 38.71, monetaryValue: 17.6 },
  { frequency: 0, recency: 0, T: 38.71, monetaryValue: 0 },
  { frequency: 3, recency: 20.0, T: 38.57, monetaryValue: 40 },
];
function* generated<T>(list: readonly T[]): Generator<T> {
  yield* list;
}

describe("fitters over any iterable", () => {
  it("fit a Set or a generator of rows exactly as the array", () => {
    expect(fitBgNbd(new Set(rows))).toEqual(fitBgNbd(rows));
    expect(fitModifiedBgNbd(generated(rows))).toEqual(fitModifiedBgNbd(rows));
    expect(fitParetoNbd(generated(rows), { maxIterations: 50 })).toEqual(fitParetoNbd(rows, { maxIterations: 50 }));
    expect(fitGammaGamma(new Set(rows))).toEqual(fitGammaGamma(rows));
    const bb = [
      { frequency: 3, recency: 5, n: 6 },
      { frequency: 0, recency: 0, n: 6 },
      { frequency: 6, recency: 6, n: 6 },
      { frequency: 1, recency: 2, n: 6 },
    ];
    expect(fitBgBb(generated(bb))).toEqual(fitBgBb(bb));
  });
});
