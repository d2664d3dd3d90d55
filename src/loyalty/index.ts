// Public exports of the loyalty domain.
export {
  levelAt,
  levelSnapshot,
  membershipLevels,
  type LevelChange,
  type LevelCountRow,
  type MemberLevels,
  type MembershipLevel,
  type MembershipLevelsOptions,
  type MembershipLevelsResult,
  type MembershipPurchase,
  type ReviewCycle,
} from "./membershipLevels.js";
export {
  assignAccountManagers,
  type AccountAssignment,
  type AccountCustomer,
  type AccountManager,
  type AssignAccountManagersOptions,
  type KeyAccountRule,
  type ManagerAssignment,
  type ManagerLoad,
  type Reassignment,
  type UnassignedCustomer,
} from "./assignAccountManagers.js";
export {
  followUpAgenda,
  MAX_AGENDA_ROWS,
  type AgendaItem,
  type AgendaReason,
  type ComplaintFollowUp,
  type FollowUpAgendaOptions,
  type FollowUpCadence,
  type FollowUpCustomer,
  type ManagerAgenda,
} from "./followUpAgenda.js";
export {
  pointsLedger,
  type PointsAccount,
  type PointsEntry,
  type PointsEvent,
  type PointsLedger,
  type PointsLot,
  type PointsPurchase,
  type PointsRules,
} from "./pointsLedger.js";
export { type PointsLevel, type PointsPeriodCap } from "./earningRules.js";
