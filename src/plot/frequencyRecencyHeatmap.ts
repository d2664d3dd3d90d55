import type { BasePlotOptions, RampOption } from "./options.js";
import { array, fail, finiteNumber, nonNegativeNumber, record, show } from "../internal/validate.js";
import { drawnCells } from "./internal/cohortTable.js";
import {
  boolOption,
  colorLegend,
  escapeXml,
  fixed,
  hatchPattern,
  intOption,
  naSwatch,
  num,
  plotOptions,
  rampColor,
  rampReading,
  rampStops,
  stringOption,
  svgDocument,
  text,
  textOn,
  textWidth,
  titleSpace,
} from "./internal/svg.js";

/**
 * The grid {@link frequencyRecencyHeatmap} draws: the result of `frequencyRecencyMatrix(...)` works as is
 * (its other fields are not read).
 *
 * @category Plot
 * @example
 * ```ts
 * const grid: FrequencyRecencyHeatmapInput = {
 *   frequencies: [0, 1], recencies: [0, 1, 2], T: 2, t: 1,
 *   expectedPurchases: [[0.05, null, null], [0.03, 0.07, 0.1]],
 *   probabilityAlive: [[1, null, null], [0.6, 0.8, 1]],
 * };
 * ```
 */
export interface FrequencyRecencyHeatmapInput {
  /** Row values: repeat purchases. */
  readonly frequencies: readonly number[];
  /** Column values: recency, ascending. */
  readonly recencies: readonly number[];
  /** Age of the grid's customers (in the caption). */
  readonly T: number;
  /** Horizon of the expected purchases (in the caption of that value). */
  readonly t: number;
  /** Expected purchases per cell (rows by frequency); `null` for impossible histories. */
  readonly expectedPurchases: readonly (readonly (number | null)[])[];
  /** P(alive) per cell; `null` for impossible histories. */
  readonly probabilityAlive: readonly (readonly (number | null)[])[];
  /** The time unit, when stated (`"week"` → axis captions in weeks). */
  readonly unit?: string;
}

/**
 * Options of {@link frequencyRecencyHeatmap}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: FrequencyRecencyHeatmapOptions = { value: "expectedPurchases", colors: "viridis", decimals: 1 };
 * ```
 */
export interface FrequencyRecencyHeatmapOptions extends BasePlotOptions {
  /** Which grid to draw: `"probabilityAlive"` (default) or `"expectedPurchases"`. */
  value?: "probabilityAlive" | "expectedPurchases";
  /** Colour ramp, low to high: `"blues"` (default), `"viridis"` or hex colours. */
  colors?: RampOption;
  /** Decimals of the values written in cells and the legend. Default 2. */
  decimals?: number;
  /** Write each value in its cell where it fits. Default true. */
  showValues?: boolean;
  /** Caption of the recency axis. Default `"Recency (age at last purchase, <unit>s)"`. */
  recencyLabel?: string;
  /** Caption of the frequency axis. Default `"Frequency (repeat purchases)"`. */
  frequencyLabel?: string;
}

const FN = "frequencyRecencyHeatmap";

/**
 * Draws a frequency/recency grid of a purchase model as a heatmap (lifetimes'
 * `plot_probability_alive_matrix` and `plot_frequency_recency_matrix`): rows are frequencies (0 at the top),
 * columns recencies (0 at the left, T at the right), each cell filled on a sequential ramp by P(alive) (scale
 * 0 to 1) or by the expected purchases in the next t (scale 0 to the grid's largest value). Impossible
 * histories (`null`, e.g. frequency 0 with recency > 0) are hatched grey, never coloured as a value. A
 * colour bar shows the scale.
 *
 * @param grid - `frequencyRecencyMatrix(...)`'s result, or `{ frequencies, recencies, T, t, expectedPurchases, probabilityAlive }`
 * @param options - which value, colours, decimals, cell values, labels; see {@link FrequencyRecencyHeatmapOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER`, `NEGATIVE_VALUE` or `INVALID_INPUT` (a row of
 *   another length than `recencies`, or another number of rows than `frequencies`) with a path such as
 *   `"grid.probabilityAlive[2][3]"`; `OUT_OF_RANGE` for a P(alive) outside [0, 1] or more than 250 000
 *   cells; `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const svg = frequencyRecencyHeatmap({
 *   frequencies: [0, 1], recencies: [0, 1, 2], T: 2, t: 1,
 *   expectedPurchases: [[0.05, null, null], [0.03, 0.07, 0.1]],
 *   probabilityAlive: [[1, null, null], [0.6, 0.8, 1]],
 * });
 * svg.includes("impossible");
 * // => true
 * ```
 */
