// Bundle-size budget per entry point (run by `npm test` after the build). Each entry is bundled with its
// shared chunks and minified with esbuild, then gzipped (level 9): what an app pays to import it. Budgets
// leave ~20 % headroom over the sizes when they were set; raise one deliberately, with a reason, in review.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

/** Budgets in bytes of minified + gzipped code. */
const BUDGETS = {
  // Raised from 53 kB at 53.6 kB: the bounded-time quadratures, the column kernels the engine shares with the
  // public functions, the block-sorted summary state and summaryTable (+9.5 kB in all).
  // Raised from 62 kB at 68.9 kB: closed option bags with their did-you-mean messages, the refusals of likely
  // mistakes with the fix in the message, exact order-independent sums, Date-range calendar arithmetic, the
  // stable BG/NBD expectation (three evaluations), the horizon-independent CLV sum and the engine's warnings.
  // Raised from 74 kB to 88 kB at 83.2 kB (UDF 84.1 kB), for the survival and churn-model estimators that
  // came together: Nelson–Aalen, log-rank and RMST; the Cox proportional-hazards fit with its tests,
  // concordance, baseline hazard and coxSurvival (+4.5 kB); logistic regression (Newton with step halving,
  // separation and collinearity checks, a Cholesky solver) and classifier evaluation (DeLong AUC, gains,
  // calibration, precision at k; +4.9 kB); tracking, DERT and conditional purchase counts.
  // Raised from 88 kB to 140 kB at 123.1 kB (UDF 124.3 kB), for the third release's domains and models: the
  // loyalty domain (points ledger, membership levels, account managers, follow-up agendas, the engine's
  // loyalty columns; ~+14 kB), Pareto/NBD and BG/NBD with covariates (~+6 kB), the churn model, its snapshot
  // and drivers and the data-relative rules (~+9 kB), prediction intervals with the parameter covariance
  // (~+5 kB), holdout accuracy, the model-vs-data diagnostics and counting-process Cox (~+5 kB). What an app
  // pays for one part is budgeted below (IMPORTS): tree-shaking keeps it far under the whole.
  // Raised from 140 kB to 156 kB at 139.7 kB (UDF 141.1 kB), for the fourth release: the summary domain's own
  // home (dictionary-encoded ids, the string encoder, mergeable partial states), rfmSql for five dialects and a
  // sharded ClickHouse, the columnar engine (scoreCustomerColumns, ready summaries as columns, churn columns
  // made on first read), the long-horizon CLV tables (Chebyshev panels), Newton's method for the fits with a
  // symmetric eigen-solver, and the typed options of summaryTable and rfmScoreColumns.
  "dist/index.js": 156 * 1024, // 139.7 kB when set, all ten domains
  // Raised from 26 kB to 32 kB at 26.7 kB, for the period-transactions chart, the frequency/recency heatmap,
  // the holdout-accuracy gains and the membership-level chart.
  "dist/plot.js": 32 * 1024, // 26.7 kB when set
  "dist/udf/retention-kit.js": 156 * 1024, // 141.1 kB (raised with the root entry, same reasons)
};

/**
 * What an app pays to import a few functions from the root entry (bundled from dist/index.js with
 * tree-shaking, minified, gzipped): each part must stay a fraction of the whole. Sizes when set in comments.
 */
const IMPORTS = {
  summarizeTransactions: 18 * 1024, // 14.4 kB
  "fitBgNbd, probabilityAlive": 26 * 1024, // 21.4 kB
  rfmScores: 11 * 1024, // 9.1 kB
  kaplanMeier: 9 * 1024, // 7.1 kB
  pointsLedger: 16 * 1024, // 13.1 kB
  fitCoxPh: 16 * 1024, // 13.2 kB
  scoreCustomers: 96 * 1024, // 80.3 kB: the engine composes every domain
};

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const rows = [];
let failed = false;
for (const [entry, budget] of Object.entries(BUDGETS)) {
  const out = await build({
    entryPoints: [root + entry],
    bundle: true,
    minify: true,
    write: false,
    format: entry.includes("/udf/") ? "iife" : "esm",
    platform: "neutral",
    logLevel: "silent",
  });
  const code = out.outputFiles[0].contents;
  const gz = gzipSync(code, { level: 9 }).length;
  const ok = gz <= budget;
  failed ||= !ok;
  rows.push([entry, kb(code.length), kb(gz), kb(budget), `${ok ? "ok" : "OVER BUDGET"} (${Math.round((100 * gz) / budget)} %)`]);
}
for (const [names, budget] of Object.entries(IMPORTS)) {
  const out = await build({
    stdin: { contents: `export { ${names} } from "./dist/index.js";`, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform: "neutral",
    logLevel: "silent",
  });
  const code = out.outputFiles[0].contents;
  const gz = gzipSync(code, { level: 9 }).length;
  const ok = gz <= budget;
  failed ||= !ok;
  rows.push([`{ ${names} }`, kb(code.length), kb(gz), kb(budget), `${ok ? "ok" : "OVER BUDGET"} (${Math.round((100 * gz) / budget)} %)`]);
}
const head = ["entry point", "minified", "min+gzip", "budget", "status"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
console.log(line(head));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));
if (failed) {
  console.error("size: an entry point is over its budget (scripts/size.mjs)");
  process.exit(1);
}
