// Regressions for touchpoints at the edge of the Date range (±8.64e15 ms).
import { describe, expect, it } from "vitest";
import { touchpoints } from "../../src/index.js";

const MAX = 8.64e15; // +275760-09-13T00:00:00Z
const DAY = 86_400_000;

describe("touchpoints near the largest Date", () => {
  it("keeps the birthdays inside the range when the window runs past it (the year of the end was NaN)", () => {
    // A birthday on Sep 10: in year 275760 it falls 3 days before the end of time.
    const rows = touchpoints([{ customerId: 1, birthday: "2000-09-10" }], { asOf: MAX - 20 * DAY, horizonDays: 30, sequences: [] });
    expect(rows.map((r) => [r.kind, (MAX - r.at) / DAY, r.years])).toEqual([["birthday", 3, 273760]]);
  });

  it("never dates a sequence row past the range", () => {
    const rows = touchpoints(
      [{ customerId: 1, firstPurchaseAt: MAX - 2 * DAY, events: [{ type: "purchase", at: MAX - 2 * DAY }] }],
      { asOf: MAX - 3 * DAY, horizonDays: 30, birthday: false, anniversary: false, sequences: [{ kind: "w", trigger: "firstPurchase", offsetsDays: [1, 2, 3, 1e300] }] },
    );
    expect(rows.map((r) => [r.offsetDays, (MAX - r.at) / DAY])).toEqual([[1, 1], [2, 0]]);
  });
});
