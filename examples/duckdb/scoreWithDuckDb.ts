// From a CSV of transactions to scored customers: DuckDB does the heavy aggregation in SQL written by
// retention-kit (summarySql); retention-kit fits BG/NBD + Gamma-Gamma on the per-customer summary from there
// and prints the top customers by 12-month CLV.
//
//   npx tsx examples/duckdb/scoreWithDuckDb.ts [transactions.csv] [observationEnd]
//
// The CSV needs a header with customer_id, date and amount columns. Without arguments the bundled CDNOW
// sample is written as such a CSV to examples/output/ and used, with the literature's 39-week calibration end.
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { customerLifetimeValue, fitBgNbd, fitGammaGamma, summarizeColumns, summarySql, type CustomerSummary } from "../../src/index.js";
import { loadCdnowSample } from "../lib/cdnow.js";

function sampleCsv(): string {
  const dir = fileURLToPath(new URL("../output/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = `${dir}cdnow-transactions.csv`;
  const lines = loadCdnowSample().map((r) => `${r.customerId},${new Date(r.at).toISOString().slice(0, 10)},${r.amount}`);
  writeFileSync(path, `customer_id,date,amount\n${lines.join("\n")}\n`);
  return path;
}

const csv = process.argv[2] ?? sampleCsv();
const observationEnd = process.argv[3] ?? "1997-09-30";

const db = await DuckDBInstance.create(":memory:");
const conn = await db.connect();
await conn.run(`SET TimeZone = 'UTC'`);
await conn.run(`CREATE TABLE transactions AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}', header = true)`);

// 1. The summary, computed by DuckDB.
const sql = summarySql({
  dialect: "duckdb",
  table: "transactions",
  columns: { customerId: "customer_id", at: "date", amount: "amount" },
  observationEnd,
  unit: "week",
});
const t0 = performance.now();
const summary = (await conn.runAndReadAll(sql)).getRowObjectsJS();
const sqlMs = performance.now() - t0;

// 2. The same summary in JavaScript from columns read out of DuckDB, as a cross-check.
const raw = (await conn.runAndReadAll(`SELECT customer_id, epoch_ms(CAST("date" AS TIMESTAMP)) AS at, amount FROM transactions`)).getColumnsJS();
const js = summarizeColumns(
  { customerId: raw[0]!.map((v) => Number(v)), at: Float64Array.from(raw[1]!, (v) => Number(v)), amount: Float64Array.from(raw[2]!, (v) => Number(v)) },
  { observationEnd, unit: "week" },
);
const byId = new Map<unknown, CustomerSummary>(js.map((s) => [s.customerId, s]));
const agree = summary.filter((r) => {
  const s = byId.get(Number(r.customer_id));
  return s !== undefined && s.frequency === Number(r.frequency) && Math.abs(s.monetaryValue - Number(r.monetary_value)) < 1e-9;
}).length;

// 3. CLV: BG/NBD and Gamma-Gamma fitted on DuckDB's summary rows as they are, then P(alive), expected
// purchases and 12-month CLV (1 %/month) per customer.
const rows = summary.map((r) => ({
  customerId: Number(r.customer_id),
  frequency: Number(r.frequency),
  recency: Number(r.recency),
  T: Number(r.t),
  monetaryValue: Number(r.monetary_value),
}));
const t1 = performance.now();
const bg = fitBgNbd(rows);
const gg = fitGammaGamma(rows, { zeroSpend: "ignore" });
const values = customerLifetimeValue(bg, gg, rows, { horizon: 12, discountRate: 0.01, unit: "week" });
const fitMs = performance.now() - t1;
const p = bg.params;

console.log(`${csv}: ${summary.length} customers summarised by DuckDB in ${sqlMs.toFixed(0)} ms (observation end ${observationEnd})`);
console.log(`summarizeColumns agrees on ${agree} of ${summary.length} customers`);
console.log(`BG/NBD r ${p.r.toFixed(4)}, alpha ${p.alpha.toFixed(4)}, a ${p.a.toFixed(4)}, b ${p.b.toFixed(4)}; Gamma-Gamma p ${gg.params.p.toFixed(3)}, q ${gg.params.q.toFixed(3)}, v ${gg.params.v.toFixed(3)} (fits + CLV ${fitMs.toFixed(0)} ms)`);
console.log("top customers by 12-month CLV:");
console.table(
  values
    .map((v, i) => ({ ...v, ...rows[i]! }))
    .sort((a, b) => (b.clv ?? 0) - (a.clv ?? 0) || a.customerId - b.customerId)
    .slice(0, 10)
    .map((c) => ({ customerId: c.customerId, frequency: c.frequency, recency: +c.recency.toFixed(2), T: +c.T.toFixed(2), monetaryValue: +c.monetaryValue.toFixed(2), pAlive: +c.probabilityAlive.toFixed(3), expectedPurchases: +c.expectedPurchases.toFixed(2), clv: c.clv === null ? null : +c.clv.toFixed(2) })),
);

conn.closeSync();
db.closeSync();
