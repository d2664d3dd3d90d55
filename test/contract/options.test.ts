// Closed option bags, over every runtime export of the package root: a valid call with one key the function
// does not know (a misspelling or an Object.prototype name) is UNKNOWN_OPTION at that key's path, never a
// silently ignored key. Which parameter is a bag is read from the function's own parameter names, so a new
// export with an `options` (or `counts`, `config`) parameter is covered as soon as it has a contract case.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as root from "../../src/index.js";
import { CASES, NOT_FUNCTIONS } from "./cases.js";
import { call } from "./check.js";
import { snapshot } from "./hostile.js";

/** Parameters that are option bags by name; the engine's `config` keeps its own code, INVALID_CONFIG. */
const BAG_NAMES: Record<string, "UNKNOWN_OPTION" | "INVALID_CONFIG"> = { options: "UNKNOWN_OPTION", counts: "UNKNOWN_OPTION", config: "INVALID_CONFIG" };
/** Bags whose parameter has another name. */
const NAMED_BAGS: Record<string, { index: number; name: string }> = { simpleClv: { index: 0, name: "input" }, pointsLedger: { index: 1, name: "rules" } };

/** The extra keys tried: a misspelling and prototype names, `__proto__` as JSON.parse makes it (an own key). */
const EXTRA_KEYS: readonly string[] = ["unitz", "toString", "constructor", ...Object.keys(JSON.parse('{"__proto__": 1}') as object), "hasOwnProperty", "valueOf"];

function parameterNames(fn: (...a: unknown[]) => unknown): string[] {
  const m = /^[^(]*\(([^)]*)\)/.exec(Function.prototype.toString.call(fn));
  return m === null ? [] : m[1]!.split(",").map((p) => p.replace(/=.*$/s, "").trim()).filter((p) => p.length > 0);
}

/** Where each export takes a bag: the argument index, the path its keys are reported under and the code. */
function bagsOf(name: string, fn: (...a: unknown[]) => unknown): { index: number; name: string; code: string }[] {
  const out = parameterNames(fn).flatMap((p, index) => (p in BAG_NAMES ? [{ index, name: p, code: BAG_NAMES[p]! }] : []));
  const named = NAMED_BAGS[name];
  if (named) out.push({ ...named, code: "UNKNOWN_OPTION" });
  return out;
}

/** A copy of `args` whose bag at `index` has one more own, enumerable key (a fresh bag when none was given). */
function withExtraKey(args: readonly unknown[], index: number, key: string): unknown[] {
  const copy = snapshot([...args]);
  while (copy.length <= index) copy.push(undefined);
  const bag = (copy[index] === undefined ? {} : copy[index]) as object;
  Object.defineProperty(bag, key, { value: 1, enumerable: true, writable: true, configurable: true });
  copy[index] = bag;
  return copy;
}

const functions = Object.entries(root as Record<string, unknown>).filter(([n, v]) => typeof v === "function" && !NOT_FUNCTIONS.has(n)) as [string, (...a: unknown[]) => unknown][];

describe("closed option bags", () => {
  it("finds the bags of the functions known to take one (the detection itself works)", () => {
    const found = new Map(functions.map(([n, f]) => [n, bagsOf(n, f).map((b) => b.name)]));
    expect(found.get("summarizeTransactions")).toEqual(["options"]);
    expect(found.get("retentionRate")).toEqual(["counts"]);
    expect(found.get("scoreCustomers")).toEqual(["config"]);
    expect(found.get("rfmSegment")).toEqual(["options"]);
    expect(found.get("simpleClv")).toEqual(["input"]);
    expect([...found.values()].filter((b) => b.length > 0).length).toBeGreaterThan(50);
  });

  for (const [name, exported] of functions) {
    const c = CASES[name];
    const bags = bagsOf(name, exported);
    if (!c || bags.length === 0) continue;
    const invoke = c.invoke;
    const fn = invoke ? (...args: unknown[]): unknown => invoke(exported as never, args) : exported;
    it(`${name}: refuses an unknown or prototype-named key in its ${bags.map((b) => b.name).join(", ")}`, async () => {
      const samples = fc.sample(c.valid, { numRuns: 3 });
      for (const args of samples) {
        for (const bag of bags) {
          for (const key of EXTRA_KEYS) {
            const outcome = await call(fn as never, withExtraKey(args, bag.index, key));
            const where = `${name}(${bag.name} + ${JSON.stringify(key)})`;
            expect(outcome.ok, `${where} was accepted`).toBe(false);
            const e = (outcome as { error: { code?: string; path?: string; message?: string } }).error;
            expect(e.code, `${where}: ${String(e.message)}`).toBe(bag.code);
            const path = /^[A-Za-z_$][\w$]*$/.test(key) ? `${bag.name}.${key}` : `${bag.name}[${JSON.stringify(key)}]`;
            expect(e.path, where).toBe(path);
          }
        }
      }
    });
  }
});
