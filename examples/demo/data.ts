import { splitCalibrationHoldout, summarizeTransactions } from "../../src/index.js";
import type { DemoContext } from "./context.js";

export function run(ctx: DemoContext): void {
  const { print } = ctx;
  const summaries = summarizeTransactions(ctx.transactions, {
    observationEnd: ctx.calibrationEnd,
    period: "day",
    unit: "week",
  });
  const repeaters = summaries.filter((s) => s.frequency > 0);
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  print("## Customer summaries (39-week calibration, 1997-01-01 .. 1997-09-30, weeks)");
  print(`customers: ${summaries.length}, with a repeat purchase: ${repeaters.length}`);
  print(`repeat purchases: ${summaries.reduce((a, s) => a + s.frequency, 0)}`);
  print(`mean frequency ${mean(summaries.map((s) => s.frequency)).toFixed(3)}, mean recency ${mean(summaries.map((s) => s.recency)).toFixed(2)} wk, mean T ${mean(summaries.map((s) => s.T)).toFixed(2)} wk`);
  print(`mean spend per repeat purchase (repeat buyers): $${mean(repeaters.map((s) => s.monetaryValue)).toFixed(2)}`);
  const split = splitCalibrationHoldout(ctx.transactions, {
    calibrationEnd: ctx.calibrationEnd,
    observationEnd: ctx.observationEnd,
    unit: "week",
  });
  const holdout = split.reduce((a, r) => a + r.holdoutFrequency, 0);
  print(`holdout (${split[0]?.holdoutDuration ?? 0} weeks): ${holdout} repeat purchases by the calibration customers`);
  print();
}
