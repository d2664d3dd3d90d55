import type { BasePlotOptions } from "./options.js";
import { array, fail, finiteNumber, nonNegativeNumber, show } from "../internal/validate.js";
import {
  fixed,
  hexColor,
  intOption,
  linear,
  niceTicks,
  num,
  percent,
  plotOptions,
  stringOption,
  svgDocument,
  text,
  textWidth,
  titleSpace,
  xAxis,
  yAxis,
} from "./internal/svg.js";

/**
 * Options of {@link paretoCurve}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: ParetoCurveOptions = { cuts: [0.5, 0.8, 0.95], valueLabel: "revenue" };
 * ```
 */
export interface ParetoCurveOptions extends BasePlotOptions {
  /** Cumulative value shares where classes end, strictly increasing in (0, 1). Default `[0.8, 0.95]` (ABC). */
  cuts?: readonly number[];
  /** Class letters for the bands the cuts make (one more than the cuts). Default `"A"`, `"B"`, `"C"`, … */
  classLabels?: readonly string[];
  /** Curve colour (hex). Default `"#1f5f99"`. */
  color?: string;
  /** What the values are, used in captions ("share of revenue"). Default `"value"`. */
  valueLabel?: string;
  /** Most points drawn on the curve (it is resampled evenly in customer share; cut points are kept exactly). 10..100000, default 500. */
  maxPoints?: number;
}

const FN = "paretoCurve";

/**
 * Draws the Pareto (concentration, or Lorenz-type) curve of customer value: customers ranked by value,
 * highest first; x is the share of customers, y the cumulative share of total value they hold. Dashed guides
 * mark where the curve reaches each cut (by default 80% and 95% of value, the ABC classes: A customers hold
 * the first 80% of value, B the next 15%, C the rest), with the share of customers each class needs; the
 * diagonal is the line of equal value. The description states the Gini coefficient, G = 2·A − 1 where A is
 * the area under this curve (0 when everyone is worth the same, → 1 when one customer holds everything).
 *
 * @param values - non-negative value per customer (revenue, CLV, margin), in any order
 * @param options - size, title, cuts, colours; see {@link ParetoCurveOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER` or `NEGATIVE_VALUE` with a path such as
 *   `"values[7]"`; `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options (cuts not increasing in (0, 1)).
 * @category Plot
 * @example
 * ```ts
 * const svg = paretoCurve([500, 120, 80, 40, 30, 20, 10, 5, 5, 0]);
 * svg.includes("80% of value");
 * // => true
 * ```
 */
