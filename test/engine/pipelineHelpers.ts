// Shared by the warehouse pipeline tests: a row of predictionsSql's result, and its check against scoreCustomers.
import type { ScoreRow } from "../../src/index.js";

export interface PipelineRow {
  customer_id: number | string;
  frequency: number;
  recency: number;
  t: number;
  monetary_value: number;
  probability_alive: number | null;
  expected_purchases: number | null;
  expected_spend: number | null;
  clv: number | null;
}

/** Within `tol`, relative to the larger of 1 and the expected value; null only where null is expected. */
function close(a: number | null, b: number | null, tol = 1e-9): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

/**
 * Throws unless the SQL pipeline gave exactly one row per scored customer, with the same summary and the
 * same P(alive), expected purchases (to `historyTol`), expected spend and CLV (to `spendTol`), both 1e-9 by default.
 * Returns the number of customers.
 */
export function comparePipeline(got: readonly PipelineRow[], want: readonly ScoreRow[], spendTol = 1e-9, historyTol = 1e-9): number {
  const byId = new Map(got.map((r) => [r.customer_id, r]));
  if (got.length !== want.length || byId.size !== want.length) throw new Error(`${got.length} SQL rows (${byId.size} ids) for ${want.length} customers`);
  for (const w of want) {
    const r = byId.get(w.customerId);
    const ok =
      r !== undefined &&
      r.frequency === w.frequency &&
      close(r.recency, w.recency) &&
      close(r.t, w.T) &&
      close(r.monetary_value, w.monetaryValue) &&
      close(r.probability_alive, w.probabilityAlive, historyTol) &&
      close(r.expected_purchases, w.expectedPurchases, historyTol) &&
      close(r.expected_spend, w.expectedSpend, spendTol) &&
      close(r.clv, w.clv, spendTol);
    if (!ok) {
      const { customerId, frequency, recency, T, monetaryValue, probabilityAlive, expectedPurchases, expectedSpend, clv } = w;
      throw new Error(`customer ${String(w.customerId)}: SQL ${JSON.stringify(r)} vs scoreCustomers ${JSON.stringify({ customerId, frequency, recency, T, monetaryValue, probabilityAlive, expectedPurchases, expectedSpend, clv })}`);
    }
  }
  return want.length;
}
