// Public exports of the tiers domain.
export {};
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
