// An in-memory DuckDB for a test file: opened (UTC, with one schema) before its tests, closed after them.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll } from "vitest";

/** Registers the file's DuckDB; `conn` is its connection once the tests run. */
export function useDuckDb(schema: string): { readonly conn: DuckDBConnection } {
  let db: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;
  beforeAll(async () => {
    db = await DuckDBInstance.create(":memory:");
    conn = await db.connect();
    await conn.run(`SET TimeZone = 'UTC'`);
    await conn.run(`CREATE SCHEMA "${schema}"`);
  });
  afterAll(() => {
    conn?.closeSync();
    db?.closeSync();
  });
  return {
    get conn(): DuckDBConnection {
      if (conn === undefined) throw new Error("the DuckDB connection is open only while the file's tests run");
      return conn;
    },
  };
}
