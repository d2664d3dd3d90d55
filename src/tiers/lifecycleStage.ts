import type { AsOfTime, CustomerId, TimeInput } from "../data/time.js";
import type { Transaction } from "../data/types.js";
import { compareIds } from "../internal/ids.js";
import { DAY_MS, requiredAsOf, time } from "../internal/time.js";
import { forEachTransaction } from "../internal/transactions.js";
import { array, count, customerId, fail, nonNegativeNumber, numberInRange, optionsBag, positiveNumber, record, show } from "../internal/validate.js";

/**
 * A lifecycle stage, from {@link lifecycleStage}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const s: LifecycleStageName = "at-risk";
 * ```
 */
export type LifecycleStageName = "new" | "growing" | "mature" | "at-risk" | "churned";

/**
 * One customer's activity, the input of {@link lifecycleStage} ({@link lifecycleInputs} builds it from a
 * transaction log).
 *
 * @category Tiers
 * @example
 * ```ts
 * const row: LifecycleInput = { customerId: 1, firstAt: "2023-02-01", lastAt: "2024-06-20", recentPurchases: 3, priorPurchases: 1 };
 * ```
 */
export interface LifecycleInput {
  /** The customer's id, carried through as given. */
  readonly customerId: CustomerId;
  /** First purchase. */
  readonly firstAt: TimeInput;
  /** Last purchase, on or after `firstAt` and not after `asOf`. */
  readonly lastAt: TimeInput;
  /** Purchases in the recent window (the last `windowDays` before `asOf`). */
  readonly recentPurchases: number;
  /** Purchases in the window of the same length just before it. */
  readonly priorPurchases: number;
}

/**
 * Options of {@link lifecycleStage}; every threshold of the decision list.
 *
 * `asOf`: the date the stages are read at. Required. `observationEnd` is accepted as its exact synonym
 * ({@link AsOfTime}).
 *
 * @category Tiers
 * @example
 * ```ts
 * const o: LifecycleOptions = { asOf: "2024-06-30", newDays: 60, atRiskDays: 60, churnedDays: 180 };
 * ```
 */
export type LifecycleOptions = AsOfTime & {
  /** Inactive for more than this many days: churned. Default 365. */
  churnedDays?: number;
  /** First purchase at most this many days ago: new. Default 90. */
  newDays?: number;
  /** Inactive for more than this many days (but not churned): at risk. Default 90; must be < `churnedDays`. */
  atRiskDays?: number;
  /** Recent purchases at or below this fraction of prior ones (prior > 0): declining, so at risk. Default 0.5. */
  declineRatio?: number;
  /** Recent purchases above prior ones and at least this multiple of them: growing. Default 1.25. */
  growthRatio?: number;
};

/**
 * One customer's stage.
 *
 * @category Tiers
 * @example
 * ```ts
 * const r: LifecycleRow = { customerId: 1, stage: "mature", tenureDays: 500, daysSinceLast: 10 };
 * ```
 */
export interface LifecycleRow {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** The stage. */
  stage: LifecycleStageName;
  /** Days from the first purchase to `asOf` (fractional). */
  tenureDays: number;
  /** Days from the last purchase to `asOf` (fractional). */
  daysSinceLast: number;
}

