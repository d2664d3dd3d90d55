// Public exports of the tiers domain.
export {};
