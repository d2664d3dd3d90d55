// The one implementation of the per-customer transaction summary. summarizeTransactions, summarizeColumns,
// the calibration split and the engine's mergeable accumulator all fold rows into this state, so a summary
// is computed in exactly one way. Per customer it keeps O(1) numbers plus the customer's distinct purchase
// periods (needed to count repeat purchases when rows arrive out of order, and to merge parts).
//
// Layout, chosen from profiles of 10 M rows over 1 M customers (random order): the time goes to cache
// misses, one per per-customer column touched. So each customer is one 128-byte record (two adjacent cache
// lines): five float64 (first/last ms, total spend as a high and a low part, rows), six int32 (first and
// last period, distinct periods, head of the overflow list, a 64-bit mask of period mod 64) and the
// customer's first 16 distinct periods inline; the first-period spend sits in a parallel array.
// Sums of amounts are exact (error-free transformations, rounded once when read), so any order of the rows,
// and any split and merge of them, gives the same numbers bit for bit. Periods beyond 16 go to one pooled linked list (value, next); beyond
// 48, to a Set. The mask answers "is this period new?" without a scan in almost every case; a scan of the
// inline periods stays within the record (a linked list there cost a miss per node).
// Small non-negative integer ids index an Int32Array
// instead of a Map. When the caller knows up front that the ids are dense non-negative integers (a scan
// of an id column, see directIdCapacity), the state starts in "direct" mode: a customer's record IS at
// index id, which saves the id lookup per row and makes the sorted output a sequential scan. Any other id
// arriving later moves the state to the general layout once.
import type { CustomerId } from "../../data/time.js";
import type { CustomerSummary } from "../../data/types.js";
import type { SummaryTable } from "../types.js";
import { doubleColumn, small } from "../../internal/boxing.js";
import { addToExpansion, expansionRest, roundExpansion } from "../../internal/exactSum.js";
import { type FixedUnit, periodIndexOf, periodStart, unitMs } from "../../internal/time.js";
import type { RowCell } from "../../internal/transactions.js";
import { fail, show } from "../../internal/validate.js";
import { DIRECT_CEILING, DIRECT_SMALL } from "./directIds.js";

/** A customer's distinct periods are kept in the pooled list until it grows long; then in a Set. */
const LIST_LIMIT = 48;
/** `head` value of a customer whose periods moved to a Set (0 = no periods; k > 0 = pool node k). */
const IN_SET = -1;

// float64 slots of a record (stride 16) and int32 slots (stride 32, sharing the same 128 bytes). Sums of
// amounts are exact: a sum is a high part (the running double sum) plus a low part (the exact sum of the
// rounding errors), see addExact. The total's parts are in the record (every row adds to it); the first-
// period spend, which only rows of a customer's first period touch, is kept in a parallel array (`first`:
// high part at 2·slot, low part at 2·slot + 1), which leaves room in the record for 16 inline periods.
const F_FIRST_MS = 0;
const F_LAST_MS = 1;
const F_TOTAL = 2;
const F_TOTAL_LO = 3;
const F_ROWS = 4;
const I_FIRST_P = 10;
const I_MAX_P = 11;
const I_DISTINCT = 12;
const I_HEAD = 13;
const I_MASK = 14; // 14 and 15
const I_INLINE = 16; // 16 .. 31: a customer's first 16 periods
const INLINE = 16;
const RECORD_BYTES = 128;

/**
 * Writes the canonical form of the exact sum hi + lo — its rounded value and the exact rest — to `value[j]`
 * and `low[j]`; false (nothing written) for a spilled low part (NaN) or an overflow, which the caller reads
 * the slow way.
 */
function canonicalInto(hi: number, lo: number, value: Float64Array, low: Float64Array, j: number): boolean {
  const s = hi + lo;
  if (!Number.isFinite(s)) return false; // NaN low part, or beyond the doubles
  const z = s - hi;
  value[j] = s;
  low[j] = hi - (s - z) + (lo - z);
  return true;
}

/** Which exact sum of a customer: the total or the first-period spend (the key of a spilled low part). */
const SUM_TOTAL = 0;
const SUM_FIRST = 1;

/** Where sum `which` of slot `i` keeps its high part: in the record (`f`) or in `first`. */
function hiIndex(i: number, which: number): number {
  return which === SUM_TOTAL ? (i << 4) + F_TOTAL : 2 * i;
}

/** Where sum `which` of slot `i` keeps its low part. */
function loIndex(i: number, which: number): number {
  return which === SUM_TOTAL ? (i << 4) + F_TOTAL_LO : 2 * i + 1;
}

/**
 * Adds `x` to the exact sum `F[h] + F[l]` with error-free two-sums: the high part takes the rounded sum and
 * the low part its rounding error. Returns 0, or the error when the low part cannot hold it exactly (amounts
 * of very different scales) or the high part overflowed (NaN): the caller then spills (SummaryState.spill).
 */
function addExact(F: Float64Array, h: number, l: number, x: number): number {
  const t = F[h]!;
  const s = t + x;
  const z = s - t;
  const e = t - (s - z) + (x - z);
  F[h] = s;
  if (e === 0) return 0;
  const lo = F[l]!;
  const u = lo + e;
  // u is exact iff both differences give the terms back (the one from the larger term is exact either way).
  if (u - lo !== e || u - e !== lo) return e; // also NaN: a spilled low part, or an overflow
  F[l] = u;
  return 0;
}

/** Dense ids below this bound always index the lookup table (16 MB at most); above, only while dense enough. */
const DENSE_FLOOR = 1 << 22;
const DENSE_CEILING = 1 << 30;

/** Rows folded per block: 2^BLOCK_BITS records of 128 bytes (256 KB) stay in L2 cache while folded. */
const BLOCK_BITS = 11;
const BLOCK = 1 << BLOCK_BITS;
/** Bounds on the rows {@link SummaryState.push} buffers before folding them (24 bytes each, twice). */
const PENDING_MIN = 1 << 16;
const PENDING_MAX = 1 << 23;

/**
 * Buffered rows, 24 bytes each, interleaved so that moving a row writes one place: float64 slots 3k (ms)
 * and 3k + 1 (amount), int32 slots 6k + 4 (customer slot) and 6k + 5 (period).
 */
interface RowBuffer {
  f: Float64Array;
  n: Int32Array;
  size: number;
}

function rowBuffer(size: number): RowBuffer {
  const buffer = new ArrayBuffer(size * 24);
  return { f: new Float64Array(buffer), n: new Int32Array(buffer), size };
}

