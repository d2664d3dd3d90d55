import { array, fail, integerAtLeast, optionsBag, record, show } from "../internal/validate.js";

/**
 * An inclusive score range `[lo, hi]`.
 *
 * @category RFM
 * @example
 * ```ts
 * const topTwo: RfmRange = [4, 5];
 * ```
 */
export type RfmRange = readonly [number, number];

/**
 * A box of RFM cells: every (r, f, m) with r in `r`, f in `f` and m in `m`.
 *
 * @category RFM
 * @example
 * ```ts
 * const box: RfmBox = { r: [5, 5], f: [4, 5], m: [4, 5] };
 * ```
 */
export interface RfmBox {
  /** Recency scores covered. */
  readonly r: RfmRange;
  /** Frequency scores covered. */
  readonly f: RfmRange;
  /** Monetary scores covered. */
  readonly m: RfmRange;
}

/**
 * A named segment: the union of its boxes.
 *
 * @category RFM
 * @example
 * ```ts
 * const s: RfmSegmentRule = { name: "Champions", description: "Bought recently, buy often, spend the most", boxes: [{ r: [5, 5], f: [4, 5], m: [4, 5] }] };
 * ```
 */
export interface RfmSegmentRule {
  /** The segment's name, returned by {@link rfmSegment}. */
  readonly name: string;
  /** What the segment means and, in the default map, the usual action. */
  readonly description?: string;
  /** The cells of the segment. */
  readonly boxes: readonly RfmBox[];
}

/**
 * A segment map: the score scale it is written for and its segments, matched in order (the first segment
 * with a box containing the cell wins).
 *
 * @category RFM
 * @example
 * ```ts
 * const twoWay: RfmSegmentMap = {
 *   bins: 5,
 *   segments: [
 *     { name: "Active", boxes: [{ r: [3, 5], f: [1, 5], m: [1, 5] }] },
 *     { name: "Lapsed", boxes: [{ r: [1, 2], f: [1, 5], m: [1, 5] }] },
 *   ],
 * };
 * ```
 */
export interface RfmSegmentMap {
  /** The score scale 1..bins the boxes are written in. */
  readonly bins: number;
  /** The segments, in matching order. */
  readonly segments: readonly RfmSegmentRule[];
}

const all: RfmRange = [1, 5];

/**
 * The eleven widely used RFM segments on the 1..5 scale, as data. Each of the 125 (r, f, m) cells lies in
 * exactly one box of exactly one segment (a property test checks it), so the order does not matter.
 *
 * The layout is the common R × F grid (recency rows, frequency columns; frequency and spend move together
 * in most data) with spend splitting two cells: among recent frequent buyers, m 4–5 are Champions and
 * m 1–3 Loyal; among lapsed frequent buyers, m 4–5 are Can't Lose Them and m 1–3 At Risk.
 *
 * | r \ f | 1 | 2 | 3 | 4–5 |
 * |---|---|---|---|---|
 * | 5 | New Customers | Potential Loyalist | Potential Loyalist | Champions (m 4–5) / Loyal Customers |
 * | 4 | Promising | Potential Loyalist | Potential Loyalist | Loyal Customers |
 * | 3 | About To Sleep | About To Sleep | Need Attention | Loyal Customers |
 * | 2 | Hibernating | Hibernating | At Risk | Can't Lose Them (m 4–5) / At Risk |
 * | 1 | Lost | Lost | At Risk | Can't Lose Them (m 4–5) / At Risk |
 *
 * @category RFM
 * @example
 * ```ts
 * DEFAULT_RFM_SEGMENTS.segments.map((s) => s.name).length;
 * // => 11
 * ```
 */
export const DEFAULT_RFM_SEGMENTS: RfmSegmentMap = {
  bins: 5,
  segments: [
    { name: "Champions", description: "Bought recently, buy often and spend the most: reward them, ask for reviews.", boxes: [{ r: [5, 5], f: [4, 5], m: [4, 5] }] },
    {
      name: "Loyal Customers",
      description: "Buy often and recently enough: upsell, loyalty programme.",
      boxes: [
        { r: [3, 4], f: [4, 5], m: all },
        { r: [5, 5], f: [4, 5], m: [1, 3] },
      ],
    },
    { name: "Potential Loyalist", description: "Recent, a few purchases: offer membership, recommend.", boxes: [{ r: [4, 5], f: [2, 3], m: all }] },
    { name: "New Customers", description: "Bought for the first time, very recently: onboard them.", boxes: [{ r: [5, 5], f: [1, 1], m: all }] },
    { name: "Promising", description: "Recent first purchase, not the most recent: build the relationship.", boxes: [{ r: [4, 4], f: [1, 1], m: all }] },
    { name: "Need Attention", description: "Middling recency and frequency: limited-time offers.", boxes: [{ r: [3, 3], f: [3, 3], m: all }] },
    { name: "About To Sleep", description: "Below-average recency, few purchases: reactivate before they go.", boxes: [{ r: [3, 3], f: [1, 2], m: all }] },
    {
      name: "At Risk",
      description: "Bought often, but long ago: personalised win-back.",
      boxes: [
        { r: [1, 2], f: [3, 3], m: all },
        { r: [1, 2], f: [4, 5], m: [1, 3] },
      ],
    },
    { name: "Can't Lose Them", description: "Frequent big spenders who stopped: win them back first.", boxes: [{ r: [1, 2], f: [4, 5], m: [4, 5] }] },
    { name: "Hibernating", description: "Long since the last purchase, few purchases: low-cost reactivation.", boxes: [{ r: [2, 2], f: [1, 2], m: all }] },
    { name: "Lost", description: "Lowest recency and frequency: leave out of paid campaigns.", boxes: [{ r: [1, 1], f: [1, 2], m: all }] },
  ],
};

