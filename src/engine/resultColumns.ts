// The engine's parts, computed as columns, gathered into the result's ScoreColumns: per-pattern
// predictions scattered to customers, the derived day counts, the churn reasons and the P(alive) notes.
import type { ChurnSignal, RiskLevel } from "../churn/types.js";
import type { CustomerId, TimeUnit } from "../data/time.js";
import { DAY_MS } from "../internal/time.js";
import type { LifecycleStageName } from "../tiers/lifecycleStage.js";
import type { ClvColumns } from "./clvColumns.js";
import type { IntervalColumns } from "./intervalColumns.js";
import type { LoyaltyColumns } from "./loyaltyColumns.js";
import type { ScoreColumns } from "./scoreColumns.js";
import type { ScoreModels } from "./scoreTypes.js";

/** The summary columns the result repeats. */
export interface SummaryPart {
  customerId: CustomerId[];
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetaryValue: Float64Array;
  totalAmount: Float64Array;
  recencyDays: Float64Array;
  own: { transactionCount: Float64Array; firstAt: Float64Array; lastAt: Float64Array };
}

/**
 * The churn part: scores and levels, and the signals — made, or (`signals` null) made by `later` when the
 * result's `churnSignals` or `churnReasons` is first read.
 */
export interface ChurnColumns {
  score: Float64Array;
  level: RiskLevel[];
  signals: ChurnSignal[][] | null;
  later: (() => ChurnSignal[][]) | null;
  /** Customers the rule named "inactivity" flagged. */
  inactivityFlagged: number;
}

/** Each part's columns as the engine computed them; `null` for a part that is off. */
export interface PartColumns {
  rfm: { r: Uint8Array; f: Uint8Array; m: Uint8Array; code: string[]; segment: string[] } | null;
  tiers: { labels: string[]; scores: Int32Array } | null;
  abc: { labels: string[]; cls: Int32Array; cum: Float64Array; total: number } | null;
  life: { stage: LifecycleStageName[]; asOf: number } | null;
  churn: ChurnColumns | null;
  churnProbability: Float64Array | null;
  clv: ClvColumns | null;
  intervals: IntervalColumns | null;
  loyalty: LoyaltyColumns | null;
}

/** BG/NBD's convention for customers without a repeat purchase, said where it shows. */
const BG_ONE_TIME_NOTE =
  "BG/NBD counts a customer without a repeat purchase as alive (P(alive) = 1): in that model a customer can drop out only right after a purchase, so the number says nothing about whether this customer will come back. MBG/NBD (the default) and Pareto/NBD let it fall with time.";
/** Why a high P(alive) can stand beside a lost segment, stage or churn risk. */
const PACE_NOTE =
  "P(alive) is the model's estimate from this customer's own pace of buying; the RFM segment, lifecycle stage and churn risk count days since the last purchase against thresholds (fixed, or for the churn risk a multiple of the typical purchase gap), which a slow but regular buyer can exceed.";

/** The note a row's P(alive) needs to not contradict the row's other columns, or null. */
function aliveNote(bgNbd: boolean, x: number, alive: number, lost: boolean): string | null {
  if (bgNbd && x === 0) return BG_ONE_TIME_NOTE;
  return lost && alive >= 0.5 ? PACE_NOTE : null;
}

/** The signals' reasons joined by "; " (no array for the usual zero or one signal). */
function reasons(signals: readonly ChurnSignal[]): string {
  if (signals.length === 0) return "";
  if (signals.length === 1) return signals[0]!.reason;
  return signals.map((g) => g.reason).join("; ");
}

/** Each customer's reasons ({@link reasons}). */
function reasonColumn(signals: readonly ChurnSignal[][]): string[] {
  const out = new Array<string>(signals.length);
  for (let i = 0; i < signals.length; i++) out[i] = reasons(signals[i]!);
  return out;
}

/**
 * Makes `churnSignals` and `churnReasons` of `out` (in their places among its keys) accessors that make both
 * columns on the first read of either and then become the plain data properties they would have been: a
 * column store that writes the numeric columns never pays for a million signal objects, and JSON, spreads
 * and structuredClone see the same data as an eager result.
 */
function madeOnRead(out: ScoreColumns, make: () => ChurnSignal[][]): void {
  let pending: (() => ChurnSignal[][]) | null = make; // dropped once used: it holds the input
  let made: { churnSignals: ChurnSignal[][]; churnReasons: string[] } | null = null;
  const settle = (key: "churnSignals" | "churnReasons", value: unknown): void => {
    // A result frozen (or sealed) before the read keeps its accessor, which goes on answering from `made`.
    if (Object.getOwnPropertyDescriptor(out, key)?.configurable !== true) return;
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  };
  for (const key of ["churnSignals", "churnReasons"] as const) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        if (made === null) {
          const signals = pending!();
          pending = null;
          made = { churnSignals: signals, churnReasons: reasonColumn(signals) };
        }
        // Each key settles on its own read (the other may have been assigned meanwhile).
        settle(key, made[key]);
        return made[key];
      },
      set(value: unknown) {
        settle(key, value);
      },
    });
  }
}

