// The loyalty columns of the scorer: membership level, points balance and account manager per customer,
// each the answer of the public function it composes (membershipLevels, pointsLedger, assignAccountManagers)
// on the engine's own data.
import { RetentionKitError } from "../data/RetentionKitError.js";
import type { CustomerId } from "../data/time.js";
import { assignAccountManagers, type AccountCustomer } from "../loyalty/assignAccountManagers.js";
import { membershipLevels, type MemberLevels, type MembershipLevelsOptions } from "../loyalty/membershipLevels.js";
import type { PointsLevel } from "../loyalty/earningRules.js";
import { pointsLedger, type PointsEvent, type PointsPurchase, type PointsRules } from "../loyalty/pointsLedger.js";
import { customerId, fail, iterable, record, show } from "../internal/validate.js";
import type { ResolvedLevels, ResolvedLoyalty, ResolvedManagers, ResolvedPoints } from "./loyaltyConfig.js";

/** The transactions the loyalty part reads, as the engine validated them (a missing amount is 0). */
export interface KeptPurchases {
  customerId: CustomerId[];
  at: number[];
  amount: number[];
}

/** The loyalty columns, in the engine's customer order; `null` for a sub-part that is off. */
export interface LoyaltyColumns {
  level: (string | null)[] | null;
  pointsBalance: number[] | null;
  pointsExpiringSoon: number[] | null;
  accountManager: (string | number | null)[] | null;
}

/** The instant as an ISO string: a time in early 1970 must not be taken for epoch seconds. */
function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function levelOptions(l: ResolvedLevels, asOf: number): MembershipLevelsOptions {
  const o: MembershipLevelsOptions = { asOf: iso(asOf), reviewEvery: l.reviewEvery, graceDays: l.graceDays };
  return l.reviewAnchor === null ? o : { ...o, reviewAnchor: l.reviewAnchor };
}

export function pointsRules(p: ResolvedPoints, asOf: number): PointsRules {
  const r: Record<string, unknown> = { asOf: iso(asOf) };
  for (const [key, v] of Object.entries(p)) if (v !== null) r[key] = v;
  return r as PointsRules;
}

/**
 * The level history of {@link membershipLevels} as the `levelMultipliers` and `levelOf` of
 * {@link pointsLedger}: one `levelOf` row per level change, a level without a multiplier (and no level,
 * under a name no level has) at × 1.
 */
export function levelEarning(multipliers: Readonly<Record<string, number>>, levels: readonly string[], members: readonly MemberLevels[]): { levelMultipliers: Record<string, number>; levelOf: PointsLevel[] } {
  let none = "(no level)";
  while (levels.includes(none)) none += "'";
  const levelMultipliers: Record<string, number> = { [none]: 1 };
  for (const name of levels) levelMultipliers[name] = multipliers[name] ?? 1;
  const levelOf: PointsLevel[] = [];
  for (const m of members) for (const c of m.changes) levelOf.push({ customerId: m.customerId, level: c.to ?? none, from: c.at });
  return { levelMultipliers, levelOf };
}

export function managerOptions(m: ResolvedManagers): { keyAccount: ResolvedManagers["keyAccount"]; keepExisting: boolean; balance: "value" | "count" } {
  return { keyAccount: m.keyAccount, keepExisting: m.keepExisting, balance: m.balance };
}

/**
 * Runs a composed function; its error is re-thrown with the engine's name first and its path moved by
 * `where` (null: keep it).
 */
function run<T>(fn: string, go: () => T, where: (path: string) => string | null): T {
  try {
    return go();
  } catch (e) {
    if (!(e instanceof RetentionKitError)) throw e;
    const path = e.path === null ? null : (where(e.path) ?? e.path);
    throw new RetentionKitError(e.code, `${fn}: ${e.message}`, path);
  }
}

/** `head…` → `to…` for the first matching head. */
function moved(path: string, heads: readonly (readonly [string, string])[]): string | null {
  for (const [head, to] of heads) if (path === head || path.startsWith(`${head}.`) || path.startsWith(`${head}[`)) return `${to}${path.slice(head.length)}`;
  return null;
}

/**
 * Checks the loyalty part's options with the functions that use them (on empty input); a refusal is
 * `INVALID_CONFIG` at the config key (`config.loyalty.levels.levels[1].minSpend`).
 */
