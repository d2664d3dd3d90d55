// Units that travel with the data: summaries, tables and fitted models carry the time `unit` of their
// recency and T, and a function handed data in one unit and told (or given a model in) another refuses with
// UNIT_MISMATCH instead of mixing them. Rows without a unit (written by hand) are taken as they are.
import type { FixedUnit } from "./time.js";
import { fail, show } from "./validate.js";

/** An optional `unit` field: undefined, or `"day"` / `"week"` (INVALID_UNIT otherwise). */
export function unitField(fn: string, value: unknown, path: string): FixedUnit | undefined {
  if (value === undefined || value === "week" || value === "day") return value;
  return fail(fn, "INVALID_UNIT", `${path} must be "day" or "week", got ${show(value)}`, path);
}

/** Throws UNIT_MISMATCH: `path` says `found`, `source` said `expected`; the message gives the fix. */
export function unitMismatch(fn: string, path: string, found: FixedUnit, source: string, expected: FixedUnit, fix?: string): never {
  const plural = (u: FixedUnit): string => `${u}s`;
  return fail(
    fn,
    "UNIT_MISMATCH",
    `${path} is ${JSON.stringify(found)} but ${source} is ${JSON.stringify(expected)}: times in ${plural(found)} read as ${plural(expected)} give a wrong answer, not an error. ${fix ?? `Use one unit throughout: summarise with unit: ${JSON.stringify(expected)}, or state unit: ${JSON.stringify(found)} to match the data`}`,
    path,
  );
}

/**
 * The one unit of a set of rows (and of whatever stated one first: an option, a model). `see` each row's
 * `unit` field; the first unit seen is the set's, and any other is UNIT_MISMATCH naming both places.
 */
export class UnitAgreement {
  unit: FixedUnit | undefined;
  private source: string;

  constructor(
    private readonly fn: string,
    unit?: FixedUnit,
    source = "",
    private readonly fix?: string,
  ) {
    this.unit = unit;
    this.source = source;
  }

  /** Takes one more statement of the unit, at `path`. */
  see(value: unknown, path: string): void {
    if (value === undefined || value === this.unit) return;
    const u = unitField(this.fn, value, path)!;
    if (this.unit === undefined) {
      this.unit = u;
      this.source = path;
      return;
    }
    unitMismatch(this.fn, path, u, this.source, this.unit, this.fix);
  }
}
