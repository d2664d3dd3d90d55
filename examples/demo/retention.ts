import {
  cohortRetention,
  kaplanMeier,
  repeatPurchaseRate,
  retentionBetween,
  revenueRetention,
  survivalAt,
  survivalData,
  timeToNthPurchase,
} from "../../src/index.js";
import type { DemoContext } from "./context.js";

const pct = (x: number | null): string => (x === null ? "   –" : `${(100 * x).toFixed(0)}%`.padStart(4));
const p = (x: number | null): string => pct(x).trim();
const date = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

// The retention section of the demo: a weekly cohort table and time-to-second-purchase survival for CDNOW.
export function run(ctx: DemoContext): void {
  const { print, transactions } = ctx;
  const end = "1998-07-01"; // the data runs through 1998-06-30; its last day is fully observed

  print("## Weekly cohorts (ISO weeks of the first purchase; % buying again in week k, classic)");
  const table = cohortRetention(transactions, { cohort: "week", interval: "week", mode: "classic", observationEnd: end });
  const K = 8;
  print(`cohort       size ${Array.from({ length: K }, (_, k) => `  w${k}`).join(" ")}`);
  for (const c of table.cohorts.slice(0, 8)) print(`${date(c.start)} ${String(c.size).padStart(5)} ${c.rates.slice(0, K).map(pct).join(" ")}`);
  const u = cohortRetention(transactions, { cohort: "week", mode: "unbounded", observationEnd: end });
  print(`all ${table.overall.size} customers: week 1 ${p(table.overall.rates[1] ?? null)}, week 4 ${p(table.overall.rates[4] ?? null)}; buying in week 26 or later (unbounded) ${p(u.overall.rates[26] ?? null)}`);
  const months = cohortRetention(transactions, { cohort: "month", mode: "bracket", brackets: [[1, 3], [4, 6], [7, 12]], observationEnd: end });
  print(`monthly cohorts, bought again in months 1–3 / 4–6 / 7–12: ${months.overall.rates.map(p).join(" / ")}; revenue per customer in those brackets $${months.overall.valuePerEligible.map((v) => (v ?? 0).toFixed(2)).join(" / $")}`);
  print(`repeat purchase rate (39-week calibration, 1997-01-01 .. 1997-09-30): ${p(repeatPurchaseRate(transactions, { to: ctx.calibrationEnd }))}`);
  // Period-over-period views: buyers of one half-year against the next, by customer and by spend.
  const half = (from: string, to: string) => transactions.filter((t) => t.at >= Date.parse(from) && t.at < Date.parse(to));
  const h1 = half("1997-01-01", "1997-07-01");
  const h2 = half("1997-07-01", "1998-01-01");
  const kept = retentionBetween(h1.map((t) => t.customerId), h2.map((t) => t.customerId));
  const spend = (rows: typeof transactions) => {
    const m = new Map<number, number>();
    for (const t of rows) m.set(t.customerId, (m.get(t.customerId) ?? 0) + t.amount);
    return [...m].map(([customerId, revenue]) => ({ customerId, revenue }));
  };
  const rev = revenueRetention(spend(h1), spend(h2));
  print(`H1 1997 buyers who bought again in H2: ${kept.retained} of ${kept.startCount} (${p(kept.retentionRate)}); spend retention H1 → H2: NRR ${p(rev.nrr)}, GRR ${p(rev.grr)} (churned $${rev.churned.toFixed(0)}, expansion $${rev.expansion.toFixed(0)})`);
  print();

  // Time to second purchase: from the first purchase day to the next distinct purchase day, censored at the
  // end of the data for customers who never came back (a Kaplan–Meier estimate, weeks).
  print("## Time to second purchase (Kaplan–Meier, weeks; one-time buyers censored at 1998-06-30)");
  const km = kaplanMeier(survivalData(timeToNthPurchase(transactions), { asOf: end, unit: "week" }));
  const at = (w: number): string => {
    const s = survivalAt(km, w);
    return s === null ? "–" : `${(100 * (1 - s)).toFixed(1)}%`;
  };
  print(`${km.n} customers, ${km.totalEvents} came back; share back within 1 / 4 / 13 / 26 / 52 weeks: ${[1, 4, 13, 26, 52].map(at).join(" / ")}`);
  const fmt = (x: number | null): string => (x === null ? "not reached" : `${x.toFixed(1)} wk`);
  print(`median time to second purchase: ${fmt(km.median)} (95% CI ${fmt(km.medianLower)} to ${fmt(km.medianUpper)})`);
  print();
}
