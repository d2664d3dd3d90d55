import type { AsOfTime, CustomerId, TimeInput } from "../data/time.js";
import { compareIds } from "../internal/ids.js";
import {
  civilFromDays,
  dayIndex,
  DAY_MS,
  daysFromCivil,
  failEpochSeconds,
  instantText,
  isoWeekStartDay,
  looksLikeEpochSeconds,
  MAX_TIME,
  monthIndex,
  monthStartMs,
  requiredAsOf,
  SecondsCheck,
  SINGLE_SECONDS_LOW,
  time,
  toMsOrNaN,
} from "../internal/time.js";
import { boolean, closestKey, customerId, fail, integerAtLeast, iterable, nonNegativeNumber, numberInRange, oneOf, optionsBag, record, show } from "../internal/validate.js";
import {
  compareRefs,
  MAX_ROW_POINTS,
  multiplierAt,
  normaliseId,
  purchasePoints,
  readEarning,
  rowPoints,
  type Earning,
  type PointsLevel,
  type PointsPeriodCap,
} from "./earningRules.js";

/**
 * A points event of a loyalty programme: points earned outside purchases (a sign-up bonus), redeemed, adjusted
 * (a correction either way) or expired by the programme.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const e: PointsEvent = { customerId: 7, at: "2024-03-02", type: "redeem", points: 500 };
 * ```
 */
export interface PointsEvent {
  /** The customer's id, as given. */
  readonly customerId: CustomerId;
  /** When. */
  readonly at: TimeInput;
  /** `"earn"`, `"redeem"`, `"adjust"` or `"expire"`. */
  readonly type: "earn" | "redeem" | "adjust" | "expire";
  /** Whole points: ≥ 0 for earn, redeem and expire (the points given or taken); signed for adjust. */
  readonly points: number;
}

/**
 * A purchase (one line of it) or a refund, earning points by the rules of {@link pointsLedger}. Lines of one
 * purchase share a `transactionId` (and customer and time); a row with `refundOf` is a refund of the
 * purchase with that `transactionId`.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const buy: PointsPurchase = { customerId: 7, at: "2024-03-01", amount: 42.5, category: "books", transactionId: "T-1" };
 * const back: PointsPurchase = { customerId: 7, at: "2024-03-09", amount: 42.5, refundOf: "T-1" };
 * ```
 */
export interface PointsPurchase {
  /** The customer's id, as given. */
  readonly customerId: CustomerId;
  /** When. */
  readonly at: TimeInput;
  /** `"purchase"` or `"refund"`, or omitted (a row with `refundOf` is a refund). */
  readonly type?: "purchase" | "refund" | undefined;
  /** Money spent (≥ 0), in the programme's currency; on a refund optional, and if given the purchase's whole amount. */
  readonly amount?: number | undefined;
  /** The line's category, for `rules.categoryRates`. */
  readonly category?: string | null | undefined;
  /** The purchase's id: lines sharing it are one purchase; a refund names it in `refundOf`. */
  readonly transactionId?: CustomerId | null | undefined;
  /** On a refund: the `transactionId` of the purchase refunded (all of its points are reversed). */
  readonly refundOf?: CustomerId | null | undefined;
}

/**
 * The rules of {@link pointsLedger}. Every key but `asOf` is optional.
 *
 * Earning: a purchase earns `amount × rate × multiplier` points, where the rate is
 * `categoryRates[category]` or `pointsPerAmount` and the multiplier that of the customer's level at the
 * purchase (`levelOf`, `levelMultipliers`; 1 without a level); rounded by `rounding` (default `"floor"`) per
 * purchase (the sum of its lines, default) or per line (`roundingScope: "line"`); nothing below
 * `minimumSpend`; then at most `capPerPurchase`, then at most what is left of `capPerPeriod`.
 *
 * Expiry: `expiryDays` after earning, or at the end of a calendar year (`expiry`); neither = points never
 * expire.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const rules: PointsRules = {
 *   asOf: "2024-12-31",
 *   pointsPerAmount: 1,
 *   categoryRates: { books: 2 },
 *   levelMultipliers: { gold: 1.5 },
 *   levelOf: [{ customerId: 7, level: "gold", from: "2024-06-01" }],
 *   capPerPeriod: { points: 5000, period: "month" },
 *   expiryDays: 365,
 *   pointValue: 0.01,
 * };
 * ```
 */
