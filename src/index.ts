/**
 * retention-kit: customer-retention metrics and segmentation models.
 *
 * @packageDocumentation
 * @module retention-kit
 */
export * from "./data/index.js";
export * from "./summary/index.js";
export * from "./retention/index.js";
export * from "./clv/index.js";
export * from "./rfm/index.js";
export * from "./nps/index.js";
export * from "./churn/index.js";
export * from "./tiers/index.js";
export * from "./loyalty/index.js";
export * from "./engine/index.js";
