import type { CustomerId, TimeUnit } from "../data/time.js";
import type { CustomerSummary, Transaction, TransactionColumns } from "../data/types.js";
import { periodIndexOf } from "../internal/time.js";
import { isColumns } from "../internal/transactions.js";
import { customerId, fail, finiteNumber, integerAtLeast, nonNegativeNumber, record, show } from "../internal/validate.js";
import { addColumns, addTransactions } from "./internal/foldTransactions.js";
import { summaryOptions, type SummaryOptionsResolved } from "./internal/summaryOptions.js";
import { SummaryState, type SummaryColumns, type TypedSummaryColumns } from "./internal/summaryState.js";
import type { summarizeTransactions } from "./summarizeTransactions.js";
import type { SummarizeOptions } from "./types.js";

/**
 * The plain-data (JSON) form of a {@link SummaryAccumulator}'s state: what a worker thread or another machine
 * sends back so that its part can be merged. Customers are columns (value `i` of each array is customer
 * `i`); their distinct purchase periods are concatenated in `periods`, `periodCount[i]` of them per customer.
 * A period is an integer: UTC days since 1970-01-01 (`period: "day"`), or ISO weeks since the Monday-based
 * week of 1970-01-01 (`"week"`). Size grows with customers and their distinct periods, not with rows.
 *
 * @category Summary
 * @example
 * ```ts
 * const acc = createSummaryAccumulator({ observationEnd: "2024-01-31" });
 * acc.add([{ customerId: "a", at: "2024-01-02", amount: 5 }]);
 * JSON.stringify(acc.toJSON().periods);
 * // => "[19724]"
 * ```
 */
export interface SummaryPartial {
  /** Always `"retention-kit/summary-partial"`. */
  format: "retention-kit/summary-partial";
  /** Format version, `1`. */
  version: 1;
  /** The accumulator's options, resolved: `observationEnd` in epoch ms. Parts merge only when these match. */
  options: { observationEnd: number; period: TimeUnit; unit: TimeUnit; monetary: "repeat" | "all" };
  /** Rows left out because their period is after the observation end's. */
  skippedAfterEnd: number;
  /** Customer ids. */
  customerId: CustomerId[];
  /** Epoch ms of each customer's earliest transaction. */
  firstAt: number[];
  /** Epoch ms of each customer's latest transaction (not after the observation end's period). */
  lastAt: number[];
  /** Spend in each customer's first purchase period (the exact sum of its amounts, correctly rounded). */
  firstPeriodAmount: number[];
  /**
   * What `firstPeriodAmount` leaves out of the exact sum (0 when it is exact): parts keep sums exact, so that
   * merging in any order gives the same numbers. Optional on input (0).
   */
  firstPeriodAmountLow?: number[];
  /** Total spend of each customer (the exact sum of its amounts, correctly rounded). */
  totalAmount: number[];
  /** What `totalAmount` leaves out of the exact sum, as `firstPeriodAmountLow`. Optional on input (0). */
  totalAmountLow?: number[];
  /**
   * The rare remainders that one number cannot hold (amounts of wildly different scales): for customer
   * `customer`, the exact `field` is its value plus the sum of `parts` (its `…Low` entry is then 0).
   * Optional on input (none).
   */
  amountParts?: { customer: number; field: "totalAmount" | "firstPeriodAmount"; parts: number[] }[];
  /** Transaction rows of each customer. */
  transactionCount: number[];
  /** Distinct purchase periods of each customer (≥ 1). */
  periodCount: number[];
  /** Every customer's distinct purchase periods, ascending, concatenated in customer order. */
  periods: number[];
}

/**
 * Options of {@link createSummaryAccumulator}: the same as {@link summarizeTransactions}'.
 *
 * @category Summary
 * @example
 * ```ts
 * const options: SummaryAccumulatorOptions = { observationEnd: "1997-09-30", unit: "week" };
 * ```
 */
export type SummaryAccumulatorOptions = SummarizeOptions;

/** The accumulator's columns as typed arrays, for the engine (see {@link accumulatorColumns}). */
export type { TypedSummaryColumns };

