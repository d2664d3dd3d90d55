// Building churn features and labels at a snapshot: the transactions are read once and split into the
// history before the snapshot (features) and the window after it (labels). Nothing at or after the snapshot
// reaches a feature.
import type { CustomerId, TimeInput } from "../../data/time.js";
import type { Transaction } from "../../data/types.js";
import { SummaryState } from "../../summary/internal/summaryState.js";
import { DAY_MS, instantText, time } from "../../internal/time.js";
import { forEachTransaction } from "../../internal/transactions.js";
import { array, fail, integerAtLeast, show } from "../../internal/validate.js";
import { Preparer } from "../../internal/churn.js";
import { rfmScores } from "../../rfm/rfmScores.js";
import { assessChurn } from "../detectChurnSignals.js";
import type { ChurnEvent, ChurnRule, CustomerActivity } from "../types.js";

/** The features every snapshot has, in this order. */
export const BASE_FEATURES = ["recencyDays", "frequency", "tenureDays", "monetaryValue", "totalSpend", "rfmR", "rfmF", "rfmM"] as const;
/** The features added when activity logs are given. */
export const ACTIVITY_FEATURES = ["activityRecent", "activityPrevious", "activityTrend", "npsAnswered", "npsScore"] as const;
/** The feature name of a rule's signal severity. */
export function signalFeature(rule: string): string {
  return `signal:${rule}`;
}

/** One customer's features. */
export interface FeatureRowData {
  customerId: CustomerId;
  features: Record<string, number>;
}

/** The resolved feature settings. */
export interface FeatureSettings {
  snapshotMs: number;
  startMs: number | null;
  activity: readonly unknown[] | null;
  rules: readonly ChurnRule[] | null;
  activityWindowDays: number;
}

/** Reads the feature options shared by churnFeatures and labelledSnapshot (from a closed snapshot). */
export function featureSettings(
  fn: string,
  o: { readonly snapshotAt: unknown; readonly start: unknown; readonly activity: unknown; readonly rules: unknown; readonly activityWindowDays: unknown },
): FeatureSettings {
  if (o.snapshotAt === undefined) fail(fn, "INVALID_OPTION", "options.snapshotAt is required: the instant the features are taken at", "options.snapshotAt");
  const snapshotMs = time(fn, o.snapshotAt, "options.snapshotAt");
  const startMs = o.start === undefined || o.start === null ? null : time(fn, o.start, "options.start");
  if (startMs !== null && !(startMs < snapshotMs)) {
    fail(fn, "INVALID_RANGE", `options.start (${instantText(startMs)}) must be before options.snapshotAt (${instantText(snapshotMs)})`, "options.start");
  }
  const activity = o.activity === undefined ? null : array<unknown>(fn, o.activity, "options.activity");
  const rules = o.rules === undefined ? null : array<ChurnRule>(fn, o.rules, "options.rules");
  const activityWindowDays = o.activityWindowDays === undefined ? 30 : integerAtLeast(fn, o.activityWindowDays, "options.activityWindowDays", 1);
  if (activityWindowDays > 3650) fail(fn, "OUT_OF_RANGE", `options.activityWindowDays must be ≤ 3650 (ten years), got ${activityWindowDays}`, "options.activityWindowDays");
  return { snapshotMs, startMs, activity, rules, activityWindowDays };
}

/** What one read of the transactions gives: the history state and who bought in [from, to). */
export interface SplitRead {
  state: SummaryState;
  boughtInWindow: Set<CustomerId> | null;
  /** Purchase times before the snapshot by customer, kept when signals are read from purchases. */
  times: Map<CustomerId, number[]> | null;
}

/**
 * Reads the transactions once: rows in [start, snapshot) go to the history, rows in [snapshot, windowEnd)
 * (when a window is given) mark their customer as active in the window; every other row is left out.
 */
export function readSplit(fn: string, transactions: unknown, s: FeatureSettings, windowEndMs: number | null): SplitRead {
  const snap = s.snapshotMs;
  const start = s.startMs ?? Number.NEGATIVE_INFINITY;
  const state = new SummaryState("day", snap - 1, fn, "transactions");
  const bought = windowEndMs === null ? null : new Set<CustomerId>();
  const end = windowEndMs ?? snap;
  const times = s.rules !== null && s.activity === null ? new Map<CustomerId, number[]>() : null;
  forEachTransaction(fn, transactions, "transactions", (id, ms, amount) => {
    if (ms < snap) {
      if (ms < start) return;
      state.add(id, ms, amount);
      if (times === null) return;
      const list = times.get(id);
      if (list === undefined) times.set(id, [ms]);
      else list.push(ms);
    } else if (bought !== null && ms < end) bought.add(id);
  });
  return { state, boughtInWindow: bought, times };
}

