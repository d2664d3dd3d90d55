import type { DictionaryIds, TransactionColumns } from "../engine/summarizeColumns.js";
// Reading and validating transaction rows: one place, used by every function that takes transactions.
// Rows with a numeric `at` and a valid id and amount take an inline fast path; anything else (strings,
// Dates, bad values) goes to the slow path, which parses or throws with the row's path. Paths are built
// only when a row is refused, so a valid row allocates nothing.
import type { CustomerId } from "../data/time.js";
import { countBits, grownBits } from "./bits.js";
import { DIRECT_CEILING, directCapacityFor, directIdCapacity, periodStart, seenIds, type RowCell, type SummaryState } from "./summaryState.js";
import { customerId, fail, iterable, nonNegativeNumber, numericStringHint, oneOf, optionsBag, record, show, type OptionsSnapshot } from "./validate.js";
import { compareIds } from "./ids.js";
import { SecondsCheck, requiredAsOf, time, toMsOrNaN, type FixedUnit } from "./time.js";
import type { SummarizeOptions } from "../data/summarizeTransactions.js";
import { DEFAULT_UNIT } from "./defaults.js";

/** The largest |epoch ms| a Date can hold (as in time.ts). */
const MAX_TIME = 8.64e15;

/** A fresh cell for {@link readRow}. */
export function rowCell(): RowCell {
  return { id: 0, ms: 0, amount: 0 };
}

/**
 * Validates one row's fields into `cell`. `base` and `columnar` only name the offending value on failure:
 * `transactions[3].at` for rows, `columns.at[3]` for columns. Numeric times are shown to `seconds`, which
 * refuses epoch seconds once the input is read ({@link SecondsCheck}).
 */
export function readFields(
  fn: string,
  id: unknown,
  at: unknown,
  a: unknown,
  cell: RowCell,
  base: string,
  i: number,
  columnar: boolean,
  seconds: SecondsCheck,
): void {
  if (fieldsValid(id, at, a)) {
    cell.id = id as CustomerId;
    cell.ms = (at as number) + 0; // + 0 turns -0 into 0
    cell.amount = a === undefined ? 0 : (a as number) + 0;
    if (!seconds.outside) seconds.see(cell.ms, i);
    return;
  }
  readFieldsSlow(fn, id, at, a, cell, base, i, columnar);
}

/** The fast path's test: a number time in Date's range, a finite number or non-empty string id, no or a finite amount ≥ 0. */
function fieldsValid(id: unknown, at: unknown, a: unknown): boolean {
  return (
    typeof at === "number" &&
    at >= -MAX_TIME &&
    at <= MAX_TIME &&
    (typeof id === "number" ? id - id === 0 : typeof id === "string" && id.length > 0) &&
    (a === undefined || (typeof a === "number" && a >= 0 && a <= Number.MAX_VALUE))
  );
}

function fieldPath(base: string, i: number, field: string, columnar: boolean): string {
  return columnar ? `${base}.${field}[${i}]` : `${base}[${i}].${field}`;
}

function readFieldsSlow(
  fn: string,
  id: unknown,
  at: unknown,
  a: unknown,
  cell: RowCell,
  base: string,
  i: number,
  columnar: boolean,
): void {
  cell.id = customerId(fn, id, fieldPath(base, i, "customerId", columnar));
  const ms = toMsOrNaN(at);
  cell.ms = Number.isNaN(ms) ? time(fn, at, fieldPath(base, i, "at", columnar)) : ms + 0;
  cell.amount =
    a === undefined
      ? 0
      : typeof a === "number" && a >= 0 && a <= Number.MAX_VALUE
        ? a + 0
        : nonNegativeNumber(fn, a, fieldPath(base, i, "amount", columnar), "NEGATIVE_AMOUNT");
}

