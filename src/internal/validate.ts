// Boundary validation shared by every public function. Checks are written so that NaN fails them
// (`!(x >= 0)` rather than `x < 0`), and every failure is a RetentionKitError with a code and a path.
import { RetentionKitError, type ErrorCode } from "../data/RetentionKitError.js";

/** Throws a RetentionKitError whose message starts with the function's name. */
export function fail(fn: string, code: ErrorCode, message: string, path: string | null = null): never {
  throw new RetentionKitError(code, `${fn}: ${message}`, path);
}

/** A short, safe rendering of an offending value for error messages. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === "object" ? "an object" : typeof value;
}

/** A finite number (no NaN, no ±Infinity, no strings). */
export function finiteNumber(fn: string, value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    fail(fn, typeof value === "number" ? "INVALID_NUMBER" : "INVALID_TYPE", `${path} must be a finite number, got ${show(value)}${numericStringHint(value)}`, path);
  }
  return value;
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/**
 * The fix for a number that arrived as text (CSV readers give every field as a string): `""` for any other
 * value. Numbers are never converted silently: `"1,5"` or `"12.50 USD"` would become wrong numbers.
 */
export function numericStringHint(value: unknown): string {
  return typeof value === "string" && NUMERIC_TEXT.test(value)
    ? ` (a number written as text, as CSV readers give it: convert the field with Number(…) first)`
    : "";
}

/** A finite number ≥ 0; `code` lets callers say NEGATIVE_AMOUNT or NEGATIVE_DURATION. */
export function nonNegativeNumber(fn: string, value: unknown, path: string, code: ErrorCode = "NEGATIVE_VALUE"): number {
  const x = finiteNumber(fn, value, path);
  if (!(x >= 0)) fail(fn, code, `${path} must be ≥ 0, got ${show(x)}`, path);
  return x === 0 ? 0 : x; // normalise -0
}

/** A finite number > 0. */
export function positiveNumber(fn: string, value: unknown, path: string): number {
  const x = finiteNumber(fn, value, path);
  if (!(x > 0)) fail(fn, "OUT_OF_RANGE", `${path} must be > 0, got ${show(x)}`, path);
  return x;
}

/** An integer ≥ 0 (a count). */
export function count(fn: string, value: unknown, path: string): number {
  const x = finiteNumber(fn, value, path);
  if (!Number.isInteger(x)) fail(fn, "NOT_INTEGER", `${path} must be a whole number, got ${show(x)}`, path);
  if (!(x >= 0)) fail(fn, "NEGATIVE_VALUE", `${path} must be ≥ 0, got ${show(x)}`, path);
  return x === 0 ? 0 : x;
}

/** An integer ≥ `min`. */
export function integerAtLeast(fn: string, value: unknown, path: string, min: number): number {
  const x = finiteNumber(fn, value, path);
  if (!Number.isInteger(x)) fail(fn, "NOT_INTEGER", `${path} must be a whole number, got ${show(x)}`, path);
  if (!(x >= min)) fail(fn, "OUT_OF_RANGE", `${path} must be ≥ ${min}, got ${show(x)}`, path);
  return x === 0 ? 0 : x;
}

/** A number in [lo, hi] (both ends closed unless said otherwise). */
export function numberInRange(
  fn: string,
  value: unknown,
  path: string,
  lo: number,
  hi: number,
  { loOpen = false, hiOpen = false }: { loOpen?: boolean; hiOpen?: boolean } = {},
): number {
  const x = finiteNumber(fn, value, path);
  const okLo = loOpen ? x > lo : x >= lo;
  const okHi = hiOpen ? x < hi : x <= hi;
  if (!(okLo && okHi)) {
    fail(fn, "OUT_OF_RANGE", `${path} must be in ${loOpen ? "(" : "["}${lo}, ${hi}${hiOpen ? ")" : "]"}, got ${show(x)}`, path);
  }
  return x === 0 ? 0 : x;
}

/** A fraction in [0, 1]. */
export function fraction(fn: string, value: unknown, path: string): number {
  return numberInRange(fn, value, path, 0, 1);
}

/** One of a fixed set of string options. */
export function oneOf<T extends string>(fn: string, value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    fail(fn, "INVALID_OPTION", `${path} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${show(value)}`, path);
  }
  return value as T;
}

/** A plain object (not null, not an array). */
export function record(fn: string, value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(fn, "INVALID_TYPE", `${path} must be an object, got ${show(value)}`, path);
  }
  return value as Record<string, unknown>;
}

/** An optional options bag: `undefined` becomes `{}`. */
export function optionsBag(fn: string, value: unknown, path = "options"): Record<string, unknown> {
  return value === undefined ? {} : record(fn, value, path);
}

/** A customer id: a non-empty string or a finite number, kept as given. */
export function customerId(fn: string, value: unknown, path: string): string | number {
  if (typeof value === "string" ? value.length > 0 : typeof value === "number" && Number.isFinite(value)) {
    return value as string | number;
  }
  return fail(fn, "INVALID_CUSTOMER_ID", `${path} must be a non-empty string or a finite number, got ${show(value)}`, path);
}

/** An iterable (arrays, sets, generators); strings are refused since they are almost always a mistake. */
export function iterable<T>(fn: string, value: unknown, path: string): Iterable<T> {
  if (value == null || typeof value === "string" || typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function") {
    fail(fn, "INVALID_TYPE", `${path} must be an array or another iterable, got ${show(value)}`, path);
  }
  return value as Iterable<T>;
}

/**
 * A dense array. Holes of a sparse array are refused here, once: `forEach`, `map` and `every` skip them, so a
 * caller's per-row checks would never see them and a result would silently lose (or leave holes for) rows.
 */
export function array<T>(fn: string, value: unknown, path: string): readonly T[] {
  if (!Array.isArray(value)) fail(fn, "INVALID_TYPE", `${path} must be an array, got ${show(value)}`, path);
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) fail(fn, "INVALID_TYPE", `${path}[${i}] is missing (a hole in a sparse array)`, `${path}[${i}]`);
  }
  return value as readonly T[];
}

/** A boolean. */
export function boolean(fn: string, value: unknown, path: string): boolean {
  if (typeof value !== "boolean") fail(fn, "INVALID_TYPE", `${path} must be true or false, got ${show(value)}`, path);
  return value;
}

/**
 * A rate or share per period in [0, 1] (a discount rate, a retention rate, a margin on revenue). A value
 * above 1 is almost always a percentage typed as a whole number (`10` for 10 %), so it is refused with the
 * fraction it most likely means.
 */
export function rateFraction(fn: string, value: unknown, path: string): number {
  const x = finiteNumber(fn, value, path);
  if (x >= 2 && x <= 100) {
    fail(fn, "OUT_OF_RANGE", `${path} is a fraction in [0, 1], got ${show(x)}: did you mean ${show(x / 100)} (${show(x)} %)?`, path);
  }
  return numberInRange(fn, x, path, 0, 1);
}
