import type { CustomerId } from "../data/time.js";
import { ExactSum } from "../internal/exactSum.js";
import { customerId, fail, iterable, nonNegativeNumber, record } from "../internal/validate.js";

/**
 * One customer's recurring revenue at a point in time (MRR, ARR, or spend over a fixed window).
 *
 * @category Retention
 * @example
 * ```ts
 * const row: CustomerRevenue = { customerId: "acme", revenue: 1200 };
 * ```
 */
export interface CustomerRevenue {
  /** The customer. Each customer appears at most once per list. */
  readonly customerId: CustomerId;
  /** Revenue, finite and ≥ 0; 0 means "not a paying customer" at that point. */
  readonly revenue: number;
}

/**
 * Net and gross revenue retention with the movements between the two points broken out.
 *
 * Identity: `endRevenue = startRevenue + expansion − contraction − churned + gained`.
 *
 * @category Retention
 * @example
 * ```ts
 * const r: RevenueRetention = revenueRetention([{ customerId: 1, revenue: 100 }], [{ customerId: 1, revenue: 120 }]);
 * ```
 */
export interface RevenueRetention {
  /** Net revenue retention (start + expansion − contraction − churned) / start; may exceed 1; `null` when start is 0 (or the ratio overflows). */
  nrr: number | null;
  /** Gross revenue retention (start − contraction − churned) / start, in [0, 1]; `null` when start is 0. */
  grr: number | null;
  /** Revenue at the start, summed over every customer. */
  startRevenue: number;
  /** Revenue at the end, summed over every customer (new ones included). */
  endRevenue: number;
  /** Growth of customers paying at both points: Σ max(0, end − start). */
  expansion: number;
  /** Shrinkage of customers paying at both points: Σ max(0, start − end). */
  contraction: number;
  /** Start revenue of customers absent (or at 0) at the end. */
  churned: number;
  /** End revenue of customers who were not paying at the start (new or reactivated). */
  gained: number;
  /** Customers paying at the start (revenue > 0). */
  startCustomers: number;
  /** Of those, customers still paying at the end. */
  retainedCustomers: number;
  /** Of those, customers absent or at 0 at the end. */
  churnedCustomers: number;
  /** Customers paying at the end who were not at the start. */
  newCustomers: number;
}

function readRevenue(fn: string, rows: unknown, arg: string): Map<CustomerId, number> {
  const out = new Map<CustomerId, number>();
  let i = 0;
  for (const row of iterable<unknown>(fn, rows, arg)) {
    const path = `${arg}[${i++}]`;
    const r = record(fn, row, path);
    const id = customerId(fn, r.customerId, `${path}.customerId`);
    const revenue = nonNegativeNumber(fn, r.revenue, `${path}.revenue`, "NEGATIVE_AMOUNT");
    if (out.has(id)) fail(fn, "DUPLICATE_ID", `${path}.customerId ${JSON.stringify(id)} appears twice in ${arg}`, `${path}.customerId`);
    out.set(id, revenue);
  }
  return out;
}

/**
 * Net revenue retention (NRR, also "net dollar retention") and gross revenue retention (GRR) between two
 * snapshots of per-customer revenue, with expansion, contraction, churned and new revenue broken out —
 * the SaaS definitions (e.g. KeyBanc/Bessemer): only customers paying at the start count toward NRR and
 * GRR; new customers are reported as `gained` and excluded from both ratios.
 *
 * Formulas, with `s` and `e` a customer's revenue at the start and end (absent = 0), over customers with s > 0:
 * - expansion = Σ max(0, e − s) over those with e > 0; contraction = Σ max(0, s − e) over those with e > 0;
 *   churned = Σ s over those with e = 0
 * - NRR = (S + expansion − contraction − churned) / S = Σ e / Σ s (may exceed 1)
 * - GRR = (S − contraction − churned) / S = Σ min(s, e) / Σ s (≤ 1 by construction)
 *
 * @param startRevenue - `{ customerId, revenue }` at the start of the period, one row per customer
 * @param endRevenue - the same at the end; a customer absent here has churned
 * @returns the ratios (`null` when start revenue is 0, or NRR when it is so small that the ratio overflows)
 *   and the revenue movements
 * @throws RetentionKitError `NEGATIVE_AMOUNT` / `INVALID_NUMBER` for a bad revenue (`endRevenue[2].revenue`);
 *   `INVALID_CUSTOMER_ID`; `DUPLICATE_ID` when a customer appears twice in one list; `OUT_OF_RANGE` when the
 *   totals overflow a double
 * @category Retention
 * @example
 * ```ts
 * const r = revenueRetention(
 *   [{ customerId: "a", revenue: 100 }, { customerId: "b", revenue: 100 }, { customerId: "c", revenue: 50 }],
 *   [{ customerId: "a", revenue: 150 }, { customerId: "b", revenue: 80 }, { customerId: "d", revenue: 40 }],
 * );
 * [r.nrr, r.grr, r.expansion, r.contraction, r.churned, r.gained];
 * // => [0.92, 0.72, 50, 20, 50, 40]
 * ```
 */
export function revenueRetention(
  startRevenue: Iterable<CustomerRevenue>,
  endRevenue: Iterable<CustomerRevenue>,
): RevenueRetention {
  const fn = "revenueRetention";
  const start = readRevenue(fn, startRevenue, "startRevenue");
  const end = readRevenue(fn, endRevenue, "endRevenue");
  // Every total is an exact sum rounded once, so no order of the rows changes a digit.
  const S = new ExactSum();
  const X = new ExactSum();
  const C = new ExactSum();
  const L = new ExactSum();
  let startCustomers = 0;
  let retainedCustomers = 0;
  for (const [id, a] of start) {
    if (!(a > 0)) continue;
    S.add(a);
    startCustomers++;
    const b = end.get(id) ?? 0;
    if (b > 0) {
      retainedCustomers++;
      if (b > a) X.add(b - a);
      else C.add(a - b);
    } else L.add(a);
  }
  const E = new ExactSum();
  const G = new ExactSum();
  let newCustomers = 0;
  for (const [id, b] of end) {
    E.add(b);
    if (b > 0 && !((start.get(id) ?? 0) > 0)) {
      G.add(b);
      newCustomers++;
    }
  }
  const s = S.value();
  const e = E.value();
  const expansion = X.value();
  if (!(Number.isFinite(s) && Number.isFinite(e) && Number.isFinite(expansion))) {
    fail(fn, "OUT_OF_RANGE", "revenue totals overflow the range of a double; rescale the revenue (e.g. to thousands)", null);
  }
  const contraction = C.value();
  const churned = L.value();
  const gained = G.value();
  // Ratios from the movements (not from Σe) so that GRR ≤ 1 holds exactly in floating point: the kept revenue
  // S − contraction − churned is exact before its one rounding, so it is at most S.
  const K = new ExactSum();
  K.addSum(S, 1);
  K.addSum(C, -1);
  K.addSum(L, -1);
  const kept = K.value();
  K.addSum(X, 1);
  const nrr = s > 0 ? Math.max(0, K.value()) / s : null;
  return {
    nrr: nrr !== null && Number.isFinite(nrr) ? nrr : null,
    grr: s > 0 ? Math.min(1, Math.max(0, kept / s)) : null,
    startRevenue: s,
    endRevenue: e,
    expansion,
    contraction,
    churned,
    gained,
    startCustomers,
    retainedCustomers,
    churnedCustomers: startCustomers - retainedCustomers,
    newCustomers,
  };
}
