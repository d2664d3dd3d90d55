// Boundary check of a model spec `{ model, params }` passed to a prediction: the right model name and
// positive finite parameters. Not re-exported.
import { fail, integerAtLeast, optionsBag, record, show } from "../internal/validate.js";

/**
 * The range a model parameter must lie in. Fits stay inside it (a parameter beyond 1e8 or below 1e-8 is reported
 * as running off); at 1e308 or 5e-324 the ln Γ and ln B terms of the predictions overflow to ∞ − ∞ (NaN).
 */
export const PARAM_MIN = 1e-12;
/** See {@link PARAM_MIN}. */
export const PARAM_MAX = 1e12;

/** Whether a model parameter is a finite number in [PARAM_MIN, PARAM_MAX]. */
export function isModelParam(v: unknown): v is number {
  return typeof v === "number" && v >= PARAM_MIN && v <= PARAM_MAX;
}

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
    if (!isModelParam(v)) {
      fail(fn, "INVALID_PARAMETER", `${path}.params.${k} must be a number in [${PARAM_MIN}, ${PARAM_MAX}], got ${show(v)}`, `${path}.params.${k}`);
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
  const o = optionsBag(fn, value, keys, "options.initialParams");
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

/** The largest `options.maxIterations` a fitter accepts: a budget, not a way to run for hours. */
export const MAX_ITERATIONS = 10_000;

/**
 * Validates an optional `options.maxIterations`: a whole number in [min, MAX_ITERATIONS] (NOT_INTEGER,
 * OUT_OF_RANGE). Without the cap, a limit such as 1e308 let a fit whose parameter runs off towards a bound creep
 * on for hundreds of thousands of iterations (minutes).
 */
export function readMaxIterations(fn: string, value: unknown, min: 0 | 1): number | undefined {
  if (value === undefined) return undefined;
  const x = integerAtLeast(fn, value, "options.maxIterations", min);
  if (!(x <= MAX_ITERATIONS)) fail(fn, "OUT_OF_RANGE", `options.maxIterations must be ≤ ${MAX_ITERATIONS}, got ${show(x)}`, "options.maxIterations");
  return x;
}
