import type { AsOfTime } from "../data/time.js";
import { activityGaps, churnContext, DEFAULT_PRIOR_GAPS, Preparer, relativeInactivity, type RelativeInactivity } from "../internal/churn.js";
import { medianOfSorted } from "../internal/median.js";
import { requiredAsOf } from "../internal/time.js";
import { array, boolean, fail, nonNegativeNumber, numberInRange, optionsBag, show } from "../internal/validate.js";
import type { CustomerId } from "../data/time.js";
import { activityDeclineRule } from "./activityDeclineRule.js";
import { evaluateClassifier } from "./evaluateClassifier.js";
import { featureDropRule } from "./featureDropRule.js";
import { negativeFeedbackRule } from "./negativeFeedbackRule.js";
import { renewalRiskRule } from "./renewalRiskRule.js";
import type { ChurnRule, ChurnRulesConfig, CustomerActivity, RiskLevel } from "./types.js";

/**
 * Options of {@link calibrateChurnRules}.
 *
 * `asOf`: the snapshot instant the labels look forward from (events after it are ignored). Required;
 * `observationEnd` is accepted as its exact synonym.
 *
 * @category Churn
 * @example
 * ```ts
 * const options: CalibrateChurnRulesOptions = { asOf: "1997-09-30", gapMultiples: [1, 2, 3], priorGaps: 2 };
 * ```
 */
export type CalibrateChurnRulesOptions = AsOfTime & {
  /** Candidate `gapMultiple`s of the data-relative inactivity rule, each > 0 (at most 100). Default `[1, 1.5, 2, 3, 4, 6]`. */
  gapMultiples?: readonly number[];
  /** Candidate `minDrop`s of the activity-decline rule, each in (0, 1] (at most 100). Default `[0.25, 0.5, 0.75]`. */
  minDrops?: readonly number[];
  /** The inactivity rule's `priorGaps` (shrinkage towards the base's gap), ≥ 0. Default 2. */
  priorGaps?: number;
  /** Level of the AUC's DeLong interval in the evaluation, in (0, 1). Default 0.95. */
  confidence?: number;
};

/**
 * One candidate setting of one rule, as {@link calibrateChurnRules} scored it.
 *
 * @category Churn
 * @example
 * ```ts
 * const c: ChurnRuleCandidate = { rule: "inactivity", option: "gapMultiple", value: 2, fired: 120, churnRate: 0.8, youdenJ: 0.41, chosen: true };
 * ```
 */
export interface ChurnRuleCandidate {
  /** The rule's name. */
  rule: string;
  /** The option tried (`"gapMultiple"`, `"minDrop"`), or `null` for a rule tried at its defaults. */
  option: string | null;
  /** The option's value, or `null`. */
  value: number | null;
  /** Customers the rule fires for at this setting. */
  fired: number;
  /** Share of them who churned; `null` when it fires for nobody. */
  churnRate: number | null;
  /** Youden's J of "the rule fires" as a churn test: true-positive rate − false-positive rate. */
  youdenJ: number;
  /** Whether this setting was kept. */
  chosen: boolean;
}

/**
 * Customers and churn per risk level of a calibrated configuration.
 *
 * @category Churn
 * @example
 * ```ts
 * const l: ChurnLevelShare = { level: "high", customers: 160, share: 0.68, churned: 133, churnRate: 0.83 };
 * ```
 */
export interface ChurnLevelShare {
  /** The risk level. */
  level: RiskLevel;
  /** Customers at this level. */
  customers: number;
  /** customers / all customers. */
  share: number;
  /** Of them, how many churned. */
  churned: number;
  /** churned / customers; `null` for an empty level. */
  churnRate: number | null;
}

