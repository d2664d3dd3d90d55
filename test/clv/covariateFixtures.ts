// The covariates fixture (test/fixtures/covariates, see its README): 2,000 simulated customers with two
// covariates and R CLVTools 0.12.1's fits. Summaries as CLVTools builds them: calibration the 52 weeks from
// the first transaction in the data (end day included), weekly unit, one transaction per customer-day.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const DAY = 86_400_000;

/** One calibration summary per customer with its covariates, in customer-id order. */
export interface CovariateCustomer {
  id: number;
  frequency: number;
  recency: number;
  T: number;
  channel: number;
  age: number;
}

export function covariateCustomers(): CovariateCustomer[] {
  const days = new Map<number, number[]>();
  for (const line of readFileSync(here("../fixtures/covariates/transactions.csv"), "utf8").trim().split("\n").slice(1)) {
    const [id, date] = line.split(",");
    const at = Date.parse(`${date}T00:00:00Z`);
    const list = days.get(Number(id)) ?? [];
    list.push(at);
    days.set(Number(id), list);
  }
  let first = Infinity;
  for (const list of days.values()) for (const d of list) first = Math.min(first, d);
  const end = first + 52 * 7 * DAY;
  const cov = new Map<number, [number, number]>();
  for (const line of readFileSync(here("../fixtures/covariates/covariates.csv"), "utf8").trim().split("\n").slice(1)) {
    const [id, channel, age] = line.split(",").map(Number);
    cov.set(id!, [channel!, age!]);
  }
  const out: CovariateCustomer[] = [];
  for (const id of [...days.keys()].sort((a, b) => a - b)) {
    const list = [...new Set(days.get(id))].sort((a, b) => a - b).filter((d) => d <= end);
    if (list.length === 0) continue;
    const birth = list[0]!;
    const last = list[list.length - 1]!;
    const [channel, age] = cov.get(id)!;
    out.push({ id, frequency: list.length - 1, recency: (last - birth) / (7 * DAY), T: (end - birth) / (7 * DAY), channel, age });
  }
  return out;
}

/** CLVTools' fits (loosely typed, read by key). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function clvtoolsFits(): any {
  return JSON.parse(readFileSync(here("../fixtures/covariates/clvtools-fits.json"), "utf8"));
}
