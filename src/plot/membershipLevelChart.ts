import type { BasePlotOptions } from "./options.js";
import { array, count, fail, optionsBag, record, show } from "../internal/validate.js";
import { MAX_PERIODS, inDateRange } from "../internal/time.js";
import { boolOption, compactCount, dateLabel, escapeXml, fixed, hexColor, linear, niceMax, niceTicks, num, plotOptions, stringOption, svgDocument, text, textWidth, titleSpace, yAxis } from "./internal/svg.js";

/**
 * What {@link membershipLevelChart} draws: the `levels` and `counts` of a `membershipLevels(...)` result
 * (the result works as is; its members are not read).
 *
 * @category Plot
 * @example
 * ```ts
 * const data: MembershipLevelChartInput = { levels: ["Silver", "Gold"], counts: [{ periodStart: Date.UTC(2024, 0, 1), counts: [4, 1], none: 2 }] };
 * ```
 */
export interface MembershipLevelChartInput {
  /** The level names, lowest first. */
  readonly levels: readonly string[];
  /** One row per period: its start (epoch ms), the members per level (aligned with `levels`) and those with none. */
  readonly counts: readonly { readonly periodStart: number; readonly counts: readonly number[]; readonly none: number }[];
}

/**
 * Options of {@link membershipLevelChart}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: MembershipLevelChartOptions = { showNone: true, colors: ["#9e9e9e", "#d4a017"] };
 * ```
 */
export interface MembershipLevelChartOptions extends BasePlotOptions {
  /** One colour (hex) per level, lowest first. Default: a ramp from light blue to dark blue. */
  colors?: readonly string[];
  /** Stack the customers without a level too (light grey, at the bottom). Default false. */
  showNone?: boolean;
  /** Caption of the value axis. Default `"Members"`. */
  valueLabel?: string;
}

const FN = "membershipLevelChart";
const RAMP = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b"];
const NONE_COLOR = "#e0e0e0";

/**
 * Draws members per level over time as stacked bars, one bar per period (month, quarter or year, as
 * `membershipLevels` counted them), the lowest level at the bottom; the height of a bar is the number of
 * members holding a level at the period's end (plus those without one, with `showNone`). Rows may come
 * in any order: they are drawn by period.
 *
 * @param data - `{ levels, counts }`, e.g. a `membershipLevels(...)` result
 * @param options - size, title, colours, `showNone`; see {@link MembershipLevelChartOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `NEGATIVE_VALUE`, `NOT_INTEGER` with a path such as
 *   `"data.counts[2].counts[1]"`; `INVALID_INPUT` when a row's counts do not match the levels;
 *   `DUPLICATE_ID` for two rows of one period; `OUT_OF_RANGE` for more than 100 000 rows;
 *   `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options
 * @category Plot
 * @example
 * ```ts
 * const svg = membershipLevelChart({
 *   levels: ["Silver", "Gold"],
 *   counts: [
 *     { periodStart: Date.UTC(2024, 0, 1), counts: [4, 1], none: 2 },
 *     { periodStart: Date.UTC(2024, 1, 1), counts: [3, 2], none: 3 },
 *   ],
 * });
 * svg.includes("Gold");
 * // => true
 * ```
 */
