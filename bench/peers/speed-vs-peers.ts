// This library's speed beside its peers on the same data, run by hand (not in CI, not in `npm run bench`):
//   LIFETIMES_SRC=<dir> AUTOGRAD_SRC=<dir> npx tsx bench/peers/speed-vs-peers.ts
//   (node --expose-gc --import tsx bench/peers/speed-vs-peers.ts lets it collect garbage between long runs)
// Peers: lifetimes 0.11.3 (BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter, GammaGammaFitter on the CDNOW
// sample and the full CDNOW cohort; summary_data_from_transaction_data on the synthetic log), pandas (a groupby
// summary of the 10 M-row log; qcut quintiles of 1 M customers) and DuckDB (@duckdb/node-api, the summary from
// our summarySql, materialised into a table, PEER_DUCKDB_THREADS threads, 2 by default). The data are generated
// from the fixed seeds of bench/data.ts (the same as bench/targets.bench.ts) and written to a temporary directory
// as CSV (pandas reads them with float_precision="round_trip"; no Parquet: Debian's pandas has no Parquet engine
// here); reading them is not timed on either side. Each side's best wall time and best CPU time (user + system,
// all threads; DuckDB runs in this process, so its threads count) of PEER_REPEATS runs (3 by default) are printed
// with the ratio peer / ours (> 1: we are faster), the 1-minute load average when the row was timed, and how far
// the results agree (the largest relative difference of the summary column sums, or of the fitted parameters).
//
// Getting the peers (see bench/peers/README.md): Debian's python3-numpy, python3-scipy, python3-pandas and
// python3-dill (apt-get install); lifetimes and autograd are their public source trees, unpacked anywhere:
//   git clone https://github.com/CamDavidsonPilon/lifetimes <dir>/lifetimes; git clone https://github.com/HIPS/autograd <dir>/autograd
//   LIFETIMES_SRC=<dir>/lifetimes AUTOGRAD_SRC=<dir>/autograd npx tsx bench/peers/speed-vs-peers.ts
// The Python is PEER_PYTHON, else the first of /usr/bin/python3 and python3 that imports numpy and pandas. A peer
// that is absent is skipped with a notice (only our times are printed for it).
// Other knobs: PEER_ROWS (rows of the synthetic log, 10 M by default: smaller for a quick check), PEER_LIFETIMES_ROWS (rows of the log given to summary_data_from_transaction_data, 10 M by default;
// run once, it is slow), PEER_LIFETIMES_REPEATS (repeats of the lifetimes fits, PEER_REPEATS by default).
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  fitBgNbd,
  fitGammaGamma,
  fitModifiedBgNbd,
  fitParetoNbd,
  rfmScoreColumns,
  rfmScores,
  summaryTable,
  summarySql,
  type SummaryTable,
} from "../../src/index.js";
import { cdnowCohort, cdnowSample, cdnowSampleSpend, END, randomLog, rfmColumns, rfmCustomers, type Columns } from "../data.js";
import { rng } from "../lib.js";

