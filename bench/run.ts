// npm run bench: runs every bench/*.bench.ts in its own Node process (so memory figures are per file).
// Pass names to run a subset: `npm run bench -- summary rfm`.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
let failed = 0;
for (const f of files) {
  console.log(`\n### ${f}`);
  const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=16384", "--import", "tsx", `${dir}${f}`], {
    stdio: "inherit",
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
