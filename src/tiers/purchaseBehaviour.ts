import type { CustomerId } from "../data/time.js";
import { compareIds } from "../internal/ids.js";
import { array, boolean, customerId, integerAtLeast, numberInRange, optionsBag, record } from "../internal/validate.js";

/**
 * One purchase flagged by the caller, the input of {@link purchaseBehaviour}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const p: BehaviourPurchase = { customerId: 1, afterOutreach: true, discounted: false };
 * ```
 */
export interface BehaviourPurchase {
  /** Who bought. */
  readonly customerId: CustomerId;
  /** The purchase followed the business's outreach (a campaign e-mail, a call, a reminder). Default false. */
  readonly afterOutreach?: boolean;
  /** The purchase used a discount, coupon or promotion. Default false. */
  readonly discounted?: boolean;
}

/**
 * A purchase-behaviour class, from {@link purchaseBehaviour}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const b: PurchaseBehaviourClass = "promotion-driven";
 * ```
 */
export type PurchaseBehaviourClass = "active" | "passive" | "promotion-driven";

/**
 * Options of {@link purchaseBehaviour}.
 *
 * @category Tiers
 * @example
 * ```ts
 * const o: PurchaseBehaviourOptions = { promotionShare: 0.6, outreachShare: 0.5, minPurchases: 2 };
 * ```
 */
export interface PurchaseBehaviourOptions {
  /** Discounted share of purchases above which a customer is promotion-driven. Default 0.5 ("most"). */
  promotionShare?: number;
  /** Share of purchases after outreach above which a customer is passive. Default 0.5. */
  outreachShare?: number;
  /** Customers with fewer purchases get `null` (too few to tell). Default 1. */
  minPurchases?: number;
}

/**
 * One customer's purchase behaviour.
 *
 * @category Tiers
 * @example
 * ```ts
 * const r: PurchaseBehaviourRow = { customerId: 1, purchases: 4, outreachShare: 0.25, discountShare: 0.75, behaviour: "promotion-driven" };
 * ```
 */
export interface PurchaseBehaviourRow {
  /** The customer's id, as given. */
  customerId: CustomerId;
  /** Purchases counted. */
  purchases: number;
  /** Share of purchases made after outreach. */
  outreachShare: number;
  /** Share of purchases that used a discount. */
  discountShare: number;
  /** The class; `null` below `minPurchases`. */
  behaviour: PurchaseBehaviourClass | null;
}

/**
 * Classifies customers by how they buy, from purchase rows the caller flags, first match wins:
 *
 * 1. **promotion-driven** — more than `promotionShare` (half) of the purchases used a discount;
 * 2. **passive** — more than `outreachShare` (half) of the purchases followed outreach: they buy when
 *    prompted;
 * 3. **active** — everyone else: they buy on their own, at full price.
 *
 * @param purchases - rows `{ customerId, afterOutreach?, discounted? }`
 * @param options - see {@link PurchaseBehaviourOptions}
 * @returns one row per customer, sorted by `customerId` (numbers ascending, then strings)
 * @throws RetentionKitError `INVALID_CUSTOMER_ID`, `INVALID_TYPE` for a flag that is not a boolean (path
 *   `purchases[4].discounted`), `OUT_OF_RANGE` for a share outside [0, 1)
 * @throws RetentionKitError `UNKNOWN_OPTION` for an unknown key of `options` (the message lists the known keys)
 * @category Tiers
 * @example
 * ```ts
 * purchaseBehaviour([
 *   { customerId: "a", discounted: true }, { customerId: "a", discounted: true }, { customerId: "a" },
 *   { customerId: "b", afterOutreach: true }, { customerId: "b", afterOutreach: true },
 *   { customerId: "c" }, { customerId: "c", afterOutreach: true },
 * ]).map((r) => [r.customerId, r.behaviour]);
 * // => [["a", "promotion-driven"], ["b", "passive"], ["c", "active"]]
 * ```
 */
export function purchaseBehaviour(purchases: readonly BehaviourPurchase[], options?: PurchaseBehaviourOptions): PurchaseBehaviourRow[] {
  const fn = "purchaseBehaviour";
  const o = optionsBag(fn, options, ["promotionShare", "outreachShare", "minPurchases"] as const satisfies readonly (keyof PurchaseBehaviourOptions)[]);
  const promotionShare = o.promotionShare === undefined ? 0.5 : numberInRange(fn, o.promotionShare, "options.promotionShare", 0, 1, { hiOpen: true });
  const outreachShare = o.outreachShare === undefined ? 0.5 : numberInRange(fn, o.outreachShare, "options.outreachShare", 0, 1, { hiOpen: true });
  const minPurchases = o.minPurchases === undefined ? 1 : integerAtLeast(fn, o.minPurchases, "options.minPurchases", 1);
  const acc = new Map<CustomerId, [number, number, number]>();
  array<unknown>(fn, purchases, "purchases").forEach((row, i) => {
    const path = `purchases[${i}]`;
    const r = record(fn, row, path);
    const id = customerId(fn, r.customerId, `${path}.customerId`);
    const rawOutreach = r.afterOutreach; // each field read once
    const rawDiscounted = r.discounted;
    const outreach = rawOutreach === undefined ? false : boolean(fn, rawOutreach, `${path}.afterOutreach`);
    const discounted = rawDiscounted === undefined ? false : boolean(fn, rawDiscounted, `${path}.discounted`);
    let a = acc.get(id);
    if (a === undefined) acc.set(id, (a = [0, 0, 0]));
    a[0]++;
    if (outreach) a[1]++;
    if (discounted) a[2]++;
  });
  return [...acc]
    .sort((x, y) => compareIds(x[0], y[0]))
    .map(([customerId, [n, out, disc]]) => {
      const outreachShareOf = out / n;
      const discountShare = disc / n;
      const behaviour: PurchaseBehaviourClass | null =
        n < minPurchases ? null : discountShare > promotionShare ? "promotion-driven" : outreachShareOf > outreachShare ? "passive" : "active";
      return { customerId, purchases: n, outreachShare: outreachShareOf, discountShare, behaviour };
    });
}