/** Rounds away the last bits of a difference of epoch ms in days (so 1.0000000000000002 reads as 1). */
function days(ms: number): number {
  const d = ms / DAY_MS;
  const r = Math.round(d * 1e9) / 1e9;
  return r === 0 ? 0 : r;
}

/** Per-customer purchase facts, as columns: the input of {@link baseFeatureRows}. */
export interface PurchaseColumns {
  ids: readonly CustomerId[];
  /** Epoch ms of the first and last purchase (before the snapshot). */
  firstAt: ArrayLike<number>;
  lastAt: ArrayLike<number>;
  /** Repeat purchase days. */
  frequency: ArrayLike<number>;
  /** Total spend. */
  totalAmount: ArrayLike<number>;
}

/**
 * The base features ({@link BASE_FEATURES}) of customers whose purchases all lie before `snap`: the one
 * place they are computed, for churnFeatures and the engine alike.
 */
export function baseFeatureRows(c: PurchaseColumns, snap: number): FeatureRowData[] {
  const n = c.ids.length;
  const rows: FeatureRowData[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const total = c.totalAmount[k]!;
    const purchases = c.frequency[k]! + 1;
    rows[k] = {
      customerId: c.ids[k]!,
      features: {
        recencyDays: days(snap - c.lastAt[k]!),
        frequency: c.frequency[k]!,
        tenureDays: days(snap - c.firstAt[k]!),
        monetaryValue: total / purchases,
        totalSpend: total,
        rfmR: 0,
        rfmF: 0,
        rfmM: 0,
      },
    };
  }
  if (n > 0) {
    const scores = rfmScores(rows.map((r, k) => ({ customerId: r.customerId, recency: r.features.recencyDays!, frequency: c.frequency[k]! + 1, monetary: r.features.totalSpend! })));
    scores.forEach((sc, k) => {
      const f = rows[k]!.features;
      f.rfmR = sc.r;
      f.rfmF = sc.f;
      f.rfmM = sc.m;
    });
  }
  return rows;
}

