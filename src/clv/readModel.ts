// Boundary check of a model spec `{ model, params }` passed to a prediction: the right model name and
// positive finite parameters. Not re-exported.
import { fail, record, show } from "../internal/validate.js";

/**
 * Validates `value` as `{ model: name, params: { [k]: finite > 0 } }` and returns the params (a fresh object
 * holding only `keys`). Throws INVALID_TYPE (not an object), INVALID_MODEL (another model name) or
 * INVALID_PARAMETER (a missing, non-finite or non-positive parameter) with paths like `"model.params.p"`.
 */
export function readModelParams<K extends string>(fn: string, value: unknown, name: string, keys: readonly K[], path = "model"): Record<K, number> {
  const spec = record(fn, value, path);
  if (spec["model"] !== name) {
    fail(fn, "INVALID_MODEL", `${path}.model must be ${JSON.stringify(name)}, got ${show(spec["model"])}`, `${path}.model`);
  }
  const params = record(fn, spec["params"], `${path}.params`);
  const out = {} as Record<K, number>;
  for (const k of keys) {
    const v = params[k];
    if (!(typeof v === "number" && v > 0 && v < Number.POSITIVE_INFINITY)) {
      fail(fn, "INVALID_PARAMETER", `${path}.params.${k} must be a finite number > 0, got ${show(v)}`, `${path}.params.${k}`);
    }
    out[k] = v;
  }
  return out;
}

/**
 * Validates an optional `options.initialParams` bag: `undefined` gives `defaults`; otherwise every key must be
 * a finite number > 0 (INVALID_PARAMETER at `options.initialParams.<k>`).
 */
export function readInitialParams<K extends string>(fn: string, value: unknown, keys: readonly K[], defaults: Record<K, number>): Record<K, number> {
  if (value === undefined) return { ...defaults };
  const o = record(fn, value, "options.initialParams");
  const out = {} as Record<K, number>;
  for (const k of keys) {
    const v = o[k];
    if (!(typeof v === "number" && v > 0 && v < Number.POSITIVE_INFINITY)) {
      fail(fn, "INVALID_PARAMETER", `options.initialParams.${k} must be a finite number > 0, got ${show(v)}`, `options.initialParams.${k}`);
    }
    out[k] = v;
  }
  return out;
}
