import { RetentionKitError } from "../data/RetentionKitError.js";
import type { ChurnModel } from "../churn/fitChurnModel.js";
import type { GammaGammaParams, ModelSpec } from "../clv/types.js";
import type { ChurnRulesConfig } from "../churn/types.js";
import type { predictionIntervals } from "../clv/predictionIntervals.js";
import type { ScoreCovariatesConfig } from "./covariateColumns.js";
import type { RfmMethod } from "../rfm/rfmScores.js";
import { DEFAULT_RFM_SEGMENTS, type RfmSegmentMap } from "../rfm/rfmSegment.js";
import { fail, show } from "../internal/validate.js";
import { resolveLoyalty, type LoyaltyConfig, type ResolvedLoyalty } from "./loyaltyConfig.js";

/**
 * The scoring configuration of {@link scoreCustomers} and {@link createScorer}: plain JSON, so a CRM can
 * store it beside its other settings. Every part is optional; `{}` scores with the documented defaults.
 * A part set to `false` is switched off (its columns are `null`). Unknown keys are refused
 * (`INVALID_CONFIG`), so a typo never silently falls back to a default.
 *
 * Defaults, as {@link ResolvedScoreConfig} records them:
 *
 * ```json
 * { "summary": { "period": "day", "unit": "week" },
 *   "rfm": { "bins": 5, "method": "quantile", "ties": "middle", "levels": "exact", "rankTies": "customerId",
 *            "segments": DEFAULT_RFM_SEGMENTS, "fallback": "Other" },
 *   "tiers": { "value": "totalAmount", "labels": ["low", "mid", "high"], "method": "quantile", "ties": "middle", "levels": "exact" },
 *   "abc": { "value": "totalAmount", "cutoffs": [0.8, 0.95], "labels": ["A", "B", "C"] },
 *   "lifecycle": { "windowDays": 90, "churnedDays": 365, "newDays": 90, "atRiskDays": 90, "declineRatio": 0.5, "growthRatio": 1.25 },
 *   "clv": { "model": "mbg-nbd", "horizon": 12, "discountRate": 0.01, "margin": 1, "penalizer": 0, "maxIterations": 200,
 *            "transactionModel": null, "spendModel": null, "method": "horizon", "intervals": false, "covariates": false },
 *   "loyalty": { "levels": false, "points": false, "managers": false } }
 * ```
 *
 * The loyalty part ({@link LoyaltyConfig}) is off unless configured: `levels` and `points` need
 * transactions (ready summaries carry no purchase dates); `managers` works on either. Each customer's
 * `level`, `pointsBalance`, `pointsExpiringSoon` and `accountManager` are those of {@link membershipLevels},
 * {@link pointsLedger} and {@link assignAccountManagers} called on the same data (see {@link ScoreRow}).
 *
 * @category Engine
 * @example
 * ```ts
 * const config: ScoreConfig = { rfm: { bins: 4 }, tiers: { value: "clv" }, clv: { horizon: 6, discountRate: 0 }, lifecycle: false };
 * ```
 * @example
 * ```ts
 * // Pareto/NBD fitted with the channel on both processes; each customer's channel from input.covariates.
 * const withCovariates: ScoreConfig = { clv: { model: "pareto-nbd", covariates: { purchase: ["channel"], attrition: ["channel"] } } };
 * createScorer(withCovariates).config.clv && createScorer(withCovariates).config.clv.covariates;
 * // => { purchase: ["channel"], attrition: ["channel"] }
 * ```
 */
