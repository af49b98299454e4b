/**
 * A connection terminated by the server while the app holds it (between two statements of a transaction, or while the
 * sweep holds its advisory lock) must fail that work, not the process: pg emits 'error' on a checked-out client, and
 * an 'error' nobody hears is an uncaught exception.
 */
import { createRequire } from "node:module";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueueBackend } from "../../../jobs/queue-backend.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { ADMIN_URL, createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

describe("a database connection lost while in use", () => {
  let database: TestDatabase;
  const uncaught: unknown[] = [];
  const hear = (err: unknown) => void uncaught.push(err);

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    process.on("uncaughtException", hear);
  });
  afterAll(async () => {
    process.off("uncaughtException", hear);
    await database.drop();
  });

  it("fails the work that held it, keeps the process and the pool usable", async () => {
    const attempt = database.db.connection().execute(async (conn) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
      await admin.end();
      // The termination reaches the idle, checked-out client as an 'error' event before the next statement.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sql`select 1`.execute(conn);
    });
    await expect(attempt).rejects.toThrow();
    expect(uncaught).toEqual([]);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows[0]!.one).toBe(1);
  });

  it("hears errors on the LISTEN client BullMQ's PostgreSQL backend builds from the pg module itself", () => {
    // BullMQ loads pg with require and builds its LISTEN client with `new pg.Client(…)`, attaching its own listener only after connect.
    const moduleClient = () => new (createRequire(import.meta.url)("pg") as typeof pg).Client({ connectionString: database.url });
    createQueueBackend({ postgres: { connectionString: database.url }, prefix: "heard", logger: silentLogger });
    expect(moduleClient().listenerCount("error")).toBe(1);
  });
});
