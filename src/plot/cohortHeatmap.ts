import type { BasePlotOptions, RampOption } from "./options.js";
import { array, fail, finiteNumber, show } from "../internal/validate.js";
import { drawnCells, readCohortTable } from "./internal/cohortTable.js";
import {
  boolOption,
  colorLegend,
  compactCount,
  dateLabel,
  escapeXml,
  hatchPattern,
  intOption,
  naSwatch,
  num,
  percent,
  plotOptions,
  rampReading,
  rampColor,
  rampStops,
  stringOption,
  svgDocument,
  text,
  textOn,
  textWidth,
  titleSpace,
} from "./internal/svg.js";

/**
 * One cohort row as {@link cohortHeatmap} reads it: the fields of a `cohortRetention` cohort that it draws.
 *
 * @category Plot
 * @example
 * ```ts
 * const row: CohortRow = { start: Date.UTC(2024, 0, 1), size: 120, eligible: [120, 120], counts: [120, 54], rates: [1, 0.45] };
 * ```
 */
export interface CohortRow {
  /** Start of the cohort, epoch milliseconds (UTC). */
  readonly start: number;
  /** Customers born in the cohort. */
  readonly size: number;
  /** Customers whose period k was fully observed (shown in each cell's tooltip). */
  readonly eligible: readonly number[];
  /** Customers counted in period k. */
  readonly counts: readonly number[];
  /** Retention in period k, a fraction in [0, 1], or `null` where nobody was eligible. */
  readonly rates: readonly (number | null)[];
}

/**
 * A cohort table as {@link cohortHeatmap} reads it — the result of `cohortRetention` fits it.
 *
 * @category Plot
 * @example
 * ```ts
 * const table: CohortTable = { cohorts: [{ start: 0, size: 10, eligible: [10, 10], counts: [10, 4], rates: [1, 0.4] }] };
 * ```
 */
export interface CohortTable {
  /** The cohorts, oldest first (drawn top to bottom in the order given). */
  readonly cohorts: readonly CohortRow[];
}

/**
 * Options of {@link cohortHeatmap}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: CohortHeatmapOptions = { width: 900, colors: "viridis", decimals: 1, periodLabel: "Months since first order" };
 * ```
 */
export interface CohortHeatmapOptions extends BasePlotOptions {
  /** Colour ramp for the rates, low to high: `"blues"` (default) or `"viridis"` or hex colours. */
  colors?: RampOption;
  /**
   * Rates mapped to the ends of the ramp, `[low, high]` (values outside are clamped). Default `[0, m]` where
   * `m` is the largest rate after period 0 (period 0 is usually 100% and would flatten the rest), or 1.
   */
  domain?: readonly [number, number];
  /** Decimals of the percentages written in cells and the legend. Default 0. */
  decimals?: number;
  /** What each cell says: `"rate"` (default), `"count"` (customers retained) or `"none"`. */
  cellText?: "rate" | "count" | "none";
  /** Row labels, one per cohort. Default: the cohort start as `YYYY-MM` if every start is a month start, else `YYYY-MM-DD`. */
  cohortLabels?: readonly string[];
  /** Show the cohort size beside each row label. Default true. */
  showSize?: boolean;
  /** Caption of the period axis. Default `"Periods since first purchase"`. */
  periodLabel?: string;
  /** Caption of the cohort axis. Default `"Cohort"`. */
  cohortLabel?: string;
  /**
   * Add an "All cohorts" row on top: for each period, the customers counted over the customers eligible,
   * summed over the cohorts where that period has a rate (a weighted mean, not a mean of rates). Default false.
   */
  showAverage?: boolean;
}

const FN = "cohortHeatmap";

