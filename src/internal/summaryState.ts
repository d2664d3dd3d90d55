// The one implementation of the per-customer transaction summary. summarizeTransactions, the calibration
// split and the engine's mergeable accumulator all fold rows into this state, so a summary is computed in
// exactly one way. Per customer it keeps O(1) numbers in typed columns plus the customer's distinct
// purchase periods (needed to count repeat purchases when rows arrive out of order, and to merge parts).
import type { CustomerId } from "../data/time.js";
import { DAY_MS, type FixedUnit, unitMs } from "./time.js";

/** Periods as integers: UTC days since 1970-01-01, or ISO weeks (Monday-based) since the week of 1970-01-01. */
export function periodIndexOf(ms: number, period: FixedUnit): number {
  const d = Math.floor(ms / DAY_MS);
  return period === "week" ? Math.floor((d + 3) / 7) : d;
}

/** Epoch ms at which period `p` starts. */
export function periodStart(p: number, period: FixedUnit): number {
  return (period === "week" ? p * 7 - 3 : p) * DAY_MS;
}

/** A customer's distinct periods are kept in a linked list until it grows long; then in a Set. */
const LIST_LIMIT = 48;

export interface SummaryRow {
  customerId: CustomerId;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
  transactionCount: number;
  totalAmount: number;
  firstAt: number;
  lastAt: number;
}

export class SummaryState {
  readonly period: FixedUnit;
  readonly lastPeriod: number;
  size = 0;
  /** Rows left out because they fall in a period after the observation end. */
  skippedAfterEnd = 0;
  readonly ids: CustomerId[] = [];
  private readonly index = new Map<CustomerId, number>();
  private cap = 0;
  firstP: Int32Array = new Int32Array(0);
  maxP: Int32Array = new Int32Array(0);
  firstMs: Float64Array = new Float64Array(0);
  lastMs: Float64Array = new Float64Array(0);
  firstSpend: Float64Array = new Float64Array(0);
  total: Float64Array = new Float64Array(0);
  rows: Float64Array = new Float64Array(0);
  distinct: Int32Array = new Int32Array(0);
  private head: Int32Array = new Int32Array(0);
  private poolVal: Int32Array = new Int32Array(0);
  private poolNext: Int32Array = new Int32Array(0);
  private poolSize = 0;
  private readonly sets = new Map<number, Set<number>>();

  constructor(period: FixedUnit, observationEndMs: number) {
    this.period = period;
    this.lastPeriod = periodIndexOf(observationEndMs, period);
    this.grow(1024);
    this.growPool(4096);
  }

  private grow(min: number): void {
    const cap = Math.max(min, this.cap * 2);
    const g32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    const g64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.firstP = g32(this.firstP);
    this.maxP = g32(this.maxP);
    this.distinct = g32(this.distinct);
    this.head = g32(this.head);
    this.firstMs = g64(this.firstMs);
    this.lastMs = g64(this.lastMs);
    this.firstSpend = g64(this.firstSpend);
    this.total = g64(this.total);
    this.rows = g64(this.rows);
    this.cap = cap;
  }

  private growPool(min: number): void {
    const cap = Math.max(min, this.poolVal.length * 2);
    const v = new Int32Array(cap);
    v.set(this.poolVal);
    const n = new Int32Array(cap);
    n.set(this.poolNext);
    this.poolVal = v;
    this.poolNext = n;
  }

