// Public exports of the data model: errors, time, and the shapes of transactions and summaries.
export { ERROR_CODES, RetentionKitError, type ErrorCode } from "./RetentionKitError.js";
export { parseTime, type AsOfTime, type CustomerId, type TimeInput, type TimeUnit } from "./time.js";
export type { CustomerSummary, DictionaryIds, Transaction, TransactionColumns } from "./types.js";
