import {
  calibrationHoldoutTable, customerLifetimeValue, discountedResidualLifetime, fitBgNbd, fitGammaGamma, fitParetoNbd,
  fitShiftedBetaGeometric, probabilityAlive, retentionCurve, splitCalibrationHoldout,
} from "../../src/index.js";
import type { DemoContext } from "./context.js";

// The clv section of the demo: BG/NBD on the 39-week calibration period, checked against the 39-week holdout,
// then P(alive) and 12-month CLV (Gamma-Gamma spend) for the most valuable customers.
export function run(ctx: DemoContext): void {
  const { print } = ctx;
  const rows = splitCalibrationHoldout(ctx.transactions, {
    calibrationEnd: ctx.calibrationEnd,
    observationEnd: ctx.observationEnd,
    unit: "week",
  });
  const bg = fitBgNbd(rows);
  const p = bg.params;
  print("## CLV: BG/NBD (Fader, Hardie & Lee 2005) on the calibration period, weeks");
  print(`r ${p.r.toFixed(3)}, alpha ${p.alpha.toFixed(3)}, a ${p.a.toFixed(3)}, b ${p.b.toFixed(3)}; LL ${bg.logLikelihood.toFixed(1)}; converged ${bg.converged}`);
  print("(paper: r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4)");
  const pn = fitParetoNbd(rows);
  print(`Pareto/NBD: r ${pn.params.r.toFixed(3)}, alpha ${pn.params.alpha.toFixed(3)}, s ${pn.params.s.toFixed(3)}, beta ${pn.params.beta.toFixed(3)}; LL ${pn.logLikelihood.toFixed(1)}`);
  print();

  print(`### Holdout check: mean purchases per customer in the next ${rows[0]?.holdoutDuration ?? 0} weeks, by calibration frequency`);
  print("| x | customers | actual | BG/NBD |");
  print("|---|---:|---:|---:|");
  for (const g of calibrationHoldoutTable(bg, rows)) {
    print(`| ${g.frequency}${g.andAbove ? "+" : ""} | ${g.customers} | ${g.actual.toFixed(2)} | ${g.predicted.toFixed(2)} |`);
  }
  print();

  const gg = fitGammaGamma(rows);
  print(`Gamma-Gamma spend: p ${gg.params.p.toFixed(2)}, q ${gg.params.q.toFixed(2)}, v ${gg.params.v.toFixed(2)}`);
  const values = customerLifetimeValue(bg, gg, rows, { horizon: 12, discountRate: 0.01, unit: "week" });
  const top = values
    .map((v, i) => ({ ...v, row: rows[i]! }))
    .sort((a, b) => (b.clv ?? 0) - (a.clv ?? 0))
    .slice(0, 5);
  print("### Top customers by 12-month CLV (1 %/month, lifetimes' freq='W' months of 4.345 weeks)");
  print("| customer | x | recency | T | P(alive) | next 12 months | spend | CLV |");
  print("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const t of top) {
    const alive = probabilityAlive(bg, t.row);
    print(`| ${t.customerId} | ${t.row.frequency} | ${t.row.recency.toFixed(1)} | ${t.row.T.toFixed(1)} | ${alive.toFixed(3)} | ${t.expectedPurchases.toFixed(2)} | $${(t.expectedSpend ?? 0).toFixed(2)} | $${(t.clv ?? 0).toFixed(2)} |`);
  }
  const total = values.reduce((a, v) => a + (v.clv ?? 0), 0);
  print(`Total 12-month CLV of the ${values.length} customers: $${total.toFixed(0)}`);
  print();
  runSbg(ctx);
}

// Contractual retention: the shifted-beta-geometric model on the two cohorts of Fader & Hardie (2007).
function runSbg({ print }: DemoContext): void {
  print("## Subscriptions: shifted-beta-geometric (Fader & Hardie 2007), 1,000 customers per cohort, 7 years observed");
  print("| cohort | alpha | beta | paper | projected survivors, years 8–12 | DERL after 4 renewals, d = 10 % |");
  print("|---|---:|---:|---|---|---:|");
  const cohorts = [
    { name: "regular", survivors: [1000, 631, 468, 382, 326, 289, 262, 241], paper: "0.704, 1.182" },
    { name: "high end", survivors: [1000, 869, 743, 653, 593, 551, 517, 491], paper: "0.668, 3.806" },
  ];
  for (const c of cohorts) {
    const fit = fitShiftedBetaGeometric(c.survivors);
    const projected = retentionCurve(fit, 12).slice(8).map((s) => Math.round(1000 * s));
    const derl = discountedResidualLifetime(fit, { renewals: 4, discountRate: 0.1 });
    print(`| ${c.name} | ${fit.params.alpha.toFixed(3)} | ${fit.params.beta.toFixed(3)} | ${c.paper} | ${projected.join(", ")} | ${derl?.toFixed(2) ?? "∞"} |`);
  }
  print();
}
