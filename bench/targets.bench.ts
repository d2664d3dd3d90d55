// The speed targets of issue #21, one row per target: best-of-N wall time, the best CPU time (user + system,
// all threads: on a shared, loaded machine wall time measures the neighbours too), peak memory and the target.
//   npm run bench -- targets           (or: npx tsx bench/targets.bench.ts ["<case>"])
// Each row runs in its own Node process, so its memory is its own; a full garbage collection runs before the
// first run and after any run longer than 1 s (a forced collection discards compiled code: short runs after one
// are cold again). After the timed runs, one more run measures
// memory: "peak RSS" is the process's resident memory sampled every 2 ms by a worker thread during that run
// (input included; the process's kernel peak, setup included, in brackets), "peak heap" the most V8 heap in use
// during the run (input included: the heap before each garbage collection, from v8.GCProfiler, and at the
// end; what the call added in brackets). Typed arrays live outside the V8 heap, in RSS. The inputs come from
// bench/data.ts, the same as the engine, summary and RFM benchmarks and bench/peers/speed-vs-peers.ts; "every
// part on" is the engine benchmark's config (EVERY_PART_ON: the defaults).
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { GCProfiler } from "node:v8";
import { Worker } from "node:worker_threads";
import {
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  fitModifiedBgNbd,
  rfmScoreColumns,
  rfmScores,
  scoreCustomers,
  scoreCustomerColumns,
  summarizeColumns,
  summaryTable,
  type TypedSummaryTable,
} from "../src/index.js";
import { cdnowCohort, cdnowSampleSpend, END, EVERY_PART_ON, population, randomLog, rfmColumns, rfmCustomers, type Columns } from "./data.js";
import { rng } from "./lib.js";

interface Target {
  /** Wall-time goal in ms (`seconds` targets: 10 s). */
  ms: number;
  /** Memory goal in MB (peak RSS during the call, input included), if any. */
  rssMB?: number;
  /** The goal as the issue states it. */
  text: string;
}

interface Case {
  setup: () => unknown;
  run: (data: never) => unknown;
  repeats: number;
  target: Target;
}

const summaryOptions = { observationEnd: END, unit: "week" } as const;

