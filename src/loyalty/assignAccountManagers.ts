import type { CustomerId } from "../data/time.js";
import { exactSum } from "../internal/exactSum.js";
import { compareIds } from "../internal/ids.js";
import { array, boolean, count, customerId, fail, nonNegativeNumber, oneOf, optionsBag, record, show } from "../internal/validate.js";
import { formatAmount } from "./internal/format.js";
import { MinHeap } from "./internal/heap.js";

/**
 * One customer of {@link assignAccountManagers}.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const c: AccountCustomer = { customerId: 7, value: 12500, tier: "A", currentManager: "m2", region: "north", skill: "wholesale" };
 * ```
 */
export interface AccountCustomer {
  /** The customer's id, as given. */
  readonly customerId: CustomerId;
  /** What the customer is worth (revenue, CLV, margin), ≥ 0: ranks key accounts and balances load. */
  readonly value: number;
  /** The customer's tier or level, for `keyAccount.tiers`. */
  readonly tier?: string | number | null;
  /** The manager the customer has now, if any. */
  readonly currentManager?: string | number | null;
  /** The customer's region: only managers whose `regions` include it (or who list none) may take it. */
  readonly region?: string | null;
  /** A skill the customer's manager needs (a language, a product line): only managers whose `skills` include it may take the customer. */
  readonly skill?: string | null;
}

/**
 * One account manager of {@link assignAccountManagers}.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const m: AccountManager = { managerId: "m1", capacity: 40, regions: ["north", "east"], skills: ["wholesale", "german"] };
 * ```
 */
export interface AccountManager {
  /** The manager's id. */
  readonly managerId: string | number;
  /** The holding quota: the most key accounts the manager may hold, a whole number ≥ 0. */
  readonly capacity: number;
  /** False for a manager who has left or is away: their customers are reassigned. Default true. */
  readonly active?: boolean;
  /** The regions the manager covers; omitted: every region. */
  readonly regions?: readonly string[];
  /** The manager's skills, for customers with a `skill`; omitted: none (the manager takes customers who need no skill). */
  readonly skills?: readonly string[];
}

/**
 * Which customers are key accounts: give exactly one rule.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const rule: KeyAccountRule = { topN: 100 };
 * ```
 */
export interface KeyAccountRule {
  /** Customers whose `value` is at least this. */
  readonly minValue?: number;
  /** Customers whose `tier` is one of these. */
  readonly tiers?: readonly (string | number)[];
  /** The `topN` customers by value (ties by id: numbers first, then strings). */
  readonly topN?: number;
}

/**
 * Options (the rules) of {@link assignAccountManagers}.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const o: AssignAccountManagersOptions = { keyAccount: { minValue: 10000 }, keepExisting: true, balance: "value" };
 * ```
 */
export interface AssignAccountManagersOptions {
  /** Which customers are key accounts. Required. */
  keyAccount: KeyAccountRule;
  /** Keep each key account with its current manager while that manager is active, covers it and has room. Default true. */
  keepExisting?: boolean;
  /** What a manager's load is when placing customers: the `"value"` they hold (default) or the `"count"`. */
  balance?: "value" | "count";
}

/**
 * One customer's manager in an {@link AccountAssignment}.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const a: ManagerAssignment = { customerId: 7, managerId: "m2" };
 * ```
 */
export interface ManagerAssignment {
  /** The customer's id. */
  customerId: CustomerId;
  /** The manager's id. */
  managerId: string | number;
}

/**
 * A customer whose manager changed, with the reason.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const r: Reassignment = { customerId: 7, from: "m2", to: "m1", reason: "manager m2 over quota by 3" };
 * ```
 */
export interface Reassignment {
  /** The customer's id. */
  customerId: CustomerId;
  /** The manager before; `null` for a customer who had none. */
  from: string | number | null;
  /** The manager after; `null` when the customer is left without one (see `unassigned`). */
  to: string | number | null;
  /** `"manager m2 over quota by 3"`, `"manager m9 left"`, `"customer upgraded to key account"`, … */
  reason: string;
}

/**
 * A customer without a manager, with the reason.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const u: UnassignedCustomer = { customerId: 9, keyAccount: true, reason: "no manager has free capacity" };
 * ```
 */
