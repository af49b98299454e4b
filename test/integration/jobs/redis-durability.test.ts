import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRedisDurability, warnAboutRedisDurability } from "../../../jobs/redis-durability.ts";
import { silentLogger, type Logger } from "../../../src/shared/logger.ts";
import { TEST_REDIS_URL } from "../../helpers/test-database.ts";

describe("reading Redis's eviction and persistence settings", () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it("reads what CONFIG GET says on this machine's Redis", async () => {
    const [, policy] = await redis.config("GET", "maxmemory-policy");
    const [, save] = await redis.config("GET", "save");
    const [, appendonly] = await redis.config("GET", "appendonly");
    expect(await readRedisDurability(redis)).toEqual({ maxmemoryPolicy: policy, save, appendonly: appendonly === "yes" });
  });

  it("falls back to INFO where CONFIG is not allowed (managed Redis)", async () => {
    const noConfig = new Proxy(redis, {
      get: (target, prop) => (prop === "config" ? () => Promise.reject(new Error("ERR unknown command 'config'")) : (Reflect.get(target, prop) as unknown)),
    });
    const read = await readRedisDurability(noConfig);
    const [, policy] = await redis.config("GET", "maxmemory-policy");
    expect(read).toMatchObject({ maxmemoryPolicy: policy, save: undefined });
    expect(typeof read.appendonly).toBe("boolean");
  });

  it("logs one line per problem at start and never throws", async () => {
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (_o, msg) => void warnings.push(msg ?? ""), child: () => logger };
    await warnAboutRedisDurability(redis, logger);
    const d = await readRedisDurability(redis);
    expect(warnings.length).toBe((d.maxmemoryPolicy !== "noeviction" ? 1 : 0) + (d.appendonly === false && d.save === "" ? 1 : 0));
    const closed = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    await expect(warnAboutRedisDurability(closed, logger)).resolves.toBeUndefined();
  });
});
