// Shared SVG building blocks of the plot renderers (not exported from the plot barrel). Everything here is
// deterministic: numbers are written with fixed decimals (no locale, no exponent for plot-sized values), text
// is XML-escaped, and no clock or random ids are used.
import { fail, optionsBag, show } from "../../internal/validate.js";
import { RAMPS, type BasePlotOptions } from "../options.js";

/** Escapes the five XML special characters so any string is safe in text nodes and attribute values. */
export function escapeXml(text: string): string {
  // fast path: most labels need no escaping at all
  if (!/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === '"') out += "&quot;";
    else if (ch === "'") out += "&apos;";
    // control characters other than tab / newline are not allowed in XML 1.0 at all
    else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) out += "\uFFFD";
    else if (c === 0xfffe || c === 0xffff) out += "\uFFFD";
    else if (c >= 0xd800 && c <= 0xdbff) {
      // keep a surrogate pair whole; a lone surrogate cannot be encoded, so it becomes U+FFFD
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + text[i + 1]!;
        i++;
      } else out += "\uFFFD";
    } else if (c >= 0xdc00 && c <= 0xdfff) out += "\uFFFD";
    else out += ch;
  }
  return out;
}

/** `x` with exactly `decimals` decimals, locale-free, never `-0`. */
export function fixed(x: number, decimals: number): string {
  const s = x.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** A coordinate: at most two decimals, trailing zeros dropped. */
export function num(x: number): string {
  const s = fixed(x, 2);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** A share as a percentage with fixed decimals: `percent(0.4567, 1)` → `"45.7%"`. */
export function percent(x: number, decimals: number): string {
  return `${fixed(x * 100, decimals)}%`;
}

/** A count, shortened above 10 000 (`12.3k`, `4.56M`) so it fits a cell; locale-free. */
export function compactCount(n: number): string {
  const a = Math.abs(n);
  if (a < 10_000) return fixed(n, Number.isInteger(n) ? 0 : 1);
  if (a < 1_000_000) return `${fixed(n / 1_000, a < 100_000 ? 1 : 0)}k`;
  if (a < 1_000_000_000) return `${fixed(n / 1_000_000, a < 10_000_000 ? 2 : 1)}M`;
  return `${fixed(n / 1_000_000_000, 2)}G`;
}

/**
 * Renders a UTC epoch-ms instant (within the Date range) as `YYYY-MM` when it is a month start, else
 * `YYYY-MM-DD`; years outside 0000–9999 in ISO's expanded form (`+275760-09-13`).
 */
export function dateLabel(ms: number, monthly: boolean): string {
  const iso = new Date(ms).toISOString();
  const date = iso.slice(0, iso.indexOf("T"));
  return monthly ? date.slice(0, -3) : date;
}

// ---------------------------------------------------------------------------------------------- colours

/** An RGB triple with channels in 0..255. */
type Rgb = readonly [number, number, number];

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** Validates a `#rgb` / `#rrggbb` colour option (hex only, so it can be interpolated and is always safe). */
export function hexColor(fn: string, value: unknown, path: string): string {
  if (typeof value !== "string" || !HEX.test(value)) {
    fail(fn, "INVALID_OPTION", `${path} must be a hex colour such as "#1f77b4", got ${show(value)}`, path);
  }
  return value.toLowerCase();
}

function parseHex(hex: string): Rgb {
  const h = hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
  return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
}

function toHex(c: Rgb): string {
  let s = "#";
  for (const v of c) s += Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0");
  return s;
}

/** WCAG relative luminance of a hex colour, in [0, 1]. */
export function luminance(hex: string): number {
  const lin = (v: number): number => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = parseHex(hex);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Dark or white text, whichever contrasts more with the fill. */
export function textOn(fill: string): string {
  // contrast ratio against white vs against #1a1a1a (luminance ≈ 0.0103)
  const l = luminance(fill);
  return (1.05) / (l + 0.05) >= (l + 0.05) / 0.0603 ? "#ffffff" : "#1a1a1a";
}

/** Validates a ramp option and returns its stops. */
export function rampStops(fn: string, value: unknown, path: string, fallback: "blues" | "viridis"): readonly string[] {
  if (value === undefined) return RAMPS[fallback];
  if (value === "blues" || value === "viridis") return RAMPS[value];
  if (!Array.isArray(value) || value.length < 2) {
    fail(fn, "INVALID_OPTION", `${path} must be "blues", "viridis" or an array of two or more hex colours, got ${show(value)}`, path);
  }
  return value.map((c, i) => hexColor(fn, c, `${path}[${i}]`));
}

/** How to read a ramp in words, for descriptions: `"darker"` or `"lighter"` (towards its high end). */
export function rampReading(stops: readonly string[]): string {
  return luminance(stops[stops.length - 1]!) < luminance(stops[0]!) ? "darker" : "lighter";
}

/** The colour at `t` ∈ [0, 1] (clamped) on a ramp, interpolated linearly in RGB between stops. */
export function rampColor(stops: readonly string[], t: number): string {
  const u = (t >= 0 ? Math.min(1, t) : 0) * (stops.length - 1); // NaN-proof clamp
  const i = Math.min(stops.length - 2, Math.floor(u));
  const a = parseHex(stops[i]!);
  const b = parseHex(stops[i + 1]!);
  const f = u - i;
  return toHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

// ---------------------------------------------------------------------------------------------- options

/** Base options with defaults applied. */
export interface Frame {
  width: number;
  height: number;
  title: string;
  /** The accessible name: the title, or the chart's default title when the visible one is `""`. */
  name: string;
  description: string | null;
  fontFamily: string;
  fontSize: number;
  background: string;
  id: string;
}

const KNOWN_BASE = ["width", "height", "title", "description", "fontFamily", "fontSize", "background", "idPrefix"] as const satisfies readonly (keyof BasePlotOptions)[];

/**
 * Validates the options bag: base options plus `extra` chart-specific keys (unknown keys are refused, since a
 * misspelt option silently ignored is a wrong chart). Returns the bag and the resolved frame.
 */
export function plotOptions(
  fn: string,
  value: unknown,
  extra: readonly string[],
  defaults: { width: number; height: number; title: string; id: string },
): { o: Record<string, unknown>; frame: Frame } {
  const o: Record<string, unknown> = optionsBag(fn, value, [...KNOWN_BASE, ...extra]);
  const dim = (k: "width" | "height", d: number): number => {
    const v = o[k];
    if (v === undefined) return d;
    if (typeof v !== "number" || !(v >= 50 && v <= 20_000)) {
      fail(fn, typeof v === "number" ? "OUT_OF_RANGE" : "INVALID_TYPE", `options.${k} must be a number of px in [50, 20000], got ${show(v)}`, `options.${k}`);
    }
    return v;
  };
  const str = (k: string, d: string | null): string | null => {
    const v = o[k];
    if (v === undefined) return d;
    if (typeof v !== "string") fail(fn, "INVALID_TYPE", `options.${k} must be a string, got ${show(v)}`, `options.${k}`);
    return v;
  };
  const fontSize = o.fontSize === undefined ? 12 : o.fontSize;
  if (typeof fontSize !== "number" || !(fontSize >= 6 && fontSize <= 72)) {
    fail(fn, "OUT_OF_RANGE", `options.fontSize must be a number in [6, 72], got ${show(fontSize)}`, "options.fontSize");
  }
  const background = o.background === undefined || o.background === "none" ? (o.background ?? "#ffffff") : hexColor(fn, o.background, "options.background");
  const id = str("idPrefix", defaults.id)!;
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) {
    fail(fn, "INVALID_OPTION", `options.idPrefix must start with a letter and hold only letters, digits, "-" and "_", got ${show(id)}`, "options.idPrefix");
  }
  return {
    o,
    frame: {
      width: dim("width", defaults.width),
      height: dim("height", defaults.height),
      title: str("title", defaults.title)!,
      name: str("title", defaults.title) || defaults.title,
      description: str("description", null),
      fontFamily: str("fontFamily", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif")!,
      fontSize,
      background: background as string,
      id,
    },
  };
}

/** Reads an optional boolean option. */
export function boolOption(fn: string, o: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") fail(fn, "INVALID_TYPE", `options.${key} must be true or false, got ${show(v)}`, `options.${key}`);
  return v;
}

/** Reads an optional integer option in [lo, hi]. */
export function intOption(fn: string, o: Record<string, unknown>, key: string, fallback: number, lo: number, hi: number): number {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || !(v >= lo && v <= hi)) {
    fail(fn, typeof v === "number" ? "OUT_OF_RANGE" : "INVALID_TYPE", `options.${key} must be a whole number in [${lo}, ${hi}], got ${show(v)}`, `options.${key}`);
  }
  return v;
}

/** Reads an optional string option. */
export function stringOption(fn: string, o: Record<string, unknown>, key: string, fallback: string): string {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== "string") fail(fn, "INVALID_TYPE", `options.${key} must be a string, got ${show(v)}`, `options.${key}`);
  return v;
}

// ---------------------------------------------------------------------------------------------- drawing

/** Estimated rendered width of `text` at `size` px in a proportional sans-serif font (deliberately generous). */
export function textWidth(text: string, size: number): number {
  return text.length * size * 0.6;
}

/** A `<text>` element; `attrs` are pre-formatted attribute text, `content` is escaped here. */
export function text(x: number, y: number, content: string, attrs = ""): string {
  return `<text x="${num(x)}" y="${num(y)}"${attrs ? ` ${attrs}` : ""}>${escapeXml(content)}</text>`;
}

/** Wraps the body in a standalone SVG document with title, description, background and title text. */
export function svgDocument(frame: Frame, defaultDescription: string, body: string): string {
  const { width, height, id, fontFamily, fontSize } = frame;
  const desc = frame.description ?? defaultDescription;
  const w = num(width);
  const h = num(height);
  const bg = frame.background === "none" ? "" : `<rect width="${w}" height="${h}" fill="${frame.background}"/>\n`;
  const heading = frame.title === "" ? "" : text(12, 8 + fontSize * 1.4, frame.title, `font-size="${num(fontSize * 1.35)}" font-weight="600" fill="#1a1a1a"`) + "\n";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" ` +
    `aria-labelledby="${id}-title ${id}-desc" font-family="${escapeXml(fontFamily)}" font-size="${num(fontSize)}">\n` +
    `<title id="${id}-title">${escapeXml(frame.name)}</title>\n` +
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>\n` +
    bg +
    heading +
    body +
    `</svg>\n`
  );
}

/** Top margin that leaves room for the chart title. */
export function titleSpace(frame: Frame): number {
  return frame.title === "" ? 12 : 16 + frame.fontSize * 1.9;
}

/** A linear map from [d0, d1] to [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linear(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  const span = d1 - d0;
  if (!(span !== 0)) return () => (r0 + r1) / 2;
  return (x) => r0 + ((x - d0) / span) * (r1 - r0);
}

/** "Nice" tick values (1, 2 or 5 × 10^k steps) covering [lo, hi], about `target` of them, and their decimals. */
export function niceTicks(lo: number, hi: number, target: number): { ticks: number[]; decimals: number } {
  if (!(hi > lo)) hi = lo + 1;
  // a floor on the step keeps decimals bounded (toFixed allows 0..100) and the tick loop short
  const raw = Math.max((hi - lo) / Math.max(1, target), 1e-12, Math.abs(lo) * 1e-12, Math.abs(hi) * 1e-12);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  const decimals = Math.min(20, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  const ticks: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  if (!(last - first <= 1000)) return { ticks: [lo, hi], decimals };
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toFixed(decimals)));
  return { ticks, decimals };
}

/** The upper end of the nice axis that contains `max` (at least `min`). */
export function niceMax(max: number, target: number): number {
  const { ticks } = niceTicks(0, max > 0 ? max : 1, target);
  const top = ticks[ticks.length - 1]!;
  if (top >= max) return top;
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : top;
  return Number.isFinite(top + step) ? top + step : max; // near Number.MAX_VALUE the data end is the axis end
}

/** Plot-area rectangle. */
export interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Grid lines, ticks and tick labels of a left value axis; `label` is written rotated beside it. */
export function yAxis(area: Area, ticks: readonly number[], y: (v: number) => number, fmt: (v: number) => string, fs: number, label: string): string {
  let s = `<g class="y-axis" fill="#444444" font-size="${num(fs)}" text-anchor="end">\n`;
  for (const t of ticks) {
    const py = y(t);
    s += `<line x1="${num(area.left)}" x2="${num(area.right)}" y1="${num(py)}" y2="${num(py)}" stroke="#e3e3e3"/>`;
    s += text(area.left - 6, py + fs * 0.35, fmt(t)) + "\n";
  }
  s += `<line x1="${num(area.left)}" x2="${num(area.left)}" y1="${num(area.top)}" y2="${num(area.bottom)}" stroke="#666666"/>\n`;
  const cy = (area.top + area.bottom) / 2;
  s += `<text x="0" y="0" transform="translate(${num(fs * 1.2)} ${num(cy)}) rotate(-90)" text-anchor="middle" fill="#1a1a1a">${escapeXml(label)}</text>\n`;
  return s + "</g>\n";
}

/** Ticks and tick labels of a bottom axis; `label` is centred below it. */
export function xAxis(area: Area, ticks: readonly number[], x: (v: number) => number, fmt: (v: number) => string, fs: number, label: string): string {
  let s = `<g class="x-axis" fill="#444444" font-size="${num(fs)}" text-anchor="middle">\n`;
  for (const t of ticks) {
    const px = x(t);
    s += `<line x1="${num(px)}" x2="${num(px)}" y1="${num(area.bottom)}" y2="${num(area.bottom + 5)}" stroke="#666666"/>`;
    s += text(px, area.bottom + 7 + fs, fmt(t)) + "\n";
  }
  s += `<line x1="${num(area.left)}" x2="${num(area.right)}" y1="${num(area.bottom)}" y2="${num(area.bottom)}" stroke="#666666"/>\n`;
  s += text((area.left + area.right) / 2, area.bottom + 12 + fs * 2.2, label, `fill="#1a1a1a"`) + "\n";
  return s + "</g>\n";
}

/** A diagonal-hatch pattern (for cells with no value); reference it as `url(#<id>)`. */
export function hatchPattern(id: string): string {
  return (
    `<defs><pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="#f0f0f0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b0b0b0" stroke-width="2"/></pattern></defs>\n`
  );
}

/** The legend swatch for hatched "n/a" cells, at (x, y). */
export function naSwatch(x: number, y: number, patternId: string, fs: number): string {
  return (
    `<rect x="${num(x)}" y="${num(y)}" width="14" height="14" fill="url(#${patternId})" stroke="#888888" stroke-width="0.5"/>` +
    text(x + 20, y + 11, "n/a", `font-size="${num(fs)}" fill="#444444"`) +
    "\n"
  );
}

/** A vertical colour-bar legend for a ramp over [lo, hi], with tick labels. */
export function colorLegend(
  x: number,
  top: number,
  height: number,
  stops: readonly string[],
  lo: number,
  hi: number,
  fmt: (v: number) => string,
  fs: number,
  label: string,
  gradientId: string,
): string {
  const barW = 14;
  let s = `<g class="legend" font-size="${num(fs)}" fill="#444444">\n`;
  s += `<defs><linearGradient id="${gradientId}" x1="0" y1="1" x2="0" y2="0">`;
  for (let i = 0; i < stops.length; i++) s += `<stop offset="${num(i / (stops.length - 1))}" stop-color="${stops[i]}"/>`;
  s += `</linearGradient></defs>\n`;
  s += text(x, top - fs * 0.8, label, `fill="#1a1a1a"`) + "\n";
  s += `<rect x="${num(x)}" y="${num(top)}" width="${barW}" height="${num(height)}" fill="url(#${gradientId})" stroke="#888888" stroke-width="0.5"/>\n`;
  // both ends are always labelled; nice interior ticks are added where they do not crowd them
  const y = linear(lo, hi, top + height, top);
  const { ticks: nice } = niceTicks(lo, hi, Math.max(2, Math.min(5, Math.floor(height / (fs * 2.5)))));
  const ticks = [lo, ...nice.filter((t) => Math.abs(y(t) - y(lo)) >= fs * 1.6 && Math.abs(y(t) - y(hi)) >= fs * 1.6), hi];
  for (const t of ticks) {
    const py = y(t);
    s += `<line x1="${num(x + barW)}" x2="${num(x + barW + 4)}" y1="${num(py)}" y2="${num(py)}" stroke="#666666"/>`;
    s += text(x + barW + 6, py + fs * 0.35, fmt(t)) + "\n";
  }
  return s + "</g>\n";
}

/**
 * Sorts parsed rows by a whole-number key (period, decile) and refuses a key given twice, naming the later
 * row: `${path}[i].${key}` (`DUPLICATE_ID`). Each row carries `at`, its index in the input.
 */
export function sortUniqueBy<K extends string, T extends { readonly at: number } & { readonly [k in K]: number }>(fn: string, rows: T[], key: K, path: string, hint: string): T[] {
  rows.sort((p, q) => p[key] - q[key]);
  for (let k = 1; k < rows.length; k++) {
    if (rows[k]![key] === rows[k - 1]![key]) {
      const i = Math.max(rows[k]!.at, rows[k - 1]!.at);
      fail(fn, "DUPLICATE_ID", `${path}[${i}].${key} ${rows[k]![key]} appears twice in ${path} (${hint})`, `${path}[${i}].${key}`);
    }
  }
  return rows;
}
