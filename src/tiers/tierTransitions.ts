import type { CustomerId } from "../data/time.js";
import { compareIds } from "../internal/ids.js";
import { array, customerId, fail, optionsBag, record, show } from "../internal/validate.js";

/**
 * One customer's tier in a classification, the input of {@link tierTransitions}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const row: TierAssignment = { customerId: 1, tier: "mid" };
 * ```
 */
export interface TierAssignment {
  /** The customer's id. */
  readonly customerId: CustomerId;
  /** The tier label (a string, or a number such as an RFM total). */
  readonly tier: string | number;
}

/**
 * Options of {@link tierTransitions}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const o: TierTransitionOptions = { order: ["bronze", "silver", "gold"] };
 * ```
 */
export interface TierTransitionOptions {
  /**
   * Every tier, from lowest to highest: what makes a move an upgrade. Default: inferred when the tiers
   * are all numbers (ascending), all of `low` / `mid` / `high`, all of `C` / `B` / `A`, or the stages of
   * {@link lifecycleStage} (churned < at-risk < new < growing < mature); otherwise required.
   */
  order?: readonly (string | number)[];
}

/**
 * A customer who changed tier.
 *
 * @category Tiers
 * @example
 * ```ts
 * const m: TierMove = { customerId: 1, from: "mid", to: "high" };
 * ```
 */
export interface TierMove {
  /** The customer's id. */
  customerId: CustomerId;
  /** Tier before; `null` for an entry. */
  from: string | number | null;
  /** Tier after; `null` for an exit. */
  to: string | number | null;
}

/**
 * The result of {@link tierTransitions}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const t: TierTransitionResult = { tiers: ["low", "high"], matrix: [[1, 0], [0, 1]], upgrades: [], downgrades: [], entries: [], exits: [], unchanged: 2 };
 * ```
 */
export interface TierTransitionResult {
  /** The tiers, lowest first: the rows and columns of `matrix`. */
  tiers: (string | number)[];
  /** `matrix[i][j]`: customers in `tiers[i]` before and `tiers[j]` after (customers in both classifications). */
  matrix: number[][];
  /** Customers who moved to a higher tier, sorted by id. */
  upgrades: TierMove[];
  /** Customers who moved to a lower tier, sorted by id. */
  downgrades: TierMove[];
  /** Customers only in `after` (`from: null`), sorted by id. */
  entries: TierMove[];
  /** Customers only in `before` (`to: null`), sorted by id. */
  exits: TierMove[];
  /** Customers in the same tier in both. */
  unchanged: number;
}

const KNOWN_ORDERS: readonly (readonly string[])[] = [
  ["low", "mid", "high"],
  ["C", "B", "A"],
  ["churned", "at-risk", "new", "growing", "mature"],
];

/**
 * Compares two classifications of the same customers (say value tiers last quarter and now) and lists who
 * moved: the transition matrix, upgrades, downgrades, entries (new in `after`) and exits (gone from
 * `after`). Lists are sorted by customer id (numbers first), so the result does not depend on input order.
 *
 * @param before - rows `{ customerId, tier }`, one per customer
 * @param after - rows `{ customerId, tier }`, one per customer
 * @param options - see {@link TierTransitionOptions}
 * @returns the matrix, the moves and the count of unchanged customers
 * @throws RetentionKitError `DUPLICATE_ID` for a customer listed twice in one classification (path
 *   `after[3].customerId`), `UNKNOWN_LABEL` for a tier not in `options.order` (path `before[2].tier`),
 *   `INVALID_OPTION` when the order cannot be inferred or repeats a tier, `INVALID_CUSTOMER_ID`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Tiers
 * @example
 * ```ts
 * const q1 = [{ customerId: 1, tier: "low" }, { customerId: 2, tier: "high" }, { customerId: 3, tier: "mid" }];
 * const q2 = [{ customerId: 1, tier: "mid" }, { customerId: 2, tier: "mid" }, { customerId: 4, tier: "low" }];
 * const t = tierTransitions(q1, q2);
 * t.upgrades;
 * // => [{ customerId: 1, from: "low", to: "mid" }]
 * t.downgrades;
 * // => [{ customerId: 2, from: "high", to: "mid" }]
 * [t.entries.length, t.exits.length, t.unchanged];
 * // => [1, 1, 0]
 * ```
 */
