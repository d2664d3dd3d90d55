import { createScorer, evaluateClassifier, scoreCustomers, type ScoreRow } from "../../src/index.js";
import { formatTable } from "../../src/plot/index.js";
import type { DemoContext } from "./context.js";

// The engine section of the demo: one call scores every customer of the sample with the default config (a
// CRM stores the config as JSON), then the top rows by 12-month CLV as a compact table.
export function run(ctx: DemoContext): void {
  const { print } = ctx;
  const scorer = createScorer({ tiers: { value: "clv", labels: ["bronze", "silver", "gold"] } });
  // Some app activity, as a CRM would pass it: a login for customers 1-40 a week before the end, and a
  // detractor survey answer for every 9th of them.
  const end = Date.parse(`${ctx.observationEnd}T00:00:00Z`);
  const activity = [];
  for (let id = 1; id <= 40; id++) {
    activity.push({ customerId: id, type: "login", at: end - 7 * 86_400_000 });
    if (id % 9 === 0) activity.push({ customerId: id, type: "survey", at: end - 3 * 86_400_000, score: 3 });
  }
  const t0 = performance.now();
  const result = scorer.score({ transactions: ctx.transactions, activity, observationEnd: ctx.observationEnd });
  const ms = performance.now() - t0;
  const bg = result.models.transaction!;
  const name = { "bg-nbd": "BG/NBD", "mbg-nbd": "MBG/NBD", "pareto-nbd": "Pareto/NBD" }[bg.model];
  print(`## Engine: every score for ${result.customers.length} customers in one call (${ms.toFixed(0)} ms, models fitted on the input)`);
  print(`${name} (${bg.unit ?? result.config.summary.unit}s) r ${bg.params.r.toFixed(3)}, alpha ${bg.params.alpha.toFixed(3)}, ${"a" in bg.params ? `a ${bg.params.a.toFixed(3)}, b ${bg.params.b.toFixed(3)}` : ""}; Gamma-Gamma and the config are recorded in the result`);
  // What a CRM should show beside the scores: failed fits, rows left out, defaults that look wrong here.
  for (const w of result.warnings) print(`Warning ${w.code}: ${w.message}`);
  const top = [...result.customers].sort((a, b) => (b.clv ?? 0) - (a.clv ?? 0) || (a.customerId as number) - (b.customerId as number)).slice(0, 10);
  const table = (rows: ScoreRow[]): object[] =>
    rows.map((c) => ({
      id: c.customerId,
      segment: c.rfmSegment,
      tier: c.valueTier,
      abc: c.abcClass,
      stage: c.lifecycleStage,
      churn: c.churnRiskLevel,
      "top reason": c.churnSignals?.[0]?.reason ?? "",
      "P(alive)": c.probabilityAlive,
      "CLV 12m ($)": c.clv,
    }));
  print("### Top 10 customers by 12-month CLV");
  print(formatTable(table(top), { decimals: 2, maxColumnWidth: 48 }));
  const risky = result.customers.filter((c) => c.churnRiskLevel === "high" && (c.clv ?? 0) > 20).sort((a, b) => (b.clv ?? 0) - (a.clv ?? 0)).slice(0, 5);
  print(`### Valuable customers at high churn risk (${risky.length} shown)`);
  print(formatTable(table(risky), { decimals: 2, maxColumnWidth: 48 }));
  // Transactions only, the churn part's default is data-relative (days since the last purchase against each
  // customer's own purchase gap): its levels at the calibration end, against "no purchase in the holdout".
  const atEnd = scoreCustomers({ transactions: ctx.transactions, observationEnd: ctx.calibrationEnd }, { clv: false, rfm: false, tiers: false, abc: false, lifecycle: false });
  const holdoutStart = Date.parse(`${ctx.calibrationEnd}T00:00:00Z`) + 86_400_000;
  const boughtAgain = new Set(ctx.transactions.filter((t) => t.at >= holdoutStart && t.at < end + 86_400_000).map((t) => t.customerId));
  const levels = (["high", "medium", "low"] as const).map((level) => {
    const rows = atEnd.customers.filter((c) => c.churnRiskLevel === level);
    const churned = rows.filter((c) => !boughtAgain.has(c.customerId as number)).length;
    return `${level} ${((100 * rows.length) / atEnd.customers.length).toFixed(1)} % (${rows.length ? ((100 * churned) / rows.length).toFixed(0) : "–"} % no purchase in the holdout)`;
  });
  const auc = evaluateClassifier(atEnd.customers.map((c) => ({ score: c.churnRiskScore!, outcome: !boughtAgain.has(c.customerId as number) }))).auc;
  print(`Churn risk levels from transactions alone at ${ctx.calibrationEnd}: ${levels.join(", ")}; AUC ${auc === null ? "–" : auc.toFixed(3)} against holdout churn`);
  print();
}
