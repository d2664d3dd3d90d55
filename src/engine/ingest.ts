// Folds transaction batches into one summary accumulator and, when the lifecycle part is on, the window
// counts of lifecycleInputs (merged per customer across batches). Memory: one record per customer.
import { RetentionKitError } from "../data/RetentionKitError.js";
import type { CustomerId } from "../data/time.js";
import type { DictionaryIds, Transaction, TransactionColumns } from "../data/types.js";
import { purchaseWindow } from "../tiers/lifecycleStage.js";
import { DAY_MS, toMsOrNaN } from "../internal/time.js";
import { forEachTransaction, isColumns } from "../internal/transactions.js";
import { createSummaryAccumulator, type SummaryAccumulator } from "../summary/createSummaryAccumulator.js";
import type { TransactionBatch } from "./scoreTypes.js";
import type { KeptPurchases } from "./loyaltyColumns.js";

/** Ids below this are counted in typed arrays indexed by the id; others (strings, huge ids) in a Map. */
const DENSE_IDS = 1 << 26;

/**
 * Window counts per customer (recent, prior). Whole-number ids count in arrays indexed by the id: a Map lookup
 * per transaction cost most of the time of the counts on millions of rows.
 */
export class WindowCounts {
  private recentOf = new Int32Array(0);
  private priorOf = new Int32Array(0);
  private readonly other = new Map<CustomerId, [number, number]>();

  /** Adds `recent` and `prior` purchases to customer `id`. */
  add(id: CustomerId, recent: number, prior: number): void {
    if (typeof id === "number" && Number.isInteger(id) && id >= 0 && id < DENSE_IDS) {
      if (id >= this.recentOf.length) this.grow(id);
      this.recentOf[id]! += recent;
      this.priorOf[id]! += prior;
      return;
    }
    const c = this.other.get(id);
    if (c === undefined) this.other.set(id, [recent, prior]);
    else {
      c[0] += recent;
      c[1] += prior;
    }
  }

  /** Purchases of customer `id` in the recent window (0 when none were counted). */
  recent(id: CustomerId): number {
    if (typeof id === "number" && id >= 0 && id < this.recentOf.length && Number.isInteger(id)) return this.recentOf[id]!;
    return this.other.get(id)?.[0] ?? 0;
  }

  /** Purchases of customer `id` in the window before the recent one (0 when none were counted). */
  prior(id: CustomerId): number {
    if (typeof id === "number" && id >= 0 && id < this.priorOf.length && Number.isInteger(id)) return this.priorOf[id]!;
    return this.other.get(id)?.[1] ?? 0;
  }

  private grow(id: number): void {
    let cap = Math.max(1024, this.recentOf.length);
    while (cap <= id) cap *= 2;
    const r = new Int32Array(Math.min(cap, DENSE_IDS));
    const q = new Int32Array(r.length);
    r.set(this.recentOf);
    q.set(this.priorOf);
    this.recentOf = r;
    this.priorOf = q;
  }
}

export interface Ingest {
  acc: SummaryAccumulator;
  /** A second accumulator to a later end (the holdout check's), fed the same validated rows; or null. */
  full: SummaryAccumulator | null;
  counts: WindowCounts | null;
  /** The validated transactions (epoch ms, a missing amount as 0) when asked to keep them, else null. */
  kept: KeptPurchases | null;
  add(batch: unknown, base: string): void;
}

const CHUNK = 1 << 16;

export function createIngest(fn: string, observationEnd: number, period: "day" | "week", unit: "day" | "week", windowDays: number | null, fullEnd: number | null = null, keep = false): Ingest {
  const acc = createSummaryAccumulator({ observationEnd, period, unit, monetary: "repeat" });
  const full = fullEnd === null ? null : createSummaryAccumulator({ observationEnd: fullEnd, period, unit, monetary: "repeat" });
  const counts: WindowCounts | null = windowDays === null ? null : new WindowCounts();
  const kept: KeptPurchases | null = keep ? { customerId: [], at: [], amount: [] } : null;
  const addRows = (rows: readonly Transaction[], base: string, offset: number): void => {
    rethrowAt(fn, base, offset, () => {
      if (counts === null && full === null && kept === null) {
        acc.add(rows);
        return;
      }
      // Both folds need the rows: they are read once, validated, into columns that both then use (a row
      // read twice could answer differently the second time, through a getter or a reused object).
      const cols = readColumns(rows);
      acc.add(cols);
      if (full !== null) full.add(cols);
      if (counts !== null) addColumnCounts(counts, cols, observationEnd, windowDays! * DAY_MS);
      if (kept !== null) keepColumns(kept, cols);
    });
  };
  return {
    acc,
    full,
    counts,
    kept,
    add(batch, base) {
      if (isColumns(batch)) {
        rethrowAt(fn, base, 0, () => acc.add(batch));
        if (full !== null) rethrowAt(fn, base, 0, () => full.add(batch));
        if (counts !== null) addColumnCounts(counts, batch, observationEnd, windowDays! * DAY_MS);
        if (kept !== null) keepColumns(kept, batch);
      } else if (Array.isArray(batch)) {
        addRows(batch as Transaction[], base, 0);
      } else if (batch != null && typeof batch !== "string" && typeof (batch as Iterable<unknown>)[Symbol.iterator] === "function") {
        // A one-shot iterable is read once, in chunks: each chunk is folded twice (summary, window counts).
        // Each row's fields are copied as it arrives: a reader may refill and re-yield one row object.
        let chunk: unknown[] = [];
        let offset = 0;
        for (const row of batch as Iterable<unknown>) {
          chunk.push(copyRow(row));
          if (chunk.length === CHUNK) {
            addRows(chunk as Transaction[], base, offset);
            offset += CHUNK;
            chunk = [];
          }
        }
        if (chunk.length > 0) addRows(chunk as Transaction[], base, offset);
      } else {
        throw new RetentionKitError("INVALID_TYPE", `${fn}: ${base} must be transaction rows (an iterable) or columns, got ${batch === null ? "null" : typeof batch}`, base);
      }
    },
  };
}

