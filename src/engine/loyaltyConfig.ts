// The loyalty part of the scoring config: its shape, its defaults and its closed keys. The values passed on
// to membershipLevels, pointsLedger and assignAccountManagers are checked by those functions (loyaltyColumns.ts).
import type { AccountManager, KeyAccountRule } from "../loyalty/assignAccountManagers.js";
import type { PointsPeriodCap } from "../loyalty/earningRules.js";
import type { MembershipLevel, ReviewCycle } from "../loyalty/membershipLevels.js";
import type { TimeInput } from "../data/time.js";
import { fail, show } from "../internal/validate.js";

/**
 * The loyalty part of a {@link ScoreConfig}: membership levels, points and account managers, each off
 * (`false`, the default) or configured as the public function it composes takes it.
 *
 * @category Engine
 * @example
 * ```ts
 * const loyalty: LoyaltyConfig = {
 *   levels: { levels: [{ name: "Silver", minSpend: 500, windowMonths: 12 }, { name: "Gold", minSpend: 2000, windowMonths: 12 }], reviewEvery: "quarter" },
 *   points: { pointsPerAmount: 1, expiryDays: 365 },
 *   managers: { managers: [{ managerId: "m1", capacity: 50 }], keyAccount: { tiers: ["Gold"] }, tier: "level" },
 * };
 * ```
 */
export interface LoyaltyConfig {
  /** Membership levels ({@link membershipLevels}) from the transactions, read at `observationEnd`. Needs transactions. */
  levels?:
    | false
    | {
        /**
         * The levels, lowest first, as {@link membershipLevels} takes them (one threshold and one window each;
         * `minSpend` or `minPurchases`: transactions carry no points per purchase). Required.
         */
        levels: MembershipLevel[];
        /** When downgrades are considered. Default `"year"`. */
        reviewEvery?: ReviewCycle;
        /** One review date; `null` (default): 1970-01-01, reviews on the first day of a month, quarter or year. */
        reviewAnchor?: TimeInput | null;
        /** Days a level is kept after a review found it no longer earned. Default 0. */
        graceDays?: number;
      };
  /**
   * Points ({@link pointsLedger}): each transaction is a purchase earning by these rules, plus the rows of
   * `input.pointsEvents` (earn, redeem, adjust, expire), read at `observationEnd`. Needs transactions.
   */
  points?:
    | false
    | {
        /** Points per unit of money spent. Default 1. */
        pointsPerAmount?: number;
        /** `"floor"` (default), `"round"` or `"ceil"`, per purchase. */
        rounding?: "floor" | "round" | "ceil";
        /** A purchase spending less earns nothing. Default 0. */
        minimumSpend?: number;
        /** The most points one purchase earns; `null` (default): no cap. */
        capPerPurchase?: number | null;
        /** The most points purchases earn a customer per calendar period; `null` (default): no cap. */
        capPerPeriod?: PointsPeriodCap | null;
        /** Points expire this many days after they were earned; `null` (default) with `expiry` `null`: never. */
        expiryDays?: number | null;
        /** Points expire at a calendar year end; `null` (default). */
        expiry?: { kind: "calendarYearEnd"; years?: number } | null;
        /** A redemption above the balance: `"error"` (default, INSUFFICIENT_POINTS naming the row) or `"partial"`. */
        overdraw?: "error" | "partial";
        /** The window of `pointsExpiringSoon`, days. Default 30. */
        expiringWithinDays?: number;
        /** Money one point is worth (the ledger's liability); `null` (default). */
        pointValue?: number | null;
        /**
         * Points multipliers by membership level (needs `levels`), e.g. `{ Gold: 2 }`: a purchase earns at the
         * multiplier of the level held at its time as {@link levelAt} tells it — a purchase that upgrades the
         * customer earns at the new level's; a level not named, or no level, earns × 1. `null` (default): × 1.
         */
        levelMultipliers?: Record<string, number> | null;
      };
  /**
   * Account managers ({@link assignAccountManagers}) of the scored customers, each valued by a column the
   * engine computes; current managers from `input.currentManagers`.
   */
  managers?:
    | false
    | {
        /** The managers with their holding quotas, as {@link assignAccountManagers} takes them. Required. */
        managers: AccountManager[];
        /** Which customers are key accounts: `{ minValue }`, `{ tiers }` or `{ topN }`. Required. */
        keyAccount: KeyAccountRule;
        /** Keep existing relationships where possible. Default true. */
        keepExisting?: boolean;
        /** Balance the managers' load by `"value"` (default) or `"count"`. */
        balance?: "value" | "count";
        /** Each customer's value: `"totalAmount"` (default), `"monetaryValue"` or `"clv"` (needs the clv part; a `null` CLV counts as 0). */
        value?: "totalAmount" | "monetaryValue" | "clv";
        /**
         * Each customer's tier, for `keyAccount.tiers`: the membership `"level"` (needs `levels`), the `"valueTier"`
         * (needs the tiers part) or the `"abcClass"` (needs the abc part); `null` (default): none.
         */
        tier?: "level" | "valueTier" | "abcClass" | null;
      };
}

/**
 * The loyalty part of a {@link ResolvedScoreConfig}: each sub-part `false` when off, or its options with
 * every default filled in (`null` where the option is unset).
 *
 * @category Engine
 * @example
 * ```ts
 * createScorer({ loyalty: { points: { expiryDays: 365 } } }).config.loyalty;
 * // => { levels: false, points: { pointsPerAmount: 1, rounding: "floor", minimumSpend: 0, capPerPurchase: null, capPerPeriod: null, expiryDays: 365, expiry: null, overdraw: "error", expiringWithinDays: 30, pointValue: null, levelMultipliers: null }, managers: false }
 * ```
 */