export type PointsRules = AsOfTime & {
  /** Points per unit of money spent. Default 1. */
  pointsPerAmount?: number;
  /** Points per unit of money by a line's `category`, in place of `pointsPerAmount` (other categories use it). */
  categoryRates?: Readonly<Record<string, number>>;
  /** `"floor"` (default), `"round"` (half up) or `"ceil"`. */
  rounding?: "floor" | "round" | "ceil";
  /** Round the sum of a purchase's lines (`"purchase"`, default) or each line (`"line"`). */
  roundingScope?: "purchase" | "line";
  /** A purchase (all its lines) spending less earns nothing. Default 0. */
  minimumSpend?: number;
  /** The most points one purchase earns (a whole number). Default none. */
  capPerPurchase?: number;
  /** The most points purchases earn a customer in one calendar period. Default none. */
  capPerPeriod?: PointsPeriodCap;
  /** The multiplier of each level named in `levelOf` (e.g. `{ silver: 1, gold: 2 }`). */
  levelMultipliers?: Readonly<Record<string, number>>;
  /** Each customer's level over time (see {@link PointsLevel}); customers without a row have multiplier 1. */
  levelOf?: readonly PointsLevel[];
  /** Points expire this many whole days after they were earned (1 to 36 600). */
  expiryDays?: number;
  /**
   * Points expire at the end of a calendar year (UTC): `years: 1` (default) at the end of the year they were
   * earned in, `years: 2` at the end of the next year.
   */
  expiry?: { kind: "calendarYearEnd"; years?: number };
  /**
   * A redemption (or a negative adjustment, or an expire event) above the balance: `"error"` (default) throws
   * INSUFFICIENT_POINTS naming the row; `"partial"` takes what there is and reports the rest as `shortfall`.
   */
  overdraw?: "error" | "partial";
  /**
   * A refund whose points were already spent: `"balance"` (default) takes back what the balance holds and
   * reports the rest as `clawbackShortfall`; `"negative"` lets the balance go below zero (later points pay it
   * back first).
   */
  clawback?: "balance" | "negative";
  /** The points whose expiry falls in (asOf, asOf + expiringWithinDays days] are listed as `expiring`. Default 30. */
  expiringWithinDays?: number;
  /** Money one point is worth, for the programme's liability. Default none (`liability` is null). */
  pointValue?: number;
  /** Add each customer's dated entries with the running balance (`statement`). Default false. */
  statement?: boolean;
};

/**
 * A lot of points: earned together, expiring together.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const lot: PointsLot = { earnedAt: 1709251200000, expiresAt: 1740787200000, points: 42 };
 * ```
 */
export interface PointsLot {
  /** When the points were earned, epoch ms. */
  earnedAt: number;
  /** When they expire, epoch ms; `null` when points never expire. */
  expiresAt: number | null;
  /** Points of the lot still unspent at `asOf`. */
  points: number;
}

/**
 * One dated entry of a customer's statement.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const e: PointsEntry = { at: 1709251200000, type: "purchase", points: 42, balance: 142, ref: "T-1", shortfall: 0 };
 * ```
 */
export interface PointsEntry {
  /** When, epoch ms. */
  at: number;
  /**
   * `"purchase"`, `"earn"`, `"adjust"`, `"refund"` (points taken back), `"redeem"`, `"expire"` (an expire
   * event) or `"expiry"` (a lot reaching its expiry date).
   */
  type: "purchase" | "earn" | "adjust" | "refund" | "redeem" | "expire" | "expiry";
  /** The change of the balance (negative when points leave it). */
  points: number;
  /** The balance after the entry. */
  balance: number;
  /** The purchase's `transactionId` (for a refund, the purchase refunded), else `null`. */
  ref: CustomerId | null;
  /** Points asked for that the balance could not cover (`overdraw: "partial"`, refunds). */
  shortfall: number;
}

/**
 * One customer's points at `asOf`. `balance = earned + adjusted − redeemed − expired − reversed`.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const a: PointsAccount = { customerId: 7, balance: 0, earned: 0, redeemed: 0, expired: 0, adjusted: 0, reversed: 0, shortfall: 0, clawbackShortfall: 0, expiringPoints: 0, expiring: [], lots: [], statement: null };
 * ```
 */
export interface PointsAccount {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** Points held at `asOf` (below zero only with `clawback: "negative"`). */
  balance: number;
  /** Points earned by purchases and earn events. */
  earned: number;
  /** Points redeemed. */
  redeemed: number;
  /** Points expired (lots reaching their date, and expire events). */
  expired: number;
  /** Net points of adjust events (negative when more was taken than given). */
  adjusted: number;
  /** Points taken back by refunds. */
  reversed: number;
  /** Points redeem, negative adjust and expire events asked for beyond the balance (`overdraw: "partial"`). */
  shortfall: number;
  /** Points of refunded purchases already spent that the balance could not give back (`clawback: "balance"`). */
  clawbackShortfall: number;
  /** Points expiring in (asOf, asOf + expiringWithinDays days]. */
  expiringPoints: number;
  /** Those points by expiry date, earliest first. */
  expiring: { at: number; points: number }[];
  /** Unspent lots, oldest first (FIFO: redemptions take the oldest first). */
  lots: PointsLot[];
  /** Dated entries with the running balance (`rules.statement: true`), else `null`. */
  statement: PointsEntry[] | null;
}

/**
 * What {@link pointsLedger} returns: one account per customer and the programme's totals.
 *
 * @category Loyalty
 * @example
 * ```ts
 * const l: PointsLedger = pointsLedger([{ customerId: 1, at: "2024-01-02", amount: 10 }], { asOf: "2024-02-01" });
 * l.totals.balance;
 * // => 10
 * ```
 */
