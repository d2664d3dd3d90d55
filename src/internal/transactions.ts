// Reading and validating transaction rows: one place, used by every function that takes transactions.
import type { CustomerId } from "../data/time.js";
import { customerId, fail, iterable, nonNegativeNumber, oneOf, optionsBag, record } from "./validate.js";
import { time, type FixedUnit } from "./time.js";

/** Calls `visit` with each validated row; throws with `arg[i].field` paths. */
export function forEachTransaction(
  fn: string,
  rows: unknown,
  arg: string,
  visit: (id: CustomerId, ms: number, amount: number, index: number) => void,
): void {
  let i = 0;
  for (const row of iterable<unknown>(fn, rows, arg)) {
    const path = `${arg}[${i}]`;
    const r = record(fn, row, path);
    const id = customerId(fn, r.customerId, `${path}.customerId`);
    const ms = time(fn, r.at, `${path}.at`);
    const a = r.amount;
    const amount = a === undefined ? 0 : nonNegativeNumber(fn, a, `${path}.amount`, "NEGATIVE_AMOUNT");
    visit(id, ms, amount, i);
    i++;
  }
}

export interface SummaryOptionsResolved {
  observationEndMs: number;
  period: FixedUnit;
  unit: FixedUnit;
  monetary: "repeat" | "all";
}

/** Reads a fixed unit option, with INVALID_UNIT for anything else. */
export function unitOption(fn: string, value: unknown, path: string, fallback: FixedUnit): FixedUnit {
  if (value === undefined) return fallback;
  if (value !== "day" && value !== "week") {
    fail(fn, "INVALID_UNIT", `${path} must be "day" or "week", got ${JSON.stringify(value) ?? String(value)}`, path);
  }
  return value;
}

/** Validates the shared summary options (`period`, `unit`, `monetary`) and the named end date. */
export function summaryOptions(fn: string, options: unknown, endKey: string): SummaryOptionsResolved {
  const o = optionsBag(fn, options);
  if (o[endKey] === undefined) fail(fn, "INVALID_OPTION", `options.${endKey} is required`, `options.${endKey}`);
  return {
    observationEndMs: time(fn, o[endKey], `options.${endKey}`),
    period: unitOption(fn, o.period, "options.period", "day"),
    unit: unitOption(fn, o.unit, "options.unit", "day"),
    monetary: o.monetary === undefined ? "repeat" : oneOf(fn, o.monetary, "options.monetary", ["repeat", "all"] as const),
  };
}
