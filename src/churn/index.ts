// Public exports of the churn domain.
export type {
  ChurnEvent,
  ChurnAssessment,
  ChurnContext,
  ChurnEvidence,
  ChurnFinding,
  ChurnRule,
  ChurnSignal,
  CustomerActivity,
  PreparedCustomer,
  PreparedEvent,
  RiskLevel,
  ChurnRulesConfig,
} from "./types.js";
export { detectChurnSignals, type DetectChurnSignalsOptions } from "./detectChurnSignals.js";
export { inactivityRule, type InactivityRuleOptions } from "./inactivityRule.js";
export { activityDeclineRule, type ActivityDeclineRuleOptions } from "./activityDeclineRule.js";
export { negativeFeedbackRule, type NegativeFeedbackRuleOptions } from "./negativeFeedbackRule.js";
export { featureDropRule, type FeatureDropRuleOptions } from "./featureDropRule.js";
export { renewalRiskRule, type RenewalRiskRuleOptions } from "./renewalRiskRule.js";
export { fitLogisticRegression, type FitLogisticRegressionOptions, type LogisticModel } from "./fitLogisticRegression.js";
export { predictLogistic } from "./predictLogistic.js";
export { evaluateClassifier, type EvaluateClassifierOptions, type ClassifierEvaluation, type GainsRow, type CalibrationRow, type PrecisionAtK, type ScoredOutcome } from "./evaluateClassifier.js";
export { calibrateChurnRules, type CalibrateChurnRulesOptions, type ChurnCalibration, type ChurnRuleCandidate, type ChurnLevelShare } from "./calibrateChurnRules.js";
export { churnFeatures, type ChurnFeaturesOptions, type ChurnFeatureRow, type ChurnFeatureSet } from "./churnFeatures.js";
export { labelledSnapshot, type LabelledSnapshotOptions, type LabelledSnapshot, type LabelledRow, type ChurnSnapshotDefinition } from "./labelledSnapshot.js";
export { fitChurnModel, type FitChurnModelOptions, type ChurnModel } from "./fitChurnModel.js";
export { scoreChurn, type ScoreChurnOptions, type ChurnScore, type ChurnReason } from "./scoreChurn.js";
export { churnDrivers, type ChurnDriversOptions, type ChurnDriver, type ChurnDrivers } from "./churnDrivers.js";