export interface UnassignedCustomer {
  /** The customer's id. */
  customerId: CustomerId;
  /** Whether the customer is a key account (a key account here could not be placed). */
  keyAccount: boolean;
  /** `"not a key account"`, `"no manager has free capacity"`, `"no active manager covers region north"`, `"no active manager covers region north with skill german"`. */
  reason: string;
}

/**
 * One manager's load in an {@link AccountAssignment}.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const l: ManagerLoad = { managerId: "m1", active: true, capacity: 40, customers: 38, value: 412000, free: 2 };
 * ```
 */
export interface ManagerLoad {
  /** The manager's id. */
  managerId: string | number;
  /** Whether the manager is active. */
  active: boolean;
  /** The holding quota. */
  capacity: number;
  /** Key accounts held. */
  customers: number;
  /** The exact sum of their values. */
  value: number;
  /** `capacity − customers` (0 for an inactive manager). */
  free: number;
}

/**
 * The result of {@link assignAccountManagers}: plain JSON data.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const r: AccountAssignment = { assignments: [], reassignments: [], unassigned: [], managers: [] };
 * ```
 */
export interface AccountAssignment {
  /** Each key account with a manager, sorted by customer id. */
  assignments: ManagerAssignment[];
  /** Every customer whose manager changed (including new and released ones), sorted by customer id. */
  reassignments: Reassignment[];
  /** Every customer without a manager, with the reason, sorted by customer id. */
  unassigned: UnassignedCustomer[];
  /** Load per manager, sorted by manager id. */
  managers: ManagerLoad[];
}

interface Cust {
  id: CustomerId;
  value: number;
  tier: string | number | null;
  current: string | number | null;
  region: string | null;
  skill: string | null;
  key: boolean;
}

interface Mgr {
  id: string | number;
  capacity: number;
  active: boolean;
  regions: Set<string> | null;
  skills: Set<string>;
  held: Cust[];
  load: number;
}

/** A manager's state when it entered a heap. */
interface Entry {
  m: Mgr;
  load: number;
  held: number;
}

/** Least load first, then fewer customers, then manager id. */
const compareEntries = (a: Entry, b: Entry): number => a.load - b.load || a.held - b.held || compareIds(a.m.id, b.m.id);

/** Value descending, then id: the order in which customers claim places. */
const byValue = (a: Cust, b: Cust): number => b.value - a.value || compareIds(a.id, b.id);

function label(value: unknown, fn: string, path: string): string | number {
  if ((typeof value === "string" && value !== "") || (typeof value === "number" && Number.isFinite(value))) return value;
  return fail(fn, "INVALID_TYPE", `${path} must be a non-empty string or a finite number, got ${show(value)}`, path);
}

function readManagers(fn: string, value: unknown): Map<string | number, Mgr> {
  const out = new Map<string | number, Mgr>();
  array<unknown>(fn, value, "managers").forEach((raw, i) => {
    const path = `managers[${i}]`;
    const o = optionsBag(fn, raw, ["managerId", "capacity", "active", "regions", "skills"] as const satisfies readonly (keyof AccountManager)[], path);
    const id = label(o.managerId, fn, `${path}.managerId`);
    const capacity = count(fn, o.capacity, `${path}.capacity`);
    const active = o.active === undefined ? true : boolean(fn, o.active, `${path}.active`);
    const regions = o.regions === undefined ? null : new Set(array<unknown>(fn, o.regions, `${path}.regions`).map((r, k) => regionText(fn, r, `${path}.regions[${k}]`)));
    const skills = new Set(o.skills === undefined ? [] : array<unknown>(fn, o.skills, `${path}.skills`).map((r, k) => regionText(fn, r, `${path}.skills[${k}]`)));
    if (out.has(id)) fail(fn, "DUPLICATE_ID", `${path}.managerId ${show(id)} is listed twice`, `${path}.managerId`);
    out.set(id, { id, capacity, active, regions, skills, held: [], load: 0 });
  });
  return out;
}

function regionText(fn: string, value: unknown, path: string): string {
  if (typeof value === "string" && value !== "") return value;
  return fail(fn, "INVALID_TYPE", `${path} must be a non-empty string, got ${show(value)}`, path);
}

