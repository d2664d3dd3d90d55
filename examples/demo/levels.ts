// The loyalty section of the demo: membership levels by 12-month spend on CDNOW purchases, level counts per
// quarter, the top customers assigned to three account managers, and their first follow-up week.
import { assignAccountManagers, followUpAgenda, membershipLevels } from "../../src/index.js";
import type { DemoContext } from "./context.js";

const LEVELS = [
  { name: "Silver", minSpend: 100, windowMonths: 12 },
  { name: "Gold", minSpend: 300, windowMonths: 12 },
  { name: "Platinum", minSpend: 1000, windowMonths: 12 },
];

export function run(ctx: DemoContext): void {
  const { print } = ctx;
  print("## Loyalty: membership levels and account managers");
  const asOf = ctx.observationEnd;
  const r = membershipLevels(ctx.transactions, LEVELS, { asOf, reviewEvery: "quarter", graceDays: 30, countsEvery: "quarter" });
  print(`levels by spend over the last 12 months (Silver ≥ $100, Gold ≥ $300, Platinum ≥ $1,000), upgrades at once, downgrades at quarterly reviews after 30 days' grace:`);
  print(`  ${"quarter".padEnd(8)} ${["none", ...r.levels].map((l) => l.padStart(9)).join("")}`);
  for (const row of r.counts) {
    const q = new Date(row.periodStart);
    print(`  ${`${q.getUTCFullYear()}Q${Math.floor(q.getUTCMonth() / 3) + 1}`.padEnd(8)} ${[row.none, ...row.counts].map((n) => String(n).padStart(9)).join("")}`);
  }
  const changes = r.members.flatMap((m) => m.changes);
  const downgrades = changes.filter((c) => c.from !== null && (c.to === null || r.levels.indexOf(c.to) < r.levels.indexOf(c.from)));
  print(`  ${changes.length} level changes, ${downgrades.length} of them downgrades; ${r.members.filter((m) => m.graceUntil !== null).length} members in a grace period at ${asOf}`);
  const example = r.members.find((m) => m.changes.some((c) => c.from === "Gold"));
  if (example !== undefined) {
    print(`  customer ${example.customerId}:`);
    for (const c of example.changes) print(`    ${new Date(c.at).toISOString().slice(0, 10)} ${c.from ?? "none"} → ${c.to ?? "none"}: ${c.reason}`);
  }

  // Key accounts: the 60 customers with the highest spend over the last 12 months, three managers of 25.
  const since = Date.parse("1997-07-01T00:00:00Z");
  const spend = new Map<number, number>();
  for (const t of ctx.transactions) if (t.at >= since) spend.set(t.customerId, (spend.get(t.customerId) ?? 0) + t.amount);
  const levelOf = new Map(r.members.map((m) => [m.customerId, m.level]));
  const customers = [...spend].map(([customerId, value]) => ({ customerId, value: Math.round(value * 100) / 100, tier: levelOf.get(customerId) ?? null }));
  const managers = [{ managerId: "m1", capacity: 25 }, { managerId: "m2", capacity: 25 }, { managerId: "m3", capacity: 25 }];
  const a = assignAccountManagers(customers, managers, { keyAccount: { topN: 60 } });
  print(`account managers: the top 60 customers by 12-month spend to 3 managers of 25, balanced by value:`);
  for (const m of a.managers) print(`  ${m.managerId}: ${m.customers} key accounts, $${m.value.toFixed(2)}, ${m.free} free`);
  // Manager m3 leaves: only m3's customers move, to the two others, up to their capacity.
  const settled = customers.map((c) => {
    const to = a.assignments.find((x) => x.customerId === c.customerId);
    return to === undefined ? c : { ...c, currentManager: to.managerId };
  });
  const after = assignAccountManagers(settled, [managers[0]!, managers[1]!, { ...managers[2]!, active: false }], { keyAccount: { topN: 60 } });
  const unplaced = after.unassigned.filter((u) => u.keyAccount);
  const placed = after.reassignments.filter((x) => x.to !== null);
  print(`  when m3 leaves: ${after.reassignments.length} reassignments, all of m3's customers: ${placed.length} to m1 and m2 ("${placed[0]?.reason ?? ""}"), ${unplaced.length} unassigned ("${unplaced[0]?.reason ?? ""}")`);

  // Their first week: Gold and Platinum every 30 days, everyone else every 90, from the last purchase.
  const last = new Map<number, number>();
  for (const t of ctx.transactions) last.set(t.customerId, Math.max(last.get(t.customerId) ?? -Infinity, t.at));
  const keyIds = new Set(a.assignments.map((x) => x.customerId));
  const agenda = followUpAgenda(
    [...keyIds].map((id) => ({ customerId: id, level: levelOf.get(id as number) ?? null, lastContactAt: last.get(id as number)! })),
    { asOf, horizonDays: 7, cadences: [{ level: "Platinum", everyDays: 30 }, { level: "Gold", everyDays: 30 }, { everyDays: 90 }], assignment: a },
  );
  print(`  follow-ups due in the week from ${asOf}: ${agenda.map((g) => `${g.managerId ?? "no manager"} ${g.items.length} (${g.items.filter((i) => i.overdue).length} overdue)`).join(", ")}`);
  print();
}
