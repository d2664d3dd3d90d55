// The CLV part of the engine over many customers. P(alive), E[Y(t)] and the discounted purchase sum depend
// only on the transaction history (x, t_x, T), which customers share a lot (same days, same counts); so
// customerLifetimeValue runs once per distinct history with a unit spend and margin, and each customer's
// value is margin · E[spend] · (that unit value), E[spend] from expectedAverageSpend — the same factors, in
// the same order, as customerLifetimeValue multiplies them, so the numbers are identical to calling it on
// every row (the engine's tests check this bit for bit).
import { customerLifetimeValue } from "../clv/customerLifetimeValue.js";
import { expectedAverageSpend } from "../clv/expectedAverageSpend.js";
import type { GammaGammaParams, TransactionModel } from "../clv/types.js";
import type { CustomerSummary } from "../data/types.js";

export interface ClvColumns {
  probabilityAlive: number[];
  expectedPurchases: number[];
  expectedSpend: (number | null)[];
  clv: (number | null)[];
}

export function clvColumns(
  model: TransactionModel,
  spend: { readonly model: "gamma-gamma"; readonly params: GammaGammaParams } | number,
  s: readonly CustomerSummary[],
  options: { horizon: number; discountRate: number; margin: number; unit: "day" | "week" },
): ClvColumns {
  const n = s.length;
  // Distinct histories by open addressing on the three numbers (typed arrays: no per-customer allocation).
  let size = 16;
  while (size < 2 * n) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const px: number[] = [];
  const pr: number[] = [];
  const pt: number[] = [];
  const of = new Int32Array(n);
  const bits = new Float64Array(1);
  const words = new Int32Array(bits.buffer);
  const mix = (h: number, v: number): number => {
    bits[0] = v;
    h = Math.imul(h ^ words[0]!, 0x85ebca6b);
    return Math.imul(h ^ words[1]!, 0xc2b2ae35);
  };
  for (let i = 0; i < n; i++) {
    const c = s[i]!;
    const x = c.frequency;
    const r = c.recency;
    const t = c.T;
    let h = mix(mix(mix(0x9e3779b9, x), r), t);
    h = (h ^ (h >>> 16)) & (size - 1);
    for (;;) {
      const k = slots[h]!;
      if (k < 0) {
        slots[h] = of[i] = px.length;
        px.push(x);
        pr.push(r);
        pt.push(t);
        break;
      }
      if (px[k] === x && pr[k] === r && pt[k] === t) {
        of[i] = k;
        break;
      }
      h = (h + 1) & (size - 1);
    }
  }
  const patterns = px.map((frequency, k) => ({ frequency, recency: pr[k]!, T: pt[k]! }));
  const unit = customerLifetimeValue(model, 1, patterns, { ...options, margin: 1 });
  const out: ClvColumns = { probabilityAlive: new Array(n), expectedPurchases: new Array(n), expectedSpend: new Array(n), clv: new Array(n) };
  for (let i = 0; i < n; i++) {
    const u = unit[of[i]!]!;
    const perPurchase = typeof spend === "number" ? spend : expectedAverageSpend(spend, s[i]!);
    const value = perPurchase === null || u.clv === null ? null : options.margin * perPurchase * u.clv;
    out.probabilityAlive[i] = u.probabilityAlive;
    out.expectedPurchases[i] = u.expectedPurchases;
    out.expectedSpend[i] = perPurchase;
    out.clv[i] = value !== null && Number.isFinite(value) ? value : null;
  }
  return out;
}
