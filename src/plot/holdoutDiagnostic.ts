import type { BasePlotOptions } from "./options.js";
import { array, count, fail, finiteNumber, nonNegativeNumber, optionsBag, record, show } from "../internal/validate.js";
import {
  boolOption,
  compactCount,
  fixed,
  hexColor,
  linear,
  niceMax,
  niceTicks,
  num,
  plotOptions,
  stringOption,
  svgDocument,
  text,
  titleSpace,
  yAxis,
} from "./internal/svg.js";

/**
 * One row of a calibration/holdout diagnostic: customers grouped by their calibration-period frequency, with
 * the mean number of holdout purchases they actually made and the mean a model predicted for them.
 *
 * @category Plot
 * @example
 * ```ts
 * const row: HoldoutDiagnosticRow = { frequency: 2, customers: 210, actual: 1.35, predicted: 1.28 };
 * ```
 */
export interface HoldoutDiagnosticRow {
  /** Repeat purchases in the calibration period (the group), a number ≥ 0. */
  readonly frequency: number;
  /** Customers in the group. */
  readonly customers: number;
  /** Mean actual holdout purchases per customer of the group, or `null` if unknown (not drawn). */
  readonly actual: number | null;
  /** Mean predicted holdout purchases per customer of the group, or `null` if unknown (not drawn). */
  readonly predicted: number | null;
}

/**
 * Options of {@link holdoutDiagnostic}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: HoldoutDiagnosticOptions = { kind: "bars", lastBinOpen: true, modelLabel: "BG/NBD" };
 * ```
 */
export interface HoldoutDiagnosticOptions extends BasePlotOptions {
  /** `"lines"` (default: solid line with circles for actual, dashed with squares for predicted) or `"bars"` (grouped). */
  kind?: "lines" | "bars";
  /** Colours (hex). Defaults: actual `"#1a1a1a"`, predicted `"#d55e00"`. */
  colors?: { actual?: string; predicted?: string };
  /** Label the last group `"k+"` (it holds every customer with k or more calibration purchases). Default false. */
  lastBinOpen?: boolean;
  /** Write each group's number of customers under its label. Default true. */
  showCustomers?: boolean;
  /** Name of the model in the legend (`"Predicted (BG/NBD)"`). Default none. */
  modelLabel?: string;
  /** Caption of the frequency axis. Default `"Purchases in calibration period"`. */
  frequencyLabel?: string;
  /** Caption of the value axis. Default `"Mean purchases in holdout period"`. */
  valueLabel?: string;
}

const FN = "holdoutDiagnostic";

/**
 * Draws the standard out-of-sample check of a purchase model (Fader, Hardie & Lee 2005, fig. 4 of the BG/NBD
 * paper): customers are grouped by their number of repeat purchases in the calibration period; for each group
 * the chart compares the mean number of purchases they actually made in the holdout period with the mean the
 * model predicted (its conditional expectation). A good model tracks the actual line, including the
 * regression to the mean of heavy buyers. Groups are drawn in the order given, evenly spaced.
 *
 * @param rows - `{ frequency, customers, actual, predicted }` per calibration-frequency group
 * @param options - size, title, lines or bars, colours, labels; see {@link HoldoutDiagnosticOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER`, `NEGATIVE_VALUE` or `NOT_INTEGER` with a path
 *   such as `"rows[3].predicted"`; `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const svg = holdoutDiagnostic([
 *   { frequency: 0, customers: 1411, actual: 0.24, predicted: 0.23 },
 *   { frequency: 1, customers: 439, actual: 0.7, predicted: 0.85 },
 *   { frequency: 2, customers: 214, actual: 1.39, predicted: 1.42 },
 * ]);
 * svg.includes("Predicted");
 * // => true
 * ```
 */