export function frequencyRecencyHeatmap(grid: FrequencyRecencyHeatmapInput, options?: FrequencyRecencyHeatmapOptions): string {
  const { o, frame } = plotOptions(
    FN,
    options,
    ["value", "colors", "decimals", "showValues", "recencyLabel", "frequencyLabel"] as const satisfies readonly (keyof FrequencyRecencyHeatmapOptions)[],
    { width: 640, height: 460, title: "", id: "rk-frequency-recency" },
  );
  const value = o.value ?? "probabilityAlive";
  if (value !== "probabilityAlive" && value !== "expectedPurchases") {
    fail(FN, "INVALID_OPTION", `options.value must be "probabilityAlive" or "expectedPurchases", got ${show(value)}`, "options.value");
  }
  const alive = value === "probabilityAlive";
  const g = record(FN, grid, "grid");
  const freqs = array<unknown>(FN, g.frequencies, "grid.frequencies").map((f, i) => nonNegativeNumber(FN, f, `grid.frequencies[${i}]`));
  const recs = array<unknown>(FN, g.recencies, "grid.recencies").map((r, j) => nonNegativeNumber(FN, r, `grid.recencies[${j}]`));
  const T = nonNegativeNumber(FN, g.T, "grid.T");
  const t = nonNegativeNumber(FN, g.t, "grid.t");
  const unit = g.unit === undefined ? null : g.unit === "day" || g.unit === "week" ? g.unit : fail(FN, "INVALID_TYPE", `grid.unit must be "day", "week" or absent, got ${show(g.unit)}`, "grid.unit");
  const nr = freqs.length;
  const nc = recs.length;
  drawnCells(FN, nr, nc, "grid.frequencies", "draw a coarser grid (options.maxFrequency or options.recencyStep of frequencyRecencyMatrix)");
  const path = `grid.${value}`;
  const rows = array<unknown>(FN, g[value], path);
  if (rows.length !== nr) fail(FN, "INVALID_INPUT", `${path} has ${rows.length} rows but grid.frequencies has ${nr}`, path);
  const cells: (number | null)[][] = [];
  let maxV = 0;
  let nulls = 0;
  for (let i = 0; i < nr; i++) {
    const row = array<unknown>(FN, rows[i], `${path}[${i}]`);
    if (row.length !== nc) fail(FN, "INVALID_INPUT", `${path}[${i}] has ${row.length} cells but grid.recencies has ${nc}`, `${path}[${i}]`);
    cells.push(row.map((v, j) => {
      if (v === null) {
        nulls++;
        return null;
      }
      const p = `${path}[${i}][${j}]`;
      const x = nonNegativeNumber(FN, v, p);
      if (alive && !(x <= 1)) fail(FN, "OUT_OF_RANGE", `${p} must be a probability in [0, 1] or null, got ${show(x)}`, p);
      maxV = Math.max(maxV, x);
      return x;
    }));
  }
  const stops = rampStops(FN, o.colors, "options.colors", "blues");
  const decimals = intOption(FN, o, "decimals", 2, 0, 6);
  const showValues = boolOption(FN, o, "showValues", true);
  const units = unit === null ? "time units" : `${unit}s`;
  const recCaption = stringOption(FN, o, "recencyLabel", `Recency (age at last purchase, ${units})`);
  const freqCaption = stringOption(FN, o, "frequencyLabel", "Frequency (repeat purchases)");
  const lo = 0;
  const hi = alive ? 1 : maxV > 0 ? maxV : 1;
  const legendLabel = alive ? "P(alive)" : `E[purchases]`;
  const heading = alive ? `P(alive) by frequency and recency, age ${fmtAxis(T)} ${units}` : `Expected purchases in the next ${fmtAxis(t)} ${units}, age ${fmtAxis(T)} ${units}`;
  // the default title says what is drawn; an explicit "" hides it but keeps it as the accessible name
  const f = o.title === undefined ? { ...frame, title: heading, name: heading } : frame.title === "" ? { ...frame, name: heading } : frame;

  const fs = f.fontSize;
  const legendW = 100;
  const area = {
    left: 12 + fs * 1.6 + textWidth(String(freqs[nr - 1] ?? 0), fs) + 10,
    top: titleSpace(f) + 6,
    right: f.width - legendW - 12,
    bottom: f.height - fs * 3.2,
  };
  const cw = nc > 0 ? Math.max(0, area.right - area.left) / nc : 0;
  const ch = nr > 0 ? Math.max(0, area.bottom - area.top) / nr : 0;
  const cellFs = Math.max(6, Math.min(fs, ch * 0.55));
  const hatch = `${f.id}-na`;
  const fmt = (v: number): string => fixed(v, decimals);

  let body = hatchPattern(hatch);
  body += `<g class="cells" font-size="${num(cellFs)}" text-anchor="middle">\n`;
  for (let i = 0; i < nr; i++) {
    const y = area.top + i * ch;
    for (let j = 0; j < nc; j++) {
      const v = cells[i]![j]!;
      const x = area.left + j * cw;
      const rect = `x="${num(x)}" y="${num(y)}" width="${num(cw)}" height="${num(ch)}"`;
      const where = `frequency ${fixed(freqs[i]!, 0)}, recency ${fmtAxis(recs[j]!)}`;
      if (v === null) {
        body += `<rect ${rect} fill="url(#${hatch})"><title>${escapeXml(`${where}: impossible history`)}</title></rect>\n`;
        continue;
      }
      const fill = rampColor(stops, (v - lo) / (hi - lo));
      body += `<rect ${rect} fill="${fill}"><title>${escapeXml(`${where}: ${legendLabel} ${fixed(v, Math.max(3, decimals))}`)}</title></rect>`;
      const label = fmt(v);
      if (showValues && textWidth(label, cellFs) <= cw - 2 && cellFs + 1 <= ch) body += text(x + cw / 2, y + ch / 2 + cellFs * 0.35, label, `fill="${textOn(fill)}"`);
      body += "\n";
    }
  }
  body += "</g>\n";
  // axes: recency below (thinned), frequency at the left (thinned)
  body += `<g class="recencies" font-size="${num(fs)}" fill="#444444" text-anchor="middle">\n`;
  let widest = 0;
  for (const r of recs) widest = Math.max(widest, textWidth(fmtAxis(r), fs));
  const every = Math.max(1, Math.ceil((widest + 6) / Math.max(cw, 1e-9)));
  for (let j = 0; j < nc; j += every) body += text(area.left + (j + 0.5) * cw, area.bottom + fs * 1.2, fmtAxis(recs[j]!)) + "\n";
  body += text((area.left + area.right) / 2, f.height - fs * 0.6, recCaption, `fill="#1a1a1a"`) + "\n";
  body += "</g>\n";
  const rowEvery = Math.max(1, Math.ceil((fs * 1.1) / Math.max(ch, 1e-9)));
  body += `<g class="frequencies" font-size="${num(fs)}" fill="#444444" text-anchor="end">\n`;
  for (let i = 0; i < nr; i += rowEvery) body += text(area.left - 6, area.top + (i + 0.5) * ch + fs * 0.35, fixed(freqs[i]!, 0)) + "\n";
  body += `<text x="0" y="0" transform="translate(${num(12 + fs * 0.4)} ${num((area.top + area.bottom) / 2)}) rotate(-90)" text-anchor="middle" fill="#1a1a1a">${escapeXml(freqCaption)}</text>\n`;
  body += "</g>\n";
  const legendTop = area.top + fs * 1.5;
  const legendH = Math.max(40, Math.min(220, area.bottom - area.top - fs * 4));
  body += colorLegend(area.right + 16, legendTop, legendH, stops, lo, hi, fmt, fs, legendLabel, `${f.id}-ramp`);
  if (nulls > 0) body += naSwatch(area.right + 16, legendTop + legendH + fs * 1.2, hatch, fs).replace(">n/a<", ">impossible<");
  if (nr === 0 || nc === 0) body += text(f.width / 2, f.height / 2, "No cells", `text-anchor="middle" fill="#666666"`) + "\n";

  const desc =
    nr === 0 || nc === 0
      ? "Empty frequency/recency grid: no cells."
      : `Heatmap of ${alive ? "the probability that a customer is alive" : `the expected purchases in the next ${fmtAxis(t)} ${units}`} for customers of age ${fmtAxis(T)} ${units}, by frequency (${nr} rows, ${fixed(freqs[0]!, 0)} to ${fixed(freqs[nr - 1]!, 0)}, top to bottom) and recency (${nc} columns, ${fmtAxis(recs[0]!)} to ${fmtAxis(recs[nc - 1]!)}, left to right); ${rampReading(stops)} means higher on a scale from ${fmt(lo)} to ${fmt(hi)}${nulls > 0 ? `; ${nulls} impossible histor${nulls === 1 ? "y is" : "ies are"} hatched` : ""}.`;
  return svgDocument(f, desc, body);
}

/** A recency or age as written: whole numbers as they are, others to two decimals. */
function fmtAxis(v: number): string {
  return Number.isInteger(v) ? fixed(v, 0) : fixed(finiteNumber(FN, v, "grid.recencies"), 2);
}