/** Validates row `i` (an object `{ customerId, at, amount? }`) into `cell`. */
export function readRow(fn: string, row: unknown, cell: RowCell, arg: string, i: number, seconds: SecondsCheck): void {
  if (typeof row !== "object" || row === null || Array.isArray(row)) record(fn, row, `${arg}[${i}]`);
  const r = row as { customerId?: unknown; at?: unknown; amount?: unknown };
  const id = r.customerId;
  const at = r.at;
  if (id === undefined || at === undefined) misnamedField(fn, row as object, id === undefined ? "customerId" : "at", `${arg}[${i}]`);
  readFields(fn, id, at, r.amount, cell, arg, i, false, seconds);
}

/** Normalised key: lower case without `_`, `-`, `.` or spaces (`Customer_ID` → `customerid`). */
function keyOf(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]/g, "");
}

/** Column names that CSV exports and databases use for each field. */
const ALIASES: Record<"customerId" | "at", readonly string[]> = {
  customerId: ["customerid", "customer", "custid", "clientid", "client", "userid", "user", "memberid", "accountid", "buyerid", "id"],
  at: ["date", "datetime", "timestamp", "time", "ts", "orderdate", "purchasedate", "transactiondate", "createdat", "purchasedat", "orderedat", "when"],
};

/** A spend column under another name: `value`, `price`, `total`, `revenue`, `order_total`, `Amount`… */
const AMOUNT_LIKE = /^(amount|value|price|total|revenue|sales|spend|paid|cost|monetary|gross|subtotal)|(amount|value|price|total|revenue|sales|spend|cost)$/;

/** A snippet of the row mapping that fixes misnamed fields. */
function mapFix(field: string, found: string, numeric: boolean): string {
  const read = /^[A-Za-z_$][\w$]*$/.test(found) ? `r.${found}` : `r[${JSON.stringify(found)}]`;
  return `rows.map((r) => ({ ...r, ${field}: ${numeric ? `Number(${read})` : read} }))`;
}

/**
 * Throws for a row whose `customerId` or `at` is missing, naming a column that is probably that field under
 * another name (`customer_id`, `date`, `timestamp`: the usual CSV headers) and the mapping that fixes it.
 * Returns when no such column is there (the field's own check then says what is missing).
 */
export function misnamedField(fn: string, row: object, field: "customerId" | "at", base: string): void {
  if (field in row) return; // present but undefined: the field's own check reports it
  const found = Object.keys(row).find((k) => k !== field && ALIASES[field].includes(keyOf(k)));
  if (found === undefined) return;
  fail(
    fn,
    field === "customerId" ? "INVALID_CUSTOMER_ID" : "INVALID_DATE",
    `${base}.${field} is missing, but the row has ${JSON.stringify(found)}: the fields are named customerId and at; ` +
      `rename the fields first, e.g. ${mapFix(field, found, false)}`,
    `${base}.${field}`,
  );
}

/** The first key of `row` that looks like a spend column holding a number (or a number as text), or null. */
function amountAlias(row: unknown): string | null {
  if (typeof row !== "object" || row === null || "amount" in row) return null;
  for (const k of Object.keys(row)) {
    if (k === "customerId" || k === "at" || !AMOUNT_LIKE.test(keyOf(k))) continue;
    const v = (row as Record<string, unknown>)[k];
    if ((typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && numericStringHint(v) !== "")) return k;
  }
  return null;
}

/**
 * Watches for a misnamed spend: the first row has no `amount` but a spend-like numeric field. While no row
 * has `amount`, each row is looked at (one `in`); once one has, the watch ends. Rows without any spend
 * field are normal (purchases without amounts count 0) and cost nothing.
 */
class AmountWatch {
  alias: string | null = null;

  first(row: unknown): void {
    this.alias = amountAlias(row);
  }

  see(row: unknown): void {
    if (typeof row === "object" && row !== null && "amount" in row) this.alias = null;
  }

  done(fn: string, arg: string): void {
    const found = this.alias;
    if (found === null) return;
    fail(
      fn,
      "INVALID_INPUT",
      `no row of ${arg} has an amount, but ${arg}[0] has the number ${JSON.stringify(found)}: a misnamed spend would ` +
        `count as 0. Map it to amount, e.g. ${mapFix("amount", found, true)}; for purchases that really have no ` +
        `spend, give the rows amount: 0`,
      `${arg}[0].amount`,
    );
  }
}

