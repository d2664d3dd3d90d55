import type { BasePlotOptions } from "./options.js";
import { array, boolean, fail, finiteNumber, record, show } from "../internal/validate.js";
import { escapeXml, fixed, hexColor, intOption, num, plotOptions, stringOption, svgDocument, text } from "./internal/svg.js";
import { lineLegend, unitSquare } from "./internal/unitSquare.js";

/**
 * A scored customer for {@link rocCurve}: the same rows as `evaluateClassifier(...)` takes.
 *
 * @category Plot
 * @example
 * ```ts
 * const row: RocInputRow = { score: 0.82, outcome: true };
 * ```
 */
export interface RocInputRow {
  /** The risk score, any finite number (higher = more likely the outcome). */
  readonly score: number;
  /** Whether the outcome happened (`true` = positive, e.g. churned). */
  readonly outcome: boolean;
}

/**
 * Options of {@link rocCurve}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: RocCurveOptions = { modelLabel: "Logistic", color: "#0072b2", maxPoints: 500 };
 * ```
 */
export interface RocCurveOptions extends BasePlotOptions {
  /** Line colour (hex). Default `"#0072b2"`. */
  color?: string;
  /** Name of the score in the legend (`"Logistic (AUC 0.812)"`). Default `"ROC"`. */
  modelLabel?: string;
  /** The most vertices drawn, 10..100000: above it the curve is drawn through evenly spaced vertices (the AUC is always exact). Default 1000. */
  maxPoints?: number;
}

const FN = "rocCurve";

/**
 * Draws the ROC curve of a score: for each threshold, from the highest score down, the share of positives
 * scored at or above it (true-positive rate, y) against the share of negatives (false-positive rate, x).
 * Customers with tied scores move the curve together, along a diagonal segment. The area under it (the AUC,
 * the Mann–Whitney statistic with ties counted half, as `evaluateClassifier` reports) is written in the
 * legend; the dotted diagonal is a random score (AUC 0.5). Rows may come in any order.
 *
 * @param scored - `{ score, outcome }` per customer
 * @param options - size, title, colour, label, vertex budget; see {@link RocCurveOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE` or `INVALID_NUMBER` with a path such as `"scored[3].score"` (an
 *   outcome of 0 or 1 says to convert it); `INVALID_OPTION` / `UNKNOWN_OPTION` / `OUT_OF_RANGE` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const svg = rocCurve([
 *   { score: 0.9, outcome: true }, { score: 0.8, outcome: true }, { score: 0.7, outcome: false },
 *   { score: 0.6, outcome: true }, { score: 0.3, outcome: false }, { score: 0.1, outcome: false },
 * ]);
 * svg.includes("ROC (AUC 0.889)");
 * // => true
 * ```
 */
export function rocCurve(scored: readonly RocInputRow[], options?: RocCurveOptions): string {
  const input = array<RocInputRow>(FN, scored, "scored");
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const path = `scored[${i}]`;
    const row = record(FN, input[i], path);
    const s = row.score;
    const y = row.outcome;
    const score = finiteNumber(FN, s, `${path}.score`);
    if (y === 0 || y === 1) fail(FN, "INVALID_TYPE", `${path}.outcome must be true or false, got ${show(y)}: convert a 0/1 column with outcome === 1`, `${path}.outcome`);
    (boolean(FN, y, `${path}.outcome`) ? pos : neg).push(score === 0 ? 0 : score);
  }
  const { o, frame } = plotOptions(FN, options, ["color", "modelLabel", "maxPoints"] as const satisfies readonly (keyof RocCurveOptions)[], {
    width: 480,
    height: 480,
    title: "ROC curve",
    id: "rk-roc",
  });
  const color = o.color === undefined ? "#0072b2" : hexColor(FN, o.color, "options.color");
  const label = stringOption(FN, o, "modelLabel", "ROC");
  const maxPoints = intOption(FN, o, "maxPoints", 1000, 10, 100_000);

  const m = pos.length;
  const nn = neg.length;
  const P = Float64Array.from(pos).sort();
  const N = Float64Array.from(neg).sort();
  // Vertices from the highest score down: one per group of tied scores.
  const fpr: number[] = [0];
  const tpr: number[] = [0];
  let area2 = 0; // twice the area, in units of 1/(m·n)
  if (m > 0 && nn > 0) {
    let a = m - 1;
    let b = nn - 1;
    let tp = 0;
    let fp = 0;
    while (a >= 0 || b >= 0) {
      const s = Math.max(a >= 0 ? P[a]! : Number.NEGATIVE_INFINITY, b >= 0 ? N[b]! : Number.NEGATIVE_INFINITY);
      const tp0 = tp;
      const fp0 = fp;
      while (a >= 0 && P[a] === s) {
        a--;
        tp++;
      }
      while (b >= 0 && N[b] === s) {
        b--;
        fp++;
      }
      area2 += (fp - fp0) * (tp + tp0);
      fpr.push(fp / nn);
      tpr.push(tp / m);
    }
  }
  const defined = m > 0 && nn > 0;
  const auc = defined ? area2 / 2 / m / nn : null;

  const { body: axes, area, x, y } = unitSquare(frame, "False-positive rate", "True-positive rate", "Random score (AUC 0.5)");
  let body = axes;
  const legendLabel = auc === null ? label : `${label} (AUC ${fixed(auc, 3)})`;
  if (defined) {
    const g = fpr.length - 1; // vertices after the origin
    const step = Math.max(1, g / maxPoints);
    let d = `M${num(x(0))} ${num(y(0))}`;
    let last = 0;
    for (let k = step; ; k += step) {
      const j = Math.min(g, Math.round(k));
      if (j > last) d += `L${num(x(fpr[j]!))} ${num(y(tpr[j]!))}`;
      last = j;
      if (j >= g) break;
    }
    body += `<path class="roc" d="${d}" fill="none" stroke="${color}" stroke-width="2"><title>${escapeXml(legendLabel)}</title></path>\n`;
  } else {
    const why = input.length === 0 ? "No scored customers" : m === 0 ? "No positives: the ROC curve needs both outcomes" : "No negatives: the ROC curve needs both outcomes";
    body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, why, `text-anchor="middle" fill="#666666"`) + "\n";
  }
  body += lineLegend(frame, area, color, legendLabel);

  const desc = defined
    ? `ROC curve of ${m + nn} scored customers (${m} positive, ${nn} negative): AUC ${fixed(auc!, 3)}, against 0.5 for a random score.`
    : `Empty ROC curve: ${input.length === 0 ? "no scored customers" : m === 0 ? "no positives" : "no negatives"}; it needs both outcomes.`;
  return svgDocument(frame, desc, body);
}