/**
 * A mergeable, serialisable summary in progress: add batches of transactions (rows or columns) as they
 * arrive, merge parts computed elsewhere, and finish into the same rows as {@link summarizeTransactions}
 * on everything that was added.
 *
 * @category Summary
 * @example
 * ```ts
 * const acc = createSummaryAccumulator({ observationEnd: "2024-01-31" });
 * acc.add([{ customerId: 1, at: "2024-01-01", amount: 10 }]).add([{ customerId: 1, at: "2024-01-15", amount: 20 }]);
 * acc.finish()[0]?.frequency;
 * // => 1
 * ```
 */
export interface SummaryAccumulator {
  /**
   * Folds a batch in: an iterable of `{ customerId, at, amount? }` rows or {@link TransactionColumns} (ids
   * may be dictionary-encoded, each batch with its own dictionary).
   * Rows are validated as in {@link summarizeTransactions} (paths name the row within this batch). A batch
   * that throws may have been partly added: discard the accumulator.
   */
  add(batch: Iterable<Transaction> | TransactionColumns): SummaryAccumulator;
  /**
   * Folds another part in: another accumulator or its {@link SummaryPartial} (for example parsed from
   * JSON), validated as untrusted input. Throws `INCOMPATIBLE_SUMMARIES` when the options differ;
   * for a malformed part, at its path (`other.lastAt[3]`): `INVALID_INPUT` (shape, unknown keys, periods
   * not ascending or after the end), `INVALID_TYPE` / `INVALID_NUMBER` / `NOT_INTEGER` for values,
   * `DUPLICATE_ID`, `INVALID_DATE`, `NEGATIVE_AMOUNT`, `INVALID_RANGE` (lastAt before firstAt) and
   * `INCONSISTENT_COUNTS` (times outside their periods, fewer rows than periods, a first-period spend above
   * the total). Nothing is merged when it throws.
   */
  merge(other: SummaryAccumulator | SummaryPartial): SummaryAccumulator;
  /** The summaries of everything added and merged so far, as {@link summarizeTransactions} returns them. */
  finish(): CustomerSummary[];
  /** The state as plain data; `createSummaryAccumulator(p.options).merge(p)` restores it. */
  toJSON(): SummaryPartial;
}

const FORMAT = "retention-kit/summary-partial";
const states = new WeakMap<object, { state: SummaryState; o: SummaryOptionsResolved }>();

/**
 * Creates a {@link SummaryAccumulator}: the per-customer buy-till-you-die summary of
 * {@link summarizeTransactions}, computed incrementally and in parts. Any split of the input — by time, by
 * customer, by arbitrary row chunks — added to separate accumulators and merged in any order finishes to
 * the same summaries as {@link summarizeTransactions} on the whole input, bit for bit: sums of amounts are
 * kept exact (a high and a low part per sum, carried by {@link SummaryPartial}) and rounded once at the end.
 *
 * Merging is exact because each part keeps every customer's distinct purchase periods (a period bought in
 * by two parts counts once), the spend in the customer's first period, and totals.
 *
 * @param options - as {@link summarizeTransactions}: `observationEnd` (required; `asOf` is accepted as its synonym),
 *   `period`, `unit`, `monetary`
 * @returns an empty accumulator
 * @throws RetentionKitError `INVALID_DATE`, `INVALID_UNIT`, `INVALID_OPTION` for options; `finish` and
 *   `toJSON` throw `OUT_OF_RANGE` when a customer's amounts add up to more than `Number.MAX_VALUE`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Summary
 * @example
 * ```ts
 * const options = { observationEnd: "2024-01-31", unit: "day" };
 * const worker1 = createSummaryAccumulator(options).add([{ customerId: "a", at: "2024-01-01", amount: 10 }]);
 * const worker2 = createSummaryAccumulator(options).add([{ customerId: "a", at: "2024-01-15", amount: 20 }]);
 * const sent = JSON.parse(JSON.stringify(worker2)); // a SummaryPartial
 * worker1.merge(sent).finish().map((s) => [s.customerId, s.frequency, s.recency, s.monetaryValue]);
 * // => [["a", 1, 14, 20]]
 * ```
 */
