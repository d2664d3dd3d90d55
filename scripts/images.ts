// npm run images: regenerates the README pictures in docs/images/ from the bundled CDNOW sample with the
// current renderers (the same charts `npm run demo` writes to examples/output/). test/users/images.test.ts
// fails when the committed copies differ from what this writes.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cdnowCharts } from "../examples/demo/charts.js";
import { loadCdnowSample } from "../examples/lib/cdnow.js";

const dir = fileURLToPath(new URL("../docs/images/", import.meta.url));
mkdirSync(dir, { recursive: true });
const charts = cdnowCharts({ transactions: loadCdnowSample(), calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" });
for (const [name, svg] of Object.entries(charts)) {
  writeFileSync(dir + name, svg);
  console.log(`docs/images/${name} (${(svg.length / 1024).toFixed(1)} kB)`);
}
