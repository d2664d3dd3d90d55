// Canonical customer-id order, the one used by summarizeTransactions: numbers ascending, then strings by
// UTF-16 code unit. Results sorted by it do not depend on the input's order.
import type { CustomerId } from "../data/time.js";

export function compareIds(a: CustomerId, b: CustomerId): number {
  if (typeof a === "number") return typeof b === "number" ? a - b : -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
