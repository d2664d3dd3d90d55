// Boundary validation shared by every public function. Checks are written so that NaN fails them
// (`!(x >= 0)` rather than `x < 0`), and every failure is a RetentionKitError with a code and a path.
import { RetentionKitError, type ErrorCode } from "../data/RetentionKitError.js";

/** Throws a RetentionKitError whose message starts with the function's name. */
export function fail(fn: string, code: ErrorCode, message: string, path: string | null = null): never {
  throw new RetentionKitError(code, `${fn}: ${message}`, path);
}

/**
 * A short, safe rendering of an offending value for error messages. Total: it never throws, whatever the
 * value (BigInt, Symbol, functions, objects with a throwing `toString`, revoked proxies), and calls no user
 * code.
 */
export function show(value: unknown): string {
  try {
    return showValue(value);
  } catch {
    return "an unreadable value";
  }
}

function showValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint": {
      const digits = value.toString();
      return `${digits.length > 40 ? `${digits.slice(0, 40)}…` : digits}n (a BigInt)`;
    }
    case "symbol": {
      const d = value.description;
      return d === undefined ? "a Symbol" : `a Symbol(${JSON.stringify(d.length > 40 ? `${d.slice(0, 40)}…` : d)})`;
    }
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "undefined";
    case "function":
      return "a function";
    default:
      break;
  }
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date) {
    const ms = Date.prototype.getTime.call(value);
    return Number.isNaN(ms) ? "Invalid Date" : new Date(ms).toISOString();
  }
  return "an object";
}

/** The fix to suggest when a BigInt is given where a number is expected. */
function bigintHint(value: unknown): string {
  return typeof value === "bigint" ? "; convert it with Number(value)" : "";
}

/** A finite number (no NaN, no ±Infinity, no strings). */
export function finiteNumber(fn: string, value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    fail(fn, typeof value === "number" ? "INVALID_NUMBER" : "INVALID_TYPE", `${path} must be a finite number, got ${show(value)}${bigintHint(value)}${numericStringHint(value)}`, path);
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
  if (typeof value !== "object" || value === null || isArrayOrUnreadable(value)) {
    fail(fn, "INVALID_TYPE", `${path} must be an object, got ${show(value)}`, path);
  }
  return value as Record<string, unknown>;
}

/** `Array.isArray`, with a revoked proxy (which makes it throw) counted as not a plain object either. */
function isArrayOrUnreadable(value: object): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return true;
  }
}

/**
 * The snapshot of an options bag that {@link optionsBag} returns: each known key once, nothing else, on a
 * null prototype (so `o.toString` is `undefined` unless `toString` is a known, given option).
 */
export type OptionsSnapshot<K extends string> = { readonly [P in K]: unknown };

/**
 * A function's own `typed` option taken out of an options bag it shares with another function: `typed`
 * (false when absent; `INVALID_OPTION` when not a boolean) and the bag without it, for the shared reader
 * (which checks the rest, unknown keys included). A bag that is not an object is handed on as it is.
 */
export function typedOption(fn: string, options: unknown): { typed: boolean; rest: unknown } {
  let typed: unknown;
  let rest: Record<string, unknown>;
  try {
    if (typeof options !== "object" || options === null || Array.isArray(options) || !Object.hasOwn(options, "typed")) return { typed: false, rest: options };
    const { typed: t, ...others } = options as { typed?: unknown };
    typed = t;
    rest = others;
  } catch {
    return fail(fn, "INVALID_TYPE", "options could not be read (an exception while reading its keys)", "options");
  }
  if (typed !== undefined && typeof typed !== "boolean") fail(fn, "INVALID_OPTION", `options.typed must be true or false, got ${show(typed)}`, "options.typed");
  return { typed: typed === true, rest };
}

/**
 * An optional options bag, closed: `undefined` is an empty bag; an enumerable own key that is not in `known`
 * (a misspelling such as `units`, or a prototype-named key such as `toString`, `constructor` or a
 * JSON-parsed `__proto__`) is refused with UNKNOWN_OPTION, naming the known keys and the closest one. The
 * result is a null-prototype snapshot that has read each known own key exactly once (a getter runs once, and
 * nothing inherited is ever read as an option). List the keys with
 * `as const satisfies readonly (keyof XOptions)[]` so that each must be a key of the options interface.
 */
export function optionsBag<K extends string>(fn: string, value: unknown, known: readonly K[], path = "options"): OptionsSnapshot<K> {
  const out = Object.create(null) as Record<string, unknown>;
  if (value === undefined) return out as OptionsSnapshot<K>;
  const bag = record(fn, value, path);
  try {
    for (const k of Object.keys(bag)) {
      if (!(known as readonly string[]).includes(k)) unknownKey(fn, k, known, path);
    }
    for (const k of known) if (Object.prototype.hasOwnProperty.call(bag, k)) out[k] = bag[k];
  } catch (e) {
    if (e instanceof RetentionKitError) throw e;
    fail(fn, "INVALID_TYPE", `${path} could not be read (${e instanceof Error ? e.name : "an exception"} while reading its keys)`, path);
  }
  return out as OptionsSnapshot<K>;
}

/** `path.key` for an identifier, `path["key"]` otherwise (long keys shortened). */
export function keyPath(path: string, key: string): string {
  if (key.length <= 64 && /^[A-Za-z_$][\w$]*$/.test(key)) return `${path}.${key}`;
  return `${path}[${JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key)}]`;
}

/** Throws UNKNOWN_OPTION for `key` of the bag at `path`, listing the known keys and the closest one. */
export function unknownKey(fn: string, key: string, known: readonly string[], path = "options"): never {
  const at = keyPath(path, key);
  const what = path === "options" ? `an option of ${fn}` : `a key of ${path}`;
  const near = closestKey(key, known);
  const hint = near === null ? "" : `; did you mean ${JSON.stringify(near)}?`;
  const list = known.length === 0 ? `${path} takes no keys` : `known keys: ${known.join(", ")}`;
  return fail(fn, "UNKNOWN_OPTION", `${at} is not ${what}${hint} (${list})`, at);
}

/**
 * The known key closest to a misspelt one, or null when none is close: the case-insensitive optimal string
 * alignment distance (insertions, deletions, substitutions and swaps of neighbours) is at most 1 for known
 * keys of up to 4 characters and at most 2 for longer ones; the first of equally close keys wins.
 */
export function closestKey(key: string, known: readonly string[]): string | null {
  if (key.length > 64) return null;
  const a = key.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const limit = k.length <= 4 ? 1 : 2;
    if (Math.abs(k.length - a.length) > limit) continue;
    const d = editDistance(a, k.toLowerCase());
    if (d <= limit && d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** Optimal string alignment distance between two short strings. */
function editDistance(a: string, b: string): number {
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
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
