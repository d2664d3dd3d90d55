// Public exports of the retention domain.
export {};