/**
 * Draws a cohort retention table as a heatmap: one row per cohort, one column per period since birth, each
 * cell filled by its retention rate on a sequential ramp whose lightness is monotone (readable in greyscale)
 * and labelled with the percentage where it fits. Cells with nobody eligible (rate `null`) are hatched grey
 * and labelled "n/a", so "not observed yet" is never confused with 0%. A colour bar shows the scale.
 *
 * @param table - a cohort table (`{ cohorts: { start, size, eligible, counts, rates }[] }`, e.g. from `cohortRetention`)
 * @param options - size, title, colours, domain, cell text; see {@link CohortHeatmapOptions}
 * @returns a standalone SVG document (`<svg xmlns=… role="img">` with `<title>` and `<desc>`)
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER`, `OUT_OF_RANGE`, `NOT_INTEGER`, `NEGATIVE_VALUE`
 *   or `INVALID_INPUT` (rates and counts of different lengths) with the offending path, e.g.
 *   `"table.cohorts[2].rates[3]"`; `OUT_OF_RANGE` for a start a Date cannot hold, a row of more than
 *   100 000 periods, or a grid (rows × periods) of more than 250 000 cells (`table.cohorts`);
 *   `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const svg = cohortHeatmap({
 *   cohorts: [
 *     { start: Date.UTC(2024, 0, 1), size: 100, eligible: [100, 100, 100], counts: [100, 42, 30], rates: [1, 0.42, 0.3] },
 *     { start: Date.UTC(2024, 1, 1), size: 80, eligible: [80, 80, 0], counts: [80, 36, 0], rates: [1, 0.45, null] },
 *   ],
 * });
 * svg.startsWith("<svg");
 * // => true
 * ```
 */
