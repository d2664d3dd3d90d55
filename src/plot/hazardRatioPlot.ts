import type { BasePlotOptions } from "./options.js";
import { array, fail, positiveNumber, record, show } from "../internal/validate.js";
import { escapeXml, fixed, hexColor, linear, num, plotOptions, svgDocument, text, titleSpace } from "./internal/svg.js";

/**
 * The part of a `fitCoxPh(...)` model that {@link hazardRatioPlot} draws (the whole model works as is).
 *
 * @category Plot
 * @example
 * ```ts
 * const m: HazardRatioInput = { covariates: ["age"], hazardRatios: { age: 1.011 }, lower: { age: 0.993 }, upper: { age: 1.03 }, confidence: 0.95 };
 * ```
 */
export interface HazardRatioInput {
  /** The covariates, in the order drawn (top to bottom). */
  readonly covariates: readonly string[];
  /** Hazard ratio exp(β) per covariate, > 0. */
  readonly hazardRatios: Readonly<Record<string, number>>;
  /** Lower confidence bound of each hazard ratio, > 0. */
  readonly lower: Readonly<Record<string, number>>;
  /** Upper confidence bound of each hazard ratio, > 0. */
  readonly upper: Readonly<Record<string, number>>;
  /** Confidence level of the bounds, in (0, 1). */
  readonly confidence: number;
}

/**
 * Options of {@link hazardRatioPlot}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 * The default height grows with the number of covariates.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: HazardRatioPlotOptions = { labels: { "ph.ecog": "ECOG score" }, color: "#1a1a1a" };
 * ```
 */
export interface HazardRatioPlotOptions extends BasePlotOptions {
  /** Marker and interval colour (hex). Default `"#0072b2"`. */
  color?: string;
  /** Display names of covariates, by covariate name (others keep their name). */
  labels?: Readonly<Record<string, string>>;
}

const FN = "hazardRatioPlot";

/** Ticks on a log axis over [lo, hi] (both > 0): 1-2-5 steps per decade, or decades alone when those crowd. */
function logTicks(lo: number, hi: number, target: number): number[] {
  const k0 = Math.floor(Math.log10(lo));
  const k1 = Math.ceil(Math.log10(hi));
  const pick = (mults: readonly number[]): number[] => {
    const out: number[] = [];
    for (let k = k0; k <= k1 && out.length <= 200; k++) for (const m of mults) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.push(v);
    }
    return out;
  };
  const fine = pick([1, 2, 5]);
  if (fine.length <= target) return fine.length >= 2 ? fine : pick([1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9]);
  const decades = pick([1]);
  const every = Math.ceil(decades.length / target);
  return decades.filter((v) => Math.round(Math.log10(v)) % every === 0 || v === 1);
}

/** A ratio with three significant figures, locale-free, plain decimals (`0.575`, `1.01`, `12.3`). */
function ratio(v: number): string {
  if (v >= 1e6 || v < 1e-4) return v.toExponential(2).replace("e+", "e");
  return fixed(v, Math.max(0, 2 - Math.floor(Math.log10(v))));
}

/**
 * Draws a forest plot of a Cox model's hazard ratios: one row per covariate, a square at exp(β) and a
 * horizontal line over its confidence interval, on a logarithmic axis (so that a ratio of 2 and one of 0.5 lie
 * equally far from 1) with a dashed reference line at 1, no effect. A ratio above 1 raises the hazard (churn
 * sooner) per unit of the covariate; below 1 lowers it. Each row is written out on the right:
 * `"1.01 (0.99–1.03)"`.
 *
 * @param model - a `fitCoxPh(...)` model, or `{ covariates, hazardRatios, lower, upper, confidence }`
 * @param options - size, title, colour, display labels; see {@link HazardRatioPlotOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER` or `OUT_OF_RANGE` (a ratio or bound ≤ 0, or a
 *   confidence outside (0, 1)) with a path such as `"model.upper.age"`; `INVALID_INPUT` for a ratio outside its
 *   interval; `DUPLICATE_ID` for a covariate listed twice; `INVALID_OPTION` for a bad option, `UNKNOWN_OPTION`
 *   for an unknown key or a label naming no covariate.
 * @category Plot
 * @example
 * ```ts
 * const svg = hazardRatioPlot({
 *   covariates: ["age", "sex"], confidence: 0.95,
 *   hazardRatios: { age: 1.011, sex: 0.575 }, lower: { age: 0.993, sex: 0.414 }, upper: { age: 1.03, sex: 0.799 },
 * });
 * svg.includes("0.575 (0.414–0.799)");
 * // => true
 * ```
 */
