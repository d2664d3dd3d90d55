import type { BasePlotOptions } from "./options.js";
import type { GainsChartInput } from "./gainsChart.js";
import { record } from "../internal/validate.js";
import { readGains, type GainsDecile } from "./internal/gains.js";
import { escapeXml, fixed, num, percent, plotOptions, stringOption, svgDocument, text } from "./internal/svg.js";
import { unitSquare } from "./internal/unitSquare.js";

/**
 * The part of a `holdoutAccuracy(...)` report that {@link holdoutAccuracyChart} draws (the whole report works
 * as is): the gains table of each ranking score.
 *
 * @category Plot
 * @example
 * ```ts
 * const g = { gains: [{ decile: 1, customers: 10, lift: 2, cumulativeShare: 0.2 }] };
 * const input: HoldoutAccuracyChartInput = { ranking: { expectedPurchases: g, probabilityAlive: g, rate: g, recency: g } };
 * ```
 */
export interface HoldoutAccuracyChartInput {
  /** The rankings of who buys again in the holdout, each an `evaluateClassifier(...)` result or `{ gains }`. */
  readonly ranking: {
    /** By the model's expected holdout purchases. */
    readonly expectedPurchases: GainsChartInput;
    /** By the model's P(alive). */
    readonly probabilityAlive: GainsChartInput;
    /** By the calibration purchase rate carried forward (baseline). */
    readonly rate: GainsChartInput;
    /** By recency alone (baseline). */
    readonly recency: GainsChartInput;
  };
}

/**
 * Options of {@link holdoutAccuracyChart}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: HoldoutAccuracyChartOptions = { modelLabel: "BG/NBD" };
 * ```
 */
export interface HoldoutAccuracyChartOptions extends BasePlotOptions {
  /** Name of the model in the legend (`"BG/NBD expected purchases"`). Default `"Model"`. */
  modelLabel?: string;
}

const FN = "holdoutAccuracyChart";

/** The four lines: key, legend name (after the model's for the model's scores), colour, dash (greyscale-safe). */
const SERIES = [
  { key: "expectedPurchases", name: "expected purchases", model: true, color: "#0072b2", dash: "" },
  { key: "probabilityAlive", name: "P(alive)", model: true, color: "#009e73", dash: "8 3 2 3" },
  { key: "rate", name: "Rate carried forward", model: false, color: "#d55e00", dash: "6 4" },
  { key: "recency", name: "Recency alone", model: false, color: "#cc79a7", dash: "2 3" },
] as const;

/**
 * Draws what a transaction model adds in ranking: the cumulative gains of the customers who buy again in the
 * holdout period, contacting customers from the highest score down, for the model's expected purchases and
 * P(alive) beside the two baselines of `holdoutAccuracy` (the rate carried forward, recency alone), one
 * line each from (0, 0) to (100 %, 100 %), one vertex per decile; the dotted diagonal is a random order. A
 * model line above the baselines' ranks better than they do; one on or below them adds nothing for a
 * campaign list. Each vertex's tooltip gives the decile's share and lift.
 *
 * @param report - a `holdoutAccuracy(...)` report, or `{ ranking: { expectedPurchases, probabilityAlive, rate, recency } }` of gains tables
 * @param options - size, title, the model's name; see {@link HoldoutAccuracyChartOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER`, `NEGATIVE_VALUE`, `NOT_INTEGER` or
 *   `OUT_OF_RANGE` with a path such as `"report.ranking.rate.gains[3].cumulativeShare"`; `DUPLICATE_ID` for a
 *   decile listed twice; `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const gains = (share: number) => ({ gains: [
 *   { decile: 1, customers: 50, lift: 2 * share, cumulativeShare: share },
 *   { decile: 2, customers: 50, lift: 2 * (1 - share), cumulativeShare: 1 },
 * ] });
 * const svg = holdoutAccuracyChart({ ranking: { expectedPurchases: gains(0.8), probabilityAlive: gains(0.6), rate: gains(0.7), recency: gains(0.75) } }, { modelLabel: "BG/NBD" });
 * svg.includes("BG/NBD expected purchases, top 50% reach 80%; BG/NBD P(alive), top 50% reach 60%;");
 * // => true
 * ```
 */
