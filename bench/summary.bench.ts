// summarizeTransactions on synthetic data: 1 M customers, two years of days, 1 M and 10 M transactions.
import { summarizeTransactions, type Transaction } from "../src/index.js";
import { bench, rng } from "./lib.js";

const DAY = 86_400_000;
const start = Date.UTC(2022, 0, 1);

function synthetic(rows: number, customers: number, seed: number): Transaction[] {
  const r = rng(seed);
  const out: Transaction[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    out[i] = { customerId: Math.floor(r() * customers), at: start + Math.floor(r() * 730) * DAY, amount: Math.round(r() * 10000) / 100 };
  }
  return out;
}

const end = start + 730 * DAY;
for (const rows of [1_000_000, 10_000_000]) {
  const data = synthetic(rows, 1_000_000, 42);
  bench(`summarizeTransactions: ${rows / 1e6} M rows (objects), 1 M customers`, () =>
    summarizeTransactions(data, { observationEnd: end, unit: "week" }),
  rows > 1e6 ? 2 : 3);
}