/** Refuses the input read with `seconds` when its numeric times are epoch seconds. */
function secondsDone(fn: string, seconds: SecondsCheck, base: string, columnar: boolean): void {
  seconds.done(fn, (i) => fieldPath(base, i, "at", columnar));
}

/** {@link readRow} for a row whose `customerId` was already read (as `id`): each field is read once. */
function readRowWithId(fn: string, row: unknown, id: unknown, cell: RowCell, arg: string, i: number, seconds: SecondsCheck): void {
  if (typeof row !== "object" || row === null || Array.isArray(row)) record(fn, row, `${arg}[${i}]`);
  const r = row as { at?: unknown; amount?: unknown };
  const at = r.at;
  if (id === undefined || at === undefined) misnamedField(fn, row as object, id === undefined ? "customerId" : "at", `${arg}[${i}]`);
  readFields(fn, id, at, r.amount, cell, arg, i, false, seconds);
}

/** Calls `visit` with each validated row; throws with `arg[i].field` paths. Arrays are read by index. */
export function forEachTransaction(
  fn: string,
  rows: unknown,
  arg: string,
  visit: (id: CustomerId, ms: number, amount: number, index: number) => void,
): void {
  const cell = rowCell();
  const seconds = new SecondsCheck();
  const amounts = new AmountWatch();
  if (Array.isArray(rows)) {
    for (let i = 0; i < rows.length; i++) {
      const row: unknown = rows[i];
      if (i === 0) amounts.first(row);
      else if (amounts.alias !== null) amounts.see(row);
      readRow(fn, row, cell, arg, i, seconds);
      visit(cell.id, cell.ms, cell.amount, i);
    }
  } else {
    let i = 0;
    for (const row of iterable<unknown>(fn, rows, arg)) {
      if (i === 0) amounts.first(row);
      else if (amounts.alias !== null) amounts.see(row);
      readRow(fn, row, cell, arg, i, seconds);
      visit(cell.id, cell.ms, cell.amount, i);
      i++;
    }
  }
  secondsDone(fn, seconds, arg, false);
  amounts.done(fn, arg);
}

/** Folds transaction rows into a summary state (the loop of {@link forEachTransaction}, without a callback). */
export function addTransactions(fn: string, rows: unknown, arg: string, state: SummaryState): void {
  const cell = rowCell();
  const seconds = new SecondsCheck();
  const amounts = new AmountWatch();
  if (Array.isArray(rows)) {
    // The scan for direct mode reads the ids; they are kept, so that no row's customerId is read twice.
    const scan = state.size === 0;
    const seen = seenIds(scan ? rows.length : 0);
    const direct = scan ? directIdCapacity(rows, true, seen) : 0;
    state.prepare(rows.length, direct);
    const known = seen.count;
    const ids = seen.ids;
    for (let i = 0; i < rows.length; i++) {
      const row: unknown = rows[i];
      if (i === 0) amounts.first(row);
      else if (amounts.alias !== null) amounts.see(row);
      if (i < known) readRowWithId(fn, row, ids[i]!, cell, arg, i, seconds);
      else if (i === known && seen.hasStray) readRowWithId(fn, row, seen.stray, cell, arg, i, seconds);
      else readRow(fn, row, cell, arg, i, seconds);
      state.push(cell);
    }
  } else {
    let i = 0;
    for (const row of iterable<unknown>(fn, rows, arg)) {
      if (i === 0) amounts.first(row);
      else if (amounts.alias !== null) amounts.see(row);
      readRow(fn, row, cell, arg, i++, seconds);
      state.push(cell);
    }
  }
  secondsDone(fn, seconds, arg, false);
  amounts.done(fn, arg);
  state.flush();
}

/** An array or a typed array (not a DataView): something read by index with a length. */
function column(fn: string, value: unknown, path: string): ArrayLike<unknown> {
  if (!(Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView)))) {
    fail(fn, "INVALID_TYPE", `${path} must be an array or a typed array, got ${show(value)}`, path);
  }
  return value as ArrayLike<unknown>;
}

