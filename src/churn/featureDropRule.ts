import { columnsOf, plural, RuleOptions } from "../internal/churn.js";
import type { ChurnRule } from "./types.js";

/**
 * Options of {@link featureDropRule}.
 *
 * @category Churn
 * @example
 * ```ts
 * const options: FeatureDropRuleOptions = { advancedFeatures: ["api", "reports"], advancedWeight: 3 };
 * ```
 */
export interface FeatureDropRuleOptions {
  /** Length of the recent window (asOf − recentDays, asOf], in days. Default 30. */
  recentDays?: number;
  /** Length of the baseline window just before it, in days. Default 60. */
  baselineDays?: number;
  /** Features that matter more (the "advanced" ones whose abandonment signals churn). Default none. */
  advancedFeatures?: readonly string[];
  /** How much an advanced feature counts against an ordinary one (1). Default 2. */
  advancedWeight?: number;
  /** Consider advanced features only. Default false. */
  onlyAdvanced?: boolean;
  /** Fires when at least this many features were dropped. Default 1. */
  minDropped?: number;
  /** Weight in [0, 1]. Default 0.3. */
  weight?: number;
  /** The signal's rule name. Default `"featureDrop"`. */
  name?: string;
}

/**
 * A churn rule for "they stop using advanced features": features used in the baseline window and not in
 * the recent one.
 *
 * Windows as in {@link activityDeclineRule}: recent = (asOf − R, asOf], baseline = (asOf − R − B, asOf − R].
 * A feature use is an activity event with a `feature`. Each feature weighs 1, or `advancedWeight` when
 * listed in `advancedFeatures`; severity = weight of the dropped features / weight of the baseline
 * features (1 when everything used before was dropped). Evidence: `dropped` and `droppedAdvanced`
 * (sorted names), `baselineFeatures`, `recentFeatures` (counts of distinct features).
 *
 * @param options - see {@link FeatureDropRuleOptions}
 * @returns a {@link ChurnRule}
 * @throws RetentionKitError `OUT_OF_RANGE` / `INVALID_OPTION` for bad options
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Churn
 * @example
 * ```ts
 * const use = (feature: string, day: number) => ({ type: "feature", feature, at: Date.UTC(2024, 0, day) });
 * const events = [use("reports", 20), use("export", 25), use("api", 40), use("export", 80)];
 * const [r] = detectChurnSignals([{ customerId: 1, events }], {
 *   asOf: Date.UTC(2024, 0, 90), rules: [featureDropRule({ advancedFeatures: ["api", "reports"] })],
 * });
 * [r!.signals[0]!.severity, r!.signals[0]!.reason];
 * // => [0.8, "Stopped using 2 of 3 features in the last 30 days: api, reports (advanced: api, reports)."]
 * ```
 */
export function featureDropRule(options?: FeatureDropRuleOptions): ChurnRule {
  const r = new RuleOptions("featureDropRule", options, ["recentDays", "baselineDays", "advancedFeatures", "advancedWeight", "onlyAdvanced", "minDropped", "weight", "name"] as const satisfies readonly (keyof FeatureDropRuleOptions)[]);
  const recentDays = r.positive("recentDays", 30);
  const baselineDays = r.positive("baselineDays", 60);
  const advanced = r.strings("advancedFeatures") ?? new Set<string>();
  const advancedWeight = r.positive("advancedWeight", 2);
  const onlyAdvanced = r.flag("onlyAdvanced", false);
  const minDropped = r.positive("minDropped", 1);
  return {
    name: r.name("featureDrop"),
    weight: r.weight(0.3),
    evaluate(customer, ctx) {
      const recentStart = ctx.asOf - recentDays * ctx.dayMs;
      const baselineStart = recentStart - baselineDays * ctx.dayMs;
      const { size, cols: c } = columnsOf(customer);
      // Distinct features in the two windows: a short list with flags (customers use few features;
      // a Set per customer cost more than the whole scan).
      const names: string[] = [];
      const seenBefore: boolean[] = [];
      const seenRecent: boolean[] = [];
      for (let i = size - 1; i >= 0; i--) {
        const at = c.at[i]!;
        if (at <= baselineStart) break;
        const f = c.feature[i]!;
        if (f === null || c.feedback[i] === 1 || (onlyAdvanced && !advanced.has(f))) continue;
        let k = names.indexOf(f);
        if (k < 0) {
          k = names.push(f) - 1;
          seenBefore.push(false);
          seenRecent.push(false);
        }
        if (at > recentStart) seenRecent[k] = true;
        else seenBefore[k] = true;
      }
      const dropped: string[] = [];
      let baselineFeatures = 0;
      let recentFeatures = 0;
      // Counts of baseline and dropped features, advanced and ordinary: the weights are applied once, below.
      let baseAdvanced = 0;
      let lostAdvanced = 0;
      let lostOrdinary = 0;
      for (let k = 0; k < names.length; k++) {
        if (seenRecent[k]) recentFeatures++;
        if (!seenBefore[k]) continue;
        const f = names[k]!;
        const isAdvanced = advanced.has(f);
        baselineFeatures++;
        if (isAdvanced) baseAdvanced++;
        if (!seenRecent[k]) {
          dropped.push(f);
          if (isAdvanced) lostAdvanced++;
          else lostOrdinary++;
        }
      }
      if (dropped.length === 0 || dropped.length < minDropped) return null;
      dropped.sort();
      const droppedAdvanced = dropped.filter((f) => advanced.has(f));
      const adv = droppedAdvanced.length > 0 ? ` (advanced: ${droppedAdvanced.join(", ")})` : "";
      return {
        severity: dropShare(lostAdvanced, lostOrdinary, baseAdvanced, baselineFeatures - baseAdvanced, advancedWeight),
        reason: `Stopped using ${dropped.length} of ${plural(baselineFeatures, "feature")} in the last ${plural(recentDays, "day")}: ${dropped.join(", ")}${adv}.`,
        evidence: { dropped, droppedAdvanced, baselineFeatures, recentFeatures },
      };
    },
  };
}

/**
 * (lostA·w + lostO) / (baseA·w + baseO) for counts lost ≤ base and a weight w > 0, without overflow: divided
 * through by w when w > 1 (so w up to Number.MAX_VALUE stays finite), as written otherwise (a subnormal w
 * times a count is exact). In [0, 1], since each lost count is at most its base count.
 */
function dropShare(lostA: number, lostO: number, baseA: number, baseO: number, w: number): number {
  const share = w > 1 ? (lostA + lostO / w) / (baseA + baseO / w) : (lostA * w + lostO) / (baseA * w + baseO);
  return Math.min(1, share);
}