/**
 * Places each customer in a lifecycle stage by a decision list, first match wins (defaults in brackets):
 *
 * 1. **churned** — no purchase for more than `churnedDays` [365];
 * 2. **new** — first purchase at most `newDays` ago [90];
 * 3. **at-risk** — no purchase for more than `atRiskDays` [90], or purchases declining: prior > 0 and
 *    recent ≤ `declineRatio` × prior [0.5];
 * 4. **growing** — recent > prior and recent ≥ `growthRatio` × prior [1.25] (a first purchase after a
 *    quiet window counts);
 * 5. **mature** — everyone else: steady buyers.
 *
 * "Recent" and "prior" are purchase counts in two consecutive windows of equal length ending at `asOf`
 * (see {@link lifecycleInputs}). Row by row, so independent of input order.
 *
 * @param customers - rows `{ customerId, firstAt, lastAt, recentPurchases, priorPurchases }`
 * @param options - `asOf` (required; `observationEnd` is accepted as its synonym) and see {@link LifecycleOptions}
 * @returns `{ customerId, stage, tenureDays, daysSinceLast }` per row, in input order
 * @throws RetentionKitError `INVALID_DATE` (path `customers[1].firstAt`), `INVALID_RANGE` when
 *   firstAt > lastAt or lastAt > asOf, `NOT_INTEGER` / `NEGATIVE_VALUE` for the counts,
 *   `INVALID_THRESHOLDS` when atRiskDays ≥ churnedDays, `OUT_OF_RANGE` for a ratio, `INVALID_OPTION` for a
 *   missing `asOf`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Tiers
 * @example
 * ```ts
 * const asOf = "2024-06-30";
 * lifecycleStage([
 *   { customerId: 1, firstAt: "2024-05-01", lastAt: "2024-06-01", recentPurchases: 2, priorPurchases: 0 },
 *   { customerId: 2, firstAt: "2022-01-01", lastAt: "2024-06-25", recentPurchases: 6, priorPurchases: 3 },
 *   { customerId: 3, firstAt: "2022-01-01", lastAt: "2024-06-25", recentPurchases: 3, priorPurchases: 3 },
 *   { customerId: 4, firstAt: "2022-01-01", lastAt: "2024-06-25", recentPurchases: 1, priorPurchases: 4 },
 *   { customerId: 5, firstAt: "2022-01-01", lastAt: "2023-01-01", recentPurchases: 0, priorPurchases: 0 },
 * ], { asOf }).map((r) => r.stage);
 * // => ["new", "growing", "mature", "at-risk", "churned"]
 * ```
 */
export function lifecycleStage(customers: readonly LifecycleInput[], options: LifecycleOptions): LifecycleRow[] {
  const fn = "lifecycleStage";
  const settings = lifecycleSettings(fn, options);
  const asOf = settings.asOf;
  return array<unknown>(fn, customers, "customers").map((row, i) => {
    const path = `customers[${i}]`;
    const r = record(fn, row, path);
    const id = customerId(fn, r.customerId, `${path}.customerId`);
    const rawFirst = r.firstAt; // each field read once, for the checks and the messages alike
    const rawLast = r.lastAt;
    const first = time(fn, rawFirst, `${path}.firstAt`);
    const last = time(fn, rawLast, `${path}.lastAt`);
    if (!(first <= last)) fail(fn, "INVALID_RANGE", `${path}.lastAt must not be before firstAt, got ${show(rawLast)} < ${show(rawFirst)}`, `${path}.lastAt`);
    if (!(last <= asOf)) fail(fn, "INVALID_RANGE", `${path}.lastAt must not be after options.asOf, got ${show(rawLast)}`, `${path}.lastAt`);
    const recent = count(fn, r.recentPurchases, `${path}.recentPurchases`);
    const prior = count(fn, r.priorPurchases, `${path}.priorPurchases`);
    const tenureDays = (asOf - first) / DAY_MS;
    const daysSinceLast = (asOf - last) / DAY_MS;
    return { customerId: id, stage: stageOf(settings, tenureDays, daysSinceLast, recent, prior), tenureDays, daysSinceLast };
  });
}

/** The validated options of {@link lifecycleStage}. */
export interface LifecycleSettings {
  asOf: number;
  churnedDays: number;
  newDays: number;
  atRiskDays: number;
  declineRatio: number;
  growthRatio: number;
}

/** Reads and checks the options of {@link lifecycleStage} (for it and for batch callers such as the engine). */
export function lifecycleSettings(fn: string, options: LifecycleOptions): LifecycleSettings {
  const o = optionsBag(fn, options, ["asOf", "churnedDays", "newDays", "atRiskDays", "declineRatio", "growthRatio", "observationEnd"] as const satisfies readonly (keyof LifecycleOptions)[]);
  const asOf = requiredAsOf(fn, o, "asOf");
  const churnedDays = o.churnedDays === undefined ? 365 : positiveNumber(fn, o.churnedDays, "options.churnedDays");
  const newDays = o.newDays === undefined ? 90 : nonNegativeNumber(fn, o.newDays, "options.newDays");
  const atRiskDays = o.atRiskDays === undefined ? 90 : nonNegativeNumber(fn, o.atRiskDays, "options.atRiskDays");
  if (!(atRiskDays < churnedDays)) {
    fail(fn, "INVALID_THRESHOLDS", `options.atRiskDays must be below options.churnedDays, got ${show(atRiskDays)} and ${show(churnedDays)}`, "options.atRiskDays");
  }
  const declineRatio = o.declineRatio === undefined ? 0.5 : numberInRange(fn, o.declineRatio, "options.declineRatio", 0, 1, { hiOpen: true });
  const growthRatio = o.growthRatio === undefined ? 1.25 : numberInRange(fn, o.growthRatio, "options.growthRatio", 1, Number.MAX_VALUE);
  return { asOf, churnedDays, newDays, atRiskDays, declineRatio, growthRatio };
}

