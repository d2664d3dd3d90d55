// The engagement section of the demo: NPS over an illustrative survey, and churn signals from CDNOW purchases.
import { activityDeclineRule, detectChurnSignals, inactivityRule, nps, npsDifference, type CustomerActivity } from "../../src/index.js";
import type { DemoContext } from "./context.js";

// CDNOW has no survey data: these two survey waves are made up, to show the output.
const SURVEY_Q1 = { promoters: 112, passives: 61, detractors: 47 };
const SURVEY_Q2 = [10, 9, 9, 10, 8, 7, 9, 6, 10, 3, 9, 8, 10, 9, 5, 9, 10, 7, 9, 10, 2, 9, 8, 10, 9, 10, 6, 9, 10, 9];

export function run(ctx: DemoContext): void {
  const { print } = ctx;
  print("## Engagement: NPS and churn signals");
  const q1 = nps(SURVEY_Q1);
  const q2 = nps(SURVEY_Q2);
  const d = npsDifference(SURVEY_Q2, SURVEY_Q1);
  const f = (x: number | null): string => (x === null ? "n/a" : x.toFixed(1));
  print(`NPS (illustrative survey, not CDNOW data): Q1 ${f(q1.score)} ± ${f(q1.marginOfError)} (n = ${q1.total}), Q2 ${f(q2.score)} ± ${f(q2.marginOfError)} (n = ${q2.total}); change ${f(d.difference)}, p = ${d.pValue?.toFixed(2) ?? "n/a"}`);

  // CDNOW purchases as activity events; CDNOW customers buy every few months, so the windows are quarters.
  const byCustomer = new Map<number, { type: string; at: number }[]>();
  for (const t of ctx.transactions) {
    let list = byCustomer.get(t.customerId);
    if (list === undefined) byCustomer.set(t.customerId, (list = []));
    list.push({ type: "purchase", at: t.at });
  }
  const customers: CustomerActivity[] = [...byCustomer].map(([customerId, events]) => ({ customerId, events }));
  const asOf = ctx.observationEnd;
  const out = detectChurnSignals(customers, {
    asOf,
    rules: [
      inactivityRule({ days: 90, fullSeverityDays: 270 }),
      activityDeclineRule({ recentDays: 120, baselineDays: 240, minBaselineEvents: 4 }),
    ],
  });
  const levels = { high: 0, medium: 0, low: 0 };
  for (const r of out) levels[r.riskLevel]++;
  print(`churn signals at ${asOf} (inactivity ≥ 90 days; purchase rate down ≥ 50% in the last 120 days vs the 240 before):`);
  print(`  risk levels: ${levels.high} high, ${levels.medium} medium, ${levels.low} low of ${out.length} customers`);
  // The most at-risk customers who had been buying regularly (a decline signal) — the ones worth a call.
  const top = out.filter((r) => r.signals.some((s) => s.rule === "activityDecline")).slice(0, 5);
  print("  top at-risk regular buyers:");
  for (const r of top) {
    print(`  - customer ${r.customerId}: risk ${r.riskScore.toFixed(2)} (${r.riskLevel})`);
    for (const s of r.signals) print(`      ${s.reason}`);
  }
  print();
}