/** NaN (the clv columns' "no value") as null. */
function nullable(values: Float64Array): (number | null)[] {
  const out: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number.isNaN(values[i]!) ? null : values[i]!;
  return out;
}

/** One bound of an interval column. */
function bound(list: readonly { lower: number | null; upper: number | null }[], which: "lower" | "upper"): (number | null)[] {
  const out: (number | null)[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = list[i]![which];
  return out;
}

/** The result's columns: the summary's, then each part's, per customer. */
export function resultColumns(n: number, unit: TimeUnit, s: SummaryPart, end: number, p: PartColumns, models: ScoreModels): ScoreColumns {
  const { rfm, tiers, abc, life, churn, clv, intervals, loyalty } = p;
  let valueTier: string[] | null = null;
  if (tiers !== null) {
    valueTier = new Array(n);
    for (let i = 0; i < n; i++) valueTier[i] = tiers.labels[tiers.scores[i]! - 1]!;
  }
  let abcClass: string[] | null = null;
  let abcShare: Float64Array | null = null;
  if (abc !== null) {
    abcClass = new Array(n);
    for (let i = 0; i < n; i++) abcClass[i] = abc.labels[abc.cls[i]!]!;
    if (abc.total > 0) {
      abcShare = new Float64Array(n);
      for (let i = 0; i < n; i++) abcShare[i] = Math.min(1, abc.cum[i]! / abc.total);
    }
  }
  let tenureDays: Float64Array | null = null;
  let daysSinceLast: Float64Array | null = null;
  if (life !== null) {
    tenureDays = new Float64Array(n);
    daysSinceLast = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      tenureDays[i] = (life.asOf - Math.min(s.own.firstAt[i]!, end)) / DAY_MS;
      daysSinceLast[i] = (life.asOf - Math.min(s.own.lastAt[i]!, end)) / DAY_MS;
    }
  }
  const churnReasons = churn === null || churn.signals === null ? null : reasonColumn(churn.signals);
  let alive: Float64Array | null = null;
  let expected: Float64Array | null = null;
  let notes: (string | null)[] | null = null;
  if (clv !== null) {
    alive = new Float64Array(n);
    expected = new Float64Array(n);
    notes = new Array(n);
    const oneTimersAlive = models.transaction !== null && models.transaction.model === "bg-nbd";
    for (let i = 0; i < n; i++) {
      const k = clv.of[i]!;
      alive[i] = clv.probabilityAlive[k]!;
      expected[i] = clv.expectedPurchases[k]!;
      const lost = (rfm !== null && rfm.segment[i] === "Lost") || (life !== null && life.stage[i] === "churned") || (churn !== null && churn.level[i] === "high");
      notes[i] = aliveNote(oneTimersAlive, s.frequency[i]!, alive[i]!, lost);
    }
  }
  const out: ScoreColumns = {
    length: n,
    unit,
    customerId: s.customerId,
    frequency: s.frequency,
    recency: s.recency,
    T: s.T,
    monetaryValue: s.monetaryValue,
    transactionCount: s.own.transactionCount,
    totalAmount: s.totalAmount,
    firstAt: s.own.firstAt,
    lastAt: s.own.lastAt,
    recencyDays: s.recencyDays,
    rfmR: rfm === null ? null : rfm.r,
    rfmF: rfm === null ? null : rfm.f,
    rfmM: rfm === null ? null : rfm.m,
    rfmCode: rfm === null ? null : rfm.code,
    rfmSegment: rfm === null ? null : rfm.segment,
    valueTier,
    abcClass,
    abcCumulativeShare: abcShare,
    lifecycleStage: life === null ? null : life.stage,
    tenureDays,
    daysSinceLast,
    churnRiskScore: churn === null ? null : churn.score,
    churnRiskLevel: churn === null ? null : churn.level,
    churnReasons,
    churnSignals: churn === null ? null : churn.signals,
    churnProbability: p.churnProbability,
    probabilityAlive: alive,
    expectedPurchases: expected,
    expectedSpend: clv === null ? null : nullable(clv.expectedSpend),
    clv: clv === null ? null : nullable(clv.clv),
    probabilityAliveNote: notes,
    level: loyalty?.level ?? null,
    pointsBalance: loyalty?.pointsBalance ?? null,
    pointsExpiringSoon: loyalty?.pointsExpiringSoon ?? null,
    accountManager: loyalty?.accountManager ?? null,
  };
  if (churn !== null && churn.signals === null) madeOnRead(out, churn.later!);
  if (intervals !== null) {
    out.probabilityAliveLower = bound(intervals.probabilityAlive, "lower");
    out.probabilityAliveUpper = bound(intervals.probabilityAlive, "upper");
    out.expectedPurchasesLower = bound(intervals.expectedPurchases, "lower");
    out.expectedPurchasesUpper = bound(intervals.expectedPurchases, "upper");
    out.clvLower = bound(intervals.clv, "lower");
    out.clvUpper = bound(intervals.clv, "upper");
  }
  return out;
}
