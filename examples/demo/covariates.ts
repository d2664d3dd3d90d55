// The covariates section of the demo: which channel brings customers who buy more and stay longer? The
// scoring engine fits Pareto/NBD with each customer's channel and age on both processes (52 weekly periods
// from 2023-01-02, as R CLVTools is run on the same data), and the coefficients read as multipliers:
// e^γ_purchase multiplies the mean purchase rate, e^(−γ_attrition) the mean lifetime (the dropout rate is
// multiplied by e^γ_attrition), each with its 95 % Wald interval e^(γ ± 1.96·se).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { scoreCustomers, type ParetoNbdFit } from "../../src/index.js";
import type { DemoContext } from "./context.js";

const dataFile = (name: string): string => fileURLToPath(new URL(`../data/covariates/${name}`, import.meta.url));

/** The bundled customers' transactions and covariate rows. */
export function covariateData(): { transactions: { customerId: number; at: string; amount: number }[]; covariates: { customerId: number; channel: number; age: number }[] } {
  const transactions = readFileSync(dataFile("transactions.csv"), "utf8").trim().split("\n").slice(1).map((line) => {
    const [id, at, price] = line.split(",");
    return { customerId: Number(id), at: at!, amount: Number(price) };
  });
  const covariates = readFileSync(dataFile("covariates.csv"), "utf8").trim().split("\n").slice(1).map((line) => {
    const [id, channel, age] = line.split(",").map(Number);
    return { customerId: id!, channel: channel!, age: age! };
  });
  return { transactions, covariates };
}

/** A multiplier e^(sign·γ) and its 95 % interval e^(sign·(γ ± 1.96·se)), as text. */
function multiplier(gamma: number, se: number | null, sign: 1 | -1): string {
  const m = Math.exp(sign * gamma).toFixed(2);
  if (se === null) return `${m} (no interval: the fit has no standard error)`;
  const [lo, hi] = [Math.exp(sign * (gamma - 1.96 * se)), Math.exp(sign * (gamma + 1.96 * se))].sort((a, b) => a - b);
  return `${m} (95 % interval ${lo!.toFixed(2)}–${hi!.toFixed(2)})`;
}

export function run(ctx: DemoContext): void {
  const { print } = ctx;
  const { transactions, covariates } = covariateData();
  print("## Covariates: which channel brings customers who stay?\n");
  const result = scoreCustomers(
    { transactions, covariates, observationEnd: "2024-01-01" },
    { clv: { model: "pareto-nbd", covariates: { purchase: ["channel", "age"], attrition: ["channel", "age"] } }, churn: false, rfm: false, tiers: false, abc: false, lifecycle: false },
  );
  const fit = result.models.transaction as ParetoNbdFit;
  const gp = fit.covariates!.purchase;
  const ga = fit.covariates!.attrition;
  const sp = fit.covariateStandardErrors!.purchase;
  const sa = fit.covariateStandardErrors!.attrition;
  print(`${result.customers.length} customers, Pareto/NBD with channel and age on both processes (converged: ${fit.converged}).`);
  print(`- channel 1 vs 0: purchase rate × ${multiplier(gp["channel"]!, sp["channel"] ?? null, 1)}`);
  print(`- channel 1 vs 0: lifetime × ${multiplier(ga["channel"]!, sa["channel"] ?? null, -1)}`);
  print(`- age +1 sd: purchase rate × ${multiplier(gp["age"]!, sp["age"] ?? null, 1)}, lifetime × ${multiplier(ga["age"]!, sa["age"] ?? null, -1)}`);
  if (fit.likelihoodRatioTest) print(`- likelihood-ratio test against the model without covariates: χ² = ${fit.likelihoodRatioTest.statistic.toFixed(1)} on ${fit.likelihoodRatioTest.degreesOfFreedom} df, p = ${fit.likelihoodRatioTest.pValue.toExponential(1)}`);
  const channel = new Map(covariates.map((c) => [c.customerId, c.channel]));
  for (const ch of [0, 1]) {
    const rows = result.customers.filter((c) => channel.get(c.customerId as number) === ch);
    const mean = (f: (c: (typeof rows)[number]) => number): number => rows.reduce((a, c) => a + f(c), 0) / rows.length;
    print(`- channel ${ch}: ${rows.length} customers, mean P(alive) ${mean((c) => c.probabilityAlive!).toFixed(3)}, mean expected purchases (12 months) ${mean((c) => c.expectedPurchases!).toFixed(2)}, mean CLV ${mean((c) => c.clv ?? 0).toFixed(2)}`);
  }
  print();
}