export interface ResolvedLoyalty {
  /** The levels part, or `false`. */
  levels: false | { levels: MembershipLevel[]; reviewEvery: ReviewCycle; reviewAnchor: TimeInput | null; graceDays: number };
  /** The points part, or `false`. */
  points:
    | false
    | {
        pointsPerAmount: number;
        rounding: "floor" | "round" | "ceil";
        minimumSpend: number;
        capPerPurchase: number | null;
        capPerPeriod: PointsPeriodCap | null;
        expiryDays: number | null;
        expiry: { kind: "calendarYearEnd"; years?: number } | null;
        overdraw: "error" | "partial";
        expiringWithinDays: number;
        pointValue: number | null;
        levelMultipliers: Record<string, number> | null;
      };
  /** The managers part, or `false`. */
  managers:
    | false
    | {
        managers: AccountManager[];
        keyAccount: KeyAccountRule;
        keepExisting: boolean;
        balance: "value" | "count";
        value: "totalAmount" | "monetaryValue" | "clv";
        tier: "level" | "valueTier" | "abcClass" | null;
      };
}

/** The levels part with its defaults filled in. */
export type ResolvedLevels = Exclude<ResolvedLoyalty["levels"], false>;
/** The points part with its defaults filled in. */
export type ResolvedPoints = Exclude<ResolvedLoyalty["points"], false>;
/** The managers part with its defaults filled in. */
export type ResolvedManagers = Exclude<ResolvedLoyalty["managers"], false>;

/** Each sub-part's keys and defaults; `undefined` = required. */
const SUB_DEFAULTS = {
  levels: { levels: undefined, reviewEvery: "year", reviewAnchor: null, graceDays: 0 },
  points: { pointsPerAmount: 1, rounding: "floor", minimumSpend: 0, capPerPurchase: null, capPerPeriod: null, expiryDays: null, expiry: null, overdraw: "error", expiringWithinDays: 30, pointValue: null, levelMultipliers: null },
  managers: { managers: undefined, keyAccount: undefined, keepExisting: true, balance: "value", value: "totalAmount", tier: null },
} as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Resolves `config.loyalty` (already copied, plain JSON, its own keys checked): each sub-part `false` or an
 * object of known keys, defaults filled in, and the engine's own choices (`value`, `tier`) checked against
 * the other parts.
 */
export function resolveLoyalty(fn: string, given: Record<string, unknown>, parts: { clv: boolean; tiers: boolean; abc: boolean }): ResolvedLoyalty {
  const out: Record<string, unknown> = {};
  for (const name of ["levels", "points", "managers"] as const) {
    const v = given[name];
    const path = `config.loyalty.${name}`;
    if (v === false || v === undefined) {
      out[name] = false;
      continue;
    }
    if (!isObject(v)) fail(fn, "INVALID_CONFIG", `${path} must be false or a plain object, got ${show(v)}`, path);
    const defaults = SUB_DEFAULTS[name] as Record<string, unknown>;
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(defaults, key)) fail(fn, "INVALID_CONFIG", `${path}.${key} is not a key of ${path} (expected one of ${Object.keys(defaults).join(", ")})`, `${path}.${key}`);
    }
    const part: Record<string, unknown> = {};
    for (const [key, d] of Object.entries(defaults)) {
      const x = v[key];
      if (x === undefined && d === undefined) fail(fn, "INVALID_CONFIG", `${path}.${key} is required`, `${path}.${key}`);
      part[key] = x === undefined ? d : x;
    }
    out[name] = part;
  }
  const p = out.points as Record<string, unknown> | false;
  if (p !== false && p.levelMultipliers !== null && out.levels === false) {
    fail(fn, "INVALID_CONFIG", "config.loyalty.points.levelMultipliers needs config.loyalty.levels (the levels whose multipliers they are)", "config.loyalty.points.levelMultipliers");
  }
  const m = out.managers as Record<string, unknown> | false;
  if (m !== false) {
    const values = ["totalAmount", "monetaryValue", "clv"];
    if (!values.includes(m.value as string)) fail(fn, "INVALID_CONFIG", `config.loyalty.managers.value must be one of ${values.map((s) => JSON.stringify(s)).join(", ")}, got ${show(m.value)}`, "config.loyalty.managers.value");
    if (m.value === "clv" && !parts.clv) fail(fn, "INVALID_CONFIG", 'config.loyalty.managers.value is "clv" but config.clv is false', "config.loyalty.managers.value");
    const tiers = [null, "level", "valueTier", "abcClass"];
    if (!tiers.includes(m.tier as string | null)) fail(fn, "INVALID_CONFIG", `config.loyalty.managers.tier must be null or one of "level", "valueTier", "abcClass", got ${show(m.tier)}`, "config.loyalty.managers.tier");
    const needs = { level: ["config.loyalty.levels", out.levels !== false], valueTier: ["config.tiers", parts.tiers], abcClass: ["config.abc", parts.abc] } as const;
    if (m.tier !== null) {
      const [part, on] = needs[m.tier as keyof typeof needs];
      if (!on) fail(fn, "INVALID_CONFIG", `config.loyalty.managers.tier is ${JSON.stringify(m.tier)} but ${part} is false`, "config.loyalty.managers.tier");
    }
  }
  return out as unknown as ResolvedLoyalty;
}
