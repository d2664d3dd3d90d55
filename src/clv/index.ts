// Public exports of the clv domain.
export {};