/**
 * Options of {@link rfmSegment} and {@link countRfmSegments}.
 *
 * @category RFM
 * @example
 * ```ts
 * const o: RfmSegmentOptions = { bins: 3, fallback: "Other" };
 * ```
 */
export interface RfmSegmentOptions {
  /**
   * The scale of the scores passed in (1..bins). Default: the map's `bins`. When it differs, each score is
   * moved to the map's scale by its bin's centre: s → ceil((s − ½) · mapBins / bins) (a 1..10 score of 10
   * is a 5, of 1 or 2 is a 1; on 1..3, 1 → 1, 2 → 3, 3 → 5).
   */
  bins?: number;
  /** The name returned for a cell no segment covers (custom maps only). Default `"Other"`. */
  fallback?: string;
}

/**
 * Validates a segment map once; the default map is trusted. `at` names the map in error paths
 * (`segments`, or `options.segments` for rfmSql). Exported for rfmSql, not from the package.
 */
export function checkSegmentMap(fn: string, map: unknown, at = "segments"): RfmSegmentMap {
  if (map === DEFAULT_RFM_SEGMENTS) return DEFAULT_RFM_SEGMENTS;
  const m = record(fn, map, at);
  const bins = integerAtLeast(fn, m.bins, `${at}.bins`, 1);
  array(fn, m.segments, `${at}.segments`).forEach((s, i) => {
    const seg = record(fn, s, `${at}.segments[${i}]`);
    if (typeof seg.name !== "string" || seg.name === "") fail(fn, "INVALID_TYPE", `${at}.segments[${i}].name must be a non-empty string, got ${show(seg.name)}`, `${at}.segments[${i}].name`);
    array(fn, seg.boxes, `${at}.segments[${i}].boxes`).forEach((b, j) => {
      const box = record(fn, b, `${at}.segments[${i}].boxes[${j}]`);
      for (const d of ["r", "f", "m"] as const) {
        const path = `${at}.segments[${i}].boxes[${j}].${d}`;
        const range = box[d];
        const ok = Array.isArray(range) && range.length === 2 && Number.isInteger(range[0]) && Number.isInteger(range[1]) && range[0] >= 1 && range[0] <= range[1] && range[1] <= bins;
        if (!ok) fail(fn, "INVALID_THRESHOLDS", `${path} must be [lo, hi], whole numbers with 1 ≤ lo ≤ hi ≤ ${bins}, got ${show(range)}`, path);
      }
    });
  });
  return map as RfmSegmentMap;
}

function scoreOf(fn: string, v: unknown, path: string, bins: number): number {
  const s = integerAtLeast(fn, v, path, 1);
  if (s > bins) fail(fn, "OUT_OF_RANGE", `${path} must be ≤ ${bins} (the score scale), got ${s}`, path);
  return s;
}

function lookup(map: RfmSegmentMap, r: number, f: number, m: number, fallback: string): string {
  for (const seg of map.segments) {
    for (const b of seg.boxes) {
      if (r >= b.r[0] && r <= b.r[1] && f >= b.f[0] && f <= b.f[1] && m >= b.m[0] && m <= b.m[1]) return seg.name;
    }
  }
  return fallback;
}

/** Reads a code such as `"545"` (one digit per score) or `"10-3-7"`. */
function parseCode(fn: string, code: string, path: string): Record<string, unknown> {
  const parts = code.includes("-") ? code.split("-") : code.split("");
  if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) {
    fail(fn, "INVALID_INPUT", `${path} must be { r, f, m } or a code such as "545" or "10-3-7", got ${show(code)}`, path);
  }
  return { r: Number(parts[0]), f: Number(parts[1]), m: Number(parts[2]) };
}

/**
 * A score on the scale 1..`bins` moved to a map's scale 1..`mapBins` by its bin's centre (see
 * {@link RfmSegmentOptions}). Exported for rfmSql, not from the package.
 */
export function rescaleScore(s: number, bins: number, mapBins: number): number {
  return bins === mapBins ? s : Math.min(mapBins, Math.max(1, Math.ceil(((s - 0.5) * mapBins) / bins)));
}

