// Hostile values and a generic mutator: take valid arguments and replace one leaf (or one element) with
// something a dirty CRM export contains. Every public function must either cope or throw a coded error.
import fc from "fast-check";

export const HOSTILE_VALUES: readonly unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  -1,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1.7e308,
  -1.7e308,
  5e-324,
  1e-310,
  2.2250738585072014e-308,
  2 ** 53 + 2,
  0.5,
  null,
  undefined,
  "",
  "x",
  "12",
  "1997-02-30",
  "1900-01-01",
  "2200-12-31",
  true,
  {},
  [],
  new Date(Number.NaN),
  new Date("1900-01-01T00:00:00Z"),
  new Date("2200-01-01T00:00:00Z"),
  // Values of other JavaScript types: rendering them in a message must not throw (BigInt has no JSON form).
  1n,
  -(2n ** 64n),
  Symbol("x"),
];

/**
 * Keys inserted into objects of valid arguments: a misspelling and names of Object.prototype members, the
 * last as JSON.parse makes it (an own `__proto__`). An option bag must refuse each with a coded error; a data
 * row may carry them as extra fields.
 */
export const EXTRA_KEYS: readonly string[] = ["unitz", "toString", "constructor", "hasOwnProperty", "valueOf", ...Object.keys(JSON.parse('{"__proto__": 1}') as object)];

type Path = (string | number)[];

/** Every path to a leaf (or a whole array element) of a JSON-like value. */
export function leafPaths(value: unknown, path: Path = [], out: Path[] = [], depth = 0): Path[] {
  if (depth > 6) return out;
  if (Array.isArray(value)) {
    out.push(path);
    value.forEach((v, i) => leafPaths(v, [...path, i], out, depth + 1));
  } else if (isRow(value)) {
    out.push(path);
    for (const [k, v] of Object.entries(value)) leafPaths(v, [...path, k], out, depth + 1);
  } else {
    out.push(path);
  }
  return out;
}

/** A deep copy that keeps functions (custom rules) by reference, Dates, typed arrays and holes. */
export function snapshot<T>(v: T): T {
  if (typeof v === "function" || v === null || typeof v !== "object") return v;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) if (i in v) out[i] = snapshot(v[i]);
    return out as T;
  }
  if (ArrayBuffer.isView(v)) return (v as unknown as { slice: () => T }).slice();
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, snapshot(x)])) as T;
}

const cloneWithDates = snapshot;

/** A copy of `args` with the value at `path` replaced (or, for "delete", removed / made a hole). */
export function replaceAt(args: unknown[], path: Path, replacement: unknown, mode: "set" | "delete" = "set"): unknown[] {
  const copy = cloneWithDates(args);
  if (path.length === 0) return copy;
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  const last = path[path.length - 1]!;
  if (mode === "delete") delete (node as Record<string | number, unknown>)[last];
  else (node as Record<string | number, unknown>)[last] = replacement;
  return copy;
}

function valueAt(args: unknown[], path: Path): unknown {
  let node: unknown = args;
  for (const k of path) node = (node as Record<string | number, unknown>)[k];
  return node;
}

