import type { CustomerId, TimeInput } from "../data/time.js";
import { DAY_MS, MAX_PERIODS, MAX_TIME, SecondsCheck, WEEK_MS, asOfOption, dayIndex, instantText, periodCount, periodInDateRange, periodStartMs, time, toMsOrNaN } from "../internal/time.js";
import { customerId, fail, finiteNumber, integerAtLeast, iterable, oneOf, optionsBag, record } from "../internal/validate.js";
import { misnamedField } from "../internal/transactions.js";

/**
 * One activity event: a customer did something (a purchase, a login, a session) at a time. Any event
 * counts as activity; a customer's first event is their birth, which decides their cohort.
 *
 * @category Retention
 * @example
 * ```ts
 * const e: ActivityEvent = { customerId: 7, at: "2024-03-04T10:15:00Z", value: 19.9 };
 * ```
 */
export interface ActivityEvent {
  /** Who was active. */
  readonly customerId: CustomerId;
  /** When: a `Date`, epoch ms or an ISO-8601 string (UTC). */
  readonly at: TimeInput;
  /** Optional value (revenue) summed into the cohort cells; any finite number (refunds may be negative). */
  readonly value?: number | undefined;
  /** Read as the value when `value` is absent, so transaction rows `{ customerId, at, amount }` work as they are. */
  readonly amount?: number | undefined;
}

/**
 * Which customers a cohort cell counts (k = the customer's period since birth, see {@link CohortRetentionOptions}):
 * - `"classic"` (N-day / N-week retention): active in exactly period k.
 * - `"unbounded"` (rolling or "return on or after"): active in period k or any later one observed so far.
 * - `"bracket"`: active in any period of the bracket `[from, to]` (inclusive) of each column.
 *
 * @category Retention
 * @example
 * ```ts
 * const mode: CohortMode = "unbounded";
 * ```
 */
export type CohortMode = "classic" | "unbounded" | "bracket";

/**
 * Options of {@link cohortRetention}.
 *
 * @category Retention
 * @example
 * ```ts
 * const options: CohortRetentionOptions = { cohort: "week", interval: "week", mode: "classic", periods: 8 };
 * ```
 */
export interface CohortRetentionOptions {
  /** How customers are grouped by birth: UTC `"day"`, ISO `"week"` (Monday start) or calendar `"month"`. Default `"week"`. */
  cohort?: "day" | "week" | "month";
  /**
   * The length of a period since birth: `"day"`, `"week"` (7-day blocks) or `"month"` (calendar months).
   * Default: the same as `cohort`.
   */
  interval?: "day" | "week" | "month";
  /**
   * How elapsed periods are counted. `"calendar"` (default): by UTC date, so an event on the day after
   * birth is day 1 whatever the hours (week k = ⌊date difference / 7⌋; month k = calendar-month
   * difference). `"rolling"`: whole 24-hour windows (or 7-day windows, or months from the birth instant
   * with the day clamped to the month's end) elapsed since the exact birth instant.
   */
  dayBoundary?: "calendar" | "rolling";
  /** Which customers a cell counts; see {@link CohortMode}. Default `"classic"`. */
  mode?: CohortMode;
  /**
   * Required in `"bracket"` mode: inclusive ranges of periods, one column each, e.g.
   * `[[0, 0], [1, 7], [8, 30]]`. Each needs whole numbers 0 ≤ from ≤ to, and the brackets must be in
   * ascending order without overlap (gaps are allowed), so every period belongs to at most one column.
   */
  brackets?: readonly (readonly [number, number])[];
  /**
   * Columns for `"classic"` and `"unbounded"` (periods 0 … periods − 1), at most 100 000. Default: up to
   * the latest period in which any customer was active, and no further than any customer has fully
   * observed; a default beyond 100 000 periods is refused with `OUT_OF_RANGE` (pass `periods`, a coarser
   * `interval` or an earlier `observationEnd`). Tables beyond 5 million cells (cohorts × columns) are
   * refused with `OUT_OF_RANGE`.
   */
  periods?: number;
  /**
   * Each customer's birth (signup, subscription start), when cohorts should start there rather than at the
   * first event. A birth counts as activity in period 0; a customer with a birth and no events stays in
   * its cohort as never returning. With `births`, every event's customer needs one (`INVALID_INPUT`), no
   * event may precede it (`INVALID_RANGE`: an event before the cohort start), and a customer has one birth
   * (`DUPLICATE_ID`). Default: births are first events.
   */
  births?: Iterable<{ readonly customerId: CustomerId; readonly at: TimeInput }>;
  /**
   * The end of the data. Events after it are ignored, and a customer counts in a cell only once that
   * period (or the whole bracket) has ended by this instant. Default: the end of the UTC day of the
   * latest event. Pass the start of the next day to include a whole day (`"2024-07-01"` covers June 30).
   */
  observationEnd?: TimeInput;
  /** An exact synonym of `observationEnd` (primary); giving both is allowed only when they are the same instant. */
  asOf?: TimeInput;
}

