import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { startBenchRedis, type BenchRedis } from "../../bench/lib/bench-redis.ts";

describe("the bench's own Redis", () => {
  const started: BenchRedis[] = [];
  afterAll(async () => {
    await Promise.all(started.map((r) => r.stop()));
  });

  it("gives two runs on one machine stores that cannot see or delete each other's queues", async () => {
    const [a, b] = await Promise.all([startBenchRedis(), startBenchRedis()]);
    started.push(a, b);
    expect(a.url).not.toBe(b.url);
    const [ra, rb] = [new Redis(a.url), new Redis(b.url)];
    try {
      await ra.set("samverka_jobs:outbox:meta", "a");
      await rb.set("samverka_jobs:outbox:meta", "b");
      await rb.flushdb();
      expect(await ra.get("samverka_jobs:outbox:meta")).toBe("a");
    } finally {
      ra.disconnect();
      rb.disconnect();
    }
  });

  it("is gone once stopped", async () => {
    const r = await startBenchRedis();
    await r.stop();
    const client = new Redis(r.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => undefined);
    await expect(client.connect()).rejects.toThrow();
    client.disconnect();
  });
});
