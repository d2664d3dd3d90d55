import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  calibrationHoldoutTable,
  cohortRetention,
  fitBgNbd,
  frequencyRecencyMatrix,
  holdoutAccuracy,
  kaplanMeier,
  periodTransactionsHistogram,
  rfmFromTransactions,
  rfmSegment,
  splitCalibrationHoldout,
  summarizeTransactions,
  survivalData,
  timeToNthPurchase,
  trackingTable,
  type Transaction,
} from "../../src/index.js";
import {
  cohortHeatmap,
  frequencyRecencyHeatmap,
  holdoutAccuracyChart,
  holdoutDiagnostic,
  paretoCurve,
  periodTransactionsChart,
  rfmSegmentMap,
  survivalCurve,
  trackingChart,
} from "../../src/plot/index.js";
import type { DemoContext } from "./context.js";


/** What the charts are drawn from: the transaction log and the dates the other demo sections use. */
export interface ChartInput {
  /** Transactions (`customerId`, `at` in epoch ms, `amount`). */
  transactions: readonly (Transaction & { at: number; amount: number })[];
  /** End of the calibration period (RFM snapshot, BG/NBD fit). */
  calibrationEnd: string;
  /** End of the data. */
  observationEnd: string;
}

/**
 * The README pictures: each chart of the real results on the bundled CDNOW sample, by file name. Shared by
 * the demo (`examples/output/`) and `npm run images` (`docs/images/`), so both show the same numbers.
 */
export function cdnowCharts(input: ChartInput): Record<string, string> {
  const { transactions } = input;
  const end = "1998-07-01"; // the data runs through 1998-06-30; its last day is fully observed

  // Weekly cohorts, as in the retention section (CDNOW customers all arrived in Q1 1997: 12 weekly cohorts).
  const table = cohortRetention(transactions, { cohort: "week", interval: "week", mode: "classic", observationEnd: end, periods: 13 });

  // Time to second purchase, as the retention section defines it: first purchase day to the next distinct
  // purchase day, one-time buyers censored at the end of the data.
  const km = kaplanMeier(survivalData(timeToNthPurchase(transactions), { asOf: end, unit: "week" }));

  // RFM at the end of the calibration period, as in the segmentation section.
  const rfm = rfmFromTransactions(transactions, { asOf: input.calibrationEnd }).map((row) => ({ ...row, segment: rfmSegment(row) }));

  // Total spend per customer over the whole data.
  const spend = summarizeTransactions(transactions, { observationEnd: input.observationEnd }).map((c) => c.totalAmount);

  // BG/NBD on the 39-week calibration period, checked on the 39-week holdout.
  const rows = splitCalibrationHoldout(transactions, { calibrationEnd: input.calibrationEnd, observationEnd: input.observationEnd, unit: "week" });
  const bgnbd = fitBgNbd(rows);
  const holdout = calibrationHoldoutTable(bgnbd, rows, { maxFrequency: 7 });
  // The same fit tracked week by week over calibration and holdout.
  const tracking = trackingTable(transactions, bgnbd, { calibrationEnd: input.calibrationEnd, observationEnd: input.observationEnd });
  // The fit against the calibration data itself, and what it says about each (frequency, recency) history
  // of a customer as old as the oldest (first purchase on the calibration's first day).
  const histogram = periodTransactionsHistogram(bgnbd, rows);
  let age = 0;
  for (const r of rows) age = Math.max(age, r.T);
  const grid = frequencyRecencyMatrix(bgnbd, { T: age, t: 39, maxFrequency: 20, recencyStep: 2 });
  // Who buys again in the holdout: the model's rankings beside the rate and recency baselines.
  const accuracy = holdoutAccuracy(bgnbd, rows);

  return {
    "cohort-heatmap.svg": cohortHeatmap(table, {
      title: "CDNOW: weekly cohorts, share buying again in week k",
      periodLabel: "Weeks since first purchase",
      showAverage: true,
    }),
    "survival-curve.svg": survivalCurve(km, {
      title: "CDNOW: time to second purchase (Kaplan–Meier, 95% band)",
      timeLabel: "Weeks since first purchase",
      survivalLabel: "Not yet bought again",
      showAtRisk: true,
      // The ~1,100 one-time buyers are all censored between weeks 66 and 78 (first purchases in Q1 1997, data
      // to mid-1998): their tick marks would merge into a solid bar over the curve's tail.
      showCensored: false,
    }),
    "rfm-segment-map.svg": rfmSegmentMap(rfm, { title: `CDNOW: RFM segments at ${input.calibrationEnd}` }),
    "pareto-curve.svg": paretoCurve(spend, { valueLabel: "revenue", title: "CDNOW: revenue concentration (total spend per customer)" }),
    "holdout-diagnostic.svg": holdoutDiagnostic(
      holdout.map((g) => ({ frequency: g.frequency, customers: g.customers, actual: g.actual, predicted: g.predicted })),
      { lastBinOpen: holdout.at(-1)?.andAbove ?? false, modelLabel: "BG/NBD", title: "CDNOW: 39-week holdout, actual vs BG/NBD" },
    ),
    "tracking-cumulative.svg": trackingChart(tracking, { modelLabel: "BG/NBD", periodLabel: "Week", title: "CDNOW: cumulative repeat transactions, actual vs BG/NBD" }),
    "tracking-weekly.svg": trackingChart(tracking, { cumulative: false, modelLabel: "BG/NBD", periodLabel: "Week", title: "CDNOW: repeat transactions per week, actual vs BG/NBD" }),
    "holdout-accuracy.svg": holdoutAccuracyChart(accuracy, { title: "CDNOW: who buys again in the holdout, BG/NBD against the baselines" }),
    "period-transactions.svg": periodTransactionsChart(histogram, { modelLabel: "BG/NBD", title: "CDNOW: repeat purchases in calibration, actual vs BG/NBD" }),
    "probability-alive-matrix.svg": frequencyRecencyHeatmap(grid, { title: "CDNOW: P(alive) by frequency and recency (BG/NBD, age 39 weeks)", decimals: 1, showValues: false }),
  };
}

// The charts section of the demo: writes the pictures of the results above to examples/output/cdnow-*.svg
// (prefixed so examples/plots.ts, which draws made-up data under the plain names, does not overwrite them).
export function run(ctx: DemoContext): void {
  const dir = fileURLToPath(new URL("../output/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  ctx.print("## Charts (retention-kit/plot, standalone SVG)");
  for (const [name, svg] of Object.entries(cdnowCharts(ctx))) {
    writeFileSync(`${dir}cdnow-${name}`, svg);
    ctx.print(`wrote examples/output/cdnow-${name} (${(svg.length / 1024).toFixed(1)} kB)`);
  }
  ctx.print();
}
