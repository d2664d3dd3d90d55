// The README pictures in docs/images/ are the current renderers' output on the bundled CDNOW sample
// (regenerate them with `npm run images`), and each is a well-formed standalone SVG document.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cdnowCharts } from "../../examples/demo/charts.js";
import { loadCdnowSample } from "../../examples/lib/cdnow.js";

const DIR = fileURLToPath(new URL("../../docs/images/", import.meta.url));
const charts = cdnowCharts({ transactions: loadCdnowSample(), calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" });

describe("docs/images", () => {
  it("holds exactly the demo charts", () => {
    expect(readdirSync(DIR).filter((f) => f.endsWith(".svg")).sort()).toEqual(Object.keys(charts).sort());
  });

  for (const [name, svg] of Object.entries(charts)) {
    it(`${name} is up to date with the renderer (run npm run images if not)`, () => {
      expect(readFileSync(DIR + name, "utf8")).toBe(svg);
    });

    it(`${name} is a standalone SVG document with balanced tags and no script`, () => {
      const text = readFileSync(DIR + name, "utf8");
      expect(text).toMatch(/^(<\?xml[^>]*\?>\s*)?<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(text.trimEnd().endsWith("</svg>")).toBe(true);
      expect(text).not.toMatch(/<script|NaN|Infinity|undefined/);
      const stack: string[] = [];
      for (const m of text.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
        if (m[1]) expect(stack.pop()).toBe(m[2]);
        else if (!m[3]) stack.push(m[2]!);
      }
      expect(stack).toEqual([]);
    });
  }
});
