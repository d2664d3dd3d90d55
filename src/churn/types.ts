import type { CustomerId, TimeInput } from "../data/time.js";
import type { ActivityDeclineRuleOptions } from "./activityDeclineRule.js";
import type { FeatureDropRuleOptions } from "./featureDropRule.js";
import type { InactivityRuleOptions } from "./inactivityRule.js";
import type { NegativeFeedbackRuleOptions } from "./negativeFeedbackRule.js";
import type { RenewalRiskRuleOptions } from "./renewalRiskRule.js";

/**
 * One thing a customer did (or said), as a CRM logs it.
 *
 * Events split into two kinds. **Feedback** — `type` `"feedback"`, `"complaint"`, `"ticket"`, `"support"`,
 * `"survey"` or `"review"`, or any event carrying a `score` or a `sentiment` — is what the customer says;
 * every other event (`"login"`, `"purchase"`, `"feature"`, …) is **activity**, what the customer does.
 * Activity rules (inactivity, decline, renewal) count activity only, so a complaint never makes a
 * customer look engaged. An activity event with a `feature` is a use of that feature.
 *
 * @category Churn
 * @example
 * ```ts
 * const events: ChurnEvent[] = [
 *   { type: "login", at: "2024-03-01" },
 *   { type: "feature", at: "2024-03-01", feature: "reports" },
 *   { type: "ticket", at: "2024-03-04", sentiment: "negative" },
 *   { type: "survey", at: "2024-03-10", score: 4 },
 * ];
 * ```
 */
export interface ChurnEvent {
  /** What happened, e.g. `"login"`, `"purchase"`, `"feature"`, `"feedback"`, `"complaint"`, `"ticket"`. */
  readonly type: string;
  /** When (UTC). Events after `asOf` are ignored. */
  readonly at: TimeInput;
  /** The feature used, for feature-use events. */
  readonly feature?: string | undefined;
  /** A survey score given with the event (0..10 NPS scale for the built-in rule's default). */
  readonly score?: number | undefined;
  /** The tone of a ticket or comment: `"positive"`, `"neutral"`, `"negative"`, or a number in [−1, 1] (< 0 is negative). */
  readonly sentiment?: "positive" | "neutral" | "negative" | number | undefined;
}

/**
 * One customer's activity log, the input of {@link detectChurnSignals}.
 *
 * @category Churn
 * @example
 * ```ts
 * const c: CustomerActivity = { customerId: "C-1", events: [{ type: "login", at: "2024-03-01" }], renewalAt: "2024-04-15" };
 * ```
 */
export interface CustomerActivity {
  /** The customer's id, as given. */
  readonly customerId: CustomerId;
  /** The customer's events, in any order. */
  readonly events: readonly ChurnEvent[];
  /** The next contract renewal, if any. */
  readonly renewalAt?: TimeInput | null | undefined;
}

/**
 * One event after preparation: time parsed, kind decided, sentiment as a number.
 *
 * @category Churn
 * @example
 * ```ts
 * const e: PreparedEvent = { type: "ticket", at: 1709510400000, feature: null, score: null, sentiment: -1, feedback: true };
 * ```
 */
export interface PreparedEvent {
  /** The event's type, as given. */
  readonly type: string;
  /** Epoch ms. */
  readonly at: number;
  /** The feature used, or `null`. */
  readonly feature: string | null;
  /** The score given, or `null`. */
  readonly score: number | null;
  /** Sentiment in [−1, 1] (`"negative"` → −1, `"neutral"` → 0, `"positive"` → 1), or `null`. */
  readonly sentiment: number | null;
  /** True for feedback (see {@link ChurnEvent}), false for activity. */
  readonly feedback: boolean;
}

/**
 * What a {@link ChurnRule} sees of a customer: the events parsed once, cut at `asOf` and sorted, so
 * rules share the work instead of re-reading dates. The view is valid during the rule's `evaluate` call
 * (its storage is reused for the next customer); copy what you need rather than keeping the view.
 *
 * @category Churn
 * @example
 * ```ts
 * const rule: ChurnRule = {
 *   name: "noPurchase",
 *   weight: 0.5,
 *   evaluate: (c: PreparedCustomer) => (c.events.some((e) => e.type === "purchase") ? null
 *     : { severity: 1, reason: "Has never bought.", evidence: { events: c.events.length } }),
 * };
 * ```
 */
export interface PreparedCustomer {
  /** The customer's id, as given. */
  readonly customerId: CustomerId;
  /** The input record, untouched (read custom fields from it). */
  readonly input: CustomerActivity;
  /** Events at or before `asOf`, oldest first (ties keep input order). */
  readonly events: readonly PreparedEvent[];
  /** Times (epoch ms) of the activity events (not feedback) at or before `asOf`, ascending. */
  readonly activityTimes: Float64Array;
  /** The renewal date (epoch ms), or `null`. */
  readonly renewalAt: number | null;
}

/**
 * Shared state and helpers handed to every rule of one {@link detectChurnSignals} call.
 *
 * @category Churn
 * @example
 * ```ts
 * const recentLogins = (c: PreparedCustomer, ctx: ChurnContext): number =>
 *   ctx.countBetween(c.activityTimes, ctx.asOf - 30 * ctx.dayMs, ctx.asOf);
 * ```
 */
