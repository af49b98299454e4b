import { Redis } from "ioredis";
import { createQueueBackend, type JobQueue, type QueueBackendOptions } from "../../../jobs/queue-backend.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createTestDatabase, TEST_REDIS_URL, uniqueName, type TestDatabase } from "../../helpers/test-database.ts";

/** The two places the queues can live; every job runtime suite runs against both. */
export const BACKENDS = [{ name: "redis" }, { name: "postgres" }] as const;

/** One of the two backends. */
export type BackendName = (typeof BACKENDS)[number]["name"];

/** A fresh database and queue namespace on one backend, with direct BullMQ access for the test's own checks. */
export interface JobsTestbed {
  db: TestDatabase;
  /** What `createJobRuntime` needs to reach this backend under this testbed's namespace. */
  connection: Pick<QueueBackendOptions, "redisUrl" | "postgres" | "prefix">;
  /** Opens a queue directly, as an operator (or a lost Redis key) would see it; closed with the testbed. */
  openQueue(name: string): JobQueue;
  /** Closes the direct queues, drops the database and deletes this testbed's Redis keys. */
  close(): Promise<void>;
}

/** Creates a testbed; close it in afterAll after everything that uses its database. */
export async function createJobsTestbed(backend: BackendName, options: { migrate?: boolean } = {}): Promise<JobsTestbed> {
  const db = await createTestDatabase(options);
  // drop() force-closes connections the pool may still be ending; unheard, pg-pool rethrows that as uncaught.
  db.pool.on("error", () => undefined);
  const prefix = uniqueName("jobs");
  const connection = backend === "redis" ? { redisUrl: TEST_REDIS_URL, prefix } : { postgres: { connectionString: db.url }, prefix };
  const direct = createQueueBackend({ ...connection, logger: silentLogger });
  const queues: JobQueue[] = [];
  return {
    db,
    connection,
    openQueue: (name) => {
      const queue = direct.openQueue(name, {});
      queues.push(queue);
      return queue;
    },
    close: async () => {
      await Promise.all(queues.map((q) => q.close()));
      await direct.close();
      await db.drop();
      if (backend === "redis") await dropRedisKeys(prefix);
    },
  };
}

/** Deletes every Redis key under `prefix` (the PostgreSQL schema goes with the test database). */
export async function dropRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    await redis.quit();
  }
}