/**
 * A row's fields as a new object, each read once (a getter is not asked twice), so that buffering keeps
 * nothing of the caller's row. A row without `customerId`, `at` or `amount` is copied whole (shallowly, a
 * Date cloned), so the readers can still name a misnamed field (`customer_id`, `date`, `value`). Anything
 * but a plain row object is kept as it is, for the readers' errors.
 */
export function copyRow(row: unknown): unknown {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return row;
  const r = row as { customerId?: unknown; at?: unknown; amount?: unknown };
  const id = r.customerId;
  const at = r.at;
  const amount = r.amount;
  const when = at instanceof Date ? new Date(at.getTime()) : at;
  if (id !== undefined && at !== undefined && amount !== undefined) return { customerId: id, at: when, amount };
  // The whole row, with the values read above (a missing field stays missing, so its hint can name the column).
  const copy: Record<string, unknown> = { ...row };
  if (id !== undefined) copy.customerId = id;
  if (at !== undefined) copy.at = when;
  if (amount !== undefined) copy.amount = amount;
  return copy;
}

/** Transaction rows read once into validated columns (errors name `transactions[i].field`, as the accumulator's). */
function readColumns(rows: readonly Transaction[]): { customerId: CustomerId[]; at: Float64Array; amount: Float64Array } {
  const n = rows.length;
  const customerId = new Array<CustomerId>(n);
  const at = new Float64Array(n);
  const amount = new Float64Array(n);
  forEachTransaction("SummaryAccumulator.add", rows, "transactions", (id, ms, a, i) => {
    customerId[i] = id;
    at[i] = ms;
    amount[i] = a;
  });
  return { customerId, at, amount };
}

/**
 * The window counts of lifecycleInputs over columns the accumulator has validated: each purchase in a window
 * (purchaseWindow, the rule lifecycleInputs applies) counted to its customer, without a row object per
 * transaction. Customers without a purchase in either window get no entry (their counts are 0).
 */
function addColumnCounts(counts: WindowCounts, c: TransactionColumns, asOf: number, windowMs: number): void {
  const ids = c.customerId;
  if (!("length" in ids)) {
    addCodedCounts(counts, ids, c.at, asOf, windowMs);
    return;
  }
  const n = ids.length;
  for (let i = 0; i < n; i++) {
    const t = c.at[i];
    const w = purchaseWindow(typeof t === "number" ? t : toMsOrNaN(t), asOf, windowMs);
    if (w < 0) continue;
    if (w === 0) counts.add(ids[i]!, 1, 0);
    else counts.add(ids[i]!, 0, 1);
  }
}

/** Appends columns the accumulator has validated to the kept transactions (times as epoch ms, no amount as 0). */
function keepColumns(kept: KeptPurchases, c: TransactionColumns): void {
  const ids = c.customerId;
  // Dictionary-encoded ids are kept as the ids they stand for (the accumulator has checked the codes).
  const idOf: (i: number) => CustomerId =
    "length" in ids ? (i) => ids[i]! : (i) => { const v = ids.dictionary[ids.codes[i]!]!; return typeof v === "number" ? v + 0 : v; };
  const n = "length" in ids ? ids.length : ids.codes.length;
  const amount = c.amount;
  for (let i = 0; i < n; i++) {
    const t = c.at[i];
    kept.customerId.push(idOf(i));
    kept.at.push(typeof t === "number" ? t + 0 : toMsOrNaN(t));
    kept.amount.push(amount === undefined ? 0 : (amount[i] ?? 0) + 0);
  }
}

/** {@link addColumnCounts} for dictionary-encoded ids: counted by code, then added once per dictionary entry. */
function addCodedCounts(counts: WindowCounts, ids: DictionaryIds, at: ArrayLike<unknown>, asOf: number, windowMs: number): void {
  const { codes, dictionary } = ids;
  const m = dictionary.length;
  const recent = new Int32Array(m);
  const prior = new Int32Array(m);
  for (let i = 0; i < codes.length; i++) {
    const t = at[i];
    const w = purchaseWindow(typeof t === "number" ? t : toMsOrNaN(t), asOf, windowMs);
    if (w < 0) continue;
    if (w === 0) recent[codes[i]!]!++;
    else prior[codes[i]!]!++;
  }
  for (let j = 0; j < m; j++) if (recent[j] !== 0 || prior[j] !== 0) counts.add(dictionary[j]!, recent[j]!, prior[j]!);
}

/** Re-throws a composed function's error with the engine's name first and the path inside `input`. */
export function rethrowAt(fn: string, base: string, offset: number, run: () => void): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof RetentionKitError)) throw e;
    let path = e.path;
    if (path !== null) {
      const m = /^(?:transactions|columns|batch)(?:\[(\d+)\])?(.*)$/.exec(path);
      if (m !== null) path = `${base}${m[1] === undefined ? "" : `[${Number(m[1]) + offset}]`}${m[2]!}`;
    }
    throw new RetentionKitError(e.code, `${fn}: ${e.message}`, path);
  }
}
