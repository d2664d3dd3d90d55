import type { BasePlotOptions } from "./options.js";
import { array, boolean, count, fail, finiteNumber, nonNegativeNumber, optionsBag, record, show } from "../internal/validate.js";
import { compactCount, fixed, hexColor, linear, niceMax, niceTicks, num, plotOptions, stringOption, svgDocument, text, titleSpace, yAxis } from "./internal/svg.js";

/**
 * One bin as {@link periodTransactionsChart} reads it: a bin of `periodTransactionsHistogram(...)`.
 *
 * @category Plot
 * @example
 * ```ts
 * const bin: PeriodTransactionsChartBin = { frequency: 0, andAbove: false, actual: 1411, expected: 1406.5 };
 * ```
 */
export interface PeriodTransactionsChartBin {
  /** Repeat purchases of the bin (the lowest of an open-ended last bin). */
  readonly frequency: number;
  /** Whether the bin gathers every frequency from `frequency` up (labelled "7+"). */
  readonly andAbove: boolean;
  /** Customers observed in the bin. */
  readonly actual: number;
  /** Customers the model expects in the bin. */
  readonly expected: number;
}

/**
 * The histogram {@link periodTransactionsChart} draws: the result of `periodTransactionsHistogram(...)`
 * works as is (its other fields are not read).
 *
 * @category Plot
 * @example
 * ```ts
 * const h: PeriodTransactionsChartInput = {
 *   bins: [{ frequency: 0, andAbove: false, actual: 30, expected: 21 }, { frequency: 1, andAbove: true, actual: 12, expected: 21 }],
 *   chiSquare: 7.71, df: 1, pValue: 0.0055,
 * };
 * ```
 */
export interface PeriodTransactionsChartInput {
  /** The bins, drawn in the order given. */
  readonly bins: readonly PeriodTransactionsChartBin[];
  /** Pearson's χ², written in the caption with `df` and `pValue` when given. */
  readonly chiSquare?: number;
  /** Degrees of freedom of the test. */
  readonly df?: number;
  /** The test's p-value; `null` when there were too few groups for a test. */
  readonly pValue?: number | null;
}

/**
 * Options of {@link periodTransactionsChart}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: PeriodTransactionsChartOptions = { modelLabel: "BG/NBD", colors: { expected: "#0072b2" } };
 * ```
 */
export interface PeriodTransactionsChartOptions extends BasePlotOptions {
  /** Bar colours (hex). Defaults: actual `"#1a1a1a"` (filled), model `"#d55e00"` (outlined). */
  colors?: { actual?: string; expected?: string };
  /** Name of the model in the legend (`"Model (BG/NBD)"`). Default none. */
  modelLabel?: string;
  /** Caption of the frequency axis. Default `"Repeat purchases in calibration period"`. */
  frequencyLabel?: string;
  /** Caption of the value axis. Default `"Customers"`. */
  valueLabel?: string;
}

const FN = "periodTransactionsChart";

/** The most bins drawn (as `periodTransactionsHistogram` gives at most). */
const MAX_BINS = 1_000;

/**
 * Draws the calibration repeat-frequency histogram of a purchase model (lifetimes'
 * `plot_period_transactions`; Fader, Hardie & Lee 2005, Fig. 2): for each number of repeat purchases, the
 * customers who made that many (filled bar) beside the number the model expects (outlined bar), with the
 * open last bin labelled "7+" and, under the legend, the goodness-of-fit caption
 * "χ² = 4.82, df = 3, p = 0.185" when the input carries the statistic. Values are customer counts.
 *
 * @param histogram - `periodTransactionsHistogram(...)`'s result, or `{ bins: { frequency, andAbove, actual, expected }[], chiSquare?, df?, pValue? }`
 * @param options - size, title, colours, labels; see {@link PeriodTransactionsChartOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER`, `NEGATIVE_VALUE` or `NOT_INTEGER` with a path
 *   such as `"histogram.bins[3].expected"`; `OUT_OF_RANGE` for more than 1 000 bins or a p-value outside
 *   [0, 1]; `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const svg = periodTransactionsChart({
 *   bins: [
 *     { frequency: 0, andAbove: false, actual: 1411, expected: 1406.5 },
 *     { frequency: 1, andAbove: false, actual: 439, expected: 460.81 },
 *     { frequency: 2, andAbove: true, actual: 507, expected: 489.69 },
 *   ],
 *   chiSquare: 1.65, df: 1, pValue: 0.199,
 * });
 * svg.includes("χ² = 1.65, df = 1, p = 0.199");
 * // => true
 * ```
 */
