// A deliberately naive, independent implementation of cohortRetention's definitions, used as an oracle
// by the property tests: every cell is computed by scanning all events, straight from the TSDoc.
const DAY = 86_400_000;

type Opt = {
  cohort: "day" | "week" | "month";
  interval: "day" | "week" | "month";
  dayBoundary: "calendar" | "rolling";
  mode: "classic" | "unbounded" | "bracket";
  brackets?: [number, number][];
  periods?: number;
  observationEnd?: number;
};
type Ev = { customerId: number | string; at: number; value?: number };

const monthNo = (ms: number): number => {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
function addMonths(b: number, k: number): number {
  const d = new Date(b);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + k;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}
export function period(o: Opt, b: number, t: number): number {
  const rolling = o.dayBoundary === "rolling";
  if (o.interval === "month") {
    if (!rolling) return monthNo(t) - monthNo(b);
    let k = 0;
    while (addMonths(b, k + 1) <= t) k++;
    return k;
  }
  const len = o.interval === "week" ? 7 : 1;
  if (rolling) return Math.floor((t - b) / (len * DAY));
  return Math.floor((Math.floor(t / DAY) - Math.floor(b / DAY)) / len);
}
function cohortStart(o: Opt, b: number): number {
  const d = Math.floor(b / DAY);
  if (o.cohort === "day") return d * DAY;
  if (o.cohort === "week") return (d - (((d + 3) % 7) + 7) % 7) * DAY;
  const x = new Date(b);
  return Date.UTC(x.getUTCFullYear(), x.getUTCMonth(), 1);
}

export function oracle(events: Ev[], o: Opt) {
  const maxAt = Math.max(...events.map((e) => e.at));
  const end = o.observationEnd ?? (Math.floor(maxAt / DAY) + 1) * DAY;
  const birth = new Map<Ev["customerId"], number>();
  for (const e of events) birth.set(e.customerId, Math.min(birth.get(e.customerId) ?? Infinity, e.at));
  const customers = [...birth].filter(([, b]) => b <= end);
  const observed = (b: number) => period(o, b, end);
  const lastActive = (id: Ev["customerId"], b: number) => Math.max(...events.filter((e) => e.customerId === id && e.at <= end).map((e) => period(o, b, e.at)));
  const P =
    o.mode === "bracket"
      ? o.brackets!.length
      : o.periods ?? Math.min(Math.max(0, ...customers.map(([, b]) => observed(b))), Math.max(-1, ...customers.map(([id, b]) => lastActive(id, b))) + 1);
  const starts = [...new Set(customers.map(([, b]) => cohortStart(o, b)))].sort((a, b) => a - b);
  return starts.map((start) => {
    const members = customers.filter(([, b]) => cohortStart(o, b) === start);
    const eligible: number[] = [];
    const counts: number[] = [];
    const values: number[] = [];
    for (let k = 0; k < P; k++) {
      const [from, to] = o.mode === "bracket" ? o.brackets![k]! : [k, k];
      const inCell = (p: number) => (o.mode === "classic" ? p === k : o.mode === "unbounded" ? p >= k : p >= from && p <= to);
      let el = 0;
      let ct = 0;
      let val = 0;
      for (const [id, b] of members) {
        if (!(observed(b) > to)) continue;
        el++;
        const mine = events.filter((e) => e.customerId === id && e.at <= end && inCell(period(o, b, e.at)));
        if (mine.length > 0) ct++;
        val += mine.reduce((a, e) => a + (e.value ?? 0), 0);
      }
      eligible.push(el);
      counts.push(ct);
      values.push(val);
    }
    return { start, size: members.length, eligible, counts, values };
  });
}
