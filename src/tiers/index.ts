// Public exports of the tiers domain.
export { quantileTiers, type QuantileTiersOptions, type ValueInput, type ValueTier } from "./quantileTiers.js";
export { thresholdTiers, type ThresholdTiersOptions } from "./thresholdTiers.js";
export { abcClassify, type AbcClassSummary, type AbcOptions, type AbcResult, type AbcRow } from "./abcClassify.js";
export {
  lifecycleInputs,
  lifecycleStage,
  type LifecycleInput,
  type LifecycleInputsOptions,
  type LifecycleOptions,
  type LifecycleRow,
  type LifecycleStageName,
} from "./lifecycleStage.js";
export {
  renewalFrequencyClass,
  type RenewalClassOptions,
  type RenewalClassRow,
  type RenewalCycle,
  type RenewalInput,
} from "./renewalFrequencyClass.js";
export {
  purchaseBehaviour,
  type BehaviourPurchase,
  type PurchaseBehaviourClass,
  type PurchaseBehaviourOptions,
  type PurchaseBehaviourRow,
} from "./purchaseBehaviour.js";
export {
  tierTransitions,
  type TierAssignment,
  type TierMove,
  type TierTransitionOptions,
  type TierTransitionResult,
} from "./tierTransitions.js";
export {
  nextRenewalAt,
  renewalReminders,
  type SubscriptionCycle,
  type RenewalReminder,
  type RenewalRemindersOptions,
  type Subscription,
} from "./renewalReminders.js";
export {
  touchpoints,
  type Touchpoint,
  type TouchpointCustomer,
  type TouchpointSequence,
  type TouchpointsOptions,
} from "./touchpoints.js";