/**
 * The result of {@link calibrateChurnRules}: a plain-JSON rule configuration and how well it separates the
 * labelled history.
 *
 * @category Churn
 * @example
 * ```ts
 * const c: ChurnCalibration = {
 *   config: { rules: { inactivity: { relativeTo: "customer", gapMultiple: 2, baseGapDays: 48, priorGaps: 2, weight: 0.5 },
 *     activityDecline: false, negativeFeedback: false, featureDrop: false, renewalRisk: false }, cutoffs: { medium: 0.25, high: 0.4 } },
 *   baseGapDays: 48, customers: 200, churnRate: 0.7, candidates: [],
 *   evaluation: { auc: 0.72, aucLower: 0.65, aucUpper: 0.79, levels: [] },
 * };
 * ```
 */
export interface ChurnCalibration {
  /**
   * The rules and cut-offs: pass as `{ asOf, ...config }` to {@link detectChurnSignals}, or as
   * `config.churn` to the engine. Every built-in rule is listed, `false` when it was not kept.
   */
  config: { rules: Required<ChurnRulesConfig>; cutoffs: { medium: number; high: number } };
  /** The base's typical gap between activity days: the median of the mean gaps of customers active on ≥ 2 days, in days. */
  baseGapDays: number;
  /** Customers calibrated on. */
  customers: number;
  /** Share of them who churned. */
  churnRate: number;
  /** Every setting tried, in the order tried. */
  candidates: ChurnRuleCandidate[];
  /** The calibrated risk score against the labels, on the same customers (an in-sample figure). */
  evaluation: {
    /** ROC AUC of the risk score ({@link evaluateClassifier}); `null` when undefined. */
    auc: number | null;
    /** Lower end of its DeLong interval, or `null`. */
    aucLower: number | null;
    /** Upper end of its DeLong interval, or `null`. */
    aucUpper: number | null;
    /** Customers and churn per level, high first. */
    levels: ChurnLevelShare[];
  };
}

const FN = "calibrateChurnRules";
const KEYS = ["asOf", "observationEnd", "gapMultiples", "minDrops", "priorGaps", "confidence"] as const satisfies readonly (keyof CalibrateChurnRulesOptions)[];
const OTHER_RULES = ["negativeFeedback", "featureDrop", "renewalRisk"] as const;
const OTHER_FACTORIES: Record<(typeof OTHER_RULES)[number], () => ChurnRule> = { negativeFeedback: negativeFeedbackRule, featureDrop: featureDropRule, renewalRisk: renewalRiskRule };

