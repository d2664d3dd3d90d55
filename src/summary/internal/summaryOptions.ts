// The options every summary function shares (`observationEnd` / `asOf`, `period`, `unit`, `monetary`), read
// and checked in one place.
import { DEFAULT_UNIT } from "../../internal/defaults.js";
import { requiredAsOf, time, type FixedUnit } from "../../internal/time.js";
import { unitOption } from "../../internal/transactions.js";
import { fail, oneOf, optionsBag, type OptionsSnapshot } from "../../internal/validate.js";
import type { SummarizeOptions } from "../types.js";

export interface SummaryOptionsResolved {
  observationEndMs: number;
  period: FixedUnit;
  unit: FixedUnit;
  monetary: "repeat" | "all";
}

/** The keys of the shared summary options ({@link SummarizeOptions}). */
export const SUMMARY_KEYS = ["observationEnd", "asOf", "period", "unit", "monetary"] as const satisfies readonly (keyof SummarizeOptions)[];

/** Validates the shared summary options (`period`, `unit`, `monetary`) and the as-of time (`observationEnd` or `asOf`). */
export function summaryOptions(fn: string, options: unknown, ownKeys: readonly string[] = []): SummaryOptionsResolved {
  // `ownKeys`: the caller's own options, already taken out of `options`, named among the known keys in errors.
  return readSummaryOptions(fn, optionsBag(fn, options, [...SUMMARY_KEYS, ...(ownKeys as never[])]), null);
}

/**
 * {@link summaryOptions} over a snapshot already read: the end date is the as-of time (`observationEnd`,
 * synonym `asOf`), or the named key `endKey` (such as `calibrationEnd`) when given.
 */
export function readSummaryOptions(
  fn: string,
  o: OptionsSnapshot<"period" | "unit" | "monetary"> & { readonly asOf: unknown; readonly observationEnd: unknown },
  endKey: string | null,
): SummaryOptionsResolved {
  let observationEndMs: number;
  if (endKey === null) observationEndMs = requiredAsOf(fn, o, "observationEnd");
  else {
    const end = (o as Record<string, unknown>)[endKey];
    if (end === undefined) fail(fn, "INVALID_OPTION", `options.${endKey} is required`, `options.${endKey}`);
    observationEndMs = time(fn, end, `options.${endKey}`);
  }
  return {
    observationEndMs,
    period: unitOption(fn, o.period, "options.period", "day"),
    unit: unitOption(fn, o.unit, "options.unit", DEFAULT_UNIT),
    monetary: o.monetary === undefined ? "repeat" : oneOf(fn, o.monetary, "options.monetary", ["repeat", "all"] as const),
  };
}
