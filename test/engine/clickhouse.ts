// The two-shard ClickHouse cluster of the ClickHouse tests. scripts/clickhouse-cluster.sh starts two
// clickhouse-server processes on 127.0.0.1 (tcp ports 19000 and 19001, or RK_CLICKHOUSE_PORT1 /
// RK_CLICKHOUSE_PORT2) with a remote_servers entry `rk_two_shards`. `useCluster` starts it when it is not
// already running and says whether the caller must stop it at the end; without clickhouse-server /
// clickhouse-client it gives the reason to skip, unless CI=true, where that is a failure.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Row } from "./helpers.js";

const SCRIPT = fileURLToPath(new URL("../../scripts/clickhouse-cluster.sh", import.meta.url));
export const PORT1 = Number(process.env["RK_CLICKHOUSE_PORT1"] ?? "19000");
export const PORT2 = Number(process.env["RK_CLICKHOUSE_PORT2"] ?? "19001");

/**
 * Runs one statement on the server at `port` (data for an INSERT on stdin; a long statement without data goes
 * on stdin itself, past the argument-size limit); returns its TabSeparated output.
 */
export function ch(port: number, query: string, input: string | Buffer = "", settings: readonly string[] = []): string {
  const viaStdin = input === "" && query.length > 100_000;
  try {
    return execFileSync("clickhouse-client", ["--host", "127.0.0.1", "--port", String(port), ...settings, ...(viaStdin ? [] : ["--query", query])], {
      input: viaStdin ? query : input,
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
      timeout: 120_000,
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    throw new Error(err.code === "ENOENT" ? "clickhouse-client is not installed" : (err.stderr ?? "").trim() || err.message);
  }
}

/** Runs the cluster script; returns null on success or the reason it failed. */
export function cluster(command: "start" | "stop" | "status"): string | null {
  try {
    execFileSync("bash", [SCRIPT, command], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
    return null;
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    return ((err.stderr ?? "") + (err.stdout ?? "")).trim() || err.message;
  }
}

/**
 * Starts the cluster unless it runs already; says why it cannot be used (null when it can), and whether the
 * caller started it (and so stops it in its afterAll). Throws under CI=true when there is no cluster; prints a
 * notice naming `what` otherwise.
 */
export function useCluster(what: string): { reason: string | null; started: boolean } {
  let up: { reason: string | null; started: boolean };
  if (cluster("status") === null) up = { reason: null, started: false };
  else {
    const why = cluster("start");
    up = why === null ? { reason: null, started: true } : { reason: why.split("\n")[0]!, started: false };
  }
  if (up.reason !== null && process.env["CI"] === "true") {
    throw new Error(`no ClickHouse cluster on 127.0.0.1:${PORT1},${PORT2} (CI=true): ${up.reason}. .ci/run installs clickhouse-server and clickhouse-client`);
  }
  if (up.reason !== null) {
    console.warn(`notice: no ClickHouse cluster (${up.reason}), skipping ${what} (apt-get install clickhouse-server clickhouse-client; see docs/sql.md)`);
  }
  return up;
}

/** A ClickHouse identifier in backquotes. */
export const quote = (name: string): string => `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``;
/** A ClickHouse string literal. */
export const literal = (s: string): string => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** CDNOW_master.txt (23,570 customers, 69,659 rows) as transaction rows: id, UTC date, dollar value. */
export function cdnowMaster(): Row[] {
  const path = fileURLToPath(new URL("../fixtures/cdnow/CDNOW_master.txt", import.meta.url));
  const rows: Row[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || !/^\d+$/.test(f[0]!)) continue;
    const d = f[1]!;
    rows.push({ customerId: Number(f[0]), at: Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))), amount: Number(f[3]) });
  }
  return rows;
}

/** Whether clickhouse-server and clickhouse-client are installed (the test files skip, or fail under CI=true, when not). */
export function clickhouseInstalled(): boolean {
  try {
    execFileSync("bash", ["-c", "command -v clickhouse-client >/dev/null && { command -v clickhouse-server >/dev/null || [ -x /usr/sbin/clickhouse-server ]; }"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
