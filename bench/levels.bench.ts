// membershipLevels on synthetic purchase history: 1 M rows over 200 k members across two years, three levels
// on 12 months' spend, quarterly reviews with a 30-day grace period, monthly counts. And assignAccountManagers:
// 1 M customers (a quarter with a current manager, some of whom have left) to 1,000 managers, key accounts
// the top 100 k by value. LEVELS_ROWS / LEVELS_MEMBERS / ASSIGN_CUSTOMERS / ASSIGN_MANAGERS scale them down.
import { assignAccountManagers, membershipLevels, type AccountCustomer, type AccountManager, type MembershipPurchase } from "../src/index.js";
import { bench, rng } from "./lib.js";

/** `bench` of one run, and its CPU time: on a shared machine the wall time includes waiting for a core. */
function timed(label: string, run: () => unknown): void {
  const c0 = process.cpuUsage();
  bench(label, run, 1);
  const c = process.cpuUsage(c0);
  console.log(`| ${`${label} (CPU time)`.padEnd(58)} | ${((c.user + c.system) / 1000).toFixed(1).padStart(9)} ms |`);
}

const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const ROWS = Number(process.env.LEVELS_ROWS ?? 1_000_000);
const MEMBERS = Number(process.env.LEVELS_MEMBERS ?? 200_000);
const CUSTOMERS = Number(process.env.ASSIGN_CUSTOMERS ?? 1_000_000);
const MANAGERS = Number(process.env.ASSIGN_MANAGERS ?? 1_000);

function history(n: number, members: number, seed: number): MembershipPurchase[] {
  const r = rng(seed);
  const out = new Array<MembershipPurchase>(n);
  for (let i = 0; i < n; i++) {
    out[i] = { customerId: Math.floor(r() * members), at: START + Math.floor(r() * 730) * DAY + Math.floor(r() * 86_400) * 1000, amount: Math.round(r() * 40_000) / 100 };
  }
  return out;
}

const levels = [
  { name: "Silver", minSpend: 500, windowMonths: 12 },
  { name: "Gold", minSpend: 1500, windowMonths: 12 },
  { name: "Platinum", minSpend: 4000, windowMonths: 12 },
];
const rows = history(ROWS, MEMBERS, 5);
timed(`membershipLevels: ${(ROWS / 1e6).toFixed(1)} M rows, ${(MEMBERS / 1e3).toFixed(0)} k members`, () => membershipLevels(rows, levels, { asOf: "2025-01-01", reviewEvery: "quarter", graceDays: 30 }).members.length);

function book(customers: number, managers: number, seed: number): { cs: AccountCustomer[]; ms: AccountManager[] } {
  const r = rng(seed);
  const ms: AccountManager[] = [];
  for (let k = 0; k < managers; k++) ms.push({ managerId: `m${k}`, capacity: Math.ceil((customers / 10 / managers) * (0.8 + 0.4 * r())), active: r() > 0.02 });
  const cs: AccountCustomer[] = new Array<AccountCustomer>(customers);
  for (let i = 0; i < customers; i++) {
    const value = Math.round(-Math.log(1 - r()) * 100_000) / 100;
    cs[i] = r() < 0.25 ? { customerId: i, value, currentManager: `m${Math.floor(r() * managers)}` } : { customerId: i, value };
  }
  return { cs, ms };
}
const { cs, ms } = book(CUSTOMERS, MANAGERS, 9);
timed(`assignAccountManagers: ${(CUSTOMERS / 1e6).toFixed(1)} M customers, ${MANAGERS} managers`, () => assignAccountManagers(cs, ms, { keyAccount: { topN: Math.floor(CUSTOMERS / 10) } }).assignments.length);