export function membershipLevelChart(data: MembershipLevelChartInput, options?: MembershipLevelChartOptions): string {
  const { o, frame } = plotOptions(FN, options, ["colors", "showNone", "valueLabel"] as const satisfies readonly (keyof MembershipLevelChartOptions)[], {
    width: 720,
    height: 420,
    title: "Members per level",
    id: "rk-membership-levels",
  });
  const showNone = boolOption(FN, o, "showNone", false);
  const valueCaption = stringOption(FN, o, "valueLabel", "Members");
  const d = record(FN, data, "data");
  const levels = array<unknown>(FN, d.levels, "data.levels").map((l, i) => {
    if (typeof l !== "string" || l === "") fail(FN, "INVALID_TYPE", `data.levels[${i}] must be a non-empty string, got ${show(l)}`, `data.levels[${i}]`);
    return l;
  });
  const k = levels.length;
  let colors = levels.map((_, i) => RAMP[k <= 1 ? 3 : Math.round((i * (RAMP.length - 1)) / (k - 1))]!);
  if (o.colors !== undefined) {
    const list = array<unknown>(FN, o.colors, "options.colors");
    if (list.length !== k) fail(FN, "INVALID_OPTION", `options.colors must give one colour per level (${k}), got ${list.length}`, "options.colors");
    colors = list.map((c, i) => hexColor(FN, c, `options.colors[${i}]`));
  }
  const rows = array<unknown>(FN, d.counts, "data.counts");
  if (!(rows.length <= MAX_PERIODS)) fail(FN, "OUT_OF_RANGE", `data.counts has ${rows.length} rows, more than the ${MAX_PERIODS} a chart draws`, "data.counts");
  const bars = rows.map((raw, i) => {
    const path = `data.counts[${i}]`;
    const r = record(FN, raw, path);
    const start = r.periodStart;
    if (typeof start !== "number" || !Number.isFinite(start) || !inDateRange(start)) fail(FN, "INVALID_TYPE", `${path}.periodStart must be epoch ms within the Date range, got ${show(start)}`, `${path}.periodStart`);
    const cs = array<unknown>(FN, r.counts, `${path}.counts`);
    if (cs.length !== k) fail(FN, "INVALID_INPUT", `${path}.counts has ${cs.length} counts for ${k} levels`, `${path}.counts`);
    const values = cs.map((c, j) => count(FN, c, `${path}.counts[${j}]`));
    const none = showNone ? count(FN, r.none, `${path}.none`) : 0;
    return { start, values, none };
  });
  bars.sort((a, b) => a.start - b.start);
  for (let i = 1; i < bars.length; i++) {
    if (bars[i]!.start === bars[i - 1]!.start) fail(FN, "DUPLICATE_ID", `data.counts has two rows for the period starting ${dateLabel(bars[i]!.start, false)}`, "data.counts");
  }
  const totals = bars.map((b) => b.values.reduce((a, v) => a + v, b.none));
  const maxV = totals.reduce((a, v) => Math.max(a, v), 0);

  const fs = frame.fontSize;
  const legendNames = [...(showNone ? ["No level"] : []), ...levels];
  const area = { left: fs * 5.2, top: titleSpace(frame) + fs * 1.8 + 6, right: frame.width - 18, bottom: frame.height - fs * 3.8 };
  const top = niceMax(maxV, 5);
  const y = linear(0, top, area.bottom, area.top);
  const yt = niceTicks(0, top, 5);
  let body = yAxis(area, yt.ticks, y, (v) => fixed(v, yt.decimals), fs, valueCaption);
  const n = bars.length;
  const slot = (area.right - area.left) / Math.max(1, n);
  const w = Math.max(0.5, slot * 0.8);
  const labelEvery = Math.max(1, Math.ceil((fs * 5.5) / slot));
  body += `<g class="bars">\n`;
  bars.forEach((b, i) => {
    const x = area.left + i * slot + (slot - w) / 2;
    let acc = 0;
    const seg = (v: number, fill: string, name: string): void => {
      if (v === 0) return;
      const y0 = y(acc);
      const y1 = y(acc + v);
      body += `<rect x="${num(x)}" y="${num(y1)}" width="${num(w)}" height="${num(y0 - y1)}" fill="${fill}"><title>${escapeXml(`${dateLabel(b.start, true)} ${name}: ${compactCount(v)}`)}</title></rect>\n`;
      acc += v;
    };
    if (showNone) seg(b.none, NONE_COLOR, "No level");
    b.values.forEach((v, j) => seg(v, colors[j]!, levels[j]!));
  });
  body += "</g>\n";
  body += `<g class="x-labels" fill="#444444" font-size="${num(fs * 0.9)}">\n`;
  bars.forEach((b, i) => {
    if (i % labelEvery === 0) body += text(area.left + (i + 0.5) * slot, area.bottom + fs * 1.3, dateLabel(b.start, true), `text-anchor="middle"`) + "\n";
  });
  body += "</g>\n";
  if (n === 0) body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, "No periods", `text-anchor="middle" fill="#666666"`) + "\n";

  // Legend above the plot, right-aligned, highest level first (as the stack reads from the top).
  const ly = titleSpace(frame) + fs * 0.6;
  let lx = area.right;
  body += `<g class="legend" font-size="${num(fs)}" fill="#1a1a1a">\n`;
  const legendColors = [...(showNone ? [NONE_COLOR] : []), ...colors];
  for (let j = 0; j < legendNames.length; j++) {
    const name = legendNames[j]!;
    lx -= textWidth(name, fs) + 22;
    body += `<rect x="${num(lx)}" y="${num(ly - fs * 0.45)}" width="${num(fs * 0.9)}" height="${num(fs * 0.9)}" fill="${legendColors[j]}"/>` + text(lx + fs * 1.2, ly + fs * 0.35, name) + "\n";
  }
  body += "</g>\n";

  const last = n === 0 ? null : bars[n - 1]!;
  const desc =
    last === null
      ? "Empty membership level chart: no periods."
      : `Members per level over ${n} period${n === 1 ? "" : "s"} from ${dateLabel(bars[0]!.start, true)} to ${dateLabel(last.start, true)}. In the last period: ${levels.map((l, j) => `${l} ${last.values[j]}`).join(", ")}${showNone ? `, no level ${last.none}` : ""}.`;
  return svgDocument(frame, desc, body);
}
