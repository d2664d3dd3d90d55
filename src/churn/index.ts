// Public exports of the churn domain.
export {};