export interface PointsLedger {
  /** The as-of time, epoch ms. */
  asOf: number;
  /** One account per customer with a row at or before `asOf`, by customer id (numbers first, then strings). */
  customers: PointsAccount[];
  /** Sums over the customers, and the outstanding liability. */
  totals: {
    /** Customers listed. */
    customers: number;
    /** The sum of the balances (net of points customers owe after refunds with `clawback: "negative"`). */
    balance: number;
    /** Outstanding points: the sum of the positive balances, what the programme owes its members. */
    outstanding: number;
    earned: number;
    redeemed: number;
    expired: number;
    adjusted: number;
    reversed: number;
    shortfall: number;
    clawbackShortfall: number;
    /** Points expiring in the reminder window. */
    expiringPoints: number;
    /** `outstanding × pointValue` (money owed for unspent points, in the purchases' currency); `null` without `pointValue`. */
    liability: number | null;
    /** `rules.pointValue`, or `null`. */
    pointValue: number | null;
    /** Rows dated after `asOf`, which the ledger does not apply yet. */
    rowsAfterAsOf: number;
  };
}

const RULE_KEYS = [
  "asOf",
  "observationEnd",
  "pointsPerAmount",
  "categoryRates",
  "rounding",
  "roundingScope",
  "minimumSpend",
  "capPerPurchase",
  "capPerPeriod",
  "levelMultipliers",
  "levelOf",
  "expiryDays",
  "expiry",
  "overdraw",
  "clawback",
  "expiringWithinDays",
  "pointValue",
  "statement",
] as const satisfies readonly (keyof PointsRules)[];

// Row kinds, in the order rows of one customer at one instant are applied.
const PURCHASE = 0;
const EARN = 1;
const ADJUST = 2;
const REFUND = 3;
const REDEEM = 4;
const EXPIRE = 5;
const TYPES = ["earn", "redeem", "adjust", "expire", "purchase", "refund"] as const;
/** The kind of a row's `type`, or undefined for an unknown one. */
function kindOf(type: unknown): number | undefined {
  switch (type) {
    case "earn":
      return EARN;
    case "redeem":
      return REDEEM;
    case "adjust":
      return ADJUST;
    case "expire":
      return EXPIRE;
    case "purchase":
      return PURCHASE;
    case "refund":
      return REFUND;
    default:
      return undefined;
  }
}

/** The rows, read once into columns. */
interface Columns {
  cust: number[];
  at: number[];
  kind: number[];
  /** Points of an event; amount of a purchase or refund (NaN for a refund without one). */
  value: number[];
  category: (string | null)[];
  /** `transactionId` of a purchase, `refundOf` of a refund, else null. */
  ref: (CustomerId | null)[];
}

/**
 * A points ledger: replays a loyalty programme's events and purchases and gives each customer's points at
 * `asOf` (balance, earned, redeemed, expired, adjusted, points expiring soon, unspent lots) and the
 * programme's outstanding liability.
 *
 * - Purchases earn by the rules (see {@link PointsRules}): `amount × rate × level multiplier`, rounded as
 *   stated (floor per purchase by default), minimum spend, caps per purchase and per calendar period.
 * - Points expire first-in-first-out: each earning is a lot, valid from its time until (not at) its expiry,
 *   `expiryDays` later or at a calendar year end; redemptions, negative adjustments and expire events take the
 *   oldest unspent points first.
 * - A redemption never overdraws: by default one above the balance throws INSUFFICIENT_POINTS naming the row;
 *   with `overdraw: "partial"` it takes what there is and reports the rest as `shortfall`.
 * - A refund (`refundOf`) reverses all the points its purchase earned, less those that already expired (by
 *   date or by an expire event): first the purchase's own unspent points, then (when they were spent) other
 *   points, oldest first; what the balance cannot give back is `clawbackShortfall`, or a negative balance
 *   with `clawback: "negative"`. The liability counts positive balances only (`totals.outstanding`).
 * - Points are whole numbers: a row carries, and a purchase earns, at most 1e12; a product within 1e-9 of a
 *   whole number counts as that number before rounding (0.29 × 100 earns 29).
 * - Order: each customer's rows by time; at one instant, lots due expire first, then purchases, earn, adjust,
 *   refund, redeem and expire events, and rows of one kind by points (purchases by `transactionId`, amount,
 *   category; refunds by `refundOf`). Any order of the input gives the same ledger.
 * - Resume: the state is the list of rows (plain JSON); append new rows and replay. Rows dated after `asOf`
 *   are not applied (they are counted in `totals.rowsAfterAsOf`), so the ledger at a date never changes when
 *   later rows are added. Work is O(n log n) in the rows (about 2 s of CPU time per million rows).
 *
 * @param events - points events (`{ customerId, at, type, points }`) and purchases (`{ customerId, at, amount, category?, transactionId?, refundOf? }`), in any order
 * @param rules - see {@link PointsRules}; `asOf` is required (`observationEnd` is accepted as its synonym)
 * @returns the accounts by customer id and the programme's totals
 * @throws RetentionKitError `INSUFFICIENT_POINTS` for a redemption above the balance (without `overdraw: "partial"`);
 *   `INVALID_INPUT` for an unknown `type`, a row mixing points and amount, a refund of an unknown, later or
 *   refunded purchase or of part of one; `DUPLICATE_ID` for a `transactionId` on rows of different
 *   customers or times; `INVALID_DATE`, `INVALID_CUSTOMER_ID`, `NOT_INTEGER`, `NEGATIVE_VALUE`,
 *   `NEGATIVE_AMOUNT`, `OUT_OF_RANGE` naming the field (`events[3].points`)
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `rules`; `UNKNOWN_LABEL` for a level
 *   without a multiplier; `INVALID_OPTION` / `OUT_OF_RANGE` for bad rules
 * @category Loyalty
 * @example
 * ```ts
 * const ledger = pointsLedger(
 *   [
 *     { customerId: "ann", at: "2024-01-05", amount: 120.5, transactionId: "T1" },
 *     { customerId: "ann", at: "2024-03-01", type: "redeem", points: 100 },
 *     { customerId: "ann", at: "2024-06-10", amount: 80, transactionId: "T2" },
 *   ],
 *   { asOf: "2025-01-10", expiryDays: 365, expiringWithinDays: 30, pointValue: 0.01 },
 * );
 * const ann = ledger.customers[0]!;
 * [ann.earned, ann.redeemed, ann.expired, ann.balance, ann.expiringPoints];
 * // => [200, 100, 20, 80, 0]
 * ledger.totals.liability;
 * // => 0.8
 * ```
 */
