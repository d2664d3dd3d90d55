// The contract every public function keeps: a well-formed result with only finite numbers and no
// undefined values, or a RetentionKitError with a documented code; the input unchanged; the same output
// for the same input; bounded time.
import { ERROR_CODES, RetentionKitError } from "../../src/index.js";

/** Where a result breaks "finite numbers, no undefined": a path, or null when it is clean. */
export function badLeaf(value: unknown, path = "result", seen = new Set<unknown>()): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : `${path} = ${value}`;
  if (value === undefined) return `${path} is undefined`;
  if (typeof value === "function" || value === null || typeof value !== "object") return null;
  if (seen.has(value)) return null;
  seen.add(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? `${path} is an invalid Date` : null;
  if (ArrayBuffer.isView(value)) {
    const arr = value as unknown as ArrayLike<number>;
    for (let i = 0; i < arr.length; i++) if (typeof arr[i] === "number" && !Number.isFinite(arr[i]!)) return `${path}[${i}] = ${arr[i]}`;
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return `${path}[${i}] is a hole`;
      const b = badLeaf(value[i], `${path}[${i}]`, seen);
      if (b) return b;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const b = badLeaf(v, `${path}.${k}`, seen);
    if (b) return b;
  }
  return null;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export async function call(fn: (...a: unknown[]) => unknown, args: unknown[]): Promise<Outcome> {
  try {
    return { ok: true, value: await fn(...args) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Throws a descriptive Error when an outcome breaks the contract. */
export function assertContract(name: string, outcome: Outcome, messagePrefixes: readonly string[] = []): void {
  if (outcome.ok) {
    const bad = badLeaf(outcome.value);
    if (bad) throw new Error(`${name}: ${bad}`);
    return;
  }
  const e = outcome.error;
  if (!(e instanceof RetentionKitError)) {
    throw new Error(`${name} threw a non-RetentionKitError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  if (!(ERROR_CODES as readonly string[]).includes(e.code)) throw new Error(`${name} threw an undocumented code ${e.code}`);
  if (![name, ...messagePrefixes].some((p) => e.message.startsWith(p))) throw new Error(`${name}: message does not start with the function name: ${e.message}`);
}

/** A stable text of an outcome for determinism checks (functions and symbols dropped). */
export function fingerprint(o: Outcome): string {
  if (!o.ok) return `error:${(o.error as RetentionKitError).code}:${(o.error as RetentionKitError).path}`;
  return JSON.stringify(o.value, (_k, v: unknown) => (typeof v === "function" ? "[fn]" : typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
}

/** `"CODE path"` of the RetentionKitError `f` throws, the text of any other error, or null when it returns. */
export function codeOf(f: () => unknown): string | null {
  try {
    f();
  } catch (e) {
    return e instanceof RetentionKitError ? `${e.code} ${e.path}` : String(e);
  }
  return null;
}

/**
 * Calls `f` as the period properties do: its result when it is clean (finite numbers, nothing undefined),
 * or null when it refuses with `OUT_OF_RANGE`; any other error, a NaN or a call over the contract's 2 s
 * fails.
 */
export function finiteOrOutOfRange<T>(name: string, f: () => T): T | null {
  const t0 = performance.now();
  let value: T | null = null;
  try {
    value = f();
  } catch (e) {
    if (!(e instanceof RetentionKitError) || e.code !== "OUT_OF_RANGE") throw e;
  }
  const ms = performance.now() - t0;
  if (!(ms < 2000)) throw new Error(`${name} took ${ms.toFixed(0)} ms`);
  const bad = value === null ? null : badLeaf(value);
  if (bad) throw new Error(`${name}: ${bad}`);
  return value;
}
