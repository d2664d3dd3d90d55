// CLV fits beyond the Pareto/NBD family: sBG (Fader & Hardie 2007 cohorts), BG/BB (donations, 11,104 donors
// in 22 patterns, and a synthetic 1 M-customer panel), Gamma-Gamma (CDNOW sample: 946 repeat buyers; the full
// CDNOW cohort, 23,570 customers summarised from CDNOW_master.txt; a synthetic 1 M customers).
// lifetimes 0.11.3's GammaGammaFitter on the CDNOW sample: median 140 ms, best 72 ms (reference-lifetimes.json).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fitBgBb, fitGammaGamma, fitShiftedBetaGeometric, summarizeTransactions, type Transaction } from "../src/index.js";
import { bench, rng, gammaVariate } from "./lib.js";

const fixture = (p: string): string => readFileSync(fileURLToPath(new URL(`../test/fixtures/${p}`, import.meta.url)), "utf8");

bench("fitShiftedBetaGeometric: regular cohort (8 counts)", () => fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]), 20);
bench("fitShiftedBetaGeometric: high-end cohort (8 counts)", () => fitShiftedBetaGeometric([1000, 869, 743, 653, 593, 551, 517, 491]), 20);

const donations = fixture("donations/donations.csv").trim().split("\n").slice(1).map((l) => {
  const [frequency, recency, n, weight] = l.split(",").map(Number) as [number, number, number, number];
  return { frequency, recency, n, weight };
});
bench("fitBgBb: donations, 11,104 donors in 22 weighted rows", () => fitBgBb(donations), 10);

// Synthetic BG/BB panel: 1 M customers, one row each, 6 opportunities.
const r1 = rng(7);
const panel = Array.from({ length: 1_000_000 }, () => {
  const p = r1() * 0.8;
  const die = r1() * 0.4;
  let x = 0;
  let tx = 0;
  for (let t = 1; t <= 6; t++) {
    if (r1() < die) break;
    if (r1() < p) {
      x++;
      tx = t;
    }
  }
  return { frequency: x, recency: tx, n: 6 };
});
bench("fitBgBb: 1 M unweighted rows (6 opportunities)", () => fitBgBb(panel), 2);

const cdnow = fixture("cdnow/cdnow_customers_summary_with_transactions.csv").trim().split("\n").slice(1).map((l) => {
  const c = l.split(",").map(Number);
  return { frequency: c[1]!, monetaryValue: c[4]! };
});
bench("fitGammaGamma: CDNOW sample, 946 repeat buyers (lifetimes: 140 ms median)", () => fitGammaGamma(cdnow), 10);

const master: Transaction[] = [];
for (const line of fixture("cdnow/CDNOW_master.txt").split("\n").slice(1)) {
  const f = line.trim().split(/\s+/);
  if (f.length < 4) continue;
  const d = f[1]!;
  master.push({ customerId: Number(f[0]), at: Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))), amount: Number(f[3]) });
}
let summaries = summarizeTransactions(master, { observationEnd: "1997-09-30", period: "day", unit: "week" });
bench(`summarizeTransactions: CDNOW master, ${master.length} rows`, () => {
  summaries = summarizeTransactions(master, { observationEnd: "1997-09-30", period: "day", unit: "week" });
}, 3);
const full = fitGammaGamma(summaries, { zeroSpend: "ignore" });
console.log(
  `  full cohort: ${summaries.length} customers, ${full.customers} fitted, ${full.ignoredCustomers} without repeats, ${full.zeroSpendCustomers} with $0 repeats;`,
  `p ${full.params.p.toFixed(3)}, q ${full.params.q.toFixed(3)}, v ${full.params.v.toFixed(3)}, LL ${full.logLikelihood.toFixed(1)}, converged ${full.converged}, corr ${full.frequencySpendCorrelation?.toFixed(3)}`,
);
bench("fitGammaGamma: full CDNOW cohort (23,570 customers)", () => fitGammaGamma(summaries, { zeroSpend: "ignore" }), 5);

// Synthetic 1 M customers, continuous spend (every row a distinct pattern: the worst case for compression).
const r2 = rng(11);
const gammaDraw = (shape: number): number => gammaVariate(r2, shape);
const big = Array.from({ length: 1_000_000 }, () => {
  const x = 1 + Math.floor(r2() * 10);
  const nu = gammaDraw(3.7) / 15; // ν ~ Gamma(q = 3.7, rate γ = 15)
  let s = 0;
  for (let i = 0; i < x; i++) s += gammaDraw(6) / nu;
  return { frequency: x, monetaryValue: s / x };
});
const bigFit = fitGammaGamma(big);
console.log(`  synthetic truth p 6, q 3.7, v 15 → p ${bigFit.params.p.toFixed(3)}, q ${bigFit.params.q.toFixed(3)}, v ${bigFit.params.v.toFixed(3)}, converged ${bigFit.converged}`);
bench("fitGammaGamma: 1 M customers, all distinct patterns", () => fitGammaGamma(big), 2);