function growRows(b: RowBuffer, size: number): RowBuffer {
  const g = rowBuffer(size);
  g.n.set(b.n);
  return g;
}

export type SummaryRow = CustomerSummary;

/** Whether `p` is among the `count` inline periods of the record at int32 offset `ni`. */
function inlineHas(n: Int32Array, ni: number, count: number, p: number): boolean {
  const bit = p & 63;
  if ((n[ni + I_MASK + (bit >> 5)]! & (1 << (bit & 31))) === 0) return false;
  for (let j = 0; j < count; j++) if (n[ni + I_INLINE + j] === p) return true;
  return false;
}

/** The fields of a {@link SummaryTable} with columns of type `T`. */
export type SummaryColumnsOf<T> = { customerId: CustomerId[] } & { [K in Exclude<keyof SummaryTable, "customerId" | "unit" | "observationEnd">]: T };

/** The columns of a {@link SummaryTable} as typed arrays (without its unit and end). */
export type TypedSummaryColumns = SummaryColumnsOf<Float64Array>;

/**
 * A state as flat columns (customers in slot order, periods concatenated): the form merged across states
 * and serialised by the accumulator.
 */
export interface SummaryColumns {
  ids: CustomerId[];
  firstMs: Float64Array;
  lastMs: Float64Array;
  firstSpend: Float64Array;
  /** Exact remainders: firstSpend + firstSpendLow (+ Σ parts) is the exact first-period spend. */
  firstSpendLow: Float64Array;
  total: Float64Array;
  /** Exact remainders of the totals, as firstSpendLow. */
  totalLow: Float64Array;
  /** Remainders that one double cannot hold, by 2·customer (total) or 2·customer + 1 (first-period spend). */
  parts: Map<number, number[]>;
  rows: Float64Array;
  periodCount: Int32Array;
  periods: Int32Array;
  skippedAfterEnd: number;
}

export class SummaryState {
  readonly period: FixedUnit;
  readonly lastPeriod: number;
  size = 0;
  /** Rows left out because they fall in a period after the observation end. */
  skippedAfterEnd = 0;
  /** Direct mode: slot = id (see the file comment). */
  private direct: boolean;
  /**
   * Direct mode over dictionary codes: slot `i` is customer `names[i]` (see {@link SummaryState.nameSlots});
   * null when slot = id.
   */
  private names: readonly CustomerId[] | null = null;
  private slotIds: CustomerId[] = [];
  private cap = 0;
  private f: Float64Array = new Float64Array(0);
  private n: Int32Array = new Int32Array(0);
  /** First-period spend per slot: high part at 2·slot, low part at 2·slot + 1. */
  private first: Float64Array = new Float64Array(0);
  private dense: Int32Array = new Int32Array(0); // id -> slot + 1, 0 = unseen
  private readonly byKey = new Map<CustomerId, number>();
  private pool: Int32Array = new Int32Array(0); // (period, next) pairs; node 0 unused, next 0 = end
  private poolSize = 1;
  private sets = new Map<number, Set<number>>();
  /** Low parts of sums that one double cannot hold exactly, by 2·slot + SUM_TOTAL / SUM_FIRST (see spill). */
  private lows = new Map<number, number[]>();
  /** The public function and argument named by errors found while reading the state. */
  private readonly fn: string;
  private readonly path: string;
  private version = 0;
  /** The time and amount of a row pushed one at a time. */
  private readonly row64 = new Float64Array(2);
  /** The one-row buffer of {@link SummaryState.add}. */
  private readonly one: RowBuffer = rowBuffer(1);
  /** One customer's measured fields (see measure). */
  private readonly scratch = new Float64Array(8);
  /** Reused expansions (see repeatSpend). */
  private readonly scratchParts: number[] = [];
  /** Where {@link SummaryState.warm} leaves its sum (so its reads are kept). */
  warmth = 0;
  /** Rows waiting to be folded (see {@link SummaryState.push}): slot, period, time, amount. */
  private pending = 0;
  private buf: RowBuffer = rowBuffer(0);
  private sorted: RowBuffer = rowBuffer(0);
  private readonly views = new Map<string, { version: number; data: Float64Array | Int32Array }>();

  /**
   * @param period - purchase period
   * @param observationEndMs - rows in a later period are left out
   * @param fn - the public function that errors name
   * @param path - the argument holding the amounts, for errors
   */
  constructor(period: FixedUnit, observationEndMs: number, fn = "summarizeTransactions", path = "transactions") {
    this.period = period;
    this.fn = fn;
    this.path = path;
    this.lastPeriod = periodIndexOf(observationEndMs, period);
    this.direct = false;
    this.grow(16);
    this.growPool(64);
  }

  /**
   * Readies a state for `rows` more rows: an empty state moves to direct mode when `directCapacity` (from
   * {@link directIdCapacity}) is > 0, and the row buffer is sized once — V8 answers each large buffer
   * allocated with a full collection, so growing one in steps costs more than the rows.
   */
  prepare(rows: number, directCapacity: number): void {
    if (this.size === 0 && this.pending === 0 && directCapacity > 0) {
      this.direct = true;
      this.cap = 0;
      this.f = new Float64Array(0);
      this.n = new Int32Array(0);
      this.first = new Float64Array(0);
      this.grow(directCapacity);
    }
    const size = Math.min(rows, this.pendingMax());
    if (size > this.buf.size) this.buf = growRows(this.buf, size);
  }

  /** Customer ids by slot (holes at unused slots in direct mode). */
  get ids(): CustomerId[] {
    if (!this.direct) return this.slotIds;
    const out: CustomerId[] = new Array(this.cap);
    const names = this.names;
    for (let i = 0; i < this.cap; i++) if (this.n[(i << 5) + I_DISTINCT] !== 0) out[i] = names === null ? i : names[i]!;
    return out;
  }

  /** The id of the customer in slot `i`. */
  idOf(i: number): CustomerId {
    return this.direct ? (this.names === null ? i : this.names[i]!) : this.slotIds[i]!;
  }

  /** Number of slots (customers in the general layout; the record capacity in direct mode). */
  /** Whether no row has been folded or buffered yet (rows after the end aside). */
  get isEmpty(): boolean {
    return this.size === 0 && this.pending === 0;
  }

  private get slots(): number {
    return this.direct ? this.cap : this.size;
  }

