// Public exports of the engine domain.
export { summarizeColumns, type TransactionColumns } from "./summarizeColumns.js";
export {
  createSummaryAccumulator,
  type SummaryAccumulator,
  type SummaryAccumulatorOptions,
  type SummaryPartial,
} from "./createSummaryAccumulator.js";
export { summarySql, type SqlDialect, type SummarySqlOptions } from "./summarySql.js";
