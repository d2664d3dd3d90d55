import type { BasePlotOptions } from "./options.js";
import { array, boolean, integerAtLeast, nonNegativeNumber, optionsBag, record } from "../internal/validate.js";
import { boolOption, fixed, hexColor, linear, niceMax, niceTicks, num, plotOptions, stringOption, sortUniqueBy, svgDocument, text, titleSpace, xAxis, yAxis } from "./internal/svg.js";

/**
 * One period of a tracking chart: the fields of a `trackingTable(...)` row that the chart draws (a row of
 * that table works as is; its other fields are not read).
 *
 * @category Plot
 * @example
 * ```ts
 * const row: TrackingChartRow = { period: 1, calibration: true, actual: 17, expected: 17.2, cumulativeActual: 17, cumulativeExpected: 17.2 };
 * ```
 */
export interface TrackingChartRow {
  /** 1, 2, …: the period's number (its end is drawn at this x). */
  readonly period: number;
  /** Whether the period lies within the calibration period. */
  readonly calibration: boolean;
  /** Actual repeat transactions in the period (read when `cumulative: false`). */
  readonly actual: number;
  /** Expected repeat transactions in the period (read when `cumulative: false`). */
  readonly expected: number;
  /** Actual repeat transactions up to the end of the period (read when `cumulative` is true). */
  readonly cumulativeActual: number;
  /** Expected repeat transactions up to the end of the period (read when `cumulative` is true). */
  readonly cumulativeExpected: number;
}

/**
 * Options of {@link trackingChart}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: TrackingChartOptions = { cumulative: false, modelLabel: "BG/NBD", periodLabel: "Week" };
 * ```
 */
export interface TrackingChartOptions extends BasePlotOptions {
  /** Draw cumulative transactions (`true`, default) or transactions per period (`false`). */
  cumulative?: boolean;
  /** Colours (hex). Defaults: actual `"#1a1a1a"`, expected `"#d55e00"`. */
  colors?: { actual?: string; expected?: string };
  /** Name of the model in the legend (`"Expected (BG/NBD)"`). Default none. */
  modelLabel?: string;
  /** Caption of the period axis. Default `"Period"`. */
  periodLabel?: string;
  /** Caption of the value axis. Default `"Cumulative repeat transactions"`, or `"Repeat transactions per period"` when not cumulative. */
  valueLabel?: string;
}

const FN = "trackingChart";

/**
 * Draws the tracking chart of a purchase model (BTYD's tracking plots; lifetimes'
 * `plot_cumulative_transactions` and `plot_incremental_transactions`): per period, the cohort's actual
 * repeat transactions (solid line) against the model's expectation (dashed line), cumulative or per period,
 * with a dotted vertical line at the end of the calibration period (after the last period whose
 * `calibration` is true, when some period follows it). Values are counts of transactions; x is the period
 * number, the end of each period. Rows may come in any order: they are drawn by period.
 *
 * @param rows - `trackingTable(...)` rows, or `{ period, calibration, actual, expected, cumulativeActual, cumulativeExpected }`
 * @param options - size, title, cumulative or per period, colours, labels; see {@link TrackingChartOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER`, `NEGATIVE_VALUE`, `NOT_INTEGER` or
 *   `OUT_OF_RANGE` with a path such as `"rows[3].cumulativeExpected"`; `DUPLICATE_ID` when two rows have the
 *   same `period`; `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const svg = trackingChart([
 *   { period: 1, calibration: true, actual: 0, expected: 0.092, cumulativeActual: 0, cumulativeExpected: 0.092 },
 *   { period: 2, calibration: true, actual: 1, expected: 0.101, cumulativeActual: 1, cumulativeExpected: 0.193 },
 *   { period: 3, calibration: false, actual: 1, expected: 0.095, cumulativeActual: 2, cumulativeExpected: 0.288 },
 * ]);
 * svg.includes("End of calibration");
 * // => true
 * ```
 */