/** The stage of a validated customer (the rule of {@link lifecycleStage}). */
export function stageOf(s: LifecycleSettings, tenureDays: number, daysSinceLast: number, recent: number, prior: number): LifecycleStageName {
  if (daysSinceLast > s.churnedDays) return "churned";
  if (tenureDays <= s.newDays) return "new";
  if (daysSinceLast > s.atRiskDays || (prior > 0 && recent <= s.declineRatio * prior)) return "at-risk";
  if (recent > prior && recent >= s.growthRatio * prior) return "growing";
  return "mature";
}

/**
 * Options of {@link lifecycleInputs}.
 *
 * `asOf`: the end of the recent window. Transactions after it are left out. Required. `observationEnd` is
 * accepted as its exact synonym ({@link AsOfTime}).
 *
 * @category Tiers
 * @example
 * ```ts
 * const o: LifecycleInputsOptions = { asOf: "2024-06-30", windowDays: 90 };
 * ```
 */
export type LifecycleInputsOptions = AsOfTime & {
  /** Length of the recent and of the prior window, in days. Default 90. */
  windowDays?: number;
};

/**
 * Builds the per-customer input of {@link lifecycleStage} from a transaction log: first and last
 * purchase, transactions in the recent window (asOf − windowDays, asOf] and in the prior window
 * (asOf − 2·windowDays, asOf − windowDays].
 *
 * @param transactions - rows `{ customerId, at, amount? }`, any order
 * @param options - `asOf` (required; `observationEnd` is accepted as its synonym), `windowDays` (default 90)
 * @returns one row per customer with a transaction on or before `asOf`, sorted by `customerId` (numbers
 *   ascending, then strings); times as epoch ms
 * @throws RetentionKitError `INVALID_DATE`, `INVALID_CUSTOMER_ID`, `NEGATIVE_AMOUNT` naming the row;
 *   `INVALID_OPTION` for a missing `asOf`, `OUT_OF_RANGE` for `windowDays` ≤ 0
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Tiers
 * @example
 * ```ts
 * const log = [
 *   { customerId: "a", at: "2024-01-10" },
 *   { customerId: "a", at: "2024-05-10" },
 *   { customerId: "a", at: "2024-06-10" },
 * ];
 * lifecycleInputs(log, { asOf: "2024-06-30" }).map((r) => [r.recentPurchases, r.priorPurchases]);
 * // => [[2, 1]]
 * ```
 */
export function lifecycleInputs(transactions: Iterable<Transaction>, options: LifecycleInputsOptions): LifecycleInput[] {
  const fn = "lifecycleInputs";
  const o = optionsBag(fn, options, ["asOf", "windowDays", "observationEnd"] as const satisfies readonly (keyof LifecycleInputsOptions)[]);
  const asOf = requiredAsOf(fn, o, "asOf");
  const windowMs = (o.windowDays === undefined ? 90 : positiveNumber(fn, o.windowDays, "options.windowDays")) * DAY_MS;
  const acc = new Map<CustomerId, { customerId: CustomerId; firstAt: number; lastAt: number; recentPurchases: number; priorPurchases: number }>();
  forEachTransaction(fn, transactions, "transactions", (id, ms) => {
    if (ms > asOf) return;
    let a = acc.get(id);
    if (a === undefined) {
      a = { customerId: id, firstAt: ms, lastAt: ms, recentPurchases: 0, priorPurchases: 0 };
      acc.set(id, a);
    }
    if (ms < a.firstAt) a.firstAt = ms;
    if (ms > a.lastAt) a.lastAt = ms;
    const w = purchaseWindow(ms, asOf, windowMs);
    if (w === 0) a.recentPurchases++;
    else if (w === 1) a.priorPurchases++;
  });
  return [...acc.values()].sort((x, y) => compareIds(x.customerId, y.customerId));
}

/**
 * The window of {@link lifecycleInputs} a purchase at `ms` counts in: 0 the recent one (asOf − window, asOf],
 * 1 the prior one (asOf − 2·window, asOf − window], −1 neither (also after `asOf`).
 */
export function purchaseWindow(ms: number, asOf: number, windowMs: number): -1 | 0 | 1 {
  if (ms > asOf) return -1;
  if (ms > asOf - windowMs) return 0;
  if (ms > asOf - 2 * windowMs) return 1;
  return -1;
}