export interface ScoreConfig {
  /** How transactions become summaries (see {@link summarizeTransactions}); `monetary` is always `"repeat"`, as Gamma-Gamma needs. */
  summary?: {
    /** Same-period rows merge into one purchase: `"day"` (default) or `"week"`. */
    period?: "day" | "week";
    /**
     * Unit of `recency`, `T` and the CLV model's time: `"week"` (the library's default) or `"day"`. When
     * not given it follows the data: a given `clv.transactionModel`'s `unit`, else the ready summaries'
     * `unit`; a stated unit they contradict is `UNIT_MISMATCH`.
     */
    unit?: "day" | "week";
  };
  /** RFM scores ({@link rfmScores}) of days since the last purchase, purchase periods and total spend, and the segment ({@link rfmSegment}). */
  rfm?:
    | false
    | {
        /** Scores per dimension. Default 5. */
        bins?: number;
        /** `"quantile"` (default), `"rank"` or `{ thresholds }`, as in {@link rfmScores}. */
        method?: RfmMethod;
        /** Tie rule of {@link rfmScores}. Default `"middle"`. */
        ties?: "middle" | "low" | "high";
        /** Quantile positions. Default `"exact"`. */
        levels?: "exact" | "numpy";
        /** How `"rank"` breaks ties. Default `"customerId"` (order-independent). */
        rankTies?: "input" | "customerId";
        /** The segment map. Default {@link DEFAULT_RFM_SEGMENTS}. */
        segments?: RfmSegmentMap;
        /** Segment of a score no box covers. Default `"Other"`. */
        fallback?: string;
      };
  /** Value tiers ({@link quantileTiers}). */
  tiers?:
    | false
    | {
        /** The value tiered: `"totalAmount"` (default; historic spend), `"monetaryValue"` or `"clv"` (needs the clv part; a `null` CLV counts as 0). */
        value?: "totalAmount" | "monetaryValue" | "clv";
        /** Tier labels, lowest first. Default `["low", "mid", "high"]`. */
        labels?: string[];
        /** `"quantile"` (default) or `"rank"`. */
        method?: "quantile" | "rank";
        /** Tie rule. Default `"middle"`. */
        ties?: "middle" | "low" | "high";
        /** Quantile positions. Default `"exact"`. */
        levels?: "exact" | "numpy";
      };
  /** ABC classes ({@link abcClassify}). */
  abc?:
    | false
    | {
        /** The value classified, as for tiers. Default `"totalAmount"`. */
        value?: "totalAmount" | "monetaryValue" | "clv";
        /** Cumulative value shares closing each class but the last. Default `[0.8, 0.95]`. */
        cutoffs?: number[];
        /** Class labels, most valuable first. Default `["A", "B", "C"]`. */
        labels?: string[];
      };
  /** Lifecycle stage ({@link lifecycleStage} over {@link lifecycleInputs}, read at `observationEnd`). */
  lifecycle?:
    | false
    | {
        /** Length of the recent and of the prior window, days. Default 90. */
        windowDays?: number;
        /** Default 365. */
        churnedDays?: number;
        /** Default 90. */
        newDays?: number;
        /** Default 90. */
        atRiskDays?: number;
        /** Default 0.5. */
        declineRatio?: number;
        /** Default 1.25. */
        growthRatio?: number;
      };
  /**
   * Churn risk with reasons ({@link detectChurnSignals}) over `input.activity` plus one `"purchase"` event at
   * each customer's last purchase, read at `observationEnd`. Each built-in rule is on with its own defaults
   * (`{}`), tuned with its factory's options (`name` excepted), or `false`.
   *
   * **Purchases only** (transactions or summaries, no `input.activity` or `input.renewals`): the inactivity rule at its defaults
   * (`{}`) is the data-relative one, `{ relativeTo: "customer", gapMultiple: 2, priorGaps: 2 }`
   * ({@link inactivityRule}): each customer's typical gap is their mean gap between purchase days (span of
   * purchase days / frequency) shrunk towards the base's gap, the median of that mean over repeat customers
   * (30 days when no one bought twice); a data-relative rule given without `baseGapDays` gets the same base
   * gap. On the full CDNOW cohort scored at 1997-09-30 this puts 67.7 % of the customers at high risk, 11.6 %
   * medium and 20.6 % low, with 82.9 %, 59.8 % and 33.7 % of them making no purchase to 1998-06-30, and the
   * risk score ranks that holdout churn with an AUC of 0.725 (the fixed 30-day rule: 87.6 % high, AUC
   * 0.631). `activityDecline` cannot fire on transactions only — the engine keeps each customer's summary,
   * not their purchase dates, and the data-relative inactivity already measures the fall in a customer's
   * purchase rate (the days since the last purchase against their own gap); pass purchases as events to
   * {@link detectChurnSignals} for it, or thresholds and weights from {@link calibrateChurnRules}. With
   * activity, every rule keeps its own defaults (inactivity: 30 days).
   */
  churn?:
    | false
    | {
        /**
         * The built-in rules by name ({@link ChurnRulesConfig}, e.g. the `rules` of {@link calibrateChurnRules}'
         * `config`); a missing rule is on with its defaults.
         */
        rules?: ChurnRulesConfig;
        /** Risk-level cut-offs. Default `{ medium: 0.3, high: 0.6 }`. */
        cutoffs?: { medium?: number; high?: number };
      };
  /**
   * A fitted churn model ({@link fitChurnModel}) that fills the `churnProbability` column: `{ model }`, or
   * `false` (the default: the column is `null`). Each customer's probability is
   * `scoreChurn(model, churnFeatures(transactions, { snapshotAt }).rows)` with `snapshotAt` the start of the UTC
   * day after `observationEnd` (so the end's day is history, as in every other part). The model's features
   * must be the purchase features the engine computes (`recencyDays`, `frequency`, `tenureDays`,
   * `monetaryValue`, `totalSpend`, `rfmR`, `rfmF`, `rfmM`), and `summary.period` `"day"`.
   */
  churnModel?: false | { model: ChurnModel };
  /** P(alive), expected purchases and CLV ({@link customerLifetimeValue}) from a transaction model and Gamma-Gamma spend. */
  clv?:
    | false
    | {
        /**
         * Transaction model fitted when none is given: `"mbg-nbd"` (default), `"bg-nbd"` or `"pareto-nbd"`.
         * MBG/NBD is the default because its P(alive) of a customer without a repeat purchase falls with
         * time, where BG/NBD's stays at 1 by convention — on the full CDNOW cohort that put P(alive) = 1.00
         * beside "Lost / churned / high risk" on 12,054 of 23,570 rows (0 with MBG/NBD) — at BG/NBD's cost
         * (Pareto/NBD agrees too but fits more slowly).
         */
        model?: "bg-nbd" | "mbg-nbd" | "pareto-nbd";
        /** Horizon in months (30 days or 4.345 weeks, by `summary.unit`). Default 12. */
        horizon?: number;
        /** Monthly discount rate. Default 0.01, as {@link customerLifetimeValue}'s. */
        discountRate?: number;
        /** Profit margin on spend. Default 1 (revenue). */
        margin?: number;
        /** L2 penalizer of the fits. Default 0. */
        penalizer?: number;
        /** Iteration cap of the fits. Default 200. */
        maxIterations?: number;
        /** An already fitted transaction model (e.g. `result.models.transaction` of an earlier run); `null` (default) fits one. */
        transactionModel?: Extract<ModelSpec, { model: "bg-nbd" | "mbg-nbd" | "pareto-nbd" }> | null;
        /** An already fitted Gamma-Gamma model, or a constant spend per purchase; `null` (default) fits one. */
        spendModel?: { model: "gamma-gamma"; params: GammaGammaParams } | number | null;
        /**
         * How the CLV column is valued: `"horizon"` (default) — {@link customerLifetimeValue} over `horizon`
         * months, discounted monthly at `discountRate`; or `"dert"` — margin × expected spend ×
         * {@link discountedExpectedTransactions}, the present value of all future purchases (no horizon),
         * discounted continuously at the rate equivalent to `discountRate` a month: δ = ln(1 + discountRate) /
         * month per time unit (a month of 30 days or 4.345 weeks). `"dert"` needs `discountRate` > 0.
         */
        method?: "horizon" | "dert";
        /**
         * Interval columns (`probabilityAliveLower`/`Upper`, `expectedPurchasesLower`/`Upper`, `clvLower`/`Upper`)
         * from {@link predictionIntervals} with these options (`level` 0.9, `method` "sampling", `draws` 1000,
         * `seed` 1 by default), or `false` (default): none. Not with `method: "dert"` (`INVALID_CONFIG`): the bounds are those of the horizon CLV.
         */
        intervals?: false | ScoreIntervalsConfig;
        /**
         * Per-customer covariates ({@link ScoreCovariatesConfig}): the fields that shift the purchase and
         * dropout processes of the fitted transaction model, or `false` (default): none. Each customer's values
         * come from `input.covariates` (a side table joined by customer id) or, without it, from the ready
         * summary rows' fields of those names; P(alive), expected purchases and CLV are then those of
         * {@link customerLifetimeValue} with the customer's own covariate values. A given `transactionModel`
         * fitted with covariates is scored the same way (its coefficients name the fields read; `covariates` beside
         * a given model must name the same fields, `INVALID_CONFIG` otherwise). Not with
         * `intervals` (`INVALID_CONFIG`): {@link predictionIntervals} takes no model with covariates.
         */
        covariates?: false | ScoreCovariatesConfig;
      };
  /**
   * Membership levels, points and account managers ({@link LoyaltyConfig}); each sub-part is off by default.
   * `false` switches all three off.
   */
  loyalty?: false | LoyaltyConfig;
}