/**
 * Picks churn-rule thresholds, weights and risk-level cut-offs from labelled history: customers' events
 * up to a snapshot `asOf`, and for each whether they churned in the window after it (e.g. no purchase in a
 * holdout period — build the label from events after `asOf` only, and the rules see nothing after it).
 *
 * 1. **Base gap.** G = the median, over customers active on at least two distinct days, of their mean gap
 *    (first to last activity day) / (activity days − 1). It becomes the inactivity rule's `baseGapDays`.
 * 2. **Thresholds.** Each candidate setting is scored by Youden's J = TPR − FPR of "the rule fires" as a
 *    test for churn; the best J is kept (ties: the first tried), and a rule whose best J is ≤ 0 is turned off.
 *    Inactivity is the data-relative rule (`relativeTo: "customer"`, `priorGaps`) with `gapMultiple` from
 *    `gapMultiples`; activity decline tries `minDrops`; negative feedback, feature drop and renewal risk run
 *    at their defaults.
 * 3. **Weights.** For the kept rules, w = (p₁ − p₀) / (1 − p₀), clipped to [0, 1] and rounded to 3 decimals:
 *    p₁ the churn rate where the rule fires, p₀ the rate where no kept rule fires (0 if every customer has a
 *    signal) — Cheng's "causal power", the weight under which the noisy-or risk of
 *    {@link detectChurnSignals} reproduces p₁ for a full-severity signal. A weight of 0 turns the rule off.
 * 4. **Cut-offs.** `medium` is the risk score c > 0 maximising Youden's J of riskScore ≥ c over all
 *    customers (the best "at risk or not" split); `high` maximises it again among the customers at or above
 *    `medium` (the most overdue of them; ties: the higher c). Without a split of J > 0, `medium` is 1 and
 *    `high` is `medium`.
 *
 * The evaluation scores the same customers with the calibrated rules (AUC with its DeLong interval, shares
 * per level): in-sample figures — check them on a later snapshot. Deterministic, and the same for any order
 * of customers (with their labels).
 *
 * @param customers - `{ customerId, events, renewalAt? }` per customer, as for {@link detectChurnSignals}; ids unique
 * @param labels - `labels[i]` is true when `customers[i]` churned in the window after `asOf`
 * @param options - see {@link CalibrateChurnRulesOptions}; `asOf` is required
 * @returns the configuration, the base gap, every candidate's score and the evaluation
 * @throws RetentionKitError `INVALID_INPUT` (`labels`) when labels and customers differ in length;
 *   `INVALID_TYPE` for a label that is not a boolean; `INSUFFICIENT_DATA` without both churners and
 *   stayers, or without a customer active on two days; the errors of {@link detectChurnSignals} for the customers
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options`; `OUT_OF_RANGE` / `INVALID_OPTION`
 *   for a bad candidate list
 * @category Churn
 * @example
 * ```ts
 * const buy = (id: number, ...days: number[]) => ({ customerId: id, events: days.map((d) => ({ type: "purchase", at: Date.UTC(2024, 0, d) })) });
 * const customers = [buy(1, 1, 11, 21, 91), buy(2, 1, 31, 61, 91), buy(3, 1, 11), buy(4, 1, 21), buy(5, 1, 6, 11, 16), buy(6, 1, 81)];
 * const labels = [false, false, true, true, true, false];
 * const c = calibrateChurnRules(customers, labels, { asOf: Date.UTC(2024, 0, 100) });
 * [c.baseGapDays, c.config.rules.inactivity, c.config.cutoffs, c.evaluation.auc];
 * // => [25, { relativeTo: "customer", gapMultiple: 1, baseGapDays: 25, priorGaps: 2, weight: 1 }, { medium: 1, high: 1 }, 1]
 * ```
 */
