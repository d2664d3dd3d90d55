import type { AsOfTime, CustomerId } from "../data/time.js";
import { compareIds } from "../internal/ids.js";
import { requiredAsOf } from "../internal/time.js";
import { array, fail, fraction, optionsBag, show } from "../internal/validate.js";
import { activityDeclineRule } from "./activityDeclineRule.js";
import { featureDropRule } from "./featureDropRule.js";
import { inactivityRule } from "./inactivityRule.js";
import { negativeFeedbackRule } from "./negativeFeedbackRule.js";
import { churnContext, Preparer, severityOnly } from "../internal/churn.js";
import { renewalRiskRule } from "./renewalRiskRule.js";
import { RetentionKitError } from "../data/RetentionKitError.js";
import type { ChurnAssessment, ChurnRule, ChurnRulesConfig, ChurnSignal, CustomerActivity, RiskLevel } from "./types.js";

/**
 * Options of {@link detectChurnSignals}.
 *
 * `asOf`: the evaluation instant. Events after it are ignored (a back-test passes the whole log). Required.
 * `observationEnd` is accepted as its exact synonym ({@link AsOfTime}).
 *
 * @category Churn
 * @example
 * ```ts
 * const options: DetectChurnSignalsOptions = {
 *   asOf: "2024-03-31",
 *   rules: [inactivityRule({ days: 14 }), negativeFeedbackRule()],
 *   cutoffs: { medium: 0.25, high: 0.5 },
 * };
 * ```
 */
export type DetectChurnSignalsOptions = AsOfTime & {
  /**
   * The rules to run, each with a unique `name`. Default: every built-in rule with its defaults —
   * {@link inactivityRule} (30 days, weight 0.6), {@link activityDeclineRule} (0.4),
   * {@link negativeFeedbackRule} (0.5), {@link featureDropRule} (0.3), {@link renewalRiskRule} (0.5).
   * Either rule objects, or the built-in rules as plain JSON ({@link ChurnRulesConfig}, e.g. the `rules`
   * of {@link calibrateChurnRules}' `config`), run in the fixed order inactivity, activityDecline,
   * negativeFeedback, featureDrop, renewalRisk.
   */
  rules?: readonly ChurnRule[] | ChurnRulesConfig;
  /** Risk-level cut-offs: `riskScore ≥ high` → `"high"`, `≥ medium` → `"medium"`, else `"low"`. Default `{ medium: 0.3, high: 0.6 }`. */
  cutoffs?: { readonly medium?: number; readonly high?: number };
};

/** The built-in rules with their defaults, in a fixed order. */
function defaultRules(): ChurnRule[] {
  return [inactivityRule(), activityDeclineRule(), negativeFeedbackRule(), featureDropRule(), renewalRiskRule()];
}