export function pointsLedger(events: Iterable<PointsEvent | PointsPurchase>, rules: PointsRules): PointsLedger {
  const fn = "pointsLedger";
  const o = optionsBag(fn, rules, RULE_KEYS, "rules");
  if (rules === undefined) fail(fn, "INVALID_OPTION", "rules.asOf is required (rules is missing)", "rules");
  for (const key of ["asOf", "observationEnd"] as const) {
    const raw = o[key];
    if (typeof raw === "number") {
      const ms = time(fn, raw, `rules.${key}`);
      if (looksLikeEpochSeconds(ms, SINGLE_SECONDS_LOW)) failEpochSeconds(fn, ms, `rules.${key}`, false);
    }
  }
  const asOf = requiredAsOf(fn, o, "asOf", "rules");
  const earning = readEarning(fn, o);
  if (o.expiryDays !== undefined && o.expiry !== undefined) {
    fail(fn, "INVALID_OPTION", "rules.expiryDays and rules.expiry both say when points expire; give one of them", "rules.expiry");
  }
  const expiryDays = o.expiryDays === undefined ? null : integerAtLeast(fn, o.expiryDays, "rules.expiryDays", 1);
  if (expiryDays !== null && expiryDays > 36_600) fail(fn, "OUT_OF_RANGE", `rules.expiryDays must be at most 36600 (100 years), got ${show(expiryDays)}`, "rules.expiryDays");
  let yearEnd: number | null = null;
  if (o.expiry !== undefined) {
    const e = optionsBag(fn, o.expiry, ["kind", "years"] as const, "rules.expiry");
    oneOf(fn, e.kind, "rules.expiry.kind", ["calendarYearEnd"] as const);
    yearEnd = e.years === undefined ? 1 : integerAtLeast(fn, e.years, "rules.expiry.years", 1);
    if (yearEnd > 100) fail(fn, "OUT_OF_RANGE", `rules.expiry.years must be at most 100, got ${show(yearEnd)}`, "rules.expiry.years");
  }
  const overdraw = o.overdraw === undefined ? "error" : oneOf(fn, o.overdraw, "rules.overdraw", ["error", "partial"] as const);
  const clawback = o.clawback === undefined ? "balance" : oneOf(fn, o.clawback, "rules.clawback", ["balance", "negative"] as const);
  const within = o.expiringWithinDays === undefined ? 30 : numberInRange(fn, o.expiringWithinDays, "rules.expiringWithinDays", 0, 36_600);
  const pointValue = o.pointValue === undefined ? null : numberInRange(fn, o.pointValue, "rules.pointValue", 0, 1e6);
  const withStatement = o.statement === undefined ? false : boolean(fn, o.statement, "rules.statement");
  const expiresAt = (earnedAt: number): number | null => {
    if (expiryDays !== null) return earnedAt + expiryDays * DAY_MS;
    if (yearEnd !== null) return daysFromCivil(civilFromDays(dayIndex(earnedAt)).year + yearEnd, 1, 1) * DAY_MS;
    return null;
  };

  const { cols, ids, paths, rowsAfterAsOf } = readRows(fn, events, asOf);
  const order = orderRows(cols, ids);
  const periodOf = earning.capPerPeriod === null ? null : periodStart(earning.capPerPeriod.period);
  const customers: PointsAccount[] = [];
  const ctx: Replay = { fn, cols, paths, earning, expiresAt, overdraw, clawback, withStatement, periodOf, asOf, within };
  let s = 0;
  while (s < order.length) {
    const c = cols.cust[order[s]!]!;
    let e = s + 1;
    while (e < order.length && cols.cust[order[e]!] === c) e++;
    customers.push(replayCustomer(ctx, ids[c]!, order, s, e));
    s = e;
  }
  const totals = {
    customers: customers.length,
    balance: 0,
    outstanding: 0,
    earned: 0,
    redeemed: 0,
    expired: 0,
    adjusted: 0,
    reversed: 0,
    shortfall: 0,
    clawbackShortfall: 0,
    expiringPoints: 0,
    liability: null as number | null,
    pointValue,
    rowsAfterAsOf,
  };
  for (const a of customers) {
    totals.balance += a.balance;
    if (a.balance > 0) totals.outstanding += a.balance;
    totals.earned += a.earned;
    totals.redeemed += a.redeemed;
    totals.expired += a.expired;
    totals.adjusted += a.adjusted;
    totals.reversed += a.reversed;
    totals.shortfall += a.shortfall;
    totals.clawbackShortfall += a.clawbackShortfall;
    totals.expiringPoints += a.expiringPoints;
  }
  for (const k of ["earned", "redeemed", "expired", "reversed", "shortfall", "clawbackShortfall"] as const) {
    if (!(totals[k] <= Number.MAX_SAFE_INTEGER)) {
      fail(fn, "OUT_OF_RANGE", `the programme's ${k} points total ${show(totals[k])}, beyond 2^53 where whole numbers stop being exact; the points are almost surely wrong`, "events");
    }
  }
  if (Math.abs(totals.adjusted) > Number.MAX_SAFE_INTEGER) fail(fn, "OUT_OF_RANGE", `the programme's adjusted points total ${show(totals.adjusted)}, beyond 2^53`, "events");
  if (pointValue !== null) totals.liability = totals.outstanding * pointValue + 0;
  return { asOf, customers, totals };
}