/** Throws when columns have no `amount` but a spend-like column of numbers (`value`, `price`, …). */
function misnamedAmountColumn(fn: string, c: Record<string, unknown>, arg: string): void {
  for (const k of Object.keys(c)) {
    if (k === "customerId" || k === "at" || !AMOUNT_LIKE.test(keyOf(k))) continue;
    const col = c[k];
    const isNumbers = (ArrayBuffer.isView(col) && !(col instanceof DataView)) || (Array.isArray(col) && (col.length === 0 || typeof col[0] === "number" || numericStringHint(col[0]) !== ""));
    if (!isNumbers) continue;
    fail(
      fn,
      "INVALID_INPUT",
      `${arg} has no amount column, but has the numbers ${JSON.stringify(k)}: a misnamed spend would count as 0. ` +
        `Pass it as amount (${arg}.amount = ${arg}[${JSON.stringify(k)}]); for purchases that really have no spend, say so with amount: undefined`,
      `${arg}.amount`,
    );
  }
}

/** Validates the shape of `{ customerId, at, amount? }` columns: equal lengths, arrays or typed arrays. */
export function transactionColumns(
  fn: string,
  value: unknown,
  arg: string,
): { ids: ArrayLike<unknown>; at: ArrayLike<unknown>; amount: ArrayLike<unknown> | undefined; length: number } {
  const c = record(fn, value, arg);
  const ids = isDictionaryIds(c.customerId) ? dictionaryCodes(fn, c.customerId, `${arg}.customerId`) : column(fn, c.customerId, `${arg}.customerId`);
  const at = column(fn, c.at, `${arg}.at`);
  if (c.amount === undefined && !("amount" in c)) misnamedAmountColumn(fn, c, arg);
  const amount = c.amount === undefined ? undefined : column(fn, c.amount, `${arg}.amount`);
  const length = ids.length;
  for (const [name, col] of [["at", at], ["amount", amount]] as const) {
    if (col !== undefined && col.length !== length) {
      fail(fn, "INVALID_INPUT", `${arg}.${name} has ${col.length} values but ${arg}.customerId has ${length}`, `${arg}.${name}`);
    }
  }
  return { ids, at, amount, length };
}

/** Folds `{ customerId, at, amount? }` columns into a summary state; row errors name `arg.field[i]`. */
export function addColumns(fn: string, columns: unknown, arg: string, state: SummaryState): void {
  const { ids, at, amount, length } = transactionColumns(fn, columns, arg);
  const cell = rowCell();
  const seconds = new SecondsCheck();
  const coded = (columns as { customerId: unknown }).customerId;
  if (isDictionaryIds(coded)) {
    addDictionaryColumns(fn, coded as DictionaryIds, ids as Int32Array | Uint32Array, at, amount, arg, state);
  } else if (isTypedNumbers(ids) && at instanceof Float64Array && (amount === undefined || amount instanceof Float64Array)) {
    // Typed columns: one scan validates and sizes direct mode, then the state reads the columns itself.
    const scan = scanTypedColumns(ids, at, amount, state.size === 0);
    if (scan.bad >= 0) {
      const bad = scan.bad;
      readFields(fn, ids[bad], at[bad], amount === undefined ? undefined : amount[bad], cell, arg, bad, true, seconds);
    }
    for (let i = 0; i < length && !seconds.outside; i++) seconds.see(at[i]!, i); // usually stops at row 0
    secondsDone(fn, seconds, arg, true);
    if (scan.direct > 0) {
      state.prepare(0, scan.direct); // the direct fold sorts straight from the columns: no row buffer
      state.foldDirectColumns(ids, at, amount);
    } else {
      state.prepare(length, 0);
      state.pushColumns(ids, at, amount);
    }
  } else {
    state.prepare(length, state.size === 0 ? directIdCapacity(ids, false) : 0);
    for (let i = 0; i < length; i++) {
      readFields(fn, ids[i], at[i], amount === undefined ? undefined : amount[i], cell, arg, i, true, seconds);
      state.push(cell);
    }
    secondsDone(fn, seconds, arg, true);
  }
  state.flush();
}