export function createSummaryAccumulator(options: SummaryAccumulatorOptions): SummaryAccumulator {
  const fn = "createSummaryAccumulator";
  const o = summaryOptions(fn, options);
  const state = new SummaryState(o.period, o.observationEndMs, "createSummaryAccumulator", "batch");
  const acc: SummaryAccumulator = {
    add(batch) {
      const f = "SummaryAccumulator.add";
      if (isColumns(batch)) addColumns(f, batch, "columns", state);
      else addTransactions(f, batch, "transactions", state);
      return acc;
    },
    merge(other) {
      const f = "SummaryAccumulator.merge";
      const internal = typeof other === "object" && other !== null ? states.get(other) : undefined;
      if (internal !== undefined) {
        if (internal.state === state) fail(f, "INVALID_INPUT", "an accumulator cannot be merged into itself", "other");
        checkCompatible(f, o, internal.o);
        state.mergeColumns(internal.state.toColumns());
      } else {
        state.mergeColumns(readPartial(f, other, o, state.lastPeriod));
      }
      return acc;
    },
    finish() {
      return state.summaries(o.unit, o.monetary);
    },
    toJSON() {
      const c = state.toColumns();
      return {
        format: FORMAT,
        version: 1,
        options: optionsOf(o),
        skippedAfterEnd: c.skippedAfterEnd,
        customerId: c.ids,
        firstAt: Array.from(c.firstMs),
        lastAt: Array.from(c.lastMs),
        firstPeriodAmount: Array.from(c.firstSpend),
        firstPeriodAmountLow: Array.from(c.firstSpendLow),
        totalAmount: Array.from(c.total),
        totalAmountLow: Array.from(c.totalLow),
        amountParts: Array.from(c.parts, ([key, parts]) => ({
          customer: key >> 1,
          field: key & 1 ? ("firstPeriodAmount" as const) : ("totalAmount" as const),
          parts: parts.slice(),
        })),
        transactionCount: Array.from(c.rows),
        periodCount: Array.from(c.periodCount),
        periods: sortedPeriods(c),
      };
    },
  };
  states.set(acc, { state, o });
  return acc;
}

/** Each customer's periods in ascending order (the state keeps them in no particular order). */
function sortedPeriods(c: SummaryColumns): number[] {
  const periods = c.periods.slice();
  for (let i = 0, k = 0; i < c.periodCount.length; k += c.periodCount[i]!, i++) periods.subarray(k, k + c.periodCount[i]!).sort();
  return Array.from(periods);
}

/** Rows an accumulator left out because they were after the observation end's period (not public). */
export function accumulatorSkipped(acc: SummaryAccumulator): number {
  return states.get(acc)!.state.skippedAfterEnd;
}

/** An accumulator's summaries as typed columns (the engine's input; not public). */
export function accumulatorColumns(acc: SummaryAccumulator): TypedSummaryColumns {
  const internal = states.get(acc)!;
  return internal.state.typedTable(internal.o.unit, internal.o.monetary);
}

function optionsOf(o: SummaryOptionsResolved): SummaryPartial["options"] {
  return { observationEnd: o.observationEndMs, period: o.period, unit: o.unit, monetary: o.monetary };
}

function checkCompatible(fn: string, mine: SummaryOptionsResolved, theirs: SummaryPartial["options"] | SummaryOptionsResolved): void {
  const a = optionsOf(mine);
  const b = "observationEndMs" in theirs ? optionsOf(theirs) : theirs;
  for (const key of ["observationEnd", "period", "unit", "monetary"] as const) {
    if (a[key] !== b[key]) {
      fail(fn, "INCOMPATIBLE_SUMMARIES", `parts differ in ${key}: ${show(a[key])} here, ${show(b[key])} in the other part`, `other.options.${key}`);
    }
  }
}

const PARTIAL_KEYS: ReadonlySet<string> = new Set(["format", "version", "options", "skippedAfterEnd", "customerId", "firstAt", "lastAt", "firstPeriodAmount", "totalAmount", "transactionCount", "periodCount", "periods", "totalAmountLow", "firstPeriodAmountLow", "amountParts"]);
const OPTION_KEYS: ReadonlySet<string> = new Set(["observationEnd", "period", "unit", "monetary"]);
/** The largest |epoch ms| a Date can hold. */
const MAX_TIME = 8.64e15;

/** Refuses keys a partial does not have (a typo, or a prototype-named key, would be ignored otherwise). */
function knownKeys(fn: string, obj: Record<string, unknown>, keys: ReadonlySet<string>, path: string): void {
  for (const key of Object.keys(obj)) {
    if (!keys.has(key)) fail(fn, "INVALID_INPUT", `${path}.${key} is not a field of a SummaryPartial (expected ${[...keys].join(", ")})`, `${path}.${key}`);
  }
}