export function paretoCurve(values: readonly number[], options?: ParetoCurveOptions): string {
  const input = array<unknown>(FN, values, "values");
  const n = input.length;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = nonNegativeNumber(FN, input[i], `values[${i}]`);

  const { o, frame } = plotOptions(FN, options, ["cuts", "classLabels", "color", "valueLabel", "maxPoints"] as const satisfies readonly (keyof ParetoCurveOptions)[], {
    width: 640,
    height: 420,
    title: "Pareto curve of customer value",
    id: "rk-pareto-curve",
  });
  let cuts: number[] = [0.8, 0.95];
  if (o.cuts !== undefined) {
    cuts = array<unknown>(FN, o.cuts, "options.cuts").map((c, i) => {
      const x = finiteNumber(FN, c, `options.cuts[${i}]`);
      if (!(x > 0 && x < 1)) fail(FN, "INVALID_OPTION", `options.cuts[${i}] must be in (0, 1), got ${show(x)}`, `options.cuts[${i}]`);
      return x;
    });
    for (let i = 1; i < cuts.length; i++) {
      if (!(cuts[i]! > cuts[i - 1]!)) fail(FN, "INVALID_OPTION", `options.cuts must be strictly increasing, got ${show(cuts[i])} after ${show(cuts[i - 1])}`, `options.cuts[${i}]`);
    }
  }
  let classes: string[] = [];
  for (let i = 0; i <= cuts.length; i++) classes.push(i < 26 ? String.fromCharCode(65 + i) : `#${i + 1}`);
  if (o.classLabels !== undefined) {
    const given = array<unknown>(FN, o.classLabels, "options.classLabels");
    if (given.length !== cuts.length + 1) {
      fail(FN, "INVALID_OPTION", `options.classLabels must have ${cuts.length + 1} labels (one more than the cuts), got ${given.length}`, "options.classLabels");
    }
    classes = given.map((l, i) => {
      if (typeof l !== "string") fail(FN, "INVALID_TYPE", `options.classLabels[${i}] must be a string, got ${show(l)}`, `options.classLabels[${i}]`);
      return l;
    });
  }
  const color = o.color === undefined ? "#1f5f99" : hexColor(FN, o.color, "options.color");
  const valueLabel = stringOption(FN, o, "valueLabel", "value");
  const maxPoints = intOption(FN, o, "maxPoints", 500, 10, 100_000);

  // rank highest first; cum[k] = value of the top k customers
  v.sort();
  v.reverse();
  // scale by the largest value so the running sum cannot overflow to Infinity (shares are scale-free)
  const scale = n > 0 && v[0]! > 0 ? v[0]! : 1;
  for (let i = 0; i < n; i++) v[i] = v[i]! / scale;
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i]! + v[i]!;
  const total = cum[n]!;
  const share = (k: number): number => (total > 0 ? Math.min(1, cum[k]! / total) : 0);

  // smallest k whose top-k customers reach each cut (a relative tolerance absorbs summation rounding)
  const cutK: number[] = [];
  if (total > 0) {
    let k = 0;
    for (const c of cuts) {
      while (k < n && cum[k]! < c * total * (1 - 1e-12)) k++;
      cutK.push(k);
    }
  }
  // where the drawn (piecewise-linear) curve reaches each cut, as a share of customers: within customer k
  const cutX = cutK.map((k, i) => {
    if (k === 0) return 0;
    const need = cuts[i]! * total - cum[k - 1]!;
    const part = v[k - 1]! > 0 ? Math.min(1, Math.max(0, need / v[k - 1]!)) : 1;
    return (k - 1 + part) / n;
  });
  let gini: number | null = null;
  if (total > 0 && n > 0) {
    let area = 0;
    for (let k = 1; k <= n; k++) area += (share(k - 1) + share(k)) / 2;
    gini = Math.min(1, Math.max(0, (2 * area) / n - 1));
  }

  const fs = frame.fontSize;
  const area = { left: fs * 4.8, top: titleSpace(frame) + fs * 1.2, right: frame.width - 20, bottom: frame.height - fs * 4 };
  const x = linear(0, 1, area.left, area.right);
  const y = linear(0, 1, area.bottom, area.top);
  const { ticks } = niceTicks(0, 1, 5);
  let body = yAxis(area, ticks, y, (t) => percent(t, 0), fs, `Cumulative share of ${valueLabel}`);
  body += xAxis(area, ticks, x, (t) => percent(t, 0), fs, `Share of customers (ranked by ${valueLabel}, highest first)`);
  body += `<path class="equality" d="M${num(x(0))} ${num(y(0))}L${num(x(1))} ${num(y(1))}" stroke="#9a9a9a" stroke-dasharray="2 3" fill="none"/>\n`;

  const notes: string[] = [];
  if (n > 0 && total > 0) {
    // class bands along the x axis (alternating light shading) with their letters
    let prev = 0;
    const bounds = [...cutX, 1];
    body += `<g class="classes" font-size="${num(fs)}" text-anchor="middle">\n`;
    for (let i = 0; i < bounds.length; i++) {
      const k = bounds[i]!;
      const x0 = x(prev);
      const x1 = x(k);
      if (i % 2 === 0) body += `<rect x="${num(x0)}" y="${num(area.top)}" width="${num(Math.max(0, x1 - x0))}" height="${num(area.bottom - area.top)}" fill="#000000" fill-opacity="0.04"/>`;
      if (x1 - x0 >= fs * 1.2) body += text((x0 + x1) / 2, area.bottom - fs * 0.7, classes[i]!, `fill="#333333" font-weight="600"`);
      body += "\n";
      prev = k;
    }
    body += "</g>\n";

    // curve: resampled evenly in customer share, cut points included exactly
    const ks = new Set<number>([0, n, ...cutK]);
    const step = Math.max(1, n / maxPoints);
    for (let p = 0; p * step < n; p++) ks.add(Math.round(p * step));
    const order = [...ks].sort((a, b) => a - b);
    let d = "";
    for (const k of order) d += `${d === "" ? "M" : "L"}${num(x(k / n))} ${num(y(share(k)))}`;
    body += `<path class="curve" d="${d}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round"/>\n`;

    // guides at each cut
    body += `<g class="cuts" font-size="${num(fs)}" fill="#333333">\n`;
    cuts.forEach((c, i) => {
      const k = cutK[i]!;
      const px = x(cutX[i]!);
      const py = y(c);
      body += `<path d="M${num(area.left)} ${num(py)}H${num(px)}V${num(area.bottom)}" fill="none" stroke="#555555" stroke-dasharray="4 3"/>`;
      body += `<circle cx="${num(px)}" cy="${num(py)}" r="3" fill="${color}"/>`;
      // above the guide left of the point, or below it right of the point: both corners are off the
      // (increasing, concave) curve, so the label never crosses it
      const label = `${percent(cutX[i]!, 1)} of customers → ${percent(c, 0)} of ${valueLabel}`;
      const fitsLeft = area.left + 6 + textWidth(label, fs) <= px - 4;
      body += (fitsLeft ? text(area.left + 6, py - fs * 0.4, label) : text(px + 6, py + fs * 1.2, label)) + "\n";
      notes.push(`${percent(k / n, 1)} of customers (${k} of ${n}) hold ${percent(c, 0)} of ${valueLabel}`);
    });
    body += "</g>\n";
    if (gini !== null) body += text(area.right, titleSpace(frame) - fs * 0.2, `Gini ${fixed(gini, 3)}`, `text-anchor="end" font-size="${num(fs)}" fill="#333333"`) + "\n";
  } else {
    const msg = n === 0 ? "No customers" : `Total ${valueLabel} is 0`;
    body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, msg, `text-anchor="middle" fill="#666666"`) + "\n";
  }

  const desc =
    n === 0
      ? "Empty Pareto curve: no customers."
      : total === 0
        ? `Pareto curve of ${n} customers whose total ${valueLabel} is 0, so no concentration can be shown.`
        : `Cumulative share of ${valueLabel} held by the top share of ${n} customers ranked by ${valueLabel}. ${notes.join("; ")}.${gini === null ? "" : ` Gini coefficient ${fixed(gini, 3)}.`}`;
  return svgDocument(frame, desc, body);
}
