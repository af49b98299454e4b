/**
 * The floor for reminders: BullMQ alone, on Redis or on its PostgreSQL backend. Queues BENCH_JOBS no-op jobs all
 * due at BENCH_DUE_AT (delayed jobs, as reminders are), runs them with a worker of BENCH_CONCURRENCY (Samverka's
 * reminder concurrency), and reports when each finished, over IPC.
 */
import { Queue, Worker, createPostgresBackend, withBackend } from "bullmq";
import { Redis } from "ioredis";
import { randomBytes } from "node:crypto";
import { announce } from "./target-process.ts";

const count = Number(process.env.BENCH_JOBS);
const dueAt = Number(process.env.BENCH_DUE_AT);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
const prefix = `bench_raw_${randomBytes(4).toString("hex")}`;
const name = "reminders";
// Completion times go to the bench in batches, so a run that stalls still reports what it did.
let pending: number[] = [];
const onDone = () => {
  pending.push(Date.now());
};
setInterval(() => {
  if (pending.length === 0) return;
  process.send?.({ type: "done", times: pending });
  pending = [];
}, 200).unref();

let queue: { addBulk(jobs: { name: string; data: unknown; opts: object }[]): Promise<unknown>; close(): Promise<void> };
let worker: { close(): Promise<void>; waitUntilReady(): Promise<unknown> };
let redis: Redis | undefined;
if (process.env.REDIS_URL !== undefined) {
  redis = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(name, { connection: redis, prefix });
  worker = new Worker(name, async () => onDone(), { connection: new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null }), prefix, concurrency });
} else {
  const { Queue: PostgresQueue, Worker: PostgresWorker } = withBackend(createPostgresBackend);
  const connection = { connectionString: process.env.DATABASE_URL!, schema: prefix, migrate: true, max: 5 };
  queue = new PostgresQueue(name, { connection }) as never;
  worker = new PostgresWorker(name, async () => onDone(), { connection, concurrency }) as never;
}
await worker.waitUntilReady();
const delay = Math.max(0, dueAt - Date.now());
for (let i = 0; i < count; i += 500) {
  const page = Array.from({ length: Math.min(500, count - i) }, (_, j) => ({ name: "noop", data: { n: i + j }, opts: { jobId: `r-${i + j}`, delay: Math.max(0, dueAt - Date.now()), removeOnComplete: true } }));
  await queue.addBulk(page);
}
process.send?.({ type: "queued", at: Date.now(), delay });
announce("");

process.once("SIGTERM", () => {
  void (async () => {
    await worker.close();
    await queue.close();
    if (redis !== undefined) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== "0");
      await redis.quit();
    }
    process.exit(0);
  })();
});
