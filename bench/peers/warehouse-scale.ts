// The warehouse scoring pipeline at scale, run by hand (not in CI, not in `npm run bench`):
//   npx tsx bench/peers/warehouse-scale.ts                         (N = 100 M transactions, M = 10 M customers)
//   SCALE_ROWS=10000000 SCALE_CUSTOMERS=1000000 npx tsx bench/peers/warehouse-scale.ts
//   SCALE_BACKENDS=clickhouse SCALE_ROWS=... npx tsx bench/peers/warehouse-scale.ts   (duckdb,clickhouse by default)
// The transactions are generated inside the database (DuckDB: range() with hash-based columns in a temporary
// on-disk database; ClickHouse: numbers() with cityHash64-based columns, inserted into MergeTree tables on both
// shards of the two-shard cluster of scripts/clickhouse-cluster.sh under a Distributed table sharded by customer
// id), so this process never holds them. Each step is timed: the summary materialised into a table, the history
// and spend patterns read into JavaScript, scorePatterns, the predictions uploaded (DuckDB: an appender;
// ClickHouse: RowBinary) and predictionsSql materialised into a table. The process's rss and heapUsed are sampled
// every 50 ms, and its peak rss is read from the kernel at the end. DuckDB runs inside this process, so its rss
// includes DuckDB's buffers (memory_limit SCALE_DUCKDB_MEMORY, 4GB by default); heapUsed is JavaScript's own.
// ClickHouse queries run with max_memory_usage SCALE_CLICKHOUSE_MEMORY (8 GB by default). A backend that is not
// installed is skipped with a notice.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { patternsSql, predictionsSql, scorePatterns, summarySql, type HistoryPattern, type ScoreConfig, type SpendPattern } from "../../src/index.js";

const N = Number(process.env["SCALE_ROWS"] ?? 100_000_000);
const M = Number(process.env["SCALE_CUSTOMERS"] ?? 10_000_000);
const BACKENDS = (process.env["SCALE_BACKENDS"] ?? "duckdb,clickhouse").split(",");
const DUCKDB_MEMORY = process.env["SCALE_DUCKDB_MEMORY"] ?? "4GB";
// The cluster's profile caps a query at 2 GB; the summary's GROUP BY over 10 M customers needs more (the
// setting travels with the query to the other shard), and spills to disk past half of it.
const CLICKHOUSE_MEMORY = Number(process.env["SCALE_CLICKHOUSE_MEMORY"] ?? 8_000_000_000);
const PORT1 = Number(process.env["RK_CLICKHOUSE_PORT1"] ?? "19000");
const PORT2 = Number(process.env["RK_CLICKHOUSE_PORT2"] ?? "19001");
// Two years of weekly periods, scored in weeks: (frequency, recency, T) take few distinct values.
const DAYS = 728;
const START = "2023-01-02";
const OBSERVATION_END = "2024-12-29";
const CONFIG: ScoreConfig = { summary: { unit: "week", period: "week" } };
const HISTORY_COLUMNS = ["frequency", "recency", "t", "customers", "probability_alive", "expected_purchases", "value_per_spend"] as const;
const SPEND_COLUMNS = ["frequency", "monetary_value", "customers", "expected_spend", "value_per_purchase"] as const;

/** Peak memory of this process since the last reset, sampled every 50 ms and at each step's end. */
const peak = { rss: 0, heapUsed: 0 };
function sample(): void {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
}
const sampler = setInterval(sample, 50);

interface Step {
  step: string;
  ms: number;
  rssMB: number;
  heapMB: number;
}

async function timed<T>(steps: Step[], step: string, fn: () => Promise<T> | T): Promise<T> {
  peak.rss = 0;
  peak.heapUsed = 0;
  sample();
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  sample();
  steps.push({ step, ms, rssMB: peak.rss / 2 ** 20, heapMB: peak.heapUsed / 2 ** 20 });
  console.log(`  ${step.padEnd(34)} ${(ms / 1000).toFixed(1).padStart(7)} s   rss ${(peak.rss / 2 ** 20).toFixed(0).padStart(6)} MB   heapUsed ${(peak.heapUsed / 2 ** 20).toFixed(0).padStart(5)} MB`);
  return result;
}

