// detectChurnSignals on synthetic activity: 100 k customers × 50 events (5 M events), all built-in rules.
import { detectChurnSignals, type ChurnEvent, type CustomerActivity } from "../src/index.js";
import { bench, rng } from "./lib.js";

const DAY = 86_400_000;
const asOf = Date.UTC(2024, 5, 30);
const FEATURES = ["reports", "export", "api", "dashboards", "alerts", "sso"];

function synthetic(customers: number, eventsPer: number, seed: number, sorted: boolean): CustomerActivity[] {
  const r = rng(seed);
  const out: CustomerActivity[] = new Array(customers);
  for (let i = 0; i < customers; i++) {
    const span = 30 + Math.floor(r() * 300); // how long ago they started, in days
    const quietFor = r() < 0.3 ? Math.floor(r() * 90) : 0; // some go quiet
    const events: ChurnEvent[] = new Array(eventsPer);
    for (let j = 0; j < eventsPer; j++) {
      const at = asOf - quietFor * DAY - Math.floor(r() * span * DAY);
      const u = r();
      events[j] =
        u < 0.6 ? { type: "login", at }
        : u < 0.85 ? { type: "feature", at, feature: FEATURES[Math.floor(r() * FEATURES.length)]! }
        : u < 0.95 ? { type: "purchase", at }
        : { type: "ticket", at, sentiment: r() < 0.4 ? "negative" : "neutral" };
    }
    if (sorted) events.sort((a, b) => (a.at as number) - (b.at as number));
    out[i] = { customerId: i, events, renewalAt: r() < 0.5 ? asOf + Math.floor(r() * 365) * DAY : null };
  }
  return out;
}

// CPU time of one run too: on a shared machine the wall time above includes waiting for a core.
function cpuMs(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

for (const sorted of [false, true]) {
  const data = synthetic(100_000, 50, 7, sorted);
  const name = `detectChurnSignals: 100 k customers × 50 events (${sorted ? "sorted" : "unsorted"}), 5 rules`;
  bench(name, () => detectChurnSignals(data, { asOf }));
  console.log(`|   cpu time of one more run: ${cpuMs(() => detectChurnSignals(data, { asOf })).toFixed(0)} ms (all threads, GC included)`);
}
for (const [label, slice] of [["ISO dates \"2024-03-01\"", 10], ["ISO timestamps", 24]] as const) {
  const data = synthetic(100_000, 50, 7, false).map((c) => ({
    ...c,
    events: c.events.map((e) => ({ ...e, at: new Date(e.at as number).toISOString().slice(0, slice) })),
  }));
  bench(`detectChurnSignals: 100 k × 50 events, ${label}`, () => detectChurnSignals(data, { asOf }), 2);
}
