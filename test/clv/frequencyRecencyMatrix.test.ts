import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, frequencyRecencyMatrix, probabilityAlive, type TransactionModel } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";
import { rel } from "./cdnowFixtures.js";

const REFERENCE = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/diagnostics/reference-lifetimes.json", import.meta.url)), "utf8"));

describe("frequencyRecencyMatrix", () => {
  const model = { model: "bg-nbd", params: { r: 1, alpha: 1, a: 2, b: 3 } } as const;

  it("gives P(alive) and E[Y(t)] per cell by hand, null for impossible histories", () => {
    const m = frequencyRecencyMatrix(model, { T: 3, t: 2, maxFrequency: 2 });
    expect(m.frequencies).toEqual([0, 1, 2]);
    expect(m.recencies).toEqual([0, 1, 2, 3]);
    expect([m.T, m.t, m.model]).toEqual([3, 2, "bg-nbd"]);
    // P(alive) = 1 / (1 + a/(b+x−1) ((α+T)/(α+t_x))^(r+x)); E = (a+b+x−1)/(a−1) [1 − ((α+T)/(α+T+t))^(r+x)
    // ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive), by mpmath at 30 digits.
    expect(m.probabilityAlive[0]).toEqual([1, null, null, null]);
    expect(m.expectedPurchases[0]!.slice(1)).toEqual([null, null, null]);
    expect(rel(m.expectedPurchases[0]![0]!, 0.4195366486364935)).toBeLessThan(1e-13);
    expect(rel(m.probabilityAlive[1]![1]!, 3 / 11)).toBeLessThan(1e-14);
    expect(rel(m.probabilityAlive[1]![3]!, 0.6)).toBeLessThan(1e-14);
    expect(rel(m.probabilityAlive[2]![1]!, 0.2)).toBeLessThan(1e-14);
    expect(rel(m.expectedPurchases[1]![1]!, 0.21944550371865411)).toBeLessThan(1e-13);
    expect(rel(m.expectedPurchases[1]![3]!, 0.48278010818103904)).toBeLessThan(1e-13);
    expect(rel(m.expectedPurchases[2]![1]!, 0.23443978363792191)).toBeLessThan(1e-13);
  });

  it("puts each cell at its (frequency, recency): the single-customer predictions, to the bit", () => {
    const models: TransactionModel[] = [
      { model: "pareto-nbd", params: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, unit: "week" },
      { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, unit: "week" },
      { model: "mbg-nbd", params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, unit: "week" },
    ];
    for (const tt of [52, 0]) {
      for (const mod of models) {
        const m = frequencyRecencyMatrix(mod, { T: 38.86, t: tt, maxFrequency: 4, recencyStep: 10 });
        expect(m.recencies).toEqual([0, 10, 20, 30, 38.86]);
        expect(m.unit).toBe("week");
        m.frequencies.forEach((x, i) => m.recencies.forEach((tx, j) => {
          if (x === 0 && tx > 0) return;
          const c = { frequency: x, recency: tx, T: 38.86 };
          expect(m.expectedPurchases[i]![j]).toBe(conditionalExpectedPurchases(mod, c, tt));
          expect(m.probabilityAlive[i]![j]).toBe(probabilityAlive(mod, c));
        }));
      }
    }
  });

  it("agrees with lifetimes' conditional expectations and P(alive) on the CDNOW fits (1e-9)", () => {
    const { T, t } = REFERENCE.meta.matrix;
    for (const name of ["bg-nbd", "mbg-nbd", "pareto-nbd"] as const) {
      const model = { model: name, params: REFERENCE.histogram[name].params } as TransactionModel;
      for (const c of REFERENCE.matrix[name]) {
        // a grid whose second recency (the first when it is 0) is the reference cell's
        const mm = frequencyRecencyMatrix(model, { T, t, maxFrequency: c.frequency, recencyStep: c.recency === 0 ? 1 : c.recency });
        const j = c.recency === 0 ? 0 : 1;
        expect(mm.recencies[j]).toBe(c.recency);
        expect(rel(mm.expectedPurchases[c.frequency]![j]!, c.expectedPurchases)).toBeLessThan(1e-9);
        expect(rel(mm.probabilityAlive[c.frequency]![j]!, c.probabilityAlive)).toBeLessThan(1e-9);
      }
    }
  });

  it("ends the recencies at T and draws BG/BB histories by opportunity", () => {
    expect(frequencyRecencyMatrix(model, { T: 2.5, t: 1 }).recencies).toEqual([0, 1, 2, 2.5]);
    expect(frequencyRecencyMatrix(model, { T: 0, t: 1, maxFrequency: 1 }).recencies).toEqual([0]);
    expect(frequencyRecencyMatrix(model, { T: 2.5, t: 1 }).frequencies.length).toBe(21);
    const bb = { model: "bg-bb", params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } } as const;
    const m = frequencyRecencyMatrix(bb, { T: 3, t: 5 });
    expect(m.frequencies).toEqual([0, 1, 2, 3]);
    expect(m.expectedPurchases.map((row) => row.map((v) => v !== null))).toEqual([
      [true, false, false, false],
      [false, true, true, true],
      [false, false, true, true],
      [false, false, false, true],
    ]);
    expect(m.expectedPurchases[2]![3]).toBe(conditionalExpectedPurchases(bb, { frequency: 2, recency: 3, n: 3 }, 5));
    expect("unit" in m).toBe(false);
  });

  it("refuses bad options with coded errors", () => {
    const f = (o: unknown, m: TransactionModel = model): [string, string | null] => codeAndPath(() => frequencyRecencyMatrix(m, o as never));
    expect(f(undefined)).toEqual(["INVALID_OPTION", "options"]);
    expect(f({ t: 1 })).toEqual(["INVALID_OPTION", "options.T"]);
    expect(f({ T: 1 })).toEqual(["INVALID_OPTION", "options.t"]);
    expect(f({ T: -1, t: 1 })).toEqual(["NEGATIVE_VALUE", "options.T"]);
    expect(f({ T: Number.NaN, t: 1 })).toEqual(["INVALID_NUMBER", "options.T"]);
    expect(f({ T: 1, t: 1e16 })).toEqual(["OUT_OF_RANGE", "options.t"]);
    expect(f({ T: 1, t: 1, maxFrequency: 1.5 })).toEqual(["NOT_INTEGER", "options.maxFrequency"]);
    expect(f({ T: 1, t: 1, recencyStep: 0 })).toEqual(["OUT_OF_RANGE", "options.recencyStep"]);
    expect(f({ T: 1e15, t: 1 })).toEqual(["OUT_OF_RANGE", "options.recencyStep"]);
    expect(f({ T: 1e4, t: 1, recencyStep: 1e-300 })).toEqual(["OUT_OF_RANGE", "options.recencyStep"]);
    expect(f({ T: 100, t: 1, maxFrequency: 2500 })).toEqual(["OUT_OF_RANGE", "options.maxFrequency"]);
    // 101 recencies: 2476 × 101 = 250 076 cells are too many, 2475 × 101 = 249 975 are not
    expect(f({ T: 100, t: 1, maxFrequency: 2475 })).toEqual(["OUT_OF_RANGE", "options.maxFrequency"]);
    expect(frequencyRecencyMatrix(model, { T: 100, t: 1, maxFrequency: 2474 }).expectedPurchases.flat().length).toBe(249_975);
    expect(f({ T: 1, t: 1, horizon: 3 })).toEqual(["UNKNOWN_OPTION", "options.horizon"]);
    const bb = { model: "bg-bb", params: { alpha: 1, beta: 1, gamma: 1, delta: 1 } } as const;
    expect(f({ T: 2.5, t: 1 }, bb)).toEqual(["NOT_INTEGER", "options.T"]);
    expect(f({ T: 2, t: 1, recencyStep: 0.5 }, bb)).toEqual(["NOT_INTEGER", "options.recencyStep"]);
    expect(f({ T: 1, t: 1 }, { model: "bg-nbd", params: { r: 1, alpha: -1, a: 1, b: 1 } })).toEqual(["INVALID_PARAMETER", "model.params.alpha"]);
  });
});
