import { columnsOf, isoDate, plural, RuleOptions } from "../internal/churn.js";
import type { ChurnRule } from "./types.js";

/**
 * Options of {@link negativeFeedbackRule}.
 *
 * @category Churn
 * @example
 * ```ts
 * const options: NegativeFeedbackRuleOptions = { windowDays: 60, negativeScoreAtMost: 2 }; // a 1–5 CSAT scale
 * ```
 */
export interface NegativeFeedbackRuleOptions {
  /** Look back (asOf − windowDays, asOf], in days. Default 90. */
  windowDays?: number;
  /** A `score` at or below this is negative. Default 6 (an NPS detractor on 0..10). */
  negativeScoreAtMost?: number;
  /** Event types that are complaints whatever their score or sentiment. Default `["complaint"]`. */
  complaintTypes?: readonly string[];
  /** Number of negative events at which severity reaches 1. Default 3. */
  saturation?: number;
  /** Weight in [0, 1]. Default 0.5. */
  weight?: number;
  /** The signal's rule name. Default `"negativeFeedback"`. */
  name?: string;
}

/**
 * A churn rule for "complaints pile up": negative events in a recent window.
 *
 * An event in (asOf − windowDays, asOf] is negative when its type is a complaint type, or its `score` is
 * at most `negativeScoreAtMost` (detractor), or its `sentiment` is negative (< 0). Each event counts once.
 * Fires with one or more; severity = min(1, count / saturation), so each extra complaint raises it until
 * `saturation`. Evidence: `negativeEvents`, `complaints`, `lowScores`, `negativeSentiment`, `windowDays`,
 * `lastNegativeAt`.
 *
 * @param options - see {@link NegativeFeedbackRuleOptions}
 * @returns a {@link ChurnRule}
 * @throws RetentionKitError `OUT_OF_RANGE` / `INVALID_OPTION` for bad options
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Churn
 * @example
 * ```ts
 * const events = [
 *   { type: "complaint", at: "2024-03-01" },
 *   { type: "survey", at: "2024-03-10", score: 4 },
 *   { type: "ticket", at: "2024-03-12", sentiment: "positive" as const },
 * ];
 * const [r] = detectChurnSignals([{ customerId: 1, events }], { asOf: "2024-03-31", rules: [negativeFeedbackRule()] });
 * [r!.signals[0]!.severity.toFixed(3), r!.signals[0]!.reason];
 * // => ["0.667", "2 negative contacts in the last 90 days (1 complaint, 1 low score of 6 or less), the latest on 2024-03-10."]
 * ```
 */
export function negativeFeedbackRule(options?: NegativeFeedbackRuleOptions): ChurnRule {
  const r = new RuleOptions("negativeFeedbackRule", options, ["windowDays", "negativeScoreAtMost", "complaintTypes", "saturation", "weight", "name"] as const satisfies readonly (keyof NegativeFeedbackRuleOptions)[]);
  const windowDays = r.positive("windowDays", 90);
  const negativeScoreAtMost = r.number("negativeScoreAtMost", 6);
  const complaintTypes = r.strings("complaintTypes") ?? new Set(["complaint"]);
  const saturation = r.positive("saturation", 3);
  return {
    name: r.name("negativeFeedback"),
    weight: r.weight(0.5),
    evaluate(customer, ctx) {
      const from = ctx.asOf - windowDays * ctx.dayMs;
      let complaints = 0;
      let lowScores = 0;
      let negativeSentiment = 0;
      let count = 0;
      let last = 0;
      const { size, cols: c } = columnsOf(customer);
      // Events are sorted: walk back from the newest until the window starts.
      for (let i = size - 1; i >= 0; i--) {
        const at = c.at[i]!;
        if (at <= from) break;
        const complaint = complaintTypes.has(c.type[i]!);
        const low = c.score[i]! <= negativeScoreAtMost; // NaN (no score) compares false
        const sad = c.sentiment[i]! < 0;
        if (!(complaint || low || sad)) continue;
        if (count === 0) last = at;
        count++;
        if (complaint) complaints++;
        if (low) lowScores++;
        if (sad) negativeSentiment++;
      }
      if (count === 0) return null;
      const parts: string[] = [];
      if (complaints > 0) parts.push(plural(complaints, "complaint"));
      if (lowScores > 0) parts.push(`${plural(lowScores, "low score")} of ${negativeScoreAtMost} or less`);
      if (negativeSentiment > 0) parts.push(`${negativeSentiment} with negative sentiment`);
      return {
        severity: Math.min(1, count / saturation),
        reason: `${count} negative ${count === 1 ? "contact" : "contacts"} in the last ${plural(windowDays, "day")} (${parts.join(", ")}), the latest on ${isoDate(last)}.`,
        evidence: { negativeEvents: count, complaints, lowScores, negativeSentiment, windowDays, lastNegativeAt: last },
      };
    },
  };
}
