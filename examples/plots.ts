// Renders every retention-kit/plot chart from small built-in example data to examples/output/*.svg, and
// prints a cohort table as text. Run: npx tsx examples/plots.ts
// (The inputs have the shapes of cohortRetention, kaplanMeier, rfmScores and a holdout check, so the real
// results can be passed in unchanged; the tracking, classifier and survival charts take the library's results.)
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  calibrationPlot,
  cohortHeatmap,
  cumulativeHazardCurve,
  formatTable,
  gainsChart,
  hazardRatioPlot,
  holdoutDiagnostic,
  paretoCurve,
  rfmSegmentMap,
  rocCurve,
  survivalCurve,
  trackingChart,
  type CohortTable,
  type HoldoutDiagnosticRow,
  type RfmScoreInput,
  type SurvivalCurveInput,
} from "../src/plot/index.js";
import { evaluateClassifier, fitCoxPh, nelsonAalen, summarizeTransactions, trackingTable, type TrackingTableRow } from "../src/index.js";
import { rng } from "../bench/lib.js";
import { loadCdnowSample } from "./lib/cdnow.js"; // seeded PRNG, so the example data (and SVGs) are the same on every run

const outDir = fileURLToPath(new URL("./output/", import.meta.url));

/** Twelve monthly cohorts with decaying retention; later cohorts have fewer observed months (null cells). */
export function exampleCohorts(): CohortTable {
  const rand = rng(7);
  const cohorts = [];
  for (let c = 0; c < 12; c++) {
    const size = 180 + Math.round(rand() * 240);
    const observed = 12 - c;
    const counts: number[] = [];
    const rates: (number | null)[] = [];
    const eligible: number[] = [];
    for (let k = 0; k < 12; k++) {
      if (k >= observed) {
        counts.push(0);
        rates.push(null);
        eligible.push(0);
        continue;
      }
      const p = k === 0 ? 1 : Math.min(1, 0.42 * Math.exp(-0.11 * (k - 1)) + 0.04 * (rand() - 0.5));
      const retained = Math.round(size * p);
      counts.push(retained);
      rates.push(retained / size);
      eligible.push(size);
    }
    cohorts.push({ start: Date.UTC(2024, c, 1), size, eligible, counts, rates });
  }
  return { cohorts };
}

/** A Kaplan–Meier curve (log-transformed Greenwood band) of 80 simulated subscriptions, some censored. */
export function exampleSurvival(seed = 11, meanLife = 14): SurvivalCurveInput & { atRisk: number[]; censored: number[]; median: number | null } {
  const rand = rng(seed);
  const obs: { duration: number; event: boolean }[] = [];
  for (let i = 0; i < 80; i++) {
    const life = Math.ceil(-Math.log(1 - rand()) * meanLife);
    const follow = 6 + Math.floor(rand() * 30);
    obs.push({ duration: Math.min(life, follow), event: life <= follow });
  }
  const times = [...new Set(obs.map((o) => o.duration))].sort((a, b) => a - b);
  const z = 1.959964;
  let s = 1;
  let greenwood = 0;
  const out = { times, atRisk: [] as number[], events: [] as number[], censored: [] as number[], survival: [] as number[], lower: [] as (number | null)[], upper: [] as (number | null)[], median: null as number | null };
  for (const t of times) {
    const n = obs.filter((o) => o.duration >= t).length;
    const d = obs.filter((o) => o.duration === t && o.event).length;
    const c = obs.filter((o) => o.duration === t && !o.event).length;
    s *= 1 - d / n;
    if (n > d) greenwood += d / (n * (n - d));
    const se = Math.sqrt(greenwood);
    out.atRisk.push(n);
    out.events.push(d);
    out.censored.push(c);
    out.survival.push(s);
    out.lower.push(s > 0 ? Math.max(0, s * Math.exp(-z * se)) : null);
    out.upper.push(s > 0 ? Math.min(1, s * Math.exp(z * se)) : null);
    if (out.median === null && s <= 0.5) out.median = t;
  }
  return out;
}

/** 600 customers scored 1..5 with segment names from a simple R/F rule. */
export function exampleRfm(): RfmScoreInput[] {
  const rand = rng(5);
  const rows: RfmScoreInput[] = [];
  for (let i = 0; i < 600; i++) {
    const r = 1 + Math.floor(rand() * 5);
    const f = Math.max(1, Math.min(5, r + Math.round((rand() - 0.5) * 3)));
    const m = Math.max(1, Math.min(5, f + Math.round((rand() - 0.5) * 2)));
    const segment = r >= 4 && f >= 4 ? "Champions" : r >= 3 && f >= 3 ? "Loyal" : r >= 4 ? "New customers" : r <= 2 && f >= 3 ? "At risk" : r <= 1 ? "Lost" : "Need attention";
    rows.push({ r, f, m, segment });
  }
  return rows;
}

/** Customer values with a long right tail (log-normal-like). */
export function exampleValues(): number[] {
  const rand = rng(3);
  return Array.from({ length: 1000 }, () => Math.round(Math.exp(3 + 1.3 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())) * 100) / 100);
}

/** A calibration/holdout check in the shape of the BG/NBD paper's figure (CDNOW-like numbers). */
export function exampleHoldout(): HoldoutDiagnosticRow[] {
  const actual = [0.24, 0.7, 1.39, 1.56, 2.53, 2.95, 3.86, 6.36];
  const predicted = [0.23, 0.85, 1.42, 2.0, 2.43, 2.99, 3.68, 5.6];
  const customers = [1411, 439, 214, 100, 62, 38, 29, 64];
  return actual.map((a, i) => ({ frequency: i, customers: customers[i]!, actual: a, predicted: predicted[i]! }));
}