function report(backend: string, steps: Step[], histories: number, spend: number, customers: number): void {
  const total = steps.reduce((a, s) => a + s.ms, 0);
  const rss = Math.max(...steps.map((s) => s.rssMB));
  const heap = Math.max(...steps.map((s) => s.heapMB));
  console.log(`  ${backend}: ${N.toLocaleString("en")} transactions, ${customers.toLocaleString("en")} customers, ${histories.toLocaleString("en")} history patterns, ${spend.toLocaleString("en")} spend patterns`);
  console.log(`  total ${(total / 1000).toFixed(1)} s; peak sampled rss ${rss.toFixed(0)} MB, heapUsed ${heap.toFixed(0)} MB; kernel max rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

// ---------------------------------------------------------------------------------------------------------- DuckDB

async function duckdb(): Promise<void> {
  let api: typeof import("@duckdb/node-api");
  try {
    api = await import("@duckdb/node-api");
  } catch {
    console.log("notice: @duckdb/node-api is not installed, skipping DuckDB");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "retention-kit-scale-"));
  const db = await api.DuckDBInstance.create(join(dir, "scale.duckdb"));
  const conn = await db.connect();
  const steps: Step[] = [];
  try {
    await conn.run(`SET TimeZone = 'UTC'`);
    await conn.run(`SET memory_limit = '${DUCKDB_MEMORY}'`);
    await conn.run(`SET temp_directory = '${join(dir, "tmp")}'`);
    console.log(`DuckDB ${(await conn.runAndReadAll("SELECT version()")).getRows()[0]![0] as string} on disk (${dir}), memory_limit ${DUCKDB_MEMORY}`);
    // Customer c is "born" on day hash(c) % DAYS and buys on days uniform between then and the end.
    await timed(steps, "generate transactions (in DuckDB)", () =>
      conn.run(`CREATE TABLE orders AS
        SELECT customer_id,
               TIMESTAMP '${START}' + to_days(CAST(birth + hash(i, 2) % (${DAYS} - birth) AS INTEGER)) AS at,
               CAST(5 * (1 + hash(i, 3) % 20) AS DOUBLE) AS amount
        FROM (SELECT i, CAST(hash(i, 1) % ${M} AS BIGINT) AS customer_id, CAST(hash(hash(i, 1) % ${M}) % ${DAYS} AS BIGINT) AS birth
              FROM range(${N}) t(i))`),
    );
    const summary = summarySql({ dialect: "duckdb", table: "orders", columns: { customerId: "customer_id", at: "at", amount: "amount" }, observationEnd: OBSERVATION_END, unit: "week", period: "week" });
    await timed(steps, "summarySql → table", () => conn.run(`CREATE TABLE summary AS ${summary}`));
    const rowsOf = async (sql: string): Promise<Record<string, number>[]> =>
      (await conn.runAndReadAll(sql)).getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : (v as number)])));
    const histories = (await timed(steps, "patternsSql histories → JS", () => rowsOf(patternsSql({ dialect: "duckdb", summary: "summary" })))) as unknown as HistoryPattern[];
    const spend = (await timed(steps, "patternsSql spend → JS", () => rowsOf(patternsSql({ dialect: "duckdb", summary: "summary", kind: "spend" })))) as unknown as SpendPattern[];
    const scores = await timed(steps, "scorePatterns", () => scorePatterns(CONFIG, { histories, spend }));
    const upload = async (table: string, rows: readonly object[], columns: readonly string[]): Promise<void> => {
      const integer = (c: string): boolean => c === "frequency" || c === "customers";
      await conn.run(`CREATE TABLE ${table} (${columns.map((c) => `${c} ${integer(c) ? "BIGINT" : "DOUBLE"}`).join(", ")})`);
      const appender = await conn.createAppender(table);
      for (const r of rows as readonly Record<string, number | null>[]) {
        for (const c of columns) {
          const v = r[c] ?? null;
          if (v === null) appender.appendNull();
          else if (integer(c)) appender.appendBigInt(BigInt(v));
          else appender.appendDouble(v);
        }
        appender.endRow();
      }
      appender.closeSync();
    };
    await timed(steps, "upload predictions (appender)", async () => {
      await upload("hp", scores.histories, HISTORY_COLUMNS);
      await upload("sp", scores.spend, SPEND_COLUMNS);
    });
    const predictions = predictionsSql({ dialect: "duckdb", summary: "summary", histories: "hp", spend: "sp" });
    await timed(steps, "predictionsSql → table", () => conn.run(`CREATE TABLE predictions AS ${predictions}`));
    const [count, scored] = (await conn.runAndReadAll("SELECT count(*), count(clv) FROM predictions")).getRows()[0]!.map(Number);
    console.log(`  predictions: ${count!.toLocaleString("en")} rows, ${scored!.toLocaleString("en")} with a CLV`);
    report("DuckDB", steps, histories.length, spend.length, count!);
  } finally {
    conn.closeSync();
    db.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------------ ClickHouse

const run = promisify(execFile);

/** Runs one statement on the shard at `port` (data on stdin for an INSERT), without blocking the sampler. */
async function ch(port: number, query: string, input?: Buffer): Promise<string> {
  const settings = [`--max_memory_usage=${CLICKHOUSE_MEMORY}`, `--max_bytes_before_external_group_by=${Math.floor(CLICKHOUSE_MEMORY / 2)}`];
  const child = run("clickhouse-client", ["--host", "127.0.0.1", "--port", String(port), ...settings, "--query", query], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (input !== undefined) child.child.stdin!.end(input);
  return (await child).stdout;
}

/** RowBinary of the rows, in one buffer: Int64 for frequency and customers, Nullable(Float64) for `nullable`, Float64 else. */
function rowBinary(rows: readonly object[], columns: readonly string[], nullable: readonly string[]): Buffer {
  const buf = Buffer.alloc(rows.length * columns.reduce((a, c) => a + (nullable.includes(c) ? 9 : 8), 0));
  let at = 0;
  for (const r of rows as readonly Record<string, number | null>[]) {
    for (const c of columns) {
      const v = r[c] ?? null;
      if (c === "frequency" || c === "customers") at = buf.writeBigInt64LE(BigInt(v as number), at);
      else if (nullable.includes(c)) {
        at = buf.writeUInt8(v === null ? 1 : 0, at);
        if (v !== null) at = buf.writeDoubleLE(v, at);
      } else at = buf.writeDoubleLE(v as number, at);
    }
  }
  return buf.subarray(0, at);
}

const lines = (tsv: string): number[][] =>
  tsv
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.split("\t").map(Number));

async function clickhouse(): Promise<void> {
  try {
    execFileSync("bash", ["-c", "command -v clickhouse-client >/dev/null"], { stdio: "ignore" });
  } catch {
    console.log("notice: clickhouse-client is not installed, skipping ClickHouse");
    return;
  }
  try {
    await ch(PORT1, "SELECT 1");
    await ch(PORT2, "SELECT 1");
  } catch {
    console.log(`notice: no ClickHouse cluster on 127.0.0.1:${PORT1},${PORT2} (start it with bash scripts/clickhouse-cluster.sh start), skipping ClickHouse`);
    return;
  }
  const version = (await ch(PORT1, "SELECT version()")).trim();
  console.log(`ClickHouse ${version}, two shards on 127.0.0.1:${PORT1},${PORT2} (cluster rk_two_shards)`);
  const db = "rk_scale";
  const steps: Step[] = [];
  const columns = "(customer_id Int64, at DateTime, amount Float64)";
  for (const port of [PORT1, PORT2]) {
    await ch(port, `DROP DATABASE IF EXISTS ${db}`);
    await ch(port, `CREATE DATABASE ${db}`);
    await ch(port, `CREATE TABLE ${db}.orders_local ${columns} ENGINE = MergeTree() ORDER BY customer_id`);
    await ch(port, `CREATE TABLE ${db}.orders ${columns} ENGINE = Distributed(rk_two_shards, '${db}', 'orders_local', cityHash64(customer_id))`);
  }
  try {
    // Each shard generates all N rows and keeps those the Distributed table's sharding key sends to it
    // (cityHash64(customer_id) % 2: 0 → the first shard), so the rows never cross the network or this process.
    const start = Math.floor(Date.parse(`${START}T00:00:00Z`) / 1000);
    await timed(steps, "generate transactions (both shards)", () =>
      Promise.all(
        [PORT1, PORT2].map((port, shard) =>
          ch(port, `INSERT INTO ${db}.orders_local
            SELECT customer_id, toDateTime(${start} + 86400 * (birth + cityHash64(number, 2) % (${DAYS} - birth))) AS at,
                   toFloat64(5 * (1 + cityHash64(number, 3) % 20)) AS amount
            FROM (SELECT number, toInt64(cityHash64(number, 1) % ${M}) AS customer_id, cityHash64(customer_id) % ${DAYS} AS birth
                  FROM numbers(${N}))
            WHERE cityHash64(customer_id) % 2 = ${shard}`),
        ),
      ),
    );
    const summary = summarySql({ dialect: "clickhouse", table: [db, "orders"], columns: { customerId: "customer_id", at: "at", amount: "amount" }, observationEnd: OBSERVATION_END, unit: "week", period: "week" });
    await timed(steps, "summarySql → table (shard 1)", () => ch(PORT1, `CREATE TABLE ${db}.summary ENGINE = MergeTree() ORDER BY customer_id AS ${summary}`));
    const histories = await timed(steps, "patternsSql histories → JS", async () =>
      lines(await ch(PORT1, patternsSql({ dialect: "clickhouse", summary: [db, "summary"] }))).map((f): HistoryPattern => ({ frequency: f[0]!, recency: f[1]!, t: f[2]!, customers: f[3]! })),
    );
    const spend = await timed(steps, "patternsSql spend → JS", async () =>
      lines(await ch(PORT1, patternsSql({ dialect: "clickhouse", summary: [db, "summary"], kind: "spend" }))).map((f): SpendPattern => ({ frequency: f[0]!, monetary_value: f[1]!, customers: f[2]! })),
    );
    const scores = await timed(steps, "scorePatterns", () => scorePatterns(CONFIG, { histories, spend }));
    await timed(steps, "upload predictions (RowBinary)", async () => {
      const upload = async (table: string, rows: readonly object[], cols: readonly string[], nullable: readonly string[]): Promise<void> => {
        const type = (c: string): string => (c === "frequency" || c === "customers" ? "Int64" : nullable.includes(c) ? "Nullable(Float64)" : "Float64");
        await ch(PORT1, `CREATE TABLE ${db}.${table} (${cols.map((c) => `${c} ${type(c)}`).join(", ")}) ENGINE = MergeTree() ORDER BY tuple()`);
        await ch(PORT1, `INSERT INTO ${db}.${table} FORMAT RowBinary`, rowBinary(rows, cols, nullable));
      };
      await upload("hp", scores.histories, HISTORY_COLUMNS, []);
      await upload("sp", scores.spend, SPEND_COLUMNS, ["expected_spend", "value_per_purchase"]);
    });
    const predictions = predictionsSql({ dialect: "clickhouse", summary: [db, "summary"], histories: [db, "hp"], spend: [db, "sp"] });
    await timed(steps, "predictionsSql → table (shard 1)", () => ch(PORT1, `CREATE TABLE ${db}.predictions ENGINE = MergeTree() ORDER BY customer_id AS ${predictions}`));
    const [count, scored] = lines(await ch(PORT1, `SELECT count(), count(clv) FROM ${db}.predictions`))[0]!;
    const shards = await Promise.all([PORT1, PORT2].map(async (port) => Number((await ch(port, `SELECT count() FROM ${db}.orders_local`)).trim())));
    console.log(`  orders per shard: ${shards.map((n) => n.toLocaleString("en")).join(" + ")}; predictions: ${count!.toLocaleString("en")} rows, ${scored!.toLocaleString("en")} with a CLV`);
    report("ClickHouse", steps, histories.length, spend.length, count!);
  } finally {
    for (const port of [PORT1, PORT2]) await ch(port, `DROP DATABASE IF EXISTS ${db}`).catch(() => "");
  }
}

console.log(`warehouse-scale: N = ${N.toLocaleString("en")} transactions over M = ${M.toLocaleString("en")} customers, ${DAYS} days, unit week, period week`);
try {
  if (BACKENDS.includes("duckdb")) await duckdb();
  if (BACKENDS.includes("clickhouse")) await clickhouse();
} finally {
  clearInterval(sampler);
}
