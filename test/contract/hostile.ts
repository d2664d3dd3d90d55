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
  5e-324,
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
];

type Path = (string | number)[];

/** Every path to a leaf (or a whole array element) of a JSON-like value. */
export function leafPaths(value: unknown, path: Path = [], out: Path[] = [], depth = 0): Path[] {
  if (depth > 6) return out;
  if (Array.isArray(value)) {
    out.push(path);
    value.forEach((v, i) => leafPaths(v, [...path, i], out, depth + 1));
  } else if (value && typeof value === "object" && !(value instanceof Date) && Object.getPrototypeOf(value) === Object.prototype) {
    out.push(path);
    for (const [k, v] of Object.entries(value)) leafPaths(v, [...path, k], out, depth + 1);
  } else {
    out.push(path);
  }
  return out;
}

function cloneWithDates<T>(v: T): T {
  return structuredClone(v);
}

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

/** Hostile variants of valid argument tuples: one leaf replaced by a hostile value, or deleted. */
export function hostile(valid: fc.Arbitrary<unknown[]>): fc.Arbitrary<unknown[]> {
  return valid.chain((args) => {
    const paths = leafPaths(args).filter((p) => p.length > 0);
    if (paths.length === 0) return fc.constant(args);
    return fc
      .tuple(fc.nat({ max: paths.length - 1 }), fc.nat({ max: HOSTILE_VALUES.length }), fc.boolean())
      .map(([pi, hi, del]) => {
        const path = paths[pi]!;
        if (hi === HOSTILE_VALUES.length || (del && path.length > 1)) return replaceAt(args, path, undefined, "delete");
        return replaceAt(args, path, HOSTILE_VALUES[hi]);
      });
  });
}