/**
 * The interval options of the engine's CLV part: those of {@link predictionIntervals} that do not follow from
 * the CLV part itself (its horizon, discount rate, margin and models do).
 *
 * @category Engine
 * @example
 * ```ts
 * const intervals: ScoreIntervalsConfig = { level: 0.9, draws: 500, seed: 7 };
 * ```
 */
export interface ScoreIntervalsConfig {
  /** Nominal coverage in (0, 1). Default 0.9. */
  level?: number;
  /** `"sampling"` (default) or `"delta"`. */
  method?: "sampling" | "delta";
  /** Parameter draws of the sampling method. Default 1000. */
  draws?: number;
  /** Seed of the draws. Default 1. */
  seed?: number;
}

/**
 * A {@link ScoreConfig} with every default filled in; a switched-off part is `false`. The result of
 * {@link scoreCustomers} records it, and it is itself a valid config.
 *
 * @category Engine
 * @example
 * ```ts
 * createScorer({}).config.clv;
 * // => { model: "mbg-nbd", horizon: 12, discountRate: 0.01, margin: 1, penalizer: 0, maxIterations: 200, transactionModel: null, spendModel: null, method: "horizon", intervals: false, covariates: false }
 * ```
 */
export interface ResolvedScoreConfig {
  /** Summary options. */
  summary: { period: "day" | "week"; unit: "day" | "week" };
  /** RFM options, or `false`. */
  rfm: false | { bins: number; method: RfmMethod; ties: "middle" | "low" | "high"; levels: "exact" | "numpy"; rankTies: "input" | "customerId"; segments: RfmSegmentMap; fallback: string };
  /** Tier options, or `false`. */
  tiers: false | { value: "totalAmount" | "monetaryValue" | "clv"; labels: string[]; method: "quantile" | "rank"; ties: "middle" | "low" | "high"; levels: "exact" | "numpy" };
  /** ABC options, or `false`. */
  abc: false | { value: "totalAmount" | "monetaryValue" | "clv"; cutoffs: number[]; labels: string[] };
  /** Lifecycle options, or `false`. */
  lifecycle: false | { windowDays: number; churnedDays: number; newDays: number; atRiskDays: number; declineRatio: number; growthRatio: number };
  /** Churn options, or `false`: every rule `false` or its options as given (`{}` = the rule's defaults). */
  churn: false | { rules: Record<"inactivity" | "activityDecline" | "negativeFeedback" | "featureDrop" | "renewalRisk", false | Record<string, unknown>>; cutoffs: { medium: number; high: number } };
  /** The churn model, or `false`. */
  churnModel: false | { model: ChurnModel };
  /** CLV options, or `false`. */
  clv:
    | false
    | {
        model: "bg-nbd" | "mbg-nbd" | "pareto-nbd";
        horizon: number;
        discountRate: number;
        margin: number;
        penalizer: number;
        maxIterations: number;
        transactionModel: Extract<ModelSpec, { model: "bg-nbd" | "mbg-nbd" | "pareto-nbd" }> | null;
        spendModel: { model: "gamma-gamma"; params: GammaGammaParams } | number | null;
        method: "horizon" | "dert";
        intervals: false | ScoreIntervalsConfig;
        covariates: false | ScoreCovariatesConfig;
      };
  /** Loyalty options (each sub-part `false` when off), or `false`. */
  loyalty: false | ResolvedLoyalty;
}

