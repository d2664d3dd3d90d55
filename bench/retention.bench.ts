// cohortRetention and kaplanMeier on synthetic data: 1 M events of 100 k customers over two years;
// 1 M survival rows with continuous and with whole-day durations.
import { cohortRetention, kaplanMeier, type ActivityEvent, type SurvivalObservation } from "../src/index.js";
import { bench, rng } from "./lib.js";

const DAY = 86_400_000;
const start = Date.UTC(2022, 0, 1);

function events(rows: number, customers: number, seed: number): ActivityEvent[] {
  const r = rng(seed);
  // Each customer is born on a random day and returns with decaying probability: realistic cohort shapes.
  const birth = new Float64Array(customers);
  for (let c = 0; c < customers; c++) birth[c] = start + Math.floor(r() * 600) * DAY + Math.floor(r() * DAY);
  const out: ActivityEvent[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(r() * customers);
    const gap = Math.floor(-Math.log(1 - r()) * 60 * DAY);
    out[i] = { customerId: c, at: Math.min(birth[c]! + gap, start + 729 * DAY), value: Math.round(r() * 5000) / 100 };
  }
  return out;
}

/** `bench` plus the CPU time of one more run: wall time is noisy when other processes share the cores. */
function benchCpu(name: string, fn: () => unknown): void {
  bench(name, fn);
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  console.log(`|   ↳ CPU time of one run (user + system, all threads): ${((used.user + used.system) / 1000).toFixed(0)} ms`);
}

const ev = events(1_000_000, 100_000, 7);
const end = start + 730 * DAY;
benchCpu("cohortRetention: 1 M events, 100 k customers, weekly classic", () => cohortRetention(ev, { cohort: "week", observationEnd: end }));
benchCpu("cohortRetention: 1 M events, daily cohorts × daily periods, unbounded", () =>
  cohortRetention(ev, { cohort: "day", interval: "day", mode: "unbounded", observationEnd: end }));
benchCpu("cohortRetention: 1 M events, monthly, rolling months, brackets", () =>
  cohortRetention(ev, { cohort: "month", dayBoundary: "rolling", mode: "bracket", brackets: [[1, 1], [2, 3], [4, 12]], observationEnd: end }));

function survival(rows: number, seed: number, whole: boolean): SurvivalObservation[] {
  const r = rng(seed);
  const out: SurvivalObservation[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const d = -Math.log(1 - r()) * 200;
    out[i] = { duration: whole ? Math.floor(d) : d, event: r() < 0.7 };
  }
  return out;
}
const cont = survival(1_000_000, 11, false);
const days = survival(1_000_000, 12, true);
benchCpu("kaplanMeier: 1 M rows, continuous durations (1 M distinct times)", () => kaplanMeier(cont));
benchCpu("kaplanMeier: 1 M rows, whole days (~2.5 k distinct times)", () => kaplanMeier(days));
