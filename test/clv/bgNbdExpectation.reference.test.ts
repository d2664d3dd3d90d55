import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, customerLifetimeValue, expectedPurchases, probabilityOfPurchases } from "../../src/index.js";

// Values from scripts/reference/bgnbd_mpmath.py: mpmath's hyp2f1 at 50 and 80 digits (agreeing to 1e-30),
// over a seeded log-uniform grid of (r, α, a, b, t) in 1e-3..1e3 and histories (x, t_x, T).
interface Reference {
  unconditional: [number, number, number, number, number, number, number][];
  conditional: [number, number, number, number, number, number, number, number, number, number][];
}
const ref = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/bgnbd-expectations/reference.json", import.meta.url)), "utf8"),
) as Reference;

/**
 * Relative error, measured against at least 1e-290: a P(alive) of 1e-317 makes the expectation subnormal
 * (or 0), where a double has only a few significant digits left.
 */
const rel = (got: number, want: number): number => Math.abs(got - want) / Math.max(Math.abs(want), 1e-290);
const models = (r: number, alpha: number, a: number, b: number) =>
  [
    { model: "bg-nbd", params: { r, alpha, a, b } },
    { model: "mbg-nbd", params: { r, alpha, a, b } },
  ] as const;

describe("BG/NBD and MBG/NBD expectations against 50-digit mpmath values", () => {
  it("give E[X(t)] to within 1e-12 relative over 2,400 parameter sets spanning 1e-3..1e3", () => {
    expect(ref.unconditional.length).toBe(2400);
    let worst = 0;
    for (const [r, alpha, a, b, t, bg, mbg] of ref.unconditional) {
      const [bgModel, mbgModel] = models(r, alpha, a, b);
      worst = Math.max(worst, rel(expectedPurchases(bgModel, t), bg), rel(expectedPurchases(mbgModel, t), mbg));
    }
    // Measured: 4.9e-13 (the Euler series with a ≈ 0.005, condition number ~100).
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it("give E[Y(t) | x, t_x, T] to within 1e-12 relative over 1,600 histories", () => {
    expect(ref.conditional.length).toBe(1600);
    let worst = 0;
    for (const [r, alpha, a, b, x, tx, T, t, bg, mbg] of ref.conditional) {
      const [bgModel, mbgModel] = models(r, alpha, a, b);
      const c = { frequency: x, recency: tx, T };
      worst = Math.max(worst, rel(conditionalExpectedPurchases(bgModel, c, t), bg), rel(conditionalExpectedPurchases(mbgModel, c, t), mbg));
    }
    // Measured: 6.7e-13 (P(alive) ~1e-43 at x = 847: the exponent (r+x)·ln((α+T)/(α+t_x)) carries the rounding of the two logarithms).
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it("give the undiscounted CLV of a unit spend as the same expectation, for large r too", () => {
    const rows = ref.conditional.filter((row) => row[0] > 30).slice(0, 60);
    expect(rows.length).toBe(60);
    let worst = 0;
    for (const [r, alpha, a, b, x, tx, T, t, bg, mbg] of rows) {
      const [bgModel, mbgModel] = models(r, alpha, a, b);
      const c = [{ frequency: x, recency: tx, T }];
      const options = { horizon: 4, periodLength: t / 4, discountRate: 0 };
      const [bgClv] = customerLifetimeValue(bgModel, 1, c, options);
      const [mbgClv] = customerLifetimeValue(mbgModel, 1, c, options);
      worst = Math.max(worst, rel(bgClv!.clv!, bg), rel(bgClv!.expectedPurchases, bg), rel(mbgClv!.clv!, mbg), rel(mbgClv!.expectedPurchases, mbg));
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
  });
});

describe("large r (the Euler series' terms alternate and cancel when a + b − 1 − r ≪ 0)", () => {
  it("gives E[X(10)] = 3.98790… for r 100, α 1, a 2, b 3 — not 0 — equal to Σ n·P(X(10) = n)", () => {
    const m = { model: "bg-nbd", params: { r: 100, alpha: 1, a: 2, b: 3 } } as const;
    const e = expectedPurchases(m, 10);
    // mpmath: 3.98790349954414763… (the fixture's first row).
    expect(rel(e, 3.9879034995441476)).toBeLessThanOrEqual(1e-13);
    expect(ref.unconditional[0]!.slice(0, 5)).toEqual([100, 1, 2, 3, 10]);
    let sum = 0;
    for (let n = 1; n <= 2000; n++) sum += n * probabilityOfPurchases(m, n, 10);
    expect(rel(e, sum)).toBeLessThanOrEqual(1e-9);
  });

  it("keeps E[X(52)] for r 100, α 10, a 0.8, b 2.4 below r·t/α = 520 and equal to mpmath's 23.0725…", () => {
    const [bgModel, mbgModel] = models(100, 10, 0.8, 2.4);
    const e = expectedPurchases(bgModel, 52);
    expect(e).toBeLessThanOrEqual(520);
    expect(rel(e, 23.07250888880714)).toBeLessThanOrEqual(1e-13);
    expect(rel(expectedPurchases(mbgModel, 52), 22.085683280746792)).toBeLessThanOrEqual(1e-13);
  });

  it("gives a finite conditional expectation below (r+x)·t/(α+T) for r 1e9 and a, b tiny", () => {
    // a + (n−1) and a + b taken from the parameters: (a + n) − 1 kept only 8 digits of a ≈ 7e-9 (mpmath:
    // 0.29652276849383284514).
    const m = { model: "bg-nbd", params: { r: 1766983268.1994686, alpha: 272758104.8010403, a: 7.216077065975158e-9, b: 7.287557061593912e-12 } } as const;
    const e = conditionalExpectedPurchases(m, { frequency: 0, recency: 0, T: 0.0002319755836077336 }, 0.05428055678267372);
    expect(rel(e, 0.29652276849383284514)).toBeLessThanOrEqual(1e-13);
  });
});
