// Input reading shared by the value tiers: `{ customerId, value }` rows and label lists.
import type { CustomerId } from "../data/time.js";
import { array, customerId, fail, finiteNumber, record, show } from "./validate.js";

/** Validated `{ customerId, value }` rows: ids as given and values in a typed column. */
export function readValueRows(fn: string, rows: unknown, arg: string, nonNegative: boolean): { ids: CustomerId[]; values: Float64Array } {
  const list = array<unknown>(fn, rows, arg);
  const n = list.length;
  const ids = new Array<CustomerId>(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = record(fn, list[i], `${arg}[${i}]`);
    ids[i] = customerId(fn, r.customerId, `${arg}[${i}].customerId`);
    const v = finiteNumber(fn, r.value, `${arg}[${i}].value`);
    if (nonNegative && !(v >= 0)) fail(fn, "NEGATIVE_VALUE", `${arg}[${i}].value must be ≥ 0, got ${show(v)}`, `${arg}[${i}].value`);
    values[i] = v;
  }
  return { ids, values };
}

/** A list of distinct, non-empty string labels, at least `min` of them. */
export function labelList(fn: string, value: unknown, path: string, fallback: readonly string[], min = 2): string[] {
  if (value === undefined) return [...fallback];
  if (!Array.isArray(value)) return fail(fn, "INVALID_OPTION", `${path} must be an array of labels, got ${show(value)}`, path);
  if (value.length < min) fail(fn, "INVALID_OPTION", `${path} must hold at least ${min} labels, got ${value.length}`, path);
  const seen = new Set<string>();
  // Array.from reads holes as undefined, which the check refuses (forEach would skip them).
  Array.from(value as unknown[]).forEach((l: unknown, i) => {
    if (typeof l !== "string" || l === "") fail(fn, "INVALID_OPTION", `${path}[${i}] must be a non-empty string, got ${show(l)}`, `${path}[${i}]`);
    if (seen.has(l)) fail(fn, "INVALID_OPTION", `${path} must not repeat a label, got ${show(l)} twice`, `${path}[${i}]`);
    seen.add(l);
  });
  return value as string[];
}
