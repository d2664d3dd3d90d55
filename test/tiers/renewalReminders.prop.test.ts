import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renewalReminders, type SubscriptionCycle, type Subscription } from "../../src/index.js";

const DAY = 86_400_000;
const base = Date.UTC(2020, 0, 1);
const cycle: fc.Arbitrary<SubscriptionCycle> = fc.oneof(
  fc.constantFrom<SubscriptionCycle>("monthly", "quarterly", "annual"),
  fc.integer({ min: 1, max: 24 }).map((months) => ({ months })),
  fc.integer({ min: 1, max: 90 }).map((days) => ({ days })),
);
const sub = (i: number): fc.Arbitrary<Subscription> =>
  fc.record({ customerId: fc.constant(i), startAt: fc.integer({ min: 0, max: 2000 }).map((d) => base + d * DAY + (d % 3) * 3_600_000), cycle });
const subs = fc.array(fc.nat(), { maxLength: 10 }).chain((xs) => fc.tuple(...xs.map((_, i) => sub(i))));
const asOf = fc.integer({ min: 0, max: 2500 }).map((d) => base + d * DAY);
const offsets = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 4 });
const horizon = fc.integer({ min: 0, max: 200 });

describe("renewalReminders properties", () => {
  it("puts every reminder on or after asOf, inside the horizon, in order", () => {
    fc.assert(
      fc.property(subs, asOf, offsets, horizon, (ss, t, offs, h) => {
        const rows = renewalReminders(ss, { asOf: t, offsetsDays: offs, horizonDays: h });
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i]!;
          expect(r.remindAt >= t && r.remindAt <= t + h * DAY).toBe(true);
          expect(r.remindAt).toBe(r.renewalAt - r.offsetDays * DAY);
          if (i > 0) expect(rows[i - 1]!.remindAt <= r.remindAt).toBe(true);
        }
      }),
    );
  });

  it("puts monthly renewals on the start's day of month, clamped to the month's end", () => {
    fc.assert(
      fc.property(sub(0), asOf, (s, t) => {
        const rows = renewalReminders([{ ...s, cycle: "monthly" }], { asOf: t, offsetsDays: [0], horizonDays: 400 });
        const start = new Date(s.startAt as number);
        for (const r of rows) {
          const d = new Date(r.renewalAt);
          const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
          expect(d.getUTCDate()).toBe(Math.min(start.getUTCDate(), last));
          expect(d.getUTCHours()).toBe(start.getUTCHours());
        }
        if ((s.startAt as number) <= t) expect(rows.length).toBeGreaterThanOrEqual(12);
      }),
    );
  });

  it("finds in a shorter window exactly the rows of a longer one that fall inside it", () => {
    fc.assert(
      fc.property(subs, asOf, offsets, horizon, horizon, (ss, t, offs, h1, h2) => {
        const [short, long] = h1 <= h2 ? [h1, h2] : [h2, h1];
        const a = renewalReminders(ss, { asOf: t, offsetsDays: offs, horizonDays: short });
        const b = renewalReminders(ss, { asOf: t, offsetsDays: offs, horizonDays: long }).filter((r) => r.remindAt <= t + short * DAY);
        expect(a).toEqual(b);
      }),
    );
  });
});
