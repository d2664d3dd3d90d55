// The reliability contract, over every runtime export of the package root.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as root from "../../src/index.js";
import { CASES, NOT_FUNCTIONS } from "./cases.js";
import { assertContract, call, fingerprint } from "./check.js";
import { hostile, reshaped, snapshot } from "./hostile.js";

const exportsByName = Object.entries(root as Record<string, unknown>);
const functions = exportsByName.filter(([n, v]) => typeof v === "function" && !NOT_FUNCTIONS.has(n));
const RUNS_VALID = Number(process.env.CONTRACT_RUNS ?? 40);
const RUNS_HOSTILE = Number(process.env.CONTRACT_RUNS ?? 80);
const RUNS_RESHAPED = Number(process.env.CONTRACT_RUNS ?? 30);
const MAX_CALL_MS = 2_000;

async function keepsContract(name: string, fn: (...a: unknown[]) => unknown, args: unknown[], prefixes: readonly string[] = []): Promise<void> {
  const before = snapshot(args);
  const t0 = performance.now();
  const first = await call(fn, args);
  const ms = performance.now() - t0;
  assertContract(name, first, prefixes);
  expect(args, `${name} mutated its input`).toEqual(before);
  const second = await call(fn, snapshot(args) as unknown[]);
  expect(fingerprint(second), `${name} is not deterministic`).toBe(fingerprint(first));
  expect(ms, `${name} took ${ms.toFixed(0)} ms`).toBeLessThan(MAX_CALL_MS);
}

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
    it(`${name}: frozen, unsorted, duplicated and sparse input gives a finite result or a coded error`, async () => {
      await fc.assert(fc.asyncProperty(reshaped(c.valid), (args) => keepsContract(name, fn as never, args, c.messagePrefixes)), { numRuns: RUNS_RESHAPED });
    });
  }
});
