import type { BasePlotOptions } from "./options.js";
import { array, fail, finiteNumber, nonNegativeNumber, record, show } from "../internal/validate.js";
import { boolOption, fixed, hexColor, linear, niceMax, niceTicks, num, plotOptions, stringOption, svgDocument, text, titleSpace, xAxis, yAxis } from "./internal/svg.js";

/**
 * The part of a `nelsonAalen(...)` curve that {@link cumulativeHazardCurve} draws (the whole curve works as is).
 *
 * @category Plot
 * @example
 * ```ts
 * const c: CumulativeHazardInput = { times: [9, 13], cumulativeHazard: [0.0909, 0.1909], lower: [0.0128, 0.0485], upper: [0.6453, 0.7515] };
 * ```
 */
export interface CumulativeHazardInput {
  /** Distinct times, strictly increasing (any unit; label it with `timeLabel`). */
  readonly times: readonly number[];
  /** Cumulative hazard H(t) at each time, ≥ 0. */
  readonly cumulativeHazard: readonly number[];
  /** Lower confidence bound at each time, or `null` (not drawn); the array may be left out. */
  readonly lower?: readonly (number | null)[];
  /** Upper confidence bound at each time, or `null` (not drawn); the array may be left out. */
  readonly upper?: readonly (number | null)[];
}

/**
 * Options of {@link cumulativeHazardCurve}; the base options (size, title, fonts) are in {@link BasePlotOptions}.
 *
 * @category Plot
 * @example
 * ```ts
 * const o: CumulativeHazardCurveOptions = { timeLabel: "Weeks", showBand: false };
 * ```
 */
export interface CumulativeHazardCurveOptions extends BasePlotOptions {
  /** Line and band colour (hex). Default `"#0072b2"`. */
  color?: string;
  /** Shade the confidence band between `lower` and `upper`. Default true. */
  showBand?: boolean;
  /** Caption of the time axis. Default `"Time"`. */
  timeLabel?: string;
  /** Caption of the value axis. Default `"Cumulative hazard"`. */
  hazardLabel?: string;
}

const FN = "cumulativeHazardCurve";

/** A decimal without its trailing zeros (`"18.0"` → `"18"`, `"10"` stays). */
const trimmed = (s: string): string => (s.includes(".") ? s.replace(/\.?0+$/, "") : s);

/**
 * Draws a cumulative-hazard curve — a `nelsonAalen(...)` estimate H(t) = Σ dᵢ / nᵢ over event times up to t —
 * as a right-continuous step function from H = 0 at time 0 (or at the first time, if that is earlier), with
 * its pointwise confidence band shaded where `lower` and `upper` are known. The hazard is in events per
 * customer at risk; time is in the unit of `times`. A straight line means a constant hazard (exponential
 * lifetimes), a rising slope an ageing population, a falling one early churn.
 *
 * @param curve - a `nelsonAalen(...)` result, or `{ times, cumulativeHazard, lower?, upper? }`
 * @param options - size, title, colour, band, labels; see {@link CumulativeHazardCurveOptions}
 * @returns a standalone SVG document
 * @throws RetentionKitError `INVALID_TYPE`, `INVALID_NUMBER` or `NEGATIVE_VALUE` with a path such as
 *   `"curve.cumulativeHazard[3]"`; `INVALID_INPUT` when an array's length differs from `times` or times are
 *   not strictly increasing; `OUT_OF_RANGE` for times too far apart to draw; `INVALID_OPTION` /
 *   `UNKNOWN_OPTION` for bad options.
 * @category Plot
 * @example
 * ```ts
 * const svg = cumulativeHazardCurve({ times: [9, 13, 18], cumulativeHazard: [0.0909, 0.1909, 0.3159] }, { timeLabel: "Weeks" });
 * svg.includes("reaching 0.316 at 18");
 * // => true
 * ```
 */
