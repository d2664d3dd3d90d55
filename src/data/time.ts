import { time as parse } from "../internal/time.js";

/**
 * A point in time: a `Date`, epoch milliseconds, or an ISO-8601 string (`"1997-01-01"`, `"19970101"`,
 * `"1997-01-01T10:30:00Z"`, `"1997-01-01T10:30:00+02:00"`). A date-time without an offset is read as UTC,
 * never as the machine's local time. Results always carry times as epoch milliseconds.
 *
 * @category Data
 * @example
 * ```ts
 * const a: TimeInput = "1997-01-01";
 * const b: TimeInput = new Date(Date.UTC(1997, 0, 1));
 * const c: TimeInput = 852076800000;
 * ```
 */
export type TimeInput = Date | number | string;

/**
 * The as-of time of a call, under either of its two names: `asOf` and `observationEnd` are exact synonyms
 * everywhere in the library (give one of them; both are accepted when they are the same instant, and
 * INVALID_OPTION when they differ). Each function's options say which name it documents as primary.
 *
 * @category Data
 * @example
 * ```ts
 * const a: AsOfTime = { asOf: "1998-06-30" };
 * const b: AsOfTime = { observationEnd: "1998-06-30" };
 * ```
 */
export type AsOfTime = { asOf: TimeInput; observationEnd?: TimeInput } | { observationEnd: TimeInput; asOf?: TimeInput };

/**
 * A customer's id, kept exactly as given: `1` and `"1"` are different customers.
 *
 * @category Data
 * @example
 * ```ts
 * const id: CustomerId = "C-0042";
 * ```
 */
export type CustomerId = string | number;

/**
 * A fixed unit of elapsed time: `"day"` = 86 400 000 ms, `"week"` = 7 days.
 *
 * @category Data
 * @example
 * ```ts
 * const unit: TimeUnit = "week";
 * ```
 */
export type TimeUnit = "day" | "week";

/**
 * Converts a {@link TimeInput} to epoch milliseconds (UTC), strictly: impossible dates such as
 * `"1997-02-30"`, unparseable strings, invalid `Date`s and non-finite numbers are refused.
 *
 * @param value - a `Date`, epoch milliseconds or an ISO-8601 string
 * @returns epoch milliseconds
 * @throws RetentionKitError `INVALID_DATE` when the value is not a valid instant
 * @category Data
 * @example
 * ```ts
 * parseTime("1997-01-01");
 * // => 852076800000
 * parseTime("1997-01-01T02:00:00+02:00");
 * // => 852076800000
 * ```
 */
export function parseTime(value: TimeInput): number {
  return parse("parseTime", value, "value");
}
