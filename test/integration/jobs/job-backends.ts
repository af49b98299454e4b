import { Redis } from "ioredis";
import type { QueueBackendOptions } from "../../../jobs/queue-backend.ts";
import { TEST_REDIS_URL, type TestDatabase } from "../../helpers/test-database.ts";

/** The two places the queues can live; every job runtime suite runs against both. */
export const BACKENDS = [
  { name: "redis", connect: (_db: TestDatabase) => ({ redisUrl: TEST_REDIS_URL }) },
  { name: "postgres", connect: (db: TestDatabase) => ({ postgres: { connectionString: db.url } }) },
] as const satisfies readonly { name: string; connect(db: TestDatabase): Pick<QueueBackendOptions, "redisUrl" | "postgres"> }[];

/** Deletes this test's Redis keys (the PostgreSQL schema goes with the test database). */
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
