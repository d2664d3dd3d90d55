// The contract on the hot paths at CRM scale: one run each on a 1e6-row input (seeded, frozen so that any
// write to the input throws), asserting a deep-finite result within a time bound.
import { describe, expect, it } from "vitest";
import { cohortRetention, detectChurnSignals, kaplanMeier, logRankTest, nelsonAalen, rfmScores, summarizeColumns, summarizeTransactions } from "../../src/index.js";
import { rng } from "../../bench/lib.js";
import { badLeaf } from "./check.js";

const N = Number(process.env.CONTRACT_ROWS ?? 1_000_000);
const DAY = 86_400_000;
const BASE = Date.UTC(2023, 0, 1);
/** Generous: a 2-core CI machine under a parallel test run; locally each call takes ~0.2–3 s. */
const MAX_MS = 30_000;

function frozenRows<T>(n: number, row: (i: number, r: () => number) => T): readonly T[] {
  const r = rng(n);
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = Object.freeze(row(i, r));
  return Object.freeze(out);
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

function expectClean(value: unknown, ms: number): void {
  expect(badLeaf(value)).toBeNull();
  expect(ms).toBeLessThan(MAX_MS);
}

// Unsorted, with duplicated ids (~10 rows per customer) and a spread of 2 years.
const transactions = frozenRows(N, (i, r) => ({ customerId: Math.floor(r() * (N / 10)), at: BASE + Math.floor(r() * 730) * DAY + (i % 86_400) * 1000, amount: Math.round(r() * 10_000) / 100 }));

describe(`the hot paths on ${N} rows`, () => {
  it("summarizeTransactions and summarizeColumns agree and stay finite", () => {
    const a = timed(() => summarizeTransactions(transactions, { observationEnd: BASE + 730 * DAY, period: "day", unit: "week" }));
    expectClean(a.value, a.ms);
    const cols = { customerId: transactions.map((t) => t.customerId), at: Float64Array.from(transactions, (t) => t.at), amount: Float64Array.from(transactions, (t) => t.amount) };
    const b = timed(() => summarizeColumns(cols, { observationEnd: BASE + 730 * DAY, period: "day", unit: "week" }));
    expectClean(b.value, b.ms);
    expect(b.value.length).toBe(a.value.length);
    expect(b.value[0]).toEqual(a.value[0]);
  });

  it("rfmScores stays finite with heavy ties", () => {
    const customers = frozenRows(N, (i, r) => ({ customerId: i, recency: Math.floor(r() * 365), frequency: Math.floor(-Math.log(r() + 1e-12) * 2), monetary: Math.round(r() * 1e5) / 100 }));
    const s = timed(() => rfmScores(customers, { bins: 5 }));
    expectClean(s.value, s.ms);
    expect(s.value).toHaveLength(N);
  });

  it("cohortRetention stays finite", () => {
    const c = timed(() => cohortRetention(transactions, { cohort: "month", interval: "week", periods: 20, observationEnd: BASE + 730 * DAY }));
    expectClean(c.value, c.ms);
  });

  it("kaplanMeier stays finite with many tied times", () => {
    const obs = frozenRows(N, (_i, r) => ({ duration: Math.floor(r() * 1000), event: r() < 0.7 }));
    const k = timed(() => kaplanMeier(obs));
    expectClean(k.value, k.ms);
  });

  it("nelsonAalen stays finite with distinct times", () => {
    const obs = frozenRows(N, (_i, r) => ({ duration: r() * 1e6, event: r() < 0.7 }));
    const k = timed(() => nelsonAalen(obs));
    expectClean(k.value, k.ms);
  });

  it("logRankTest stays finite and bounded at the most groups, with distinct times and strata", () => {
    const obs = frozenRows(N, (i, r) => ({ duration: r() * 1e6, event: r() < 0.7, group: i % 200, site: i % 3 }));
    const k = timed(() => logRankTest(obs, { rho: 1, strata: "site" }));
    expectClean(k.value, k.ms);
    expect(k.value.df).toBe(199);
  });

  it("detectChurnSignals stays finite on 1e6 events", () => {
    const r = rng(7);
    const perCustomer = 10;
    const customers = Object.freeze(
      Array.from({ length: N / perCustomer }, (_, i) =>
        Object.freeze({
          customerId: i,
          events: Object.freeze(Array.from({ length: perCustomer }, () => Object.freeze({ type: r() < 0.8 ? "login" : "purchase", at: BASE + Math.floor(r() * 365) * DAY }))),
        }),
      ),
    );
    const d = timed(() => detectChurnSignals(customers, { asOf: BASE + 365 * DAY }));
    expectClean(d.value, d.ms);
    expect(d.value).toHaveLength(N / perCustomer);
  });
});
