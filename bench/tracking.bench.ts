// Tracking: a cohort's expected cumulative repeat transactions over 78 weeks for a million customers
// (births on a daily grid over the first 12 weeks, as a quarter's acquisitions), and DERT per customer.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { discountedExpectedTransactions, expectedCumulativeTransactions, trackingTable } from "../src/index.js";
import { bench } from "./lib.js";

const bg = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, unit: "week" } as const;
const pn = { model: "pareto-nbd", params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.66 }, unit: "week" } as const;
const births = Array.from({ length: 1_000_000 }, (_, i) => ((i * 7919) % 84) / 7);
const weeks = Array.from({ length: 78 }, (_, k) => k + 1);
bench("expectedCumulativeTransactions: BG/NBD, 1 M customers × 78 weeks", () => expectedCumulativeTransactions(bg, births, weeks), 3);
bench("expectedCumulativeTransactions: Pareto/NBD, 1 M customers × 78 weeks", () => expectedCumulativeTransactions(pn, births, weeks), 3);

const raw = readFileSync(fileURLToPath(new URL("../test/fixtures/cdnow/CDNOW_master.txt", import.meta.url)), "utf8").trim().split("\n").slice(1);
const master = raw.map((l) => {
  const f = l.trim().split(/\s+/);
  const d = f[1]!;
  return { customerId: Number(f[0]), at: Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))) };
});
bench("trackingTable: CDNOW master (69 659 rows, 23 570 customers), weekly", () => trackingTable(master, bg, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" }), 3);
bench("trackingTable: CDNOW master, daily (546 days)", () => trackingTable(master, bg, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", period: "day" }), 3);

const customers = Array.from({ length: 1000 }, (_, i) => ({ frequency: i % 20, recency: i % 20 === 0 ? 0 : 30 - (i % 7), T: 38.86 }));
bench("discountedExpectedTransactions: BG/NBD, 1000 customers, δ = 0.0027", () => customers.map((c) => discountedExpectedTransactions(bg, c, { continuousDiscountRate: 0.0027 })), 3);
bench("discountedExpectedTransactions: Pareto/NBD, 1000 customers, δ = 0.0027", () => customers.map((c) => discountedExpectedTransactions(pn, c, { continuousDiscountRate: 0.0027 })), 3);
