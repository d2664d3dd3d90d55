import { readdirSync } from "node:fs";
import { describe, it } from "vitest";
import { exampleCases } from "./testkit.js";

const files = readdirSync(new URL("../../src/churn/", import.meta.url)).filter((f) => f.endsWith(".ts")).map((f) => `src/churn/${f}`);

describe("the churn TSDoc examples", () => {
  for (const file of files) for (const c of exampleCases(file)) it(`run and show their results: ${c.name}`, c.run);
});
