import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "../../src/db/database.ts";
import { silentLogger, type Logger } from "../../src/shared/logger.ts";

// Postgres `date` columns stay ISO strings (2026-12-03): a JS Date would shift them across time zones.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));

/** A Kysely instance over a pg pool, plus the pool for BullMQ's PostgreSQL backend. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Connects to `connectionString`; the pool is shared by Kysely and closed once. */
export function connectDatabase(connectionString: string, options: { max?: number; logger?: Logger } = {}): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle client dropped by the server (restart, failover) is re-emitted by pg-pool; unheard, it would crash the process.
  pool.on("error", (err) => (options.logger ?? silentLogger).warn({ err }, "idle database connection lost; the pool reconnects on next use"));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    close: async () => {
      await db.destroy();
    },
  };
}
