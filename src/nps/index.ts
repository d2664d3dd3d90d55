// Public exports of the nps domain.
export {};
