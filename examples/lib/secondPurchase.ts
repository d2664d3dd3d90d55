// Time to second purchase, as the demo defines it: from a customer's first purchase day (UTC) to their next
// distinct purchase day; customers who never came back have no end (censored at the survival data's asOf).
import type { TenureRow } from "../../src/index.js";

const DAY = 86_400_000;

/** One tenure row per customer, ready for `survivalData(rows, { asOf, unit })`. */
export function secondPurchaseTenures(transactions: Iterable<{ customerId: string | number; at: number }>): TenureRow[] {
  const days = new Map<string | number, number[]>();
  for (const t of transactions) {
    const list = days.get(t.customerId) ?? [];
    list.push(Math.floor(t.at / DAY));
    days.set(t.customerId, list);
  }
  const tenures: TenureRow[] = [];
  for (const list of days.values()) {
    const first = Math.min(...list);
    const later = list.filter((d) => d > first);
    tenures.push(later.length > 0 ? { startAt: first * DAY, endAt: Math.min(...later) * DAY } : { startAt: first * DAY });
  }
  return tenures;
}