  private grow(min: number): void {
    const cap = Math.max(min, this.cap * 2);
    const buf = new ArrayBuffer(cap * RECORD_BYTES);
    const f = new Float64Array(buf);
    f.set(this.f);
    this.f = f;
    this.n = new Int32Array(buf);
    const first = new Float64Array(2 * cap);
    first.set(this.first);
    this.first = first;
    this.cap = cap;
  }

  private growPool(minPairs: number): void {
    const pool = new Int32Array(Math.max(minPairs, this.pool.length) * 2);
    pool.set(this.pool);
    this.pool = pool;
  }

  /**
   * Names the slots of a state just folded in direct mode from dictionary ranks: slot `i` is customer
   * `names[i]`. The caller guarantees that every slot is used and that `names` is in the canonical id order
   * (numbers ascending, then strings by code unit), so the direct-mode output (slot order) is the canonical order.
   */
  nameSlots(names: readonly CustomerId[]): void {
    if (!this.direct || this.cap !== names.length || this.size !== names.length) throw new Error("nameSlots: a full direct state of names.length slots expected");
    this.names = names;
  }

  /**
   * Leaves named direct mode (another id arrives): the slots keep their records and become the general
   * layout's slots, each named customer keyed in the Map.
   */
  private unname(): void {
    const names = this.names!;
    this.names = null;
    this.direct = false;
    this.slotIds = names.slice();
    for (let i = 0; i < names.length; i++) this.byKey.set(names[i]!, i);
  }

  /** The internal index of a customer, created on first sight. */
  slot(id: CustomerId): number {
    if (this.names !== null) this.unname();
    if (this.direct) {
      if (typeof id === "number" && id >= 0 && id < this.cap && (id | 0) === id) return id;
      return this.slotDirectSlow(id);
    }
    if (typeof id === "number" && id >= 0 && id < this.dense.length && (id | 0) === id) {
      const s = this.dense[id]!;
      return s !== 0 ? s - 1 : this.create(id, true);
    }
    return this.slotSlow(id);
  }

  /** Direct mode and an id beyond the records: grow while the records stay a quarter used, else leave. */
  private slotDirectSlow(id: CustomerId): number {
    if (typeof id === "number" && Number.isInteger(id) && id >= 0 && id < DIRECT_CEILING) {
      let cap = this.cap;
      while (cap <= id) cap *= 2;
      if ((this.size + 1) * 4 >= cap || cap <= DIRECT_SMALL) {
        this.grow(cap);
        return id;
      }
    }
    this.leaveDirect();
    return this.slot(id);
  }

  /** Moves from direct mode to the general layout: customers in id order become slots 0, 1, ... */
  private leaveDirect(): void {
    const oldN = this.n;
    const oldFirst = this.first;
    const oldCap = this.cap;
    const sets = new Map<number, Set<number>>();
    const lows = new Map<number, number[]>();
    this.direct = false;
    this.cap = 0;
    this.f = new Float64Array(0);
    this.n = new Int32Array(0);
    this.first = new Float64Array(0);
    this.grow(Math.max(16, this.size * 2));
    let len = 1024;
    while (len < oldCap) len *= 2;
    this.dense = new Int32Array(len);
    let s = 0;
    for (let id = 0; id < oldCap; id++) {
      if (oldN[(id << 5) + I_DISTINCT] === 0) continue;
      this.n.set(oldN.subarray(id << 5, (id + 1) << 5), s << 5);
      this.first[2 * s] = oldFirst[2 * id]!;
      this.first[2 * s + 1] = oldFirst[2 * id + 1]!;
      this.dense[id] = s + 1;
      this.slotIds.push(id);
      const set = this.sets.get(id);
      if (set !== undefined) sets.set(s, set);
      for (const which of [SUM_TOTAL, SUM_FIRST]) {
        const parts = this.lows.get(2 * id + which);
        if (parts !== undefined) lows.set(2 * s + which, parts);
      }
      s++;
    }
    this.sets = sets;
    this.lows = lows;
  }

  private slotSlow(id: CustomerId): number {
    const known = this.byKey.get(id);
    if (known !== undefined) return known;
    if (typeof id === "number" && Number.isInteger(id) && id >= 0 && id < DENSE_CEILING && id < Math.max(DENSE_FLOOR, 8 * this.size)) {
      this.growDense(id);
      return this.create(id, true);
    }
    return this.create(id, false);
  }

  /** Widens the dense table to cover `id`, moving Map entries it now covers. */
  private growDense(id: number): void {
    let len = Math.max(1024, this.dense.length);
    while (len <= id) len *= 2;
    const dense = new Int32Array(len);
    dense.set(this.dense);
    for (const [key, s] of this.byKey) {
      if (typeof key === "number" && Number.isInteger(key) && key >= 0 && key < len) {
        dense[key] = s + 1;
        this.byKey.delete(key);
      }
    }
    this.dense = dense;
  }

  private create(id: CustomerId, isDense: boolean): number {
    const i = this.size++;
    if (i >= this.cap) this.grow(i + 1);
    if (isDense) this.dense[id as number] = i + 1;
    else this.byKey.set(id, i);
    this.slotIds.push(id);
    return i;
  }

  /** Folds one validated transaction in. Rows after the observation end's period are counted and left out. */
  add(id: CustomerId, ms: number, amount: number): void {
    const p = periodIndexOf(ms, this.period);
    this.version++;
    if (p > this.lastPeriod) {
      this.skippedAfterEnd++;
      return;
    }
    const one = this.one;
    one.f[0] = ms;
    one.f[1] = amount;
    one.n[4] = this.slot(id);
    one.n[5] = p;
    this.foldRows(one, 0, 1);
  }

  /**
   * Like {@link SummaryState.add}, but the row may wait in a buffer: call {@link SummaryState.flush} after
   * the last row. Row loops over large inputs use this; the buffered rows are folded grouped by record
   * block (see flush), which turns one cache miss per row into about one per record.
   */
  push(cell: RowCell): void {
    // The row comes as a cell, not as float arguments: a call V8 does not inline boxes each float argument.
    const id = cell.id;
    if (typeof id === "number" && this.bufferDirect(id, cell.ms, cell.amount)) return;
    const row = this.row64;
    row[0] = cell.ms;
    row[1] = cell.amount;
    this.pushSlow(id);
  }