export function hazardRatioPlot(model: HazardRatioInput, options?: HazardRatioPlotOptions): string {
  const m = record(FN, model, "model");
  const covs = array<unknown>(FN, m.covariates, "model.covariates");
  const hrs = record(FN, m.hazardRatios, "model.hazardRatios");
  const los = record(FN, m.lower, "model.lower");
  const his = record(FN, m.upper, "model.upper");
  const cf = m.confidence;
  if (typeof cf !== "number" || !(cf > 0 && cf < 1)) fail(FN, typeof cf === "number" ? "OUT_OF_RANGE" : "INVALID_TYPE", `model.confidence must be a number in (0, 1), got ${show(cf)}`, "model.confidence");
  const rows: { name: string; hr: number; lo: number; hi: number }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < covs.length; i++) {
    const name = covs[i];
    if (typeof name !== "string") fail(FN, "INVALID_TYPE", `model.covariates[${i}] must be a string, got ${show(name)}`, `model.covariates[${i}]`);
    if (seen.has(name)) fail(FN, "DUPLICATE_ID", `model.covariates[${i}] ${JSON.stringify(name)} appears twice`, `model.covariates[${i}]`);
    seen.add(name);
    const key = (k: string): string => `model.${k}.${name}`;
    const hr = positiveNumber(FN, hrs[name], key("hazardRatios"));
    const a = positiveNumber(FN, los[name], key("lower"));
    const b = positiveNumber(FN, his[name], key("upper"));
    if (!(a <= hr && hr <= b)) fail(FN, "INVALID_INPUT", `model.hazardRatios.${name} (${show(hr)}) must lie within its interval [${show(a)}, ${show(b)}] from model.lower and model.upper`, key("hazardRatios"));
    rows.push({ name, hr, lo: a, hi: b });
  }
  const n = rows.length;
  const { o, frame } = plotOptions(FN, options, ["color", "labels"] as const satisfies readonly (keyof HazardRatioPlotOptions)[], {
    width: 640,
    height: Math.min(20_000, Math.max(200, 110 + 28 * n)),
    title: "Hazard ratios",
    id: "rk-hazard-ratios",
  });
  const color = o.color === undefined ? "#0072b2" : hexColor(FN, o.color, "options.color");
  const labels = o.labels === undefined ? {} : record(FN, o.labels, "options.labels");
  for (const k of Object.keys(labels)) {
    if (!seen.has(k)) fail(FN, "UNKNOWN_OPTION", `options.labels names ${JSON.stringify(k)}, which is not among model.covariates`, `options.labels.${k}`);
  }
  const labelOf = (name: string): string => {
    if (!Object.hasOwn(labels, name)) return name;
    const v = labels[name];
    if (typeof v !== "string") fail(FN, "INVALID_OPTION", `options.labels[${JSON.stringify(name)}] must be a string, got ${show(v)}`, `options.labels.${name}`);
    return v;
  };
  const names = rows.map((r) => labelOf(r.name));
  const values = rows.map((r) => `${ratio(r.hr)} (${ratio(r.lo)}–${ratio(r.hi)})`);

  const fs = frame.fontSize;
  let labelW = 0;
  for (const s of names) labelW = Math.max(labelW, s.length * fs * 0.6);
  let valueW = `HR (${fixed(cf * 100, 0)}% CI)`.length * fs * 0.6;
  for (const s of values) valueW = Math.max(valueW, s.length * fs * 0.6);
  const maxSide = frame.width * 0.3;
  const area = {
    left: 12 + Math.min(labelW, maxSide) + 10,
    top: titleSpace(frame) + fs * 1.6,
    right: Math.max(12 + Math.min(labelW, maxSide) + 40, frame.width - 18 - Math.min(valueW, maxSide) - 12),
    bottom: frame.height - fs * 3.8,
  };
  let lo = 1;
  let hi = 1;
  for (const r of rows) {
    lo = Math.min(lo, r.lo);
    hi = Math.max(hi, r.hi);
  }
  // pad by 5% of the log span on each side, at least a factor 1.1 overall
  // (in logs, so that ratios near the ends of the double range stay finite)
  const span = Math.max(Math.log(hi) - Math.log(lo), Math.log(1.1));
  const l0 = Math.log(lo) - span * 0.05;
  const l1 = Math.log(hi) + span * 0.05;
  const x = linear(l0, l1, area.left, area.right);
  const xl = (v: number): number => x(Math.log(v));
  const ticks = logTicks(Math.max(1e-300, Math.exp(l0)), Math.min(1e300, Math.exp(l1)), Math.max(2, Math.min(8, Math.floor((area.right - area.left) / (fs * 4)))));
  const rowH = n > 0 ? (area.bottom - area.top) / n : 0;
  const cy = (i: number): number => area.top + (i + 0.5) * rowH;

  let body = `<g class="x-axis" fill="#444444" font-size="${num(fs)}" text-anchor="middle">\n`;
  for (const t of ticks) {
    const px = xl(t);
    body += `<line x1="${num(px)}" x2="${num(px)}" y1="${num(area.top)}" y2="${num(area.bottom)}" stroke="#eeeeee"/>`;
    body += `<line x1="${num(px)}" x2="${num(px)}" y1="${num(area.bottom)}" y2="${num(area.bottom + 5)}" stroke="#666666"/>`;
    body += text(px, area.bottom + 7 + fs, String(t)) + "\n";
  }
  body += `<line x1="${num(area.left)}" x2="${num(area.right)}" y1="${num(area.bottom)}" y2="${num(area.bottom)}" stroke="#666666"/>\n`;
  body += text((area.left + area.right) / 2, area.bottom + 12 + fs * 2.2, "Hazard ratio (log scale)", `fill="#1a1a1a"`) + "\n";
  body += "</g>\n";
  body += `<line class="no-effect" x1="${num(xl(1))}" x2="${num(xl(1))}" y1="${num(area.top)}" y2="${num(area.bottom)}" stroke="#666666" stroke-dasharray="4 3"/>\n`;
  body += text(frame.width - 18, area.top - fs * 0.5, `HR (${fixed(cf * 100, 0)}% CI)`, `text-anchor="end" font-size="${num(fs)}" font-weight="600" fill="#1a1a1a"`) + "\n";
  if (n === 0) body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, "No covariates", `text-anchor="middle" fill="#666666"`) + "\n";
  body += `<g class="rows" font-size="${num(fs)}" fill="#1a1a1a">\n`;
  const sq = Math.max(3, Math.min(5, rowH * 0.2));
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const py = cy(i);
    body += text(area.left - 10, py + fs * 0.35, names[i]!, `text-anchor="end"`);
    body += `<line x1="${num(xl(r.lo))}" x2="${num(xl(r.hi))}" y1="${num(py)}" y2="${num(py)}" stroke="${color}" stroke-width="2"/>`;
    body += `<rect x="${num(xl(r.hr) - sq)}" y="${num(py - sq)}" width="${num(2 * sq)}" height="${num(2 * sq)}" fill="${color}"><title>${escapeXml(`${names[i]!}: hazard ratio ${values[i]!}`)}</title></rect>`;
    body += text(frame.width - 18, py + fs * 0.35, values[i]!, `text-anchor="end"`) + "\n";
  }
  body += "</g>\n";

  let strongest = -1;
  for (let i = 0; i < n; i++) if (strongest < 0 || Math.abs(Math.log(rows[i]!.hr)) > Math.abs(Math.log(rows[strongest]!.hr))) strongest = i;
  const excl = rows.filter((r) => r.lo > 1 || r.hi < 1).length;
  const desc =
    n === 0
      ? "Empty hazard-ratio plot: no covariates."
      : `Hazard ratios with ${fixed(cf * 100, 0)}% confidence intervals for ${n} covariate${n === 1 ? "" : "s"} on a log scale; ${excl} interval${excl === 1 ? " excludes" : "s exclude"} 1. The largest effect is ${names[strongest]!}: ${values[strongest]!}.`;
  return svgDocument(frame, desc, body);
}
