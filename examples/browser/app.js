// The browser example: parse a CSV in the page, run retention-kit's ESM build on it, show tables and charts.
// Serve the repository root over HTTP after `npm run build` (e.g. `npx http-server .` or
// `python3 -m http.server`) and open /examples/browser/. From npm, import "retention-kit" and
// "retention-kit/plot" through your bundler instead of these relative paths.
import {
  cohortRetention,
  countRfmSegments,
  kaplanMeier,
  repeatPurchaseRate,
  rfmFromTransactions,
  rfmSegment,
  summarizeTransactions,
  survivalData,
} from "../../dist/index.js";
import { cohortHeatmap, formatTable, paretoCurve, rfmSegmentMap, survivalCurve } from "../../dist/plot.js";

const DAY = 86_400_000;
const $ = (id) => document.getElementById(id);

const HEADERS = {
  customerId: ["customer_id", "customerid", "customer", "id", "customer id"],
  at: ["date", "at", "timestamp", "order_date", "orderdate", "time"],
  amount: ["amount", "value", "revenue", "total", "sales"],
};

/** Splits CSV text into rows of fields (RFC 4180 quoting: "a ""quoted"" field", commas and newlines inside quotes). */
export function parseCsvRows(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === "," || ch === ";" || ch === "\t") row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += ch;
  }
  if (field !== "" || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

/** CSV text → `{ customerId, at, amount }` transactions; throws a readable message on a bad header or row. */
export function parseTransactions(text) {
  const [header, ...body] = parseCsvRows(text.replace(/^\uFEFF/, ""));
  if (!header) throw new Error("The file is empty.");
  const names = header.map((h) => h.trim().toLowerCase());
  const col = {};
  for (const [key, options] of Object.entries(HEADERS)) {
    col[key] = names.findIndex((n) => options.includes(n));
    if (col[key] < 0) throw new Error(`No ${key === "at" ? "date" : key === "customerId" ? "customer id" : "amount"} column in the header (${header.join(", ")}); expected one of: ${options.join(", ")}.`);
  }
  return body.map((fields, i) => {
    const line = i + 2;
    const customerId = (fields[col.customerId] ?? "").trim();
    const date = (fields[col.at] ?? "").trim();
    const amount = Number((fields[col.amount] ?? "").trim());
    if (customerId === "") throw new Error(`Line ${line}: empty customer id.`);
    if (!/^\d{4}-\d{2}-\d{2}/.test(date) || Number.isNaN(Date.parse(date))) throw new Error(`Line ${line}: "${date}" is not an ISO date (YYYY-MM-DD).`);
    if (!Number.isFinite(amount)) throw new Error(`Line ${line}: "${fields[col.amount]}" is not a number.`);
    // A date without a time is a UTC day; a date-time without an offset is read as UTC too.
    const at = /T.*(Z|[+-]\d\d:?\d\d)$/.test(date) || !date.includes("T") ? date : `${date}Z`;
    return { customerId, at, amount };
  });
}

/** The bundled CDNOW sample (whitespace-separated: master id, customer id, YYYYMMDD, CDs, dollars) as CSV. */
export function cdnowToCsv(text) {
  const lines = ["customer_id,date,amount"];
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    lines.push(`${f[1]},${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6, 8)},${f[4]}`);
  }
  return lines.join("\n");
}

