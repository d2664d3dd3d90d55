/**
 * Every stable error code that retention-kit throws, grouped by the domain that first needed it.
 * A code never changes meaning once released; new codes may be added.
 *
 * @category Data
 * @example
 * ```ts
 * ERROR_CODES.includes("INVALID_DATE");
 * // => true
 * ```
 */
export const ERROR_CODES = [
  // input shape and values (all domains)
  "EMPTY_INPUT",
  "INVALID_INPUT",
  "INVALID_TYPE",
  "INVALID_NUMBER",
  "NOT_INTEGER",
  "OUT_OF_RANGE",
  "NEGATIVE_VALUE",
  "INVALID_OPTION",
  "UNKNOWN_OPTION",
  "DUPLICATE_ID",
  // data and time
  "INVALID_DATE",
  "INVALID_UNIT",
  "UNIT_MISMATCH",
  "INVALID_CUSTOMER_ID",
  "NEGATIVE_AMOUNT",
  "INVALID_RANGE",
  // retention
  "INCONSISTENT_COUNTS",
  "NEGATIVE_DURATION",
  // clv
  "INVALID_MODEL",
  "INVALID_PARAMETER",
  "INSUFFICIENT_DATA",
  // rfm and tiers
  "INVALID_THRESHOLDS",
  "UNKNOWN_LABEL",
  // nps and churn
  "INVALID_ANSWER",
  "INVALID_RULE",
  // engine
  "INVALID_CONFIG",
  "INCOMPATIBLE_SUMMARIES",
  // loyalty
  "INSUFFICIENT_POINTS",
] as const;

/**
 * The code carried by every {@link RetentionKitError}: one of {@link ERROR_CODES}.
 *
 * @category Data
 * @example
 * ```ts
 * const code: ErrorCode = "NEGATIVE_AMOUNT";
 * ```
 */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one error class of retention-kit. Every failure caused by bad input throws it, with a stable
 * `code` to branch on and a `path` naming the offending argument, row and field
 * (`"transactions[12].amount"`). The message starts with the function's name and says what was expected
 * and what was found.
 *
 * @category Data
 * @example
 * ```ts
 * try {
 *   summarizeTransactions([{ customerId: 1, at: "1997-13-01" }], { observationEnd: "1997-09-30" });
 * } catch (e) {
 *   if (e instanceof RetentionKitError) console.log(e.code, e.path);
 *   // => INVALID_DATE transactions[0].at
 * }
 * ```
 */
export class RetentionKitError extends Error {
  /** The stable error code. */
  readonly code: ErrorCode;
  /** Where the bad value is, e.g. `"transactions[12].amount"`; `null` when no single value is at fault. */
  readonly path: string | null;

  /**
   * @param code - the stable error code
   * @param message - what was expected and what was found, starting with the function's name
   * @param path - the offending argument, row and field, if one value is at fault
   */
  constructor(code: ErrorCode, message: string, path: string | null = null) {
    super(message);
    this.name = "RetentionKitError";
    this.code = code;
    this.path = path;
  }

  /** A plain, JSON-serialisable view of the error (`name`, `code`, `path`, `message`). */
  toJSON(): { name: string; code: ErrorCode; path: string | null; message: string } {
    return { name: this.name, code: this.code, path: this.path, message: this.message };
  }
}
