// The published tarball holds only what users need (run by `npm test` after the build): dist/ (ESM, CJS,
// declarations, source maps, the UDF script), plot/ (the subpath stub for old resolvers), README.md,
// CHANGELOG.md, LICENSE and package.json — no sources, tests, examples, docs or tooling.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const [pack] = JSON.parse(execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
const files = pack.files.map((f) => f.path).sort();

const allowed = (p) => /^(dist|plot)\//.test(p) || ["README.md", "CHANGELOG.md", "LICENSE", "package.json"].includes(p);
const required = ["package.json", "README.md", "CHANGELOG.md", "LICENSE", "dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts", "dist/plot.js", "dist/plot.cjs", "dist/plot.d.ts", "dist/plot.d.cts", "dist/udf/retention-kit.js", "plot/package.json"];
const extra = files.filter((p) => !allowed(p));
const missing = required.filter((p) => !files.includes(p));

const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
console.log(`npm pack: ${files.length} files, ${kb(pack.size)} packed, ${kb(pack.unpackedSize)} unpacked`);
if (extra.length > 0 || missing.length > 0) {
  if (extra.length > 0) console.error(`pack-check: files that should not be published:\n  ${extra.join("\n  ")}`);
  if (missing.length > 0) console.error(`pack-check: files missing from the package:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