export function calibrateChurnRules(customers: readonly CustomerActivity[], labels: readonly boolean[], options: CalibrateChurnRulesOptions): ChurnCalibration {
  const o = optionsBag(FN, options, KEYS);
  const asOf = requiredAsOf(FN, o, "asOf");
  const gapMultiples = grid(o.gapMultiples, "gapMultiples", [1, 1.5, 2, 3, 4, 6], false);
  const minDrops = grid(o.minDrops, "minDrops", [0.25, 0.5, 0.75], true);
  const priorGaps = o.priorGaps === undefined ? DEFAULT_PRIOR_GAPS : nonNegativeNumber(FN, o.priorGaps, "options.priorGaps", "OUT_OF_RANGE");
  const confidence = o.confidence === undefined ? 0.95 : numberInRange(FN, o.confidence, "options.confidence", 0, 1, { loOpen: true, hiOpen: true });
  const list = array<unknown>(FN, customers, "customers");
  const ys = array<unknown>(FN, labels, "labels");
  const n = list.length;
  if (ys.length !== n) fail(FN, "INVALID_INPUT", `labels must have one entry per customer (${n}), got ${ys.length}: labels[i] says whether customers[i] churned`, "labels");
  const y = new Uint8Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    y[i] = boolean(FN, ys[i], `labels[${i}]`) ? 1 : 0;
    positives += y[i]!;
  }
  if (positives === 0 || positives === n) fail(FN, "INSUFFICIENT_DATA", `labels must hold both churners and stayers, got ${positives} churners of ${n}`, "labels");

  // One pass over the customers: what inactivity needs, and the other rules' severities.
  const ctx = churnContext(asOf);
  const preparer = new Preparer(FN, asOf);
  const seen = new Set<CustomerId>();
  const last = new Float64Array(n).fill(Number.NaN);
  const span = new Float64Array(n);
  const gaps = new Float64Array(n);
  const decline = new Float64Array(n);
  const others = OTHER_RULES.map(() => new Float64Array(n));
  const declineRule = activityDeclineRule({ minDrop: Math.min(...minDrops) });
  const otherRules = OTHER_RULES.map((name) => OTHER_FACTORIES[name]());
  for (let i = 0; i < n; i++) {
    const c = preparer.prepare(list[i], i);
    if (seen.has(c.customerId)) fail(FN, "DUPLICATE_ID", `customers[${i}].customerId ${show(c.customerId)} appears twice`, `customers[${i}].customerId`);
    seen.add(c.customerId);
    const times = c.activityTimes;
    if (times.length > 0) {
      last[i] = times[times.length - 1]!;
      const h = activityGaps(times);
      span[i] = h.spanDays;
      gaps[i] = h.gaps;
    }
    decline[i] = declineRule.evaluate(c, ctx)?.severity ?? 0;
    otherRules.forEach((r, k) => (others[k]![i] = r.evaluate(c, ctx)?.severity ?? 0));
  }
  const meanGaps: number[] = [];
  for (let i = 0; i < n; i++) if (gaps[i]! > 0) meanGaps.push(span[i]! / gaps[i]!);
  if (meanGaps.length === 0) fail(FN, "INSUFFICIENT_DATA", "no customer is active on two distinct days up to asOf, so there is no gap between activity days to measure inactivity against", "customers");
  meanGaps.sort((a, b) => a - b);
  const baseGapDays = medianOfSorted(meanGaps);

  const candidates: ChurnRuleCandidate[] = [];
  const inactivitySeverity = (rel: RelativeInactivity): Float64Array => {
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) s[i] = Number.isNaN(last[i]!) ? 1 : (relativeInactivity(rel, span[i]!, gaps[i]!, last[i]!, asOf)?.severity ?? 0);
    return s;
  };
  // Each rule: the severities of its best setting, or null when no setting has J > 0.
  const pick = (rule: string, option: string | null, values: readonly (number | null)[], severities: (v: number | null) => Float64Array): { value: number | null; s: Float64Array } | null => {
    let best: { value: number | null; s: Float64Array; j: number; at: number } | null = null;
    for (const v of values) {
      const s = severities(v);
      const t = tally(s, y);
      candidates.push({ rule, option, value: v, fired: t.fired, churnRate: t.fired === 0 ? null : t.tp / t.fired, youdenJ: t.j, chosen: false });
      if (t.j > 0 && (best === null || t.j > best.j)) best = { value: v, s, j: t.j, at: candidates.length - 1 };
    }
    if (best === null) return null;
    candidates[best.at]!.chosen = true;
    return best;
  };
  const relOf = (g: number): RelativeInactivity => ({ relativeTo: "customer", gapMultiple: g, baseGapDays, priorGaps });
  const inactivity = pick("inactivity", "gapMultiple", gapMultiples, (g) => inactivitySeverity(relOf(g!)));
  const declined = pick("activityDecline", "minDrop", minDrops, (d) => decline.map((s) => (s >= d! ? s : 0)));
  const other = OTHER_RULES.map((name, k) => pick(name, null, [null], () => others[k]!));

  // Weights by causal power against the customers without any kept signal.
  const kept = [inactivity, declined, ...other];
  let quiet = 0;
  let quietChurned = 0;
  for (let i = 0; i < n; i++) {
    if (kept.every((r) => r === null || r.s[i] === 0)) {
      quiet++;
      quietChurned += y[i]!;
    }
  }
  const p0 = quiet === 0 ? 0 : quietChurned / quiet;
  const weights = kept.map((r) => {
    if (r === null || p0 === 1) return 0;
    const t = tally(r.s, y);
    return Math.round(Math.min(1, Math.max(0, (t.tp / t.fired - p0) / (1 - p0))) * 1000) / 1000;
  });

  // The risk scores as detectChurnSignals computes them, rules in its fixed order.
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let stay = 1;
    kept.forEach((r, k) => {
      const s = r === null ? 0 : r.s[i]!;
      if (weights[k]! > 0 && s !== 0) stay *= 1 - weights[k]! * s;
    });
    risk[i] = Math.min(1, Math.max(0, 1 - stay));
  }
  const medium = youdenCut(risk, y, 0) ?? 1;
  const high = youdenCut(risk, y, medium) ?? medium;

  const rules: Required<ChurnRulesConfig> = {
    inactivity: inactivity === null || weights[0] === 0 ? false : { relativeTo: "customer", gapMultiple: inactivity.value!, baseGapDays, priorGaps, weight: weights[0]! },
    activityDecline: declined === null || weights[1] === 0 ? false : { minDrop: declined.value!, weight: weights[1]! },
    negativeFeedback: weights[2] === 0 ? false : { weight: weights[2]! },
    featureDrop: weights[3] === 0 ? false : { weight: weights[3]! },
    renewalRisk: weights[4] === 0 ? false : { weight: weights[4]! },
  };
  const scored = Array.from(risk, (score, i) => ({ score, outcome: y[i] === 1 }));
  const ev = evaluateClassifier(scored, { confidence });
  const levels: ChurnLevelShare[] = (["high", "medium", "low"] as const).map((level) => {
    let count = 0;
    let churned = 0;
    for (let i = 0; i < n; i++) {
      const r = risk[i]!;
      if ((r >= high ? "high" : r >= medium ? "medium" : "low") === level) {
        count++;
        churned += y[i]!;
      }
    }
    return { level, customers: count, share: count / n, churned, churnRate: count === 0 ? null : churned / count };
  });
  return {
    config: { rules, cutoffs: { medium, high } },
    baseGapDays,
    customers: n,
    churnRate: positives / n,
    candidates,
    evaluation: { auc: ev.auc, aucLower: ev.aucLower, aucUpper: ev.aucUpper, levels },
  };
}

