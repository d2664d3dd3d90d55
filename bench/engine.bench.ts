// The scoring engine on 1 M synthetic customers with every part on (RFM + segment, value tier, ABC class,
// lifecycle stage, BG/NBD + Gamma-Gamma fitted on the input, P(alive), 12-month expected purchases and CLV).
// Inputs: ~7 M transactions as columns (typed arrays), the same as row objects in async batches of 500 k,
// and the 1 M ready summaries. Each case runs in its own Node process so that its peak memory is its own.
// Profile: node --cpu-prof --import tsx bench/engine.bench.ts "<case>"
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { scoreCustomers, summarizeColumns, type Transaction } from "../src/index.js";
import { END, EVERY_PART_ON, population, type Columns } from "./data.js";

const config = EVERY_PART_ON;

async function* batches(c: Columns, size: number): AsyncGenerator<Transaction[]> {
  for (let from = 0; from < c.at.length; from += size) {
    const to = Math.min(c.at.length, from + size);
    const out: Transaction[] = new Array(to - from);
    for (let i = from; i < to; i++) out[i - from] = { customerId: c.customerId[i]!, at: c.at[i]!, amount: c.amount[i]! };
    yield out;
  }
}

const cases: Record<string, { setup: () => unknown; run: (data: never) => unknown; repeats: number }> = {
  "1 M ready summaries, every part on": {
    setup: () => summarizeColumns(population(7), { observationEnd: END, unit: "week" }),
    run: (s: ReturnType<typeof summarizeColumns>) => scoreCustomers({ summaries: s, observationEnd: END }, config),
    repeats: 2,
  },
  "~7 M transactions as columns, every part on": {
    setup: () => population(7),
    run: (c: Columns) => scoreCustomers({ transactions: c, observationEnd: END }, config),
    repeats: 2,
  },
  "~7 M transactions as columns, lifecycle off": {
    setup: () => population(7),
    run: (c: Columns) => scoreCustomers({ transactions: c, observationEnd: END }, { lifecycle: false }),
    repeats: 2,
  },
  "~7 M row objects in async batches of 500 k, every part on": {
    setup: () => population(7),
    run: (c: Columns) => scoreCustomers({ transactions: batches(c, 500_000), observationEnd: END }, config),
    repeats: 1,
  },
};

const only = process.argv[2];
if (only === undefined) {
  const self = fileURLToPath(import.meta.url);
  console.log(`| case | best of N | peak RSS (input included) |\n|---|---:|---:|`);
  for (const name of Object.keys(cases)) spawnSync(process.execPath, [...process.execArgv, self, name], { stdio: "inherit" });
} else {
  const c = cases[only]!;
  const data = c.setup();
  const n = Array.isArray(data) ? data.length : (data as Columns).at.length;
  let best = Number.POSITIVE_INFINITY;
  let customers = 0;
  for (let r = 0; r < c.repeats; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    const out = (await c.run(data as never)) as { customers: unknown[] };
    best = Math.min(best, performance.now() - t0);
    customers = out.customers.length;
  }
  const maxRss = process.resourceUsage().maxRSS / 1024;
  console.log(`| ${only} (${(n / 1e6).toFixed(2)} M rows in, ${(customers / 1e6).toFixed(2)} M customers out) | ${best.toFixed(0)} ms | ${maxRss.toFixed(0)} MB |`);
}
