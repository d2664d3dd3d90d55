// Runs the repository's Deno binary offline: no remote modules, no npm:/jsr: resolution, no lockfile or
// config picked up from the repo, and a throwaway DENO_DIR so nothing is cached between runs or machines.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DENO = join(ROOT, "node_modules/.bin/deno");
const OFFLINE = ["--no-remote", "--no-npm", "--no-lock", "--no-config"];

export interface DenoResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `deno <command> <offline flags> ...args` in `cwd`, with a fresh DENO_DIR removed afterwards. */
export function deno(command: "run" | "check", args: string[], cwd = ROOT, input?: string): DenoResult {
  const dir = mkdtempSync(join(tmpdir(), "rk-deno-"));
  try {
    const r = spawnSync(DENO, [command, ...OFFLINE, ...args], {
      cwd,
      input,
      encoding: "utf8",
      env: { ...process.env, DENO_DIR: dir, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" },
      timeout: 90_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fails with a clear message when the build is missing (these tests run after `npm run build`). */
export function requireBuild(): void {
  for (const f of ["dist/index.js", "dist/plot.js", "dist/index.d.ts", "dist/plot.d.ts"]) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
}