/** A candidate list: given (each > 0, fractions ≤ 1 when `fractions`), sorted and without repeats; or the default. */
function grid(value: unknown, key: string, fallback: readonly number[], fractions: boolean): number[] {
  if (value === undefined) return [...fallback];
  const list = array<unknown>(FN, value, `options.${key}`);
  if (list.length === 0 || list.length > 100) fail(FN, "OUT_OF_RANGE", `options.${key} must list 1 to 100 candidates, got ${list.length}`, `options.${key}`);
  const out = list.map((v, j) => numberInRange(FN, v, `options.${key}[${j}]`, 0, fractions ? 1 : Number.MAX_VALUE, { loOpen: true }));
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Fired count, true positives among them, and Youden's J of "severity > 0" against the labels. */
function tally(s: Float64Array, y: Uint8Array): { fired: number; tp: number; j: number } {
  let fired = 0;
  let tp = 0;
  let pos = 0;
  for (let i = 0; i < s.length; i++) {
    pos += y[i]!;
    if (s[i]! > 0) {
      fired++;
      tp += y[i]!;
    }
  }
  const neg = s.length - pos;
  return { fired, tp, j: tp / pos - (fired - tp) / neg };
}

/**
 * The score c > 0 maximising Youden's J of "risk ≥ c" among the customers with risk ≥ `from` (ties: the
 * higher c), or null without a split of J > 0.
 */
function youdenCut(risk: Float64Array, y: Uint8Array, from: number): number | null {
  const idx: number[] = [];
  let pos = 0;
  for (let i = 0; i < risk.length; i++) {
    if (risk[i]! >= from) {
      idx.push(i);
      pos += y[i]!;
    }
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return null;
  idx.sort((a, b) => risk[b]! - risk[a]!);
  let best: number | null = null;
  let bestJ = 0;
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    tp += y[i]!;
    fp += 1 - y[i]!;
    const r = risk[i]!;
    if (r <= 0) break;
    if (k + 1 < idx.length && risk[idx[k + 1]!]! === r) continue; // the whole tie is on one side
    const j = tp / pos - fp / neg;
    if (j > bestJ) {
      bestJ = j;
      best = r;
    }
  }
  return best;
}
