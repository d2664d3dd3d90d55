// The loyalty section of the demo: a points programme run over the CDNOW purchases.
import { pointsLedger } from "../../src/index.js";
import type { DemoContext } from "./context.js";

export function run(ctx: DemoContext): void {
  const { print } = ctx;
  print("## Loyalty: a points ledger");
  // An illustrative programme (CDNOW had none, so there are no redemptions): 1 point per whole dollar of
  // each purchase (floored), points live 365 days, a point is worth $0.01.
  const asOf = ctx.observationEnd;
  const ledger = pointsLedger(
    ctx.transactions.map((t) => ({ customerId: t.customerId, at: t.at, amount: t.amount })),
    { asOf, pointsPerAmount: 1, expiryDays: 365, expiringWithinDays: 30, pointValue: 0.01 },
  );
  const t = ledger.totals;
  const n = (x: number): string => x.toLocaleString("en-US");
  print(`1 point per dollar, 365-day expiry, at ${asOf}: ${n(t.customers)} members earned ${n(t.earned)} points, ${n(t.expired)} expired`);
  print(`  outstanding: ${n(t.outstanding)} points, a liability of $${t.liability!.toFixed(2)} at $0.01 a point; ${n(t.expiringPoints)} points expire in the next 30 days`);
  const holders = ledger.customers.filter((c) => c.balance > 0).length;
  const top = [...ledger.customers].sort((a, b) => b.balance - a.balance || (a.customerId as number) - (b.customerId as number)).slice(0, 3);
  print(`  ${n(holders)} members hold points; largest balances: ${top.map((c) => `#${c.customerId} ${n(c.balance)}`).join(", ")}`);
  print();
}
