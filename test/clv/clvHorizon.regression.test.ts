// Regressions for the cost of long CLV horizons: the discounted sum took one prediction per period and
// customer, so 100 customers over 10 000 BG/NBD periods took 30 s (the engine on CDNOW over a minute). Past
// 200 periods the sum is now taken in work independent of the horizon, tabulated per frequency (horizonSums.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerLifetimeValue } from "../../src/index.js";
import { conditionalExpectedKernel } from "../../src/clv/transactionKernels.js";
import { cdnowSummary } from "./cdnowFixtures.js";
import { rng } from "../../bench/lib.js";

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

  it("values 100 CDNOW customers over 10 000 periods (the work no longer grows with the horizon: bench/targets)", () => {
    const rows = cdnowSummary().slice(0, 100).map((c) => ({ ...c, monetaryValue: 20 }));
    const out = customerLifetimeValue(MODELS[0], 10, rows, { horizon: 10_000, unit: "week", discountRate: 0.01 });
    // Past ρ^k ≤ 1e-17 (k ≈ 3,940 at 1 %) the periods add nothing: the 10,000-period value is the 4,000-period one.
    const short = customerLifetimeValue(MODELS[0], 10, rows.slice(0, 5), { horizon: 4000, unit: "week", discountRate: 0.01 });
    short.forEach((c, i) => expect(rel(out[i]!.clv!, c.clv!)).toBeLessThan(1e-14));
    for (const c of out) expect(c.clv! > 0 && Number.isFinite(c.clv)).toBe(true);
  });

  it("gives a customer the same value alone as in any batch (the tabulation is fixed by the model)", () => {
    const arb = fc.record({
      kind: fc.constantFrom(0, 1, 2),
      rows: fc.array(fc.record({ x: fc.integer({ min: 0, max: 40 }), share: fc.double({ min: 0, max: 1, noNaN: true }), T: fc.double({ min: 0, max: 300, noNaN: true }) }), { minLength: 2, maxLength: 8 }),
      H: fc.integer({ min: 201, max: 2000 }),
    });
    fc.assert(
      fc.property(arb, ({ kind, rows, H }) => {
        const model = MODELS[kind]!;
        const cs = rows.map((r) => ({ frequency: r.T === 0 ? 0 : r.x, recency: r.T === 0 || r.x === 0 ? 0 : r.share * r.T, T: r.T }));
        const all = customerLifetimeValue(model as never, 1, cs, { horizon: H, unit: "week" });
        cs.forEach((c, i) => {
          const [one] = customerLifetimeValue(model as never, 1, [c], { horizon: H, unit: "week" });
          expect(one).toEqual(all[i]);
        });
      }),
      { numRuns: 40 },
    );
  });

  it("sums a model fitted with covariates customer by customer, as the period-by-period sum of each one's own model", () => {
    for (const kind of ["bg-nbd", "pareto-nbd"] as const) {
      const base = MODELS.find((m) => m.model === kind)!;
      const model = { ...base, covariates: { purchase: { channel: 0.4 }, attrition: { channel: -0.3 } }, unit: "week" } as const;
      const rows = [0, 1].map((channel) => ({ frequency: 2, recency: 30.43, T: 38.86, channel }));
      const got = customerLifetimeValue(model as never, 1, rows, { horizon: 700, discountRate: 0.01 });
      rows.forEach((row, i) => {
        const p = base.params as Record<string, number>;
        const own =
          kind === "pareto-nbd"
            ? { model: kind, params: { r: p.r!, alpha: p.alpha! * Math.exp(-0.4 * row.channel), s: p.s!, beta: p.beta! * Math.exp(0.3 * row.channel) } }
            : { model: kind, params: { r: p.r!, alpha: p.alpha! * Math.exp(-0.4 * row.channel), a: p.a! * Math.exp(-0.3 * row.channel), b: p.b! * Math.exp(-0.3 * row.channel) } };
        const [disc] = periodByPeriod(own as never, row, 700, 4.345, 0.01);
        expect(rel(got[i]!.clv!, disc), `${kind} channel ${row.channel}`).toBeLessThan(1e-12);
      });
    }
  });

  it("agrees with the period-by-period sum for random models and customers (scripts/clvHorizonCheck.ts: 300 more)", () => {
    const r = rng(7);
    const lu = (lo: number, hi: number): number => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r());
    for (let c = 0; c < 12; c++) {
      const kind = (["bg-nbd", "mbg-nbd", "pareto-nbd"] as const)[c % 3]!;
      const model =
        kind === "pareto-nbd"
          ? { model: kind, params: { r: lu(0.05, 5), alpha: lu(0.1, 100), s: lu(0.05, 5), beta: lu(0.1, 100) } }
          : { model: kind, params: { r: lu(0.05, 5), alpha: lu(0.1, 100), a: lu(0.1, 5), b: lu(0.1, 20) } };
      const T = lu(0.01, 500);
      const x = Math.floor(lu(1, 60)) - 1;
      const row = { frequency: x, recency: x === 0 ? 0 : T * r(), T };
      const H = 201 + Math.floor(r() * 400);
      const L = lu(0.5, 30);
      const d = [0, 1e-4, 0.01, 0.1][c % 4]!;
      const [got] = customerLifetimeValue(model as never, 1, [row], { horizon: H, discountRate: d, periodLength: L });
      const [disc, e] = periodByPeriod(model as never, row, H, L, d);
      expect(rel(got!.clv!, disc), JSON.stringify({ model, row, H, L, d })).toBeLessThan(1e-12);
      expect(rel(got!.expectedPurchases, e)).toBeLessThan(1e-12);
    }
  });
});

