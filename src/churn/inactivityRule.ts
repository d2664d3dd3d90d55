import { activityGaps, activityTimesOf, inactivityFiresAt, inactivityRuleSettings, isoDate, plural, PreparedView, relativeInactivity, severityOnly, type RelativeInactivity } from "../internal/churn.js";
import { DAY_MS } from "../internal/time.js";
import type { ChurnRule, PreparedCustomer } from "./types.js";

/**
 * Options of {@link inactivityRule}.
 *
 * @category Churn
 * @example
 * ```ts
 * const options: InactivityRuleOptions = { days: 60, activityTypes: ["login"] };
 * ```
 */
export interface InactivityRuleOptions {
  /** Fires when the last activity is at least this many whole days before `asOf`. Default 30. Not with `relativeTo`. */
  days?: number;
  /** Days of inactivity at which severity reaches 1. Default `2 · days`; at least `days`. Not with `relativeTo`. */
  fullSeverityDays?: number;
  /**
   * Measures inactivity against a typical gap between activity days instead of a fixed number of days:
   * `"customer"` — the customer's own mean gap, shrunk towards `baseGapDays` (see {@link inactivityRule});
   * `"base"` — `baseGapDays` for everyone. Default: off (the fixed `days` threshold).
   */
  relativeTo?: "customer" | "base";
  /** With `relativeTo`: fires after this many typical gaps without activity. Default 2. */
  gapMultiple?: number;
  /**
   * With `relativeTo` (required then): the base's typical gap between activity days, in days — e.g. the
   * median of repeat customers' mean purchase gaps, as {@link calibrateChurnRules} and the engine compute it.
   */
  baseGapDays?: number;
  /** With `relativeTo: "customer"`: how many gaps of `baseGapDays` the customer's own gaps are pooled with. Default 2; 0 = no shrinkage. */
  priorGaps?: number;
  /** Weight in [0, 1]. Default 0.6. */
  weight?: number;
  /** Event types that count as activity. Default: every activity event (all but feedback). */
  activityTypes?: readonly string[];
  /** Whether a customer with no activity on record up to `asOf` fires (severity 1). Default true. */
  flagNoActivity?: boolean;
  /** The signal's rule name. Default `"inactivity"`. */
  name?: string;
}

/**
 * A churn rule for customers who have gone quiet: "no login for 30 days → low-activity pool".
 *
 * Fixed threshold (the default): fires when the customer's last activity (feedback does not count) is at
 * least `days` whole days before `asOf`. Severity = min(1, daysInactive / fullSeverityDays): 0.5 at the
 * threshold by default, 1 at twice it. Evidence: `daysInactive`, `thresholdDays`, `lastActivityAt` (epoch
 * ms or null).
 *
 * Data-relative threshold (`relativeTo`), for a shop whose customers buy every few weeks or months: a
 * customer's activity days are the distinct UTC days with activity; with k of them spread over S days
 * (first to last), the customer has g = k − 1 gaps and their typical gap is the shrunk mean
 *
 *   typical = (S + m · G) / (g + m)     (`relativeTo: "customer"`; G = `baseGapDays`, m = `priorGaps`)
 *   typical = G                         (`relativeTo: "base"`)
 *
 * — the mean gap S / g pooled with m pseudo-gaps of the base's length, so a one-time buyer gets the base's
 * gap and a customer with many purchases essentially their own (a credibility-weighted mean, as a
 * Gamma prior on the purchase rate gives). The rule fires when the days since the last activity reach
 * threshold = `gapMultiple` · typical; severity = min(1, daysInactive / (2 · threshold)) (0.5 at the
 * threshold, 1 at twice it, as for the fixed rule). The result depends only on the set of activity days, not
 * on the order of events. Evidence adds `typicalGapDays`, `gapMultiple`, `baseGapDays` and `activityDays`
 * (`thresholdDays` is the customer's threshold).
 *
 * A customer with no activity at all up to `asOf` fires with severity 1 (turn off with
 * `flagNoActivity: false`).
 *
 * @param options - see {@link InactivityRuleOptions}
 * @returns a {@link ChurnRule}
 * @throws RetentionKitError `OUT_OF_RANGE` / `INVALID_OPTION` for bad options (`INVALID_OPTION` for
 *   `relativeTo` without `baseGapDays`, `days` beside `relativeTo`, or `gapMultiple` without `relativeTo`)
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Churn
 * @example
 * ```ts
 * const [r] = detectChurnSignals(
 *   [{ customerId: 1, events: [{ type: "login", at: "2024-01-01" }] }],
 *   { asOf: "2024-02-15", rules: [inactivityRule()] },
 * );
 * [r!.signals[0]!.severity.toFixed(2), r!.signals[0]!.reason];
 * // => ["0.75", "No activity for 45 days (last on 2024-01-01); the threshold is 30 days."]
 * // A shop: purchases every 20 days, then silence; the base buys every 40 days.
 * const purchases = ["2024-01-01", "2024-01-21", "2024-02-10", "2024-03-01"].map((at) => ({ type: "purchase", at }));
 * const [s] = detectChurnSignals([{ customerId: 2, events: purchases }],
 *   { asOf: "2024-05-01", rules: [inactivityRule({ relativeTo: "customer", baseGapDays: 40 })] });
 * [s!.signals[0]!.evidence.typicalGapDays, s!.signals[0]!.evidence.thresholdDays, s!.signals[0]!.severity.toFixed(2)];
 * // => [28, 56, "0.54"]
 * ```
 */
