// The full CDNOW cohort (CDNOW_master) as churn input: purchases up to the calibration end as events, and
// the holdout label "no purchase in (calibration end, observation end]".
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const CALIBRATION_END = Date.UTC(1997, 8, 30);
export const OBSERVATION_END = Date.UTC(1998, 5, 30);

export interface CdnowHoldout {
  /** Transactions up to the calibration end. */
  transactions: { customerId: number; at: number; amount: number }[];
  /** Customers with a purchase in the holdout. */
  boughtAgain: Set<number>;
}

export function cdnowHoldout(): CdnowHoldout {
  const path = fileURLToPath(new URL("../fixtures/cdnow/CDNOW_master.txt", import.meta.url));
  const transactions: CdnowHoldout["transactions"] = [];
  const boughtAgain = new Set<number>();
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || !/^\d{8}$/.test(f[1]!)) continue;
    const d = f[1]!;
    const at = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)));
    const customerId = Number(f[0]);
    if (at <= CALIBRATION_END) transactions.push({ customerId, at, amount: Number(f[3]) });
    else if (at <= OBSERVATION_END) boughtAgain.add(customerId);
  }
  return { transactions, boughtAgain };
}

/** The calibration purchases as one activity log per customer (purchase events), in first-seen order. */
export function purchaseLogs(h: CdnowHoldout): { customerId: number; events: { type: string; at: number }[] }[] {
  const by = new Map<number, { type: string; at: number }[]>();
  for (const t of h.transactions) {
    let g = by.get(t.customerId);
    if (g === undefined) by.set(t.customerId, (g = []));
    g.push({ type: "purchase", at: t.at });
  }
  return [...by].map(([customerId, events]) => ({ customerId, events }));
}
