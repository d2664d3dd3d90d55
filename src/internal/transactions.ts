// Reading and validating transaction rows: one place, used by every function that takes transactions.
// Rows with a numeric `at` and a valid id and amount take an inline fast path; anything else (strings,
// Dates, bad values) goes to the slow path, which parses or throws with the row's path. Paths are built
// only when a row is refused, so a valid row allocates nothing.
import type { CustomerId } from "../data/time.js";
import type { TransactionColumns } from "../data/types.js";
import { customerId, fail, iterable, nonNegativeNumber, numericStringHint, record, show } from "./validate.js";
import { SecondsCheck, time, toMsOrNaN, type FixedUnit } from "./time.js";

/** One validated row, reused from row to row so that reading rows allocates nothing. */
export interface RowCell {
  id: CustomerId;
  ms: number;
  amount: number;
}

/** The largest |epoch ms| a Date can hold (as in time.ts). */
export const MAX_TIME = 8.64e15;

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
export class AmountWatch {
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
export function secondsDone(fn: string, seconds: SecondsCheck, base: string, columnar: boolean): void {
  seconds.done(fn, (i) => fieldPath(base, i, "at", columnar));
}

/** {@link readRow} for a row whose `customerId` was already read (as `id`): each field is read once. */
export function readRowWithId(fn: string, row: unknown, id: unknown, cell: RowCell, arg: string, i: number, seconds: SecondsCheck): void {
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

/** Whether an id column is dictionary-encoded: an object with `codes` and `dictionary`, not an array. */
export function isDictionaryIds(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value) && "codes" in value && "dictionary" in value;
}

/** The codes of dictionary-encoded ids, checked to be an `Int32Array` or a `Uint32Array`. */
export function dictionaryCodes(fn: string, value: unknown, path: string): Int32Array | Uint32Array {
  const codes = (value as { codes: unknown }).codes;
  if (!(codes instanceof Int32Array || codes instanceof Uint32Array)) {
    const fix = Array.isArray(codes) || ArrayBuffer.isView(codes) ? "; convert it with Int32Array.from(codes)" : "";
    fail(fn, "INVALID_TYPE", `${path}.codes must be an Int32Array or a Uint32Array of dictionary indices, got ${show(codes)}${fix}`, `${path}.codes`);
  }
  return codes;
}

/** Reads a fixed unit option, with INVALID_UNIT for anything else. */
export function unitOption(fn: string, value: unknown, path: string, fallback: FixedUnit): FixedUnit {
  if (value === undefined) return fallback;
  if (value !== "day" && value !== "week") {
    fail(fn, "INVALID_UNIT", `${path} must be "day" or "week", got ${show(value)}`, path);
  }
  return value;
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