export function inactivityRule(options?: InactivityRuleOptions): ChurnRule {
  const s = inactivityRuleSettings("inactivityRule", options);
  if (s.relative !== null) return relativeRule(s.name, s.weight, s.types, s.flagNoActivity, s.relative);
  const { days, fullSeverityDays, types, flagNoActivity } = s;
  // The reason depends on two whole numbers; over a million customers they repeat, so the text is made once
  // per (last day, days inactive) and shared.
  const reasonOf = inactivityTextCache((last, daysInactive) => `No activity for ${plural(daysInactive, "day")} (last on ${isoDate(last)}); the threshold is ${plural(days, "day")}.`);
  const rule: ChurnRule = {
    name: s.name,
    weight: s.weight,
    evaluate(customer, ctx) {
      const times = activityTimesOf(customer, types);
      if (times.length === 0) {
        if (!flagNoActivity) return null;
        return {
          severity: 1,
          reason: `No activity on record up to ${isoDate(ctx.asOf)}.`,
          evidence: { daysInactive: null, thresholdDays: days, lastActivityAt: null },
        };
      }
      const last = times[times.length - 1]!;
      if (ctx.asOf < inactivityFiresAt(last, days)) return null;
      const daysInactive = Math.floor((ctx.asOf - last) / DAY_MS);
      return {
        severity: Math.min(1, daysInactive / fullSeverityDays),
        reason: reasonOf(last, daysInactive),
        evidence: { daysInactive, thresholdDays: days, lastActivityAt: last },
      };
    },
  };
  severityOnly.set(rule, (customer, ctx) => {
    const times = activityTimesOf(customer, types);
    if (times.length === 0) return flagNoActivity ? 1 : 0;
    const last = times[times.length - 1]!;
    if (ctx.asOf < inactivityFiresAt(last, days)) return 0;
    return Math.min(1, Math.floor((ctx.asOf - last) / DAY_MS) / fullSeverityDays);
  });
  return rule;
}

/** The data-relative form of the rule (see {@link inactivityRule}). */
function relativeRule(name: string, weight: number, types: ReadonlySet<string> | null, flagNoActivity: boolean, rel: RelativeInactivity): ChurnRule {
  const { gapMultiple, baseGapDays } = rel;
  const whose = rel.relativeTo === "customer" ? "their typical gap" : "the base's typical gap";
  // The reason's first half depends on two whole numbers that repeat over a million customers: made once per
  // (last day, days inactive) and shared; the thresholds differ per customer.
  const headOf = inactivityTextCache((last, daysInactive) => `No activity for ${plural(daysInactive, "day")} (last on ${isoDate(last)}); the threshold is `);
  const tenths = tenthsTextCache();
  const history = (customer: PreparedCustomer, times: ArrayLike<number>): { spanDays: number; gaps: number } =>
    // The engine knows a customer's purchase days from its summaries; otherwise they are read from the events.
    types === null && customer instanceof PreparedView && customer.knownGaps >= 0 ? { spanDays: customer.knownSpanDays, gaps: customer.knownGaps } : activityGaps(times);
  const rule: ChurnRule = {
    name,
    weight,
    evaluate(customer, ctx) {
      const times = activityTimesOf(customer, types);
      if (times.length === 0) {
        if (!flagNoActivity) return null;
        return {
          severity: 1,
          reason: `No activity on record up to ${isoDate(ctx.asOf)}.`,
          evidence: { daysInactive: null, thresholdDays: null, lastActivityAt: null, typicalGapDays: null, gapMultiple, baseGapDays, activityDays: 0 },
        };
      }
      const last = times[times.length - 1]!;
      const h = history(customer, times);
      const f = relativeInactivity(rel, h.spanDays, h.gaps, last, ctx.asOf);
      if (f === null) return null;
      return {
        severity: f.severity,
        reason: `${headOf(last, f.daysInactive)}${tenths(f.threshold)} days, ${gapMultiple} × ${whose} of ${tenths(f.typical)} days.`,
        evidence: { daysInactive: f.daysInactive, thresholdDays: f.threshold, lastActivityAt: last, typicalGapDays: f.typical, gapMultiple, baseGapDays, activityDays: h.gaps + 1 },
      };
    },
  };
  severityOnly.set(rule, (customer, ctx) => {
    const times = activityTimesOf(customer, types);
    if (times.length === 0) return flagNoActivity ? 1 : 0;
    const h = history(customer, times);
    return relativeInactivity(rel, h.spanDays, h.gaps, times[times.length - 1]!, ctx.asOf)?.severity ?? 0;
  });
  return rule;
}

/** A number of days for a reason: at most one decimal. */
/**
 * x rounded to tenths, as text ("13.1"): made once per distinct tenth and shared (a number's text costs
 * ~10 times a lookup, and a million reasons have two each, from a few thousand distinct values).
 */
function tenthsTextCache(): (x: number) => string {
  const texts = new Map<number, string>();
  return (x) => {
    const k = Math.round(x * 10);
    let text = texts.get(k);
    if (text === undefined) {
      text = String(k / 10);
      if (texts.size >= 100_000) texts.clear();
      texts.set(k, text);
    }
    return text;
  };
}

/**
 * `make(last, daysInactive)` memoised on (the last activity's day, days inactive), at most 100,000 texts held
 * (bounded memory); a key beyond the exact range is made afresh each time.
 */
function inactivityTextCache(make: (last: number, daysInactive: number) => string): (last: number, daysInactive: number) => string {
  const texts = new Map<number, string>();
  return (last, daysInactive) => {
    const key = Math.floor(last / DAY_MS) * 65_536 + daysInactive;
    const cacheable = daysInactive < 65_536 && Number.isSafeInteger(key);
    let text = cacheable ? texts.get(key) : undefined;
    if (text === undefined) {
      text = make(last, daysInactive);
      if (cacheable) {
        if (texts.size >= 100_000) texts.clear();
        texts.set(key, text);
      }
    }
    return text;
  };
}
