// Public face of the summary: transactions folded into one buy-till-you-die summary per customer, as rows
// (summarizeTransactions), from columns (summarizeColumns), as columns (summaryTable), in mergeable parts
// (createSummaryAccumulator), split at a calibration end (splitCalibrationHoldout) and as SQL (summarySql).
// All of them fold into the one state in internal/summaryState.ts.
export { summarizeTransactions } from "./summarizeTransactions.js";
export type { SummarizeOptions, SummaryTable, SummaryTableOptions, TypedSummaryTable } from "./types.js";
export { summarizeColumns } from "./summarizeColumns.js";
export { summaryTable } from "./summaryTable.js";
export {
  createSummaryAccumulator,
  type SummaryAccumulator,
  type SummaryAccumulatorOptions,
  type SummaryPartial,
} from "./createSummaryAccumulator.js";
export {
  splitCalibrationHoldout,
  type CalibrationHoldoutOptions,
  type CalibrationHoldoutRow,
} from "./splitCalibrationHoldout.js";
export { summarySql, type SqlDialect, type SummarySqlOptions } from "./summarySql.js";
