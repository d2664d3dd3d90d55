// E[Y(t) | history] and P(alive) of a validated customer, dispatched over the four transaction models (the
// kernels of transactionKernels and horizonSums). Not re-exported.
import { bgBbConditionalExpectedPurchases, bgBbProbabilityAlive } from "./bgBbMath.js";
import { bgConditionalExpected, bgProbabilityAlive } from "./bgNbdMath.js";
import { paretoConditionalExpected, paretoProbabilityAlive } from "./paretoNbdMath.js";
import type { TransactionModel } from "./types.js";

/** E[Y(t) | x, t_x, age] for a validated model and customer (age = T, or n for BG/BB; t whole for BG/BB). */
export function conditionalExpectedKernel(model: TransactionModel, x: number, tx: number, age: number, t: number): number {
  switch (model.model) {
    case "bg-nbd":
      return bgConditionalExpected(model.params, 0, x, tx, age, t);
    case "mbg-nbd":
      return bgConditionalExpected(model.params, 1, x, tx, age, t);
    case "pareto-nbd":
      return paretoConditionalExpected(model.params, x, tx, age, t);
    case "bg-bb":
      return bgBbConditionalExpectedPurchases(model.params, x, tx, age, t);
  }
}

/** P(alive) for a validated model and customer (BG/BB: at the next opportunity, the paper's eq. 11). */
export function probabilityAliveKernel(model: TransactionModel, x: number, tx: number, age: number): number {
  switch (model.model) {
    case "bg-nbd":
      return bgProbabilityAlive(model.params, 0, x, tx, age);
    case "mbg-nbd":
      return bgProbabilityAlive(model.params, 1, x, tx, age);
    case "pareto-nbd":
      return paretoProbabilityAlive(model.params, x, tx, age);
    case "bg-bb":
      return bgBbProbabilityAlive(model.params, x, tx, age, 1);
  }
}
