// Public exports of the clv domain.
export {};
// BG/NBD, MBG/NBD, Pareto/NBD and the predictions over every transaction model
export type { RfCustomer, OpportunityCustomer, TransactionCustomer, RfRow, CovariateFields } from "./transactionModels.js";
export { fitBgNbd, type FitBgNbdOptions, type BgNbdFit } from "./fitBgNbd.js";
export { fitModifiedBgNbd, type ModifiedBgNbdFit } from "./fitModifiedBgNbd.js";
export { fitParetoNbd, type FitParetoNbdOptions, type ParetoNbdFit } from "./fitParetoNbd.js";
// Covariates of the buy-till-you-die models
export type { CovariatesOption, CovariateFitFields, LikelihoodRatioTest } from "./covariateFit.js";
export { indicatorColumns, type IndicatorColumnsOptions, type IndicatorColumns } from "./indicatorColumns.js";
export { expectedPurchases } from "./expectedPurchases.js";
export { conditionalExpectedPurchases } from "./conditionalExpectedPurchases.js";
export { probabilityAlive, type ProbabilityAliveOptions } from "./probabilityAlive.js";
export { probabilityOfPurchases } from "./probabilityOfPurchases.js";
// Tracking, DERT and conditional counts
export { expectedCumulativeTransactions } from "./expectedCumulativeTransactions.js";
export { discountedExpectedTransactions, type DiscountedExpectedTransactionsOptions } from "./discountedExpectedTransactions.js";
export { conditionalProbabilityOfPurchases } from "./conditionalProbabilityOfPurchases.js";
export {
  predictionIntervals,
  type PredictionIntervalsOptions,
  type PredictionIntervalsClvOptions,
  type PredictionIntervals,
  type PredictionInterval,
  type CustomerPredictionIntervals,
  type ModelWithCovariance,
} from "./predictionIntervals.js";
export { trackingTable, type TrackingTableOptions, type TrackingTableRow } from "./trackingTable.js";
// BG/BB, Gamma-Gamma, shifted-beta-geometric and simple CLV formulas
export { fitBgBb, type BgBbRow, type FitBgBbOptions, type BgBbFit } from "./fitBgBb.js";
export { fitGammaGamma, type GammaGammaRow, type FitGammaGammaOptions, type GammaGammaFit } from "./fitGammaGamma.js";
export { expectedAverageSpend } from "./expectedAverageSpend.js";
export { fitShiftedBetaGeometric, type FitShiftedBetaGeometricOptions, type SbgFit } from "./fitShiftedBetaGeometric.js";
export { retentionCurve } from "./retentionCurve.js";
export { discountedResidualLifetime, type DiscountedResidualLifetimeOptions } from "./discountedResidualLifetime.js";
export { simpleClv, type SimpleClvInput } from "./simpleClv.js";
export { historicalClv, type HistoricalClvOptions, type HistoricalClvRow } from "./historicalClv.js";
// CLV over a horizon and the calibration/holdout diagnostic
export type { CustomerLifetimeValueOptions, CustomerLifetimeValue, ClvCustomer, SpendModel } from "./customerLifetimeValue.js";
export { customerLifetimeValue } from "./customerLifetimeValue.js";
export { holdoutAccuracy, type HoldoutAccuracy, type HoldoutAccuracyOptions, type CountAccuracy, type CountCalibrationRow } from "./holdoutAccuracy.js";
export { calibrationHoldoutTable, type CalibrationHoldoutTableOptions, type CalibrationHoldoutTableRow } from "./calibrationHoldoutTable.js";
// Model against data: the calibration frequency histogram and the frequency/recency grid
export {
  periodTransactionsHistogram,
  type PeriodTransactionsHistogramOptions,
  type PeriodTransactionsHistogram,
  type PeriodTransactionsBin,
  type PooledBins,
} from "./periodTransactionsHistogram.js";
export { frequencyRecencyMatrix, type FrequencyRecencyMatrixOptions, type FrequencyRecencyMatrix } from "./frequencyRecencyMatrix.js";
// Model, parameter and fitted-model types
export type { BgNbdParams, ParetoNbdParams, BgBbParams, GammaGammaParams, SbgParams, ModelSpec, TransactionModel, FittedModel, ParameterCovariance } from "./types.js";