/** Whether an id column is dictionary-encoded: an object with `codes` and `dictionary`, not an array. */
export function isDictionaryIds(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value) && "codes" in value && "dictionary" in value;
}

/** The codes of dictionary-encoded ids, checked to be an `Int32Array` or a `Uint32Array`. */
function dictionaryCodes(fn: string, value: unknown, path: string): Int32Array | Uint32Array {
  const codes = (value as { codes: unknown }).codes;
  if (!(codes instanceof Int32Array || codes instanceof Uint32Array)) {
    const fix = Array.isArray(codes) || ArrayBuffer.isView(codes) ? "; convert it with Int32Array.from(codes)" : "";
    fail(fn, "INVALID_TYPE", `${path}.codes must be an Int32Array or a Uint32Array of dictionary indices, got ${show(codes)}${fix}`, `${path}.codes`);
  }
  return codes;
}

/**
 * The dictionary of dictionary-encoded ids, read once: every entry a valid customer id (named
 * `path.dictionary[j]`), no entry twice (DUPLICATE_ID: two codes would be one customer), and the entries'
 * indices in the canonical id order ({@link compareIds}), which the caller needs to create customers in it.
 */
function readDictionary(fn: string, value: unknown, path: string): { entries: CustomerId[]; sorted: Int32Array } {
  const raw = value as { dictionary: unknown };
  const dictionary = raw.dictionary;
  if (!(Array.isArray(dictionary) || (ArrayBuffer.isView(dictionary) && !(dictionary instanceof DataView)))) {
    fail(fn, "INVALID_TYPE", `${path}.dictionary must be an array of ids (strings), got ${show(dictionary)}; from an Arrow chunk, pass data.dictionary.toArray()`, `${path}.dictionary`);
  }
  const list = dictionary as ArrayLike<unknown>;
  const m = list.length;
  const entries: CustomerId[] = new Array(m);
  let strings = true;
  for (let j = 0; j < m; j++) {
    const v = list[j];
    if (typeof v === "string" && v.length > 0) entries[j] = v;
    else {
      entries[j] = customerId(fn, v, `${path}.dictionary[${j}]`);
      if (entries[j] === 0) entries[j] = 0; // -0 is the id 0, as with plain ids
      strings = false;
    }
  }
  const order = new Array<number>(m);
  for (let j = 0; j < m; j++) order[j] = j;
  if (strings) {
    // The common case, compared inline (code-unit order, as compareIds orders strings).
    const s = entries as string[];
    order.sort((a, b) => {
      const x = s[a]!;
      const y = s[b]!;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
  } else order.sort((a, b) => compareIds(entries[a]!, entries[b]!) || a - b);
  const sorted = Int32Array.from(order);
  for (let k = 1; k < m; k++) {
    const a = sorted[k - 1]!;
    const b = sorted[k]!;
    if (entries[a] === entries[b]) {
      const at = `${path}.dictionary[${b}]`;
      fail(fn, "DUPLICATE_ID", `${at} ${show(entries[b])} is also ${path}.dictionary[${a}]: a dictionary lists each id once (deduplicate it and remap the codes)`, at);
    }
  }
  return { entries, sorted };
}

/**
 * Folds columns with dictionary-encoded ids: the dictionary is read and ordered once, each code checked to
 * index it (INVALID_CUSTOMER_ID naming `arg.customerId.codes[i]`), each dictionary entry in use becomes a
 * customer once, in id order, and then the rows go in by code: one array lookup per row instead of a
 * hash-map lookup of the id. Unused entries make no customer. The same summary as the ids themselves.
 */
function addDictionaryColumns(
  fn: string,
  coded: DictionaryIds,
  codes: Int32Array | Uint32Array,
  at: ArrayLike<unknown>,
  amount: ArrayLike<unknown> | undefined,
  arg: string,
  state: SummaryState,
): void {
  const path = `${arg}.customerId`;
  const { entries, sorted } = readDictionary(fn, coded, path);
  const m = entries.length;
  const n = codes.length;
  const cell = rowCell();
  const seconds = new SecondsCheck();
  const badCode = (i: number, c: number): never => {
    const where = `${path}.codes[${i}]`;
    return fail(fn, "INVALID_CUSTOMER_ID", `${where} must index ${path}.dictionary (0 to ${m - 1}), got ${c}${c < 0 ? " (a null id? drop the rows without an id first)" : ""}`, where);
  };
  // used[j] = 1 when a row within the observation end has code j: only those entries become customers.
  const used = new Uint8Array(m);
  const endMs = periodStart(state.lastPeriod + 1, state.period);
  let ms: Float64Array;
  let spend: Float64Array | undefined;
  if (at instanceof Float64Array && (amount === undefined || amount instanceof Float64Array)) {
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      if (!(c >= 0 && c < m)) badCode(i, c);
      const t = at[i]!;
      if (!rowValid(0, t, amount === undefined ? 0 : amount[i]!)) {
        readFields(fn, entries[c], t, amount === undefined ? undefined : amount[i], cell, arg, i, true, seconds);
      }
      if (t < endMs) used[c] = 1;
    }
    for (let i = 0; i < n && !seconds.outside; i++) seconds.see(at[i]!, i); // usually stops at row 0
    ms = at;
    spend = amount;
  } else {
    // Times or amounts not in typed arrays (Dates, strings): each row read and validated once, then folded by code.
    ms = new Float64Array(n);
    spend = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      if (!(c >= 0 && c < m)) badCode(i, c);
      readFields(fn, entries[c], at[i], amount === undefined ? undefined : amount[i], cell, arg, i, true, seconds);
      ms[i] = cell.ms;
      spend[i] = cell.amount;
      if (cell.ms < endMs) used[c] = 1;
    }
  }
  secondsDone(fn, seconds, arg, true);
  if (state.isEmpty) {
    // A new state: the entries in use, in id order, are numbered 0, 1, ... (their rank); the rows go in by
    // rank in direct mode (a record per customer at its rank, no id lookup) and the ranks are named at the end.
    const rankOf = new Int32Array(m);
    const names: CustomerId[] = [];
    for (let k = 0; k < m; k++) {
      const j = sorted[k]!;
      if (used[j] !== 0) {
        rankOf[j] = names.length;
        names.push(entries[j]!);
      }
    }
    if (names.length === 0) {
      state.pushCoded(rankOf, codes, ms, spend); // every row is after the end: counted, left out
      return;
    }
    const ranks = new Int32Array(n);
    for (let i = 0; i < n; i++) ranks[i] = rankOf[codes[i]!]!;
    state.prepare(0, names.length);
    state.foldDirectColumns(ranks, ms, spend);
    state.nameSlots(names);
    return;
  }
  // Customers are created in id order, so that the output's sort meets them already sorted; then the rows.
  state.flush();
  // Creating a customer may renumber the others (a state leaving direct mode), so the slots are read once
  // all exist: a second lookup of a known id changes nothing.
  for (let k = 0; k < m; k++) {
    const j = sorted[k]!;
    if (used[j] !== 0) state.slot(entries[j]!);
  }
  const slotOf = new Int32Array(m);
  for (let j = 0; j < m; j++) if (used[j] !== 0) slotOf[j] = state.slot(entries[j]!);
  state.prepare(n, 0);
  state.pushCoded(slotOf, codes, ms, spend);
}