export interface ChurnContext {
  /** The evaluation instant, epoch ms. */
  readonly asOf: number;
  /** Milliseconds in a day (86 400 000), for windows. */
  readonly dayMs: number;
  /** How many of the ascending `times` lie in the half-open window (from, to]; binary search, O(log n). */
  countBetween(times: ArrayLike<number>, from: number, to: number): number;
}

/**
 * The numbers behind a signal, for display and audit: plain JSON values.
 *
 * @category Churn
 * @example
 * ```ts
 * const evidence: ChurnEvidence = { daysInactive: 45, thresholdDays: 30, lastActivityAt: 1709251200000 };
 * ```
 */
export type ChurnEvidence = Readonly<Record<string, number | string | boolean | null | readonly string[]>>;

/**
 * What a rule returns when it fires.
 *
 * @category Churn
 * @example
 * ```ts
 * const finding: ChurnFinding = { severity: 0.75, reason: "No activity for 45 days.", evidence: { daysInactive: 45 } };
 * ```
 */
export interface ChurnFinding {
  /** How strong the signal is, in [0, 1]. */
  readonly severity: number;
  /** One sentence a salesperson understands. */
  readonly reason: string;
  /** The numbers behind it. */
  readonly evidence: ChurnEvidence;
}

/**
 * A churn rule: plain data plus one function. Built-in factories ({@link inactivityRule},
 * {@link activityDeclineRule}, {@link negativeFeedbackRule}, {@link featureDropRule},
 * {@link renewalRiskRule}) return this type, and so can yours.
 *
 * @category Churn
 * @example
 * ```ts
 * const downgraded: ChurnRule = {
 *   name: "downgrade",
 *   weight: 0.5,
 *   evaluate: (c) => (c.events.some((e) => e.type === "downgrade")
 *     ? { severity: 1, reason: "Downgraded the plan.", evidence: {} } : null),
 * };
 * ```
 */
export interface ChurnRule {
  /** The rule's name, unique among the rules of one call; copied to each signal's `rule`. */
  readonly name: string;
  /** How much a full-severity signal adds to the risk, in [0, 1] (see {@link detectChurnSignals}). */
  readonly weight: number;
  /**
   * Decides whether the rule fires for a customer: a finding, or `null` (or `undefined`) when it does not.
   * Must be pure and deterministic.
   */
  evaluate(customer: PreparedCustomer, context: ChurnContext): ChurnFinding | null | undefined;
}

/**
 * One reason a customer is at risk.
 *
 * @category Churn
 * @example
 * ```ts
 * const s: ChurnSignal = {
 *   rule: "inactivity", severity: 0.75, weight: 0.6, contribution: 0.45,
 *   reason: "No activity for 45 days (last on 2024-03-01); the threshold is 30 days.",
 *   evidence: { daysInactive: 45, thresholdDays: 30 },
 * };
 * ```
 */
export interface ChurnSignal {
  /** The name of the rule that fired. */
  rule: string;
  /** Strength in [0, 1]. */
  severity: number;
  /** The rule's weight. */
  weight: number;
  /** weight · severity: the signal's share of the risk formula. */
  contribution: number;
  /** A sentence a salesperson understands. */
  reason: string;
  /** The numbers behind the reason. */
  evidence: ChurnEvidence;
}

/**
 * A customer's risk level: `"low"`, `"medium"` or `"high"`.
 *
 * @category Churn
 * @example
 * ```ts
 * const level: RiskLevel = "high";
 * ```
 */
export type RiskLevel = "low" | "medium" | "high";

/**
 * One customer's churn assessment.
 *
 * @category Churn
 * @example
 * ```ts
 * const r: ChurnAssessment = { customerId: 1, riskScore: 0, riskLevel: "low", signals: [] };
 * ```
 */
export interface ChurnAssessment {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** 1 − Π(1 − weight·severity) over the signals, in [0, 1]. */
  riskScore: number;
  /** The band of `riskScore` by the cut-offs. */
  riskLevel: RiskLevel;
  /** The signals that fired, strongest contribution first (ties by rule name). */
  signals: ChurnSignal[];
}

/**
 * The built-in rules as plain JSON: each rule by name, `false` (off) or its factory's options (`name`
 * excepted; `{}` = the rule's defaults); a missing rule is on with its defaults. Accepted by
 * {@link detectChurnSignals} as `rules`, by the engine as `config.churn.rules`, and returned by
 * {@link calibrateChurnRules}.
 *
 * @category Churn
 * @example
 * ```ts
 * const rules: ChurnRulesConfig = {
 *   inactivity: { relativeTo: "customer", gapMultiple: 2, baseGapDays: 48, weight: 0.5 },
 *   activityDecline: false, negativeFeedback: false, featureDrop: false, renewalRisk: false,
 * };
 * ```
 */
export interface ChurnRulesConfig {
  /** {@link inactivityRule} options, or `false`. */
  readonly inactivity?: false | Omit<InactivityRuleOptions, "name">;
  /** {@link activityDeclineRule} options, or `false`. */
  readonly activityDecline?: false | Omit<ActivityDeclineRuleOptions, "name">;
  /** {@link negativeFeedbackRule} options, or `false`. */
  readonly negativeFeedback?: false | Omit<NegativeFeedbackRuleOptions, "name">;
  /** {@link featureDropRule} options, or `false`. */
  readonly featureDrop?: false | Omit<FeatureDropRuleOptions, "name">;
  /** {@link renewalRiskRule} options, or `false`. */
  readonly renewalRisk?: false | Omit<RenewalRiskRuleOptions, "name">;
}