/**
 * The built-in churn rules the config can tune, with the option keys each takes.
 */
export const CHURN_RULE_KEYS = {
  inactivity: ["days", "fullSeverityDays", "weight", "activityTypes", "flagNoActivity", "relativeTo", "gapMultiple", "baseGapDays", "priorGaps"],
  activityDecline: ["recentDays", "baselineDays", "minDrop", "minBaselineEvents", "weight", "activityTypes"],
  negativeFeedback: ["windowDays", "negativeScoreAtMost", "complaintTypes", "saturation", "weight"],
  featureDrop: ["recentDays", "baselineDays", "advancedFeatures", "advancedWeight", "onlyAdvanced", "minDropped", "weight"],
  renewalRisk: ["withinDays", "windowDays", "minEvents", "weight", "activityTypes"],
} as const;


const DEFAULTS = {
  summary: { period: "day", unit: "week" },
  rfm: { bins: 5, method: "quantile", ties: "middle", levels: "exact", rankTies: "customerId", segments: DEFAULT_RFM_SEGMENTS, fallback: "Other" },
  tiers: { value: "totalAmount", labels: ["low", "mid", "high"], method: "quantile", ties: "middle", levels: "exact" },
  abc: { value: "totalAmount", cutoffs: [0.8, 0.95], labels: ["A", "B", "C"] },
  lifecycle: { windowDays: 90, churnedDays: 365, newDays: 90, atRiskDays: 90, declineRatio: 0.5, growthRatio: 1.25 },
  churn: { rules: { inactivity: {}, activityDecline: {}, negativeFeedback: {}, featureDrop: {}, renewalRisk: {} }, cutoffs: { medium: 0.3, high: 0.6 } },
  churnModel: false,
  clv: { model: "mbg-nbd", horizon: 12, discountRate: 0.01, margin: 1, penalizer: 0, maxIterations: 200, transactionModel: null, spendModel: null, method: "horizon", intervals: false, covariates: false },
  loyalty: { levels: false, points: false, managers: false },
} as const;

