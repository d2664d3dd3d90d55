// labelledSnapshot (features + label), fitChurnModel and scoreChurn on synthetic customers
// (CHURN_CUSTOMERS, default 1 M): each buys 1–8 times over a year, at a pace that sets whether it buys again
// in the 90-day window after the snapshot.
import { churnFeatures, fitChurnModel, labelledSnapshot, scoreChurn } from "../src/index.js";
import { bench, rng } from "./lib.js";

const n = Number(process.env.CHURN_CUSTOMERS ?? 1_000_000);
const DAY = 86_400_000;
const start = Date.UTC(2023, 0, 1);
const snapshotAt = Date.UTC(2024, 0, 1);
const r = rng(17);
const transactions: { customerId: number; at: number; amount: number }[] = [];
for (let c = 0; c < n; c++) {
  const gap = 10 + 200 * r(); // mean days between purchases
  let t = start + Math.floor(365 * r()) * DAY;
  const end = snapshotAt + 90 * DAY;
  for (let k = 0; k < 12 && t < end; k++) {
    transactions.push({ customerId: c, at: t, amount: Math.round(500 + 9500 * r()) / 100 });
    t += Math.max(1, Math.round(gap * -Math.log(1 - r()))) * DAY;
  }
}
const label = n >= 1e6 ? `${n / 1e6} M` : `${n / 1e3} k`;
console.log(`|   ${transactions.length} transactions of ${label} customers`);
let snapshot = labelledSnapshot(transactions.slice(0, 1000), { snapshotAt, windowDays: 90 });
bench(`labelledSnapshot: ${label} customers`, () => (snapshot = labelledSnapshot(transactions, { snapshotAt, windowDays: 90 })), 1);
console.log(`|   ${snapshot.customers} customers, ${snapshot.churners} churners`);
let model = fitChurnModel(snapshot, { features: ["recencyDays", "frequency"] });
bench(`fitChurnModel: ${label} customers × ${snapshot.featureNames.length} features`, () => (model = fitChurnModel(snapshot)), 1);
console.log(`|   ${model.iterations} Newton iterations, converged: ${model.converged}, dropped: ${model.dropped.join(", ") || "none"}`);
const later = churnFeatures(transactions, { snapshotAt: snapshotAt + 90 * DAY });
bench(`scoreChurn: ${label} customers`, () => scoreChurn(model, later.rows), 1);
