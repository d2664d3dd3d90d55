// Test helpers: error expectations and deep freezing for the no-mutation checks.
import { expect } from "vitest";
import { RetentionKitError } from "../../src/index.js";

/** Asserts that `fn` throws a RetentionKitError with this code and path. */
export function expectCode(fn: () => unknown, code: string, path: string | null): void {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(RetentionKitError);
  const err = caught as RetentionKitError;
  expect({ code: err.code, path: err.path }).toEqual({ code, path });
}

/** Freezes a value and everything inside it. */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** Counts non-overlapping occurrences of `needle`. */
export function occurrences(hay: string, needle: string): number {
  return hay.split(needle).length - 1;
}
