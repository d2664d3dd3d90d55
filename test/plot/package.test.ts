// The plot charts ship as their own subpath so the core stays small.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as root from "../../src/index.js";
import * as plot from "../../src/plot/index.js";

const file = (p: string): string => readFileSync(fileURLToPath(new URL(`../../${p}`, import.meta.url)), "utf8");

describe("the retention-kit/plot subpath", () => {
  it("is exported for import and require with its own declarations", () => {
    const pkg = JSON.parse(file("package.json")) as { exports: Record<string, unknown>; files: string[] };
    expect(pkg.exports["./plot"]).toEqual({
      import: { types: "./dist/plot.d.ts", default: "./dist/plot.js" },
      require: { types: "./dist/plot.d.cts", default: "./dist/plot.cjs" },
    });
    // node10-style resolution (TypeScript "moduleResolution": "node") finds the subpath through plot/package.json
    expect(pkg.files).toContain("plot");
    expect(JSON.parse(file("plot/package.json"))).toMatchObject({ main: "../dist/plot.cjs", types: "../dist/plot.d.cts" });
  });

  it("is built as its own entry and documented", () => {
    expect(file("tsup.config.ts")).toMatch(/plot: "src\/plot\/index\.ts"/);
    expect(JSON.parse(file("typedoc.json")).entryPoints).toContain("src/plot/index.ts");
  });

  it("is not part of the package root", () => {
    expect(file("src/index.ts")).not.toMatch(/plot/);
    for (const name of Object.keys(plot)) expect(name in root, name).toBe(false);
  });
});