export function cohortHeatmap(table: CohortTable, options?: CohortHeatmapOptions): string {
  const { cohorts, periods, monthly, maxLater } = readCohortTable(FN, table, "table");
  const n = cohorts.length;
  drawnCells(FN, n + (options?.showAverage === true ? 1 : 0), periods, "table.cohorts", "draw fewer cohorts or fewer periods (options.periods of cohortRetention, or a coarser cohort or interval)");

  const defaultHeight = Math.min(4000, Math.max(220, 90 + (n + (options?.showAverage === true ? 1.4 : 0)) * 26));
  const defaultWidth = Math.min(4000, Math.max(480, 230 + periods * 46));
  const { o, frame } = plotOptions(
    FN,
    options,
    ["colors", "domain", "decimals", "cellText", "cohortLabels", "showSize", "periodLabel", "cohortLabel", "showAverage"] as const satisfies readonly (keyof CohortHeatmapOptions)[],
    { width: defaultWidth, height: defaultHeight, title: "Cohort retention", id: "rk-cohort-heatmap" },
  );
  const stops = rampStops(FN, o.colors, "options.colors", "blues");
  const decimals = intOption(FN, o, "decimals", 0, 0, 4);
  const showSize = boolOption(FN, o, "showSize", true);
  const periodCaption = stringOption(FN, o, "periodLabel", "Periods since first purchase");
  const cohortCaption = stringOption(FN, o, "cohortLabel", "Cohort");
  const cellText = o.cellText ?? "rate";
  if (cellText !== "rate" && cellText !== "count" && cellText !== "none") {
    fail(FN, "INVALID_OPTION", `options.cellText must be "rate", "count" or "none", got ${show(cellText)}`, "options.cellText");
  }
  let lo = 0;
  // auto domain tops out at the next 5% above the largest later rate, so the legend's top is labelled
  let hi = maxLater > 0 ? Math.min(1, Math.max(0.05, Math.ceil(maxLater * 20 - 1e-9) / 20)) : 1;
  if (o.domain !== undefined) {
    const dm = array<unknown>(FN, o.domain, "options.domain");
    const a = finiteNumber(FN, dm[0], "options.domain[0]");
    const b = finiteNumber(FN, dm[1], "options.domain[1]");
    if (dm.length !== 2 || !(a >= 0 && b <= 1 && a < b)) {
      fail(FN, "INVALID_OPTION", `options.domain must be [low, high] with 0 ≤ low < high ≤ 1, got [${show(a)}, ${show(b)}]`, "options.domain");
    }
    lo = a;
    hi = b;
  }
  let labels: string[];
  if (o.cohortLabels !== undefined) {
    const given = array<unknown>(FN, o.cohortLabels, "options.cohortLabels");
    if (given.length !== n) fail(FN, "INVALID_OPTION", `options.cohortLabels must have one label per cohort (${n}), got ${given.length}`, "options.cohortLabels");
    labels = given.map((l, i) => {
      if (typeof l !== "string") fail(FN, "INVALID_TYPE", `options.cohortLabels[${i}] must be a string, got ${show(l)}`, `options.cohortLabels[${i}]`);
      return l;
    });
  } else {
    labels = cohorts.map((c) => dateLabel(c.start, monthly));
  }

  // the optional "All cohorts" row goes first, set off from the cohorts by a small gap
  const rows: CohortRow[] = [...cohorts];
  const names = [...labels];
  if (boolOption(FN, o, "showAverage", false) && n > 0) {
    rows.unshift(averageRow(cohorts, periods));
    names.unshift("All cohorts");
  }
  const m = rows.length;
  const gap = m > n ? 0.4 : 0;
  const fs = frame.fontSize;
  const id = frame.id;
  const rowLabels = names.map((l, i) => (showSize ? `${l}  n=${compactCount(rows[i]!.size)}` : l));
  let labelW = 0;
  for (const l of rowLabels) labelW = Math.max(labelW, textWidth(l, fs));
  const legendW = 84;
  const area = {
    left: Math.min(frame.width * 0.45, 12 + fs * 1.6 + labelW + 8),
    top: titleSpace(frame) + fs * 2.4,
    right: frame.width - legendW - 12,
    bottom: frame.height - fs * 1.5,
  };
  const cw = periods > 0 ? Math.max(0, area.right - area.left) / periods : 0;
  const ch = m > 0 ? Math.max(0, area.bottom - area.top) / (m + gap) : 0;
  const rowTop = (i: number): number => area.top + (i + (i > 0 ? gap : 0)) * ch;
  const cellFs = Math.max(6, Math.min(fs, ch * 0.55));
  const hatch = `${id}-na`;

  let body = hatchPattern(hatch);
  // column headers (periods) above the grid
  body += `<g class="periods" font-size="${num(fs)}" fill="#444444" text-anchor="middle">\n`;
  const every = Math.max(1, Math.ceil((textWidth(String(periods), fs) + 4) / Math.max(cw, 1e-9)));
  for (let k = 0; k < periods; k += every) body += text(area.left + (k + 0.5) * cw, area.top - fs * 0.6, String(k)) + "\n";
  body += text((area.left + area.right) / 2, area.top - fs * 1.9, periodCaption, `fill="#1a1a1a"`) + "\n";
  body += "</g>\n";
  // row labels
  const rowEvery = Math.max(1, Math.ceil((fs * 1.1) / Math.max(ch, 1e-9)));
  body += `<g class="cohorts" font-size="${num(fs)}" fill="#444444" text-anchor="end">\n`;
  for (let i = 0; i < m; i += rowEvery) {
    body += text(area.left - 6, rowTop(i) + 0.5 * ch + fs * 0.35, rowLabels[i]!, gap > 0 && i === 0 ? `font-weight="600" fill="#1a1a1a"` : "") + "\n";
  }
  body += `<text x="0" y="0" transform="translate(${num(12 + fs * 0.4)} ${num((area.top + area.bottom) / 2)}) rotate(-90)" text-anchor="middle" fill="#1a1a1a">${escapeXml(cohortCaption)}</text>\n`;
  body += "</g>\n";
  // cells
  body += `<g class="cells" font-size="${num(cellFs)}" text-anchor="middle">\n`;
  let nulls = 0;
  for (let i = 0; i < m; i++) {
    const c = rows[i]!;
    const y = rowTop(i);
    for (let k = 0; k < c.rates.length; k++) {
      const r = c.rates[k]!;
      const x = area.left + k * cw;
      const rect = `x="${num(x)}" y="${num(y)}" width="${num(cw)}" height="${num(ch)}"`;
      const label = r === null ? "n/a" : cellText === "rate" ? percent(r, decimals) : cellText === "count" ? compactCount(c.counts[k]!) : "";
      const fits = label !== "" && textWidth(label, cellFs) <= cw - 2 && cellFs + 1 <= ch;
      if (r === null) {
        nulls++;
        body += `<rect ${rect} fill="url(#${hatch})" stroke="#ffffff" stroke-width="1"><title>${escapeXml(`${names[i]}, period ${k}: n/a (nobody eligible yet)`)}</title></rect>`;
        if (fits) body += text(x + cw / 2, y + ch / 2 + cellFs * 0.35, label, `fill="#555555"`);
      } else {
        const fill = rampColor(stops, (r - lo) / (hi - lo));
        const tip = `${names[i]}, period ${k}: ${percent(r, Math.max(1, decimals))} (${c.counts[k]!} of ${c.eligible[k] ?? c.size})`;
        body += `<rect ${rect} fill="${fill}" stroke="#ffffff" stroke-width="1"><title>${escapeXml(tip)}</title></rect>`;
        if (fits) body += text(x + cw / 2, y + ch / 2 + cellFs * 0.35, label, `fill="${textOn(fill)}"`);
      }
      body += "\n";
    }
  }
  body += "</g>\n";
  // legend: colour bar plus an n/a swatch when there are empty cells
  const legendTop = area.top + fs;
  const legendH = Math.max(40, Math.min(220, area.bottom - area.top - fs * 4));
  body += colorLegend(area.right + 16, legendTop, legendH, stops, lo, hi, (v) => percent(v, decimals), fs, "Retention", `${id}-ramp`);
  if (nulls > 0) {
    body += naSwatch(area.right + 16, legendTop + legendH + fs * 1.2, hatch, fs);
  }

  const desc =
    n === 0
      ? "Empty cohort table: no cohorts to show."
      : `Heatmap of retention for ${n} cohort${n === 1 ? "" : "s"} (rows, from ${labels[0]} to ${labels[n - 1]}) over ${periods} period${periods === 1 ? "" : "s"} since first purchase (columns); ${rampReading(stops)} means higher retention on a scale from ${percent(lo, decimals)} to ${percent(hi, decimals)}${gap > 0 ? "; the top row is the weighted average of all cohorts" : ""}${nulls > 0 ? `; ${nulls} not yet observable cell${nulls === 1 ? " is" : "s are"} hatched and marked n/a` : ""}.`;
  if (n === 0) body += text(frame.width / 2, frame.height / 2, "No cohorts", `text-anchor="middle" fill="#666666"`) + "\n";
  return svgDocument(frame, desc, body);
}

/** The "All cohorts" row: per period, counted over eligible customers summed across cohorts with a rate. */
function averageRow(cohorts: readonly CohortRow[], periods: number): CohortRow {
  const counts: number[] = [];
  const eligible: number[] = [];
  const rates: (number | null)[] = [];
  let size = 0;
  for (const c of cohorts) size += c.size;
  for (let k = 0; k < periods; k++) {
    let counted = 0;
    let base = 0;
    for (const c of cohorts) {
      if (k < c.rates.length && c.rates[k] !== null) {
        counted += c.counts[k]!;
        base += c.eligible[k] ?? c.size;
      }
    }
    counts.push(counted);
    eligible.push(base);
    rates.push(base > 0 ? Math.min(1, counted / base) : null);
  }
  return { start: cohorts[0]!.start, size, eligible, counts, rates };
}
