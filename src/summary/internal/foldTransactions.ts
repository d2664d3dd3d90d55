// Folding transactions into a summary state: rows (objects) and columns (arrays, typed arrays, dictionary-coded
// ids). The validation of each row is the shared reader's (internal/transactions.ts); what is here chooses the
// fastest layout for the state (direct mode for dense integer ids, codes for dictionary ids) and feeds it.
import type { CustomerId } from "../../data/time.js";
import type { DictionaryIds } from "../../data/types.js";
import { countBits, grownBits } from "../../internal/bits.js";
import { compareIds } from "../../internal/ids.js";
import { SecondsCheck, periodStart } from "../../internal/time.js";
import {
  AmountWatch,
  MAX_TIME,
  readFields,
  readRow,
  readRowWithId,
  rowCell,
  secondsDone,
  transactionColumns,
  isDictionaryIds,
} from "../../internal/transactions.js";
import { customerId, fail, iterable, show } from "../../internal/validate.js";
import { DIRECT_CEILING, directCapacityFor, directIdCapacity, seenIds } from "./directIds.js";
import { encodeStrings } from "./encodeStrings.js";
import type { SummaryState } from "./summaryState.js";

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

/**
 * Folds `{ customerId, at, amount? }` columns into a summary state; row errors name `arg.field[i]`. With
 * `encode`, a plain array of string ids going into an empty state is dictionary-encoded first (see
 * encodeStrings.ts) and takes the dictionary path: the same summary, but the state's slots are then in id
 * order rather than in order of first appearance, so callers whose slot order is visible (the
 * accumulator's partials) leave it off.
 */
export function addColumns(fn: string, columns: unknown, arg: string, state: SummaryState, encode = false): void {
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
    if (encode && state.isEmpty && Array.isArray(ids) && typeof ids[0] === "string") {
      const encoded = encodeStrings(ids);
      if (encoded !== null) {
        addDictionaryColumns(fn, encoded, encoded.codes, at, amount, arg, state);
        state.flush();
        return;
      }
    }
    state.prepare(length, state.size === 0 ? directIdCapacity(ids, false) : 0);
    for (let i = 0; i < length; i++) {
      readFields(fn, ids[i], at[i], amount === undefined ? undefined : amount[i], cell, arg, i, true, seconds);
      state.push(cell);
    }
    secondsDone(fn, seconds, arg, true);
  }
  state.flush();
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