function isTypedNumbers(ids: ArrayLike<unknown>): ids is Int32Array | Uint32Array | Float64Array {
  return ids instanceof Int32Array || ids instanceof Uint32Array || ids instanceof Float64Array;
}

/**
 * One pass over typed columns: `bad`, the first row {@link readFields} would refuse (-1 if none), and
 * `direct`, what {@link directIdCapacity} gives for the ids (0 when `wantDirect` is false or a row is bad).
 * Reading 10 M rows twice cost more than the checks; the distinct ids are counted from the bitmap at the
 * end, so the loop has no branch on whether an id is new.
 */
export function scanTypedColumns(
  ids: Int32Array | Uint32Array | Float64Array,
  at: Float64Array,
  amount: Float64Array | undefined,
  wantDirect: boolean,
): { bad: number; direct: number } {
  const n = at.length;
  let bits = new Uint32Array(wantDirect ? 1024 : 0);
  let max = -1;
  let i = 0;
  for (; wantDirect && i < n; i++) {
    const x = ids[i]!;
    if (!rowValid(x, at[i]!, amount === undefined ? 0 : amount[i]!)) return { bad: i, direct: 0 };
    if (!(x >= 0 && x < DIRECT_CEILING && (x | 0) === x)) break; // not direct: validate the rest below
    if (x > max) {
      max = x;
      if (x >>> 5 >= bits.length) bits = grownBits(bits, x >>> 5);
    }
    bits[x >>> 5]! |= 1 << (x & 31);
  }
  const direct = wantDirect && i === n ? directCapacityFor(max, countBits(bits)) : 0;
  for (; i < n; i++) {
    if (!rowValid(ids[i]!, at[i]!, amount === undefined ? 0 : amount[i]!)) return { bad: i, direct: 0 };
  }
  return { bad: -1, direct };
}