/** Reads every row once into columns, checking each field; rows after `asOf` are counted, and checked, but not kept. */
function readRows(fn: string, events: unknown, asOf: number): { cols: Columns; ids: CustomerId[]; paths: number[]; rowsAfterAsOf: number } {
  const rows = iterable<unknown>(fn, events, "events");
  const cols: Columns = { cust: [], at: [], kind: [], value: [], category: [], ref: [] };
  const paths: number[] = [];
  const ids: CustomerId[] = [];
  const idIndex = new Map<CustomerId, number>();
  const seconds = new SecondsCheck();
  let rowsAfterAsOf = 0;
  let i = 0;
  const maxTime = MAX_TIME;
  const maxPoints = MAX_ROW_POINTS;
  for (const row of rows) {
    // Paths are built only for a message: the common rows pass the fast checks without them.
    const r = typeof row === "object" && row !== null && !Array.isArray(row) ? (row as Record<string, unknown>) : record(fn, row, `events[${i}]`);
    const rawType = r.type;
    const rawId = r.customerId;
    const rawAt = r.at;
    const rawPoints = r.points;
    const rawAmount = r.amount;
    const rawRefundOf = r.refundOf;
    let kind: number;
    if (rawType === undefined) kind = rawRefundOf === undefined || rawRefundOf === null ? PURCHASE : REFUND;
    else {
      const k = kindOf(rawType);
      if (k === undefined) {
        const near = typeof rawType === "string" ? closestKey(rawType, TYPES) : null;
        fail(fn, "INVALID_INPUT", `events[${i}].type must be one of ${TYPES.map((t) => JSON.stringify(t)).join(", ")} (or omitted for a purchase), got ${show(rawType)}${near === null ? "" : `; did you mean ${JSON.stringify(near)}?`}`, `events[${i}].type`);
      }
      kind = k;
    }
    const id = typeof rawId === "string" && rawId.length > 0 ? rawId : normaliseId(customerId(fn, rawId, `events[${i}].customerId`));
    let at = typeof rawAt === "number" && rawAt >= -maxTime && rawAt <= maxTime ? rawAt + 0 : toMsOrNaN(rawAt);
    if (Number.isNaN(at)) at = time(fn, rawAt, `events[${i}].at`);
    if (typeof rawAt === "number") seconds.see(at, i);
    let value: number;
    let category: string | null = null;
    let ref: CustomerId | null = null;
    if (kind === PURCHASE || kind === REFUND) {
      if (rawPoints !== undefined) {
        fail(fn, "INVALID_INPUT", `events[${i}] has both points and ${kind === PURCHASE ? "a purchase's fields" : "refundOf"}: a purchase earns points by the rules (give its amount), an event gives its points with a type ("earn", "redeem", "adjust", "expire")`, `events[${i}].points`);
      }
      if (kind === PURCHASE) {
        if (rawRefundOf !== undefined && rawRefundOf !== null) fail(fn, "INVALID_INPUT", `events[${i}] is a "purchase" with refundOf; a refund is a row with refundOf and no type (or type "refund")`, `events[${i}].refundOf`);
        if (rawAmount === undefined) fail(fn, "INVALID_INPUT", `events[${i}].amount is missing: a purchase needs the money spent (an event needs a type and points)`, `events[${i}].amount`);
        value = typeof rawAmount === "number" && rawAmount >= 0 && rawAmount <= Number.MAX_VALUE ? rawAmount + 0 : purchaseAmount(fn, rawAmount, `events[${i}].amount`);
        const rawCategory = r.category;
        if (rawCategory !== undefined && rawCategory !== null) {
          if (typeof rawCategory !== "string") fail(fn, "INVALID_TYPE", `events[${i}].category must be a string, got ${show(rawCategory)}`, `events[${i}].category`);
          category = rawCategory;
        }
        const rawTxn = r.transactionId;
        if (rawTxn !== undefined && rawTxn !== null) ref = normaliseId(customerId(fn, rawTxn, `events[${i}].transactionId`));
      } else {
        if (rawRefundOf === undefined || rawRefundOf === null) fail(fn, "INVALID_INPUT", `events[${i}].refundOf is missing: a refund names the transactionId of the purchase it refunds`, `events[${i}].refundOf`);
        ref = normaliseId(customerId(fn, rawRefundOf, `events[${i}].refundOf`));
        value = rawAmount === undefined || rawAmount === null ? Number.NaN : purchaseAmount(fn, rawAmount, `events[${i}].amount`);
      }
    } else {
      if (rawAmount !== undefined) {
        fail(fn, "INVALID_INPUT", `events[${i}] is a "${TYPES[[EARN, REDEEM, ADJUST, EXPIRE].indexOf(kind)]}" event with an amount: an event gives points; a purchase (no type) gives its amount and earns by the rules`, `events[${i}].amount`);
      }
      if (rawRefundOf !== undefined && rawRefundOf !== null) fail(fn, "INVALID_INPUT", `events[${i}] is an event with refundOf; a refund is a row with refundOf and no type`, `events[${i}].refundOf`);
      const name = kind === EARN ? "earn" : kind === REDEEM ? "redeem" : kind === ADJUST ? "adjust" : "expire";
      value =
        typeof rawPoints === "number" && Number.isInteger(rawPoints) && rawPoints >= (kind === ADJUST ? -maxPoints : 0) && rawPoints <= maxPoints
          ? rawPoints + 0
          : rowPoints(fn, rawPoints, `events[${i}].points`, kind === ADJUST, name);
    }
    i++;
    if (at > asOf) {
      rowsAfterAsOf++;
      continue;
    }
    let c = idIndex.get(id);
    if (c === undefined) {
      c = ids.length;
      idIndex.set(id, c);
      ids.push(id);
    }
    cols.cust.push(c);
    cols.at.push(at);
    cols.kind.push(kind);
    cols.value.push(value);
    cols.category.push(category);
    cols.ref.push(ref);
    paths.push(i - 1);
  }
  seconds.done(fn, (k) => `events[${k}].at`);
  // One transactionId names one purchase: its lines share the customer and the time.
  const owner = new Map<CustomerId, number>();
  for (let k = 0; k < cols.kind.length; k++) {
    const t = cols.ref[k]!;
    if (cols.kind[k] !== PURCHASE || t === null) continue;
    const first = owner.get(t);
    if (first === undefined) owner.set(t, k);
    else if (cols.cust[first] !== cols.cust[k] || cols.at[first] !== cols.at[k]) {
      const path = `events[${paths[k]}].transactionId`;
      fail(fn, "DUPLICATE_ID", `${path} ${show(t)} is also on events[${paths[first]}] with another customer or time: lines of one purchase share customer and time, and each purchase has its own id`, path);
    }
  }
  return { cols, ids, paths, rowsAfterAsOf };
}

