// The churn-model section of the demo: a labelled snapshot at the end of the calibration period (churned =
// no purchase in the 39-week holdout), the key-factors table, and three risk scores compared on customers
// the model was not trained on: the trained model, 1 − P(alive) of BG/NBD and MBG/NBD, and the default rules.
import {
  churnDrivers,
  detectChurnSignals,
  evaluateClassifier,
  fitBgNbd,
  fitChurnModel,
  fitModifiedBgNbd,
  labelledSnapshot,
  probabilityAlive,
  scoreChurn,
  splitCalibrationHoldout,
  type ClassifierEvaluation,
  type CustomerActivity,
} from "../../src/index.js";
import type { DemoContext } from "./context.js";

/** The three scores' evaluations on the test half (odd customer ids), each with its name. */
export function churnComparison(ctx: Pick<DemoContext, "transactions" | "calibrationEnd" | "observationEnd">): {
  snapshot: ReturnType<typeof labelledSnapshot>;
  model: ReturnType<typeof fitChurnModel>;
  drivers: ReturnType<typeof churnDrivers>;
  results: { name: string; evaluation: ClassifierEvaluation }[];
} {
  // Features from purchases before 1997-10-01; churned = no purchase in [1997-10-01, 1998-07-01).
  const snapshot = labelledSnapshot(ctx.transactions, { snapshotAt: "1997-10-01", windowEnd: "1998-07-01" });
  const train = { ...snapshot, rows: snapshot.rows.filter((r) => Number(r.customerId) % 2 === 0) };
  const test = snapshot.rows.filter((r) => Number(r.customerId) % 2 === 1);
  const model = fitChurnModel(train, { features: ["recencyDays", "frequency", "tenureDays", "totalSpend"] });
  const drivers = churnDrivers(snapshot);
  const churned = new Map(test.map((r) => [r.customerId, r.churned]));
  const evaluate = (scores: { customerId: number | string; score: number }[]): ClassifierEvaluation =>
    evaluateClassifier(scores.filter((s) => churned.has(s.customerId)).map((s) => ({ score: s.score, outcome: churned.get(s.customerId)! })), { k: [100, Math.round(test.length / 10)] });

  const modelScores = scoreChurn(model, test).map((s) => ({ customerId: s.customerId, score: s.churnProbability }));
  // BTYD models on the same calibration period (fitted on every customer: they use no label).
  const rows = splitCalibrationHoldout(ctx.transactions, { calibrationEnd: ctx.calibrationEnd, observationEnd: ctx.observationEnd, unit: "week" });
  const bg = fitBgNbd(rows);
  const mbg = fitModifiedBgNbd(rows);
  const bgScores = rows.map((r) => ({ customerId: r.customerId, score: 1 - probabilityAlive(bg, r) }));
  const mbgScores = rows.map((r) => ({ customerId: r.customerId, score: 1 - probabilityAlive(mbg, r) }));
  // The default rules over purchases before the snapshot.
  const byCustomer = new Map<number, { type: string; at: number }[]>();
  const snap = Date.UTC(1997, 9, 1);
  for (const t of ctx.transactions) {
    if (t.at >= snap) continue;
    let list = byCustomer.get(t.customerId);
    if (list === undefined) byCustomer.set(t.customerId, (list = []));
    list.push({ type: "purchase", at: t.at });
  }
  const customers: CustomerActivity[] = [...byCustomer].map(([customerId, events]) => ({ customerId, events }));
  const ruleScores = detectChurnSignals(customers, { asOf: snap }).map((a) => ({ customerId: a.customerId, score: a.riskScore }));
  return {
    snapshot,
    model,
    drivers,
    results: [
      { name: "churn model (logistic)", evaluation: evaluate(modelScores) },
      { name: "1 − P(alive), BG/NBD", evaluation: evaluate(bgScores) },
      { name: "1 − P(alive), MBG/NBD", evaluation: evaluate(mbgScores) },
      { name: "rule score (default rules)", evaluation: evaluate(ruleScores) },
    ],
  };
}

export function run(ctx: DemoContext): void {
  const { print } = ctx;
  print("## Why customers leave: a churn model, its drivers, and three risk scores compared");
  const { snapshot, model, drivers, results } = churnComparison(ctx);
  const pct = (x: number | null): string => (x === null ? "n/a" : `${(100 * x).toFixed(1)} %`);
  const num = (x: number | null, d = 2): string => (x === null ? "n/a" : x.toFixed(d));
  print(`snapshot ${snapshot.definition.snapshotAt.slice(0, 10)}, window to ${snapshot.definition.windowEnd.slice(0, 10)}: ${snapshot.churners} of ${snapshot.customers} customers made no purchase in the window (${pct(snapshot.churners / snapshot.customers)})`);
  print("key factors (with = above the median, or 1 for a flag; lift = churn-rate ratio with its 95 % interval; adjusted odds ratio per standard deviation):");
  for (const d of drivers.drivers) {
    print(`  ${d.feature.padEnd(14)} > ${String(Number(d.threshold.toFixed(2))).padEnd(7)} churn ${pct(d.withChurnRate).padStart(7)} vs ${pct(d.withoutChurnRate).padStart(7)}  lift ${num(d.lift)} [${num(d.liftLower)}, ${num(d.liftUpper)}]  adjusted OR/SD ${num(d.oddsRatioPerSd)}`);
  }
  print(`model trained on ${model.customers} customers (even ids), scored on the others:`);
  for (const { name, evaluation: e } of results) {
    // Precision at k: the churn rate among the k highest scores (ties shared out), here the top 100 and the top 10 %.
    print(`  ${name.padEnd(28)} AUC ${num(e.auc, 3)} [${num(e.aucLower, 3)}, ${num(e.aucUpper, 3)}]  Brier ${num(e.brier, 3)}  precision@100 ${pct(e.precisionAtK[0]?.precision ?? null)}  @top 10 % ${pct(e.precisionAtK[1]?.precision ?? null)}`);
  }
  print();
}
