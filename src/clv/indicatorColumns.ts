import { fail, iterable, optionsBag, record, show } from "../internal/validate.js";

/**
 * Options of {@link indicatorColumns}.
 *
 * @category CLV
 * @example
 * ```ts
 * const options: IndicatorColumnsOptions = { reference: "basic", levels: ["basic", "pro", "enterprise"] };
 * ```
 */
export interface IndicatorColumnsOptions {
  /** The reference level: it gets no column, and each coefficient compares its level with this one. Required. */
  reference: string | number;
  /**
   * Every allowed level, in column order. A row with another value is refused (`UNKNOWN_LABEL`). Default: the
   * distinct values found, sorted (strings by code unit, numbers ascending), so any order of the rows gives
   * the same columns.
   */
  levels?: readonly (string | number)[];
}

/**
 * What {@link indicatorColumns} returns.
 *
 * @category CLV
 * @example
 * ```ts
 * const coded: IndicatorColumns = { fields: [{ plan_pro: 1 }, { plan_pro: 0 }], names: ["plan_pro"], levels: ["basic", "pro"], reference: "basic" };
 * ```
 */
export interface IndicatorColumns {
  /** Per row, in row order, its 0/1 fields (one per non-reference level): spread them into the row. */
  fields: Record<string, number>[];
  /** The new field names, `${field}_${level}`, in level order: pass them as covariates. */
  names: string[];
  /** Every level, in order, the reference included. */
  levels: (string | number)[];
  /** The reference level (no column). */
  reference: string | number;
}

/**
 * Turns a categorical field into indicator (dummy) columns with a stated reference level, so that a plan
 * `"basic" | "pro" | "enterprise"` can enter a model as covariates: for each level ℓ other than the
 * reference, a field `${field}_${ℓ}` that is 1 when the row's value is ℓ and 0 otherwise (treatment coding,
 * as R's `contr.treatment`). A coefficient on `${field}_${ℓ}` then compares level ℓ with the reference. The
 * input rows are not changed (only `field` is read, once per row): spread `fields[i]` into row i,
 * `rows.map((row, i) => ({ ...row, ...coded.fields[i] }))`.
 *
 * @param rows - objects carrying `field` (a string or a finite number); any iterable
 * @param field - the categorical field
 * @param options - `reference` (required) and optionally the allowed `levels`; see {@link IndicatorColumnsOptions}
 * @returns `{ fields, names, levels, reference }`
 * @throws RetentionKitError `INVALID_TYPE` for a row that is not an object or a value that is neither a string nor a finite number (path `rows[i].<field>`)
 * @throws RetentionKitError `UNKNOWN_LABEL` for a value not in `options.levels` (path `rows[i].<field>`)
 * @throws RetentionKitError `INVALID_OPTION` for a missing or unknown `reference`, repeated `levels`, an empty `field`, or a new field name that a row already has (path `rows[i].<name>`)
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options`
 * @category CLV
 * @example
 * ```ts
 * const coded = indicatorColumns(
 *   [{ id: 1, plan: "pro" }, { id: 2, plan: "basic" }, { id: 3, plan: "enterprise" }],
 *   "plan",
 *   { reference: "basic" },
 * );
 * coded.names;
 * // => ["plan_enterprise", "plan_pro"]
 * coded.fields[0];
 * // => { plan_enterprise: 0, plan_pro: 1 }
 * ```
 */
export function indicatorColumns(rows: Iterable<object>, field: string, options: IndicatorColumnsOptions): IndicatorColumns {
  const fn = "indicatorColumns";
  if (typeof field !== "string" || field.length === 0) fail(fn, "INVALID_OPTION", `field must be a non-empty field name, got ${show(field)}`, "field");
  const o = optionsBag(fn, options, ["reference", "levels"] as const satisfies readonly (keyof IndicatorColumnsOptions)[]);
  const reference = readLevel(fn, o["reference"], "options.reference", "INVALID_OPTION");
  let given: (string | number)[] | null = null;
  if (o["levels"] !== undefined) {
    if (!Array.isArray(o["levels"])) fail(fn, "INVALID_OPTION", `options.levels must be an array of strings or numbers, got ${show(o["levels"])}`, "options.levels");
    const raw = o["levels"] as readonly unknown[];
    given = [];
    for (let k = 0; k < raw.length; k++) {
      const v = readLevel(fn, raw[k], `options.levels[${k}]`, "INVALID_OPTION");
      if (given.includes(v)) fail(fn, "INVALID_OPTION", `options.levels[${k}] repeats the level ${show(v)}`, `options.levels[${k}]`);
      given.push(v);
    }
    if (!given.includes(reference)) fail(fn, "INVALID_OPTION", `options.reference ${show(reference)} is not one of options.levels (${given.map(show).join(", ")})`, "options.reference");
  }

  const seenRows: Record<string, unknown>[] = [];
  const values: (string | number)[] = [];
  const seen = new Set<string | number>();
  let i = 0;
  for (const raw of iterable<unknown>(fn, rows, "rows")) {
    const path = `rows[${i}]`;
    i++;
    const row = record(fn, raw, path);
    const v = readLevel(fn, row[field], `${path}.${field}`, "INVALID_TYPE");
    if (given !== null && !given.includes(v)) {
      fail(fn, "UNKNOWN_LABEL", `${path}.${field} is ${show(v)}, not one of options.levels (${given.map(show).join(", ")}); add it to options.levels`, `${path}.${field}`);
    }
    seen.add(v);
    seenRows.push(row);
    values.push(v);
  }
  const levels = given ?? sortLevels([...seen]);
  if (!levels.includes(reference)) {
    fail(fn, "INVALID_OPTION", `options.reference ${show(reference)} is not a value of ${field} in the rows (found ${levels.map(show).join(", ")})`, "options.reference");
  }
  const coded = levels.filter((l) => l !== reference);
  const names = coded.map((l) => `${field}_${String(l)}`);
  for (let k = 0; k < names.length; k++) {
    if (names.indexOf(names[k]!) !== k) fail(fn, "INVALID_OPTION", `levels ${show(coded[names.indexOf(names[k]!)])} and ${show(coded[k])} both give the field name ${JSON.stringify(names[k])}`, "options.levels");
  }
  const fields = seenRows.map((row, j) => {
    const out: Record<string, number> = {};
    for (let k = 0; k < names.length; k++) {
      const name = names[k]!;
      // (A clash is found without reading the field: spreading the new fields would overwrite it.)
      if (Object.prototype.hasOwnProperty.call(row, name)) fail(fn, "INVALID_OPTION", `rows[${j}] already has a field ${JSON.stringify(name)}; rename it before coding ${field}`, `rows[${j}].${name}`);
      out[name] = values[j] === coded[k] ? 1 : 0;
    }
    return out;
  });
  return { fields, names, levels, reference };
}

/** A level: a string, or a finite number (−0 read as 0). */
function readLevel(fn: string, value: unknown, path: string, code: "INVALID_TYPE" | "INVALID_OPTION"): string | number {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value === 0 ? 0 : value;
  return fail(fn, code, `${path} must be a level (a string or a finite number), got ${show(value)}`, path);
}

/** Numbers ascending, then strings by code unit: a fixed order for any order of the rows. */
function sortLevels(levels: (string | number)[]): (string | number)[] {
  return levels.sort((a, b) => {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "number") return -1;
    if (typeof b === "number") return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
