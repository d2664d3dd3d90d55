// Before/after check for speed work on the summary (issue #21): runs the summary functions of two source trees
// over the same inputs — CDNOW, random logs with many duplicate periods, extreme amounts, ids of every kind, and
// inputs that must be refused — and reports every input whose output differs in any bit (numbers as their
// float64 bits, order, errors' code, path and message).
// Usage: BEFORE=/path/to/old/checkout npx tsx bench/summaryBeforeAfter.ts
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { rng } from "./lib.js";

type Lib = typeof import("../src/index.js");
const before = process.env.BEFORE;
if (before === undefined) throw new Error("set BEFORE to the old checkout's directory");
const A: Lib = await import(pathToFileURL(`${before}/src/index.ts`).href);
const B: Lib = await import("../src/index.js");

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
function enc(v: unknown): unknown {
  if (typeof v === "number") {
    f64[0] = v;
    return `n${u32[1]!.toString(16)}:${u32[0]!.toString(16)}`;
  }
  if (v instanceof Float64Array || v instanceof Int32Array) return [v.constructor.name, ...Array.from(v, enc)];
  if (Array.isArray(v)) return v.map(enc);
  if (v !== null && typeof v === "object") {
    const e = v as { code?: unknown; path?: unknown; message?: unknown };
    if (v instanceof Error) return { error: e.code, path: e.path, message: e.message, name: v.name };
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(x)]));
  }
  return typeof v === "string" ? `s${v}` : v;
}
function run(f: () => unknown): string {
  try {
    return JSON.stringify(enc(f()));
  } catch (e) {
    return JSON.stringify(enc(e));
  }
}

interface Log {
  ids: number[];
  at: number[];
  amount: number[];
}
const DAY = 86_400_000;

function cdnow(): Log {
  const log: Log = { ids: [], at: [], amount: [] };
  for (const line of readFileSync(new URL("../test/fixtures/cdnow/CDNOW_master.txt", import.meta.url), "utf8").split("\n")) {
    const p = line.trim().split(/\s+/);
    if (p.length < 4) continue;
    const d = p[1]!;
    log.ids.push(Number(p[0]));
    log.at.push(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))));
    log.amount.push(Number(p[3]));
  }
  return log;
}

function shuffled(log: Log, seed: number): Log {
  const r = rng(seed);
  const order = log.ids.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { ids: order.map((i) => log.ids[i]!), at: order.map((i) => log.at[i]!), amount: order.map((i) => log.amount[i]!) };
}

/** Random log: `n` rows over `m` customers (ids from `idOf`), times over `days` days (few days: many duplicate periods). */
function randomLog(seed: number, n: number, m: number, days: number, amountOf: (r: () => number) => number, idOf = (k: number) => k): Log {
  const r = rng(seed);
  const log: Log = { ids: [], at: [], amount: [] };
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < n; i++) {
    log.ids.push(idOf(Math.floor(r() * m)));
    log.at.push(start + Math.floor(r() * days) * DAY + Math.floor(r() * DAY));
    log.amount.push(amountOf(r));
  }
  return log;
}

const amounts: Record<string, (r: () => number) => number> = {
  cents: (r) => Math.round(r() * 100000) / 100,
  integers: (r) => Math.floor(r() * 1000),
  zero: () => 0,
  negZero: (r) => (r() < 0.5 ? -0 : 0),
  huge: (r) => (r() < 0.3 ? 1e308 : r() * 1e300),
  mixedScales: (r) => [1e20, 1e-5, 3, 1e-300, 2 ** 60 + 1, 0.1][Math.floor(r() * 6)]! * (1 + r()),
  subnormal: (r) => (r() < 0.5 ? 5e-324 * Math.floor(r() * 1000) : 2.2250738585072014e-308 * r()),
  maxish: (r) => (r() < 0.01 ? Number.MAX_VALUE : r()),
  negative: (r) => (r() < 0.999 ? r() : -1),
  nan: (r) => (r() < 0.999 ? r() : NaN),
};

