// Regressions for the cost of long CLV horizons: the discounted sum took one prediction per period and
// customer, so 100 customers over 10 000 BG/NBD periods took 30 s (the engine on CDNOW over a minute). Past
// 200 periods the sum is now taken in work independent of the horizon (see horizonSum in transactionKernels).
import { describe, expect, it } from "vitest";
import { customerLifetimeValue } from "../../src/index.js";
import { conditionalExpectedKernel } from "../../src/clv/transactionKernels.js";
import { cdnowSummary } from "./cdnowFixtures.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

const MODELS = [
  { model: "bg-nbd", params: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 } },
  { model: "mbg-nbd", params: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 } },
  { model: "pareto-nbd", params: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 } },
  { model: "bg-bb", params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } },
] as const;

/** The former period-by-period sum: [Σ max(0, e_k − max e_{<k})/(1+d)^k, max e]. */
function periodByPeriod(model: (typeof MODELS)[number], c: { frequency: number; recency: number; T?: number; n?: number }, H: number, L: number, d: number): [number, number] {
  let prev = 0;
  let disc = 0;
  let f = 1;
  for (let k = 1; k <= H; k++) {
    f /= 1 + d;
    const e = Math.max(0, conditionalExpectedKernel(model as never, c.frequency, c.recency, c.T ?? c.n!, k * L));
    disc += Math.max(0, e - prev) * f;
    prev = Math.max(prev, e);
  }
  return [disc, prev];
}

describe("customerLifetimeValue over long horizons", () => {
  it("equals the period-by-period sum to 1e-12 for every model, discount rate and horizon past 200 periods", () => {
    for (const model of MODELS) {
      const bb = model.model === "bg-bb";
      const rows = bb
        ? [{ frequency: 2, recency: 3, n: 6, monetaryValue: 1 }, { frequency: 0, recency: 0, n: 6, monetaryValue: 1 }]
        : [{ frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 1 }, { frequency: 0, recency: 0, T: 38.86, monetaryValue: 1 }];
      const L = bb ? 1 : 4.345;
      for (const d of [0, 1e-4, 0.01, 0.1]) {
        for (const H of [201, 1500]) {
          const got = customerLifetimeValue(model as never, 1, rows as never, (bb ? { horizon: H, discountRate: d } : { horizon: H, discountRate: d, unit: "week" }) as never);
          got.forEach((c, i) => {
            const [disc, e] = periodByPeriod(model, rows[i]!, H, L, d);
            expect(rel(c.clv!, disc), `${model.model} d=${d} H=${H}`).toBeLessThan(1e-12);
            expect(rel(c.expectedPurchases, e)).toBeLessThan(1e-13);
          });
        }
      }
    }
  });

  it("still sums horizons of up to 200 periods one by one, bit for bit", () => {
    const model = MODELS[0];
    const row = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 1 };
    const [c] = customerLifetimeValue(model, 1, [row], { horizon: 200, discountRate: 0.01, unit: "week" });
    expect(c!.clv).toBe(periodByPeriod(model, row, 200, 4.345, 0.01)[0]);
  });

  it("values 100 CDNOW customers over 10 000 periods in well under the former 30 s", () => {
    const rows = cdnowSummary().slice(0, 100).map((c) => ({ ...c, monetaryValue: 20 }));
    const t0 = performance.now();
    const out = customerLifetimeValue(MODELS[0], 10, rows, { horizon: 10_000, unit: "week", discountRate: 0.01 });
    const ms = performance.now() - t0;
    for (const c of out) expect(Number.isFinite(c.clv)).toBe(true);
    expect(ms).toBeLessThan(5000); // 0.4 s measured on a loaded 2-core machine; 30 s before
  });
});