const cases: Record<string, Case> = {
  "score 1 M customers, every part on, from typed transaction columns (≈7 M rows)": {
    setup: () => population(7),
    run: (c: Columns) => scoreCustomers({ transactions: c, observationEnd: END }, EVERY_PART_ON),
    repeats: 3,
    target: { ms: 2500, rssMB: 1200, text: "≤ 2.5 s, ≤ 1.2 GB" },
  },
  "score 1 M ready summaries (every part on)": {
    setup: () => summarizeColumns(population(7), summaryOptions),
    run: (s: ReturnType<typeof summarizeColumns>) => scoreCustomers({ summaries: s, observationEnd: END }, EVERY_PART_ON),
    repeats: 3,
    target: { ms: 2500, text: "≤ 2.5 s" },
  },
  "score 1 M customers, every part on, typed transaction columns → scoreCustomerColumns": {
    setup: () => population(7),
    run: (c: Columns) => scoreCustomerColumns({ transactions: c, observationEnd: END }, EVERY_PART_ON),
    repeats: 3,
    target: { ms: 2500, rssMB: 1200, text: "≤ 2.5 s, ≤ 1.2 GB" },
  },
  "score 1 M ready summaries → scoreCustomerColumns": {
    setup: () => summarizeColumns(population(7), summaryOptions),
    run: (s: ReturnType<typeof summarizeColumns>) => scoreCustomerColumns({ summaries: s, observationEnd: END }, EVERY_PART_ON),
    repeats: 3,
    target: { ms: 2500, text: "≤ 2.5 s" },
  },
  "score 1 M ready summaries held as columns (summaryTable, typed: true) → scoreCustomerColumns": {
    setup: () => summaryTable(population(7), { ...summaryOptions, typed: true }),
    run: (s: TypedSummaryTable) => scoreCustomerColumns({ summaries: s, observationEnd: END }, EVERY_PART_ON),
    repeats: 3,
    target: { ms: 2500, text: "≤ 2.5 s" },
  },
  "summary of 10 M rows / 1 M customers, typed columns → summaryTable": {
    setup: () => randomLog(1e7, 42, false),
    run: (c: Columns) => summaryTable(c, summaryOptions),
    repeats: 5,
    target: { ms: 700, text: "≤ 0.7 s" },
  },
  "summary of 10 M rows / 1 M customers, typed columns → summaryTable, typed: true": {
    setup: () => randomLog(1e7, 42, false),
    run: (c: Columns) => summaryTable(c, { ...summaryOptions, typed: true }),
    repeats: 5,
    target: { ms: 700, text: "≤ 0.7 s" },
  },
  "rfmScoreColumns, 1 M customers, quintiles": {
    setup: () => rfmColumns(rfmCustomers(rng(7), 1_000_000)),
    run: (c: ReturnType<typeof rfmColumns>) => rfmScoreColumns(c),
    repeats: 10,
    target: { ms: 60, text: "≤ 0.06 s" },
  },
  "rfmScoreColumns, 1 M customers, quintiles, typed: true": {
    setup: () => rfmColumns(rfmCustomers(rng(7), 1_000_000)),
    run: (c: ReturnType<typeof rfmColumns>) => rfmScoreColumns(c, { typed: true }),
    repeats: 10,
    target: { ms: 60, text: "≤ 0.06 s" },
  },
  "rfmScores, 1 M row objects": {
    setup: () => rfmCustomers(rng(7), 1_000_000),
    run: (c: ReturnType<typeof rfmCustomers>) => rfmScores(c),
    repeats: 10,
    target: { ms: 120, text: "≤ 0.12 s" },
  },
  "fitBgNbd, full CDNOW cohort (23,570)": {
    setup: cdnowCohort,
    run: (s: ReturnType<typeof cdnowCohort>) => fitBgNbd(s),
    repeats: 30,
    target: { ms: 15, text: "≤ 15 ms" },
  },
  "fitModifiedBgNbd, full CDNOW cohort (23,570)": {
    setup: cdnowCohort,
    run: (s: ReturnType<typeof cdnowCohort>) => fitModifiedBgNbd(s),
    repeats: 30,
    target: { ms: 15, text: "≤ 15 ms" },
  },
  "fitGammaGamma, CDNOW sample (946 repeat buyers)": {
    setup: cdnowSampleSpend,
    run: (s: ReturnType<typeof cdnowSampleSpend>) => fitGammaGamma(s),
    repeats: 50,
    target: { ms: 3, text: "≤ 3 ms" },
  },
  "customerLifetimeValue, 1 M customers, 10,000-period horizon": {
    // The 1 M summaries of the scoring rows, with BG/NBD and Gamma-Gamma fitted on them (not timed).
    setup: () => {
      const summaries = summarizeColumns(population(7), summaryOptions);
      return { summaries, bg: fitBgNbd(summaries), gg: fitGammaGamma(summaries) };
    },
    run: (d: { summaries: ReturnType<typeof summarizeColumns>; bg: ReturnType<typeof fitBgNbd>; gg: ReturnType<typeof fitGammaGamma> }) =>
      customerLifetimeValue(d.bg, d.gg, d.summaries, { horizon: 10_000, discountRate: 0.01 }),
    repeats: 2,
    target: { ms: 10_000, text: "seconds (< 10 s)" },
  },
};

