import { fitBgNbd, fitModifiedBgNbd, holdoutAccuracy, splitCalibrationHoldout, type CountAccuracy, type HoldoutAccuracy } from "../../src/index.js";
import type { DemoContext } from "./context.js";

// Is the model any good? BG/NBD and MBG/NBD fitted on the 39-week calibration period, checked customer by
// customer against the 39-week holdout, beside the baselines a model has to beat.
export function run(ctx: DemoContext): void {
  const { print } = ctx;
  const rows = splitCalibrationHoldout(ctx.transactions, { calibrationEnd: ctx.calibrationEnd, observationEnd: ctx.observationEnd, unit: "week" });
  const bg = holdoutAccuracy(fitBgNbd(rows), rows);
  const mbg = holdoutAccuracy(fitModifiedBgNbd(rows), rows);
  const n = (v: number | null, d = 3): string => (v === null ? "–" : v.toFixed(d));
  print(`## Model check: holdout accuracy of ${bg.customers} customers over ${rows[0]?.holdoutDuration ?? 0} weeks (${bg.buyersAgain} bought again)`);
  print("| predictor | MAE | RMSE | Pearson | Spearman | total expected | actual | relative error |");
  print("|---|---:|---:|---:|---:|---:|---:|---:|");
  const line = (name: string, a: CountAccuracy): void =>
    print(`| ${name} | ${n(a.mae)} | ${n(a.rmse)} | ${n(a.correlation)} | ${n(a.spearman)} | ${a.expectedTotal.toFixed(0)} | ${a.actualTotal} | ${n(a.relativeError === null ? null : a.relativeError * 100, 1)} % |`);
  line("BG/NBD", bg.purchases.model);
  line("MBG/NBD", mbg.purchases.model);
  line("rate carried forward", bg.purchases.rate);
  print();
  print("### Who buys again? ROC AUC (95 % DeLong interval) and lift of the top decile");
  print("| score | AUC | interval | top-decile lift |");
  print("|---|---:|---|---:|");
  const rank = (name: string, r: HoldoutAccuracy["ranking"]["expectedPurchases"]): void =>
    print(`| ${name} | ${n(r.auc)} | ${n(r.aucLower)}–${n(r.aucUpper)} | ${n(r.gains[0]!.lift, 2)} |`);
  rank("BG/NBD expected purchases", bg.ranking.expectedPurchases);
  rank("BG/NBD P(alive)", bg.ranking.probabilityAlive);
  rank("MBG/NBD P(alive)", mbg.ranking.probabilityAlive);
  rank("rate carried forward", bg.ranking.rate);
  rank("recency alone", bg.ranking.recency);
  print("(BG/NBD's P(alive) is 1 for every customer without a repeat purchase, so it ranks the 1,411 one-time buyers first.)");
  print();
  print("### Calibration by decile of BG/NBD's expected purchases (mean per customer)");
  print("| decile | customers | expected | actual |");
  print("|---:|---:|---:|---:|");
  for (const c of bg.purchases.model.calibration) print(`| ${c.decile} | ${c.customers} | ${n(c.meanExpected, 2)} | ${n(c.meanActual, 2)} |`);
  print();
}
