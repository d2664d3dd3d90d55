export { ERROR_CODES, RetentionKitError, type ErrorCode } from "./RetentionKitError.js";
export { parseTime, type AsOfTime, type CustomerId, type TimeInput, type TimeUnit } from "./time.js";
export type { CustomerSummary, Transaction } from "./types.js";
export { summarizeTransactions, type SummarizeOptions } from "./summarizeTransactions.js";
export {
  splitCalibrationHoldout,
  type CalibrationHoldoutOptions,
  type CalibrationHoldoutRow,
} from "./splitCalibrationHoldout.js";
