// Tracking, DERT and conditional counts against R BTYD 2.4.3 (test/fixtures/btyd/reference.json, written by
// scripts/reference/btyd.R).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  conditionalProbabilityOfPurchases, discountedExpectedTransactions, expectedCumulativeTransactions, trackingTable,
} from "../../src/index.js";
import { cdnowTransactions, rel, type Json } from "./cdnowFixtures.js";

const ref: Json = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/btyd/reference.json", import.meta.url)), "utf8"));
const TOL = 1e-6;
const worst = (a: readonly number[], b: readonly number[]): number => Math.max(...a.map((v, i) => rel(v, b[i]!)));

describe("tracking against R BTYD", () => {
  const T: number[] = ref.T_cal;
  const max = Math.max(...T);
  const births = T.map((t) => max - t);
  const [r, alpha, a, b] = ref.bgnbd_params as number[];
  const bg = { model: "bg-nbd", params: { r: r!, alpha: alpha!, a: a!, b: b! } } as const;
  const [pr, pa, ps, pb] = ref.pnbd_params as number[];
  const pn = { model: "pareto-nbd", params: { r: pr!, alpha: pa!, s: ps!, beta: pb! } } as const;

  it("gives bgnbd.ExpectedCumulativeTransactions on CDNOW weekly: 2505.14 at week 39, 4171.43 at week 78", () => {
    const weeks = Array.from({ length: 78 }, (_, k) => k + 1);
    const e = expectedCumulativeTransactions(bg, births, weeks);
    expect(worst(e, ref.ect_bgnbd_week)).toBeLessThan(TOL);
    expect(e[38]!.toFixed(2)).toBe("2505.14");
    expect(e[77]!.toFixed(2)).toBe("4171.43");
  });

  it("gives bgnbd.ExpectedCumulativeTransactions on CDNOW daily (546 fractional times)", () => {
    const days = Array.from({ length: 546 }, (_, k) => (78 / 546) * (k + 1));
    expect(worst(expectedCumulativeTransactions(bg, births, days), ref.ect_bgnbd_day)).toBeLessThan(TOL);
  });

  it("gives pnbd.ExpectedCumulativeTransactions on CDNOW weekly", () => {
    const weeks = Array.from({ length: 78 }, (_, k) => k + 1);
    expect(worst(expectedCumulativeTransactions(pn, births, weeks), ref.ect_pnbd_week)).toBeLessThan(TOL);
  });

  it("builds the CDNOW tracking table from the raw transactions: BTYD's expected line and its actual repeat transactions", () => {
    const table = trackingTable(cdnowTransactions(), { ...bg, unit: "week" }, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" });
    expect(table).toHaveLength(78);
    expect(worst(table.map((row) => row.cumulativeExpected), ref.ect_bgnbd_week)).toBeLessThan(TOL);
    expect(table.map((row) => row.cumulativeActual)).toEqual(ref.actual_cumulative);
    expect([table[38]!.cumulativeActual, table[77]!.cumulativeActual]).toEqual([2457, 4339]);
    expect(table.filter((row) => row.calibration)).toHaveLength(39);
  });
});

describe("DERT against R BTYD", () => {
  it("gives pnbd.DERT over customers and continuous rates (1.864183 for x = 7, t_x = 35, T = 77.86, δ = 0.0027)", () => {
    let compared = 0;
    for (const c of ref.dert_pnbd) {
      const [r, alpha, s, beta] = c.params as number[];
      const m = { model: "pareto-nbd", params: { r: r!, alpha: alpha!, s: s!, beta: beta! } } as const;
      const v = discountedExpectedTransactions(m, { frequency: c.x, recency: c.t_x, T: c.T }, { continuousDiscountRate: c.delta });
      // R's integrate() of the same DERT everywhere; BTYD's closed form where it keeps its digits
      // (δ(β+T) ≤ 10: beyond, its confluent hypergeometric sum cancels, 4e-4 off at 26).
      expect(rel(v, c.integral), JSON.stringify(c)).toBeLessThan(1e-9);
      if (c.delta * (beta! + c.T) <= 10) {
        expect(rel(v, c.dert), JSON.stringify(c)).toBeLessThan(TOL);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(40);
    const m = { model: "pareto-nbd", params: { r: 0.5629966, alpha: 12.559037, s: 0.4081095, beta: 10.5148048 } } as const;
    expect(discountedExpectedTransactions(m, { frequency: 7, recency: 35, T: 77.86 }, { continuousDiscountRate: 0.0027 }).toFixed(6)).toBe("1.864183");
  });

  it("gives BG/NBD DERT as R's integral of bgnbd.ConditionalExpectedTransactions", () => {
    const [r, alpha, a, b] = ref.bgnbd_params as number[];
    const m = { model: "bg-nbd", params: { r: r!, alpha: alpha!, a: a!, b: b! } } as const;
    for (const c of ref.dert_bgnbd) {
      const v = discountedExpectedTransactions(m, { frequency: c.x, recency: c.t_x, T: c.T }, { continuousDiscountRate: c.delta });
      expect(rel(v, c.dert), JSON.stringify(c)).toBeLessThan(TOL);
    }
  });

  it("gives bgbb.DERT over customers and rates (1.621379 for x = 3, t_x = 4, n = 6, d = 0.1)", () => {
    for (const c of ref.dert_bgbb) {
      const [alpha, beta, gamma, delta] = c.params as number[];
      const m = { model: "bg-bb", params: { alpha: alpha!, beta: beta!, gamma: gamma!, delta: delta! } } as const;
      const v = discountedExpectedTransactions(m, { frequency: c.x, recency: c.t_x, n: c.n }, { discountRate: c.d });
      expect(rel(v, c.dert), JSON.stringify(c)).toBeLessThan(TOL);
    }
  });
});

describe("conditional purchase counts against R BTYD's pmf and P(alive) at the posterior parameters", () => {
  const [r, alpha, a, b] = ref.bgnbd_params as number[];
  const [pr, pa, ps, pb] = ref.pnbd_params as number[];
  const cases = [
    ["pmf_bgnbd", { model: "bg-nbd", params: { r: r!, alpha: alpha!, a: a!, b: b! } }],
    ["pmf_pnbd", { model: "pareto-nbd", params: { r: pr!, alpha: pa!, s: ps!, beta: pb! } }],
    ["pmf_bgbb", { model: "bg-bb", params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } }],
  ] as const;
  for (const [key, model] of cases) {
    it(`agrees for ${model.model}`, () => {
      for (const c of ref[key]) {
        const customer = model.model === "bg-bb" ? { frequency: c.x, recency: c.t_x, n: c.n } : { frequency: c.x, recency: c.t_x, T: c.T };
        (c.pmf as number[]).forEach((p, n) => {
          const v = conditionalProbabilityOfPurchases(model, customer, n, c.t);
          // Tail probabilities below 1e-12 carry the references' own rounding; compare those absolutely.
          expect(p < 1e-12 ? Math.abs(v - p) : rel(v, p), `${JSON.stringify(c)} n = ${n}`).toBeLessThan(p < 1e-12 ? 1e-15 : TOL);
        });
      }
    });
  }
});
