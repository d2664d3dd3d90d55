// Synthetic and CDNOW data shared by the benchmarks (bench/*.bench.ts) and the peer comparison
// (bench/peers/speed-vs-peers.ts), so that both time the same inputs. Everything is generated from fixed seeds.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { summarizeTransactions, type RfmInput, type RfRow, type ScoreConfig, type Transaction } from "../src/index.js";
import { rng } from "./lib.js";

export const DAY = 86_400_000;
/** Start of the synthetic logs: 2022-01-01 UTC. */
export const START = Date.UTC(2022, 0, 1);
/** End of observation of the synthetic logs: two years (730 days) after {@link START}. */
export const END = START + 730 * DAY;
/** Customers in the synthetic logs. */
export const CUSTOMERS = 1_000_000;

/**
 * The engine with every part on: the empty config, whose defaults turn on RFM + segment, value tier, ABC class,
 * lifecycle stage, BG/NBD + Gamma-Gamma fitted on the input, P(alive), 12-month expected purchases and CLV.
 */
export const EVERY_PART_ON: ScoreConfig = {};

/** A transaction log as typed columns: row i is customer `customerId[i]` buying `amount[i]` at `at[i]` (epoch ms). */
export interface Columns {
  customerId: Int32Array;
  at: Float64Array;
  amount: Float64Array;
}

/**
 * A BG/NBD-like population of {@link CUSTOMERS} customers (the engine benchmarks' input): customer i arrives
 * on a uniform day, buys at an exponential rate λ_i (mean one purchase per 40 days), and after each purchase
 * drops out with probability p_i ~ U(0, 0.3); spend per purchase is the customer's mean (log-normal-ish)
 * times noise. About 7 transactions a customer (6.86 M rows for seed 7), grouped by customer, in time order
 * within a customer.
 */
export function population(seed: number): Columns {
  const r = rng(seed);
  let cap = 12_000_000;
  let c = { customerId: new Int32Array(cap), at: new Float64Array(cap), amount: new Float64Array(cap) };
  let n = 0;
  for (let id = 0; id < CUSTOMERS; id++) {
    let t = START + Math.floor(r() * 700) * DAY + Math.floor(r() * DAY);
    const rate = (-Math.log(1 - r()) / 40) * 2.5; // per day
    const p = r() * 0.3;
    const spend = 10 + 90 * r() * r();
    for (;;) {
      if (n === cap) {
        cap *= 2;
        const g = { customerId: new Int32Array(cap), at: new Float64Array(cap), amount: new Float64Array(cap) };
        g.customerId.set(c.customerId);
        g.at.set(c.at);
        g.amount.set(c.amount);
        c = g;
      }
      c.customerId[n] = id;
      c.at[n] = t;
      c.amount[n] = Math.round(spend * (0.5 + r()) * 100) / 100;
      n++;
      if (r() < p) break;
      t += (-Math.log(1 - r()) / rate) * DAY;
      if (t >= END) break;
    }
  }
  return { customerId: c.customerId.subarray(0, n), at: c.at.subarray(0, n), amount: c.amount.subarray(0, n) };
}

/**
 * `rows` transactions of customers drawn uniformly from {@link CUSTOMERS}, at uniform times over the 730 days
 * from {@link START}, amounts uniform in [0, 100) dollars with cents (the summary benchmarks' input);
 * `ordered` sorts them by time (a typical log), else they are in random order.
 */
export function randomLog(rows: number, seed: number, ordered: boolean): Columns {
  const r = rng(seed);
  const c = { customerId: new Int32Array(rows), at: new Float64Array(rows), amount: new Float64Array(rows) };
  for (let i = 0; i < rows; i++) {
    c.customerId[i] = Math.floor(r() * CUSTOMERS);
    c.at[i] = START + Math.floor(r() * 730) * DAY + Math.floor(r() * DAY);
    c.amount[i] = Math.round(r() * 10000) / 100;
  }
  if (!ordered) return c;
  const order = new Float64Array(rows).map((_, i) => i).sort((a, b) => c.at[a]! - c.at[b]!);
  return {
    customerId: Int32Array.from(order, (i) => c.customerId[i]!),
    at: Float64Array.from(order, (i) => c.at[i]!),
    amount: Float64Array.from(order, (i) => c.amount[i]!),
  };
}