/** Everything the page shows, computed from transactions (no DOM). */
export function analyse(transactions, cohort = "month") {
  const times = transactions.map((t) => Date.parse(t.at));
  const first = Math.min(...times);
  const last = Math.max(...times);
  // The day after the last transaction: the last day of data is fully observed.
  const end = (Math.floor(last / DAY) + 1) * DAY;
  const summaries = summarizeTransactions(transactions, { observationEnd: end - 1 });
  const revenue = summaries.reduce((s, c) => s + c.totalAmount, 0);
  const table = cohortRetention(transactions, { cohort, interval: "week", periods: 13, observationEnd: end });

  // Time to second purchase: first purchase day to the next distinct purchase day; others censored at the end.
  const days = new Map();
  for (let i = 0; i < transactions.length; i++) {
    const id = transactions[i].customerId;
    const d = Math.floor(times[i] / DAY);
    const s = days.get(id);
    if (!s) days.set(id, { first: d, second: Infinity });
    else if (d < s.first) (s.second = s.first), (s.first = d);
    else if (d > s.first && d < s.second) s.second = d;
  }
  const tenures = [...days.values()].map((s) => (s.second === Infinity ? { startAt: s.first * DAY } : { startAt: s.first * DAY, endAt: s.second * DAY }));
  const km = kaplanMeier(survivalData(tenures, { asOf: end, unit: "week" }));

  const rfm = rfmFromTransactions(transactions, { asOf: end }).map((r) => ({ ...r, segment: rfmSegment(r) }));
  return {
    customers: summaries.length,
    transactions: transactions.length,
    revenue,
    repeatRate: repeatPurchaseRate(transactions),
    median: km.median,
    first,
    last,
    table,
    km,
    rfm,
    segments: countRfmSegments(rfm),
    spend: summaries.map((c) => c.totalAmount),
  };
}

function show(transactions, source) {
  const cohort = $("cohort").value;
  const r = analyse(transactions, cohort);
  const money = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  const date = (ms) => new Date(ms).toISOString().slice(0, 10);
  $("customers").textContent = String(r.customers);
  $("transactions").textContent = String(r.transactions);
  $("revenue").textContent = money.format(r.revenue);
  $("repeat").textContent = r.repeatRate === null ? "–" : `${(100 * r.repeatRate).toFixed(1)}%`;
  $("median").textContent = r.median === null ? "not reached" : `${r.median.toFixed(1)} weeks`;
  $("period").textContent = `${source}: ${date(r.first)} to ${date(r.last)}; RFM scores as of the day after the last transaction.`;
  $("cohort-chart").innerHTML = cohortHeatmap(r.table, { periodLabel: "Weeks since first purchase", showAverage: true, title: `${cohort === "week" ? "Weekly" : "Monthly"} cohorts: share buying again in week k` });
  $("cohort-table").textContent = formatTable(r.table);
  $("survival-chart").innerHTML = survivalCurve(r.km, { timeLabel: "Weeks since first purchase", survivalLabel: "Not yet bought again", showAtRisk: true, showCensored: r.km.times.length < 60, title: "Time to second purchase" });
  $("rfm-chart").innerHTML = rfmSegmentMap(r.rfm);
  $("rfm-table").textContent = formatTable(r.segments, { columns: ["segment", "customers", "share"] });
  $("pareto-chart").innerHTML = paretoCurve(r.spend, { valueLabel: "revenue" });
  $("results").hidden = false;
}

let current = null;

async function load(getText, source) {
  $("error").textContent = "";
  $("status").textContent = `Reading ${source}…`;
  try {
    current = { transactions: parseTransactions(await getText()), source };
    if (current.transactions.length === 0) throw new Error("The file has a header but no rows.");
    show(current.transactions, source);
    $("status").textContent = `Done: ${source}, ${current.transactions.length} rows.`;
  } catch (e) {
    $("results").hidden = true;
    $("status").textContent = "";
    $("error").textContent = e instanceof Error ? e.message : String(e);
  }
}

if (typeof document !== "undefined") {
  const drop = $("drop");
  $("file").addEventListener("change", (e) => {
    const file = e.target.files?.[0];
    if (file) load(() => file.text(), file.name);
  });
  drop.addEventListener("dragover", (e) => (e.preventDefault(), drop.classList.add("over")));
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const file = e.dataTransfer?.files?.[0];
    if (file) load(() => file.text(), file.name);
  });
  $("sample").addEventListener("click", () =>
    load(async () => cdnowToCsv(await (await fetch("../data/CDNOW_sample.txt")).text()), "CDNOW sample"),
  );
  $("cohort").addEventListener("change", () => current && show(current.transactions, current.source));
}
