// Public exports of the engine domain.
export {};