export function periodTransactionsChart(histogram: PeriodTransactionsChartInput, options?: PeriodTransactionsChartOptions): string {
  const h = record(FN, histogram, "histogram");
  const input = array<unknown>(FN, h.bins, "histogram.bins");
  if (!(input.length <= MAX_BINS)) fail(FN, "OUT_OF_RANGE", `histogram.bins has ${input.length} bins, more than the ${MAX_BINS} drawn at most`, "histogram.bins");
  const bins: { label: string; a: number; e: number }[] = [];
  let maxV = 0;
  for (let i = 0; i < input.length; i++) {
    const p = `histogram.bins[${i}]`;
    const b = record(FN, input[i], p);
    const frequency = count(FN, b.frequency, `${p}.frequency`);
    const open = boolean(FN, b.andAbove, `${p}.andAbove`);
    const a = nonNegativeNumber(FN, b.actual, `${p}.actual`);
    const e = nonNegativeNumber(FN, b.expected, `${p}.expected`);
    bins.push({ label: `${frequency}${open ? "+" : ""}`, a, e });
    maxV = Math.max(maxV, a, e);
  }
  const caption = testCaption(h.chiSquare, h.df, h.pValue);

  const { o, frame } = plotOptions(
    FN,
    options,
    ["colors", "modelLabel", "frequencyLabel", "valueLabel"] as const satisfies readonly (keyof PeriodTransactionsChartOptions)[],
    { width: 640, height: 400, title: "Repeat purchases in calibration: actual vs model", id: "rk-period-transactions" },
  );
  let actualColor = "#1a1a1a";
  let expectedColor = "#d55e00";
  if (o.colors !== undefined) {
    const cs = optionsBag(FN, o.colors, ["actual", "expected"] as const, "options.colors");
    if (cs.actual !== undefined) actualColor = hexColor(FN, cs.actual, "options.colors.actual");
    if (cs.expected !== undefined) expectedColor = hexColor(FN, cs.expected, "options.colors.expected");
  }
  const model = stringOption(FN, o, "modelLabel", "");
  const freqCaption = stringOption(FN, o, "frequencyLabel", "Repeat purchases in calibration period");
  const valueCaption = stringOption(FN, o, "valueLabel", "Customers");

  const n = bins.length;
  const fs = frame.fontSize;
  const legendH = fs * (caption === null ? 1.8 : 3.2);
  const area = {
    left: fs * 5.2,
    top: titleSpace(frame) + legendH + 6,
    right: frame.width - 18,
    bottom: frame.height - fs * 3.8,
  };
  const top = niceMax(maxV, 5);
  const y = linear(0, top, area.bottom, area.top);
  const yt = niceTicks(0, top, 5);
  let body = yAxis(area, yt.ticks, y, (v) => fixed(v, yt.decimals), fs, valueCaption);
  const slot = n > 0 ? (area.right - area.left) / n : 0;
  const cx = (i: number): number => area.left + (i + 0.5) * slot;

  // category axis, labels thinned when crowded
  let widest = 0;
  for (const b of bins) widest = Math.max(widest, b.label.length * fs * 0.6);
  const every = Math.max(1, Math.ceil((widest + 6) / Math.max(slot, 1e-9)));
  body += `<g class="x-axis" fill="#444444" font-size="${num(fs)}" text-anchor="middle">\n`;
  body += `<line x1="${num(area.left)}" x2="${num(area.right)}" y1="${num(area.bottom)}" y2="${num(area.bottom)}" stroke="#666666"/>\n`;
  for (let i = 0; i < n; i += every) body += text(cx(i), area.bottom + fs * 1.3, bins[i]!.label) + "\n";
  body += text((area.left + area.right) / 2, frame.height - fs * 0.8, freqCaption, `fill="#1a1a1a"`) + "\n";
  body += "</g>\n";

  const modelName = model === "" ? "Model" : `Model (${model})`;
  const bw = Math.max(1, slot * 0.36);
  body += `<g class="bars">\n`;
  for (let i = 0; i < n; i++) {
    const { label, a, e } = bins[i]!;
    body += `<rect class="actual" x="${num(cx(i) - bw)}" y="${num(y(a))}" width="${num(bw)}" height="${num(area.bottom - y(a))}" fill="${actualColor}"><title>${label}: actual ${compactCount(a)} customers</title></rect>`;
    body += `<rect class="expected" x="${num(cx(i))}" y="${num(y(e))}" width="${num(bw)}" height="${num(area.bottom - y(e))}" fill="#ffffff" stroke="${expectedColor}" stroke-width="2"><title>${label}: model ${fixed(e, 1)} customers</title></rect>\n`;
  }
  body += "</g>\n";

  // legend above the plot, right-aligned (filled against outlined survives greyscale); the test below it
  const ly = titleSpace(frame) + fs * 0.6;
  const lx2 = area.right - (30 + modelName.length * fs * 0.6);
  const lx1 = lx2 - 16 - (30 + 6 * fs * 0.6);
  body += `<g class="legend" font-size="${num(fs)}" fill="#1a1a1a">\n`;
  body += `<rect x="${num(lx1)}" y="${num(ly - 5)}" width="18" height="10" fill="${actualColor}"/>`;
  body += `<rect x="${num(lx2)}" y="${num(ly - 5)}" width="18" height="10" fill="#ffffff" stroke="${expectedColor}" stroke-width="2"/>`;
  body += text(lx1 + 26, ly + fs * 0.35, "Actual") + text(lx2 + 26, ly + fs * 0.35, modelName) + "\n";
  if (caption !== null) body += text(area.right, ly + fs * 1.75, caption, `class="fit" text-anchor="end" fill="#444444"`) + "\n";
  body += "</g>\n";
  if (n === 0) body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, "No bins", `text-anchor="middle" fill="#666666"`) + "\n";

  // description: the customers, the largest gap and the test, so a screen-reader user gets the verdict
  let worst = -1;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += bins[i]!.a;
    if (worst < 0 || Math.abs(bins[i]!.a - bins[i]!.e) > Math.abs(bins[worst]!.a - bins[worst]!.e)) worst = i;
  }
  const desc =
    n === 0
      ? "Empty repeat-purchase histogram: no bins."
      : `Grouped bars of the customers by repeat purchases in the calibration period, actual against ${modelName.toLowerCase()}, over ${n} bin${n === 1 ? "" : "s"} (${compactCount(total)} customers). The largest gap is at ${bins[worst]!.label}: actual ${compactCount(bins[worst]!.a)}, model ${fixed(bins[worst]!.e, 1)}.${caption === null ? "" : ` Goodness of fit: ${caption}.`}`;
  return svgDocument(frame, desc, body);
}

/** "χ² = 4.82, df = 3, p = 0.185" from the optional test fields; null when there is no statistic. */
function testCaption(chi: unknown, df: unknown, p: unknown): string | null {
  if (chi === undefined) return null;
  const c = nonNegativeNumber(FN, chi, "histogram.chiSquare");
  let s = `χ² = ${fixed(c, 2)}`;
  if (df !== undefined) s += `, df = ${fixed(finiteNumber(FN, df, "histogram.df"), 0)}`;
  if (p === null) return `${s}, too few bins for a p-value`;
  if (p !== undefined) {
    const v = finiteNumber(FN, p, "histogram.pValue");
    if (!(v >= 0 && v <= 1)) fail(FN, "OUT_OF_RANGE", `histogram.pValue must be in [0, 1] or null, got ${show(v)}`, "histogram.pValue");
    s += `, p = ${v >= 0.001 ? fixed(v, 3) : "< 0.001"}`;
  }
  return s;
}
