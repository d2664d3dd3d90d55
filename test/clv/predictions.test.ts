import { describe, expect, it } from "vitest";
import {
  conditionalExpectedPurchases, expectedPurchases, fitBgBb, probabilityAlive, probabilityOfPurchases, type TransactionModel,
} from "../../src/index.js";
import { bgBbConditionalExpectedPurchases, bgBbExpectedPurchases, bgBbProbabilityAlive, bgBbProbabilityOfPurchases } from "../../src/clv/bgBbMath.js";
import { donations, thrown } from "./moreFixtures.js";
import { cdnowSummary, rel } from "./cdnowFixtures.js";

const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const mbgnbd = { model: "mbg-nbd", params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } } as const;
const pareto = { model: "pareto-nbd", params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } } as const;
const bgbb = { model: "bg-bb", params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 } } as const;
const continuous: TransactionModel[] = [bgnbd, mbgnbd, pareto];

describe("predictions dispatch to BG/BB", () => {
  it("use the BG/BB formulas with opportunities as time", () => {
    const c = { frequency: 3, recency: 5, n: 6 };
    expect(expectedPurchases(bgbb, 5)).toBe(bgBbExpectedPurchases(bgbb.params, 5));
    expect(conditionalExpectedPurchases(bgbb, c, 5)).toBe(bgBbConditionalExpectedPurchases(bgbb.params, 3, 5, 6, 5));
    expect(probabilityAlive(bgbb, c)).toBe(bgBbProbabilityAlive(bgbb.params, 3, 5, 6, 1));
    expect(probabilityAlive(bgbb, c, { opportunitiesAhead: 0 })).toBe(bgBbProbabilityAlive(bgbb.params, 3, 5, 6, 0));
    expect(probabilityOfPurchases(bgbb, 2, 6)).toBe(bgBbProbabilityOfPurchases(bgbb.params, 2, 6));
  });

  it("accept a fitted BG/BB model as it is", () => {
    const fit = fitBgBb(donations());
    expect(Number.isFinite(conditionalExpectedPurchases(fit, { frequency: 6, recency: 6, n: 6 }, 5))).toBe(true);
  });

  it("refuse a fractional BG/BB horizon", () => {
    expect(thrown(() => expectedPurchases(bgbb, 2.5)).code).toBe("NOT_INTEGER");
  });
});

describe("probabilityOfPurchases", () => {
  for (const m of continuous) {
    it(`sums to 1 over n and has mean E[X(t)] for ${m.model}`, () => {
      let total = 0;
      let mean = 0;
      for (let n = 0; n < 400; n++) {
        const p = probabilityOfPurchases(m, n, 39);
        total += p;
        mean += n * p;
      }
      expect(Math.abs(total - 1)).toBeLessThan(1e-10);
      expect(rel(mean, expectedPurchases(m, 39))).toBeLessThan(1e-9);
    });
  }

  it("predicts the CDNOW calibration histogram's zero and one classes (1411 and 439 customers observed)", () => {
    // Fader, Hardie & Lee (2005) Fig. 2: Σ_i P(X(T_i) = n) over the 2357 customers' own ages.
    const rows = cdnowSummary();
    const expected = (n: number) => rows.reduce((a, r) => a + probabilityOfPurchases(bgnbd, n, r.T), 0);
    expect(expected(0).toFixed(1)).toBe("1406.5");
    expect(expected(1).toFixed(1)).toBe("460.8");
  });

  it("is 1 for n = 0 and 0 otherwise at t = 0", () => {
    for (const m of continuous) {
      expect(probabilityOfPurchases(m, 0, 0)).toBe(1);
      expect(probabilityOfPurchases(m, 3, 0)).toBe(0);
    }
  });
});

describe("edge values", () => {
  it("give 0 purchases over a zero horizon", () => {
    for (const m of continuous) {
      expect(expectedPurchases(m, 0)).toBe(0);
      expect(conditionalExpectedPurchases(m, { frequency: 2, recency: 10, T: 20 }, 0)).toBe(0);
    }
  });

  it("start at the initial purchase rate r/α over tiny horizons (BG/NBD, MBG/NBD and Pareto/NBD)", () => {
    const tiny = { model: "bg-nbd", params: { r: 0.01, alpha: 14.72, a: 0.01, b: 0.01 } } as const;
    expect(rel(expectedPurchases(tiny, 1e-10) / 1e-10, 0.01 / 14.72)).toBeLessThan(1e-8);
    expect(rel(expectedPurchases(pareto, 1e-10) / 1e-10, pareto.params.r / pareto.params.alpha)).toBeLessThan(1e-8);
    expect(rel(expectedPurchases(mbgnbd, 1e-10) / 1e-10, (mbgnbd.params.r / mbgnbd.params.alpha) * (mbgnbd.params.b / (mbgnbd.params.a + mbgnbd.params.b)))).toBeLessThan(1e-8);
  });

  it("accept a customer who has just arrived (T = 0)", () => {
    for (const m of continuous) expect(conditionalExpectedPurchases(m, { frequency: 0, recency: 0, T: 0 }, 10)).toBeCloseTo(expectedPurchases(m, 10), 12);
  });

  it("keep BG/NBD's E[X(t)] accurate at very long horizons (30-digit quadrature of E_p[(1 − (α/(α+pt))^r)/p])", () => {
    expect(rel(expectedPurchases(bgnbd, 1e4), 15.067913315055178)).toBeLessThan(1e-11);
    expect(rel(expectedPurchases(bgnbd, 1e5), 29.607861654554955)).toBeLessThan(1e-10);
    expect(rel(expectedPurchases(bgnbd, 1e6), 53.540478253014578)).toBeLessThan(1e-7);
  });

  it("stay finite over very long horizons", () => {
    for (const m of continuous) {
      const v = expectedPurchases(m, 5000);
      expect(Number.isFinite(v) && v > expectedPurchases(m, 500)).toBe(true);
    }
  });
});

describe("prediction input errors", () => {
  it("reject unknown models and bad parameters with paths", () => {
    let e = thrown(() => expectedPurchases({ model: "nope" } as unknown as TransactionModel, 1));
    expect([e.code, e.path]).toEqual(["INVALID_MODEL", "model.model"]);
    e = thrown(() => expectedPurchases({ model: "bg-nbd", params: { r: 1, alpha: Number.NaN, a: 1, b: 1 } }, 1));
    expect([e.code, e.path]).toEqual(["INVALID_PARAMETER", "model.params.alpha"]);
    e = thrown(() => probabilityAlive(pareto, { frequency: 1, recency: 5, T: 4 }));
    expect([e.code, e.path]).toEqual(["INCONSISTENT_COUNTS", "customer.recency"]);
    e = thrown(() => conditionalExpectedPurchases(bgnbd, { frequency: 1, recency: 1, T: 4 }, -1));
    expect([e.code, e.path]).toEqual(["NEGATIVE_VALUE", "t"]);
    e = thrown(() => probabilityOfPurchases(bgnbd, 1.5, 4));
    expect([e.code, e.path]).toEqual(["NOT_INTEGER", "n"]);
    expect(thrown(() => probabilityAlive(bgnbd, null as never)).message).toMatch(/^probabilityAlive: /);
  });
});