type IdKind = "int32" | "uint32" | "float64" | "numbers" | "strings" | "dictionary" | "dictionaryNumbers" | "mixed";
function columnsOf(log: Log, kind: IdKind, typedTimes: boolean, withAmount = true): Record<string, unknown> {
  const at = typedTimes ? Float64Array.from(log.at) : log.at.slice();
  const amount = withAmount ? (typedTimes ? Float64Array.from(log.amount) : log.amount.slice()) : undefined;
  let customerId: unknown;
  switch (kind) {
    case "int32":
      customerId = Int32Array.from(log.ids);
      break;
    case "uint32":
      customerId = Uint32Array.from(log.ids);
      break;
    case "float64":
      customerId = Float64Array.from(log.ids);
      break;
    case "numbers":
      customerId = log.ids.slice();
      break;
    case "strings":
      customerId = log.ids.map((x) => `c${x}`);
      break;
    case "mixed":
      customerId = log.ids.map((x) => (x % 3 === 0 ? `c${x}` : x));
      break;
    case "dictionary":
    case "dictionaryNumbers": {
      const distinct = [...new Set(log.ids)].sort((a, b) => b - a);
      const code = new Map(distinct.map((x, j) => [x, j]));
      customerId = { codes: Int32Array.from(log.ids, (x) => code.get(x)!), dictionary: distinct.map((x) => (kind === "dictionary" ? `c${x}` : x)) };
      break;
    }
  }
  return amount === undefined ? { customerId, at } : { customerId, at, amount };
}
function rowsOf(log: Log, strings: boolean): unknown[] {
  return log.ids.map((x, i) => ({ customerId: strings ? `c${x}` : x, at: log.at[i], amount: log.amount[i] }));
}

const optionSets = [
  { observationEnd: "2024-01-01", unit: "week" },
  { observationEnd: Date.UTC(2023, 0, 20), period: "week", unit: "day", monetary: "all" },
  { observationEnd: Date.UTC(2023, 1, 10) + 5, period: "day", unit: "day" },
] as const;
const cdnowOptions = [
  { observationEnd: "1997-09-30", unit: "week" },
  { observationEnd: "1998-06-30", period: "week", unit: "day", monetary: "all" },
] as const;

let cases = 0;
let differ = 0;
function compare(name: string, make: () => unknown, options: object): void {
  for (const fn of ["summaryTable", "summarizeColumns", "summarizeTransactions", "accumulator"] as const) {
    const call = (L: Lib) => () => {
      const input = make();
      const isCols = !Array.isArray(input);
      if (fn === "summarizeColumns" && !isCols) return "n/a";
      if (fn === "summarizeTransactions" && isCols) return "n/a";
      if (fn === "accumulator") {
        const acc = L.createSummaryAccumulator(options as never).add(input as never);
        const other = L.createSummaryAccumulator(options as never).add(input as never);
        return [acc.toJSON(), acc.merge(other).finish()];
      }
      return (L as unknown as Record<string, (a: unknown, b: unknown) => unknown>)[fn]!(input, options);
    };
    const a = run(call(A));
    const b = run(call(B));
    if (a === "\"n/a\"") continue;
    cases++;
    if (a !== b) {
      differ++;
      console.log(`DIFFERS: ${name} / ${fn} / ${JSON.stringify(options)}\n  before ${a.slice(0, 300)}\n  after  ${b.slice(0, 300)}`);
    }
  }
}