/**
 * Validates a SummaryPartial as untrusted input (it may come from JSON written elsewhere, or be tampered
 * with) and reads it as columns. Everything a real partial satisfies is checked, so that merging it gives
 * the summary of some set of transactions: the options match; ids are distinct; each customer's periods
 * are distinct, ascending, within Date's range and not after the observation end's period; firstAt and
 * lastAt fall in the customer's first and last periods, firstAt ≤ lastAt; spends are ≥ 0, the first
 * period's at most the total (equal to it with one period); at least one row per period (two when one
 * period holds two distinct times). Each value is read once.
 */
function readPartial(fn: string, value: unknown, o: SummaryOptionsResolved, lastPeriod: number): SummaryColumns {
  const p = record(fn, value, "other");
  if (p.format !== FORMAT || p.version !== 1) {
    fail(fn, "INVALID_INPUT", `other must be a SummaryAccumulator or a SummaryPartial (format "${FORMAT}", version 1), got ${show(p.format)} version ${show(p.version)}`, "other.format");
  }
  knownKeys(fn, p, PARTIAL_KEYS, "other");
  const opts = record(fn, p.options, "other.options");
  knownKeys(fn, opts, OPTION_KEYS, "other.options");
  checkCompatible(fn, o, opts as SummaryPartial["options"]);
  const rawIds = numbersOrIds(fn, p.customerId, "other.customerId", -1);
  const m = rawIds.length;
  const ids: CustomerId[] = new Array(m);
  const seen = new Set<CustomerId>();
  for (let i = 0; i < m; i++) {
    const id = customerId(fn, rawIds[i], `other.customerId[${i}]`);
    if (seen.has(id)) fail(fn, "DUPLICATE_ID", `other.customerId[${i}] ${show(id)} appears twice; a partial has one entry per customer`, `other.customerId[${i}]`);
    seen.add(id);
    ids[i] = id;
  }
  const col = (key: string, check: (x: unknown, path: string) => number): Float64Array => {
    const arr = numbersOrIds(fn, p[key], `other.${key}`, m);
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = check(arr[i], `other.${key}[${i}]`);
    return out;
  };
  const instant = (x: unknown, path: string): number => {
    const t = finiteNumber(fn, x, path);
    if (!(t >= -MAX_TIME && t <= MAX_TIME)) fail(fn, "INVALID_DATE", `${path} must be epoch ms within ±${MAX_TIME}, got ${show(t)}`, path);
    return t + 0;
  };
  const amount = (x: unknown, path: string): number => nonNegativeNumber(fn, x, path, "NEGATIVE_AMOUNT") + 0;
  const counts = col("periodCount", (x, path) => integerAtLeast(fn, x, path, 1));
  let total = 0;
  for (let i = 0; i < m; i++) total += counts[i]!;
  const rawPeriods = numbersOrIds(fn, p.periods, "other.periods", total);
  const firstMs = col("firstAt", instant);
  const lastMs = col("lastAt", instant);
  const firstSpend = col("firstPeriodAmount", amount);
  const totals = col("totalAmount", amount);
  const rows = col("transactionCount", (x, path) => {
    const n = integerAtLeast(fn, x, path, 1);
    if (!(n <= Number.MAX_SAFE_INTEGER)) fail(fn, "OUT_OF_RANGE", `${path} must be at most ${Number.MAX_SAFE_INTEGER}, got ${show(n)}`, path);
    return n;
  });
  const periods = new Int32Array(total);
  const minPeriod = periodIndexOf(-MAX_TIME, o.period);
  for (let i = 0, k = 0; i < m; i++) {
    const count = counts[i]!;
    const from = k;
    for (let q = 0; q < count; q++, k++) {
      const path = `other.periods[${k}]`;
      const x = integerAtLeast(fn, rawPeriods[k], path, minPeriod);
      if (x > lastPeriod) fail(fn, "INVALID_INPUT", `${path} (${x}) is after the observation end's period (${lastPeriod})`, path);
      if (q > 0 && !(x > periods[k - 1]!)) fail(fn, "INVALID_INPUT", `${path} (${x}) must be after ${periods[k - 1]!}: each customer's periods are distinct and ascending`, path);
      periods[k] = x;
    }
    const first = periods[from]!;
    const last = periods[k - 1]!;
    const at = (key: string): string => `other.${key}[${i}]`;
    if (!(firstMs[i]! <= lastMs[i]!)) fail(fn, "INVALID_RANGE", `${at("lastAt")} (${show(lastMs[i])}) is before firstAt (${show(firstMs[i])})`, at("lastAt"));
    if (periodIndexOf(firstMs[i]!, o.period) !== first) fail(fn, "INCONSISTENT_COUNTS", `${at("firstAt")} is not in the customer's first period (${first})`, at("firstAt"));
    if (periodIndexOf(lastMs[i]!, o.period) !== last) fail(fn, "INCONSISTENT_COUNTS", `${at("lastAt")} is not in the customer's last period (${last})`, at("lastAt"));
    const needed = count + (count === 1 && firstMs[i] !== lastMs[i] ? 1 : 0);
    if (!(rows[i]! >= needed)) fail(fn, "INCONSISTENT_COUNTS", `${at("transactionCount")} (${rows[i]!}) is fewer than the customer's ${needed} rows (${count} period${count === 1 ? "" : "s"}${needed > count ? ", two distinct times" : ""})`, at("transactionCount"));
    if (count === 1 ? totals[i] !== firstSpend[i] : !(totals[i]! >= firstSpend[i]!)) {
      fail(fn, "INCONSISTENT_COUNTS", `${at("totalAmount")} (${show(totals[i])}) must be ${count === 1 ? "equal to" : "at least"} firstPeriodAmount (${show(firstSpend[i])})${count === 1 ? " with one purchase period" : ""}`, at("totalAmount"));
    }
  }
  return {
    ids,
    firstMs,
    lastMs,
    firstSpend,
    firstSpendLow: p.firstPeriodAmountLow === undefined ? new Float64Array(m) : col("firstPeriodAmountLow", (x, path) => finiteNumber(fn, x, path)),
    total: totals,
    totalLow: p.totalAmountLow === undefined ? new Float64Array(m) : col("totalAmountLow", (x, path) => finiteNumber(fn, x, path)),
    parts: readAmountParts(fn, p.amountParts, m),
    rows,
    periodCount: Int32Array.from(counts),
    periods,
    skippedAfterEnd: integerAtLeast(fn, p.skippedAfterEnd, "other.skippedAfterEnd", 0),
  };
}

