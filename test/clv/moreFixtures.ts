// Fixture loaders (donations, CDNOW spend, lifetimes reference) and a thrown-error helper for the BG/BB, Gamma-Gamma and sBG tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RetentionKitError } from "../../src/index.js";

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** The 22 (x, t_x, n = 6, donors) patterns of the 1995 donor cohort. */
export function donations(): { frequency: number; recency: number; n: number; weight: number }[] {
  const lines = readFileSync(here("../fixtures/donations/donations.csv"), "utf8").trim().split("\n").slice(1);
  return lines.map((l) => {
    const [frequency, recency, n, weight] = l.split(",").map(Number) as [number, number, number, number];
    return { frequency, recency, n, weight };
  });
}

/** CDNOW sample calibration summary with spend: one row per customer. */
export function cdnowSpend(): { frequency: number; monetaryValue: number }[] {
  const lines = readFileSync(here("../fixtures/cdnow/cdnow_customers_summary_with_transactions.csv"), "utf8").trim().split("\n").slice(1);
  return lines.map((l) => {
    const c = l.split(",").map(Number);
    return { frequency: c[1]!, monetaryValue: c[4]! };
  });
}

/** lifetimes 0.11.3 reference values for CDNOW. */
export function lifetimesReference(): { cdnow_summary: { gamma_gamma: Record<string, unknown> } } {
  return JSON.parse(readFileSync(here("../fixtures/cdnow/reference-lifetimes.json"), "utf8"));
}

/** The RetentionKitError thrown by `fn` (fails the test when none is thrown). */
export function thrown(fn: () => unknown): RetentionKitError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RetentionKitError) return e;
    throw e;
  }
  throw new Error("expected a RetentionKitError, but nothing was thrown");
}