/** Total spend per customer in the bundled CDNOW sample (2,357 customers). */
export function cdnowSpend(): number[] {
  return summarizeTransactions(loadCdnowSample(), { observationEnd: "1998-06-30" }).map((c) => c.totalAmount);
}

/** The CDNOW sample's weekly tracking table under the published BG/NBD parameters (Fader, Hardie & Lee 2005). */
export function cdnowTracking(): TrackingTableRow[] {
  const bgnbd = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, unit: "week" } as const;
  return trackingTable(loadCdnowSample(), bgnbd, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" });
}

/** 2,000 customers with two features and a churn outcome drawn from a known logistic model, scored by it. */
export function exampleScored(): { score: number; outcome: boolean; tenure: number; support: number }[] {
  const rand = rng(21);
  return Array.from({ length: 2000 }, () => {
    const tenure = rand() * 24;
    const support = rand() < 0.3 ? 1 : 0;
    const score = 1 / (1 + Math.exp(-(-0.4 - 0.12 * tenure + 1.1 * support)));
    return { score, outcome: rand() < score, tenure, support };
  });
}

/** 400 simulated subscriptions (weeks): the hazard is lower on an annual plan (HR 0.50) and rises with support tickets (HR 1.35 each). */
export function exampleCoxRows(): { duration: number; event: boolean; annual: number; tickets: number }[] {
  const rand = rng(33);
  return Array.from({ length: 400 }, () => {
    const annual = rand() < 0.4 ? 1 : 0;
    const tickets = Math.floor(rand() * 4);
    const life = -Math.log(1 - rand()) / (0.05 * Math.exp(-0.7 * annual + 0.3 * tickets));
    const follow = 10 + rand() * 40;
    return { duration: Math.ceil(Math.min(life, follow)), event: life <= follow, annual, tickets };
  });
}

function main(): void {
  mkdirSync(outDir, { recursive: true });
  const files: Record<string, string> = {
    "cohort-heatmap.svg": cohortHeatmap(exampleCohorts(), { periodLabel: "Months since first purchase", showAverage: true }),
    "survival-curve.svg": survivalCurve(exampleSurvival(), { timeLabel: "Weeks since signup", showAtRisk: true }),
    "survival-groups.svg": survivalCurve(
      [
        { label: "Paid search", curve: exampleSurvival(11, 14) },
        { label: "Referral", curve: exampleSurvival(12, 30) },
      ],
      { timeLabel: "Weeks since signup", showAtRisk: true, title: "Retention by acquisition channel" },
    ),
    "rfm-segment-map.svg": rfmSegmentMap(exampleRfm()),
    "rfm-monetary-map.svg": rfmSegmentMap(exampleRfm(), { colorBy: "monetary", colors: "viridis", title: "RFM map: mean monetary score" }),
    "pareto-curve.svg": paretoCurve(exampleValues(), { valueLabel: "revenue" }),
    "holdout-diagnostic.svg": holdoutDiagnostic(exampleHoldout(), { lastBinOpen: true, modelLabel: "BG/NBD" }),
    // real data: the CDNOW sample's repeat transactions against BG/NBD, 39 weeks of calibration then 39 of holdout
    "cdnow-tracking-cumulative.svg": trackingChart(cdnowTracking(), { modelLabel: "BG/NBD", periodLabel: "Week", title: "CDNOW sample: cumulative repeat transactions" }),
    "cdnow-tracking-weekly.svg": trackingChart(cdnowTracking(), { cumulative: false, modelLabel: "BG/NBD", periodLabel: "Week", title: "CDNOW sample: weekly repeat transactions" }),
    "roc-curve.svg": rocCurve(exampleScored(), { modelLabel: "Churn model" }),
    "gains-chart.svg": gainsChart(evaluateClassifier(exampleScored()), { modelLabel: "Churn model" }),
    "calibration-plot.svg": calibrationPlot(evaluateClassifier(exampleScored()), { modelLabel: "Churn model" }),
    "hazard-ratios.svg": hazardRatioPlot(fitCoxPh(exampleCoxRows(), { covariates: ["annual", "tickets"] }), { labels: { annual: "Annual plan", tickets: "Support tickets" } }),
    "cumulative-hazard.svg": cumulativeHazardCurve(nelsonAalen(exampleCoxRows()), { timeLabel: "Weeks since signup" }),
    // real data: how concentrated the CDNOW sample's revenue is (total spend per customer, 1997-01 to 1998-06)
    "cdnow-pareto.svg": paretoCurve(cdnowSpend(), { valueLabel: "revenue", title: "CDNOW sample: revenue concentration" }),
  };
  for (const [name, svg] of Object.entries(files)) {
    writeFileSync(outDir + name, svg);
    console.log(`wrote examples/output/${name} (${svg.length} bytes)`);
  }
  console.log();
  console.log(formatTable(exampleCohorts()));
  console.log();
  const top = summarizeTransactions(loadCdnowSample(), { observationEnd: "1998-06-30" }).sort((a, b) => b.totalAmount - a.totalAmount);
  console.log(formatTable(top, { columns: ["customerId", "frequency", "recency", "T", "totalAmount"], maxRows: 5 }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