const kinds: IdKind[] = ["int32", "uint32", "float64", "numbers", "strings", "dictionary", "dictionaryNumbers", "mixed"];
const cd = cdnow();
const cdShuffled = shuffled(cd, 7);
for (const [label, log] of [["cdnow", cd], ["cdnow shuffled", cdShuffled]] as const) {
  for (const o of cdnowOptions) {
    for (const kind of kinds) for (const typed of [true, false]) compare(`${label} ${kind} typed=${typed}`, () => columnsOf(log, kind, typed), o);
    compare(`${label} rows`, () => rowsOf(log, false), o);
    compare(`${label} string rows`, () => rowsOf(log, true), o);
  }
}
let seed = 1;
for (const [aname, amountOf] of Object.entries(amounts)) {
  for (const [n, m, days] of [[3000, 40, 6], [5000, 2000, 400], [20000, 300, 30], [1, 1, 1]] as const) {
    const s = seed++;
    const logs: [string, Log][] = [
      ["dense", randomLog(s, n, m, days, amountOf)],
      ["sparse", randomLog(s, n, m, days, amountOf, (k) => k * 7919 + 1_000_000)],
      ["huge ids", randomLog(s, n, m, days, amountOf, (k) => (k % 2 ? 2 ** 40 + k : k))],
      ["odd ids", randomLog(s, n, m, days, amountOf, (k) => [k, -k - 1, k + 0.5][k % 3]!)],
    ];
    for (const [label, log] of logs) {
      for (const o of optionSets) {
        for (const kind of kinds) {
          compare(`${aname} ${n}/${m}/${days} ${label} ${kind}`, () => columnsOf(log, kind, true), o);
          compare(`${aname} ${n}/${m}/${days} ${label} ${kind} untyped`, () => columnsOf(log, kind, false), o);
        }
        compare(`${aname} ${n}/${m}/${days} ${label} rows`, () => rowsOf(log, false), o);
      }
    }
  }
}
// Inputs to refuse, and edge shapes.
const base = randomLog(99, 500, 50, 10, amounts.cents!);
const refusals: [string, () => unknown][] = [
  ["epoch seconds", () => ({ customerId: Int32Array.from(base.ids), at: Float64Array.from(base.at, (t) => t / 1000 + 0.5), amount: Float64Array.from(base.amount) })],
  ["epoch seconds strings", () => ({ customerId: base.ids.map((x) => `c${x}`), at: Float64Array.from(base.at, (t) => t / 1000 + 0.5), amount: Float64Array.from(base.amount) })],
  ["misnamed amount", () => ({ customerId: Int32Array.from(base.ids), at: Float64Array.from(base.at), value: Float64Array.from(base.amount) })],
  ["misnamed amount strings", () => ({ customerId: base.ids.map(String), at: Float64Array.from(base.at), value: base.amount })],
  ["no amount", () => columnsOf(base, "strings", true, false)],
  ["no amount int", () => columnsOf(base, "int32", true, false)],
  ["bad time row 7", () => ({ customerId: base.ids.map((x) => `c${x}`), at: Float64Array.from(base.at, (t, i) => (i === 7 ? NaN : t)), amount: Float64Array.from(base.amount) })],
  ["bad time row 7 int", () => ({ customerId: Int32Array.from(base.ids), at: Float64Array.from(base.at, (t, i) => (i === 7 ? 9e15 : t)), amount: Float64Array.from(base.amount) })],
  ["empty string id", () => ({ customerId: base.ids.map((x, i) => (i === 30 ? "" : `c${x}`)), at: Float64Array.from(base.at), amount: Float64Array.from(base.amount) })],
  ["null id", () => ({ customerId: base.ids.map((x, i) => (i === 30 ? null : `c${x}`)), at: Float64Array.from(base.at), amount: Float64Array.from(base.amount) })],
  ["NaN id", () => ({ customerId: Float64Array.from(base.ids, (x, i) => (i === 3 ? NaN : x)), at: Float64Array.from(base.at), amount: Float64Array.from(base.amount) })],
  ["bad id after bad amount", () => ({ customerId: base.ids.map((x, i) => (i === 9 ? undefined : `c${x}`)), at: Float64Array.from(base.at), amount: Float64Array.from(base.amount, (a, i) => (i === 8 ? -2 : a)) })],
  ["bad amount after bad id", () => ({ customerId: base.ids.map((x, i) => (i === 8 ? {} : `c${x}`)), at: Float64Array.from(base.at), amount: Float64Array.from(base.amount, (a, i) => (i === 9 ? -2 : a)) })],
  ["string times", () => ({ customerId: base.ids.map((x) => `c${x}`), at: base.at.map((t) => new Date(t).toISOString()), amount: base.amount })],
  ["date times", () => ({ customerId: base.ids.map((x) => `c${x}`), at: base.at.map((t) => new Date(t)), amount: base.amount })],
  ["length mismatch", () => ({ customerId: base.ids.map((x) => `c${x}`), at: Float64Array.from(base.at).subarray(1), amount: Float64Array.from(base.amount) })],
  ["empty", () => ({ customerId: [], at: new Float64Array(0), amount: new Float64Array(0) })],
  ["all after end", () => ({ customerId: base.ids.map((x) => `c${x}`), at: Float64Array.from(base.at, (t) => t + 3e12), amount: Float64Array.from(base.amount) })],
  ["all after end int", () => ({ customerId: Int32Array.from(base.ids), at: Float64Array.from(base.at, (t) => t + 3e12), amount: Float64Array.from(base.amount) })],
  ["number strings", () => ({ customerId: base.ids.map((x) => String(x)), at: Float64Array.from(base.at), amount: Float64Array.from(base.amount) })],
  ["unicode ids", () => ({ customerId: base.ids.map((x) => ["é", "e", "Z", "😀", "a"][x % 5]! + x), at: Float64Array.from(base.at), amount: Float64Array.from(base.amount) })],
  ["-0 times", () => ({ customerId: base.ids.map((x) => `c${x}`), at: Float64Array.from(base.at, (t, i) => (i % 2 ? -0 : t)), amount: Float64Array.from(base.amount) })],
  ["pre-1970 times", () => ({ customerId: base.ids.map((x) => `c${x}`), at: Float64Array.from(base.at, (t) => -t), amount: Float64Array.from(base.amount) })],
];
for (const [name, make] of refusals) for (const o of optionSets) compare(name, make, o);
console.log(`${cases} comparisons, ${differ} differ`);
process.exit(differ === 0 ? 0 : 1);