export function checkLoyalty(fn: string, c: ResolvedLoyalty): void {
  const asConfig = (go: () => unknown, heads: readonly (readonly [string, string])[], prefix: string): void => {
    try {
      go();
    } catch (e) {
      if (!(e instanceof RetentionKitError)) throw e;
      const path = (e.path === null ? null : moved(e.path, heads)) ?? prefix;
      throw new RetentionKitError("INVALID_CONFIG", `${fn}: ${path} is refused (${e.code}): ${e.message}`, path);
    }
  };
  const P = "config.loyalty";
  if (c.levels !== false) {
    const l = c.levels;
    asConfig(() => membershipLevels([], l.levels, levelOptions(l, 0)), [["levels", `${P}.levels.levels`], ["options", `${P}.levels`]], `${P}.levels`);
    l.levels.forEach((level, i) => {
      if (level.minPoints !== undefined) {
        const path = `${P}.levels.levels[${i}].minPoints`;
        fail(fn, "INVALID_CONFIG", `${path}: the scorer's transactions carry no points per purchase, so a level cannot qualify on points here; give the level minSpend or minPurchases, or call membershipLevels with each purchase's points`, path);
      }
    });
  }
  if (c.points !== false) {
    const p = c.points;
    asConfig(() => pointsLedger([], pointsRules(p, 0)), [["rules", `${P}.points`]], `${P}.points`);
    if (p.levelMultipliers !== null && c.levels !== false) {
      const names = c.levels.levels.map((l) => l.name);
      for (const key of Object.keys(p.levelMultipliers)) {
        if (!names.includes(key)) {
          const path = `${P}.points.levelMultipliers.${key}`;
          fail(fn, "INVALID_CONFIG", `${path}: ${JSON.stringify(key)} is not a level of config.loyalty.levels (${names.map((n) => JSON.stringify(n)).join(", ")})`, path);
        }
      }
    }
  }
  if (c.managers !== false) {
    const m = c.managers;
    asConfig(() => assignAccountManagers([], m.managers, managerOptions(m)), [["managers", `${P}.managers.managers`], ["options", `${P}.managers`]], `${P}.managers`);
  }
}

/** The engine's purchases as rows of membershipLevels and pointsLedger: `{ customerId, at, amount }`, epoch ms. */
export function purchaseRows(k: KeptPurchases): { customerId: CustomerId; at: number; amount: number }[] {
  const n = k.customerId.length;
  const out = new Array<{ customerId: CustomerId; at: number; amount: number }>(n);
  for (let i = 0; i < n; i++) out[i] = { customerId: k.customerId[i]!, at: k.at[i]!, amount: k.amount[i]! };
  return out;
}

/** A points event row as a new object (a Date cloned); anything but a plain row is kept, for the ledger's errors. */
function copyEvent(row: unknown): PointsEvent {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return row as PointsEvent;
  const copy: Record<string, unknown> = { ...row };
  if (copy.at instanceof Date) copy.at = new Date(copy.at.getTime());
  return copy as unknown as PointsEvent;
}

/** `input.currentManagers` read once: the manager of each customer, and the row it came from. */
function readCurrentManagers(fn: string, value: unknown): Map<CustomerId, { managerId: unknown; row: number }> {
  const out = new Map<CustomerId, { managerId: unknown; row: number }>();
  if (value === undefined) return out;
  let i = 0;
  for (const raw of iterable<unknown>(fn, value, "input.currentManagers")) {
    const r = record(fn, raw, `input.currentManagers[${i}]`);
    const id = customerId(fn, r.customerId, `input.currentManagers[${i}].customerId`);
    if (out.has(id)) fail(fn, "DUPLICATE_ID", `input.currentManagers[${i}].customerId ${show(id)} appears twice: a customer has one current manager`, `input.currentManagers[${i}].customerId`);
    out.set(id === 0 ? 0 : id, { managerId: r.managerId, row: i });
    i++;
  }
  return out;
}

/** What the loyalty columns read besides the config. */
export interface LoyaltyData {
  /** The scored customers' ids, in the engine's order. */
  ids: readonly CustomerId[];
  /** The transactions (null for ready summaries). */
  purchases: KeptPurchases | null;
  /** `input.pointsEvents` as given. */
  pointsEvents: unknown;
  /** `input.currentManagers` as given. */
  currentManagers: unknown;
  /** The observation end, epoch ms. */
  end: number;
  /** The value column `managers.value` names. */
  valueOf: (key: ResolvedManagers["value"]) => Float64Array;
  /** Customer i's tier by `managers.tier` (the level one is computed here). */
  tierOf: (key: "valueTier" | "abcClass", i: number) => string | null;
}