/** A scorer bound to one map and scale: validates options once for many rows. */
function segmenter(fn: string, segments: unknown, options: unknown): (score: unknown, path: string) => string {
  const map = checkSegmentMap(fn, segments);
  const o = optionsBag(fn, options, ["bins", "fallback"] as const satisfies readonly (keyof RfmSegmentOptions)[]);
  const bins = o.bins === undefined ? map.bins : integerAtLeast(fn, o.bins, "options.bins", 2);
  if (o.fallback !== undefined && typeof o.fallback !== "string") fail(fn, "INVALID_TYPE", `options.fallback must be a string, got ${show(o.fallback)}`, "options.fallback");
  const fallback = (o.fallback as string | undefined) ?? "Other";
  const rescale = (s: number): number => rescaleScore(s, bins, map.bins);
  return (score, path) => {
    const sc = typeof score === "string" ? parseCode(fn, score, path) : record(fn, score, path);
    const r = rescale(scoreOf(fn, sc.r, `${path}.r`, bins));
    const f = rescale(scoreOf(fn, sc.f, `${path}.f`, bins));
    const m = rescale(scoreOf(fn, sc.m, `${path}.m`, bins));
    return lookup(map, r, f, m, fallback);
  };
}

/**
 * Names the RFM segment of a score: the first segment of the map with a box containing (r, f, m).
 *
 * With {@link DEFAULT_RFM_SEGMENTS} every cell of the 1..5 scale has exactly one segment. Scores on another
 * scale are rescaled to the map's by `options.bins` (see {@link RfmSegmentOptions}); a score above the
 * scale is refused rather than guessed.
 *
 * @param score - `{ r, f, m }` (e.g. a row of {@link rfmScores}) or its code, `"545"`
 * @param segments - the segment map; default {@link DEFAULT_RFM_SEGMENTS}
 * @param options - see {@link RfmSegmentOptions}
 * @returns the segment's name, or `options.fallback` when no segment covers the cell
 * @throws RetentionKitError `NOT_INTEGER` / `OUT_OF_RANGE` for a score that is not a whole number in
 *   1..bins (path `score.r`), `INVALID_INPUT` for a code that is not three numbers, `INVALID_THRESHOLDS` for a box that is not a range within the map's scale,
 *   `INVALID_TYPE` for a malformed map
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category RFM
 * @example
 * ```ts
 * rfmSegment({ r: 5, f: 5, m: 4 });
 * // => "Champions"
 * rfmSegment({ r: 1, f: 5, m: 5 });
 * // => "Can't Lose Them"
 * rfmSegment("211");
 * // => "Hibernating"
 * rfmSegment({ r: 3, f: 1, m: 2 }, DEFAULT_RFM_SEGMENTS, { bins: 3 });
 * // => "New Customers"
 * ```
 */
export function rfmSegment(score: { readonly r: number; readonly f: number; readonly m: number } | string, segments: RfmSegmentMap = DEFAULT_RFM_SEGMENTS, options?: RfmSegmentOptions): string {
  return segmenter("rfmSegment", segments, options)(score, "score");
}

/**
 * One segment's size, the output of {@link countRfmSegments}.
 *
 * @category RFM
 * @example
 * ```ts
 * const c: RfmSegmentCount = { segment: "Champions", customers: 120, share: 0.06 };
 * ```
 */
export interface RfmSegmentCount {
  /** The segment's name. */
  segment: string;
  /** Customers in it. */
  customers: number;
  /** customers / all customers, in [0, 1]; `null` for no customers. */
  share: number | null;
}

/**
 * Counts scored customers per segment, in the map's segment order (then the fallback, if any row fell
 * there). Every segment of the map is listed, empty ones with 0.
 *
 * @param scores - rows with `{ r, f, m }`, e.g. the output of {@link rfmScores}
 * @param segments - the segment map; default {@link DEFAULT_RFM_SEGMENTS}
 * @param options - see {@link RfmSegmentOptions}
 * @returns one `{ segment, customers, share }` per segment
 * @throws RetentionKitError as {@link rfmSegment}, with paths `scores[3].r`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category RFM
 * @example
 * ```ts
 * countRfmSegments([{ r: 5, f: 5, m: 5 }, { r: 1, f: 1, m: 1 }]).filter((c) => c.customers > 0);
 * // => [{ segment: "Champions", customers: 1, share: 0.5 }, { segment: "Lost", customers: 1, share: 0.5 }]
 * ```
 */
export function countRfmSegments(
  scores: readonly { readonly r: number; readonly f: number; readonly m: number }[],
  segments: RfmSegmentMap = DEFAULT_RFM_SEGMENTS,
  options?: RfmSegmentOptions,
): RfmSegmentCount[] {
  const fn = "countRfmSegments";
  array(fn, scores, "scores");
  const name = segmenter(fn, segments, options);
  const counts = new Map<string, number>();
  for (const s of segments.segments) counts.set(s.name, 0);
  scores.forEach((s, i) => {
    const seg = name(s, `scores[${i}]`);
    counts.set(seg, (counts.get(seg) ?? 0) + 1);
  });
  const n = scores.length;
  return [...counts].map(([segment, customers]) => ({ segment, customers, share: n === 0 ? null : customers / n }));
}
