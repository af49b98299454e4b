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

/**
 * A pg Client whose connection errors are always heard. pg emits 'error' on a checked-out client when the server
 * ends its connection (restart, failover, pg_terminate_backend), even with a query in flight that the error also
 * rejects; a checked-out client has no pool listener, so unheard that 'error' crashes the process. Heard here, the
 * caller's query fails as it should and the pool drops the broken client on release. Used for every pool we configure,
 * BullMQ's PostgreSQL backend included.
 */
export function clientHeardBy(logger: Logger): typeof pg.Client {
  return class HeardClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      this.on("error", (err) => logger.warn({ reason: err.message }, "database connection lost while in use"));
    }
  };
}

/**
 * Makes the pg module's own `Client` one that hears its errors. BullMQ's PostgreSQL backend builds its LISTEN client
 * with `new pg.Client(…)` (not from a pool we configure) and listens for 'error' only once `connect()` has resolved:
 * a termination read in the same packet as "ready" (a connection storm, a failover) is emitted before that, unheard,
 * and crashed the process in the fault suite. Called by the queue backend before it opens anything.
 */
export function hearEveryModuleClient(logger: Logger): void {
  if (Object.prototype.hasOwnProperty.call(pg.Client, HEARD)) return;
  const heard = clientHeardBy(logger);
  Object.defineProperty(heard, HEARD, { value: true });
  pg.Client = heard;
}

const HEARD = Symbol("samverka.heard");

/** Connects to `connectionString`; the pool is shared by Kysely and closed once. */
export function connectDatabase(connectionString: string, options: { max?: number; logger?: Logger } = {}): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, Client: clientHeardBy(options.logger ?? silentLogger) });
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