/** A copy of `args` with one more own, enumerable key on the plain object at `path`. */
export function insertKeyAt(args: unknown[], path: Path, key: string, value: unknown): unknown[] {
  const copy = cloneWithDates(args);
  Object.defineProperty(valueAt(copy, path) as object, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * Hostile variants of valid argument tuples: one leaf replaced by a hostile value, or deleted; or, for a
 * plain object (an option bag, a row), one extra key inserted, prototype-named ones included.
 */
export function hostile(valid: fc.Arbitrary<unknown[]>): fc.Arbitrary<unknown[]> {
  return valid.chain((args) => {
    const paths = leafPaths(args).filter((p) => p.length > 0);
    if (paths.length === 0) return fc.constant(args);
    const objects = paths.filter((p) => isRow(valueAt(args, p)));
    return fc
      .tuple(fc.nat({ max: paths.length - 1 }), fc.nat({ max: HOSTILE_VALUES.length }), fc.boolean(), fc.nat({ max: 3 }), fc.nat({ max: EXTRA_KEYS.length - 1 }))
      .map(([pi, hi, del, insert, ki]) => {
        const path = paths[pi]!;
        if (insert === 0 && objects.length > 0) {
          // The top-level objects (option bags, single inputs) first: they are the ones that must refuse the key.
          const top = objects.filter((p) => p.length === 1);
          const at = top.length > 0 && pi % 2 === 0 ? top[pi % top.length]! : objects[pi % objects.length]!;
          return insertKeyAt(args, at, EXTRA_KEYS[ki]!, hi === HOSTILE_VALUES.length ? 1 : HOSTILE_VALUES[hi]);
        }
        if (hi === HOSTILE_VALUES.length || (del && path.length > 1)) return replaceAt(args, path, undefined, "delete");
        return replaceAt(args, path, HOSTILE_VALUES[hi]);
      });
  });
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !ArrayBuffer.isView(v)) {
    for (const x of Object.values(v as object)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** Every path to an array (top-level arguments included) inside `args`. */
function arrayPaths(args: unknown[]): Path[] {
  return leafPaths(args).filter((p) => {
    let node: unknown = args;
    for (const k of p) node = (node as Record<string | number, unknown>)[k];
    return Array.isArray(node) && p.length > 0;
  });
}

function mapArrayAt(args: unknown[], path: Path, f: (a: unknown[]) => unknown[]): unknown[] {
  const copy = cloneWithDates(args);
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  const last = path[path.length - 1]!;
  const parent = node as Record<string | number, unknown>;
  parent[last] = f(parent[last] as unknown[]);
  return copy;
}

/**
 * Reshaped variants of valid arguments, the way real exports arrive: deep-frozen (read-only) inputs, one
 * array reversed (unsorted), one array with its first row duplicated (repeated ids), or one array made
 * sparse (a hole where a row should be).
 */
export function reshaped(valid: fc.Arbitrary<unknown[]>): fc.Arbitrary<unknown[]> {
  return valid.chain((args) => {
    const arrays = arrayPaths(args);
    return fc.tuple(fc.constantFrom("freeze", "reverse", "duplicate", "sparse"), fc.nat({ max: Math.max(0, arrays.length - 1) }), fc.nat({ max: 40 })).map(([kind, ai, at]) => {
      const path = arrays[ai];
      if (kind === "freeze" || !path) return deepFreeze(cloneWithDates(args));
      if (kind === "reverse") return mapArrayAt(args, path, (a) => [...a].reverse());
      if (kind === "duplicate") return mapArrayAt(args, path, (a) => (a.length > 0 ? [snapshot(a[0]), ...a] : a));
      return mapArrayAt(args, path, (a) => {
        const out = a.slice();
        if (out.length === 0) out.length = 1;
        else delete out[at % out.length];
        return out;
      });
    });
  });
}

type Row = Record<string, unknown>;

/**
 * A plain object (a row), not a Date, array or typed array. fast-check's records sometimes have a null
 * prototype (as `Object.create(null)` and some parsers make them), so that counts as plain too.
 */
function isRow(v: unknown): v is Row {
  if (typeof v !== "object" || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The path to the first non-empty array of rows in `args` (an argument, or a field of one), or null. */
export function rowsPath(args: unknown[]): Path | null {
  for (const p of leafPaths(args)) {
    if (p.length === 0 || p.length > 2) continue;
    let node: unknown = args;
    for (const k of p) node = (node as Record<string | number, unknown>)[k];
    if (Array.isArray(node) && node.length > 1 && node.every(isRow)) return p;
  }
  return null;
}

/**
 * The rows as a streaming reader yields them: one object, emptied and refilled for every row. A function
 * that keeps a reference to a yielded row instead of its values sees only the last row.
 */
export function* reyieldOneObject(rows: readonly Row[]): Generator<Row> {
  const one: Row = {};
  for (const r of rows) {
    for (const k of Object.keys(one)) delete one[k];
    Object.assign(one, r);
    yield one;
  }
}
