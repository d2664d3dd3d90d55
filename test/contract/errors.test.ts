// docs/errors.md: every code documented, every trigger real, the document current.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, RetentionKitError } from "../../src/index.js";
import { ERROR_TABLE, renderErrorsDoc, runTrigger } from "./errorCodes.js";

const ROOT = new URL("../../", import.meta.url).pathname;

function sourceText(dir: string): string {
  let out = "";
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out += statSync(p).isDirectory() ? sourceText(p) : name.endsWith(".ts") && name !== "RetentionKitError.ts" ? readFileSync(p, "utf8") : "";
  }
  return out;
}

describe("the documented error codes", () => {
  it("has an entry for every code in ERROR_CODES and no other", () => {
    expect(Object.keys(ERROR_TABLE).sort()).toEqual([...ERROR_CODES].sort());
  });

  for (const code of ERROR_CODES) {
    const entry = ERROR_TABLE[code];
    if (entry.trigger === null) {
      it(`${code} is reserved: no source file throws it yet (add a trigger when one does)`, () => {
        expect(sourceText(join(ROOT, "src"))).not.toContain(`"${code}"`);
      });
      continue;
    }
    it(`${code} is thrown by ${entry.trigger}`, () => {
      const e = runTrigger(entry.trigger!);
      expect(e).toBeInstanceOf(RetentionKitError);
      expect((e as RetentionKitError).code).toBe(code);
      if (entry.path !== undefined) expect((e as RetentionKitError).path).toBe(entry.path);
    });
  }

  it("docs/errors.md is the generated text (run npm run errors:doc)", () => {
    expect(readFileSync(join(ROOT, "docs/errors.md"), "utf8")).toBe(renderErrorsDoc());
  });
});