function purchaseAmount(fn: string, value: unknown, path: string): number {
  if (typeof value === "number" && value < 0) {
    fail(fn, "NEGATIVE_AMOUNT", `${path} must be ≥ 0, got ${show(value)}: record a refund as a row with refundOf (the purchase's transactionId), which reverses its points`, path);
  }
  return nonNegativeNumber(fn, value, path, "NEGATIVE_AMOUNT");
}

/** Row indices by customer id (counting sort), then by time, kind and the tie keys. */
function orderRows(cols: Columns, ids: readonly CustomerId[]): Uint32Array {
  const n = cols.cust.length;
  const byId = Array.from({ length: ids.length }, (_, k) => k).sort((a, b) => compareIds(ids[a]!, ids[b]!));
  const rank = new Uint32Array(ids.length);
  for (let k = 0; k < byId.length; k++) rank[byId[k]!] = k;
  const start = new Uint32Array(ids.length + 1);
  for (let k = 0; k < n; k++) start[rank[cols.cust[k]!]! + 1]!++;
  for (let k = 0; k < ids.length; k++) start[k + 1]! += start[k]!;
  const order = new Uint32Array(n);
  const fill = start.slice(0, ids.length);
  for (let k = 0; k < n; k++) order[fill[rank[cols.cust[k]!]!]!++] = k;
  const { at, kind, value, category, ref } = cols;
  const cmp = (a: number, b: number): number =>
    at[a]! - at[b]! ||
    kind[a]! - kind[b]! ||
    compareRefs(ref[a]!, ref[b]!) ||
    (Number.isNaN(value[a]!) ? (Number.isNaN(value[b]!) ? 0 : -1) : Number.isNaN(value[b]!) ? 1 : value[a]! - value[b]!) ||
    compareCategories(category[a]!, category[b]!);
  for (let k = 0; k < ids.length; k++) {
    if (start[k + 1]! - start[k]! > 1) order.subarray(start[k]!, start[k + 1]!).sort(cmp);
  }
  return order;
}