/** The rows of a {@link Columns} log as transaction objects. */
export function transactionObjects(c: Columns): Transaction[] {
  const out: Transaction[] = new Array(c.at.length);
  for (let i = 0; i < out.length; i++) out[i] = { customerId: c.customerId[i]!, at: c.at[i]!, amount: c.amount[i]! };
  return out;
}

/**
 * `n` RFM rows drawn from `r` (the RFM benchmarks' input), skewed like real data: many one-time buyers
 * (frequency 1 + ⌊Exp · 1.5⌋), recency uniform whole days in [0, 730), long-tailed spend.
 */
export function rfmCustomers(r: () => number, n: number): RfmInput[] {
  const customers: RfmInput[] = new Array<RfmInput>(n);
  for (let i = 0; i < n; i++) {
    const frequency = 1 + Math.floor(-Math.log(1 - r()) * 1.5);
    customers[i] = {
      customerId: i,
      recency: Math.floor(r() * 730),
      frequency,
      monetary: Math.round(frequency * 40 * -Math.log(1 - r()) * 100) / 100,
    };
  }
  return customers;
}

/** RFM rows as the columns {@link rfmScoreColumns} takes. */
export function rfmColumns(customers: readonly RfmInput[]): { customerId: number[]; recency: Float64Array; frequency: Float64Array; monetary: Float64Array } {
  return {
    customerId: customers.map((c) => c.customerId as number),
    recency: Float64Array.from(customers, (c) => c.recency),
    frequency: Float64Array.from(customers, (c) => c.frequency),
    monetary: Float64Array.from(customers, (c) => c.monetary),
  };
}

/** Absolute path of a CDNOW fixture file (test/fixtures/cdnow/NAME). */
export function cdnowPath(name: string): string {
  return fileURLToPath(new URL(`../test/fixtures/cdnow/${name}`, import.meta.url));
}

/** The CDNOW sample's calibration summary (2,357 customers, weeks): `{ frequency, recency, T }`. */
export function cdnowSample(): RfRow[] {
  return readFileSync(cdnowPath("cdnow_customers_summary.csv"), "utf8").trim().split("\n").slice(1).map((l) => {
    const c = l.split(",").map(Number);
    return { frequency: c[1]!, recency: c[2]!, T: c[3]! };
  });
}

/** The CDNOW sample's spend (2,357 customers, 946 with repeats): `{ frequency, monetaryValue }`, as lifetimes' Gamma-Gamma example. */
export function cdnowSampleSpend(): { frequency: number; monetaryValue: number }[] {
  return readFileSync(cdnowPath("cdnow_customers_summary_with_transactions.csv"), "utf8").trim().split("\n").slice(1).map((l) => {
    const c = l.split(",").map(Number);
    return { frequency: c[1]!, monetaryValue: c[4]! };
  });
}

/** The full CDNOW cohort's transactions (CDNOW_master.txt: 23,570 customers, 69,659 rows), dates as UTC midnights. */
export function cdnowMaster(): Transaction[] {
  const out: Transaction[] = [];
  for (const line of readFileSync(cdnowPath("CDNOW_master.txt"), "utf8").split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const d = f[1]!;
    out.push({ customerId: Number(f[0]), at: Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))), amount: Number(f[3]) });
  }
  return out;
}

/**
 * The full CDNOW cohort summarised for its 39-week calibration period (to 1997-09-30, purchases merged by
 * day, weeks): 23,570 customers, as lifetimes' `summary_data_from_transaction_data(..., freq="D", freq_multiplier=7)`.
 */
export function cdnowCohort(): ReturnType<typeof summarizeTransactions> {
  return summarizeTransactions(cdnowMaster(), { observationEnd: "1997-09-30", period: "day", unit: "week" });
}
