// rfmScores on 1 M customers (pandas' qcut idiom, three qcut calls plus the code string, takes 0.29 s on
// the reference machine), per method; the value tiers on 1 M customers; rfmFromTransactions on 1 M rows.
import { abcClassify, quantileTiers, rfmFromTransactions, rfmScoreColumns, rfmScores, type Transaction } from "../src/index.js";
import { rfmColumns, rfmCustomers } from "./data.js";
import { bench as timed, rng } from "./lib.js";

// Also reports the best CPU time of the runs (user + system, all threads): on a shared, loaded machine
// wall time measures the neighbours, CPU time still measures the work.
function bench(name: string, fn: () => unknown, repeats: number): void {
  let cpu = Number.POSITIVE_INFINITY;
  timed(name, () => {
    const c0 = process.cpuUsage();
    const out = fn();
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
    return out;
  }, repeats);
  console.log(`|   (best CPU time ${cpu.toFixed(1)} ms)`);
}

const N = 1_000_000;
const r = rng(7);
const customers = rfmCustomers(r, N);

bench("rfmScores: 1 M customers, quantile (5 bins)", () => rfmScores(customers), 5);
bench("rfmScores: 1 M customers, rank (5 bins)", () => rfmScores(customers, { method: "rank" }), 5);
bench("rfmScores: 1 M customers, thresholds (5 bins)", () => rfmScores(customers, { method: { thresholds: [30, 90, 180, 365] } }), 5);

const columns = rfmColumns(customers);
bench("rfmScoreColumns: 1 M customers as columns, quantile (5 bins)", () => rfmScoreColumns(columns), 5);

const values = customers.map((c) => ({ customerId: c.customerId, value: c.monetary }));
bench("quantileTiers: 1 M customers, 3 tiers", () => quantileTiers(values), 3);
bench("abcClassify: 1 M customers", () => abcClassify(values), 3);

const DAY = 86_400_000;
const start = Date.UTC(2023, 0, 1);
const log: Transaction[] = new Array<Transaction>(N);
for (let i = 0; i < N; i++) log[i] = { customerId: Math.floor(r() * 300_000), at: start + Math.floor(r() * 730) * DAY, amount: Math.round(r() * 10000) / 100 };
bench("rfmFromTransactions: 1 M rows, 300 k customers", () => rfmFromTransactions(log, { asOf: start + 730 * DAY }), 3);