/** The features of every customer with history before the snapshot, sorted by id; never reads the window. */
export function buildFeatures(
  fn: string,
  split: SplitRead,
  s: FeatureSettings,
  windowEndMs: number | null = null,
): { featureNames: string[]; rows: FeatureRowData[]; activeInWindow: Set<CustomerId> } {
  // Customers with an activity event (not feedback) in [snapshot, windowEnd): read for the label only.
  const activeInWindow = new Set<CustomerId>();
  const snap = s.snapshotMs;
  const summaries = split.state.summaries("day", "all");
  const n = summaries.length;
  const cols = { ids: summaries.map((c) => c.customerId), firstAt: new Float64Array(n), lastAt: new Float64Array(n), frequency: new Float64Array(n), totalAmount: new Float64Array(n) };
  summaries.forEach((c, k) => {
    cols.firstAt[k] = c.firstAt;
    cols.lastAt[k] = c.lastAt;
    cols.frequency[k] = c.frequency;
    cols.totalAmount[k] = c.totalAmount;
  });
  const rows = baseFeatureRows(cols, snap);
  const featureNames: string[] = [...BASE_FEATURES];
  if (s.activity === null && s.rules === null) return { featureNames, rows, activeInWindow };

  const index = new Map<CustomerId, number>();
  rows.forEach((r, k) => index.set(r.customerId, k));
  // Each customer's activity before the snapshot, as plain events (empty for a customer without a log).
  const logs: ChurnEvent[][] = rows.map(() => []);
  const renewals: (number | null)[] = rows.map(() => null);
  if (s.activity !== null) {
    for (const name of ACTIVITY_FEATURES) featureNames.push(name);
    // Events up to the window's end are prepared; only those before the snapshot reach a feature.
    const preparer = new Preparer(fn, windowEndMs ?? snap);
    const seen = new Set<CustomerId>();
    const w = s.activityWindowDays * DAY_MS;
    for (let i = 0; i < s.activity.length; i++) {
      const view = preparer.prepare(s.activity[i], i, "options.activity");
      if (seen.has(view.customerId)) fail(fn, "DUPLICATE_ID", `options.activity[${i}].customerId ${show(view.customerId)} appears twice: one log per customer`, `options.activity[${i}].customerId`);
      seen.add(view.customerId);
      const k = index.get(view.customerId);
      if (k === undefined) continue; // no purchase before the snapshot: not in the snapshot
      let recent = 0;
      let previous = 0;
      let scoreAt = Number.NEGATIVE_INFINITY;
      let score: number | null = null;
      const log = logs[k]!;
      for (const e of view.events) {
        if (!(e.at < snap)) {
          if (windowEndMs !== null && !e.feedback && e.at < windowEndMs) activeInWindow.add(view.customerId);
          continue;
        }
        log.push({ type: e.type, at: e.at, feature: e.feature ?? undefined, score: e.score ?? undefined, sentiment: e.sentiment ?? undefined });
        // The latest score; of scores given at the same instant the lowest, whatever their order.
        if (e.score !== null && (e.at > scoreAt || (e.at === scoreAt && score !== null && e.score < score))) {
          scoreAt = e.at;
          score = e.score;
        }
        if (e.feedback) continue;
        if (e.at >= snap - w) recent++;
        else if (e.at >= snap - 2 * w) previous++;
      }
      renewals[k] = view.renewalAt;
      const f = rows[k]!.features;
      f.activityRecent = recent;
      f.activityPrevious = previous;
      f.activityTrend = recent - previous;
      f.npsAnswered = score === null ? 0 : 1;
      f.npsScore = score ?? 0;
    }
    for (const r of rows) {
      if (r.features.activityRecent !== undefined) continue;
      Object.assign(r.features, { activityRecent: 0, activityPrevious: 0, activityTrend: 0, npsAnswered: 0, npsScore: 0 });
    }
  }
  if (s.rules !== null) {
    if (s.activity === null) {
      // Without activity logs, the signals read the purchases: one "purchase" event a purchase day.
      summaries.forEach((c, k) => {
        const list = split.times?.get(c.customerId) ?? [];
        logs[k] = [...list].sort((a, b) => a - b).map((at) => ({ type: "purchase", at }));
      });
    }
    const names = s.rules.map((r, j) => {
      const name = (r as { name?: unknown }).name;
      if (typeof name !== "string" || name.length === 0) fail(fn, "INVALID_RULE", `options.rules[${j}].name must be a non-empty string, got ${show(name)}`, `options.rules[${j}].name`);
      return name;
    });
    for (const name of names) featureNames.push(signalFeature(name));
    for (const r of rows) for (const name of names) r.features[signalFeature(name)] = 0;
    const customers: CustomerActivity[] = rows.map((r, k) => ({ customerId: r.customerId, events: logs[k]!, renewalAt: renewals[k] ?? null }));
    assessChurn(fn, customers, { asOf: snap, rules: s.rules }, (k, _id, _score, _level, signals) => {
      const f = rows[k]!.features;
      for (const sig of signals) f[signalFeature(sig.rule)] = sig.severity;
    });
  }
  return { featureNames, rows, activeInWindow };
}

/** The window end of a label: `windowEnd`, or `snapshotAt + windowDays` days; exactly one is given. */
export function windowEndOf(fn: string, snapshotMs: number, windowDays: unknown, windowEnd: unknown): number {
  if ((windowDays === undefined) === (windowEnd === undefined)) {
    fail(fn, "INVALID_OPTION", `give exactly one of options.windowDays and options.windowEnd (the label window after the snapshot), got ${windowDays === undefined ? "neither" : "both"}`, "options.windowDays");
  }
  if (windowDays !== undefined) {
    const d = integerAtLeast(fn, windowDays, "options.windowDays", 1);
    if (d > 36_500) fail(fn, "OUT_OF_RANGE", `options.windowDays must be ≤ 36500, got ${d}`, "options.windowDays");
    const end = snapshotMs + d * DAY_MS;
    if (!(Math.abs(end) <= 8.64e15)) fail(fn, "OUT_OF_RANGE", `options.windowDays reaches past the latest Date from ${instantText(snapshotMs)}`, "options.windowDays");
    return end;
  }
  const end = time(fn, windowEnd as TimeInput, "options.windowEnd");
  if (!(end > snapshotMs)) fail(fn, "INVALID_RANGE", `options.windowEnd (${instantText(end)}) must be after options.snapshotAt (${instantText(snapshotMs)})`, "options.windowEnd");
  return end;
}