/**
 * Explainable churn-risk detection: runs rules over each customer's activity log and says why a customer
 * is flagged, with the numbers.
 *
 * Each customer's events are parsed once, events after `asOf` are dropped (not an error: passing the whole
 * log with an earlier `asOf` is how a back-test works), the rest sorted by time and split into activity and
 * feedback (see {@link ChurnEvent}); every rule then reads that prepared view (see
 * {@link PreparedCustomer}), so no rule re-parses dates.
 *
 * A rule that fires gives a signal with a severity s in [0, 1]; with the rule's weight w in [0, 1],
 *
 *   riskScore = 1 − Π (1 − w · s)   over the signals,
 *
 * a "noisy-or": each signal independently removes a share w·s of the remaining chance of staying. It is 0
 * without signals, never exceeds 1, and is monotone: a new or stronger signal never lowers it. Signals with
 * severity 0 are left out. `riskLevel` bands the score by `cutoffs`.
 *
 * Output: one assessment per customer (also those without signals), highest `riskScore` first, ties by
 * `customerId` (numbers ascending, then strings), so results do not depend on input order. Within a
 * customer, signals are ordered by contribution (w·s), then rule name.
 *
 * @param customers - `{ customerId, events, renewalAt? }` per customer; ids must be unique
 * @param options - see {@link DetectChurnSignalsOptions}; `asOf` is required (`observationEnd` is accepted as its synonym)
 * @returns the assessments, highest risk first
 * @throws RetentionKitError `INVALID_DATE` (`customers[i].events[j].at`, `options.asOf`),
 *   `INVALID_CUSTOMER_ID`, `DUPLICATE_ID` (`customers[i].customerId`), `INVALID_TYPE`; `INVALID_RULE` for a
 *   malformed rule or a rule that returns a malformed finding (`options.rules[k]`); `INVALID_THRESHOLDS`
 *   for cut-offs out of order
 * @throws RetentionKitError for `rules` as plain JSON ({@link ChurnRulesConfig}): `UNKNOWN_OPTION` for a name
 *   that is not a built-in rule, `INVALID_OPTION` for a value that is neither `false` nor an options object, and
 *   the rule factory's own errors at `options.rules.<rule>.<option>`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Churn
 * @example
 * ```ts
 * const customers = [
 *   { customerId: "a", events: [{ type: "login", at: "2024-03-28" }] },
 *   { customerId: "b", events: [{ type: "login", at: "2024-01-20" }, { type: "complaint", at: "2024-03-02" }] },
 * ];
 * const out = detectChurnSignals(customers, { asOf: "2024-03-31" });
 * out.map((r) => [r.customerId, r.riskScore.toFixed(3), r.riskLevel, r.signals.map((s) => s.rule)]);
 * // => [["b", "0.667", "high", ["inactivity", "negativeFeedback"]], ["a", "0.000", "low", []]]
 * ```
 */
export function detectChurnSignals(customers: readonly CustomerActivity[], options: DetectChurnSignalsOptions): ChurnAssessment[] {
  const out: ChurnAssessment[] = [];
  assessChurn("detectChurnSignals", customers, options, (i, customerId, riskScore, riskLevel, signals) => {
    out[i] = { customerId, riskScore, riskLevel, signals };
  });
  return out.sort((a, b) => b.riskScore - a.riskScore || compareIds(a.customerId, b.customerId));
}

/** Customers made one at a time (so a caller holding them as columns need not keep a million objects). */
export interface ChurnSource {
  /** Number of customers. */
  readonly count: number;
  /** Customer i, as a `{ customerId, events, renewalAt? }` row. */
  customer(i: number): CustomerActivity;
  /** The ids are known to be unique (the duplicate check is skipped). */
  readonly uniqueIds: boolean;
  /** Customers' activity histories known without their events (see PreparedView.knownGaps), by position. */
  readonly history?: { readonly spanDays: Float64Array; readonly gaps: Float64Array } | undefined;
}

/** The signals of a {@link assessChurn} pass that keeps only the scores. */
const NO_SIGNALS: ChurnSignal[] = Object.freeze([]) as unknown as ChurnSignal[];

/**
 * The computation of {@link detectChurnSignals} without its final sort: `emit` receives each customer's
 * assessment in input order (the engine reads them by position) and a bit mask of the rules that fired
 * (bit k for rule k < 31). The customers are `customers` (the public argument), or `source` when given. `fn`
 * names the caller in errors. With `scoresOnly`, the signals are not made (emit gets an empty list): the
 * built-in rules then compute their severity alone, without reason or evidence — the same severities, so the
 * same scores and levels as the full pass.
 */