function readRule(fn: string, value: unknown): (cs: Cust[]) => void {
  if (value === undefined) fail(fn, "INVALID_OPTION", "options.keyAccount is required: { minValue }, { tiers } or { topN }", "options.keyAccount");
  const o = optionsBag(fn, value, ["minValue", "tiers", "topN"] as const satisfies readonly (keyof KeyAccountRule)[], "options.keyAccount");
  const given = (["minValue", "tiers", "topN"] as const).filter((k) => o[k] !== undefined);
  if (given.length !== 1) fail(fn, "INVALID_OPTION", `options.keyAccount must have exactly one of minValue, tiers, topN, got ${given.length === 0 ? "none" : given.join(" and ")}`, "options.keyAccount");
  if (o.minValue !== undefined) {
    const min = nonNegativeNumber(fn, o.minValue, "options.keyAccount.minValue");
    return (cs) => cs.forEach((c) => (c.key = c.value >= min));
  }
  if (o.tiers !== undefined) {
    const tiers = new Set(array<unknown>(fn, o.tiers, "options.keyAccount.tiers").map((t, i) => label(t, fn, `options.keyAccount.tiers[${i}]`)));
    return (cs) => cs.forEach((c) => (c.key = c.tier !== null && tiers.has(c.tier)));
  }
  const n = count(fn, o.topN, "options.keyAccount.topN");
  return (cs) => [...cs].sort(byValue).forEach((c, i) => (c.key = i < n));
}

/**
 * Gives key accounts a dedicated account manager within each manager's holding quota, keeping existing
 * relationships where it can, and says why each customer moved.
 *
 * Algorithm (deterministic: ties by id, so the result does not depend on row order):
 * 1. Key accounts are the customers the `keyAccount` rule selects.
 * 2. Keep (with `keepExisting`, the default): the key accounts of each active manager who covers their
 *    region stay, up to the manager's capacity, highest value first; the rest of that manager's customers
 *    move ("manager m2 over quota by 3"). Customers of a manager who is inactive or not listed move
 *    ("manager m9 is inactive", "manager m9 left"), as do those outside the manager's regions and those
 *    needing a skill the manager lacks ("manager m2 lacks skill german").
 * 3. Place: the customers to place (those that moved, and key accounts without a manager — "customer
 *    upgraded to key account") are taken by value, highest first, and each goes to the eligible manager
 *    (active, covering the customer's region and, for a customer with a `skill`, listing it in `skills`)
 *    with free capacity and the smallest load (by value or count, see `balance`; ties: fewer customers,
 *    then manager id): the greedy longest-processing-time rule of load balancing, which evens out the
 *    loads without searching all assignments.
 * 4. A key account no manager can take is listed in `unassigned` with the reason; so is every customer
 *    that is not a key account (a former key account's release is also a reassignment to `null`).
 *
 * Guarantees: no manager holds more than its capacity; every customer is assigned or listed in
 * `unassigned`; with `keepExisting`, a manager over quota by k loses exactly k customers (the lowest in
 * value), and no customer moves whose manager is active, covers it and is within quota — the fewest moves
 * any assignment within the quotas can make.
 *
 * @param customers - `{ customerId, value, tier?, currentManager?, region?, skill? }`, one per customer
 * @param managers - `{ managerId, capacity, active?, regions?, skills? }`, one per manager
 * @param options - the rules: `keyAccount` (required), `keepExisting`, `balance`; see {@link AssignAccountManagersOptions}
 * @returns the assignments, the reassignments with reasons, the unassigned customers and each manager's load
 * @throws RetentionKitError `DUPLICATE_ID` for a customer or manager listed twice, `NEGATIVE_VALUE` for a
 *   negative capacity or value (path `managers[1].capacity`), `NOT_INTEGER` for a fractional capacity,
 *   `INVALID_CUSTOMER_ID`, `INVALID_TYPE`, `INVALID_NUMBER` naming the row and field
 * @throws RetentionKitError `INVALID_OPTION` for a missing or ambiguous `keyAccount`, `UNKNOWN_OPTION` for an
 *   unknown key of `options`, of `options.keyAccount` or of a manager row
 * @category Loyalty
 * @example
 * ```ts
 * const customers = [
 *   { customerId: 1, value: 900, currentManager: "m1" },
 *   { customerId: 2, value: 700, currentManager: "m1" },
 *   { customerId: 3, value: 500, currentManager: "m1" },
 *   { customerId: 4, value: 300 },
 *   { customerId: 5, value: 50 },
 * ];
 * const managers = [{ managerId: "m1", capacity: 2 }, { managerId: "m2", capacity: 2 }];
 * const r = assignAccountManagers(customers, managers, { keyAccount: { minValue: 100 } });
 * r.reassignments;
 * // => [{ customerId: 3, from: "m1", to: "m2", reason: "manager m1 over quota by 1" }, { customerId: 4, from: null, to: "m2", reason: "customer upgraded to key account" }]
 * r.unassigned;
 * // => [{ customerId: 5, keyAccount: false, reason: "not a key account (value 50)" }]
 *
 * // Skills: a customer who needs a German speaker goes to a manager who lists "german", or waits.
 * const team = [{ managerId: "anna", capacity: 1, skills: ["german"] }, { managerId: "ben", capacity: 5 }];
 * const book = [
 *   { customerId: "k1", value: 800, skill: "german" },
 *   { customerId: "k2", value: 600, skill: "german" },
 *   { customerId: "k3", value: 400 },
 * ];
 * const s = assignAccountManagers(book, team, { keyAccount: { minValue: 100 } });
 * s.assignments;
 * // => [{ customerId: "k1", managerId: "anna" }, { customerId: "k3", managerId: "ben" }]
 * s.unassigned;
 * // => [{ customerId: "k2", keyAccount: true, reason: "no manager has free capacity" }]
 * ```
 */
