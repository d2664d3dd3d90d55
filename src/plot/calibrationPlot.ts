import type { BasePlotOptions } from "./options.js";
import { array, count, fraction, integerAtLeast, record } from "../internal/validate.js";
import { escapeXml, hexColor, num, percent, plotOptions, sortUniqueBy, stringOption, svgDocument, text } from "./internal/svg.js";
import { lineLegend, unitSquare } from "./internal/unitSquare.js";

/**
 * The part of an `evaluateClassifier(...)` result that {@link calibrationPlot} draws (the whole result works as is).
 *
 * @category Plot
 * @example
 * ```ts
 * const e: CalibrationPlotInput = { calibration: [{ decile: 1, customers: 10, meanScore: 0.7, observedRate: 0.6 }] };
 * ```
 */
export interface CalibrationPlotInput {
  /** The calibration table by decile: `{ decile, customers, meanScore, observedRate }`. */
  readonly calibration: readonly {
    /** 1 to 10, highest scores first. */
    readonly decile: number;
    /** Customers in the decile. */
    readonly customers: number;
    /** Mean predicted probability in the decile, in [0, 1]; `null` when empty. */
    readonly meanScore: number | null;
    /** Observed share of positives, in [0, 1]; `null` when empty. */
    readonly observedRate: number | null;
  }[];
}

/**
 * Options of {@link calibrationPlot}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: CalibrationPlotOptions = { modelLabel: "Logistic", color: "#cc79a7" };
 * ```
 */
export interface CalibrationPlotOptions extends BasePlotOptions {
  /** Line and marker colour (hex). Default `"#0072b2"`. */
  color?: string;
  /** Name of the score in the legend. Default `"Observed by decile"`. */
  modelLabel?: string;
}

const FN = "calibrationPlot";

/**
 * Draws the calibration (reliability) plot of a probability score: per decile of
 * `evaluateClassifier(...).calibration`, the observed share of positives (y) against the mean predicted
 * probability (x), joined in order of the mean prediction. A well-calibrated score lies on the dotted
 * diagonal; points below it over-predict. Empty deciles are not drawn. Scores must be probabilities (in
 * [0, 1]): a rank or points score has no calibration to draw.
 *
 * @param evaluation - an `evaluateClassifier(...)` result, or `{ calibration }`
 * @param options - size, title, colour, label; see {@link CalibrationPlotOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER`, `NOT_INTEGER` or `OUT_OF_RANGE` (a mean
 *   score outside [0, 1]) with a path such as `"evaluation.calibration[3].meanScore"`; `DUPLICATE_ID` for a
 *   decile listed twice; `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const svg = calibrationPlot({ calibration: [
 *   { decile: 1, customers: 100, meanScore: 0.8, observedRate: 0.7 },
 *   { decile: 2, customers: 100, meanScore: 0.2, observedRate: 0.25 },
 * ] });
 * svg.includes("The largest gap is in decile 1: predicted 80.0%, observed 70.0%.");
 * // => true
 * ```
 */
export function calibrationPlot(evaluation: CalibrationPlotInput, options?: CalibrationPlotOptions): string {
  const ev = record(FN, evaluation, "evaluation");
  const rows = array<unknown>(FN, ev.calibration, "evaluation.calibration");
  const ds: { decile: number; customers: number; p: number | null; obs: number | null; at: number }[] = [];
  for (let i = 0; i < rows.length; i++) {
    const path = `evaluation.calibration[${i}]`;
    const row = record(FN, rows[i], path);
    const decile = integerAtLeast(FN, row.decile, `${path}.decile`, 1);
    const customers = count(FN, row.customers, `${path}.customers`);
    const s = row.meanScore;
    const p = s === null ? null : fraction(FN, s, `${path}.meanScore`);
    const r = row.observedRate;
    const obs = r === null ? null : fraction(FN, r, `${path}.observedRate`);
    ds.push({ decile, customers, p, obs, at: i });
  }
  sortUniqueBy(FN, ds, "decile", "evaluation.calibration", "one row per decile, as evaluateClassifier gives");
  const { o, frame } = plotOptions(FN, options, ["color", "modelLabel"] as const satisfies readonly (keyof CalibrationPlotOptions)[], {
    width: 480,
    height: 480,
    title: "Calibration by decile",
    id: "rk-calibration",
  });
  const color = o.color === undefined ? "#0072b2" : hexColor(FN, o.color, "options.color");
  const label = stringOption(FN, o, "modelLabel", "Observed by decile");

  const pts = ds.filter((d) => d.customers > 0 && d.p !== null && d.obs !== null) as { decile: number; customers: number; p: number; obs: number }[];
  // joined in order of the prediction (deciles run from the highest score down); ties by decile
  const line = [...pts].sort((a, b) => a.p - b.p || a.decile - b.decile);
  const { body: axes, area, x, y } = unitSquare(frame, "Mean predicted probability", "Observed rate", "Perfect calibration");
  let body = axes;
  let worst: (typeof pts)[number] | null = null;
  let customers = 0;
  if (pts.length > 0) {
    let d = "";
    let marks = `<g class="markers">\n`;
    for (const q of line) {
      customers += q.customers;
      if (worst === null || Math.abs(q.p - q.obs) > Math.abs(worst.p - worst.obs)) worst = q;
      d += `${d === "" ? "M" : "L"}${num(x(q.p))} ${num(y(q.obs))}`;
      marks += `<circle cx="${num(x(q.p))}" cy="${num(y(q.obs))}" r="3.5" fill="${color}"><title>${escapeXml(`Decile ${q.decile} (${q.customers} customers): predicted ${percent(q.p, 1)}, observed ${percent(q.obs, 1)}`)}</title></circle>\n`;
    }
    body += `<path class="calibration" d="${d}" fill="none" stroke="${color}" stroke-width="2"/>\n` + marks + "</g>\n";
  } else {
    body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, "No deciles with customers", `text-anchor="middle" fill="#666666"`) + "\n";
  }
  body += lineLegend(frame, area, color, label);
  const gap = worst === null ? "" : ` The largest gap is in decile ${worst.decile}: predicted ${percent(worst.p, 1)}, observed ${percent(worst.obs, 1)}.`;
  const desc =
    pts.length === 0
      ? "Empty calibration plot: no deciles with customers."
      : `Observed rate against mean predicted probability for ${pts.length} decile${pts.length === 1 ? "" : "s"} of ${customers} customers.${gap}`;
  return svgDocument(frame, desc, body);
}