/** The loyalty columns (see {@link LoyaltyColumns}); null when the part is off. */
export function loyaltyColumns(fn: string, c: ResolvedLoyalty | false, d: LoyaltyData): LoyaltyColumns | null {
  if (c === false || (c.levels === false && c.points === false && c.managers === false)) return null;
  const n = d.ids.length;
  const out: LoyaltyColumns = { level: null, pointsBalance: null, pointsExpiringSoon: null, accountManager: null };
  const needsRows = c.levels !== false ? "levels" : c.points !== false ? "points" : null;
  if (needsRows !== null && d.purchases === null) {
    fail(fn, "INVALID_INPUT", `config.loyalty.${needsRows} needs input.transactions: ready summaries carry no purchase dates. Score the transactions, or switch config.loyalty.${needsRows} off`, "input.summaries");
  }
  const rows = d.purchases === null ? [] : purchaseRows(d.purchases);
  let levelHistory: { levels: string[]; members: MemberLevels[] } | null = null;
  if (c.levels !== false) {
    const l = c.levels;
    const r = run(fn, () => membershipLevels(rows, l.levels, levelOptions(l, d.end)), (p) => moved(p, [["history", "input.transactions"]]));
    levelHistory = r;
    const byId = new Map<CustomerId, string | null>();
    for (const m of r.members) byId.set(m.customerId, m.level);
    out.level = d.ids.map((id) => byId.get(id) ?? null);
  }
  if (c.points !== false) {
    const p = c.points;
    const events: (PointsPurchase | PointsEvent)[] = rows.slice();
    // Each row copied as it arrives, its fields read once: a reader may refill and re-yield one row object.
    if (d.pointsEvents !== undefined) for (const e of iterable<unknown>(fn, d.pointsEvents, "input.pointsEvents")) events.push(copyEvent(e));
    const k = rows.length;
    const rules = pointsRules(p, d.end);
    const byLevel = p.levelMultipliers === null ? null : levelEarning(p.levelMultipliers, levelHistory!.levels, levelHistory!.members);
    const ledger = run(fn, () => pointsLedger(events, byLevel === null ? rules : { ...rules, ...byLevel }), (path) => {
      const m = /^events\[(\d+)\](.*)$/.exec(path);
      if (m === null) return null;
      const i = Number(m[1]);
      return i < k ? "input.transactions" : `input.pointsEvents[${i - k}]${m[2]!}`;
    });
    const byId = new Map<CustomerId, { balance: number; expiring: number }>();
    for (const a of ledger.customers) byId.set(a.customerId, { balance: a.balance, expiring: a.expiringPoints });
    out.pointsBalance = new Array<number>(n);
    out.pointsExpiringSoon = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const a = byId.get(d.ids[i]!);
      out.pointsBalance[i] = a === undefined ? 0 : a.balance;
      out.pointsExpiringSoon[i] = a === undefined ? 0 : a.expiring;
    }
  }
  if (c.managers !== false) {
    const m = c.managers;
    const current = readCurrentManagers(fn, d.currentManagers);
    const values = d.valueOf(m.value);
    const customers: AccountCustomer[] = new Array<AccountCustomer>(n);
    const rowOf: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const id = d.ids[i]!;
      const tier = m.tier === null ? null : m.tier === "level" ? out.level![i]! : d.tierOf(m.tier, i);
      const cur = current.get(id);
      rowOf[i] = cur === undefined ? -1 : cur.row;
      customers[i] = { customerId: id, value: values[i]!, tier, currentManager: (cur?.managerId ?? null) as string | number | null };
    }
    const r = run(fn, () => assignAccountManagers(customers, m.managers, managerOptions(m)), (path) => {
      const x = /^customers\[(\d+)\]\.currentManager$/.exec(path);
      if (x !== null) return `input.currentManagers[${rowOf[Number(x[1])]!}].managerId`;
      return moved(path, [["managers", "config.loyalty.managers.managers"], ["options", "config.loyalty.managers"]]);
    });
    const byId = new Map<CustomerId, string | number>();
    for (const a of r.assignments) byId.set(a.customerId, a.managerId);
    out.accountManager = d.ids.map((id) => byId.get(id) ?? null);
  }
  return out;
}