const ROWS = Number(process.env["PEER_ROWS"] ?? 10_000_000);
const repeats = Number(process.env["PEER_REPEATS"] ?? 3);
const lifetimesRepeats = Number(process.env["PEER_LIFETIMES_REPEATS"] ?? repeats);
const lifetimesRows = Number(process.env["PEER_LIFETIMES_ROWS"] ?? ROWS);
const duckdbThreads = Number(process.env["PEER_DUCKDB_THREADS"] ?? 2);
const here = fileURLToPath(new URL(".", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "retention-kit-speed-peers-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

interface Time {
  ms: number;
  cpu: number;
}
type Check = Record<string, number>;

/** Best wall and best CPU time of `n` runs, in ms, and the last result. */
function timed<T>(fn: () => T, n = repeats): Time & { result: T } {
  let ms = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  let result!: T;
  let last = Number.POSITIVE_INFINITY;
  for (let r = 0; r < n; r++) {
    if (last > 1000) gc(); // as bench/targets.bench.ts: a forced collection discards compiled code (the next short run is cold)
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    last = performance.now() - t0;
    ms = Math.min(ms, last);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
  }
  return { ms, cpu, result };
}

async function timedAsync(fn: () => Promise<unknown>, n = repeats): Promise<Time> {
  let ms = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let r = 0; r < n; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    ms = Math.min(ms, performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
  }
  return { ms, cpu };
}

/** Largest relative difference between the keys both checks have. */
function disagreement(a: Check, b: Check): number {
  let worst = 0;
  for (const k of Object.keys(a)) if (b[k] !== undefined) worst = Math.max(worst, Math.abs(a[k]! - b[k]!) / Math.max(Math.abs(a[k]!), Math.abs(b[k]!), 1e-300));
  return worst;
}

const rows: string[] = [];
const fmt = (ms: number | undefined): string => (ms === undefined ? "–" : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);
function report(task: string, ours: Time, peer: string, theirs: (Time & { check?: Check }) | undefined, ourCheck: Check | undefined, note = ""): void {
  const ratio = (p: number | undefined, o: number): string => (p === undefined ? "–" : `${(p / o).toFixed(1)}×`);
  const agree = theirs?.check !== undefined && ourCheck !== undefined ? disagreement(ourCheck, theirs.check).toExponential(1) : "–";
  const row = `| ${task} | ${fmt(ours.ms)} | ${fmt(ours.cpu)} | ${peer}${note} | ${fmt(theirs?.ms)} | ${fmt(theirs?.cpu)} | ${ratio(theirs?.ms, ours.ms)} | ${ratio(theirs?.cpu, ours.cpu)} | ${agree} | ${loadavg()[0]!.toFixed(2)} |`;
  rows.push(row);
  console.log(row);
}

// ------------------------------------------------------------------------------------------------- the data

function writeCsv(file: string, header: string, n: number, line: (i: number) => string): void {
  const fd = openSync(file, "w");
  writeSync(fd, `${header}\n`);
  const chunk = 100_000;
  for (let from = 0; from < n; from += chunk) {
    const to = Math.min(n, from + chunk);
    const lines: string[] = new Array(to - from);
    for (let i = from; i < to; i++) lines[i - from] = line(i);
    writeSync(fd, `${lines.join("\n")}\n`);
  }
  closeSync(fd);
}

// Our fits are timed in a child process of their own (this script with OUR_FITS_ONLY), holding only the CDNOW
// data: in this process the 10 M-row log and the million RFM rows make a heap whose collections slowed a 15 ms
// fit 2–10× in earlier runs, which would measure the bench's heap, not the fit (bench/targets.bench.ts runs
// each target in its own process for the same reason).
const FIT_MODELS = ["bg", "mbg", "pareto", "gg"] as const;
function ourFit(key: (typeof FIT_MODELS)[number], rf: Parameters<typeof fitBgNbd>[0], spend: Parameters<typeof fitGammaGamma>[0], spendOptions: object): { params: object } {
  if (key === "bg") return fitBgNbd(rf);
  if (key === "mbg") return fitModifiedBgNbd(rf);
  if (key === "pareto") return fitParetoNbd(rf);
  return fitGammaGamma(spend, spendOptions);
}
if (process.env["OUR_FITS_ONLY"] === "1") {
  const spendOf = { sample: [cdnowSampleSpend(), {}], cohort: [cdnowCohort(), { zeroSpend: "ignore" }] } as const;
  const rfOf = { sample: cdnowSample(), cohort: cdnowCohort() };
  for (const label of ["sample", "cohort"] as const) {
    for (const key of FIT_MODELS) {
      const t = timed(() => ourFit(key, rfOf[label], spendOf[label][0], spendOf[label][1]), Math.max(repeats, 10));
      console.log(`@@fit ${JSON.stringify({ task: `${key}-${label}`, ms: t.ms, cpu: t.cpu, params: t.result.params })}`);
    }
  }
  process.exit(0);
}

/** Our fit times from the child process (see OUR_FITS_ONLY), by `${model}-${label}`. */
function ourFitTimes(): Record<string, Time & { params: object }> {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
    env: { ...process.env, OUR_FITS_ONLY: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (r.status !== 0) throw new Error(`the fits' child process failed (exit ${r.status})`);
  const out: Record<string, Time & { params: object }> = {};
  for (const line of r.stdout.split("\n")) {
    if (!line.startsWith("@@fit ")) continue;
    const j = JSON.parse(line.slice(6)) as { task: string } & Time & { params: object };
    out[j.task] = j;
  }
  return out;
}

const log: Columns = randomLog(ROWS, 42, false);
const customers = rfmCustomers(rng(7), 1_000_000);
const rfm = rfmColumns(customers);
const sample = cdnowSample();
const sampleSpend = cdnowSampleSpend();
const cohort = cdnowCohort();
const summaryOptions = { observationEnd: END, unit: "week" } as const;

writeCsv(join(dir, "log.csv"), "customer_id,at_ms,amount", ROWS, (i) => `${log.customerId[i]},${log.at[i]},${log.amount[i]}`);
writeCsv(join(dir, "rfm.csv"), "customer_id,recency,frequency,monetary", customers.length, (i) => `${i},${rfm.recency[i]},${rfm.frequency[i]},${rfm.monetary[i]}`);
writeCsv(join(dir, "cohort.csv"), "frequency,recency,T,monetary_value", cohort.length, (i) => `${cohort[i]!.frequency},${cohort[i]!.recency},${cohort[i]!.T},${cohort[i]!.monetaryValue}`);
writeCsv(join(dir, "sample.csv"), "frequency,recency,T", sample.length, (i) => `${sample[i]!.frequency},${sample[i]!.recency},${sample[i]!.T}`);
writeCsv(join(dir, "sample_spend.csv"), "frequency,monetary_value", sampleSpend.length, (i) => `${sampleSpend[i]!.frequency},${sampleSpend[i]!.monetaryValue}`);
writeFileSync(join(dir, "meta.json"), JSON.stringify({ observationEnd: END }));
console.log(`data in ${dir}: ${ROWS.toLocaleString("en")}-row log of 1 M customers (bench/data.ts randomLog(${ROWS}, 42)), 1 M RFM rows, CDNOW sample ${sample.length.toLocaleString("en")} and cohort ${cohort.length.toLocaleString("en")} customers`);

// ------------------------------------------------------------------------------------------------- Python

function findPython(): string | undefined {
  const candidates = process.env["PEER_PYTHON"] !== undefined ? [process.env["PEER_PYTHON"]] : ["/usr/bin/python3", "python3"];
  return candidates.find((p) => spawnSync(p, ["-c", "import numpy, pandas"], { stdio: "ignore" }).status === 0);
}
const python = findPython();
if (python === undefined) console.log("notice: no Python with numpy and pandas (set PEER_PYTHON; Debian: apt-get install python3-pandas): pandas and lifetimes are skipped");

const lifetimesPath = [process.env["LIFETIMES_SRC"], process.env["AUTOGRAD_SRC"]].filter((p): p is string => p !== undefined && p !== "");
let lifetimesAbsent: string | undefined;
if (python === undefined) lifetimesAbsent = "no Python with pandas";
else if (lifetimesPath.length < 2) lifetimesAbsent = "LIFETIMES_SRC and AUTOGRAD_SRC are not both set (see bench/peers/README.md)";
else if (!lifetimesPath.every((p) => existsSync(p))) lifetimesAbsent = `LIFETIMES_SRC or AUTOGRAD_SRC does not exist: ${lifetimesPath.join(", ")}`;
else {
  const probe = spawnSync(python, ["-c", "import lifetimes; print(lifetimes.__version__)"], { encoding: "utf8", env: { ...process.env, PYTHONPATH: lifetimesPath.join(":") } });
  if (probe.status !== 0) lifetimesAbsent = `lifetimes does not import: ${probe.stderr.trim().split("\n").at(-1)}`;
  else console.log(`lifetimes ${probe.stdout.trim()} from ${lifetimesPath.join(", ")} on ${python}`);
}
if (lifetimesAbsent !== undefined) console.log(`notice: lifetimes is skipped: ${lifetimesAbsent}`);

/** Runs a task of speed_peers.py; returns its results by task name (empty, with a notice, when it fails). */
function runPython(task: string, n: number, ...rest: string[]): Record<string, Time & { check: Check }> {
  if (python === undefined) return {};
  const r = spawnSync(python, [join(here, "speed_peers.py"), task, dir, String(n), ...rest], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
    env: { ...process.env, PYTHONPATH: lifetimesPath.join(":") },
  });
  if (r.status !== 0) {
    console.log(`notice: speed_peers.py ${task} failed (exit ${r.status}): ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  }
  const out: Record<string, Time & { check: Check }> = {};
  for (const line of r.stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const j = JSON.parse(line) as { task: string } & Time & { check: Check };
    out[j.task] = j;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------- runs

const sums = (t: SummaryTable): Check => {
  const add = (a: readonly number[]): number => a.reduce((s, v) => s + v, 0);
  return { customers: t.customerId.length, frequency: add(t.frequency), recency: add(t.recency), T: add(t.T), monetary: add(t.monetaryValue) };
};

console.log(`\nnode ${process.version}; best of ${repeats} (lifetimes fits: ${lifetimesRepeats}); ratio = peer / ours (> 1: ours faster); agree = largest relative difference of the summary column sums or the fitted parameters; load = 1-minute load average (2 cores)`);
console.log("| task | ours wall | ours CPU | peer | peer wall | peer CPU | ratio wall | ratio CPU | agree | load |");
console.log("|---|---:|---:|---|---:|---:|---:|---:|---:|---|");

// The summary of the 10 M-row log: ours (summaryTable), pandas, DuckDB; and lifetimes on PEER_LIFETIMES_ROWS rows.
const ours = timed(() => summaryTable(log, summaryOptions));
const oursCheck = sums(ours.result);
const pandas = runPython("pandas", repeats);
report(`summary, ${ROWS / 1e6} M rows / 1 M customers (summaryTable)`, ours, "pandas groupby", pandas["pandas-summary"], oursCheck, pandas["pandas-summary"] === undefined ? " (skipped)" : "");

{
  let api: typeof import("@duckdb/node-api") | undefined;
  try {
    api = await import("@duckdb/node-api");
  } catch {
    console.log("notice: @duckdb/node-api is not installed (npm install): DuckDB is skipped");
  }
  if (api === undefined) {
    report(`summary, ${ROWS / 1e6} M rows / 1 M customers (summaryTable)`, ours, "DuckDB summarySql", undefined, oursCheck, " (skipped)");
  } else {
    const db = await api.DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    await conn.run(`SET threads = ${duckdbThreads}`);
    await conn.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${join(dir, "log.csv")}', header = true, columns = {'customer_id': 'INTEGER', 'at_ms': 'BIGINT', 'amount': 'DOUBLE'})`);
    const sql = summarySql({ dialect: "duckdb", table: "orders", columns: { customerId: "customer_id", at: "at_ms", amount: "amount" }, atType: "epoch_ms", ...summaryOptions });
    const t = await timedAsync(() => conn.run(`CREATE OR REPLACE TABLE summary AS ${sql}`));
    const [row] = (await conn.runAndReadAll("SELECT count(*)::DOUBLE, sum(frequency)::DOUBLE, sum(recency), sum(t), sum(monetary_value) FROM summary")).getRows();
    const [c, f, r, T, m] = (row ?? []).map(Number);
    const version = (await conn.runAndReadAll("SELECT version()")).getRows()[0]![0] as string;
    report(`summary, ${ROWS / 1e6} M rows / 1 M customers (summaryTable)`, ours, `DuckDB ${version} summarySql, ${duckdbThreads} threads`, { ...t, check: { customers: c!, frequency: f!, recency: r!, T: T!, monetary: m! } }, oursCheck);
    conn.closeSync();
    db.closeSync();
  }
}

{
  const n = Math.min(lifetimesRows, ROWS);
  const part: Columns = { customerId: log.customerId.subarray(0, n), at: log.at.subarray(0, n), amount: log.amount.subarray(0, n) };
  const o = n === ROWS ? ours : timed(() => summaryTable(part, summaryOptions));
  const oCheck = n === ROWS ? oursCheck : sums(o.result);
  const l = lifetimesAbsent === undefined ? runPython("lifetimes-summary", 1, String(n)) : {};
  report(`summary, ${(n / 1e6).toFixed(n % 1e6 === 0 ? 0 : 1)} M rows (summaryTable)`, o, "lifetimes summary_data_from_transaction_data (1 run)", l["lifetimes-summary"], oCheck, l["lifetimes-summary"] === undefined ? " (skipped)" : "");
}

// RFM quintiles of 1 M customers.
const cols = timed(() => rfmScoreColumns(rfm), Math.max(repeats, 5));
report("RFM quintiles, 1 M customers (rfmScoreColumns)", cols, "pandas qcut ×3 + code", pandas["pandas-qcut"], undefined, pandas["pandas-qcut"] === undefined ? " (skipped)" : "");
const objs = timed(() => rfmScores(customers), Math.max(repeats, 5));
report("RFM quintiles, 1 M row objects (rfmScores)", objs, "pandas qcut ×3 + code", pandas["pandas-qcut"], undefined, pandas["pandas-qcut"] === undefined ? " (skipped)" : "");

// The fits, on the CDNOW sample and the full cohort.
const fits = lifetimesAbsent === undefined ? runPython("lifetimes-fits", lifetimesRepeats) : {};
const paramsOf = (p: object): Check => Object.fromEntries(Object.entries(p).filter(([, v]) => typeof v === "number")) as Check;
const oursFits = ourFitTimes();
for (const [label, spend] of [
  ["sample", sampleSpend],
  ["cohort", cohort],
] as const) {
  const name = label === "sample" ? `CDNOW sample (${sample.length.toLocaleString("en")})` : `CDNOW cohort (${cohort.length.toLocaleString("en")})`;
  const models = [
    ["bg", "fitBgNbd", "BetaGeoFitter"],
    ["mbg", "fitModifiedBgNbd", "ModifiedBetaGeoFitter"],
    ["pareto", "fitParetoNbd", "ParetoNBDFitter"],
    ["gg", "fitGammaGamma", "GammaGammaFitter"],
  ] as const;
  for (const [key, ourName, theirName] of models) {
    const o = oursFits[`${key}-${label}`]!;
    const theirs = fits[`lifetimes-${key}-${label}`];
    const buyers = spend.filter((c) => c.frequency > 0 && c.monetaryValue > 0).length;
    const label2 = key === "gg" ? `${name.slice(0, -1)}; ${buyers.toLocaleString("en")} with repeat spend)` : name;
    report(`${ourName}, ${label2} (ours in a fresh process)`, o, `lifetimes ${theirName}`, theirs, paramsOf(o.params), theirs === undefined ? " (skipped)" : "");
  }
}

console.log(`\n${rows.length} rows; the data directory is removed on exit`);
