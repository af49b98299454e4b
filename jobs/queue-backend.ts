import { createRequire } from "node:module";
import type * as BullMQ from "bullmq";
import type { DefaultJobOptions, IQueueBackend, JobProgress, Processor, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { clientHeardBy, hearEveryModuleClient } from "../adapters/postgres/database.ts";
import { SamverkaError } from "../src/shared/errors.ts";
import type { Logger } from "../src/shared/logger.ts";
import { warnAboutRedisDurability } from "./redis-durability.ts";

const require = createRequire(import.meta.url);
/**
 * BullMQ's classes, without its index: that also loads the PostgreSQL backend (1.5 MB of heap, its code and SQL), which
 * only a process without Redis uses and loads (createPostgresQueueBackend).
 */
export const bullmq = require("bullmq/dist/cjs/classes/index.js") as Pick<typeof BullMQ, "Queue" | "Worker" | "UnrecoverableError">;

/** A BullMQ queue on either backend. */
export type JobQueue = Queue<unknown, unknown, string, unknown, unknown, string, IQueueBackend, unknown>;
/** A BullMQ worker on either backend. */
export type JobWorker = Worker<unknown, unknown, string, IQueueBackend, JobProgress, unknown>;

/** Where the queues live: Redis when `redisUrl` is set, otherwise BullMQ's PostgreSQL backend. */
export interface QueueBackendOptions {
  redisUrl?: string | undefined;
  postgres?: { connectionString: string; poolSize?: number } | undefined;
  /** The namespace of every queue: the Redis key prefix, or the PostgreSQL schema. */
  prefix: string;
  logger: Logger;
}

/** Opens queues and workers on one backend and owns its shared connection. */
export interface QueueBackend {
  readonly kind: "redis" | "postgres";
  openQueue(name: string, defaultJobOptions: DefaultJobOptions): JobQueue;
  openWorker(name: string, processor: Processor, options: { concurrency: number }): JobWorker;
  /** Closes what the backend owns; call after every queue and worker is closed. */
  close(): Promise<void>;
}

/** Picks the backend from the options; throws `config_invalid` when neither Redis nor PostgreSQL is given. */
export function createQueueBackend(options: QueueBackendOptions): QueueBackend {
  if (options.redisUrl !== undefined) return createRedisBackend(options.redisUrl, options.prefix, options.logger);
  if (options.postgres !== undefined) return createPostgresQueueBackend(options.postgres, options.prefix, options.logger);
  throw new SamverkaError("config_invalid", "The job runtime needs a place for its queues: set REDIS_URL (redis://host:6379) or DATABASE_URL (PostgreSQL).");
}

function createRedisBackend(redisUrl: string, prefix: string, logger: Logger): QueueBackend {
  // BullMQ workers block on Redis; a per-request retry limit would make them throw instead of waiting out an outage.
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on("error", (error) => logger.warn({ reason: error.message }, "redis connection error; retrying"));
  // Its own short-lived connection: one try, so an unreachable Redis neither delays start-up nor holds up close.
  const probe = connection.duplicate({ maxRetriesPerRequest: 1, retryStrategy: () => null });
  probe.on("error", () => undefined);
  void warnAboutRedisDurability(probe, logger).finally(() => probe.disconnect());
  return {
    kind: "redis",
    openQueue: (name, defaultJobOptions) => new bullmq.Queue(name, { connection, prefix, defaultJobOptions }),
    openWorker: (name, processor, { concurrency }) => new bullmq.Worker(name, processor, { connection, prefix, concurrency }) as unknown as JobWorker,
    close: async () => {
      await connection.quit();
    },
  };
}

function createPostgresQueueBackend(postgres: { connectionString: string; poolSize?: number }, prefix: string, logger: Logger): QueueBackend {
  const { createPostgresBackend, withBackend } = require("bullmq") as Pick<typeof BullMQ, "createPostgresBackend" | "withBackend">;
  const { Queue: PostgresQueue, Worker: PostgresWorker } = withBackend(createPostgresBackend);
  hearEveryModuleClient(logger);
  // The schema option is only honoured in the config-object form; each queue and worker owns a small pool of it.
  const connection = {
    connectionString: postgres.connectionString,
    schema: prefix,
    migrate: true,
    max: postgres.poolSize ?? 5,
    // Without it a connect to an unreachable host waits forever.
    connectionTimeoutMillis: 5_000,
    // BullMQ checks clients out of this pool (its schema bootstrap, for one): a connection ended under them must not crash us.
    Client: clientHeardBy(logger),
  };
  return {
    kind: "postgres",
    openQueue: (name, defaultJobOptions) => new PostgresQueue(name, { connection, defaultJobOptions }) as JobQueue,
    openWorker: (name, processor, { concurrency }) => new PostgresWorker(name, processor, { connection, concurrency }) as unknown as JobWorker,
    // Each queue and worker closes the pool it opened; nothing is shared here.
    close: () => Promise.resolve(),
  };
}