/**
 * The retention of one group of customers, per period (or bracket).
 *
 * @category Retention
 * @example
 * ```ts
 * const row: CohortCells = { size: 4, eligible: [4, 4], counts: [4, 2], rates: [1, 0.5], values: [0, 0], valuePerEligible: [0, 0] };
 * ```
 */
export interface CohortCells {
  /** Customers born in the cohort (first event on or before `observationEnd`). */
  size: number;
  /** Per column: customers whose period (or whole bracket) had ended by `observationEnd`. */
  eligible: number[];
  /** Per column: eligible customers active by the mode's definition. */
  counts: number[];
  /** Per column: counts / eligible in [0, 1]; `null` when nobody is eligible. */
  rates: (number | null)[];
  /** Per column: the sum of event values of eligible customers in the column's periods (see {@link CohortMode}). */
  values: number[];
  /** Per column: values / eligible (revenue per eligible customer); `null` when nobody is eligible. */
  valuePerEligible: (number | null)[];
}

/**
 * One birth cohort of {@link cohortRetention}.
 *
 * @category Retention
 * @example
 * ```ts
 * const row: CohortRow = { start: 1704067200000, size: 4, eligible: [4], counts: [4], rates: [1], values: [0], valuePerEligible: [0] };
 * ```
 */
export interface CohortRow extends CohortCells {
  /** Epoch ms of the cohort's start: the UTC day, ISO week (Monday) or calendar month. */
  start: number;
}

/**
 * The cohort table of {@link cohortRetention}, with the options it was computed under.
 *
 * @category Retention
 * @example
 * ```ts
 * const table: CohortRetention = cohortRetention([{ customerId: 1, at: "2024-01-01" }], { cohort: "day" });
 * table.cohorts[0].rates;
 * // => [1]
 * ```
 */
export interface CohortRetention {
  /** Cohort grouping used. */
  cohort: "day" | "week" | "month";
  /** Period length used. */
  interval: "day" | "week" | "month";
  /** Period counting used. */
  dayBoundary: "calendar" | "rolling";
  /** Cell definition used. */
  mode: CohortMode;
  /** The observation end used, epoch ms. */
  observationEnd: number;
  /** Number of columns. */
  periods: number;
  /** The brackets of `"bracket"` mode (one per column); `null` in the other modes. */
  brackets: [number, number][] | null;
  /** One row per cohort with at least one customer, sorted by `start`. */
  cohorts: CohortRow[];
  /** All cohorts together (the weighted average row of a cohort chart). */
  overall: CohortCells;
}

const BUCKET = ["day", "week", "month"] as const;
/**
 * The largest table (cohorts × columns) built: 5 million cells take about a second and 200 MB, so every
 * accepted table is built in seconds at most. Columns and cohorts are each bounded by `MAX_PERIODS`.
 */
