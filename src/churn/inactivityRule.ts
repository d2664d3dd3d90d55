import { activityTimesOf, inactivityFiresAt, inactivitySettings, isoDate, plural } from "../internal/churn.js";
import { DAY_MS } from "../internal/time.js";
import type { ChurnRule } from "./types.js";

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
  /** Fires when the last activity is at least this many whole days before `asOf`. Default 30. */
  days?: number;
  /** Days of inactivity at which severity reaches 1. Default `2 · days`; at least `days`. */
  fullSeverityDays?: number;
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
 * Fires when the customer's last activity (feedback does not count) is at least `days` whole days before
 * `asOf`. Severity = min(1, daysInactive / fullSeverityDays): 0.5 at the threshold by default, 1 at twice
 * it. A customer with no activity at all up to `asOf` fires with severity 1 (turn off with
 * `flagNoActivity: false`). Evidence: `daysInactive`, `thresholdDays`, `lastActivityAt` (epoch ms or null).
 *
 * @param options - see {@link InactivityRuleOptions}
 * @returns a {@link ChurnRule}
 * @throws RetentionKitError `OUT_OF_RANGE` / `INVALID_OPTION` for bad options
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
 * ```
 */
export function inactivityRule(options?: InactivityRuleOptions): ChurnRule {
  const s = inactivitySettings("inactivityRule", options);
  const { days, fullSeverityDays, types, flagNoActivity } = s;
  // The reason depends on two whole numbers; over a million customers they repeat, so the text is made once
  // per (last day, days inactive) and shared.
  const reasons = new Map<number, string>();
  const reasonOf = (last: number, daysInactive: number): string => {
    const key = Math.floor(last / DAY_MS) * 65_536 + daysInactive;
    const cacheable = daysInactive < 65_536 && Number.isSafeInteger(key);
    let text = cacheable ? reasons.get(key) : undefined;
    if (text === undefined) {
      text = `No activity for ${plural(daysInactive, "day")} (last on ${isoDate(last)}); the threshold is ${plural(days, "day")}.`;
      if (cacheable) {
        if (reasons.size >= 100_000) reasons.clear(); // bounded memory
        reasons.set(key, text);
      }
    }
    return text;
  };
  return {
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
}
