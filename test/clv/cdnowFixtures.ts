// CDNOW fixtures for the BG/NBD, MBG/NBD, Pareto/NBD, CLV and diagnostic tests: the calibration summary,
// the raw sample transactions and lifetimes' reference values.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { conditionalExpectedPurchases, expectedPurchases, probabilityAlive, type TransactionModel } from "../../src/index.js";

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** The 2,357-customer calibration summary (weeks), as `{ frequency, recency, T }` rows in file order. */
export function cdnowSummary(): { frequency: number; recency: number; T: number }[] {
  return readFileSync(here("../fixtures/cdnow/cdnow_customers_summary.csv"), "utf8").trim().split("\n").slice(1).map((l) => {
    const c = l.split(",").map(Number);
    return { frequency: c[1]!, recency: c[2]!, T: c[3]! };
  });
}

/** The raw CDNOW sample: one transaction per line (sample id, UTC day, dollars). */
export function cdnowTransactions(): { customerId: number; at: number; amount: number }[] {
  return readFileSync(here("../fixtures/cdnow/CDNOW_sample.txt"), "utf8").trim().split("\n").map((l) => {
    const f = l.trim().split(/\s+/);
    const d = f[2]!;
    return { customerId: Number(f[1]), at: Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))), amount: Number(f[4]) };
  });
}

/** lifetimes 0.11.3 reference values (see the fixture's README); loosely typed, read by key. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export function reference(): Json {
  return JSON.parse(readFileSync(here("../fixtures/cdnow/reference-lifetimes.json"), "utf8"));
}

/** |a − b| / |b| (absolute difference when b = 0). */
export function rel(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

/**
 * Checks a model's predictions for CDNOW customers 1-10 against one of the reference file's prediction blocks
 * (conditional expectations over 39 and 52 weeks, P(alive), and the E[X(t)] curve) to `tol` relative.
 */
export function expectReferencePredictions(model: TransactionModel, pred: Json, inputs: Json, tol: number): void {
  for (let i = 0; i < 10; i++) {
    const c = { frequency: inputs.frequency[i], recency: inputs.recency[i], T: inputs.T[i] };
    expect(rel(conditionalExpectedPurchases(model, c, 39), pred.conditional_expected_number_of_purchases_up_to_time_t39[i])).toBeLessThan(tol);
    expect(rel(conditionalExpectedPurchases(model, c, 52), pred.conditional_expected_number_of_purchases_up_to_time_t52[i])).toBeLessThan(tol);
    expect(rel(probabilityAlive(model, c), pred.conditional_probability_alive[i])).toBeLessThan(tol);
  }
  const curve = pred.expected_number_of_purchases_up_to_time_curve;
  curve.t.forEach((t: number, j: number) => expect(rel(expectedPurchases(model, t), curve.value[j])).toBeLessThan(tol));
}
