// Test helpers of the engine domain: the bundled CDNOW sample, and a deliberately naive summary to check
// the optimised state against.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

export interface Row {
  customerId: string | number;
  at: number;
  amount: number;
}

const DAY = 86_400_000;

/** CDNOW_sample.txt as transaction rows (sample id, UTC date, dollar value). */
export function cdnowSample(): Row[] {
  const path = fileURLToPath(new URL("../fixtures/cdnow/CDNOW_sample.txt", import.meta.url));
  const rows: Row[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const d = f[2]!;
    rows.push({ customerId: Number(f[1]), at: Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))), amount: Number(f[4]) });
  }
  return rows;
}

/** The summary written the obvious way (a Map of Sets per customer), for comparison. */
export function naiveSummary(rows: readonly Row[], endMs: number, period: "day" | "week", unit: "day" | "week") {
  const pIndex = (ms: number): number => {
    const d = Math.floor(ms / DAY);
    return period === "week" ? Math.floor((d + 3) / 7) : d;
  };
  const pStart = (p: number): number => (period === "week" ? p * 7 - 3 : p) * DAY;
  const last = pIndex(endMs);
  const by = new Map<string | number, Map<number, number>>();
  const info = new Map<string | number, { n: number; total: number; first: number; lastAt: number }>();
  for (const r of rows) {
    const p = pIndex(r.at);
    if (p > last) continue;
    const m = by.get(r.customerId) ?? new Map<number, number>();
    by.set(r.customerId, m);
    m.set(p, (m.get(p) ?? 0) + r.amount);
    const s = info.get(r.customerId) ?? { n: 0, total: 0, first: Infinity, lastAt: -Infinity };
    info.set(r.customerId, s);
    s.n++;
    s.total += r.amount;
    s.first = Math.min(s.first, r.at);
    s.lastAt = Math.max(s.lastAt, r.at);
  }
  const u = unit === "week" ? 7 * DAY : DAY;
  const ids = [...by.keys()].sort((a, b) =>
    typeof a === "number" ? (typeof b === "number" ? a - b : -1) : typeof b === "number" ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return ids.map((id) => {
    const m = by.get(id)!;
    const ps = [...m.keys()].sort((a, b) => a - b);
    const s = info.get(id)!;
    const frequency = ps.length - 1;
    const repeat = ps.slice(1).reduce((a, p) => a + m.get(p)!, 0);
    return {
      customerId: id,
      frequency,
      recency: (pStart(ps.at(-1)!) - pStart(ps[0]!)) / u,
      T: (pStart(last) - pStart(ps[0]!)) / u,
      monetaryValue: frequency > 0 ? repeat / frequency : 0,
      transactionCount: s.n,
      totalAmount: s.total,
      firstAt: s.first,
      lastAt: s.lastAt,
    };
  });
}

/** Asserts two summary lists are equal, with amounts compared to `rel` relative error. */
export function sameSummaries(actual: readonly object[], expected: readonly object[], rel = 1e-12): void {
  if (actual.length !== expected.length) throw new Error(`lengths ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as Record<string, unknown>;
    const e = expected[i] as Record<string, unknown>;
    for (const k of Object.keys(e)) {
      const x = a[k];
      const y = e[k];
      if (typeof x === "number" && typeof y === "number" && (k === "monetaryValue" || k === "totalAmount")) {
        if (!(Math.abs(x - y) <= rel * Math.max(1, Math.abs(y)))) throw new Error(`row ${i} ${k}: ${x} vs ${y}`);
      } else if (!Object.is(x, y)) {
        throw new Error(`row ${i} (${String(e.customerId)}) ${k}: ${String(x)} vs ${String(y)}`);
      }
    }
  }
}

/** A base date for generated rows (a Monday). */
export const BASE = Date.UTC(2023, 11, 25);

/** Rows over few customers and few days, so periods repeat and arrive out of order; ids of every kind. */
export const rowsArb: fc.Arbitrary<Row[]> = fc.array(
  fc.record({
    customerId: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(-3, 2.5, 1e12, "a", "b", "30", "zz")),
    at: fc.integer({ min: -20 * DAY, max: 120 * DAY }).map((x) => BASE + x),
    amount: fc.integer({ min: 0, max: 100_00 }).map((c) => c / 100),
  }),
  { maxLength: 300 },
);


/** One row of summarySql's result, as read back from an engine. */
export interface SqlRow {
  customer_id: number | string;
  frequency: number;
  recency: number;
  t: number;
  monetary_value: number;
}

/**
 * Throws unless the SQL result has exactly one row per summary, with the same frequency and recency, T and
 * monetary value to 1e-9 relative. Returns the number of customers.
 */
export function checkSqlAgrees(result: readonly SqlRow[], want: readonly { customerId: string | number; frequency: number; recency: number; T: number; monetaryValue: number }[]): number {
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  const got = new Map(result.map((r) => [r.customer_id, r]));
  if (result.length !== want.length || got.size !== want.length) throw new Error(`${result.length} SQL rows (${got.size} ids) for ${want.length} customers`);
  for (const s of want) {
    const r = got.get(s.customerId);
    const ok = r !== undefined && r.frequency === s.frequency && close(r.recency, s.recency) && close(r.t, s.T) && close(r.monetary_value, s.monetaryValue);
    if (!ok) throw new Error(`customer ${String(s.customerId)}: SQL ${JSON.stringify(r)} vs ${JSON.stringify(s)}`);
  }
  return want.length;
}

/** Random logs for the SQL agreement tests: rows, ids as strings or numbers, period, unit, end hour (0..2400). */
export const sqlLogArb = fc.tuple(
  rowsArb.filter((rows) => rows.length > 0),
  fc.boolean(),
  fc.constantFrom<"day" | "week">("day", "week"),
  fc.constantFrom<"day" | "week">("day", "week"),
  fc.integer({ min: 0, max: 100 * 24 }),
);