export function assignAccountManagers(customers: readonly AccountCustomer[], managers: readonly AccountManager[], options: AssignAccountManagersOptions): AccountAssignment {
  const fn = "assignAccountManagers";
  const o = optionsBag(fn, options, ["keyAccount", "keepExisting", "balance"] as const satisfies readonly (keyof AssignAccountManagersOptions)[]);
  const mark = readRule(fn, o.keyAccount);
  const keep = o.keepExisting === undefined ? true : boolean(fn, o.keepExisting, "options.keepExisting");
  const balance = o.balance === undefined ? "value" : oneOf(fn, o.balance, "options.balance", ["value", "count"] as const);
  const mgrs = readManagers(fn, managers);

  const cs: Cust[] = [];
  const seen = new Set<CustomerId>();
  array<unknown>(fn, customers, "customers").forEach((raw, i) => {
    const path = `customers[${i}]`;
    const r = record(fn, raw, path);
    const id = customerId(fn, r.customerId, `${path}.customerId`);
    const value = nonNegativeNumber(fn, r.value, `${path}.value`);
    const t = r.tier;
    const tier = t === undefined || t === null ? null : label(t, fn, `${path}.tier`);
    const m = r.currentManager;
    const current = m === undefined || m === null ? null : label(m, fn, `${path}.currentManager`);
    const g = r.region;
    const region = g === undefined || g === null ? null : regionText(fn, g, `${path}.region`);
    const k = r.skill;
    const skill = k === undefined || k === null ? null : regionText(fn, k, `${path}.skill`);
    if (seen.has(id)) fail(fn, "DUPLICATE_ID", `${path}.customerId ${show(id)} is listed twice`, `${path}.customerId`);
    seen.add(id);
    cs.push({ id, value, tier, current, region, skill, key: false });
  });
  mark(cs);
  cs.sort(byValue);

  const inRegion = (m: Mgr, region: string | null): boolean => m.regions === null || (region !== null && m.regions.has(region));
  const hasSkill = (m: Mgr, skill: string | null): boolean => skill === null || m.skills.has(skill);
  const weight = (c: Cust): number => (balance === "value" ? c.value : 1);
  const moved = new Map<CustomerId, string>();
  const toPlace: Cust[] = [];
  const unassigned: UnassignedCustomer[] = [];
  const reassignments: Reassignment[] = [];

  // 1. Keep: each manager's current key accounts, by value, up to capacity.
  const claims = new Map<string | number, Cust[]>();
  for (const c of cs) {
    if (!c.key) {
      unassigned.push({ customerId: c.id, keyAccount: false, reason: `not a key account (value ${formatAmount(c.value)})` });
      if (c.current !== null) reassignments.push({ customerId: c.id, from: c.current, to: null, reason: `no longer a key account (value ${formatAmount(c.value)})` });
      continue;
    }
    if (c.current === null) {
      moved.set(c.id, "customer upgraded to key account");
      toPlace.push(c);
      continue;
    }
    const m = mgrs.get(c.current);
    const why =
      m === undefined
        ? `manager ${String(c.current)} left`
        : !m.active
          ? `manager ${String(c.current)} is inactive`
          : !inRegion(m, c.region)
            ? `manager ${String(c.current)} does not cover region ${c.region ?? "(none)"}`
            : !hasSkill(m, c.skill)
              ? `manager ${String(c.current)} lacks skill ${c.skill!}`
              : !keep
                ? "reassigned (keepExisting is false)"
                : null;
    if (why !== null) {
      moved.set(c.id, why);
      toPlace.push(c);
      continue;
    }
    const list = claims.get(m!.id);
    if (list === undefined) claims.set(m!.id, [c]);
    else list.push(c);
  }
  for (const [id, list] of claims) {
    const m = mgrs.get(id)!;
    const over = list.length - m.capacity;
    list.forEach((c, k) => {
      // list is in value order (cs was sorted): the first `capacity` stay.
      if (k < m.capacity) {
        m.held.push(c);
        m.load += weight(c);
      } else {
        moved.set(c.id, `manager ${String(id)} over quota by ${over}`);
        toPlace.push(c);
      }
    });
  }

  // 2. Place, highest value first, on the least-loaded eligible manager with room: a heap of the managers
  // who cover each (region, skill) pair met (a manager in several heaps has an entry in each; an entry whose
  // count is not the manager's current count is stale and skipped, so each placement costs O(log managers)
  // per heap).
  toPlace.sort(byValue);
  const pool = [...mgrs.values()].filter((m) => m.active).sort((a, b) => compareIds(a.id, b.id));
  const heaps = new Map<string, { heap: MinHeap<Entry>; size: number }>();
  const inHeaps = new Map<Mgr, MinHeap<Entry>[]>();
  const heapFor = (region: string | null, skill: string | null): { heap: MinHeap<Entry>; size: number } => {
    const key = JSON.stringify([region, skill]);
    let h = heaps.get(key);
    if (h === undefined) {
      const members = pool.filter((m) => inRegion(m, region) && hasSkill(m, skill));
      const heap = new MinHeap<Entry>(compareEntries);
      for (const m of members) {
        if (m.held.length < m.capacity) heap.push({ m, load: m.load, held: m.held.length });
        const list = inHeaps.get(m);
        if (list === undefined) inHeaps.set(m, [heap]);
        else list.push(heap);
      }
      h = { heap, size: members.length };
      heaps.set(key, h);
    }
    return h;
  };
  for (const c of toPlace) {
    const { heap, size } = heapFor(c.region, c.skill);
    let best: Mgr | null = null;
    while (heap.size() > 0) {
      const e = heap.peek()!;
      if (e.held !== e.m.held.length || e.m.held.length >= e.m.capacity) heap.pop();
      else {
        best = e.m;
        break;
      }
    }
    const reason = moved.get(c.id)!;
    if (best === null) {
      const where = c.region === null ? "customers without a region" : `region ${c.region}`;
      const why = size > 0 ? "no manager has free capacity" : c.skill === null ? `no active manager covers ${where}` : `no active manager covers ${where} with skill ${c.skill}`;
      unassigned.push({ customerId: c.id, keyAccount: true, reason: why });
      if (c.current !== null) reassignments.push({ customerId: c.id, from: c.current, to: null, reason: `${reason}; ${why}` });
      continue;
    }
    best.held.push(c);
    best.load += weight(c);
    if (best.held.length < best.capacity) for (const h of inHeaps.get(best)!) h.push({ m: best, load: best.load, held: best.held.length });
    if (best.id !== c.current) reassignments.push({ customerId: c.id, from: c.current, to: best.id, reason });
  }

  const assignments: ManagerAssignment[] = [];
  const loads: ManagerLoad[] = [...mgrs.values()]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((m) => {
      for (const c of m.held) assignments.push({ customerId: c.id, managerId: m.id });
      const value = exactSum(m.held.length, (k) => m.held[k]!.value);
      if (!Number.isFinite(value)) fail(fn, "OUT_OF_RANGE", `the values of manager ${show(m.id)}'s customers add up beyond the largest number; scale the values down`, "customers");
      return { managerId: m.id, active: m.active, capacity: m.capacity, customers: m.held.length, value, free: m.active ? m.capacity - m.held.length : 0 };
    });
  const byId = (a: { customerId: CustomerId }, b: { customerId: CustomerId }): number => compareIds(a.customerId, b.customerId);
  return { assignments: assignments.sort(byId), reassignments: reassignments.sort(byId), unassigned: unassigned.sort(byId), managers: loads };
}
