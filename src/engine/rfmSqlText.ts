// The pieces of rfmSql's text every dialect shares: the checked plan, the scoring rule written as SQL
// (bins.ts' rule: an edge count, the tie pick, recency inverted), the segment conditions and the literals.
import type { Dialect } from "../internal/sql.js";
import type { TieRule } from "../internal/bins.js";
import type { DIMS, Resolved } from "../internal/scoring.js";
import type { PatternSqlDialect } from "./patternsSql.js";
import { doubleLiteral } from "./predictionsSql.js";

/** A score range on the scoring scale, 1..bins. */
export type SqlRange = readonly [number, number];

/** One dimension as the SQL scores it. */
export interface SqlDimension {
  /** Output column of the value: recency, frequency, monetary. */
  value: (typeof DIMS)[number];
  /** Output column of the score. */
  score: "r" | "f" | "m";
  /** Recency: fewer days score higher. */
  invert: boolean;
  method: Exclude<Resolved, { kind: "rank" }>;
}

/** Everything the dialect writers need, checked: quoted names, the scoring rule, and the segments. */
export interface RfmSqlPlan {
  dialect: PatternSqlDialect;
  d: Dialect;
  /** The source's FROM item (without alias). */
  from: string;
  /** Expressions over the source aliased `s`: the customer id and the three raw values. */
  values: { customerId: string; recency: string; frequency: string; monetary: string };
  bins: number;
  ties: TieRule;
  numpy: boolean;
  dims: readonly [SqlDimension, SqlDimension, SqlDimension];
  /** Segments in matching order, with their boxes moved to the scoring scale; null for no segment column. */
  segments: { name: string; boxes: { r: SqlRange; f: SqlRange; m: SqlRange }[] }[] | null;
  fallback: string;
  /** The first line of the text. */
  header: string;
}

/** A threshold as SQL text: a safe integer as it is, any other double so that it reads back exactly. */
export function thresholdLiteral(d: Dialect, t: number, exact: (t: number) => string = (x) => doubleLiteral(d, x)): string {
  return Number.isSafeInteger(t) ? String(t) : exact(t);
}

/** The condition that a score lies in a range (nothing when the range is the whole scale). */
export function inRange(score: string, range: SqlRange, bins: number): string[] {
  if (range[0] === 1 && range[1] === bins) return [];
  if (range[0] === range[1]) return [`${score} = ${range[0]}`];
  const out: string[] = [];
  if (range[0] > 1) out.push(`${score} >= ${range[0]}`);
  if (range[1] < bins) out.push(`${score} <= ${range[1]}`);
  return out;
}

/** The segment of (r, f, m) as a list of (condition, name) pairs in matching order, for CASE or multiIf. */
export function segmentCases(plan: RfmSqlPlan): { when: string; name: string }[] {
  const out: { when: string; name: string }[] = [];
  for (const s of plan.segments ?? []) {
    if (s.boxes.length === 0) continue;
    const boxes = s.boxes.map((b) => {
      const parts = [...inRange("r", b.r, plan.bins), ...inRange("f", b.f, plan.bins), ...inRange("m", b.m, plan.bins)];
      return parts.length === 0 ? "1 = 1" : parts.join(" AND ");
    });
    out.push({ when: boxes.length === 1 ? boxes[0]! : boxes.map((b) => `(${b})`).join(" OR "), name: s.name });
  }
  return out;
}

/** The inner edges 1..bins−1 (edges 0 and bins are the minimum and the maximum: their position is whole). */
export function innerEdges(bins: number): number[] {
  return Array.from({ length: bins - 1 }, (_, i) => i + 1);
}

/** The pick of a tie rule from a score range [lo, hi] (texts), with `idiv` for the middle. */
export function pickText(lo: string, hi: string, ties: TieRule, idiv: (a: string, b: string) => string): string {
  return ties === "low" ? lo : ties === "high" ? hi : idiv(`${lo} + ${hi}`, "2");
}

/**
 * The score of a value from L = #edges < x and R = #edges ≤ x (bins.ts' scoreValue): bins max(L, 1) ..
 * max(R − 1, max(L, 1)), one picked by the tie rule, in score space (after inversion for recency).
 */
export function quantileScoreText(below: string, upTo: string, bins: number, invert: boolean, ties: TieRule, greatest: string, idiv: (a: string, b: string) => string): string {
  const lo = `${greatest}(${below}, 1)`;
  const hi = `${greatest}(${upTo} - 1, ${lo})`;
  return invert ? pickText(`${bins + 1} - ${hi}`, `${bins + 1} - ${lo}`, ties, idiv) : pickText(lo, hi, ties, idiv);
}
