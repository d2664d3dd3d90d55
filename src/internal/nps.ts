// The nps domain's shared machinery (not re-exported): option parsing, answer tallies and the NPS
// arithmetic, so nps, npsDifference and npsByPeriod compute every quantity in one place.
import { count, fail, iterable, numberInRange, numericStringHint, optionsBag, record, show } from "./validate.js";
import type { NpsResult } from "../nps/nps.js";
import { normalCdf, twoSidedZ } from "./normal.js";

/** The two-sided critical value z = Φ⁻¹((1 + confidence) / 2) of a confidence level in (0, 1). */
export function zForConfidence(confidence: number): number {
  return twoSidedZ(confidence);
}

/** Two-sided p-value of a standard normal statistic: 2·(1 − Φ(|z|)), from the lower tail (no cancellation). */
export function twoSidedPValue(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** Reads `confidence` (default 0.95) and returns it with its two-sided z. */
export function confidenceOption(fn: string, value: unknown, path = "options.confidence"): { confidence: number; z: number } {
  if (value === undefined) return { confidence: 0.95, z: 1.959963984540054 };
  const confidence = numberInRange(fn, value, path, 0, 1, { loOpen: true, hiOpen: true });
  return { confidence, z: zForConfidence(confidence) };
}

/** Reads an optional boolean option. */
export function flagOption(fn: string, value: unknown, path: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") fail(fn, "INVALID_OPTION", `${path} must be true or false, got ${show(value)}`, path);
  return value;
}

/** Reads the `interval` option of the NPS functions. */
export function intervalOption(fn: string, value: unknown): "wald" | "adjustedWald" {
  if (value === undefined) return "wald";
  if (value !== "wald" && value !== "adjustedWald") {
    fail(fn, "INVALID_OPTION", `options.interval must be "wald" or "adjustedWald", got ${show(value)}`, "options.interval");
  }
  return value;
}

/** True for an integer answer 0..10. */
export function isNpsAnswer(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 10;
}

/** Category counts of an NPS survey plus how many answers were skipped as invalid. */
export interface Tally {
  promoters: number;
  passives: number;
  detractors: number;
  skipped: number;
}

/** Adds one answer to a tally: 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function addAnswer(t: Tally, answer: number): void {
  if (answer >= 9) t.promoters++;
  else if (answer >= 7) t.passives++;
  else t.detractors++;
}

/** A count of answers: whole, ≥ 0 and exact (≤ 2^53 − 1); 1e308 detractors made 100·(p − d)/n −∞. */
function answerCount(fn: string, value: unknown, path: string): number {
  const c = count(fn, value, path);
  if (!(c <= Number.MAX_SAFE_INTEGER)) fail(fn, "OUT_OF_RANGE", `${path} must be at most ${Number.MAX_SAFE_INTEGER} answers, got ${show(c)}`, path);
  return c;
}

/** Reads counts `{ promoters, passives, detractors }` or raw answers 0..10 into a tally. */
export function tallyResponses(fn: string, responses: unknown, path: string, skipInvalid: boolean): Tally {
  const t: Tally = { promoters: 0, passives: 0, detractors: 0, skipped: 0 };
  if (typeof responses === "object" && responses !== null && !(Symbol.iterator in responses)) {
    const r = record(fn, responses, path);
    t.promoters = answerCount(fn, r.promoters, `${path}.promoters`);
    t.passives = answerCount(fn, r.passives ?? 0, `${path}.passives`);
    t.detractors = answerCount(fn, r.detractors, `${path}.detractors`);
    return t;
  }
  let i = 0;
  for (const a of iterable<unknown>(fn, responses, path)) {
    if (isNpsAnswer(a)) addAnswer(t, a);
    else if (skipInvalid) t.skipped++;
    else fail(fn, "INVALID_ANSWER", `${path}[${i}] must be a whole number 0..10, got ${show(a)}${numericStringHint(a)}`, `${path}[${i}]`);
    i++;
  }
  return t;
}

/** The NPS and its sampling variance on the −100..100 scale, from counts. */
export interface NpsMoments {
  /** 100·(p − d), or null for no answers. */
  score: number | null;
  /** The centre of the interval: the score (Wald) or the adjusted estimate (adjusted Wald). */
  centre: number | null;
  /** Standard error on the −100..100 scale. */
  standardError: number | null;
}

/**
 * Wald: NPS = p − d, Var = (p + d − (p − d)²) / n (the variance of a difference of two shares of one
 * trinomial sample). Adjusted Wald (Rocks 2016): the same with ¾ added to promoters and to detractors and
 * 3 to n.
 */
export function npsMoments(t: Tally, interval: "wald" | "adjustedWald"): NpsMoments {
  const n = t.promoters + t.passives + t.detractors;
  if (n === 0 && interval === "wald") return { score: null, centre: null, standardError: null };
  const score = n === 0 ? null : clean((100 * (t.promoters - t.detractors)) / n);
  const adjusted = interval === "adjustedWald";
  const add = adjusted ? 0.75 : 0;
  const m = adjusted ? n + 3 : n;
  const p = (t.promoters + add) / m;
  const d = (t.detractors + add) / m;
  const v = Math.max(0, (p + d - (p - d) * (p - d)) / m);
  return { score, centre: interval === "wald" ? score : clean(100 * (p - d)), standardError: clean(100 * Math.sqrt(v)) };
}

/** Clips to the NPS scale. */
export function clipNps(x: number): number {
  return clean(Math.min(100, Math.max(-100, x)));
}

/** Normalises −0 to 0 (so results serialise and compare cleanly). */
export function clean(x: number): number {
  return x === 0 ? 0 : x;
}

/** Builds an NpsResult from a tally (shared with npsByPeriod). */
export function npsFromTally(t: Tally, z: number, confidence: number, interval: "wald" | "adjustedWald"): NpsResult {
  const total = t.promoters + t.passives + t.detractors;
  const m = npsMoments(t, interval);
  const share = (k: number): number | null => (total === 0 ? null : k / total);
  const moe = m.standardError === null || total === 0 ? null : clean(z * m.standardError);
  return {
    score: m.score,
    promoters: t.promoters,
    passives: t.passives,
    detractors: t.detractors,
    total,
    skipped: t.skipped,
    promoterShare: share(t.promoters),
    passiveShare: share(t.passives),
    detractorShare: share(t.detractors),
    standardError: total === 0 ? null : m.standardError,
    marginOfError: moe,
    lower: moe === null || m.centre === null ? null : clipNps(m.centre - moe),
    upper: moe === null || m.centre === null ? null : clipNps(m.centre + moe),
    confidence,
  };
}
