import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as root from "../src/index.js";

const src = fileURLToPath(new URL("../src/", import.meta.url));
// Domains exposed from the package root; plot has its own subpath and internal is private.
const ROOT_DOMAINS = ["data", "retention", "clv", "rfm", "nps", "churn", "tiers", "loyalty", "engine"];

describe("the public barrel", () => {
  it("re-exports every domain's index and nothing from src/internal", () => {
    const index = readFileSync(`${src}index.ts`, "utf8");
    for (const d of ROOT_DOMAINS) expect(index).toContain(`./${d}/index.js`);
    expect(index).not.toContain("internal");
  });

  it("reaches every runtime export of every domain index (export * drops clashing names silently)", async () => {
    for (const d of ROOT_DOMAINS) {
      const mod = (await import(`${src}${d}/index.ts`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        expect((root as Record<string, unknown>)[name], `${d} exports ${name}`).toBe(value);
      }
    }
  });

  it("keeps every domain file's runtime exports either public or used only inside the package", async () => {
    // Files may export helpers for sibling files; none of them may shadow a public name with another value.
    for (const d of ROOT_DOMAINS) {
      for (const f of readdirSync(`${src}${d}`).filter((f) => f.endsWith(".ts") && f !== "index.ts")) {
        const mod = (await import(`${src}${d}/${f}`)) as Record<string, unknown>;
        for (const [name, value] of Object.entries(mod)) {
          if (name in root) expect((root as Record<string, unknown>)[name], `${d}/${f} exports ${name}`).toBe(value);
        }
      }
    }
  });

  it("has no default export", () => {
    expect("default" in root).toBe(false);
  });
});