export function holdoutAccuracyChart(report: HoldoutAccuracyChartInput, options?: HoldoutAccuracyChartOptions): string {
  const r = record(FN, report, "report");
  const ranking = record(FN, r.ranking, "report.ranking");
  const tables = SERIES.map((s) => readGains(FN, ranking[s.key], `report.ranking.${s.key}`));
  const { o, frame } = plotOptions(FN, options, ["modelLabel"] as const satisfies readonly (keyof HoldoutAccuracyChartOptions)[], {
    width: 520,
    height: 480,
    title: "Who buys again: model against baselines",
    id: "rk-holdout-accuracy",
  });
  const model = stringOption(FN, o, "modelLabel", "Model");
  const names = SERIES.map((s) => (s.model ? `${model} ${s.name}` : s.name));

  const { body: axes, area, x, y } = unitSquare(frame, "Share of customers contacted, highest scores first", "Share of holdout buyers reached", "Random order");
  let body = axes;
  const fs = frame.fontSize;
  const firstAt: ({ x: number; share: number } | null)[] = [];
  let customers = 0;
  for (const [j, s] of SERIES.entries()) {
    const ds: GainsDecile[] = tables[j]!;
    let total = 0;
    for (const d of ds) total += d.customers;
    customers = Math.max(customers, total);
    let path = `M${num(x(0))} ${num(y(0))}`;
    let marks = "";
    let cum = 0;
    let first: { x: number; share: number } | null = null;
    for (const d of ds) {
      cum += d.customers;
      if (d.customers === 0 || d.share === null || total === 0) continue;
      path += `L${num(x(cum / total))} ${num(y(d.share))}`;
      if (first === null) first = { x: cum / total, share: d.share };
      const tip = `${names[j]}, decile ${d.decile}: top ${percent(cum / total, 0)} reaches ${percent(d.share, 0)} of the buyers${d.lift === null ? "" : `, lift ${fixed(d.lift, 2)}`}`;
      marks += `<circle cx="${num(x(cum / total))}" cy="${num(y(d.share))}" r="2.5" fill="${s.color}"><title>${escapeXml(tip)}</title></circle>`;
    }
    firstAt.push(first);
    if (first !== null) {
      body += `<path class="gains ${s.key}" d="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash === "" ? "" : ` stroke-dasharray="${s.dash}"`}/>\n`;
      body += `<g class="markers ${s.key}">${marks}</g>\n`;
    }
  }
  const drawn = firstAt.some((v) => v !== null);
  if (!drawn) body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, customers === 0 ? "No customers" : "No buyers in the holdout: nothing to rank", `text-anchor="middle" fill="#666666"`) + "\n";

  // Legend in the lower right, below the diagonal, where gains curves (above it) do not run.
  const rowH = fs * 1.4;
  const widest = Math.max(...names.map((n) => n.length)) * fs * 0.6 + 32;
  const lx = area.right - widest - 6;
  const ly0 = area.bottom - rowH * SERIES.length - 4;
  body += `<g class="legend" font-size="${num(fs)}" fill="#1a1a1a">\n`;
  for (const [j, s] of SERIES.entries()) {
    const ly = ly0 + rowH * (j + 0.5);
    body += `<path d="M${num(lx)} ${num(ly)}h24" stroke="${s.color}" stroke-width="2"${s.dash === "" ? "" : ` stroke-dasharray="${s.dash}"`}/>` + text(lx + 30, ly + fs * 0.35, names[j]!) + "\n";
  }
  body += "</g>\n";

  // Description: each line's first vertex, so a screen-reader user gets the comparison.
  let desc = `Empty chart: ${customers === 0 ? "no customers" : "no buyers in the holdout"}.`;
  if (drawn) {
    const parts = SERIES.flatMap((_, k) => (firstAt[k] === null ? [] : [`${names[k]}, top ${percent(firstAt[k]!.x, 0)} reach ${percent(firstAt[k]!.share, 0)}`]));
    desc = `Cumulative gains of the holdout buyers among ${customers} customers, by four scores: ${parts.join("; ")}.`;
  }
  return svgDocument(frame, desc, body);
}