  /** The internal index of a customer, created on first sight. */
  slot(id: CustomerId): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.size++;
      if (i >= this.cap) this.grow(i + 1);
      this.index.set(id, i);
      this.ids.push(id);
      this.head[i] = -1;
    }
    return i;
  }

  /** Records that customer `i` bought in period `p`; returns true if the period is new for them. */
  private addPeriod(i: number, p: number): boolean {
    const set = this.sets.get(i);
    if (set !== undefined) {
      if (set.has(p)) return false;
      set.add(p);
      return true;
    }
    const n = this.distinct[i]!;
    if (n > 0 && p === this.maxP[i]) return false;
    if (n === 0 || p > this.maxP[i]!) return this.push(i, p);
    // Out of order: look the period up in the customer's list.
    for (let k = this.head[i]!; k !== -1; k = this.poolNext[k]!) if (this.poolVal[k] === p) return false;
    if (n >= LIST_LIMIT) {
      const s = new Set<number>();
      for (let k = this.head[i]!; k !== -1; k = this.poolNext[k]!) s.add(this.poolVal[k]!);
      s.add(p);
      this.sets.set(i, s);
      return true;
    }
    return this.push(i, p);
  }

  private push(i: number, p: number): true {
    if (this.poolSize >= this.poolVal.length) this.growPool(this.poolSize + 1);
    const k = this.poolSize++;
    this.poolVal[k] = p;
    this.poolNext[k] = this.head[i]!;
    this.head[i] = k;
    return true;
  }

  /** Folds one validated transaction in. Rows after the observation end's period are counted and left out. */
  add(id: CustomerId, ms: number, amount: number): void {
    const p = periodIndexOf(ms, this.period);
    if (p > this.lastPeriod) {
      this.skippedAfterEnd++;
      return;
    }
    this.addAt(this.slot(id), p, ms, amount, 1);
  }

  /** Folds `rows` transactions of one customer in one period with summed `amount`. */
  addAt(i: number, p: number, ms: number, amount: number, rows: number): void {
    const isNewCustomer = this.distinct[i] === 0;
    if (this.addPeriod(i, p)) this.distinct[i]!++;
    if (isNewCustomer) {
      this.firstP[i] = p;
      this.maxP[i] = p;
      this.firstSpend[i] = amount;
      this.firstMs[i] = ms;
      this.lastMs[i] = ms;
    } else {
      if (p < this.firstP[i]!) {
        this.firstP[i] = p;
        this.firstSpend[i] = amount;
      } else if (p === this.firstP[i]) {
        this.firstSpend[i]! += amount;
      }
      if (p > this.maxP[i]!) this.maxP[i] = p;
      if (ms < this.firstMs[i]!) this.firstMs[i] = ms;
      if (ms > this.lastMs[i]!) this.lastMs[i] = ms;
    }
    this.total[i]! += amount;
    this.rows[i]! += rows;
  }

  /** The distinct periods of customer `i`. */
  periodsOf(i: number): number[] {
    const set = this.sets.get(i);
    if (set !== undefined) return [...set];
    const out: number[] = [];
    for (let k = this.head[i]!; k !== -1; k = this.poolNext[k]!) out.push(this.poolVal[k]!);
    return out;
  }

  /** Folds another state (same period and observation end) into this one. */
  merge(other: SummaryState): void {
    for (let j = 0; j < other.size; j++) {
      const i = this.slot(other.ids[j]!);
      const wasEmpty = this.distinct[i] === 0;
      for (const p of other.periodsOf(j)) if (this.addPeriod(i, p)) this.distinct[i]!++;
      const ofp = other.firstP[j]!;
      if (wasEmpty || ofp < this.firstP[i]!) {
        this.firstP[i] = ofp;
        this.firstSpend[i] = other.firstSpend[j]!;
      } else if (ofp === this.firstP[i]) {
        this.firstSpend[i]! += other.firstSpend[j]!;
      }
      if (wasEmpty || other.maxP[j]! > this.maxP[i]!) this.maxP[i] = other.maxP[j]!;
      if (wasEmpty || other.firstMs[j]! < this.firstMs[i]!) this.firstMs[i] = other.firstMs[j]!;
      if (wasEmpty || other.lastMs[j]! > this.lastMs[i]!) this.lastMs[i] = other.lastMs[j]!;
      this.total[i]! += other.total[j]!;
      this.rows[i]! += other.rows[j]!;
    }
    this.skippedAfterEnd += other.skippedAfterEnd;
  }

  /** Customer indexes in the canonical output order: numbers ascending, then strings by code unit. */
  order(): Int32Array | number[] {
    const nums: number[] = [];
    const strs: string[] = [];
    for (const id of this.ids) (typeof id === "number" ? nums : strs).push(id as never);
    const out = new Int32Array(this.size);
    let k = 0;
    const sortedNums = Float64Array.from(nums).sort();
    for (const id of sortedNums) out[k++] = this.index.get(id)!;
    strs.sort();
    for (const id of strs) out[k++] = this.index.get(id)!;
    return out;
  }

  /** The summary of customer `i`, in `unit`s, with the given monetary convention. */
  row(i: number, unit: FixedUnit, monetary: "repeat" | "all"): SummaryRow {
    const u = unitMs(unit);
    const first = periodStart(this.firstP[i]!, this.period);
    const frequency = this.distinct[i]! - 1;
    const total = this.total[i]!;
    const monetaryValue =
      monetary === "all" ? total / (frequency + 1) : frequency > 0 ? Math.max(0, total - this.firstSpend[i]!) / frequency : 0;
    return {
      customerId: this.ids[i]!,
      frequency,
      recency: (periodStart(this.maxP[i]!, this.period) - first) / u,
      T: (periodStart(this.lastPeriod, this.period) - first) / u,
      monetaryValue,
      transactionCount: this.rows[i]!,
      totalAmount: total,
      firstAt: this.firstMs[i]!,
      lastAt: this.lastMs[i]!,
    };
  }
}