export function trackingChart(rows: readonly TrackingChartRow[], options?: TrackingChartOptions): string {
  const { o, frame } = plotOptions(
    FN,
    options,
    ["cumulative", "colors", "modelLabel", "periodLabel", "valueLabel"] as const satisfies readonly (keyof TrackingChartOptions)[],
    { width: 640, height: 400, title: "Tracking: actual vs expected repeat transactions", id: "rk-tracking" },
  );
  const cumulative = boolOption(FN, o, "cumulative", true);
  let actualColor = "#1a1a1a";
  let expectedColor = "#d55e00";
  if (o.colors !== undefined) {
    const cs = optionsBag(FN, o.colors, ["actual", "expected"] as const, "options.colors");
    if (cs.actual !== undefined) actualColor = hexColor(FN, cs.actual, "options.colors.actual");
    if (cs.expected !== undefined) expectedColor = hexColor(FN, cs.expected, "options.colors.expected");
  }
  const model = stringOption(FN, o, "modelLabel", "");
  const periodCaption = stringOption(FN, o, "periodLabel", "Period");
  const valueCaption = stringOption(FN, o, "valueLabel", cumulative ? "Cumulative repeat transactions" : "Repeat transactions per period");

  const input = array<TrackingChartRow>(FN, rows, "rows");
  const aKey = cumulative ? "cumulativeActual" : "actual";
  const eKey = cumulative ? "cumulativeExpected" : "expected";
  const pts: { period: number; calibration: boolean; a: number; e: number; at: number }[] = [];
  for (let i = 0; i < input.length; i++) {
    const row = record(FN, input[i], `rows[${i}]`);
    const period = integerAtLeast(FN, row.period, `rows[${i}].period`, 1);
    const calibration = boolean(FN, row.calibration, `rows[${i}].calibration`);
    const a = nonNegativeNumber(FN, row[aKey], `rows[${i}].${aKey}`);
    const e = nonNegativeNumber(FN, row[eKey], `rows[${i}].${eKey}`);
    pts.push({ period, calibration, a, e, at: i });
  }
  sortUniqueBy(FN, pts, "period", "rows", "one row per period, as trackingTable gives");
  const n = pts.length;
  let maxV = 0;
  let lastPeriod = 0;
  let calEnd = -1; // index of the last calibration period
  for (let k = 0; k < n; k++) {
    const p = pts[k]!;
    maxV = Math.max(maxV, p.a, p.e);
    lastPeriod = p.period;
    if (p.calibration) calEnd = k;
  }
  const marked = calEnd >= 0 && calEnd < n - 1; // some period follows the calibration end

  const fs = frame.fontSize;
  const area = {
    left: fs * 5.2,
    top: titleSpace(frame) + fs * 1.8 + 6,
    right: frame.width - 18,
    bottom: frame.height - fs * 3.8,
  };
  const top = niceMax(maxV, 5);
  const y = linear(0, top, area.bottom, area.top);
  const yt = niceTicks(0, top, 5);
  const xEnd = Math.max(1, lastPeriod);
  const x = linear(0, xEnd, area.left, area.right);
  const xt = niceTicks(0, xEnd, Math.max(2, Math.min(10, Math.floor((area.right - area.left) / (fs * 5)))));
  let body = yAxis(area, yt.ticks, y, (v) => fixed(v, yt.decimals), fs, valueCaption);
  body += xAxis(area, xt.ticks, x, (v) => fixed(v, xt.decimals), fs, periodCaption);

  if (marked) {
    const px = x(pts[calEnd]!.period);
    body += `<g class="calibration-end" fill="#444444" font-size="${num(fs * 0.9)}">\n`;
    body += `<line x1="${num(px)}" x2="${num(px)}" y1="${num(area.top)}" y2="${num(area.bottom)}" stroke="#666666" stroke-dasharray="2 3"/>\n`;
    body += text(px - 4, area.top + fs, "End of calibration", `text-anchor="end"`) + "\n";
    body += "</g>\n";
  }
  if (n === 0) body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, "No periods", `text-anchor="middle" fill="#666666"`) + "\n";

  const path = (pick: (p: (typeof pts)[number]) => number): string => {
    let d = "";
    for (let k = 0; k < n; k++) d += `${k === 0 ? "M" : "L"}${num(x(pts[k]!.period))} ${num(y(pick(pts[k]!)))}`;
    return d;
  };
  if (n > 0) {
    body += `<path class="expected" d="${path((p) => p.e)}" fill="none" stroke="${expectedColor}" stroke-width="2" stroke-dasharray="6 4"/>\n`;
    body += `<path class="actual" d="${path((p) => p.a)}" fill="none" stroke="${actualColor}" stroke-width="2"/>\n`;
  }

  // legend above the plot, right-aligned; the dash pattern tells the lines apart in greyscale
  const expectedName = model === "" ? "Expected" : `Expected (${model})`;
  const ly = titleSpace(frame) + fs * 0.6;
  const lx2 = area.right - (30 + expectedName.length * fs * 0.6);
  const lx1 = lx2 - 16 - (30 + 6 * fs * 0.6);
  body += `<g class="legend" font-size="${num(fs)}" fill="#1a1a1a">\n`;
  body += `<path d="M${num(lx1)} ${num(ly)}h22" stroke="${actualColor}" stroke-width="2"/>`;
  body += `<path d="M${num(lx2)} ${num(ly)}h22" stroke="${expectedColor}" stroke-width="2" stroke-dasharray="6 4"/>\n`;
  body += text(lx1 + 28, ly + fs * 0.35, "Actual") + text(lx2 + 28, ly + fs * 0.35, expectedName) + "\n";
  body += "</g>\n";

  const what = cumulative ? "Cumulative" : "Per-period";
  const at = (p: (typeof pts)[number], label: string): string => `${label} (period ${p.period}): actual ${fixed(p.a, 1)}, expected ${fixed(p.e, 1)}`;
  const ends = n === 0 ? "" : marked ? ` ${at(pts[calEnd]!, "At the end of calibration")}; ${at(pts[n - 1]!, "at the last period")}.` : ` ${at(pts[n - 1]!, "At the last period")}.`;
  const desc =
    n === 0
      ? "Empty tracking chart: no periods."
      : `${what} actual and ${model === "" ? "expected" : `expected (${model})`} repeat transactions over ${n} period${n === 1 ? "" : "s"}${marked ? `; calibration ends after period ${pts[calEnd]!.period}` : ""}.${ends}`;
  return svgDocument(frame, desc, body);
}
