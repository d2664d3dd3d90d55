// Public exports of the engine domain.
export type { ScoreConfig, ResolvedScoreConfig, ScoreIntervalsConfig } from "./scoreConfig.js";
export type { LoyaltyConfig, ResolvedLoyalty } from "./loyaltyConfig.js";
export type { ScoreColumnsOutput, ScoreInput, ScoreOutput, ScoreResult, ScoreRow, ScoreModels, ScoreSummary, ScoreSummaryColumns, TransactionBatch } from "./scoreTypes.js";
export { createScorer, type Scorer } from "./createScorer.js";
export { SCORE_WARNING_CODES, type ScoreWarning, type ScoreWarningCode } from "./scoreWarnings.js";
export { scoreCustomers, scoreCustomerColumns } from "./scoreCustomers.js";
export type { ScoreColumns, ScoreColumnsResult } from "./scoreColumns.js";
export type { ScoreHoldout } from "./holdoutCheck.js";
export { patternsSql, type PatternsSqlOptions, type PatternSqlDialect, type SummarySource } from "./patternsSql.js";
export {
  scorePatterns,
  type HistoryPattern,
  type SpendPattern,
  type PatternInput,
  type HistoryPrediction,
  type SpendPrediction,
  type PatternScores,
} from "./scorePatterns.js";
export type { ScoreCovariatesConfig } from "./covariateColumns.js";
export { predictionsSql, type PredictionsSqlOptions, type PredictionSource } from "./predictionsSql.js";
export { rfmSql, type RfmSqlOptions } from "./rfmSql.js";
