// pointsLedger on synthetic programme rows: 10 M rows over 1 M members (about 60 % purchases, 25 % redemptions,
// 10 % earn bonuses, 5 % adjustments) over two years, 365-day expiry, partial overdraw. The rows stream from a
// generator that refills one object (as a CSV reader does), so the figure is the ledger's own memory.
// LOYALTY_ROWS / LOYALTY_MEMBERS scale it down for a quick look.
import { pointsLedger, type PointsEvent, type PointsPurchase } from "../src/index.js";
import { bench, rng } from "./lib.js";

const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const ROWS = Number(process.env.LOYALTY_ROWS ?? 10_000_000);
const MEMBERS = Number(process.env.LOYALTY_MEMBERS ?? 1_000_000);

function* rows(n: number, members: number, seed: number): Generator<PointsEvent | PointsPurchase> {
  const r = rng(seed);
  const row: Record<string, unknown> = { customerId: 0, at: 0, type: undefined, points: undefined, amount: undefined, category: undefined };
  for (let i = 0; i < n; i++) {
    row.type = row.points = row.amount = row.category = undefined;
    row.customerId = Math.floor(r() * members);
    row.at = START + Math.floor(r() * 730) * DAY + Math.floor(r() * 86_400) * 1000;
    const u = r();
    if (u < 0.6) {
      row.amount = Math.round(r() * 20_000) / 100;
      row.category = r() < 0.3 ? "coffee" : "books";
    } else if (u < 0.85) {
      row.type = "redeem";
      row.points = 50 + Math.floor(r() * 200);
    } else if (u < 0.95) {
      row.type = "earn";
      row.points = 100;
    } else {
      row.type = "adjust";
      row.points = Math.floor(r() * 41) - 20;
    }
    yield row as unknown as PointsEvent | PointsPurchase;
  }
}

const rules = {
  asOf: "2025-01-01",
  categoryRates: { coffee: 2 },
  capPerPurchase: 500,
  expiryDays: 365,
  overdraw: "partial",
  expiringWithinDays: 30,
  pointValue: 0.01,
} as const;
const label = `pointsLedger: ${(ROWS / 1e6).toFixed(1)} M rows, ${(MEMBERS / 1e6).toFixed(1)} M members`;
bench(label, () => pointsLedger(rows(ROWS, MEMBERS, 11), rules).totals.balance, 1);
// CPU time of one more run: on a shared machine the wall time above includes waiting for a core.
const c0 = process.cpuUsage();
pointsLedger(rows(ROWS, MEMBERS, 11), rules);
const c = process.cpuUsage(c0);
console.log(`| ${`${label} (CPU time)`.padEnd(58)} | ${((c.user + c.system) / 1000).toFixed(1).padStart(9)} ms |`);
