import { activityTimesOf, isoDate, plural, RuleOptions } from "../internal/churn.js";
import type { ChurnRule } from "./types.js";

/**
 * Options of {@link renewalRiskRule}.
 *
 * @category Churn
 * @example
 * ```ts
 * const options: RenewalRiskRuleOptions = { withinDays: 60, minEvents: 8 };
 * ```
 */
export interface RenewalRiskRuleOptions {
  /** Consider renewals in [asOf, asOf + withinDays], in days. Default 30. */
  withinDays?: number;
  /** Engagement is the activity count in (asOf − windowDays, asOf], in days. Default 30. */
  windowDays?: number;
  /** Engagement below this many events is low. Default 4 (about one a week). */
  minEvents?: number;
  /** Weight in [0, 1]. Default 0.5. */
  weight?: number;
  /** Event types that count as activity. Default: every activity event (all but feedback). */
  activityTypes?: readonly string[];
  /** The signal's rule name. Default `"renewalRisk"`. */
  name?: string;
}

/**
 * A churn rule for "they go quiet before renewal": the customer's renewal is near and their recent
 * engagement is below a threshold.
 *
 * Fires when `renewalAt` is in [asOf, asOf + withinDays] and the activity count in the last `windowDays`
 * is below `minEvents`; severity = 1 − count / minEvents (1 with no activity). Customers without a
 * renewal date, or whose renewal is past or further away, never fire. Evidence: `renewalAt`,
 * `daysToRenewal`, `recentEvents`, `windowDays`, `minEvents`.
 *
 * @param options - see {@link RenewalRiskRuleOptions}
 * @returns a {@link ChurnRule}
 * @throws RetentionKitError `OUT_OF_RANGE` / `INVALID_OPTION` for bad options
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Churn
 * @example
 * ```ts
 * const [r] = detectChurnSignals(
 *   [{ customerId: 1, renewalAt: "2024-04-12", events: [{ type: "login", at: "2024-03-20" }] }],
 *   { asOf: "2024-03-31", rules: [renewalRiskRule()] },
 * );
 * [r!.signals[0]!.severity, r!.signals[0]!.reason];
 * // => [0.75, "Renews on 2024-04-12 (in 12 days) with only 1 event in the last 30 days (expected at least 4)."]
 * ```
 */
export function renewalRiskRule(options?: RenewalRiskRuleOptions): ChurnRule {
  const r = new RuleOptions("renewalRiskRule", options, ["withinDays", "windowDays", "minEvents", "weight", "activityTypes", "name"] as const satisfies readonly (keyof RenewalRiskRuleOptions)[]);
  const withinDays = r.positive("withinDays", 30);
  const windowDays = r.positive("windowDays", 30);
  const minEvents = r.positive("minEvents", 4);
  const types = r.strings("activityTypes");
  return {
    name: r.name("renewalRisk"),
    weight: r.weight(0.5),
    evaluate(customer, ctx) {
      const renewal = customer.renewalAt;
      if (renewal === null || renewal < ctx.asOf || renewal > ctx.asOf + withinDays * ctx.dayMs) return null;
      const times = activityTimesOf(customer, types);
      const recent = ctx.countBetween(times, ctx.asOf - windowDays * ctx.dayMs, ctx.asOf);
      if (recent >= minEvents) return null;
      const daysToRenewal = Math.floor((renewal - ctx.asOf) / ctx.dayMs);
      const when = daysToRenewal === 0 ? "today" : `in ${plural(daysToRenewal, "day")}`;
      return {
        severity: 1 - recent / minEvents,
        reason: `Renews on ${isoDate(renewal)} (${when}) with ${recent === 0 ? "no activity" : `only ${plural(recent, "event")}`} in the last ${plural(windowDays, "day")} (expected at least ${minEvents}).`,
        evidence: { renewalAt: renewal, daysToRenewal, recentEvents: recent, windowDays, minEvents },
      };
    },
  };
}
