// The PostgreSQL server of the SQL tests, reached with the psql CLI over TCP: by default 127.0.0.1:5432 as
// role retention_kit (password retention_kit) in database retention_kit_test, which .ci/run creates; the
// usual PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE variables point it elsewhere.
import { execFileSync } from "node:child_process";

/** Output field separator: the ASCII unit separator, which no id or number here contains. */
export const SEP = "\x1f";

export interface Postgres {
  /** `user@host:port/database`, for messages. */
  server: string;
  /** Why no server can be used, or null when `SELECT 1` works. */
  reason: string | null;
  /** Runs a psql script (statements, COPY data inline) and returns its unaligned, tuples-only output. */
  psql(script: string): string;
}

/**
 * The server for a test file named by `appName`. Without a reachable server the caller skips, with a notice
 * naming `what`, unless CI=true, where that is a failure (thrown here).
 */
export function postgres(appName: string, what: string): Postgres {
  const env = {
    ...process.env,
    PGHOST: process.env["PGHOST"] ?? "127.0.0.1",
    PGPORT: process.env["PGPORT"] ?? "5432",
    PGUSER: process.env["PGUSER"] ?? "retention_kit",
    PGPASSWORD: process.env["PGPASSWORD"] ?? "retention_kit",
    PGDATABASE: process.env["PGDATABASE"] ?? "retention_kit_test",
    PGCONNECT_TIMEOUT: "5",
    PGAPPNAME: appName,
  };
  const server = `${env.PGUSER}@${env.PGHOST}:${env.PGPORT}/${env.PGDATABASE}`;
  const psql = (script: string): string => {
    try {
      return execFileSync("psql", ["-X", "-q", "-A", "-t", "-F", SEP, "-v", "ON_ERROR_STOP=1", "-f", "-"], {
        input: script,
        env,
        encoding: "utf8",
        stdio: ["pipe", "pipe", "pipe"],
        timeout: 60_000,
        maxBuffer: 256 * 1024 * 1024,
      });
    } catch (e) {
      const err = e as { code?: string; stderr?: string; message: string };
      throw new Error(err.code === "ENOENT" ? "psql is not installed" : (err.stderr ?? "").trim() || err.message);
    }
  };
  let reason: string | null;
  try {
    reason = psql("SELECT 1;").trim() === "1" ? null : "SELECT 1 did not return 1";
  } catch (e) {
    reason = (e as Error).message.split("\n")[0]!;
  }
  if (reason !== null && process.env["CI"] === "true") {
    throw new Error(`no PostgreSQL server at ${server} (CI=true): ${reason}. .ci/run starts Debian's postgresql and creates the role`);
  }
  if (reason !== null) console.warn(`notice: no PostgreSQL server at ${server} (${reason}), skipping ${what} (service postgresql start; see docs/sql.md)`);
  return { server, reason, psql };
}
