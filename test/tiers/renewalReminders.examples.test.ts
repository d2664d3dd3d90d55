import { describe, it } from "vitest";
import { exampleCases } from "../churn/testkit.js";

describe("the renewal-reminder and touchpoint TSDoc examples", () => {
  for (const file of ["src/tiers/renewalReminders.ts", "src/tiers/touchpoints.ts"]) {
    for (const c of exampleCases(file)) it(`run and show their results: ${c.name}`, c.run);
  }
});
