// @ts-check
// retention-kit under Deno, from a checkout: `npm run build`, then
//   npx deno run --allow-read examples/deno/cdnow.js
// It reads the bundled CDNOW sample, summarises it, prints the weekly cohort table, the RFM segments and a
// BG/NBD + Gamma-Gamma CLV. (From npm instead: `import { … } from "npm:retention-kit"`.)
// The @deno-types lines give Deno (and `deno check`) the package's declarations for the plain .js build.

// @deno-types="../../dist/index.d.ts"
import {
  cohortRetention,
  countRfmSegments,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  rfmFromTransactions,
  splitCalibrationHoldout,
  summarizeTransactions,
} from "../../dist/index.js";
// @deno-types="../../dist/plot.d.ts"
import { formatTable } from "../../dist/plot.js";

/** Parses the whitespace-separated CDNOW sample: master id, customer id, YYYYMMDD, CDs, dollars. */
function parseCdnow(/** @type {string} */ text) {
  const rows = [];
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const d = /** @type {string} */ (f[2]);
    rows.push({ customerId: Number(f[1]), at: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Number(f[4]) });
  }
  return rows;
}

const transactions = parseCdnow(await Deno.readTextFile(new URL("../data/CDNOW_sample.txt", import.meta.url)));
const summaries = summarizeTransactions(transactions, { observationEnd: "1998-06-30", unit: "week" });
console.log(`${transactions.length} transactions, ${summaries.length} customers`);

const cohorts = cohortRetention(transactions, { cohort: "month", interval: "week", periods: 6, observationEnd: "1998-07-01" });
console.log(formatTable(cohorts));

const rfm = rfmFromTransactions(transactions, { asOf: "1997-09-30" });
console.log(formatTable(countRfmSegments(rfm), { columns: ["segment", "customers", "share"] }));

const rows = splitCalibrationHoldout(transactions, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", unit: "week" });
const bg = fitBgNbd(rows);
const gg = fitGammaGamma(rows);
const { r, alpha, a, b } = bg.params;
console.log(`BG/NBD r ${r.toFixed(3)}, alpha ${alpha.toFixed(3)}, a ${a.toFixed(3)}, b ${b.toFixed(3)}`);
const clv = customerLifetimeValue(bg, gg, rows, { horizon: 12, discountRate: 0.01, unit: "week" });
const total = clv.reduce((sum, c) => sum + (c.clv ?? 0), 0);
console.log(`12-month CLV of ${clv.length} customers: $${total.toFixed(0)}`);
