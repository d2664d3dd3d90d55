// The CLV part of the engine over many customers. P(alive), E[Y(t)] and the discounted purchase sum depend
// only on the transaction history (x, t_x, T), which customers share a lot (same days, same counts); so the
// horizon sum of customerLifetimeValue (discountedPurchaseColumns, its kernel) runs once per distinct history
// with a unit spend and margin, and each customer's value is margin · E[spend] · (that unit value), E[spend]
// the formula of expectedAverageSpend — the same factors, in the same order, as customerLifetimeValue
// multiplies them, so the numbers are identical to calling it on every row (the engine's tests check this
// bit for bit).
import { customerLifetimeValue } from "../clv/customerLifetimeValue.js";
import { expectedAverageSpend, gammaGammaSpend } from "../clv/expectedAverageSpend.js";
import { discountedPurchaseColumns } from "../clv/transactionKernels.js";
import type { GammaGammaParams, TransactionModel } from "../clv/types.js";
import type { RowIndex } from "../internal/patterns.js";

export interface ClvColumns {
  /** P(alive) per distinct history (`of[i]` is customer i's). */
  probabilityAlive: Float64Array;
  /** Expected purchases over the horizon per distinct history. */
  expectedPurchases: Float64Array;
  /** Customer i's history. */
  of: Int32Array;
  /** Expected spend per purchase; NaN stands for `null`. */
  expectedSpend: Float64Array;
  /** The CLV; NaN stands for `null`. */
  clv: Float64Array;
}

/**
 * CLV columns for customers whose histories are indexed in `histories` (distinct (x, t_x, T), validated as
 * customerLifetimeValue validates them) with repeat purchases `x` and mean repeat spend `m` per customer.
 */
export function clvColumns(
  model: TransactionModel,
  spend: { readonly model: "gamma-gamma"; readonly params: GammaGammaParams } | number,
  histories: RowIndex,
  x: Float64Array,
  m: Float64Array,
  options: { horizon: number; discountRate: number; margin: number; unit: "day" | "week" },
): ClvColumns {
  const n = x.length;
  // customerLifetimeValue reads the model, the spend model and the options (on no customers) and refuses
  // what it would refuse; its kernel then runs on the distinct histories.
  customerLifetimeValue(model, spend, [], options);
  const [hx, htx, hT] = histories.columns as [Float64Array, Float64Array, Float64Array];
  const unit = discountedPurchaseColumns(model, hx, htx, hT, options.horizon, options.unit === "week" ? 4.345 : 30, options.discountRate);
  const out: ClvColumns = { probabilityAlive: unit.alive, expectedPurchases: unit.expected, of: histories.of, expectedSpend: new Float64Array(n), clv: new Float64Array(n) };
  const of = histories.of;
  const margin = options.margin;
  for (let i = 0; i < n; i++) {
    const k = of[i]!;
    let perPurchase: number | null;
    if (typeof spend === "number") {
      perPurchase = spend;
    } else {
      // expectedAverageSpend throws its own error for a negative mean spend.
      if (!(m[i]! >= 0)) expectedAverageSpend(spend, { frequency: x[i]!, monetaryValue: m[i]! });
      perPurchase = gammaGammaSpend(spend.params.p, spend.params.q, spend.params.v, x[i]!, m[i]!);
    }
    const value = perPurchase === null ? null : margin * perPurchase * unit.discounted[k]!;
    out.expectedSpend[i] = perPurchase ?? Number.NaN;
    out.clv[i] = value !== null && Number.isFinite(value) ? value : Number.NaN;
  }
  return out;
}