/** The `amountParts` of a partial: finite parts of customers `0 .. m − 1`, each (customer, field) once. */
function readAmountParts(fn: string, value: unknown, m: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  if (value === undefined) return out;
  const list = numbersOrIds(fn, value, "other.amountParts", -1);
  list.forEach((raw, k) => {
    const path = `other.amountParts[${k}]`;
    const e = record(fn, raw, path);
    const customer = integerAtLeast(fn, e.customer, `${path}.customer`, 0);
    if (!(customer < m)) fail(fn, "INVALID_INPUT", `${path}.customer must be below ${m} (the customers of the part), got ${show(customer)}`, `${path}.customer`);
    if (e.field !== "totalAmount" && e.field !== "firstPeriodAmount") {
      fail(fn, "INVALID_INPUT", `${path}.field must be "totalAmount" or "firstPeriodAmount", got ${show(e.field)}`, `${path}.field`);
    }
    const key = 2 * customer + (e.field === "totalAmount" ? 0 : 1);
    if (out.has(key)) fail(fn, "INVALID_INPUT", `${path} repeats customer ${customer}'s ${e.field}`, path);
    const parts = numbersOrIds(fn, e.parts, `${path}.parts`, -1);
    if (parts.length > 64) fail(fn, "INVALID_INPUT", `${path}.parts must hold at most 64 numbers, got ${parts.length}`, `${path}.parts`);
    out.set(key, parts.map((x, i) => finiteNumber(fn, x, `${path}.parts[${i}]`)));
  });
  return out;
}

/** An array of `length` values (any length when `length` is −1). */
function numbersOrIds(fn: string, value: unknown, path: string, length: number): readonly unknown[] {
  if (!Array.isArray(value)) fail(fn, "INVALID_INPUT", `${path} must be an array, got ${show(value)}`, path);
  if (length >= 0 && value.length !== length) {
    fail(fn, "INVALID_INPUT", `${path} must have ${length} values, got ${value.length}`, path);
  }
  return value as readonly unknown[];
}
