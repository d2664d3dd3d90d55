// Public exports of the retention domain.
export { retentionRate, churnRate, type RetentionCounts, type ChurnCounts } from "./retentionRate.js";
export { retentionBetween, type RetentionBetween } from "./retentionBetween.js";
export {
  cohortRetention,
  type ActivityEvent,
  type CohortMode,
  type CohortRetentionOptions,
  type CohortCells,
  type CohortRow,
  type CohortRetention,
} from "./cohortRetention.js";
export { revenueRetention, type CustomerRevenue, type RevenueRetention } from "./revenueRetention.js";
export { repeatPurchaseRate, type RepeatPurchaseOptions } from "./repeatPurchaseRate.js";
export {
  kaplanMeier,
  survivalAt,
  type SurvivalObservation,
  type ConfType,
  type KaplanMeierOptions,
  type KaplanMeierCurve,
  type SurvivalTable,
} from "./kaplanMeier.js";
export { nelsonAalen, type NelsonAalenOptions, type NelsonAalenCurve } from "./nelsonAalen.js";
export {
  logRankTest,
  type GroupedSurvivalObservation,
  type LogRankOptions,
  type LogRankGroup,
  type LogRankResult,
} from "./logRankTest.js";
export { restrictedMeanSurvival, type RestrictedMean } from "./restrictedMeanSurvival.js";
export { survivalData, type TenureRow, type SurvivalDataOptions } from "./survivalData.js";
export { timeToNthPurchase, type PurchaseTenure, type TimeToNthPurchaseOptions } from "./timeToNthPurchase.js";
export { fitCoxPh, type CoxRow, type CoxIntervalRow, type CoxPhOptions, type CoxTest, type CoxPhModel } from "./fitCoxPh.js";
export { coxSurvival, type CoxSurvivalCurve } from "./coxSurvival.js";