/** A deep copy of plain JSON data, so the resolved config shares nothing with the caller's object. */
function copy<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * Checks the config's shape (parts, keys, the engine's own choices) and fills in the defaults. The values
 * passed through to the composed functions are checked by those functions (see `checkWithComposed`).
 */
export function resolveScoreConfig(fn: string, config: unknown): ResolvedScoreConfig {
  const c = config === undefined ? {} : config;
  if (!isPlainObject(c)) fail(fn, "INVALID_CONFIG", `config must be a plain object, got ${show(c)}`, "config");
  scanConfig(fn, c);
  const raw = c as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(DEFAULTS, key)) fail(fn, "INVALID_CONFIG", `config.${key} is not a config key (expected one of ${Object.keys(DEFAULTS).join(", ")})`, `config.${key}`);
  }
  const part = (name: keyof typeof DEFAULTS, canBeOff: boolean): Record<string, unknown> | false => {
    const v = raw[name];
    if (v === undefined) return copy(DEFAULTS[name]) as Record<string, unknown>;
    if (v === false && canBeOff) return false;
    if (!isPlainObject(v)) {
      fail(fn, "INVALID_CONFIG", `config.${name} must be ${canBeOff ? "false or " : ""}a plain object, got ${show(v)}`, `config.${name}`);
    }
    const given = v as Record<string, unknown>;
    const defaults = DEFAULTS[name] as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(given)) {
      if (!Object.hasOwn(defaults, key)) fail(fn, "INVALID_CONFIG", `config.${name}.${key} is not a key of config.${name} (expected one of ${Object.keys(defaults).join(", ")})`, `config.${name}.${key}`);
    }
    for (const [key, d] of Object.entries(defaults)) {
      const x = given[key];
      if (x !== undefined && !isPlainJson(x)) fail(fn, "INVALID_CONFIG", `config.${name}.${key} must be plain JSON data, got ${show(x)}`, `config.${name}.${key}`);
      out[key] = copy(x === undefined ? d : x);
    }
    return out;
  };
  const summary = part("summary", false) as Record<string, unknown>;
  const choice = (name: string, key: string, obj: Record<string, unknown> | false, allowed: readonly unknown[]): void => {
    if (obj !== false && !allowed.includes(obj[key])) {
      fail(fn, "INVALID_CONFIG", `config.${name}.${key} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${show(obj[key])}`, `config.${name}.${key}`);
    }
  };
  choice("summary", "period", summary, ["day", "week"]);
  choice("summary", "unit", summary, ["day", "week"]);
  const out: Record<string, unknown> = { summary };
  for (const name of ["rfm", "tiers", "abc", "lifecycle", "churn", "clv", "loyalty"] as const) out[name] = part(name, true);
  // The churn model part is a model, not options: kept as given (a plain-JSON copy), checked by the scorer.
  const cm = raw.churnModel;
  if (cm === undefined || cm === false) out.churnModel = false;
  else if (!isPlainObject(cm) || !isPlainJson(cm)) fail(fn, "INVALID_CONFIG", `config.churnModel must be false or { model } (plain JSON), got ${show(cm)}`, "config.churnModel");
  else out.churnModel = copy(cm);
  const churn = out.churn as Record<string, unknown> | false;
  if (churn !== false) {
    const given = raw.churn === undefined ? {} : ((raw.churn as Record<string, unknown>).rules ?? {});
    if (!isPlainObject(given)) fail(fn, "INVALID_CONFIG", `config.churn.rules must be an object, got ${show(given)}`, "config.churn.rules");
    const rules: Record<string, unknown> = {};
    for (const key of Object.keys(given)) {
      if (!Object.hasOwn(CHURN_RULE_KEYS, key)) fail(fn, "INVALID_CONFIG", `config.churn.rules.${key} is not a built-in rule (expected one of ${Object.keys(CHURN_RULE_KEYS).join(", ")})`, `config.churn.rules.${key}`);
    }
    for (const [name, keys] of Object.entries(CHURN_RULE_KEYS)) {
      const r = given[name];
      if (r === undefined) rules[name] = {};
      else if (r === false) rules[name] = false;
      else if (!isPlainObject(r)) fail(fn, "INVALID_CONFIG", `config.churn.rules.${name} must be false or an object, got ${show(r)}`, `config.churn.rules.${name}`);
      else {
        for (const key of Object.keys(r)) {
          if (!(keys as readonly string[]).includes(key)) fail(fn, "INVALID_CONFIG", `config.churn.rules.${name}.${key} is not an option of the rule (expected one of ${keys.join(", ")})`, `config.churn.rules.${name}.${key}`);
        }
        rules[name] = copy(r);
      }
    }
    churn.rules = rules;
    const cut = churn.cutoffs;
    if (!isPlainObject(cut)) fail(fn, "INVALID_CONFIG", `config.churn.cutoffs must be an object, got ${show(cut)}`, "config.churn.cutoffs");
    for (const key of Object.keys(cut)) if (key !== "medium" && key !== "high") fail(fn, "INVALID_CONFIG", `config.churn.cutoffs.${key} is not a key (expected medium, high)`, `config.churn.cutoffs.${key}`);
    churn.cutoffs = { medium: cut.medium ?? 0.3, high: cut.high ?? 0.6 };
  }
  const values = ["totalAmount", "monetaryValue", "clv"] as const;
  choice("tiers", "value", out.tiers as Record<string, unknown> | false, values);
  choice("abc", "value", out.abc as Record<string, unknown> | false, values);
  choice("clv", "model", out.clv as Record<string, unknown> | false, ["bg-nbd", "mbg-nbd", "pareto-nbd"]);
  choice("clv", "method", out.clv as Record<string, unknown> | false, ["horizon", "dert"]);
  for (const name of ["tiers", "abc"] as const) {
    const p = out[name] as Record<string, unknown> | false;
    if (p !== false && p.value === "clv" && out.clv === false) {
      fail(fn, "INVALID_CONFIG", `config.${name}.value is "clv" but config.clv is false`, `config.${name}.value`);
    }
  }
  if (out.loyalty !== false) out.loyalty = resolveLoyalty(fn, out.loyalty as Record<string, unknown>, { clv: out.clv !== false, tiers: out.tiers !== false, abc: out.abc !== false });
  return out as unknown as ResolvedScoreConfig;
}

