import { readdirSync } from "node:fs";
import { describe, it } from "vitest";
import { exampleCases } from "../churn/testkit.js";

const files = readdirSync(new URL("../../src/nps/", import.meta.url)).filter((f) => f.endsWith(".ts")).map((f) => `src/nps/${f}`);

describe("the nps TSDoc examples", () => {
  for (const file of files) for (const c of exampleCases(file)) it(`run and show their results: ${c.name}`, c.run);
});
