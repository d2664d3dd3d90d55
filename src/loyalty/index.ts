// Public exports of the loyalty domain.
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