interface Measured {
  ms: number;
  cpuMs: number;
  repeats: number;
  rssMB: number;
  processRssMB: number;
  heapMB: number;
  heapAddedMB: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const MB = 2 ** 20;

/** Peak RSS of this process while `fn` runs, sampled every 2 ms by a worker thread, and the peak V8 heap in use. */
async function memoryOf(fn: () => unknown): Promise<{ rss: number; heap: number; heapBefore: number }> {
  const shared = new SharedArrayBuffer(16);
  const flag = new Int32Array(shared, 0, 1); // 0 run, 1 stop
  const max = new Float64Array(shared, 8, 1);
  const sampler = new Worker(
    `const { workerData } = require("node:worker_threads");
     const flag = new Int32Array(workerData, 0, 1), max = new Float64Array(workerData, 8, 1);
     while (Atomics.load(flag, 0) === 0) { const r = process.memoryUsage.rss(); if (r > max[0]) max[0] = r; Atomics.wait(flag, 0, 0, 2); }`,
    { eval: true, workerData: shared },
  );
  await once(sampler, "online");
  while (max[0] === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const profiler = new GCProfiler();
  profiler.start();
  const out = fn();
  const heapEnd = process.memoryUsage().heapUsed;
  const stats = profiler.stop();
  const rssEnd = process.memoryUsage.rss();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  await once(sampler, "exit");
  void out;
  let heap = heapEnd;
  for (const s of stats?.statistics ?? []) heap = Math.max(heap, s.beforeGC.heapStatistics.usedHeapSize);
  return { rss: Math.max(max[0]!, rssEnd), heap, heapBefore };
}

async function measure(c: Case): Promise<Measured> {
  const data = c.setup();
  let ms = Number.POSITIVE_INFINITY;
  let cpuMs = Number.POSITIVE_INFINITY;
  let last = Number.POSITIVE_INFINITY;
  for (let r = 0; r < c.repeats; r++) {
    // A forced full collection also throws away compiled code, so the run after it is a cold one again (a
    // 15 ms fit takes 100 ms): collect before the first run, and then only after a run longer than 1 s.
    if (last > 1000) gc();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    c.run(data as never);
    last = performance.now() - t0;
    ms = Math.min(ms, last);
    const used = process.cpuUsage(cpu0);
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
  }
  const mem = await memoryOf(() => c.run(data as never));
  return {
    ms,
    cpuMs,
    repeats: c.repeats,
    rssMB: mem.rss / MB,
    processRssMB: process.resourceUsage().maxRSS / 1024,
    heapMB: mem.heap / MB,
    heapAddedMB: (mem.heap - mem.heapBefore) / MB,
  };
}

const time = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);

// The host's own speed, timed first in a process of its own: the same fixed work (sorting 1 M seeded doubles
// with the engine's native Float64Array sort, best of 5) on every machine. Figures of two sessions compare only
// after dividing by it: the same commit has measured 2× apart on hosts of one kind.
const HOST_REFERENCE = "@host-reference";
function hostReferenceMs(): number {
  const random = rng(1);
  const values = new Float64Array(1_000_000);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 5; r++) {
    for (let i = 0; i < values.length; i++) values[i] = random();
    const t0 = performance.now();
    values.sort();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const only = process.argv[2];
if (only === HOST_REFERENCE) {
  console.log(`@@result ${JSON.stringify({ ms: hostReferenceMs() })}`);
} else if (only === undefined) {
  const self = fileURLToPath(import.meta.url);
  const execArgv = process.execArgv.includes("--expose-gc") ? process.execArgv : ["--expose-gc", ...process.execArgv];
  console.log(`node ${process.version}; each row its own process; wall and CPU: best of N; memory: one more run; load: 1-minute load average when the row ended (2 cores)`);
  const ref = spawnSync(process.execPath, [...execArgv, self, HOST_REFERENCE], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const refLine = ref.stdout.split("\n").find((l) => l.startsWith("@@result "));
  const refMs = refLine === undefined ? null : (JSON.parse(refLine.slice("@@result ".length)) as { ms: number }).ms;
  console.log(`host reference (sort of 1 M doubles, best of 5; divide by it to compare hosts): ${refMs === null ? "failed" : time(refMs)}`);
  console.log("| target | goal | wall | CPU | N | peak RSS (process) | peak heap (+call) | load | met |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|---|");
  let missed = 0;
  for (const [name, c] of Object.entries(cases)) {
    const r = spawnSync(process.execPath, [...execArgv, self, name], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 24 });
    const line = r.stdout.split("\n").find((l) => l.startsWith("@@result "));
    if (r.status !== 0 || line === undefined) {
      console.log(`| ${name} | ${c.target.text} | failed (exit ${r.status}) | | | | | ${loadavg()[0]!.toFixed(2)} | ✗ |`);
      missed++;
      continue;
    }
    const m = JSON.parse(line.slice("@@result ".length)) as Measured;
    const met = m.ms <= c.target.ms && (c.target.rssMB === undefined || m.rssMB <= c.target.rssMB);
    if (!met) missed++;
    console.log(
      `| ${name} | ${c.target.text} | ${time(m.ms)} | ${time(m.cpuMs)} | ${m.repeats} | ${m.rssMB.toFixed(0)} MB (${m.processRssMB.toFixed(0)}) | ${m.heapMB.toFixed(0)} MB (+${m.heapAddedMB.toFixed(0)}) | ${loadavg()[0]!.toFixed(2)} | ${met ? "✓" : "✗"} |`,
    );
  }
  console.log(`${Object.keys(cases).length - missed} of ${Object.keys(cases).length} targets met (wall time, and RSS where the goal has one)`);
} else {
  const c = cases[only];
  if (c === undefined) throw new Error(`no target case ${JSON.stringify(only)}; cases: ${Object.keys(cases).join("; ")}`);
  console.log(`@@result ${JSON.stringify(await measure(c))}`);
}