export function assessChurn(
  fn: string,
  customers: unknown,
  options: DetectChurnSignalsOptions,
  emit: (i: number, customerId: CustomerId, riskScore: number, riskLevel: RiskLevel, signals: ChurnSignal[], fired: number) => void,
  source: ChurnSource | null = null,
  scoresOnly = false,
): void {
  const o = optionsBag(fn, options, ["asOf", "rules", "cutoffs", "observationEnd"] as const satisfies readonly (keyof DetectChurnSignalsOptions)[]);
  const asOf = requiredAsOf(fn, o, "asOf");
  const rules = o.rules === undefined ? defaultRules() : isPlainObject(o.rules) ? rulesFromConfig(fn, o.rules, "options.rules") : validateRules(fn, o.rules);
  const { medium, high } = cutoffs(fn, o.cutoffs);
  const list = source === null ? array<unknown>(fn, customers, "customers") : null;
  const n = source === null ? list!.length : source.count;
  const ctx = churnContext(asOf);
  const preparer = new Preparer(fn, asOf);
  const seen = source?.uniqueIds === true ? null : new Set<CustomerId>();
  const fast = rules.map((r) => (scoresOnly ? (severityOnly.get(r) ?? null) : null));
  for (let i = 0; i < n; i++) {
    const c = preparer.prepare(source === null ? list![i] : source.customer(i), i, "customers");
    if (source?.history !== undefined) {
      c.knownSpanDays = source.history.spanDays[i]!;
      c.knownGaps = source.history.gaps[i]!;
    }
    if (seen !== null) {
      if (seen.has(c.customerId)) fail(fn, "DUPLICATE_ID", `customers[${i}].customerId ${show(c.customerId)} appears twice`, `customers[${i}].customerId`);
      seen.add(c.customerId);
    }
    // Most customers have at most one signal: their list is made at its exact size (a list grown by push
    // reserves room for 17, which over a million customers is 150 MB).
    let first: ChurnSignal | null = null;
    let more: ChurnSignal[] | null = null;
    let stay = 1;
    let fired = 0;
    for (let k = 0; k < rules.length; k++) {
      const rule = rules[k]!;
      const quick = fast[k];
      if (quick !== null && quick !== undefined) {
        const severity = quick(c, ctx);
        if (severity === 0) continue;
        stay *= 1 - rule.weight * severity;
        if (k < 31) fired |= 1 << k;
        continue;
      }
      const f = rule.evaluate(c, ctx);
      if (f === null || f === undefined) continue;
      const severity = checkFinding(fn, f, k, c.customerId);
      if (severity === 0) continue;
      const contribution = rule.weight * severity;
      stay *= 1 - contribution;
      if (k < 31) fired |= 1 << k;
      if (scoresOnly) continue;
      const signal: ChurnSignal = { rule: rule.name, severity, weight: rule.weight, contribution, reason: f.reason, evidence: f.evidence };
      if (first === null) first = signal;
      else if (more === null) more = [first, signal];
      else more.push(signal);
    }
    const signals = scoresOnly ? NO_SIGNALS : (more ?? (first === null ? [] : [first]));
    if (signals.length > 1) signals.sort((a, b) => b.contribution - a.contribution || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    const riskScore = Math.min(1, Math.max(0, 1 - stay));
    emit(i, c.customerId, riskScore, riskScore >= high ? "high" : riskScore >= medium ? "medium" : "low", signals, fired);
  }
}

/** An object literal (the plain-JSON form of the rules), not an array, iterable or class instance. */
function isPlainObject(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The built-in rules' factories by name, in the fixed order of {@link ChurnRulesConfig}. */
export const RULE_FACTORIES = { inactivity: inactivityRule, activityDecline: activityDeclineRule, negativeFeedback: negativeFeedbackRule, featureDrop: featureDropRule, renewalRisk: renewalRiskRule } as const;
const RULE_NAMES = Object.keys(RULE_FACTORIES) as (keyof typeof RULE_FACTORIES)[];

/**
 * The rules of a {@link ChurnRulesConfig} (a missing rule on with its defaults), in the fixed order; a bad
 * rule option is reported at `path.name.key`.
 */
export function rulesFromConfig(fn: string, value: unknown, path: string): ChurnRule[] {
  const bag = optionsBag(fn, value, RULE_NAMES, path);
  const out: ChurnRule[] = [];
  for (const name of RULE_NAMES) {
    const o = bag[name];
    if (o === false) continue;
    if (o !== undefined && (typeof o !== "object" || o === null || Array.isArray(o))) fail(fn, "INVALID_OPTION", `${path}.${name} must be false or an options object, got ${show(o)}`, `${path}.${name}`);
    if (o !== undefined && Object.hasOwn(o, "name")) fail(fn, "UNKNOWN_OPTION", `${path}.${name}.name is not an option here: a configured rule keeps its built-in name`, `${path}.${name}.name`);
    try {
      out.push(RULE_FACTORIES[name](o as never));
    } catch (e) {
      if (!(e instanceof RetentionKitError)) throw e;
      const at = e.path === null ? `${path}.${name}` : e.path.replace(/^options/, `${path}.${name}`);
      throw new RetentionKitError(e.code, `${fn}: ${e.message.replace(/^\w+: /, "").replace(/\boptions\./g, `${path}.${name}.`)}`, at);
    }
  }
  return out;
}

function validateRules(fn: string, value: unknown): ChurnRule[] {
  const list = array<unknown>(fn, value, "options.rules");
  const names = new Set<string>();
  return list.map((x, k) => {
    const path = `options.rules[${k}]`;
    if (typeof x !== "object" || x === null) fail(fn, "INVALID_RULE", `${path} must be a rule object { name, weight, evaluate }, got ${show(x)}`, path);
    const r = x as Record<string, unknown>;
    if (typeof r.name !== "string" || r.name.length === 0) fail(fn, "INVALID_RULE", `${path}.name must be a non-empty string, got ${show(r.name)}`, `${path}.name`);
    if (names.has(r.name)) fail(fn, "INVALID_RULE", `${path}.name ${show(r.name)} is used by another rule`, `${path}.name`);
    names.add(r.name);
    if (!(typeof r.weight === "number" && r.weight >= 0 && r.weight <= 1)) {
      fail(fn, "INVALID_RULE", `${path}.weight must be a number in [0, 1], got ${show(r.weight)}`, `${path}.weight`);
    }
    if (typeof r.evaluate !== "function") fail(fn, "INVALID_RULE", `${path}.evaluate must be a function`, `${path}.evaluate`);
    return x as ChurnRule;
  });
}

/** Checks a rule's finding and returns its severity. */
function checkFinding(fn: string, f: unknown, k: number, id: CustomerId): number {
  if (typeof f === "object" && f !== null) {
    // The usual well-formed finding, checked without building the error texts.
    const x = f as Record<string, unknown>;
    const s = x.severity;
    if (typeof s === "number" && s >= 0 && s <= 1 && typeof x.reason === "string" && typeof x.evidence === "object" && x.evidence !== null) return s === 0 ? 0 : s;
  }
  const path = `options.rules[${k}]`;
  const where = `for customer ${show(id)}`;
  if (typeof f !== "object" || f === null) fail(fn, "INVALID_RULE", `${path} returned ${show(f)} ${where}; expected a finding or null`, path);
  const x = f as Record<string, unknown>;
  const s = x.severity;
  if (!(typeof s === "number" && s >= 0 && s <= 1)) fail(fn, "INVALID_RULE", `${path} returned severity ${show(s)} ${where}; expected a number in [0, 1]`, path);
  if (typeof x.reason !== "string") fail(fn, "INVALID_RULE", `${path} returned a reason that is not a string ${where}`, path);
  return fail(fn, "INVALID_RULE", `${path} returned evidence that is not an object ${where}`, path);
}

function cutoffs(fn: string, value: unknown): { medium: number; high: number } {
  if (value === undefined) return { medium: 0.3, high: 0.6 };
  const c = optionsBag(fn, value, ["medium", "high"] as const, "options.cutoffs");
  const medium = c.medium === undefined ? 0.3 : fraction(fn, c.medium, "options.cutoffs.medium");
  const high = c.high === undefined ? 0.6 : fraction(fn, c.high, "options.cutoffs.high");
  if (!(medium <= high)) fail(fn, "INVALID_THRESHOLDS", `options.cutoffs.medium (${medium}) must be ≤ options.cutoffs.high (${high})`, "options.cutoffs");
  return { medium, high };
}
