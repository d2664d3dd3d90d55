import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conditionalExpectedPurchases, conditionalProbabilityOfPurchases, discountedExpectedTransactions, expectedCumulativeTransactions,
  expectedPurchases, probabilityAlive, type TransactionModel,
} from "../../src/index.js";

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const bgParams = fc.record({ r: positive(0.05, 10), alpha: positive(0.1, 100), a: positive(0.05, 10), b: positive(0.05, 10) });
const paretoParams = fc.record({ r: positive(0.05, 10), alpha: positive(0.1, 100), s: positive(0.05, 10), beta: positive(0.1, 100) });
const bgbbParams = fc.record({ alpha: positive(0.05, 10), beta: positive(0.05, 10), gamma: positive(0.05, 10), delta: positive(0.05, 10) });
const continuous: fc.Arbitrary<Exclude<TransactionModel, { model: "bg-bb" }>> = fc.oneof(
  bgParams.map((params) => ({ model: "bg-nbd", params }) as const),
  bgParams.map((params) => ({ model: "mbg-nbd", params }) as const),
  paretoParams.map((params) => ({ model: "pareto-nbd", params }) as const),
);
const customer = fc
  .tuple(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), positive(0, 100))
  .map(([frequency, u, T]) => ({ frequency, recency: frequency === 0 ? 0 : u * T, T }));
const bgbbCustomer = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.integer({ min: 0, max: n }).chain((x) => fc.integer({ min: x === 0 ? 0 : x, max: x === 0 ? 0 : n }).map((recency) => ({ frequency: x, recency, n }))),
);

describe("expectedCumulativeTransactions (properties)", () => {
  it("is non-decreasing in t and 0 at and before the first birth", () => {
    fc.assert(fc.property(continuous, fc.array(positive(0, 50), { minLength: 1, maxLength: 20 }), fc.array(positive(0, 150), { maxLength: 15 }), (m, births, times) => {
      const e = expectedCumulativeTransactions(m, births, times);
      const first = Math.min(...births);
      const order = times.map((t, j) => [t, e[j]!] as const).sort((p, q) => p[0] - q[0]);
      for (let j = 1; j < order.length; j++) if (!(order[j]![1] >= order[j - 1]![1])) return false;
      return times.every((t, j) => (t <= first ? e[j] === 0 : e[j]! >= 0 && Number.isFinite(e[j])));
    }), { numRuns: 200 });
  });

  it("is the sum of the customers' E[X(t − birth)], whatever the order of the births", () => {
    fc.assert(fc.property(continuous, fc.array(positive(0, 50), { minLength: 1, maxLength: 12 }), positive(0, 150), (m, births, t) => {
      const [e] = expectedCumulativeTransactions(m, births, [t]);
      const [rev] = expectedCumulativeTransactions(m, [...births].reverse(), [t]);
      const direct = births.reduce((s, b) => s + (b < t ? expectedPurchases(m, t - b) : 0), 0);
      return e === rev && Math.abs(e! - direct) <= 1e-12 * direct + 1e-300;
    }), { numRuns: 200 });
  });
});

describe("discountedExpectedTransactions (properties)", () => {
  it("is ≥ 0 and decreasing in the continuous rate, and at a high rate about P(alive)·E[λ | data]/δ", () => {
    fc.assert(fc.property(continuous, customer, fc.double({ min: -4, max: 1, noNaN: true }), (m, c, e) => {
      const delta = 10 ** e;
      const lo = discountedExpectedTransactions(m, c, { continuousDiscountRate: delta });
      const hi = discountedExpectedTransactions(m, c, { continuousDiscountRate: 2 * delta });
      return lo >= 0 && Number.isFinite(lo) && hi <= lo;
    }), { numRuns: 150 });
  });

  it("tends to the undiscounted expectation as δ → 0 when that is finite (BG/NBD with a > 1: E[Y(∞)])", () => {
    const m = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 2.5, b: 2.426 } } as const;
    const c = { frequency: 2, recency: 30.43, T: 38.86 };
    const limit = conditionalExpectedPurchases(m, c, 1e15);
    const near = discountedExpectedTransactions(m, c, { continuousDiscountRate: 1e-12 });
    expect(Math.abs(near - limit) / limit).toBeLessThan(1e-6);
    expect(near).toBeLessThan(limit);
  });

  it("is δ·∫e^{−δt}E[Y(t)]dt, so at a large rate it is the current purchase rate over the rate", () => {
    // Pareto/NBD: dE[Y]/dt at 0 is P(alive)·(r+x)/(α+T); DERT·δ tends to it as δ grows.
    const m = { model: "pareto-nbd", params: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 } } as const;
    const c = { frequency: 4, recency: 30, T: 38 };
    const rate = probabilityAlive(m, c) * (0.55 + 4) / (10.58 + 38);
    const v = discountedExpectedTransactions(m, c, { continuousDiscountRate: 1e4 });
    expect(Math.abs(v * 1e4 - rate) / rate).toBeLessThan(1e-4);
  });

  it("is ≥ 0, decreasing in the BG/BB discount rate and below the no-dropout bound (α+x)/(α+β+n)/d", () => {
    fc.assert(fc.property(bgbbParams, bgbbCustomer, positive(1e-3, 1), (params, c, d) => {
      const m = { model: "bg-bb", params } as const;
      const lo = discountedExpectedTransactions(m, c, { discountRate: d / 2 });
      const hi = discountedExpectedTransactions(m, c, { discountRate: d });
      return hi >= 0 && hi <= lo && lo <= ((params.alpha + c.frequency) / (params.alpha + params.beta + c.n)) / (d / 2) * (1 + 1e-12);
    }), { numRuns: 150 });
  });
});

describe("conditionalProbabilityOfPurchases (properties)", () => {
  it("sums to 1 over n and has mean conditionalExpectedPurchases, for every model", () => {
    // α ≥ 1 and t ≤ 40 keep the count's geometric tail (ratio ≤ t/(α+T+t)) within a few thousand terms.
    const shortTail: fc.Arbitrary<TransactionModel> = fc.oneof(
      bgParams.map((params) => ({ model: "bg-nbd", params: { ...params, alpha: params.alpha + 1 } }) as const),
      bgParams.map((params) => ({ model: "mbg-nbd", params: { ...params, alpha: params.alpha + 1 } }) as const),
      paretoParams.map((params) => ({ model: "pareto-nbd", params: { ...params, alpha: params.alpha + 1 } }) as const),
    );
    const cases = fc.oneof(
      fc.tuple(shortTail, customer, positive(0, 40)) as fc.Arbitrary<[TransactionModel, object, number]>,
      fc.tuple(bgbbParams.map((params) => ({ model: "bg-bb", params }) as const), bgbbCustomer, fc.integer({ min: 0, max: 30 })) as fc.Arbitrary<[TransactionModel, object, number]>,
    );
    fc.assert(fc.property(cases, ([m, c, t]) => {
      const mean = conditionalExpectedPurchases(m, c as never, t);
      let total = 0;
      let first = 0;
      let n = 0;
      // Past the mean, terms fall geometrically; stop once the rest cannot matter.
      for (; n < 20_000; n++) {
        const p = conditionalProbabilityOfPurchases(m, c as never, n, t);
        total += p;
        first += n * p;
        if (n > 10 + 20 * mean && p < 1e-17) break;
      }
      return Math.abs(total - 1) < 1e-9 && Math.abs(first - mean) <= 1e-7 * Math.max(1, mean);
    }), { numRuns: 80 });
  });
});