export function tierTransitions(before: readonly TierAssignment[], after: readonly TierAssignment[], options?: TierTransitionOptions): TierTransitionResult {
  const fn = "tierTransitions";
  const o = optionsBag(fn, options, ["order"] as const satisfies readonly (keyof TierTransitionOptions)[]);
  const a = readTiers(fn, before, "before");
  const b = readTiers(fn, after, "after");
  const order = o.order === undefined ? inferOrder(fn, a, b) : orderList(fn, o.order);
  const rank = new Map<string | number, number>(order.map((t, i) => [t, i]));
  for (const [arg, m] of [["before", a], ["after", b]] as const) {
    for (const { tier, index } of m.values()) {
      if (!rank.has(tier)) fail(fn, "UNKNOWN_LABEL", `${arg}[${index}].tier ${show(tier)} is not in options.order`, `${arg}[${index}].tier`);
    }
  }
  const k = order.length;
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const upgrades: TierMove[] = [];
  const downgrades: TierMove[] = [];
  const entries: TierMove[] = [];
  const exits: TierMove[] = [];
  let unchanged = 0;
  for (const [id, { tier: from }] of a) {
    const next = b.get(id);
    if (next === undefined) {
      exits.push({ customerId: id, from, to: null });
      continue;
    }
    const i = rank.get(from)!;
    const j = rank.get(next.tier)!;
    matrix[i]![j]!++;
    if (j > i) upgrades.push({ customerId: id, from, to: next.tier });
    else if (j < i) downgrades.push({ customerId: id, from, to: next.tier });
    else unchanged++;
  }
  for (const [id, { tier }] of b) if (!a.has(id)) entries.push({ customerId: id, from: null, to: tier });
  const byId = (x: TierMove, y: TierMove): number => compareIds(x.customerId, y.customerId);
  return { tiers: order, matrix, upgrades: upgrades.sort(byId), downgrades: downgrades.sort(byId), entries: entries.sort(byId), exits: exits.sort(byId), unchanged };
}

function readTiers(fn: string, rows: unknown, arg: string): Map<CustomerId, { tier: string | number; index: number }> {
  const out = new Map<CustomerId, { tier: string | number; index: number }>();
  array<unknown>(fn, rows, arg).forEach((row, i) => {
    const r = record(fn, row, `${arg}[${i}]`);
    const id = customerId(fn, r.customerId, `${arg}[${i}].customerId`);
    const tier = r.tier;
    if (!((typeof tier === "string" && tier !== "") || (typeof tier === "number" && Number.isFinite(tier)))) {
      fail(fn, "INVALID_TYPE", `${arg}[${i}].tier must be a non-empty string or a finite number, got ${show(tier)}`, `${arg}[${i}].tier`);
    }
    if (out.has(id)) fail(fn, "DUPLICATE_ID", `${arg}[${i}].customerId ${show(id)} is listed twice`, `${arg}[${i}].customerId`);
    out.set(id, { tier, index: i });
  });
  return out;
}

function orderList(fn: string, value: unknown): (string | number)[] {
  if (!Array.isArray(value) || value.length === 0) return fail(fn, "INVALID_OPTION", `options.order must be a non-empty array of tiers, got ${show(value)}`, "options.order");
  const seen = new Set<unknown>();
  // Array.from reads holes as undefined, which the check refuses (forEach would skip them).
  Array.from(value as unknown[]).forEach((t: unknown, i) => {
    if (!((typeof t === "string" && t !== "") || (typeof t === "number" && Number.isFinite(t)))) {
      fail(fn, "INVALID_OPTION", `options.order[${i}] must be a non-empty string or a finite number, got ${show(t)}`, `options.order[${i}]`);
    }
    if (seen.has(t)) fail(fn, "INVALID_OPTION", `options.order repeats ${show(t)}`, `options.order[${i}]`);
    seen.add(t);
  });
  return [...(value as (string | number)[])];
}

function inferOrder(fn: string, ...maps: Map<CustomerId, { tier: string | number }>[]): (string | number)[] {
  const tiers = new Set<string | number>();
  for (const m of maps) for (const { tier } of m.values()) tiers.add(tier);
  const list = [...tiers];
  if (list.every((t) => typeof t === "number")) return (list as number[]).sort((x, y) => x - y);
  for (const known of KNOWN_ORDERS) if (list.every((t) => known.includes(t as string))) return [...known];
  return fail(fn, "INVALID_OPTION", `options.order is required to rank the tiers ${list.slice(0, 5).map((t) => show(t)).join(", ")}`, "options.order");
}