/**
 * How deep a valid config nests: `config.rfm.segments.segments[0].boxes[0].r[0]` is a value 8 keys down,
 * the deepest the schema has. An object or array any deeper cannot be a config.
 */
export const MAX_CONFIG_DEPTH = 8;
/** Objects, arrays and values a config may hold in all (a segment map of every cell is ~1,000). */
const MAX_CONFIG_NODES = 1_000_000;
/**
 * Keys no config has at any level: the names of `Object.prototype`'s members (`toString`, `constructor`,
 * `__proto__`, …) and `prototype`. `key in obj` and `obj[key]` find the inherited member for them, so
 * a key of that name would be taken for a known one or silently ignored.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), "prototype"]);

/**
 * Walks the whole config once before it is read: refuses (INVALID_CONFIG, with the path) a cycle, nesting
 * deeper than {@link MAX_CONFIG_DEPTH}, more than {@link MAX_CONFIG_NODES} values, and own keys named like
 * `Object.prototype` members (including a `__proto__` own key made by `JSON.parse`). The depth bound keeps
 * the walk's recursion short, so no input reaches the stack limit.
 */
function scanConfig(fn: string, config: object): void {
  const ancestors: object[] = [];
  let nodes = 0;
  const visit = (v: unknown, path: string, depth: number): void => {
    if (++nodes > MAX_CONFIG_NODES) fail(fn, "INVALID_CONFIG", `config holds more than ${MAX_CONFIG_NODES} values (at ${path}); a config is small plain JSON`, path);
    if (typeof v !== "object" || v === null) return;
    if (ancestors.includes(v)) fail(fn, "INVALID_CONFIG", `${path} refers back to an object that contains it (a cycle); a config must be plain JSON data`, path);
    if (depth >= MAX_CONFIG_DEPTH) fail(fn, "INVALID_CONFIG", `${path} nests deeper than any config key (at most ${MAX_CONFIG_DEPTH} levels, as in config.rfm.segments.segments[0].boxes[0].r[0])`, path);
    ancestors.push(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) visit(v[i], `${path}[${i}]`, depth + 1);
    } else {
      for (const key of Object.keys(v)) {
        const at = `${path}.${key}`;
        if (PROTOTYPE_KEYS.has(key)) fail(fn, "INVALID_CONFIG", `${at} is not a config key: ${JSON.stringify(key)} names a built-in member of every object, and no config has it`, at);
        visit((v as Record<string, unknown>)[key], at, depth + 1);
      }
    }
    ancestors.pop();
  };
  visit(config, "config", 0);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function isPlainJson(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isPlainJson);
  if (isPlainObject(v)) return Object.values(v).every(isPlainJson);
  return false;
}

/**
 * Runs `check` (a call of a composed function on empty input with the part's options) and re-throws its
 * error as `INVALID_CONFIG` at `config.<part>.<key>`: the options are validated by the function that
 * uses them, once, with no second copy of its rules.
 */
export function checkWithComposed(fn: string, prefix: string, check: () => unknown): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof RetentionKitError)) throw e;
    const m = e.path === null ? null : /^(options|segments|transactionModel|spendModel)(.*)$/.exec(e.path);
    const path = m === null ? prefix : `${prefix}${m[1] === "options" ? "" : `.${m[1]!}`}${m[2]!}`;
    throw new RetentionKitError("INVALID_CONFIG", `${fn}: ${path} is refused (${e.code}): ${e.message}`, path);
  }
}
