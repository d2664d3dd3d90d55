import type { BasePlotOptions } from "./options.js";
import { readGains } from "./internal/gains.js";
import { escapeXml, fixed, hexColor, num, percent, plotOptions, stringOption, svgDocument, text } from "./internal/svg.js";
import { lineLegend, unitSquare } from "./internal/unitSquare.js";

/**
 * The part of an `evaluateClassifier(...)` result that {@link gainsChart} draws (the whole result works as is).
 *
 * @category Plot
 * @example
 * ```ts
 * const e: GainsChartInput = { gains: [{ decile: 1, customers: 10, lift: 3, cumulativeShare: 0.3 }] };
 * ```
 */
export interface GainsChartInput {
  /** The gains table by decile: `{ decile, customers, lift, cumulativeShare }` (other fields are not read). */
  readonly gains: readonly {
    /** 1 to 10, highest scores first. */
    readonly decile: number;
    /** Customers in the decile. */
    readonly customers: number;
    /** Lift of the decile, or `null`. */
    readonly lift: number | null;
    /** Share of all positives in deciles 1..this one, or `null` when there are no positives. */
    readonly cumulativeShare: number | null;
  }[];
}

/**
 * Options of {@link gainsChart}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: GainsChartOptions = { modelLabel: "Logistic", color: "#009e73" };
 * ```
 */
export interface GainsChartOptions extends BasePlotOptions {
  /** Line colour (hex). Default `"#0072b2"`. */
  color?: string;
  /** Name of the score in the legend. Default `"Cumulative gains"`. */
  modelLabel?: string;
}

const FN = "gainsChart";

/**
 * Draws the cumulative gains chart of a classifier evaluation: contacting customers from the highest score
 * down, the share of all positives reached (y) against the share of customers contacted (x), one vertex per
 * decile of `evaluateClassifier(...).gains`, from (0, 0) to (100 %, 100 %). The dotted diagonal is a random
 * order; each vertex's tooltip gives the decile's lift. Deciles are drawn by their number, whatever the
 * order of the rows.
 *
 * @param evaluation - an `evaluateClassifier(...)` result, or `{ gains }`
 * @param options - size, title, colour, label; see {@link GainsChartOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER`, `NEGATIVE_VALUE`, `NOT_INTEGER` or
 *   `OUT_OF_RANGE` with a path such as `"evaluation.gains[3].cumulativeShare"`; `DUPLICATE_ID` for a decile
 *   listed twice; `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const svg = gainsChart({ gains: [
 *   { decile: 1, customers: 50, lift: 2, cumulativeShare: 0.5 },
 *   { decile: 2, customers: 50, lift: 0, cumulativeShare: 0.5 },
 *   { decile: 3, customers: 100, lift: 0.5, cumulativeShare: 1 },
 * ] });
 * svg.includes("Top 25%: 50% of positives");
 * // => true
 * ```
 */
export function gainsChart(evaluation: GainsChartInput, options?: GainsChartOptions): string {
  const ds = readGains(FN, evaluation, "evaluation");
  const { o, frame } = plotOptions(FN, options, ["color", "modelLabel"] as const satisfies readonly (keyof GainsChartOptions)[], {
    width: 480,
    height: 480,
    title: "Cumulative gains",
    id: "rk-gains",
  });
  const color = o.color === undefined ? "#0072b2" : hexColor(FN, o.color, "options.color");
  const label = stringOption(FN, o, "modelLabel", "Cumulative gains");

  let total = 0;
  for (const d of ds) total += d.customers;
  const drawn = ds.filter((d) => d.customers > 0 && d.share !== null);
  const defined = total > 0 && drawn.length > 0;
  const { body: axes, area, x, y } = unitSquare(frame, "Share of customers contacted, highest scores first", "Share of positives reached", "Random order");
  let body = axes;
  let top = "";
  if (defined) {
    let d = `M${num(x(0))} ${num(y(0))}`;
    let marks = `<g class="markers">\n`;
    let cum = 0;
    for (const r of ds) {
      cum += r.customers;
      if (r.customers === 0 || r.share === null) continue;
      const px = x(cum / total);
      const py = y(r.share);
      d += `L${num(px)} ${num(py)}`;
      const what = `Top ${percent(cum / total, 0)}: ${percent(r.share, 0)} of positives`;
      if (top === "") top = `${what}, where a random order reaches ${percent(cum / total, 0)}`;
      marks += `<circle cx="${num(px)}" cy="${num(py)}" r="3" fill="${color}"><title>${escapeXml(`Decile ${r.decile}. ${what}${r.lift === null ? "" : `, lift ${fixed(r.lift, 2)}`}`)}</title></circle>\n`;
    }
    body += `<path class="gains" d="${d}" fill="none" stroke="${color}" stroke-width="2"/>\n` + marks + "</g>\n";
  } else {
    const why = total === 0 ? "No scored customers" : "No positives: the gains chart needs some";
    body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, why, `text-anchor="middle" fill="#666666"`) + "\n";
  }
  body += lineLegend(frame, area, color, label);
  const desc = defined
    ? `Cumulative gains of ${total} scored customers over ${drawn.length} decile${drawn.length === 1 ? "" : "s"}. ${top}.`
    : `Empty gains chart: ${total === 0 ? "no scored customers" : "no positives"}.`;
  return svgDocument(frame, desc, body);
}