  /**
   * {@link SummaryState.push} for whole typed columns whose values the caller has validated (ids finite,
   * times within Date's range, amounts finite and ≥ 0; -0 allowed): no call and no cell per row.
   */
  pushColumns(ids: Int32Array | Uint32Array | Float64Array, at: Float64Array, amount: Float64Array | undefined): void {
    const cell: RowCell = { id: 0, ms: 0, amount: 0 };
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const ms = at[i]! + 0;
      const a = amount === undefined ? 0 : amount[i]! + 0;
      if (this.bufferDirect(id, ms, a)) continue;
      cell.id = id;
      cell.ms = ms;
      cell.amount = a;
      this.push(cell);
    }
  }

  /**
   * Buffers rows given by dictionary code: row `i` belongs to slot `slotOf[codes[i]]`, created by the caller
   * (with {@link SummaryState.slot}, after a flush) for every code of a row within the observation end. The
   * caller has validated the codes, times and amounts. One array lookup per row instead of an id lookup.
   */
  pushCoded(slotOf: Int32Array, codes: Int32Array | Uint32Array, at: Float64Array, amount: Float64Array | undefined): void {
    const period = this.period;
    const last = this.lastPeriod;
    const n = codes.length;
    this.version++;
    let b = this.buf;
    let k = this.pending;
    for (let i = 0; i < n; i++) {
      const ms = at[i]! + 0;
      const p = periodIndexOf(ms, period);
      if (p > last) {
        this.skippedAfterEnd++;
        continue;
      }
      if (k === b.size) {
        // As pushSlow: double while the customers outgrow the buffer, else fold it.
        this.pending = k;
        if (2 * k <= this.pendingMax() || k < 1024) this.buf = growRows(b, Math.max(1024, k * 2));
        else {
          this.flush();
          k = 0;
        }
        b = this.buf;
      }
      b.f[3 * k] = ms;
      b.f[3 * k + 1] = amount === undefined ? 0 : amount[i]! + 0;
      b.n[6 * k + 4] = slotOf[codes[i]!]!;
      b.n[6 * k + 5] = p;
      k++;
    }
    this.pending = k;
  }

  /** The common case of a push, small enough to be inlined: direct mode, id in range, room, not after the end. */
  private bufferDirect(id: number, ms: number, amount: number): boolean {
    const k = this.pending;
    const b = this.buf;
    if (!(this.direct && k < b.size && id >= 0 && id < this.cap && (id | 0) === id && this.names === null)) return false;
    const p = periodIndexOf(ms, this.period);
    if (p > this.lastPeriod) return false;
    b.f[3 * k] = ms;
    b.f[3 * k + 1] = amount;
    b.n[6 * k + 4] = id;
    b.n[6 * k + 5] = p;
    this.pending = k + 1;
    return true;
  }

  private pushSlow(id: CustomerId): void {
    const ms = this.row64[0]!;
    const amount = this.row64[1]!;
    const p = periodIndexOf(ms, this.period);
    if (p > this.lastPeriod) {
      this.version++;
      this.skippedAfterEnd++;
      return;
    }
    // Leaving direct mode renumbers slots, so the buffer is folded before an id that could cause it.
    if (this.direct && !(typeof id === "number" && id >= 0 && id < this.cap && (id | 0) === id)) this.flush();
    let k = this.pending;
    if (k === this.buf.size) {
      // Double while the customers outgrow the buffer (never by small steps: each step copies it), else fold.
      if (2 * k <= this.pendingMax() || k < 1024) {
        this.buf = growRows(this.buf, Math.max(1024, k * 2));
      } else {
        this.flush();
        k = 0;
      }
    }
    const b = this.buf;
    b.f[3 * k] = ms;
    b.f[3 * k + 1] = amount;
    b.n[6 * k + 4] = this.slot(id);
    b.n[6 * k + 5] = p;
    this.pending = k + 1;
  }

  /** Rows buffered before a fold: a few per customer (memory stays proportional to customers), within bounds. */
  private pendingMax(): number {
    return Math.min(PENDING_MAX, Math.max(PENDING_MIN, 2 * this.slots));
  }

  /**
   * Folds the buffered rows. Folding a row in input order costs a cache (and TLB) miss on its customer's
   * record, since customers are scattered over a state of 128 bytes each. So the rows are first counting-
   * sorted by block of {@link BLOCK} consecutive records (a block fits in L2 cache), keeping their order
   * within a block, and then folded block after block (sums are exact, so the order of folding does not
   * change them).
   */
  flush(): void {
    const count = this.pending;
    if (count === 0) return;
    this.pending = 0;
    this.version++;
    const rows = this.buf;
    const blocks = (this.slots + BLOCK - 1) >> BLOCK_BITS;
    if (blocks <= 1 || count < 4 * blocks) {
      this.foldRows(rows, 0, count);
      return;
    }
    if (this.sorted.size < count) this.sorted = rowBuffer(this.buf.size);
    const { f, n } = rows;
    const out = this.sorted;
    const of = out.f;
    const on = out.n;
    const end = new Int32Array(blocks + 1);
    for (let k = 0; k < count; k++) end[(n[6 * k + 4]! >> BLOCK_BITS) + 1]!++;
    for (let b = 1; b <= blocks; b++) end[b]! += end[b - 1]!;
    const at = end.slice(0, blocks);
    for (let k = 0; k < count; k++) {
      const slot = n[6 * k + 4]!;
      const to = at[slot >> BLOCK_BITS]!++;
      of[3 * to] = f[3 * k]!;
      of[3 * to + 1] = f[3 * k + 1]!;
      on[6 * to + 4] = slot;
      on[6 * to + 5] = n[6 * k + 5]!;
    }
    this.foldBlocks(out, end);
  }

  /**
   * {@link SummaryState.pushColumns} then {@link SummaryState.flush} for columns whose ids are all below the
   * direct-mode capacity (the caller scanned them with {@link directIdCapacity}): the rows go from the
   * columns straight into block order, in chunks, without the first buffer.
   */
  foldDirectColumns(ids: Int32Array | Uint32Array | Float64Array, at: Float64Array, amount: Float64Array | undefined): void {
    this.flush();
    this.version++;
    const blocks = (this.cap + BLOCK - 1) >> BLOCK_BITS;
    const chunk = this.pendingMax();
    if (this.sorted.size < Math.min(chunk, ids.length)) this.sorted = rowBuffer(Math.min(chunk, ids.length));
    const { f: of, n: on } = this.sorted;
    const last = this.lastPeriod;
    const endMs = periodStart(last + 1, this.period); // a row is in a period ≤ last iff it is before this
    const period = this.period;
    for (let from = 0; from < ids.length; from += chunk) {
      const until = Math.min(ids.length, from + chunk);
      const end = new Int32Array(blocks + 1);
      for (let i = from; i < until; i++) if (at[i]! < endMs) end[(ids[i]! >> BLOCK_BITS) + 1]!++;
      for (let b = 1; b <= blocks; b++) end[b]! += end[b - 1]!;
      this.skippedAfterEnd += until - from - end[blocks]!;
      const next = end.slice(0, blocks);
      for (let i = from; i < until; i++) {
        const ms = at[i]! + 0;
        const p = periodIndexOf(ms, period);
        if (p > last) continue;
        const id = ids[i]!;
        const to = next[id >> BLOCK_BITS]!++;
        of[3 * to] = ms;
        of[3 * to + 1] = amount === undefined ? 0 : amount[i]! + 0;
        on[6 * to + 4] = id;
        on[6 * to + 5] = p;
      }
      this.foldBlocks(this.sorted, end);
    }
  }

  /** Folds rows sorted by record block; block `b` holds rows `end[b] .. end[b + 1] - 1`. */
  private foldBlocks(rows: RowBuffer, end: Int32Array): void {
    for (let b = 0; b + 1 < end.length; b++) {
      if (end[b + 1] === end[b]) continue;
      // Read the block's records in address order first: the hardware streams them in, where the
      // rows' own order would wait for each record in turn.
      this.warm(b << BLOCK_BITS, BLOCK);
      this.foldRows(rows, end[b]!, end[b + 1]!);
    }
  }

  /** Reads one value per cache line of records `from .. from + count - 1`, to bring them into cache. */
  private warm(from: number, count: number): void {
    const f = this.f;
    const last = Math.min(from + count, this.cap) << 4;
    let sum = 0;
    for (let k = from << 4; k < last; k += 8) sum += f[k]!;
    this.warmth = sum;
  }

  /**
   * Folds buffered rows `from .. to - 1` in order: the one place a row meets its customer's record. The
   * common case — a known customer whose periods all sit in the record — runs here on locals, without a
   * call: a call V8 does not inline would box the row's floats, and this loop is most of a summary's time.
   */
  private foldRows(rows: RowBuffer, from: number, to: number): void {
    const { f, n } = rows;
    const F = this.f;
    const N = this.n;
    for (let k = from; k < to; k++) {
      const i = n[6 * k + 4]!;
      const p = n[6 * k + 5]!;
      const ms = f[3 * k]!;
      const amount = f[3 * k + 1]!;
      const fi = i << 4;
      const ni = i << 5;
      const d = N[ni + I_DISTINCT]!;
      if (d === 0) {
        // The customer's first row.
        if (this.direct) this.size++;
        N[ni + I_FIRST_P] = p;
        N[ni + I_MAX_P] = p;
        this.insert(i, p);
        F[fi + F_FIRST_MS] = ms;
        F[fi + F_LAST_MS] = ms;
        this.first[2 * i] = amount;
        this.first[2 * i + 1] = 0;
        F[fi + F_TOTAL] = amount;
        F[fi + F_TOTAL_LO] = 0;
        F[fi + F_ROWS] = 1;
        continue;
      }
      if (d < INLINE) {
        // All of the customer's periods are inline (the pool and the Set start past INLINE).
        // Is p new? In-order input never looks: same period as the latest, or a later one.
        const maxP = N[ni + I_MAX_P]!;
        let fresh = p > maxP;
        if (fresh) N[ni + I_MAX_P] = p;
        else if (p !== maxP) fresh = !inlineHas(N, ni, d, p);
        if (fresh) {
          const bit = p & 63;
          N[ni + I_MASK + (bit >> 5)]! |= 1 << (bit & 31);
          N[ni + I_INLINE + d] = p;
          N[ni + I_DISTINCT] = d + 1;
        }
      } else {
        this.notePeriod(i, p);
      }
      const firstP = N[ni + I_FIRST_P]!;
      if (p < firstP) {
        N[ni + I_FIRST_P] = p;
        this.resetSum(i, SUM_FIRST, amount);
      } else if (p === firstP) {
        const r = addExact(this.first, 2 * i, 2 * i + 1, amount);
        if (r !== 0) this.spill(i, SUM_FIRST, r);
      }
      if (ms < F[fi + F_FIRST_MS]!) F[fi + F_FIRST_MS] = ms;
      if (ms > F[fi + F_LAST_MS]!) F[fi + F_LAST_MS] = ms;
      const r = addExact(F, fi + F_TOTAL, fi + F_TOTAL_LO, amount);
      if (r !== 0) this.spill(i, SUM_TOTAL, r);
      F[fi + F_ROWS]!++;
    }
  }

  /**
   * Adds `e` to the low part of sum `which` of customer `i` when the low part's one double cannot hold it
   * exactly: the low part moves to an expansion (see exactSum.ts) kept aside, and the record's low slot
   * becomes NaN to say so. An overflowed high part (NaN error) is left as it is: reading the sum refuses it.
   */
  private spill(i: number, which: number, e: number): void {
    if (e !== e) return; // the high part overflowed: ±Infinity stays, and is refused when read
    const F = which === SUM_TOTAL ? this.f : this.first;
    const l = loIndex(i, which);
    const key = 2 * i + which;
    let parts = this.lows.get(key);
    if (parts === undefined) {
      parts = [];
      addToExpansion(parts, F[l]!);
      this.lows.set(key, parts);
      F[l] = NaN;
    }
    if (!addToExpansion(parts, e)) F[hiIndex(i, which)] = Infinity;
  }

  /** Sets sum `which` of customer `i` to `x` exactly (a new first period). */
  private resetSum(i: number, which: number, x: number): void {
    const F = which === SUM_TOTAL ? this.f : this.first;
    F[hiIndex(i, which)] = x;
    F[loIndex(i, which)] = 0;
    if (this.lows.size > 0) this.lows.delete(2 * i + which);
  }

  /** Adds `x` to sum `which` of customer `i`, exactly. */
  private addToSum(i: number, which: number, x: number): void {
    const r = addExact(which === SUM_TOTAL ? this.f : this.first, hiIndex(i, which), loIndex(i, which), x);
    if (r !== 0) this.spill(i, which, r);
  }

  /**
   * Sum `which` of customer `i` as its correctly rounded value and the exact remainder (`low`, or `parts`
   * when one double cannot hold it): value + low (+ Σ parts) is the exact sum. Refuses (OUT_OF_RANGE) a sum
   * beyond the largest double.
   */
  private sumOf(i: number, which: number): { value: number; low: number; parts: number[] | null } {
    const F = which === SUM_TOTAL ? this.f : this.first;
    const hi = F[hiIndex(i, which)]!;
    const lo = F[loIndex(i, which)]!;
    if (!Number.isFinite(hi)) this.overflow(i);
    if (lo === lo) {
      const s = hi + lo;
      if (!Number.isFinite(s)) this.overflow(i);
      const z = s - hi;
      return { value: s, low: hi - (s - z) + (lo - z), parts: null };
    }
    const parts = this.lows.get(2 * i + which)!.slice();
    if (!addToExpansion(parts, hi)) this.overflow(i);
    const value = roundExpansion(parts);
    if (!Number.isFinite(value)) this.overflow(i);
    const rest = expansionRest(parts, value);
    return rest.length <= 1 ? { value, low: rest.length === 0 ? 0 : rest[0]!, parts: null } : { value, low: 0, parts: rest };
  }

  /** The correctly rounded sum `which` of customer `i` (see sumOf). */
  private sumValue(i: number, which: number): number {
    const F = which === SUM_TOTAL ? this.f : this.first;
    const s = F[hiIndex(i, which)]! + F[loIndex(i, which)]!;
    return Number.isFinite(s) ? s : this.sumOf(i, which).value;
  }

  /**
   * The repeat spend of customer `i`: its total less its first-period spend, never below 0. Each exact sum is
   * first put in its canonical form (its rounded value and the exact rest, which depend only on the exact
   * sum, not on how its parts were reached), then the difference is taken in double-double arithmetic: the
   * same for any order of the rows, and exact to about 2^-104 before the final rounding.
   */
  private repeatSpend(i: number, total: number): number {
    const fi = i << 4;
    const tHi = this.f[fi + F_TOTAL]!;
    const tLo = this.f[fi + F_TOTAL_LO]!;
    const fHi = this.first[2 * i]!;
    const fLo = this.first[2 * i + 1]!;
    if (fHi === 0 && fLo === 0) return total;
    if (tLo === 0 && fLo === 0) return tHi > fHi ? tHi - fHi : 0; // one operation: correctly rounded
    if (tLo === tLo && fLo === fLo) {
      // canonical forms (T, t) and (F, f): T = fl(tHi + tLo) and t its exact rest, likewise F, f
      const T = total;
      const z1 = T - tHi;
      const t = tHi - (T - z1) + (tLo - z1);
      const F = fHi + fLo;
      const z2 = F - fHi;
      const f = fHi - (F - z2) + (fLo - z2);
      // (T − F) exactly as a + b, then the small parts
      const a = T - F;
      const z3 = a - T;
      const b = T - (a - z3) + (-F - z3);
      const d = a + (b + (t - f));
      return d > 0 ? d : 0;
    }
    const parts = this.scratchParts;
    parts.length = 0;
    const ts = this.sumOf(i, SUM_TOTAL);
    const ss = this.sumOf(i, SUM_FIRST);
    for (const x of [ts.value, ts.low, -ss.value, -ss.low, ...(ts.parts ?? []), ...(ss.parts ?? []).map((v) => -v)]) {
      if (x !== 0) addToExpansion(parts, x);
    }
    const d = roundExpansion(parts);
    return d > 0 ? d : 0;
  }

  /** Refuses a customer whose total spend is beyond the largest double. */
  private overflow(i: number): never {
    return fail(
      this.fn,
      "OUT_OF_RANGE",
      `the amounts of customer ${show(this.idOf(i))} add up to more than the largest number a double holds (${Number.MAX_VALUE}); ` +
        "state amounts in a larger currency unit (thousands, millions) so that every customer's total stays finite",
      this.path,
    );
  }

  /** Records period `p` for a known customer `i` whose periods may be past the record (pool or Set). */
  private notePeriod(i: number, p: number): void {
    const n = this.n;
    const ni = i << 5;
    const maxP = n[ni + I_MAX_P]!;
    if (p > maxP) {
      n[ni + I_MAX_P] = p;
      this.insert(i, p);
    } else if (p !== maxP && !this.has(i, p)) {
      this.insert(i, p);
    }
  }

  /** Whether customer `i` already has period `p`. */
  private has(i: number, p: number): boolean {
    const n = this.n;
    const ni = i << 5;
    const head = n[ni + I_HEAD]!;
    if (head === IN_SET) return this.sets.get(i)!.has(p);
    const bit = p & 63;
    if ((n[ni + I_MASK + (bit >> 5)]! & (1 << (bit & 31))) === 0) return false;
    const d = n[ni + I_DISTINCT]!;
    if (inlineHas(n, ni, d < INLINE ? d : INLINE, p)) return true;
    const pool = this.pool;
    for (let k = head; k !== 0; k = pool[2 * k + 1]!) if (pool[2 * k] === p) return true;
    return false;
  }

  /** Records a period known to be new for customer `i` and counts it. */
  private insert(i: number, p: number): void {
    const n = this.n;
    const ni = i << 5;
    const d = ++n[ni + I_DISTINCT]!;
    const head = n[ni + I_HEAD]!;
    if (head === IN_SET) {
      this.sets.get(i)!.add(p);
      return;
    }
    if (d > LIST_LIMIT) {
      const set = new Set<number>();
      this.forEachPeriod(i, (q) => set.add(q));
      set.add(p);
      this.sets.set(i, set);
      n[ni + I_HEAD] = IN_SET;
      return;
    }
    const bit = p & 63;
    n[ni + I_MASK + (bit >> 5)]! |= 1 << (bit & 31);
    if (d <= INLINE) {
      n[ni + I_INLINE + d - 1] = p;
      return;
    }
    if (this.poolSize * 2 >= this.pool.length) this.growPool(this.poolSize + 1);
    const k = this.poolSize++;
    this.pool[2 * k] = p;
    this.pool[2 * k + 1] = head;
    n[ni + I_HEAD] = k;
  }

  /** Calls `visit` with each distinct period of customer `i` (in no particular order). */
  forEachPeriod(i: number, visit: (p: number) => void): void {
    const n = this.n;
    const ni = i << 5;
    const head = n[ni + I_HEAD]!;
    if (head === IN_SET) {
      for (const p of this.sets.get(i)!) visit(p);
      return;
    }
    const d = Math.min(n[ni + I_DISTINCT]!, INLINE);
    for (let j = 0; j < d; j++) visit(n[ni + I_INLINE + j]!);
    for (let k = head; k !== 0; k = this.pool[2 * k + 1]!) visit(this.pool[2 * k]!);
  }

  /** The distinct periods of customer `i`. */
  periodsOf(i: number): number[] {
    const out: number[] = [];
    this.forEachPeriod(i, (p) => out.push(p));
    return out;
  }

  /** Distinct purchase periods of customer `i`. */
  distinctOf(i: number): number {
    return this.n[(i << 5) + I_DISTINCT]!;
  }

  /** Transaction rows of customer `i`. */
  rowsOf(i: number): number {
    return this.f[(i << 4) + F_ROWS]!;
  }

  /** Epoch ms of customer `i`'s latest transaction. */
  lastAtOf(i: number): number {
    return this.f[(i << 4) + F_LAST_MS]!;
  }

  /** Total spend of customer `i`: the exact sum of its amounts, correctly rounded (OUT_OF_RANGE beyond the doubles). */
  totalOf(i: number): number {
    return this.sumValue(i, SUM_TOTAL);
  }

  // Column views for callers that read a finished state by slot (`state.distinct[j]`); built once per change.
  private view<T extends Float64Array | Int32Array>(name: string, make: () => T): T {
    const v = this.views.get(name);
    if (v !== undefined && v.version === this.version) return v.data as T;
    const data = make();
    this.views.set(name, { version: this.version, data });
    return data;
  }

  /** Distinct purchase periods per slot (a snapshot). */
  get distinct(): Int32Array {
    return this.view("distinct", () => Int32Array.from({ length: this.slots }, (_, i) => this.distinctOf(i)));
  }

  /** Transaction rows per slot (a snapshot). */
  get rows(): Float64Array {
    return this.view("rows", () => Float64Array.from({ length: this.slots }, (_, i) => this.rowsOf(i)));
  }

  /** Total spend per slot (a snapshot). */
  get total(): Float64Array {
    return this.view("total", () => Float64Array.from({ length: this.slots }, (_, i) => this.totalOf(i)));
  }

  /** The state as flat columns (a copy). */
  toColumns(): SummaryColumns {
    const m = this.size;
    const firstMs = new Float64Array(m);
    const lastMs = new Float64Array(m);
    const firstSpend = new Float64Array(m);
    const firstSpendLow = new Float64Array(m);
    const total = new Float64Array(m);
    const totalLow = new Float64Array(m);
    const parts = new Map<number, number[]>();
    const rows = new Float64Array(m);
    const periodCount = new Int32Array(m);
    const ids: CustomerId[] = new Array(m);
    const slots = this.slots;
    let count = 0;
    for (let i = 0; i < slots; i++) count += this.n[(i << 5) + I_DISTINCT]!;
    const periods = new Int32Array(count);
    let k = 0;
    let j = 0;
    for (let i = 0; i < slots; i++) {
      const distinct = this.n[(i << 5) + I_DISTINCT]!;
      if (distinct === 0) continue;
      const fi = i << 4;
      ids[j] = this.idOf(i);
      firstMs[j] = this.f[fi + F_FIRST_MS]!;
      lastMs[j] = this.f[fi + F_LAST_MS]!;
      if (!canonicalInto(this.f[fi + F_TOTAL]!, this.f[fi + F_TOTAL_LO]!, total, totalLow, j)) {
        const t = this.sumOf(i, SUM_TOTAL);
        total[j] = t.value;
        totalLow[j] = t.low;
        if (t.parts !== null) parts.set(2 * j + SUM_TOTAL, t.parts);
      }
      if (!canonicalInto(this.first[2 * i]!, this.first[2 * i + 1]!, firstSpend, firstSpendLow, j)) {
        const s = this.sumOf(i, SUM_FIRST);
        firstSpend[j] = s.value;
        firstSpendLow[j] = s.low;
        if (s.parts !== null) parts.set(2 * j + SUM_FIRST, s.parts);
      }
      rows[j] = this.f[fi + F_ROWS]!;
      periodCount[j++] = distinct;
      this.forEachPeriod(i, (p) => {
        periods[k++] = p;
      });
    }
    return { ids, firstMs, lastMs, firstSpend, firstSpendLow, total, totalLow, parts, rows, periodCount, periods, skippedAfterEnd: this.skippedAfterEnd };
  }

  /**
   * Folds a state given as columns into this one (same period and observation end; the caller checks).
   * Customers, periods and sums combine as if the rows behind both had been added to one state.
   */
  mergeColumns(c: SummaryColumns): void {
    let k = 0;
    this.version++;
    for (let j = 0; j < c.ids.length; j++) {
      const i = this.slot(c.ids[j]!);
      const fi = i << 4;
      const ni = i << 5;
      const count = c.periodCount[j]!;
      const end = k + count;
      if (count === 0) continue;
      let ofp = c.periods[k]!;
      let omax = ofp;
      for (let q = k + 1; q < end; q++) {
        const p = c.periods[q]!;
        if (p < ofp) ofp = p;
        if (p > omax) omax = p;
      }
      const wasEmpty = this.n[ni + I_DISTINCT] === 0;
      if (wasEmpty && this.direct) this.size++;
      for (; k < end; k++) {
        const p = c.periods[k]!;
        if (this.n[ni + I_DISTINCT] !== 0 && this.has(i, p)) continue;
        this.insert(i, p);
      }
      const f = this.f;
      const n = this.n;
      if (wasEmpty || ofp < n[ni + I_FIRST_P]!) {
        n[ni + I_FIRST_P] = ofp;
        this.resetSum(i, SUM_FIRST, 0);
        this.mergeSum(i, SUM_FIRST, c, j);
      } else if (ofp === n[ni + I_FIRST_P]) {
        this.mergeSum(i, SUM_FIRST, c, j);
      }
      if (wasEmpty || omax > n[ni + I_MAX_P]!) n[ni + I_MAX_P] = omax;
      if (wasEmpty || c.firstMs[j]! < f[fi + F_FIRST_MS]!) f[fi + F_FIRST_MS] = c.firstMs[j]!;
      if (wasEmpty || c.lastMs[j]! > f[fi + F_LAST_MS]!) f[fi + F_LAST_MS] = c.lastMs[j]!;
      if (wasEmpty) this.resetSum(i, SUM_TOTAL, 0);
      this.mergeSum(i, SUM_TOTAL, c, j);
      f[fi + F_ROWS] = (wasEmpty ? 0 : f[fi + F_ROWS]!) + c.rows[j]!;
    }
    this.skippedAfterEnd += c.skippedAfterEnd;
  }

  /** Adds customer `j`'s exact sum `which` of columns `c` to customer `i`'s here. */
  private mergeSum(i: number, which: number, c: SummaryColumns, j: number): void {
    this.addToSum(i, which, which === SUM_TOTAL ? c.total[j]! : c.firstSpend[j]!);
    const low = which === SUM_TOTAL ? c.totalLow[j]! : c.firstSpendLow[j]!;
    if (low !== 0) this.addToSum(i, which, low);
    const parts = c.parts.size === 0 ? undefined : c.parts.get(2 * j + which);
    if (parts !== undefined) for (const x of parts) this.addToSum(i, which, x);
  }

  /** Folds another state (same period and observation end) into this one. */
  merge(other: SummaryState): void {
    this.mergeColumns(other.toColumns());
  }

  /** Customer slots in the canonical output order: numbers ascending, then strings by code unit. */
  order(): Int32Array {
    const out = new Int32Array(this.size);
    if (this.direct) {
      for (let k = 0, i = -1; k < out.length; k++) out[k] = i = this.nextUsed(i);
      return out;
    }
    const others: number[] = [];
    const strs: string[] = [];
    for (const key of this.byKey.keys()) {
      if (typeof key === "number") others.push(key);
      else strs.push(key);
    }
    // Numbers outside the dense table, sorted, merged with the dense ids (already in order).
    const sorted = Float64Array.from(others).sort();
    const dense = this.dense;
    let k = 0;
    let q = 0;
    for (let id = 0; id < dense.length; id++) {
      const s = dense[id]!;
      if (s === 0) continue;
      while (q < sorted.length && sorted[q]! < id) out[k++] = this.byKey.get(sorted[q++]!)!;
      out[k++] = s - 1;
    }
    while (q < sorted.length) out[k++] = this.byKey.get(sorted[q++]!)!;
    strs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // code-unit order, as sort() gives, but faster with a comparator
    for (const id of strs) out[k++] = this.byKey.get(id)!;
    return out;
  }

  /**
   * Customer `i`'s summary numbers, in `unit`s with the given monetary convention, into `out`: frequency,
   * recency, T, monetary value, rows, total, first and last ms (the order of {@link SummaryState.table}).
   */
  private measure(i: number, u: number, monetary: "repeat" | "all", out: Float64Array): void {
    const fi = i << 4;
    const ni = i << 5;
    const first = periodStart(this.n[ni + I_FIRST_P]!, this.period);
    const frequency = this.n[ni + I_DISTINCT]! - 1;
    const total = this.sumValue(i, SUM_TOTAL);
    out[0] = frequency;
    out[1] = (periodStart(this.n[ni + I_MAX_P]!, this.period) - first) / u;
    out[2] = (periodStart(this.lastPeriod, this.period) - first) / u;
    out[3] = monetary === "all" ? total / (frequency + 1) : frequency > 0 ? this.repeatSpend(i, total) / frequency : 0;
    out[4] = this.f[fi + F_ROWS]!;
    out[5] = total;
    out[6] = this.f[fi + F_FIRST_MS]!;
    out[7] = this.f[fi + F_LAST_MS]!;
  }

  /** The summary of customer `i`, in `unit`s, with the given monetary convention. */
  row(i: number, unit: FixedUnit, monetary: "repeat" | "all"): SummaryRow {
    const v = this.scratch;
    this.measure(i, unitMs(unit), monetary, v);
    // Whole numbers go in as small integers (see boxing.ts): fewer objects to allocate and for the GC to mark.
    return {
      customerId: this.idOf(i),
      frequency: small(v[0]!),
      recency: small(v[1]!),
      T: small(v[2]!),
      monetaryValue: v[3]!,
      transactionCount: small(v[4]!),
      totalAmount: v[5]!,
      firstAt: v[6]!,
      lastAt: v[7]!,
      unit,
    };
  }

  /** Every customer's summary in the canonical order. */
  summaries(unit: FixedUnit, monetary: "repeat" | "all"): SummaryRow[] {
    const order = this.direct ? null : this.order();
    const out: SummaryRow[] = new Array(this.size);
    for (let k = 0, i = -1; k < out.length; k++) {
      i = order === null ? this.nextUsed(i) : order[k]!;
      out[k] = this.row(i, unit, monetary);
    }
    return out;
  }

  /**
   * Direct mode: the first used slot after `i` (slot order is id order there, so the output order is a
   * scan; finding the slots in the same pass as reading them saves a pass over every record).
   */
  private nextUsed(i: number): number {
    do i++;
    while (this.n[(i << 5) + I_DISTINCT] === 0);
    return i;
  }

  /** Every customer's summary in the canonical order, as one array per field (no object per customer). */
  table(unit: FixedUnit, monetary: "repeat" | "all"): SummaryColumnsOf<number[]> {
    return this.columnsOut(unit, monetary, doubleColumn);
  }

  /** {@link SummaryState.table} with typed columns: for the engine, which reads them without a copy. */
  typedTable(unit: FixedUnit, monetary: "repeat" | "all"): TypedSummaryColumns {
    return this.columnsOut(unit, monetary, (m) => new Float64Array(m));
  }

  private columnsOut<T extends { [k: number]: number }>(unit: FixedUnit, monetary: "repeat" | "all", column: (m: number) => T): SummaryColumnsOf<T> {
    const order = this.direct ? null : this.order();
    const m = this.size;
    const u = unitMs(unit);
    const v = this.scratch;
    const ids: CustomerId[] = new Array(m);
    const [frequency, recency, T, monetaryValue, transactionCount, totalAmount, firstAt, lastAt] = [column(m), column(m), column(m), column(m), column(m), column(m), column(m), column(m)];
    for (let k = 0, i = -1; k < m; k++) {
      i = order === null ? this.nextUsed(i) : order[k]!;
      ids[k] = this.idOf(i);
      this.measure(i, u, monetary, v);
      frequency[k] = v[0]!;
      recency[k] = v[1]!;
      T[k] = v[2]!;
      monetaryValue[k] = v[3]!;
      transactionCount[k] = v[4]!;
      totalAmount[k] = v[5]!;
      firstAt[k] = v[6]!;
      lastAt[k] = v[7]!;
    }
    return { customerId: ids, frequency, recency, T, monetaryValue, transactionCount, totalAmount, firstAt, lastAt };
  }
}
