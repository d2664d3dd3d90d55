// The reliability contract, over every runtime export of the package root.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import * as root from "../../src/index.js";
import { CASES, NOT_FUNCTIONS } from "./cases.js";
import { assertContract, call, fingerprint } from "./check.js";
import { hostile, replaceAt, reshaped, reyieldOneObject, rowsPath, snapshot } from "./hostile.js";

const exportsByName = Object.entries(root as Record<string, unknown>);
const functions = exportsByName.filter(([n, v]) => typeof v === "function" && !NOT_FUNCTIONS.has(n));
const RUNS_VALID = Number(process.env.CONTRACT_RUNS ?? 40);
const RUNS_HOSTILE = Number(process.env.CONTRACT_RUNS ?? 80);
const RUNS_RESHAPED = Number(process.env.CONTRACT_RUNS ?? 30);
const MAX_CALL_MS = 2_000;
/** The slowest call seen per export, printed at the end (the bound every call must keep is MAX_CALL_MS). */
const slowest = new Map<string, number>();

async function keepsContract(name: string, fn: (...a: unknown[]) => unknown, args: unknown[], prefixes: readonly string[] = []): Promise<void> {
  const before = snapshot(args);
  const t0 = performance.now();
  const first = await call(fn, args);
  const ms = performance.now() - t0;
  if (!(ms <= (slowest.get(name) ?? -1))) slowest.set(name, ms);
  assertContract(name, first, prefixes);
  expect(args, `${name} mutated its input`).toEqual(before);
  const second = await call(fn, snapshot(args) as unknown[]);
  expect(fingerprint(second), `${name} is not deterministic`).toBe(fingerprint(first));
  expect(ms, `${name} took ${ms.toFixed(0)} ms`).toBeLessThan(MAX_CALL_MS);
}

/**
 * Rows from a generator that re-yields one refilled object (as streaming CSV readers do) give what the array
 * gives, or a coded refusal of a non-array where the function takes arrays only.
 */
async function readsRowsOnce(name: string, fn: (...a: unknown[]) => unknown, args: unknown[]): Promise<void> {
  const path = rowsPath(args);
  if (path === null) return;
  let rows: unknown = args;
  for (const k of path) rows = (rows as Record<string | number, unknown>)[k];
  const fromArray = await call(fn, snapshot(args));
  const streamed = await call(fn, replaceAt(args, path, reyieldOneObject(rows as Record<string, unknown>[])));
  if (!streamed.ok && (streamed.error as { code?: unknown }).code === "INVALID_TYPE") return;
  expect(fingerprint(streamed), `${name} kept a reference to a re-yielded row`).toBe(fingerprint(fromArray));
}

afterAll(() => {
  const top = [...slowest].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(`contract: slowest calls ${top.map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`).join(", ")} (bound ${MAX_CALL_MS} ms)`);
});

describe("the reliability contract", () => {
  it("covers every runtime export with an arbitrary", () => {
    const missing = functions.map(([n]) => n).filter((n) => !(n in CASES));
    expect(missing).toEqual([]);
    const stale = Object.keys(CASES).filter((n) => !(n in root));
    expect(stale).toEqual([]);
  });

  it("keeps constants plain, JSON-serialisable data", () => {
    for (const [name, value] of exportsByName) {
      if (typeof value === "function") continue;
      expect(JSON.parse(JSON.stringify(value)), name).toEqual(value);
    }
  });

  for (const [name, exported] of functions) {
    const c = CASES[name];
    if (!c) continue;
    const invoke = c.invoke;
    const fn = invoke ? (...args: unknown[]): unknown => invoke(exported as never, args) : exported;
    it(`${name}: valid input gives a finite result or a coded error, deterministically, without mutation`, async () => {
      await fc.assert(fc.asyncProperty(c.valid, (args) => keepsContract(name, fn as never, args, c.messagePrefixes)), { numRuns: RUNS_VALID });
    });
    it(`${name}: hostile input gives a finite result or a coded error`, async () => {
      await fc.assert(fc.asyncProperty(hostile(c.valid), (args) => keepsContract(name, fn as never, args, c.messagePrefixes)), { numRuns: RUNS_HOSTILE });
    });
    it(`${name}: rows re-yielded in one refilled object give the array's result`, async () => {
      await fc.assert(fc.asyncProperty(c.valid, (args) => readsRowsOnce(name, fn as never, args)), { numRuns: RUNS_RESHAPED });
    });
    it(`${name}: frozen, unsorted, duplicated and sparse input gives a finite result or a coded error`, async () => {
      await fc.assert(fc.asyncProperty(reshaped(c.valid), (args) => keepsContract(name, fn as never, args, c.messagePrefixes)), { numRuns: RUNS_RESHAPED });
    });
  }
});
