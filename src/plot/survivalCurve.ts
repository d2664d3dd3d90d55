import type { BasePlotOptions } from "./options.js";
import { array, count, fail, finiteNumber, record, show } from "../internal/validate.js";
import {
  boolOption,
  hexColor,
  linear,
  niceMax,
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
 * A survival curve as {@link survivalCurve} reads it: the fields of a `kaplanMeier` result that it draws.
 * All arrays are indexed by the distinct times.
 *
 * @category Plot
 * @example
 * ```ts
 * const c: SurvivalCurveInput = { times: [1, 2], survival: [0.8, 0.6], lower: [0.5, 0.3], upper: [0.95, 0.85], median: null };
 * ```
 */
export interface SurvivalCurveInput {
  /** Distinct times, strictly increasing (any unit; label it with `timeLabel`). */
  readonly times: readonly number[];
  /** S(t) just after each time, in [0, 1]. */
  readonly survival: readonly number[];
  /** Lower confidence bound of S(t), or `null` where undefined (then no band is drawn there). */
  readonly lower: readonly (number | null)[];
  /** Upper confidence bound of S(t), or `null` where undefined. */
  readonly upper: readonly (number | null)[];
  /** Observations censored at each time (censor marks); optional. */
  readonly censored?: readonly number[];
  /** Number at risk just before each time (the at-risk row); optional. */
  readonly atRisk?: readonly number[];
  /** Median survival time, or `null` when S never falls to 0.5; optional. */
  readonly median?: number | null;
}

/**
 * One labelled curve of a comparison drawn by {@link survivalCurve} (e.g. one acquisition channel).
 *
 * @category Plot
 * @example
 * ```ts
 * const g: SurvivalGroup = { label: "Paid search", curve: { times: [1, 2], survival: [0.8, 0.5], lower: [null, null], upper: [null, null] } };
 * ```
 */
export interface SurvivalGroup {
  /** Name shown in the legend. */
  readonly label: string;
  /** The group's survival curve. */
  readonly curve: SurvivalCurveInput;
}

/**
 * Options of {@link survivalCurve}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: SurvivalCurveOptions = { timeLabel: "Weeks since signup", showAtRisk: true, color: "#b03a2e" };
 * ```
 */
export interface SurvivalCurveOptions extends BasePlotOptions {
  /** Line colour of a single curve (hex); the band uses it at 20% opacity. Default `"#1f5f99"`. */
  color?: string;
  /**
   * Line colours of compared groups, in order (hex; reused cyclically). Default: the Okabe–Ito
   * colour-blind-safe palette. Groups also differ by dash pattern, so they stay apart in greyscale.
   */
  colors?: readonly string[];
  /** Shade the confidence band (as a step area). Default true. */
  showBand?: boolean;
  /** Mark censored times with a small vertical tick on the curve. Default true. */
  showCensored?: boolean;
  /** Draw dashed guides at S = 50% to the median, when the median is defined. Default true. */
  showMedian?: boolean;
  /** Print the number at risk under the time ticks (needs `atRisk`). Default false. */
  showAtRisk?: boolean;
  /** Caption of the time axis. Default `"Time"`. */
  timeLabel?: string;
  /** Caption of the survival axis. Default `"Share still active"`. */
  survivalLabel?: string;
  /** Bottom of the survival axis, in [0, 1). Default 0 (a truncated axis exaggerates drops; use with care). */
  yMin?: number;
  /** Right end of the time axis. Default: a round number at or above the last time. */
  timeMax?: number;
}

const FN = "survivalCurve";
// Okabe & Ito (2008) colour-blind-safe palette (yellow left out: too light on white), with dashes for greyscale
const GROUP_COLORS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"];
const GROUP_DASHES = ["", "7 3", "2 2", "9 3 2 3", "4 4", "1 3", "12 3"];

/** A validated curve. */
interface Parsed {
  t: number[];
  s: number[];
  lo: (number | null)[];
  hi: (number | null)[];
  censored: number[] | null;
  atRisk: number[] | null;
  median: number | null;
}

function parseCurve(curve: unknown, path: string): Parsed {
  const c = record(FN, curve, path);
  const times = array<unknown>(FN, c.times, `${path}.times`);
  const n = times.length;
  const same = (key: string): readonly unknown[] => {
    const a = array<unknown>(FN, c[key], `${path}.${key}`);
    if (a.length !== n) fail(FN, "INVALID_INPUT", `${path}.${key} has ${a.length} entries but ${path}.times has ${n}`, `${path}.${key}`);
    return a;
  };
  const survival = same("survival");
  const lower = same("lower");
  const upper = same("upper");
  const censored = c.censored === undefined ? null : same("censored");
  const atRisk = c.atRisk === undefined ? null : same("atRisk");
  const out: Parsed = { t: [], s: [], lo: [], hi: [], censored: censored && [], atRisk: atRisk && [], median: null };
  const prob = (v: unknown, at: string): number => {
    const x = finiteNumber(FN, v, at);
    if (!(x >= 0 && x <= 1)) fail(FN, "OUT_OF_RANGE", `${at} must be in [0, 1], got ${show(x)}`, at);
    return x;
  };
  for (let i = 0; i < n; i++) {
    const ti = finiteNumber(FN, times[i], `${path}.times[${i}]`);
    if (i > 0 && !(ti > out.t[i - 1]!)) fail(FN, "INVALID_INPUT", `${path}.times must be strictly increasing, got ${show(ti)} after ${show(out.t[i - 1])}`, `${path}.times[${i}]`);
    out.t.push(ti);
    out.s.push(prob(survival[i], `${path}.survival[${i}]`));
    out.lo.push(lower[i] === null ? null : prob(lower[i], `${path}.lower[${i}]`));
    out.hi.push(upper[i] === null ? null : prob(upper[i], `${path}.upper[${i}]`));
    if (censored) out.censored!.push(count(FN, censored[i], `${path}.censored[${i}]`));
    if (atRisk) out.atRisk!.push(count(FN, atRisk[i], `${path}.atRisk[${i}]`));
  }
  if (c.median !== undefined && c.median !== null) out.median = finiteNumber(FN, c.median, `${path}.median`);
  return out;
}

/**
 * Draws a survival curve (e.g. Kaplan–Meier) as a right-continuous step function starting at S = 1, with its
 * pointwise confidence band as a shaded step area (broken where a bound is `null`), optional censor marks
 * (a tick at each time with censored observations), optional dashed guides to the median survival time,
 * and an optional number-at-risk row under the time axis.
 *
 * Pass an array of `{ label, curve }` instead to compare groups (channels, plans, cohorts) on one chart:
 * each group gets its own colour and dash pattern, a legend entry with its median, its own band, censor
 * marks and at-risk row.
 *
 * @param curve - `{ times, survival, lower, upper, censored?, atRisk?, median? }`, e.g. the result of
 *   `kaplanMeier`; or an array of {@link SurvivalGroup} `{ label, curve }` to compare
 * @param options - size, title, colour and which overlays to draw; see {@link SurvivalCurveOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER`, `OUT_OF_RANGE`, `NOT_INTEGER`, `NEGATIVE_VALUE`
 *   with a path such as `"curve.survival[3]"` (`"curve[1].curve.survival[3]"` for groups); `INVALID_INPUT` when the arrays differ in length or the times
 *   are not strictly increasing; `INVALID_OPTION` / `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const svg = survivalCurve({
 *   times: [1, 2, 3, 5], survival: [0.9, 0.7, 0.5, 0.3], lower: [0.7, 0.45, 0.25, null], upper: [0.99, 0.88, 0.74, null],
 *   censored: [0, 1, 0, 1], median: 3,
 * }, { timeLabel: "Months" });
 * svg.includes("<title");
 * // => true
 * ```
 */
export function survivalCurve(curve: SurvivalCurveInput | readonly SurvivalGroup[], options?: SurvivalCurveOptions): string {
  const grouped = Array.isArray(curve);
  const labels: string[] = [];
  const curves: Parsed[] = [];
  if (grouped) {
    (curve as readonly unknown[]).forEach((g, i) => {
      const row = record(FN, g, `curve[${i}]`);
      if (typeof row.label !== "string") fail(FN, "INVALID_TYPE", `curve[${i}].label must be a string, got ${show(row.label)}`, `curve[${i}].label`);
      labels.push(row.label);
      curves.push(parseCurve(row.curve, `curve[${i}].curve`));
    });
  } else {
    curves.push(parseCurve(curve, "curve"));
  }
  const one = grouped ? null : curves[0]!;

  const { o, frame } = plotOptions(
    FN,
    options,
    ["color", "colors", "showBand", "showCensored", "showMedian", "showAtRisk", "timeLabel", "survivalLabel", "yMin", "timeMax"] as const satisfies readonly (keyof SurvivalCurveOptions)[],
    { width: 640, height: 400, title: grouped ? "Survival curves" : "Survival curve", id: "rk-survival-curve" },
  );
  const color = o.color === undefined ? "#1f5f99" : hexColor(FN, o.color, "options.color");
  let palette = GROUP_COLORS;
  if (o.colors !== undefined) {
    const given = array<unknown>(FN, o.colors, "options.colors");
    if (given.length === 0) fail(FN, "INVALID_OPTION", "options.colors must hold at least one hex colour", "options.colors");
    palette = given.map((c, i) => hexColor(FN, c, `options.colors[${i}]`));
  }
  const colorOf = (g: number): string => (grouped ? palette[g % palette.length]! : color);
  const dashOf = (g: number): string => (grouped ? GROUP_DASHES[g % GROUP_DASHES.length]! : "");
  const showBand = boolOption(FN, o, "showBand", true);
  const showCensored = boolOption(FN, o, "showCensored", true);
  const showMedian = boolOption(FN, o, "showMedian", true);
  const risky = curves.filter((c) => c.atRisk !== null && c.t.length > 0).length;
  const showAtRisk = boolOption(FN, o, "showAtRisk", false) && risky > 0;
  const timeCaption = stringOption(FN, o, "timeLabel", "Time");
  const survCaption = stringOption(FN, o, "survivalLabel", "Share still active");
  let yMin = 0;
  if (o.yMin !== undefined) {
    yMin = finiteNumber(FN, o.yMin, "options.yMin");
    if (!(yMin >= 0 && yMin < 1)) fail(FN, "OUT_OF_RANGE", `options.yMin must be in [0, 1), got ${show(yMin)}`, "options.yMin");
  }
  let total = 0;
  let t0 = 0;
  let tLast = -Infinity;
  for (const c of curves) {
    const n = c.t.length;
    total += n;
    if (n > 0) {
      t0 = Math.min(t0, c.t[0]!);
      tLast = Math.max(tLast, c.t[n - 1]!);
    }
  }
  if (total === 0) tLast = 1;
  if (!(Math.abs(tLast - t0) <= 1e300)) {
    fail(FN, "OUT_OF_RANGE", `curve.times span ${show(t0)} to ${show(tLast)}, too wide to draw`, "curve.times");
  }
  let tMax: number;
  if (o.timeMax !== undefined) {
    tMax = finiteNumber(FN, o.timeMax, "options.timeMax");
    if (!(tMax > t0 && tMax - t0 <= 1e300)) fail(FN, "OUT_OF_RANGE", `options.timeMax must be greater than ${show(t0)}, got ${show(tMax)}`, "options.timeMax");
  } else {
    tMax = t0 + niceMax(tLast - t0, 6);
    if (!(tMax > t0)) tMax = t0 + 1;
  }

  const fs = frame.fontSize;
  const riskRows = showAtRisk ? fs * (2.4 + 1.2 * (grouped ? risky : 1)) : 0;
  const legendH = grouped && curves.length > 0 ? fs * 1.8 : 0;
  const area = { left: fs * 4.6, top: titleSpace(frame) + 6 + legendH, right: frame.width - 18, bottom: frame.height - fs * 3.8 - riskRows };
  const x = linear(t0, tMax, area.left, area.right);
  const y = linear(yMin, 1, area.bottom, area.top);
  // clamp to the plot area so a truncated axis (yMin, timeMax) never draws outside it
  const cx = (v: number): number => Math.min(area.right, Math.max(area.left, x(v)));
  const cy = (v: number): number => Math.min(area.bottom, Math.max(area.top, y(v)));
  const yTicks = niceTicks(yMin, 1, 5);
  const xTicks = niceTicks(t0, tMax, Math.max(2, Math.floor((area.right - area.left) / 70)));
  const xFmt = (v: number): string => num(Number(v.toFixed(xTicks.decimals)));
  const yDec = yTicks.decimals > 2 ? yTicks.decimals - 2 : 0;

  let body = yAxis(area, yTicks.ticks, y, (v) => percent(v, yDec), fs, survCaption);
  body += xAxis(area, xTicks.ticks, x, xFmt, fs, timeCaption);

  // bands first (all groups), so no band covers another group's line
  if (showBand) {
    curves.forEach(({ t, lo, hi }, g) => {
      const n = t.length;
      // step band over each run of consecutive times where both bounds exist; bound i holds on [t_i, t_{i+1})
      let d = "";
      let i = 0;
      while (i < n) {
        if (lo[i] === null || hi[i] === null) {
          i++;
          continue;
        }
        let j = i;
        while (j + 1 < n && lo[j + 1] !== null && hi[j + 1] !== null) j++;
        const end = (k: number): number => (k + 1 < n ? t[k + 1]! : t[k]!);
        let top = `M${num(cx(t[i]!))} ${num(cy(hi[i]!))}`;
        for (let k = i; k <= j; k++) top += `H${num(cx(end(k)))}` + (k < j ? `V${num(cy(hi[k + 1]!))}` : "");
        let bottom = `V${num(cy(lo[j]!))}`;
        for (let k = j; k >= i; k--) bottom += `H${num(cx(t[k]!))}` + (k > i ? `V${num(cy(lo[k - 1]!))}` : "");
        d += `${top}${bottom}Z`;
        i = j + 1;
      }
      if (d !== "") body += `<path class="band" d="${d}" fill="${colorOf(g)}" fill-opacity="${grouped ? "0.12" : "0.2"}" stroke="none"/>\n`;
    });
  }

  curves.forEach(({ t, s, censored }, g) => {
    const n = t.length;
    const dash = dashOf(g) === "" ? "" : ` stroke-dasharray="${dashOf(g)}"`;
    // the step curve: S = 1 until the first time, then S_i on [t_i, t_{i+1})
    if (n > 0) {
      let d = `M${num(cx(t0))} ${num(cy(1))}`;
      for (let i = 0; i < n; i++) d += `H${num(cx(t[i]!))}V${num(cy(s[i]!))}`;
      body += `<path class="curve" d="${d}" fill="none" stroke="${colorOf(g)}" stroke-width="2" stroke-linejoin="miter"${dash}/>\n`;
    }
    if (showCensored && censored) {
      let d = "";
      for (let i = 0; i < n; i++) {
        if (censored[i]! > 0 && t[i]! <= tMax) {
          const px = x(t[i]!);
          const py = cy(s[i]!);
          d += `M${num(px)} ${num(py - 4)}V${num(py + 4)}`;
        }
      }
      if (d !== "") body += `<path class="censored" d="${d}" stroke="${colorOf(g)}" stroke-width="1.5"/>\n`;
    }
  });

  const medianText = (m: number | null): string => (m === null ? "median not reached" : `median ${num(m)}`);
  let medianNote = "";
  if (one) {
    const { median, t } = one;
    if (showMedian && median !== null && median >= t0 && median <= tMax && yMin <= 0.5) {
      const mx = x(median);
      const my = y(0.5);
      body += `<path class="median" d="M${num(area.left)} ${num(my)}H${num(mx)}V${num(area.bottom)}" fill="none" stroke="#555555" stroke-width="1" stroke-dasharray="4 3"/>\n`;
      // below the 50% guide, left of the median: the curve is above 50% there, so the corner is empty
      const label = medianText(median);
      const fitsLeft = mx - 6 - textWidth(label, fs) > area.left;
      body += text(fitsLeft ? mx - 6 : mx + 6, my + fs * 1.2, label, `font-size="${num(fs)}" fill="#333333"${fitsLeft ? ' text-anchor="end"' : ""}`) + "\n";
      medianNote = ` The median survival time is ${num(median)}.`;
    } else if (median === null && t.length > 0) {
      medianNote = " Survival stays above 50%, so the median is not reached.";
    }
  } else if (curves.length > 0) {
    // groups: one dotted drop line per defined median, in the group's colour; values go in the legend
    if (showMedian && yMin <= 0.5) {
      let guide = false;
      curves.forEach(({ median }, g) => {
        if (median === null || median < t0 || median > tMax) return;
        body += `<path class="median" d="M${num(x(median))} ${num(y(0.5))}V${num(area.bottom)}" fill="none" stroke="${colorOf(g)}" stroke-width="1" stroke-dasharray="2 3"/>\n`;
        guide = true;
      });
      if (guide) body += `<path class="median" d="M${num(area.left)} ${num(y(0.5))}H${num(area.right)}" fill="none" stroke="#555555" stroke-width="1" stroke-dasharray="4 3"/>\n`;
    }
    // legend: swatch with the group's dash, label and median, wrapped onto rows that fit the width
    const ly = titleSpace(frame) + fs * 0.6;
    let lx = area.left;
    body += `<g class="legend" font-size="${num(fs)}" fill="#1a1a1a">\n`;
    curves.forEach(({ median }, g) => {
      const label = `${labels[g]} (${medianText(median)})`;
      const w = 30 + textWidth(label, fs) + 14;
      if (lx > area.left && lx + w > area.right) return; // no room: the description still lists every group
      const dash = dashOf(g) === "" ? "" : ` stroke-dasharray="${dashOf(g)}"`;
      body += `<path d="M${num(lx)} ${num(ly)}h24" stroke="${colorOf(g)}" stroke-width="2"${dash}/>`;
      body += text(lx + 30, ly + fs * 0.35, label) + "\n";
      lx += w;
    });
    body += "</g>\n";
    medianNote = ` Groups: ${curves.map((c, g) => `${labels[g]} (${c.t.length} times, ${medianText(c.median)}${c.t.length > 0 ? `, ${percent(c.s[c.t.length - 1]!, 1)} at ${num(c.t[c.t.length - 1]!)}` : ""})`).join("; ")}.`;
  }

  if (showAtRisk) {
    const ry0 = area.bottom + fs * 6.2;
    body += `<g class="at-risk" font-size="${num(fs)}" fill="#444444" text-anchor="middle">\n`;
    body += text(area.left, ry0 - fs * 1.3, "Number at risk", `text-anchor="start" fill="#1a1a1a"`) + "\n";
    let row = 0;
    curves.forEach(({ t, atRisk }, g) => {
      if (atRisk === null || t.length === 0) return;
      const ry = ry0 + row * fs * 1.2;
      const ink = grouped ? ` fill="${colorOf(g)}"` : "";
      if (grouped) {
        // the group's line swatch before its row, so rows stay matched to curves in greyscale
        const dash = dashOf(g) === "" ? "" : ` stroke-dasharray="${dashOf(g)}"`;
        body += `<path d="M${num(area.left - fs * 3.4)} ${num(ry - fs * 0.35)}h${num(fs * 1.6)}" stroke="${colorOf(g)}" stroke-width="2"${dash}/>\n`;
      }
      let j = 0;
      for (const tick of xTicks.ticks) {
        while (j < t.length && t[j]! < tick) j++;
        // at risk at `tick`: those still under observation at the first time ≥ tick (0 past the last time)
        const r = j < t.length ? atRisk[j]! : 0;
        body += text(x(tick), ry, String(r), ink.trim()) + "\n";
      }
      row++;
    });
    body += "</g>\n";
  }
  if (total === 0) body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, "No observations", `text-anchor="middle" fill="#666666"`) + "\n";

  let desc: string;
  if (one) {
    const n = one.t.length;
    const last = n > 0 ? ` It falls from 100% to ${percent(one.s[n - 1]!, 1)} at ${num(tLast)}.` : "";
    desc =
      n === 0
        ? "Empty survival curve: no observations."
        : `Step curve of the share still active (${survCaption}) against ${timeCaption} over ${n} distinct time${n === 1 ? "" : "s"}${showBand ? ", with its confidence band shaded" : ""}.${last}${medianNote}`;
  } else {
    desc =
      total === 0
        ? `Empty survival comparison: ${curves.length} group${curves.length === 1 ? "" : "s"} without observations.`
        : `Step curves of the share still active (${survCaption}) against ${timeCaption} for ${curves.length} groups, each in its own colour and dash pattern${showBand ? ", with confidence bands shaded" : ""}.${medianNote}`;
  }
  return svgDocument(frame, desc, body);
}