function compareCategories(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** The start of the calendar period containing an instant. */
function periodStart(period: "day" | "week" | "month" | "year"): (ms: number) => number {
  if (period === "day") return (ms) => dayIndex(ms) * DAY_MS;
  if (period === "week") return (ms) => isoWeekStartDay(dayIndex(ms)) * DAY_MS;
  if (period === "month") return (ms) => monthStartMs(monthIndex(ms));
  return (ms) => daysFromCivil(civilFromDays(dayIndex(ms)).year, 1, 1) * DAY_MS;
}

interface Replay {
  readonly fn: string;
  readonly cols: Columns;
  readonly paths: readonly number[];
  readonly earning: Earning;
  readonly expiresAt: (earnedAt: number) => number | null;
  readonly overdraw: "error" | "partial";
  readonly clawback: "balance" | "negative";
  readonly withStatement: boolean;
  readonly periodOf: ((ms: number) => number) | null;
  readonly asOf: number;
  readonly within: number;
}

/** A lot while replaying: `expired` counts its points that reached their expiry. */
interface Lot {
  earnedAt: number;
  expiresAt: number | null;
  points: number;
  left: number;
  expired: number;
}

/** One customer's account while replaying. */
class Account {
  readonly lots: Lot[] = [];
  head = 0;
  balance = 0;
  /** Points owed after a refund with `clawback: "negative"` (the balance is then −debt); later points pay it first. */
  debt = 0;
  earned = 0;
  redeemed = 0;
  expired = 0;
  adjusted = 0;
  reversed = 0;
  shortfall = 0;
  clawbackShortfall = 0;
  readonly statement: PointsEntry[] | null;

  constructor(
    readonly ctx: Replay,
    readonly id: CustomerId,
  ) {
    this.statement = ctx.withStatement ? [] : null;
  }

  entry(at: number, type: PointsEntry["type"], points: number, ref: CustomerId | null, shortfall: number): void {
    if (this.statement !== null) this.statement.push({ at, type, points: points + 0, balance: this.balance + 0, ref, shortfall });
  }

  /** Expires the lots due by `t`. Lots expire in the order they were earned (every lot lives equally long, or to a year end): FIFO. */
  expireUntil(t: number): void {
    const lots = this.lots;
    while (this.head < lots.length) {
      const lot = lots[this.head]!;
      if (lot.left === 0) {
        this.head++;
        continue;
      }
      if (lot.expiresAt === null || lot.expiresAt > t) return;
      const n = lot.left;
      lot.expired += n;
      lot.left = 0;
      this.balance -= n;
      this.expired += n;
      this.head++;
      this.entry(lot.expiresAt, "expiry", -n, null, 0);
    }
  }

  /** Takes up to `n` points, oldest first (`expiring` for an expire event); returns the points taken. */
  take(n: number, expiring = false): number {
    const lots = this.lots;
    let got = 0;
    for (let k = this.head; k < lots.length && got < n; k++) {
      const lot = lots[k]!;
      const t = Math.min(lot.left, n - got);
      lot.left -= t;
      if (expiring) lot.expired += t;
      got += t;
    }
    this.balance -= got;
    return got;
  }

  addLot(at: number, points: number): Lot {
    const pay = Math.min(this.debt, points);
    this.debt -= pay;
    const lot: Lot = { earnedAt: at, expiresAt: this.ctx.expiresAt(at), points, left: points - pay, expired: 0 };
    this.lots.push(lot);
    this.balance += points;
    return lot;
  }

  /** Takes `n` points for a redeem, negative adjust or expire event at `row`, by the overdraw rule; returns the points taken. */
  spend(row: number, n: number, what: string): number {
    const available = Math.max(0, this.balance);
    if (n > available && this.ctx.overdraw === "error") {
      const path = `events[${this.ctx.paths[row]}].points`;
      fail(this.ctx.fn, "INSUFFICIENT_POINTS", `${path} asks for ${show(n)} points (${what}) on ${instantText(this.ctx.cols.at[row]!)}, but customer ${show(this.id)} holds ${show(available)}; redemptions never overdraw: fix the row, or pass rules.overdraw: "partial" to take what there is and report the shortfall`, path);
    }
    const got = this.take(Math.min(n, available), what === EXPIRE_EVENT);
    this.shortfall += n - got;
    return got;
  }
}

const EXPIRE_EVENT = "an expire event";

/** Scratch lines of the purchase being replayed (reused: one purchase at a time). */
const lineAmounts: number[] = [];
const lineCategories: (string | null)[] = [];

/** Replays one customer's rows `order[s..e)` (sorted) and gives the account at `asOf`. */
function replayCustomer(ctx: Replay, id: CustomerId, order: Uint32Array, s: number, e: number): PointsAccount {
  const { fn, cols, paths, earning } = ctx;
  const a = new Account(ctx, id);
  // The purchases with a transactionId, for their refunds (made when the first one comes).
  let purchaseLots: Map<CustomerId, { lot: Lot | null; amount: number; refunded: boolean }> | null = null;
  let periodStartAt = Number.NaN;
  let periodUsed = 0;
  let k = s;
  while (k < e) {
    const row = order[k]!;
    const at = cols.at[row]!;
    const kind = cols.kind[row]!;
    a.expireUntil(at);
    if (kind === PURCHASE) {
      // The lines of one purchase are adjacent (same customer, time and transactionId).
      const ref = cols.ref[row]!;
      lineAmounts.length = 0;
      lineCategories.length = 0;
      let m = k;
      do {
        lineAmounts.push(cols.value[order[m]!]!);
        lineCategories.push(cols.category[order[m]!]!);
        m++;
      } while (ref !== null && m < e && cols.kind[order[m]!] === PURCHASE && cols.at[order[m]!] === at && cols.ref[order[m]!] === ref);
      k = m;
      const got = purchasePoints(earning, lineAmounts, lineCategories, multiplierAt(earning, id, at));
      if (!(got.raw <= MAX_ROW_POINTS)) {
        const path = `events[${paths[row]}].amount`;
        fail(fn, "OUT_OF_RANGE", `${path}: the purchase would earn ${show(got.raw)} points, more than the ${MAX_ROW_POINTS} one purchase may earn (almost surely a wrong amount or rate)`, path);
      }
      let points = got.points;
      if (ctx.periodOf !== null && earning.capPerPeriod !== null) {
        const p = ctx.periodOf(at);
        if (p !== periodStartAt) {
          periodStartAt = p;
          periodUsed = 0;
        }
        points = Math.max(0, Math.min(points, earning.capPerPeriod.points - periodUsed));
        periodUsed += points;
      }
      const lot = points > 0 ? a.addLot(at, points) : null;
      a.earned += points;
      if (ref !== null) {
        let spent = 0;
        for (const x of lineAmounts) spent += x;
        (purchaseLots ??= new Map()).set(ref, { lot, amount: spent, refunded: false });
      }
      a.entry(at, "purchase", points, ref, 0);
      continue;
    }
    k++;
    const value = cols.value[row]!;
    if (kind === EARN) {
      if (value > 0) a.addLot(at, value);
      a.earned += value;
      a.entry(at, "earn", value, null, 0);
    } else if (kind === ADJUST) {
      if (value >= 0) {
        if (value > 0) a.addLot(at, value);
        a.adjusted += value;
        a.entry(at, "adjust", value, null, 0);
      } else {
        const got = a.spend(row, -value, "a negative adjustment");
        a.adjusted -= got;
        a.entry(at, "adjust", -got, null, -value - got);
      }
    } else if (kind === REDEEM) {
      const got = a.spend(row, value, "a redemption");
      a.redeemed += got;
      a.entry(at, "redeem", -got, null, value - got);
    } else if (kind === EXPIRE) {
      const got = a.spend(row, value, EXPIRE_EVENT);
      a.expired += got;
      a.entry(at, "expire", -got, null, value - got);
    } else {
      const ref = cols.ref[row]!;
      const path = `events[${paths[row]}].refundOf`;
      const p = purchaseLots?.get(ref);
      if (p === undefined) {
        fail(fn, "INVALID_INPUT", `${path} is ${show(ref)}, which is not the transactionId of a purchase of customer ${show(id)} at or before the refund (${instantText(at)})`, path);
      }
      if (p.refunded) fail(fn, "INVALID_INPUT", `${path}: purchase ${show(ref)} is refunded a second time; a purchase is refunded once`, path);
      if (!Number.isNaN(value) && Math.abs(value - p.amount) > 1e-9 * Math.max(1, p.amount)) {
        fail(fn, "INVALID_INPUT", `events[${paths[row]}].amount is ${show(value)}, but purchase ${show(ref)} spent ${show(p.amount)}: a refund reverses a whole purchase (partial refunds are not supported); omit the amount or give the purchase's, or record a correction as an "adjust" event`, `events[${paths[row]}].amount`);
      }
      p.refunded = true;
      let back = 0;
      let short = 0;
      if (p.lot !== null) {
        // The purchase's points that did not expire: its own unspent ones first, then others, oldest first.
        const lot = p.lot;
        const owed = lot.points - lot.expired;
        const own = lot.left;
        lot.left = 0;
        a.balance -= own;
        const rest = owed - own;
        const other = a.take(Math.min(rest, Math.max(0, a.balance)));
        short = rest - other;
        back = own + other;
        if (short > 0 && ctx.clawback === "negative") {
          a.debt += short;
          a.balance -= short;
          back += short;
          short = 0;
        }
      }
      a.reversed += back;
      a.clawbackShortfall += short;
      a.entry(at, "refund", -back, ref, short);
    }
  }
  a.expireUntil(ctx.asOf);
  const horizon = ctx.asOf + ctx.within * DAY_MS;
  const open: PointsLot[] = [];
  const expiring: { at: number; points: number }[] = [];
  let expiringPoints = 0;
  for (let j = a.head; j < a.lots.length; j++) {
    const lot = a.lots[j]!;
    if (lot.left === 0) continue;
    open.push({ earnedAt: lot.earnedAt, expiresAt: lot.expiresAt, points: lot.left });
    if (lot.expiresAt !== null && lot.expiresAt <= horizon) {
      expiringPoints += lot.left;
      const last = expiring[expiring.length - 1];
      if (last !== undefined && last.at === lot.expiresAt) last.points += lot.left;
      else expiring.push({ at: lot.expiresAt, points: lot.left });
    }
  }
  return {
    customerId: id,
    balance: a.balance + 0,
    earned: a.earned,
    redeemed: a.redeemed,
    expired: a.expired,
    adjusted: a.adjusted + 0,
    reversed: a.reversed,
    shortfall: a.shortfall,
    clawbackShortfall: a.clawbackShortfall,
    expiringPoints,
    expiring,
    lots: open,
    statement: a.statement,
  };
}
