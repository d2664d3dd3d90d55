// Scores a large transaction file on every core: each worker thread summarises one shard of the file into a
// summary accumulator (and counts the lifecycle windows with lifecycleInputs), sends the accumulator's
// plain-data state back (toJSON), and the parent merges the parts and scores the customers.
//
//   npx tsx examples/workers/scoreWithWorkers.ts [transactions.csv] [observationEnd]
//
// The CSV has a header and the columns customer_id,date(YYYY-MM-DD),amount. Without arguments a synthetic
// file of 500 k customers (BG/NBD-like, ~2 M transactions) is written to examples/output/ first.
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { createSummaryAccumulator, lifecycleInputs, scoreCustomers, type ScoreSummary, type SummaryPartial } from "../../src/index.js";

const DAY = 86_400_000;

interface Job {
  file: string;
  from: number;
  to: number;
  observationEnd: string;
}

interface Part {
  partial: SummaryPartial;
  counts: [number | string, number, number][];
  rows: number;
}

/** Reads bytes [from, to) of the file, extended to whole lines (a line belongs to the shard it starts in). */
function shardText(file: string, from: number, to: number): string {
  const fd = openSync(file, "r");
  const size = statSync(file).size;
  const end = Math.min(size, to + 4096 * 16);
  const buf = Buffer.alloc(end - from);
  readSync(fd, buf, 0, buf.length, from);
  closeSync(fd);
  let text = buf.toString("latin1");
  if (from > 0) text = text.slice(text.indexOf("\n") + 1); // the previous shard owns the partial line
  const own = to - from - (buf.length - text.length);
  const cut = text.indexOf("\n", Math.max(0, own - 1));
  return cut < 0 ? text : text.slice(0, cut + 1);
}

function work(job: Job): Part {
  const lines = shardText(job.file, job.from, job.to).split("\n");
  const n = lines.length;
  const customerId = new Int32Array(n);
  const at = new Float64Array(n);
  const amount = new Float64Array(n);
  let k = 0;
  for (const line of lines) {
    if (line.length === 0 || line.startsWith("customer_id")) continue;
    const a = line.indexOf(",");
    const b = line.indexOf(",", a + 1);
    customerId[k] = Number(line.slice(0, a));
    at[k] = Date.parse(`${line.slice(a + 1, b)}T00:00:00Z`);
    amount[k] = Number(line.slice(b + 1));
    k++;
  }
  const cols = { customerId: customerId.subarray(0, k), at: at.subarray(0, k), amount: amount.subarray(0, k) };
  const acc = createSummaryAccumulator({ observationEnd: job.observationEnd, unit: "week" }).add(cols);
  const rows = Array.from({ length: k }, (_, i) => ({ customerId: cols.customerId[i]!, at: cols.at[i]! }));
  const counts = lifecycleInputs(rows, { asOf: job.observationEnd }).map((r) => [r.customerId, r.recentPurchases, r.priorPurchases] as [number | string, number, number]);
  return { partial: acc.toJSON(), counts, rows: k };
}

/**
 * A BG/NBD-like population: each customer arrives on a uniform day, buys at an exponential rate (mean one
 * purchase per 16 days) and after each purchase drops out with a probability of up to 0.3.
 */
function writeSynthetic(path: string, customers: number): number {
  let seed = 12345;
  const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const fd = openSync(path, "w");
  writeSync(fd, "customer_id,date,amount\n");
  const start = Date.UTC(2022, 0, 1);
  let chunk: string[] = [];
  let rows = 0;
  for (let id = 0; id < customers; id++) {
    let day = Math.floor(rnd() * 700);
    const rate = -Math.log(1 - rnd()) / 16;
    const p = rnd() * 0.3;
    const spend = 10 + 90 * rnd() * rnd();
    while (day < 730) {
      chunk.push(`${id},${new Date(start + Math.floor(day) * DAY).toISOString().slice(0, 10)},${(spend * (0.5 + rnd())).toFixed(2)}`);
      rows++;
      if (rnd() < p) break;
      day += -Math.log(1 - rnd()) / rate;
    }
    if (chunk.length >= 100_000) {
      writeSync(fd, `${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) writeSync(fd, `${chunk.join("\n")}\n`);
  closeSync(fd);
  return rows;
}

if (!isMainThread) {
  parentPort!.postMessage(work(workerData as Job));
} else {
  let file = process.argv[2];
  const observationEnd = process.argv[3] ?? "2023-12-31";
  if (file === undefined) {
    const dir = fileURLToPath(new URL("../output/", import.meta.url));
    mkdirSync(dir, { recursive: true });
    file = `${dir}synthetic-bgnbd-transactions.csv`;
    if (!existsSync(file)) {
      const t = performance.now();
      writeSynthetic(file, 500_000);
      console.log(`wrote ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  const size = statSync(file).size;
  const cores = availableParallelism();
  const t0 = performance.now();
  const parts = await Promise.all(
    Array.from({ length: cores }, (_, w) => {
      const job: Job = { file: file!, from: Math.floor((size * w) / cores), to: Math.floor((size * (w + 1)) / cores), observationEnd };
      return new Promise<Part>((resolve, reject) => {
        // The worker runs this same file; tsx's loader is registered in it first so that it can load TypeScript.
        const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
        const worker = new Worker(boot, { eval: true, workerData: job });
        worker.once("message", (m: Part) => resolve(m));
        worker.once("error", reject);
      });
    }),
  );
  const t1 = performance.now();
  // Merge: the parts are plain data (what a queue or an object store would carry between machines).
  const merged = createSummaryAccumulator({ observationEnd, unit: "week" });
  const counts = new Map<number | string, [number, number]>();
  for (const p of parts) {
    merged.merge(p.partial);
    for (const [id, recent, prior] of p.counts) {
      const c = counts.get(id);
      if (c === undefined) counts.set(id, [recent, prior]);
      else {
        c[0] += recent;
        c[1] += prior;
      }
    }
  }
  const summaries: ScoreSummary[] = merged.finish().map((s) => {
    const c = counts.get(s.customerId) ?? [0, 0];
    return { ...s, recentPurchases: c[0], priorPurchases: c[1] };
  });
  const t2 = performance.now();
  const result = scoreCustomers({ summaries, observationEnd });
  const t3 = performance.now();
  const rows = parts.reduce((a, p) => a + p.rows, 0);
  console.log(`${file}: ${(rows / 1e6).toFixed(2)} M transactions, ${summaries.length} customers, ${cores} workers`);
  console.log(`summarise shards ${(t1 - t0).toFixed(0)} ms | merge ${(t2 - t1).toFixed(0)} ms | score (fits included) ${(t3 - t2).toFixed(0)} ms | total ${(t3 - t0).toFixed(0)} ms`);
  const top = [...result.customers].sort((a, b) => (b.clv ?? 0) - (a.clv ?? 0)).slice(0, 5);
  console.table(top.map((c) => ({ id: c.customerId, segment: c.rfmSegment, tier: c.valueTier, stage: c.lifecycleStage, churn: c.churnRiskLevel, pAlive: c.probabilityAlive?.toFixed(3), clv12m: c.clv?.toFixed(2) })));
}
