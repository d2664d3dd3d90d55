// Public exports of the rfm domain.
export {};
