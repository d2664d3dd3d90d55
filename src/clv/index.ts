// Public exports of the clv domain.
export {};
// BG/NBD, MBG/NBD, Pareto/NBD and the predictions over every transaction model
export type { RfCustomer, OpportunityCustomer, TransactionCustomer, RfRow } from "./transactionModels.js";
export { fitBgNbd, type FitBgNbdOptions, type BgNbdFit } from "./fitBgNbd.js";
export { fitModifiedBgNbd, type ModifiedBgNbdFit } from "./fitModifiedBgNbd.js";
export { fitParetoNbd, type FitParetoNbdOptions, type ParetoNbdFit } from "./fitParetoNbd.js";
export { expectedPurchases } from "./expectedPurchases.js";
export { conditionalExpectedPurchases } from "./conditionalExpectedPurchases.js";
export { probabilityAlive, type ProbabilityAliveOptions } from "./probabilityAlive.js";
export { probabilityOfPurchases } from "./probabilityOfPurchases.js";