const MAX_CELLS = 5_000_000;
/** Events before this instant may lie in a cohort that starts before the Date range (the longest period is 31 days). */
const EARLY = -MAX_TIME + 32 * DAY_MS;
/** Integer ids below this use the dense id table (at most 64 MB). */
const DENSE_IDS = 1 << 24;

function grow<T extends Float64Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/** Days in a UTC calendar month (`month0` 0..11), by the Gregorian leap-year rule. */
function daysIn(year: number, month0: number): number {
  if (month0 === 1) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month0 === 3 || month0 === 5 || month0 === 8 || month0 === 10 ? 30 : 31;
}

/**
 * Counts whole periods since a customer's birth. `birth(b)` caches what every event of that customer
 * needs, so the per-event work is a few arithmetic operations (one Date read for months).
 */
class PeriodCounter {
  private b = 0;
  private bDay = 0; // UTC day index of the birth
  private bMonth = 0; // months since 1970-01 of the birth
  private bDate = 1; // day of month of the birth
  private bTod = 0; // ms since midnight of the birth
  constructor(
    private readonly interval: "day" | "week" | "month",
    private readonly rolling: boolean,
  ) {}

  birth(b: number): void {
    this.b = b;
    this.bDay = dayIndex(b);
    if (this.interval === "month") {
      const d = new Date(b);
      this.bMonth = (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
      this.bDate = d.getUTCDate();
      this.bTod = b - this.bDay * DAY_MS;
    }
  }

  /** Whole periods from the birth to `t` (t ≥ birth). */
  at(t: number): number {
    if (this.interval === "month") {
      const d = new Date(t);
      const year = d.getUTCFullYear();
      const month0 = d.getUTCMonth();
      const k = (year - 1970) * 12 + month0 - this.bMonth;
      if (!this.rolling) return k;
      // Month k starts on the birth's day of month (clamped to the month's length) at the birth's time of day.
      const anchor = (Math.min(this.bDate, daysIn(year, month0)) - 1) * DAY_MS + this.bTod;
      const offset = (d.getUTCDate() - 1) * DAY_MS + (t - dayIndex(t) * DAY_MS);
      return offset < anchor ? k - 1 : k;
    }
    if (this.rolling) return Math.floor((t - this.b) / (this.interval === "day" ? DAY_MS : WEEK_MS));
    const days = dayIndex(t) - this.bDay;
    return this.interval === "day" ? days : Math.floor(days / 7);
  }
}

function readBrackets(fn: string, value: unknown): [number, number][] {
  if (!Array.isArray(value) || value.length === 0) {
    fail(fn, "INVALID_OPTION", `options.brackets must be a non-empty array of [from, to] pairs in "bracket" mode`, "options.brackets");
  }
  const out: [number, number][] = [];
  for (let j = 0; j < value.length; j++) {
    const path = `options.brackets[${j}]`;
    const pair: unknown = value[j];
    if (!Array.isArray(pair) || pair.length !== 2) fail(fn, "INVALID_TYPE", `${path} must be a [from, to] pair`, path);
    const from = integerAtLeast(fn, pair[0], `${path}[0]`, 0);
    const to = integerAtLeast(fn, pair[1], `${path}[1]`, 0);
    if (!(to <= MAX_PERIODS)) fail(fn, "OUT_OF_RANGE", `${path}[1] must be ≤ ${MAX_PERIODS}, got ${to}`, `${path}[1]`);
    if (from > to) fail(fn, "INVALID_RANGE", `${path} has from (${from}) after to (${to})`, path);
    const prev = out[j - 1];
    if (prev !== undefined && from <= prev[1]) {
      fail(fn, "INVALID_RANGE", `${path} must start after the previous bracket ends (${prev[1]}); brackets are ascending and disjoint`, path);
    }
    out.push([from, to]);
  }
  return out;
}

/**
 * Cohort retention over activity events, as product-analytics tools (Amplitude, Mixpanel) chart it:
 * customers grouped by the UTC day, ISO week or month of their first event (or of a given birth, such
 * as a signup, with `births`), and for each cohort and period since birth, how many came back.
 *
 * Definitions (k = whole periods since the customer's birth, counted as `dayBoundary` says):
 * - classic: `rate[k] = |{eligible customers active in period k}| / eligible[k]`; period 0 is the birth
 *   period, so its rate is 1.
 * - unbounded: `rate[k] = |{eligible customers active in period k or later}| / eligible[k]`, never below
 *   classic; its counts never increase with k, and neither do its rates when a cohort's customers share
 *   one eligibility (daily cohorts counted in calendar days). Otherwise a later column may have a smaller,
 *   different set of eligible customers, and its rate can be higher.
 * - bracket: `rate[j] = |{eligible customers active in some period from..to of bracket j}| / eligible[j]`.
 * - `eligible[k]` = cohort customers whose period k (or the whole bracket) ended by `observationEnd`, as in
 *   Amplitude, so recent cohorts are not dragged down by periods they have not lived through; a cell
 *   with nobody eligible has rate `null`.
 * - Revenue cohorts: events' `value` (or `amount`) summed over the same customers and periods as the
 *   counts (`values`), and per eligible customer (`valuePerEligible`).
 *
 * Bounds: at most 100 000 columns and 100 000 cohorts (the library's largest period range) and 5 million
 * cells, each refused beyond with `OUT_OF_RANGE` naming the option that avoids it; cohort starts are times
 * a Date can hold.
 *
 * Reads the events once into typed columns, then groups them by customer with a counting sort: time
 * O(events + customers + cohorts × periods) and memory O(events + cohorts × periods), never quadratic
 * (a million events take about a second of one core; see `npm run bench`).
 *
 * @param events - `{ customerId, at, value? }` rows, in any order, any iterable
 * @param options - see {@link CohortRetentionOptions} (`asOf` is accepted as a synonym of `observationEnd`)
 * @returns the cohort table; no events gives no cohorts
 * @throws RetentionKitError `INVALID_DATE` (`events[3].at`; also when every numeric `at` looks like epoch
 *   seconds, see {@link parseTime}), `INVALID_CUSTOMER_ID`, `INVALID_NUMBER` (a value);
 *   `INVALID_OPTION` for an unknown `cohort`, `interval`, `dayBoundary` or `mode`, or missing `brackets`;
 *   `INVALID_RANGE` for a reversed or overlapping bracket; `OUT_OF_RANGE` / `NOT_INTEGER` for `periods` or a
 *   bracket end above 100 000, and `OUT_OF_RANGE` for default columns beyond 100 000 periods or a table over
 *   5 million cells (`options.periods`), more than 100 000 cohorts (`options.cohort`), an event or birth in a
 *   cohort that would start before the Date range (`events[i].at`: the first week or month of −271821), or
 *   (`events`) when sums of values overflow a double; with `births`: `INVALID_INPUT` (an event's customer
 *   has no birth), `INVALID_RANGE` (`events[5].at` before its customer's birth), `DUPLICATE_ID`
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys);
 *   `INVALID_OPTION` when `asOf` and `observationEnd` (synonyms) are both given and differ
 * @category Retention
 * @example
 * ```ts
 * const events = [
 *   { customerId: "a", at: "2024-01-01" }, { customerId: "a", at: "2024-01-02" }, { customerId: "a", at: "2024-01-04" },
 *   { customerId: "b", at: "2024-01-01" }, { customerId: "b", at: "2024-01-03" },
 *   { customerId: "c", at: "2024-01-02" },
 * ];
 * const classic = cohortRetention(events, { cohort: "day", periods: 4, observationEnd: "2024-01-05" });
 * classic.cohorts.map((c) => c.rates);
 * // => [[1, 0.5, 0.5, 0.5], [1, 0, 0, null]]
 * const unbounded = cohortRetention(events, { cohort: "day", periods: 4, mode: "unbounded", observationEnd: "2024-01-05" });
 * unbounded.cohorts[0].rates;
 * // => [1, 1, 1, 0.5]
 * ```
 */
export function cohortRetention(events: Iterable<ActivityEvent>, options?: CohortRetentionOptions): CohortRetention {
  const fn = "cohortRetention";
  const o = optionsBag(fn, options, ["cohort", "interval", "dayBoundary", "mode", "brackets", "periods", "births", "observationEnd", "asOf"] as const satisfies readonly (keyof CohortRetentionOptions)[]);
  const cohort = o.cohort === undefined ? "week" : oneOf(fn, o.cohort, "options.cohort", BUCKET);
  const interval = o.interval === undefined ? cohort : oneOf(fn, o.interval, "options.interval", BUCKET);
  const dayBoundary = o.dayBoundary === undefined ? "calendar" : oneOf(fn, o.dayBoundary, "options.dayBoundary", ["calendar", "rolling"] as const);
  const mode = o.mode === undefined ? "classic" : oneOf(fn, o.mode, "options.mode", ["classic", "unbounded", "bracket"] as const);
  const brackets = mode === "bracket" ? readBrackets(fn, o.brackets) : null;
  if (mode !== "bracket" && o.brackets !== undefined) {
    fail(fn, "INVALID_OPTION", `options.brackets is only used in "bracket" mode (mode is "${mode}")`, "options.brackets");
  }
  let periods = o.periods === undefined ? -1 : integerAtLeast(fn, o.periods, "options.periods", 1);
  if (!(periods <= MAX_PERIODS)) fail(fn, "OUT_OF_RANGE", `options.periods must be ≤ ${MAX_PERIODS}, got ${periods}`, "options.periods");
  if (brackets !== null && o.periods !== undefined) {
    fail(fn, "INVALID_OPTION", `options.periods is not used in "bracket" mode: the brackets are the columns`, "options.periods");
  }
  const explicitEnd = asOfOption(fn, o, "observationEnd", false);

  // Pass 1: validate and store events in typed columns; births = each customer's earliest event, or the
  // given births. Customer index by id: small non-negative integer ids (the usual CRM keys) use a dense
  // table, several times faster than a Map; other ids use the Map. `1` and `"1"` stay different customers.
  const ids = new Map<CustomerId, number>();
  let dense = new Int32Array(0);
  let nCust = 0;
  let births = new Float64Array(1024);
  let lasts = new Float64Array(1024); // each customer's latest event within the observation
  let evCust = new Int32Array(4096);
  let evMs = new Float64Array(4096);
  let evVal = new Float64Array(4096);
  let nEv = 0;
  let maxMs = Number.NEGATIVE_INFINITY;

  const denseKey = (id: CustomerId): boolean => typeof id === "number" && id >= 0 && id < DENSE_IDS && Number.isInteger(id);
  const lookup = (id: CustomerId): number => {
    if (!denseKey(id)) return ids.get(id) ?? -1;
    return (id as number) < dense.length ? dense[id as number]! : -1;
  };
  const create = (id: CustomerId, birth: number): number => {
    const c = nCust++;
    if (denseKey(id)) {
      const k = id as number;
      if (k >= dense.length) {
        const next = new Int32Array(Math.min(DENSE_IDS, Math.max(k + 1, dense.length * 2, 1024))).fill(-1);
        next.set(dense);
        dense = next;
      }
      dense[k] = c;
    } else ids.set(id, c);
    births = grow(births, c + 1);
    lasts = grow(lasts, c + 1);
    births[c] = birth;
    lasts[c] = Number.NEGATIVE_INFINITY;
    return c;
  };
  const addEvent = (c: number, ms: number, v: number): void => {
    if (ms > lasts[c]! && !(ms > (explicitEnd ?? ms))) lasts[c] = ms;
    if (nEv === evCust.length) {
      evCust = grow(evCust, nEv + 1);
      evMs = grow(evMs, nEv + 1);
      evVal = grow(evVal, nEv + 1);
    }
    evCust[nEv] = c;
    evMs[nEv] = ms;
    evVal[nEv] = v;
    nEv++;
    if (ms > maxMs) maxMs = ms;
  };

  // Given births: each is also the customer's activity in period 0.
  const fixedBirths = o.births !== undefined;
  if (fixedBirths) {
    let j = 0;
    for (const row of iterable<unknown>(fn, o.births, "options.births")) {
      const path = `options.births[${j++}]`;
      const rec = record(fn, row, path);
      const id = customerId(fn, rec.customerId, `${path}.customerId`);
      const ms = time(fn, rec.at, `${path}.at`);
      if (ms < EARLY) cohortInDateRange(fn, ms, cohort, `${path}.at`);
      if (lookup(id) >= 0) fail(fn, "DUPLICATE_ID", `${path}.customerId ${JSON.stringify(id)} has two births`, `${path}.customerId`);
      addEvent(create(id, ms), ms, 0);
    }
  }

  let i = 0;
  const seconds = new SecondsCheck();
  for (const row of iterable<unknown>(fn, events, "events")) {
    const r = row as { customerId?: unknown; at?: unknown; value?: unknown; amount?: unknown } | null;
    const isObj = typeof r === "object" && r !== null && !Array.isArray(r);
    // Each field is read once, into locals: the checks below and the stored values are the same reads.
    const rawId = isObj ? r.customerId : undefined;
    const rawAt = isObj ? r.at : undefined;
    const rawValue = isObj ? r.value : undefined;
    const fromValue = rawValue !== undefined;
    const rawV = fromValue ? rawValue : isObj ? r.amount : undefined;
    let ms = toMsOrNaN(rawAt);
    let v = rawV === undefined ? 0 : (rawV as number);
    // Fast path without building error paths; anything unusual goes through the validators.
    if (
      !(typeof rawId === "string" ? rawId.length > 0 : typeof rawId === "number" && Number.isFinite(rawId)) ||
      Number.isNaN(ms) ||
      !(rawV === undefined || (typeof rawV === "number" && Number.isFinite(rawV)))
    ) {
      const path = `events[${i}]`;
      const rec = record(fn, row, path);
      if (rawId === undefined || rawAt === undefined) misnamedField(fn, rec, rawId === undefined ? "customerId" : "at", path);
      customerId(fn, rawId, `${path}.customerId`);
      ms = time(fn, rawAt, `${path}.at`);
      v = rawV === undefined ? 0 : finiteNumber(fn, rawV, fromValue ? `${path}.value` : `${path}.amount`);
    }
    if (ms === 0) ms = 0; // normalise -0
    if (typeof rawAt === "number" && !seconds.outside) seconds.see(ms, i);
    // The customer's birth is at or before this event, so its cohort starts no later than this event's.
    if (ms < EARLY && !fixedBirths) cohortInDateRange(fn, ms, cohort, `events[${i}].at`);
    const id = rawId as CustomerId;
    let c = lookup(id);
    if (fixedBirths) {
      if (c < 0) fail(fn, "INVALID_INPUT", `events[${i}].customerId ${JSON.stringify(id)} has no birth in options.births`, `events[${i}].customerId`);
      if (!(ms >= births[c]!)) fail(fn, "INVALID_RANGE", `events[${i}].at is before the customer's birth in options.births`, `events[${i}].at`);
    } else if (c < 0) c = create(id, ms);
    else if (ms < births[c]!) births[c] = ms;
    addEvent(c, ms, v);
    i++;
  }
  seconds.done(fn, (k) => `events[${k}].at`);
  // The default end is the end of the latest event's day, or the end of the Date range when that day is its last.
  const end = explicitEnd ?? (nEv === 0 ? 0 : Math.min(MAX_TIME, (dayIndex(maxMs) + 1) * DAY_MS));

  const counter = new PeriodCounter(interval, dayBoundary === "rolling");

  // Cohorts of the customers born by the end; observed[c] = periods the customer has fully lived through
  // (the period containing `end` is incomplete, so this is simply the period index of `end`).
  const cohortOf = new Int32Array(nCust).fill(-1);
  const observed = new Int32Array(nCust);
  const cohortStart = new Float64Array(nCust);
  const startIndex = new Map<number, number>();
  const starts: number[] = [];
  let maxObserved = 0;
  let maxActive = -1; // the latest period in which any customer was active
  for (let c = 0; c < nCust; c++) {
    const b = births[c]!;
    if (!(b <= end)) continue;
    const s = periodStartMs(b, cohort);
    cohortStart[c] = s;
    if (!startIndex.has(s)) {
      startIndex.set(s, starts.length);
      starts.push(s);
    }
    counter.birth(b);
    const k = counter.at(end);
    observed[c] = k;
    if (k > maxObserved) maxObserved = k;
    const last = counter.at(lasts[c]!);
    if (last > maxActive) maxActive = last;
  }
  const sortedStarts = starts.slice().sort((x, y) => x - y);
  const rank = new Int32Array(starts.length);
  for (let j = 0; j < sortedStarts.length; j++) rank[startIndex.get(sortedStarts[j]!)!] = j;
  for (let c = 0; c < nCust; c++) {
    if (births[c]! <= end) cohortOf[c] = rank[startIndex.get(cohortStart[c]!)!]!;
  }

  const P = brackets !== null ? brackets.length : periods >= 0 ? periods : Math.min(maxObserved, maxActive + 1);
  periods = P;
  const nCoh = sortedStarts.length;
  periodCount(
    fn,
    P,
    `the default columns (from the earliest birth to the latest activity, in ${interval}s)`,
    `pass options.periods (at most ${MAX_PERIODS}), a coarser options.interval or an earlier options.observationEnd; dates that far apart often hold a placeholder or a unit mistake`,
    "options.periods",
  );
  if (!(nCoh <= MAX_PERIODS)) {
    fail(
      fn,
      "OUT_OF_RANGE",
      `the table would have ${nCoh} ${cohort} cohorts (${instantText(sortedStarts[0]!)} to ${instantText(sortedStarts[nCoh - 1]!)}), more than ${MAX_PERIODS}; pass a coarser options.cohort or an earlier options.observationEnd`,
      "options.cohort",
    );
  }
  if (!(nCoh * (P + 1) <= MAX_CELLS)) {
    fail(
      fn,
      "OUT_OF_RANGE",
      `the table would have ${nCoh} cohorts × ${P} periods, more than ${MAX_CELLS} cells; pass a smaller options.periods or a coarser options.cohort`,
      "options.periods",
    );
  }
  const W = P + 1;
  const sizes = new Float64Array(nCoh);
  const eligHist = new Float64Array(nCoh * W); // customers by the number of leading columns they are eligible for
  const countAt = new Float64Array(nCoh * W);
  const valueAt = new Float64Array(nCoh * W);

  // Group event indices by customer (counting sort), so each customer's events are visited together.
  const offsets = new Int32Array(nCust + 1);
  for (let i = 0; i < nEv; i++) offsets[evCust[i]! + 1]!++;
  for (let c = 0; c < nCust; c++) offsets[c + 1]! += offsets[c]!;
  const fill = offsets.slice(0, nCust);
  const order = new Int32Array(nEv);
  for (let i = 0; i < nEv; i++) order[fill[evCust[i]!]!++] = i;

  // Bracket lookup: period → column.
  const maxTo = brackets === null ? -1 : brackets[brackets.length - 1]![1];
  const columnOf = new Int32Array(maxTo + 1).fill(-1);
  if (brackets !== null) brackets.forEach(([from, to], j) => columnOf.fill(j, from, to + 1));

  const stamp = new Int32Array(W).fill(-1);
  for (let c = 0; c < nCust; c++) {
    const h = cohortOf[c]!;
    if (h < 0) continue;
    counter.birth(births[c]!);
    const row = h * W;
    sizes[h]!++;
    // Eligible columns form a prefix: periods 0..observed−1, or the brackets that end before `observed`.
    let elig = Math.min(observed[c]!, P);
    if (brackets !== null) {
      elig = 0;
      while (elig < P && brackets[elig]![1] < observed[c]!) elig++;
    }
    eligHist[row + elig]!++;
    if (elig === 0) continue;
    let maxK = -1;
    for (let q = offsets[c]!; q < offsets[c + 1]!; q++) {
      const i = order[q]!;
      const t = evMs[i]!;
      if (!(t <= end)) continue;
      const k = counter.at(t);
      if (mode === "classic") {
        if (k >= elig) continue;
        if (stamp[k] !== c) {
          stamp[k] = c;
          countAt[row + k]!++;
        }
        valueAt[row + k]! += evVal[i]!;
      } else if (mode === "unbounded") {
        if (k > maxK) maxK = k;
        valueAt[row + Math.min(k, elig - 1)]! += evVal[i]!; // counts toward every column ≤ k; summed below
      } else {
        if (k > maxTo) continue;
        const j = columnOf[k]!;
        if (j < 0 || j >= elig) continue;
        if (stamp[j] !== c) {
          stamp[j] = c;
          countAt[row + j]!++;
        }
        valueAt[row + j]! += evVal[i]!;
      }
    }
    if (mode === "unbounded" && maxK >= 0) countAt[row + Math.min(maxK, elig - 1)]!++;
  }

  const cellsOf = (size: number, at: (k: number) => number, hist: (k: number) => number, val: (k: number) => number): CohortCells => {
    const eligible: number[] = new Array(P);
    const counts: number[] = new Array(P);
    const values: number[] = new Array(P);
    // eligible[k] = customers eligible for more than k columns (suffix sums of the histogram).
    let acc = 0;
    for (let k = P - 1; k >= 0; k--) {
      acc += hist(k + 1);
      eligible[k] = acc;
    }
    if (mode === "unbounded") {
      let ca = 0;
      let va = 0;
      for (let k = P - 1; k >= 0; k--) {
        ca += at(k);
        va += val(k);
        counts[k] = ca;
        values[k] = va;
      }
    } else {
      for (let k = 0; k < P; k++) {
        counts[k] = at(k);
        values[k] = val(k);
      }
    }
    return {
      size,
      eligible,
      counts,
      rates: counts.map((x, k) => (eligible[k]! > 0 ? x / eligible[k]! : null)),
      values,
      valuePerEligible: values.map((x, k) => (eligible[k]! > 0 ? x / eligible[k]! : null)),
    };
  };

  const cohorts: CohortRow[] = [];
  const tot = { size: 0, count: new Float64Array(W), hist: new Float64Array(W), value: new Float64Array(W) };
  for (let h = 0; h < nCoh; h++) {
    const row = h * W;
    tot.size += sizes[h]!;
    for (let k = 0; k < W; k++) {
      tot.count[k]! += countAt[row + k]!;
      tot.hist[k]! += eligHist[row + k]!;
      tot.value[k]! += valueAt[row + k]!;
    }
    const cells = cellsOf(sizes[h]!, (k) => countAt[row + k]!, (k) => eligHist[row + k]!, (k) => valueAt[row + k]!);
    cohorts.push({ start: sortedStarts[h]!, ...cells });
  }
  const overall = cellsOf(tot.size, (k) => tot.count[k]!, (k) => tot.hist[k]!, (k) => tot.value[k]!);
  for (const row of [...cohorts, overall]) {
    if (!row.values.every(Number.isFinite)) {
      fail(fn, "OUT_OF_RANGE", "sums of event values overflow the range of a double; rescale the values", "events");
    }
  }
  return {
    cohort,
    interval,
    dayBoundary,
    mode,
    observationEnd: end,
    periods,
    brackets,
    cohorts,
    overall,
  };
}

/** Refuses an instant whose cohort (day, ISO week or month) starts before the earliest Date. */
function cohortInDateRange(fn: string, ms: number, cohort: "day" | "week" | "month", path: string): void {
  periodInDateRange(fn, periodStartMs(ms, cohort), ms, cohort === "day" ? "day" : cohort === "week" ? "week" : "month", path);
}
