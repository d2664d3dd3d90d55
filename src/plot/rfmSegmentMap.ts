import type { BasePlotOptions, RampOption } from "./options.js";
import { array, fail, integerAtLeast, record, show } from "../internal/validate.js";
import {
  colorLegend,
  compactCount,
  escapeXml,
  fixed,
  hatchPattern,
  intOption,
  naSwatch,
  num,
  percent,
  plotOptions,
  rampColor,
  rampReading,
  rampStops,
  hexColor,
  stringOption,
  svgDocument,
  text,
  textOn,
  textWidth,
  titleSpace,
} from "./internal/svg.js";

/**
 * One scored customer as {@link rfmSegmentMap} reads it: the score fields of an `rfmScores` row, plus an
 * optional segment name (e.g. from `rfmSegment`).
 *
 * @category Plot
 * @example
 * ```ts
 * const row: RfmScoreInput = { r: 5, f: 4, m: 5, segment: "Champions" };
 * ```
 */
export interface RfmScoreInput {
  /** Recency score, a whole number ≥ 1 (higher = bought more recently). */
  readonly r: number;
  /** Frequency score, a whole number ≥ 1. */
  readonly f: number;
  /** Monetary score, a whole number ≥ 1. */
  readonly m: number;
  /** Segment name of the customer, if segmented; rows without one are counted as unsegmented. */
  readonly segment?: string | null;
}

/**
 * Options of {@link rfmSegmentMap}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: RfmSegmentMapOptions = { colorBy: "monetary", bins: 5, colors: "viridis" };
 * ```
 */
export interface RfmSegmentMapOptions extends BasePlotOptions {
  /** What fills the R×F cells: `"count"` (customers, default) or `"monetary"` (mean M score of the cell). */
  colorBy?: "count" | "monetary";
  /** Number of score bins per axis (1..20). Default: the largest R or F score in the data (at least 1). */
  bins?: number;
  /** Colour ramp, low to high: `"blues"` (default) or `"viridis"` or hex colours. */
  colors?: RampOption;
  /** Bar colour of the segment panel (hex). Default `"#2f78b7"`. */
  barColor?: string;
  /** Most segments listed in the side panel; the rest are summed as "Other". 1..50, default 12. */
  maxSegments?: number;
  /** Name given to rows without a segment in the panel. Default `"(no segment)"`. */
  unsegmentedLabel?: string;
}

const FN = "rfmSegmentMap";

/**
 * Draws RFM scores as an R×F grid — recency score left to right, frequency score bottom to top, the usual
 * RFM map where "Champions" sit top right and "Lost" bottom left — each cell filled by its number of
 * customers (or by their mean monetary score) and labelled with the count and mean M where it fits. When
 * rows carry a `segment` name, a side panel of horizontal bars gives each segment's size and share,
 * largest first. Empty cells in monetary mode are hatched and labelled "n/a".
 *
 * @param scores - rows `{ r, f, m, segment? }` (e.g. `rfmScores` results, optionally with `segment` added)
 * @param options - size, title, colour mode, bins, colours; see {@link RfmSegmentMapOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER`, `NOT_INTEGER` or `OUT_OF_RANGE` with a path
 *   such as `"scores[4].f"` (scores are whole numbers ≥ 1, at most `bins`); `INVALID_OPTION` /
 *   `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const svg = rfmSegmentMap([
 *   { r: 5, f: 5, m: 4, segment: "Champions" },
 *   { r: 1, f: 1, m: 1, segment: "Lost" },
 *   { r: 3, f: 2, m: 5, segment: "Need attention" },
 * ]);
 * svg.includes("Champions");
 * // => true
 * ```
 */
