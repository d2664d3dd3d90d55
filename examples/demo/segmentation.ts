import {
  abcClassify,
  countRfmSegments,
  lifecycleInputs,
  lifecycleStage,
  quantileTiers,
  rfmFromTransactions,
  rfmSegment,
  tierTransitions,
} from "../../src/index.js";
import type { DemoContext } from "./context.js";

// The segmentation section of the demo: RFM segments at the end of the calibration period, value tiers
// and who moved between them by the end of the data, lifecycle stages.
export function run(ctx: DemoContext): void {
  const { print } = ctx;
  const pct = (x: number | null): string => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);

  const rfm = rfmFromTransactions(ctx.transactions, { asOf: ctx.calibrationEnd });
  print(`## RFM segments at ${ctx.calibrationEnd} (quintile scores, pandas qcut rules; ${rfm.length} customers)`);
  const bySegment = new Map<string, typeof rfm>();
  for (const row of rfm) {
    const s = rfmSegment(row);
    bySegment.set(s, [...(bySegment.get(s) ?? []), row]);
  }
  const mean = (xs: number[]): string => (xs.length === 0 ? "–" : (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1));
  print(`| ${"segment".padEnd(18)} | customers | share  | mean recency (d) | mean purchase days | mean spend ($) |`);
  print(`|${"-".repeat(20)}|-----------|--------|------------------|--------------------|----------------|`);
  for (const c of countRfmSegments(rfm)) {
    const rows = bySegment.get(c.segment) ?? [];
    print(
      `| ${c.segment.padEnd(18)} | ${String(c.customers).padStart(9)} | ${pct(c.share).padStart(6)} | ${mean(rows.map((r) => r.recency)).padStart(16)} | ${mean(rows.map((r) => r.frequency)).padStart(18)} | ${mean(rows.map((r) => r.monetary)).padStart(14)} |`,
    );
  }
  const oneTimers = rfm.filter((r) => r.frequency === 1).length;
  print(`(${pct(oneTimers / rfm.length)} bought on one day only: pandas' qcut raises "Bin edges must be unique" on F here; they all score F = ${rfm.find((r) => r.frequency === 1)?.f ?? "–"}.`);
  print("CDNOW is one cohort, first purchases in Q1 1997, so nobody is a New Customer by September.)");
  print();

  const total = (from: number, to: number) => {
    const byCustomer = new Map<number, number>();
    for (const t of ctx.transactions) byCustomer.set(t.customerId, (byCustomer.get(t.customerId) ?? 0) + (t.at > from && t.at <= to ? t.amount : 0));
    return [...byCustomer].map(([customerId, value]) => ({ customerId, value }));
  };
  const start = Date.parse("1996-12-31");
  const mid = Date.parse(ctx.calibrationEnd);
  const end = Date.parse(ctx.observationEnd);
  const abc = abcClassify(total(start, end));
  const whole = abc.classes.reduce((a, x) => a + x.value, 0);
  print(`## ABC (Pareto) classes on spend to ${ctx.observationEnd} ($${whole.toFixed(0)} in all)`);
  for (const c of abc.classes) print(`${c.class}: ${String(c.customers).padStart(4)} customers (${pct(c.customerShare)}) make ${pct(c.share)} of spend`);
  print();

  const tier = (from: number, to: number) => quantileTiers(total(from, to)).map((t) => ({ customerId: t.customerId, tier: t.tier }));
  const moves = tierTransitions(tier(start, mid), tier(mid, end));
  print(`## Value tiers (thirds of spend per 39 weeks): first half → second half`);
  print(`| before \\ after | ${moves.tiers.map((t) => String(t).padStart(5)).join(" | ")} |`);
  moves.tiers.forEach((t, i) => print(`| ${String(t).padEnd(14)} | ${moves.matrix[i]!.map((n) => String(n).padStart(5)).join(" | ")} |`));
  print(`upgrades ${moves.upgrades.length}, downgrades ${moves.downgrades.length}, unchanged ${moves.unchanged} (no spend in the second half is one tie: "low")`);
  print();

  const stages = lifecycleStage(lifecycleInputs(ctx.transactions, { asOf: ctx.observationEnd }), { asOf: ctx.observationEnd });
  const stageCounts = new Map<string, number>();
  for (const s of stages) stageCounts.set(s.stage, (stageCounts.get(s.stage) ?? 0) + 1);
  print(`## Lifecycle stages at ${ctx.observationEnd} (90-day windows)`);
  print(["new", "growing", "mature", "at-risk", "churned"].map((s) => `${s} ${stageCounts.get(s) ?? 0}`).join(", "));
  print();
}
