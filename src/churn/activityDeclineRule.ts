import { activityTimesOf, plural, RuleOptions } from "../internal/churn.js";
import type { ChurnRule } from "./types.js";

/**
 * Options of {@link activityDeclineRule}.
 *
 * @category Churn
 * @example
 * ```ts
 * const options: ActivityDeclineRuleOptions = { recentDays: 14, baselineDays: 56, minDrop: 0.6 };
 * ```
 */
export interface ActivityDeclineRuleOptions {
  /** Length of the recent window (asOf − recentDays, asOf], in days. Default 30. */
  recentDays?: number;
  /** Length of the baseline window just before it, in days. Default 90. */
  baselineDays?: number;
  /** Fires when the activity rate fell by at least this fraction. Default 0.5. */
  minDrop?: number;
  /** Guard against tiny baselines: at least this many baseline events. Default 4. */
  minBaselineEvents?: number;
  /** Weight in [0, 1]. Default 0.4. */
  weight?: number;
  /** Event types that count as activity. Default: every activity event (all but feedback). */
  activityTypes?: readonly string[];
  /** The signal's rule name. Default `"activityDecline"`. */
  name?: string;
}

/**
 * A churn rule for "interaction frequency drops": the customer's activity rate in the recent window
 * against their own rate in the baseline window just before it.
 *
 * Windows: recent = (asOf − R, asOf], baseline = (asOf − R − B, asOf − R]. When the customer's first
 * activity falls inside the baseline window, only the days since it count (a new customer is not
 * compared with days before they joined); when fewer than R such days remain, or the baseline holds
 * fewer than `minBaselineEvents` events, the rule does not fire (too little history to call a decline).
 * drop = 1 − (recent / R) / (baseline / B_effective); fires when drop ≥ `minDrop`; severity = drop.
 * Evidence: `recentEvents`, `baselineEvents`, `recentDays`, `baselineDays` (effective), `recentPer30Days`,
 * `baselinePer30Days`, `drop`.
 *
 * @param options - see {@link ActivityDeclineRuleOptions}
 * @returns a {@link ChurnRule}
 * @throws RetentionKitError `OUT_OF_RANGE` / `INVALID_OPTION` for bad options
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Churn
 * @example
 * ```ts
 * const days = [1, 8, 15, 22, 29, 36, 43, 50, 57, 64, 71, 78, 100]; // weekly, then one visit
 * const events = days.map((d) => ({ type: "login", at: Date.UTC(2024, 0, d) }));
 * const [r] = detectChurnSignals([{ customerId: 1, events }], { asOf: Date.UTC(2024, 0, 120), rules: [activityDeclineRule()] });
 * r!.signals[0]!.reason;
 * // => "Activity fell by 75%: 1 event in the last 30 days against 12 in the 90 days before (4.0 per 30 days)."
 * ```
 */
export function activityDeclineRule(options?: ActivityDeclineRuleOptions): ChurnRule {
  const r = new RuleOptions("activityDeclineRule", options, ["recentDays", "baselineDays", "minDrop", "minBaselineEvents", "weight", "activityTypes", "name"] as const satisfies readonly (keyof ActivityDeclineRuleOptions)[]);
  const recentDays = r.positive("recentDays", 30);
  const baselineDays = r.positive("baselineDays", 90);
  const minDrop = r.fraction("minDrop", 0.5);
  const minBaselineEvents = r.positive("minBaselineEvents", 4);
  const types = r.strings("activityTypes");
  return {
    name: r.name("activityDecline"),
    weight: r.weight(0.4),
    evaluate(customer, ctx) {
      const times = activityTimesOf(customer, types);
      if (times.length === 0) return null;
      const recentStart = ctx.asOf - recentDays * ctx.dayMs;
      const first = times[0]!;
      // Days of the baseline window the customer was around for (the first activity's day counts).
      const available = (recentStart - first) / ctx.dayMs + 1;
      const effectiveDays = Math.min(baselineDays, Math.floor(available));
      if (!(effectiveDays >= recentDays)) return null;
      const baseline = ctx.countBetween(times, recentStart - effectiveDays * ctx.dayMs, recentStart);
      if (baseline < minBaselineEvents) return null;
      const recent = ctx.countBetween(times, recentStart, ctx.asOf);
      const baseRate = baseline / effectiveDays;
      const recentRate = recent / recentDays;
      const drop = Math.max(0, 1 - recentRate / baseRate);
      if (drop < minDrop || drop === 0) return null;
      return {
        severity: Math.min(1, drop),
        reason: `Activity fell by ${Math.round(drop * 100)}%: ${recent === 0 ? "none" : plural(recent, "event")} in the last ${plural(recentDays, "day")} against ${baseline} in the ${plural(effectiveDays, "day")} before (${(baseRate * 30).toFixed(1)} per 30 days).`,
        evidence: {
          recentEvents: recent,
          baselineEvents: baseline,
          recentDays,
          baselineDays: effectiveDays,
          recentPer30Days: recentRate * 30,
          baselinePer30Days: baseRate * 30,
          drop,
        },
      };
    },
  };
}