export function cumulativeHazardCurve(curve: CumulativeHazardInput, options?: CumulativeHazardCurveOptions): string {
  const c = record(FN, curve, "curve");
  const times = array<unknown>(FN, c.times, "curve.times");
  const n = times.length;
  const same = (key: string, optional: boolean): readonly unknown[] | null => {
    const v = c[key];
    if (optional && v === undefined) return null;
    const a = array<unknown>(FN, v, `curve.${key}`);
    if (a.length !== n) fail(FN, "INVALID_INPUT", `curve.${key} has ${a.length} entries but curve.times has ${n}`, `curve.${key}`);
    return a;
  };
  const hz = same("cumulativeHazard", false)!;
  const lower = same("lower", true);
  const upper = same("upper", true);
  const t: number[] = [];
  const h: number[] = [];
  const lo: (number | null)[] = [];
  const hi: (number | null)[] = [];
  let maxV = 0;
  for (let i = 0; i < n; i++) {
    const ti = finiteNumber(FN, times[i], `curve.times[${i}]`);
    if (i > 0 && !(ti > t[i - 1]!)) fail(FN, "INVALID_INPUT", `curve.times must be strictly increasing, got ${show(ti)} after ${show(t[i - 1])}`, `curve.times[${i}]`);
    t.push(ti);
    h.push(nonNegativeNumber(FN, hz[i], `curve.cumulativeHazard[${i}]`));
    const l = lower === null || lower[i] === null ? null : nonNegativeNumber(FN, lower[i], `curve.lower[${i}]`);
    const u = upper === null || upper[i] === null ? null : nonNegativeNumber(FN, upper[i], `curve.upper[${i}]`);
    lo.push(l);
    hi.push(u);
    maxV = Math.max(maxV, h[i]!);
  }
  const { o, frame } = plotOptions(FN, options, ["color", "showBand", "timeLabel", "hazardLabel"] as const satisfies readonly (keyof CumulativeHazardCurveOptions)[], {
    width: 640,
    height: 400,
    title: "Cumulative hazard",
    id: "rk-cumhaz",
  });
  const color = o.color === undefined ? "#0072b2" : hexColor(FN, o.color, "options.color");
  const showBand = boolOption(FN, o, "showBand", true);
  const timeCaption = stringOption(FN, o, "timeLabel", "Time");
  const hazardCaption = stringOption(FN, o, "hazardLabel", "Cumulative hazard");
  if (showBand) for (let i = 0; i < n; i++) if (lo[i] !== null && hi[i] !== null) maxV = Math.max(maxV, hi[i]!);

  const t0 = n > 0 ? Math.min(0, t[0]!) : 0;
  const tLast = n > 0 ? t[n - 1]! : 1;
  if (!(tLast - t0 <= 1e300)) fail(FN, "OUT_OF_RANGE", `curve.times span ${show(t0)} to ${show(tLast)}, too wide to draw`, "curve.times");
  const tMax = t0 + niceMax(tLast - t0, 6);
  const fs = frame.fontSize;
  const area = { left: fs * 5.2, top: titleSpace(frame) + 6, right: frame.width - 18, bottom: frame.height - fs * 3.8 };
  const top = niceMax(maxV, 5);
  const x = linear(t0, tMax, area.left, area.right);
  const y = linear(0, top, area.bottom, area.top);
  const yt = niceTicks(0, top, 5);
  const xt = niceTicks(t0, tMax, Math.max(2, Math.min(10, Math.floor((area.right - area.left) / (fs * 5)))));
  let body = yAxis(area, yt.ticks, y, (v) => fixed(v, yt.decimals), fs, hazardCaption);
  body += xAxis(area, xt.ticks, x, (v) => fixed(v, xt.decimals), fs, timeCaption);

  // band: one rectangle per interval [tᵢ, tᵢ₊₁) where both bounds are known (the step function's band)
  let bands = 0;
  if (showBand) {
    let d = "";
    for (let i = 0; i + 1 < n; i++) {
      const l = lo[i]!;
      const u = hi[i]!;
      if (l === null || u === null) continue;
      d += `M${num(x(t[i]!))} ${num(y(Math.max(l, u)))}H${num(x(t[i + 1]!))}V${num(y(Math.min(l, u)))}H${num(x(t[i]!))}Z`;
      bands++;
    }
    if (d !== "") body += `<path class="band" d="${d}" fill="${color}" fill-opacity="0.18" stroke="none"/>\n`;
  }
  if (n > 0) {
    let d = `M${num(x(t0))} ${num(y(0))}`;
    for (let i = 0; i < n; i++) d += `H${num(x(t[i]!))}V${num(y(h[i]!))}`;
    body += `<path class="hazard" d="${d}" fill="none" stroke="${color}" stroke-width="2"/>\n`;
  } else {
    body += text((area.left + area.right) / 2, (area.top + area.bottom) / 2, "No event times", `text-anchor="middle" fill="#666666"`) + "\n";
  }
  const desc =
    n === 0
      ? "Empty cumulative-hazard curve: no times."
      : `Cumulative hazard over ${n} time${n === 1 ? "" : "s"}, reaching ${fixed(h[n - 1]!, 3)} at ${trimmed(fixed(t[n - 1]!, Math.min(6, xt.decimals + 1)))}${bands > 0 ? ", with its confidence band shaded" : ""}.`;
  return svgDocument(frame, desc, body);
}
