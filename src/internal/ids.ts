// The canonical order of customer ids across the library: numbers ascending, then strings by code unit.
import type { CustomerId } from "../data/time.js";

/** Compares two customer ids: numbers before strings, numbers ascending, strings by UTF-16 code unit. */
export function compareCustomerIds(a: CustomerId, b: CustomerId): number {
  if (typeof a === "number") return typeof b === "number" ? a - b : -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