export function rfmSegmentMap(scores: readonly RfmScoreInput[], options?: RfmSegmentMapOptions): string {
  const rows = array<RfmScoreInput>(FN, scores, "scores");
  const n = rows.length;
  const r = new Int32Array(n);
  const f = new Int32Array(n);
  const m = new Int32Array(n);
  let maxScore = 1;
  let segmented = false;
  for (let i = 0; i < n; i++) {
    const row = record(FN, rows[i], `scores[${i}]`);
    r[i] = integerAtLeast(FN, row.r, `scores[${i}].r`, 1);
    f[i] = integerAtLeast(FN, row.f, `scores[${i}].f`, 1);
    m[i] = integerAtLeast(FN, row.m, `scores[${i}].m`, 1);
    maxScore = Math.max(maxScore, r[i]!, f[i]!);
    const seg = row.segment;
    if (seg !== undefined && seg !== null) {
      if (typeof seg !== "string") fail(FN, "INVALID_TYPE", `scores[${i}].segment must be a string or null, got ${show(seg)}`, `scores[${i}].segment`);
      segmented = true;
    }
  }

  const { o, frame } = plotOptions(
    FN,
    options,
    ["colorBy", "bins", "colors", "barColor", "maxSegments", "unsegmentedLabel"] as const satisfies readonly (keyof RfmSegmentMapOptions)[],
    { width: segmented ? 860 : 560, height: 480, title: "RFM map: recency × frequency", id: "rk-rfm-map" },
  );
  const colorBy = o.colorBy ?? "count";
  if (colorBy !== "count" && colorBy !== "monetary") {
    fail(FN, "INVALID_OPTION", `options.colorBy must be "count" or "monetary", got ${show(colorBy)}`, "options.colorBy");
  }
  const bins = intOption(FN, o, "bins", Math.min(20, maxScore), 1, 20);
  for (let i = 0; i < n; i++) {
    if (r[i]! > bins) fail(FN, "OUT_OF_RANGE", `scores[${i}].r must be ≤ options.bins (${bins}), got ${r[i]}`, `scores[${i}].r`);
    if (f[i]! > bins) fail(FN, "OUT_OF_RANGE", `scores[${i}].f must be ≤ options.bins (${bins}), got ${f[i]}`, `scores[${i}].f`);
  }
  const stops = rampStops(FN, o.colors, "options.colors", "blues");
  const barColor = o.barColor === undefined ? "#2f78b7" : hexColor(FN, o.barColor, "options.barColor");
  const maxSegments = intOption(FN, o, "maxSegments", 12, 1, 50);
  const unsegmented = stringOption(FN, o, "unsegmentedLabel", "(no segment)");

  // aggregate per cell: cell (ri, fi) at index (fi-1)*bins + (ri-1)
  const cellN = new Float64Array(bins * bins);
  const cellM = new Float64Array(bins * bins);
  for (let i = 0; i < n; i++) {
    const k = (f[i]! - 1) * bins + (r[i]! - 1);
    cellN[k]! += 1;
    cellM[k]! += m[i]!;
  }
  let maxN = 0;
  let minMean = Infinity;
  let maxMean = -Infinity;
  for (let k = 0; k < cellN.length; k++) {
    const c = cellN[k]!;
    if (c > maxN) maxN = c;
    if (c > 0) {
      const mean = cellM[k]! / c;
      if (mean < minMean) minMean = mean;
      if (mean > maxMean) maxMean = mean;
    }
  }
  let lo: number;
  let hi: number;
  if (colorBy === "count") {
    lo = 0;
    hi = maxN > 0 ? maxN : 1;
  } else {
    lo = 1;
    hi = Math.max(2, maxMean > -Infinity ? Math.ceil(maxMean) : 2);
  }

  const fs = frame.fontSize;
  const id = frame.id;
  const top = titleSpace(frame) + 8;
  const panelW = segmented ? Math.min(frame.width * 0.42, 340) : 0;
  const legendW = 76;
  const gridRight = frame.width - panelW - legendW - 12;
  const availW = gridRight - fs * 4.2;
  const availH = frame.height - top - fs * 4;
  const side = Math.max(0, Math.min(availW, availH));
  const area = { left: gridRight - side, top, right: gridRight, bottom: top + side };
  const cs = side / bins;
  const cellFs = Math.max(6, Math.min(fs, cs * 0.28));

  let body = hatchPattern(`${id}-na`);
  body += `<g class="cells" text-anchor="middle" font-size="${num(cellFs)}">\n`;
  let empty = 0;
  for (let fi = 1; fi <= bins; fi++) {
    for (let ri = 1; ri <= bins; ri++) {
      const k = (fi - 1) * bins + (ri - 1);
      const c = cellN[k]!;
      const x = area.left + (ri - 1) * cs;
      const y = area.bottom - fi * cs;
      const rect = `x="${num(x)}" y="${num(y)}" width="${num(cs)}" height="${num(cs)}"`;
      const mean = c > 0 ? cellM[k]! / c : null;
      const tip = `R ${ri}, F ${fi}: ${c} customer${c === 1 ? "" : "s"}${mean === null ? "" : `, mean M ${fixed(mean, 2)}`}`;
      if (colorBy === "monetary" && mean === null) {
        empty++;
        body += `<rect ${rect} fill="url(#${id}-na)" stroke="#ffffff"><title>${escapeXml(tip)}</title></rect>`;
        if (textWidth("n/a", cellFs) < cs - 2) body += text(x + cs / 2, y + cs / 2 + cellFs * 0.35, "n/a", `fill="#555555"`);
        body += "\n";
        continue;
      }
      const v = colorBy === "count" ? c : mean!;
      const fill = rampColor(stops, (v - lo) / (hi - lo));
      const ink = textOn(fill);
      body += `<rect ${rect} fill="${fill}" stroke="#ffffff"><title>${escapeXml(tip)}</title></rect>`;
      const line1 = compactCount(c);
      const line2 = mean === null ? "" : `M ${fixed(mean, 1)}`;
      const twoLines = line2 !== "" && cs >= cellFs * 3 && textWidth(line2, cellFs * 0.85) < cs - 2;
      if (textWidth(line1, cellFs) < cs - 2 && cs >= cellFs + 2) {
        body += text(x + cs / 2, y + cs / 2 + cellFs * (twoLines ? -0.15 : 0.35), line1, `fill="${ink}" font-weight="600"`);
        if (twoLines) body += text(x + cs / 2, y + cs / 2 + cellFs * 1.05, line2, `fill="${ink}" font-size="${num(cellFs * 0.85)}"`);
      }
      body += "\n";
    }
  }
  body += "</g>\n";
  // axes: score numbers under and beside the grid, with captions
  body += `<g class="axes" font-size="${num(fs)}" fill="#444444" text-anchor="middle">\n`;
  for (let s = 1; s <= bins; s++) {
    body += text(area.left + (s - 0.5) * cs, area.bottom + fs * 1.3, String(s));
    body += text(area.left - fs * 0.8, area.bottom - (s - 0.5) * cs + fs * 0.35, String(s)) + "\n";
  }
  body += text((area.left + area.right) / 2, area.bottom + fs * 2.9, "Recency score (higher = more recent)", `fill="#1a1a1a"`) + "\n";
  body += `<text x="0" y="0" transform="translate(${num(area.left - fs * 2.2)} ${num((area.top + area.bottom) / 2)}) rotate(-90)" text-anchor="middle" fill="#1a1a1a">Frequency score</text>\n`;
  body += "</g>\n";
  const legendLabel = colorBy === "count" ? "Customers" : "Mean M";
  const legendH = Math.max(40, Math.min(200, side - fs * 2));
  body += colorLegend(area.right + 14, area.top + fs * 1.4, legendH, stops, lo, hi, (v) => (colorBy === "count" ? compactCount(v) : num(v)), fs, legendLabel, `${id}-ramp`);
  if (empty > 0) {
    body += naSwatch(area.right + 14, area.top + fs * 1.4 + legendH + fs * 1.2, `${id}-na`, fs);
  }

  // segment panel: sizes of named segments, largest first (ties by name, so the order is deterministic)
  let segNote = "";
  if (segmented) {
    const sizes = new Map<string, number>();
    for (const row of rows) {
      const name = typeof row.segment === "string" ? row.segment : unsegmented;
      sizes.set(name, (sizes.get(name) ?? 0) + 1);
    }
    let list = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (list.length > maxSegments) {
      const rest = list.slice(maxSegments - 1).reduce((acc, e) => acc + e[1], 0);
      list = [...list.slice(0, maxSegments - 1), ["Other", rest]];
    }
    const px = frame.width - panelW + 8;
    const pRight = frame.width - 14;
    const rowH = Math.min(fs * 2.6, (frame.height - top - fs * 2) / Math.max(1, list.length));
    const barFs = Math.max(6, Math.min(fs, rowH * 0.45));
    const maxCount = list[0]![1];
    const barMax = pRight - px;
    body += `<g class="segments" font-size="${num(barFs)}" fill="#1a1a1a">\n`;
    body += text(px, top + fs * 0.2, "Customers by segment", `font-size="${num(fs)}" font-weight="600"`) + "\n";
    list.forEach(([name, size], i) => {
      const yy = top + fs * 1.2 + i * rowH;
      const w = (size / maxCount) * barMax;
      body += text(px, yy + barFs, name) + "\n";
      body += `<rect x="${num(px)}" y="${num(yy + barFs * 1.3)}" width="${num(w)}" height="${num(Math.max(2, rowH - barFs * 1.9))}" fill="${barColor}"><title>${escapeXml(`${name}: ${size}`)}</title></rect>`;
      body += text(pRight, yy + barFs, `${compactCount(size)} (${percent(size / n, 1)})`, `text-anchor="end" fill="#444444"`) + "\n";
    });
    body += "</g>\n";
    segNote = ` A side panel lists ${list.length} segment${list.length === 1 ? "" : "s"} by size; the largest is ${list[0]![0]} with ${list[0]![1]} customers (${percent(list[0]![1] / n, 1)}).`;
  }
  if (n === 0) body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, "No customers", `text-anchor="middle" fill="#666666"`) + "\n";

  const desc =
    n === 0
      ? "Empty RFM map: no customers."
      : `Grid of ${n} customer${n === 1 ? "" : "s"} by recency score (1 to ${bins}, left to right) and frequency score (1 to ${bins}, bottom to top); ${rampReading(stops)} cells have ${colorBy === "count" ? `more customers (up to ${maxN})` : "a higher mean monetary score"}.${segNote}`;
  return svgDocument(frame, desc, body);
}