/** {@link fieldsValid} for a typed row: a finite id, a time in Date's range, a finite amount ≥ 0. */
function rowValid(id: number, at: number, amount: number): boolean {
  return at >= -MAX_TIME && at <= MAX_TIME && id - id === 0 && amount >= 0 && amount <= Number.MAX_VALUE;
}

export interface SummaryOptionsResolved {
  observationEndMs: number;
  period: FixedUnit;
  unit: FixedUnit;
  monetary: "repeat" | "all";
}

/** Reads a fixed unit option, with INVALID_UNIT for anything else. */
export function unitOption(fn: string, value: unknown, path: string, fallback: FixedUnit): FixedUnit {
  if (value === undefined) return fallback;
  if (value !== "day" && value !== "week") {
    fail(fn, "INVALID_UNIT", `${path} must be "day" or "week", got ${show(value)}`, path);
  }
  return value;
}

/** The keys of the shared summary options ({@link SummarizeOptions}). */
export const SUMMARY_KEYS = ["observationEnd", "asOf", "period", "unit", "monetary"] as const satisfies readonly (keyof SummarizeOptions)[];

/** Validates the shared summary options (`period`, `unit`, `monetary`) and the as-of time (`observationEnd` or `asOf`). */
export function summaryOptions(fn: string, options: unknown): SummaryOptionsResolved {
  return readSummaryOptions(fn, optionsBag(fn, options, SUMMARY_KEYS), null);
}

/**
 * {@link summaryOptions} over a snapshot already read: the end date is the as-of time (`observationEnd`,
 * synonym `asOf`), or the named key `endKey` (such as `calibrationEnd`) when given.
 */
export function readSummaryOptions(
  fn: string,
  o: OptionsSnapshot<"period" | "unit" | "monetary"> & { readonly asOf: unknown; readonly observationEnd: unknown },
  endKey: string | null,
): SummaryOptionsResolved {
  let observationEndMs: number;
  if (endKey === null) observationEndMs = requiredAsOf(fn, o, "observationEnd");
  else {
    const end = (o as Record<string, unknown>)[endKey];
    if (end === undefined) fail(fn, "INVALID_OPTION", `options.${endKey} is required`, `options.${endKey}`);
    observationEndMs = time(fn, end, `options.${endKey}`);
  }
  return {
    observationEndMs,
    period: unitOption(fn, o.period, "options.period", "day"),
    unit: unitOption(fn, o.unit, "options.unit", DEFAULT_UNIT),
    monetary: o.monetary === undefined ? "repeat" : oneOf(fn, o.monetary, "options.monetary", ["repeat", "all"] as const),
  };
}

/** Columns are a non-iterable object with `customerId` and `at` (rows are any iterable: arrays, sets, generators). */
export function isColumns(batch: unknown): batch is TransactionColumns {
  return (
    typeof batch === "object" &&
    batch !== null &&
    typeof (batch as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function" &&
    "customerId" in batch &&
    "at" in batch
  );
}