export function holdoutDiagnostic(rows: readonly HoldoutDiagnosticRow[], options?: HoldoutDiagnosticOptions): string {
  const input = array<HoldoutDiagnosticRow>(FN, rows, "rows");
  const n = input.length;
  const freq: number[] = [];
  const cust: number[] = [];
  const act: (number | null)[] = [];
  const pred: (number | null)[] = [];
  let maxV = 0;
  for (let i = 0; i < n; i++) {
    const row = record(FN, input[i], `rows[${i}]`);
    freq.push(nonNegativeNumber(FN, row.frequency, `rows[${i}].frequency`));
    cust.push(count(FN, row.customers, `rows[${i}].customers`));
    const a = row.actual === null ? null : nonNegativeNumber(FN, row.actual, `rows[${i}].actual`);
    const p = row.predicted === null ? null : nonNegativeNumber(FN, row.predicted, `rows[${i}].predicted`);
    act.push(a);
    pred.push(p);
    maxV = Math.max(maxV, a ?? 0, p ?? 0);
  }

  const { o, frame } = plotOptions(
    FN,
    options,
    ["kind", "colors", "lastBinOpen", "showCustomers", "modelLabel", "frequencyLabel", "valueLabel"] as const satisfies readonly (keyof HoldoutDiagnosticOptions)[],
    { width: 640, height: 400, title: "Predicted vs actual holdout purchases", id: "rk-holdout" },
  );
  const kind = o.kind ?? "lines";
  if (kind !== "lines" && kind !== "bars") fail(FN, "INVALID_OPTION", `options.kind must be "lines" or "bars", got ${show(kind)}`, "options.kind");
  let actualColor = "#1a1a1a";
  let predictedColor = "#d55e00";
  if (o.colors !== undefined) {
    const cs = optionsBag(FN, o.colors, ["actual", "predicted"] as const, "options.colors");
    if (cs.actual !== undefined) actualColor = hexColor(FN, cs.actual, "options.colors.actual");
    if (cs.predicted !== undefined) predictedColor = hexColor(FN, cs.predicted, "options.colors.predicted");
  }
  const lastOpen = boolOption(FN, o, "lastBinOpen", false);
  const showCustomers = boolOption(FN, o, "showCustomers", true);
  const model = o.modelLabel === undefined ? null : stringOption(FN, o, "modelLabel", "");
  const freqCaption = stringOption(FN, o, "frequencyLabel", "Purchases in calibration period");
  const valueCaption = stringOption(FN, o, "valueLabel", "Mean purchases in holdout period");

  const fs = frame.fontSize;
  const legendH = fs * 1.8;
  const area = {
    left: fs * 4.6,
    top: titleSpace(frame) + legendH + 6,
    right: frame.width - 18,
    bottom: frame.height - fs * (showCustomers ? 5 : 3.8),
  };
  const top = niceMax(maxV, 5);
  const y = linear(0, top, area.bottom, area.top);
  const yt = niceTicks(0, top, 5);
  let body = yAxis(area, yt.ticks, y, (v) => fixed(v, yt.decimals), fs, valueCaption);
  const slot = n > 0 ? (area.right - area.left) / n : 0;
  const cx = (i: number): number => area.left + (i + 0.5) * slot;

  // category axis: frequency labels, customers below them (thinned when crowded)
  const labelOf = (i: number): string => `${num(freq[i]!)}${lastOpen && i === n - 1 ? "+" : ""}`;
  let widest = 0;
  for (let i = 0; i < n; i++) widest = Math.max(widest, labelOf(i).length * fs * 0.6, showCustomers ? `n=${compactCount(cust[i]!)}`.length * fs * 0.5 : 0);
  const every = Math.max(1, Math.ceil((widest + 6) / Math.max(slot, 1e-9)));
  body += `<g class="x-axis" fill="#444444" font-size="${num(fs)}" text-anchor="middle">\n`;
  body += `<line x1="${num(area.left)}" x2="${num(area.right)}" y1="${num(area.bottom)}" y2="${num(area.bottom)}" stroke="#666666"/>\n`;
  for (let i = 0; i < n; i += every) {
    body += text(cx(i), area.bottom + fs * 1.3, labelOf(i));
    if (showCustomers) body += text(cx(i), area.bottom + fs * 2.5, `n=${compactCount(cust[i]!)}`, `font-size="${num(fs * 0.85)}" fill="#777777"`);
    body += "\n";
  }
  body += text((area.left + area.right) / 2, frame.height - fs * 0.8, freqCaption, `fill="#1a1a1a"`) + "\n";
  body += "</g>\n";

  if (kind === "bars") {
    const bw = Math.max(1, slot * 0.36);
    body += `<g class="bars">\n`;
    for (let i = 0; i < n; i++) {
      const a = act[i]!;
      const p = pred[i]!;
      if (a !== null) body += `<rect class="actual" x="${num(cx(i) - bw)}" y="${num(y(a))}" width="${num(bw)}" height="${num(area.bottom - y(a))}" fill="${actualColor}"><title>${labelOf(i)}: actual ${fixed(a, 3)}</title></rect>`;
      if (a === null) body += text(cx(i) - bw / 2, area.bottom - 4, "n/a", `text-anchor="middle" font-size="${num(fs * 0.8)}" fill="#777777"`);
      if (p === null) body += text(cx(i) + bw / 2, area.bottom - 4, "n/a", `text-anchor="middle" font-size="${num(fs * 0.8)}" fill="#777777"`);
      if (p !== null) body += `<rect class="predicted" x="${num(cx(i))}" y="${num(y(p))}" width="${num(bw)}" height="${num(area.bottom - y(p))}" fill="#ffffff" stroke="${predictedColor}" stroke-width="2"><title>${labelOf(i)}: predicted ${fixed(p, 3)}</title></rect>`;
      body += "\n";
    }
    body += "</g>\n";
  } else {
    // lines break at null values
    const line = (vals: readonly (number | null)[]): string => {
      let d = "";
      let pen = false;
      for (let i = 0; i < n; i++) {
        const v = vals[i]!;
        if (v === null) {
          pen = false;
          continue;
        }
        d += `${pen ? "L" : "M"}${num(cx(i))} ${num(y(v))}`;
        pen = true;
      }
      return d;
    };
    const da = line(act);
    const dp = line(pred);
    if (dp !== "") body += `<path class="predicted" d="${dp}" fill="none" stroke="${predictedColor}" stroke-width="2" stroke-dasharray="6 4"/>\n`;
    if (da !== "") body += `<path class="actual" d="${da}" fill="none" stroke="${actualColor}" stroke-width="2"/>\n`;
    body += `<g class="markers">\n`;
    for (let i = 0; i < n; i++) {
      const a = act[i]!;
      const p = pred[i]!;
      if (p !== null) body += `<rect x="${num(cx(i) - 3.5)}" y="${num(y(p) - 3.5)}" width="7" height="7" fill="#ffffff" stroke="${predictedColor}" stroke-width="2"><title>${labelOf(i)}: predicted ${fixed(p, 3)}</title></rect>`;
      if (a !== null) body += `<circle cx="${num(cx(i))}" cy="${num(y(a))}" r="3.5" fill="${actualColor}"><title>${labelOf(i)}: actual ${fixed(a, 3)}</title></circle>`;
      body += "\n";
    }
    body += "</g>\n";
  }

  // legend above the plot, right-aligned: swatch styles match the marks (shape + dash survive greyscale)
  const predictedName = model === null || model === "" ? "Predicted" : `Predicted (${model})`;
  const ly = titleSpace(frame) + fs * 0.6;
  const w2 = 30 + predictedName.length * fs * 0.6;
  const lx2 = area.right - w2;
  const lx1 = lx2 - 16 - (30 + 6 * fs * 0.6);
  body += `<g class="legend" font-size="${num(fs)}" fill="#1a1a1a">\n`;
  if (kind === "bars") {
    body += `<rect x="${num(lx1)}" y="${num(ly - 5)}" width="18" height="10" fill="${actualColor}"/>`;
    body += `<rect x="${num(lx2)}" y="${num(ly - 5)}" width="18" height="10" fill="#ffffff" stroke="${predictedColor}" stroke-width="2"/>`;
  } else {
    body += `<path d="M${num(lx1)} ${num(ly)}h22" stroke="${actualColor}" stroke-width="2"/><circle cx="${num(lx1 + 11)}" cy="${num(ly)}" r="3.5" fill="${actualColor}"/>`;
    body += `<path d="M${num(lx2)} ${num(ly)}h22" stroke="${predictedColor}" stroke-width="2" stroke-dasharray="6 4"/><rect x="${num(lx2 + 7.5)}" y="${num(ly - 3.5)}" width="7" height="7" fill="#ffffff" stroke="${predictedColor}" stroke-width="2"/>`;
  }
  body += text(lx1 + 26, ly + fs * 0.35, "Actual") + text(lx2 + 26, ly + fs * 0.35, predictedName) + "\n</g>\n";
  if (n === 0) body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, "No groups", `text-anchor="middle" fill="#666666"`) + "\n";

  // description: the largest gap, so a screen-reader user gets the verdict, not just the layout
  let worst = -1;
  let worstGap = -1;
  let totalCust = 0;
  for (let i = 0; i < n; i++) {
    totalCust += cust[i]!;
    const a = act[i]!;
    const p = pred[i]!;
    if (a !== null && p !== null && Math.abs(p - a) > worstGap) {
      worstGap = Math.abs(p - a);
      worst = i;
    }
  }
  const gap =
    worst >= 0
      ? ` The largest gap is at ${labelOf(worst)} calibration purchases: actual ${fixed(act[worst]!, 2)}, predicted ${fixed(pred[worst]!, 2)}.`
      : "";
  const desc =
    n === 0
      ? "Empty holdout diagnostic: no groups."
      : `${kind === "bars" ? "Grouped bars" : "Lines"} comparing actual and ${predictedName.toLowerCase()} mean holdout purchases for ${n} group${n === 1 ? "" : "s"} of customers by calibration frequency (${totalCust} customers in all).${gap}`;
  return svgDocument(frame, desc, body);
}
