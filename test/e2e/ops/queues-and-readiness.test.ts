/**
 * The queue dashboard and /readyz on the REAL server, on both queue backends: Bull Board at /admin/queues behind the
 * credentials from the environment, and /readyz answering 503 once the recurring schedulers are gone (removed one
 * by one on PostgreSQL, a FLUSHDB on Redis) and 200 again after the sweep rebuilt them. The Redis runs use their own
 * DB index (1; the fault suite uses 2-15), flushed first, and run one after the other in this file.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueueBackend } from "../../../jobs/queue-backend.ts";
import { RECURRING_QUEUE } from "../../../jobs/recurring.jobs.ts";
import { loadConfig } from "../../../src/config.ts";
import { startApp, type RunningApp } from "../../../src/main.ts";
import { createManualClock, type ManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { startSlackServer, type SlackServer } from "../../helpers/slack-server.ts";
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from "../../helpers/test-database.ts";

const ADMIN = { SAMVERKA_ADMIN_USER: "drift", SAMVERKA_ADMIN_PASSWORD: "ett-langt-losenord" };
const REDIS_DB = 1;
const redisUrl = (() => {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = `/${REDIS_DB}`;
  return url.toString();
})();

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

async function flushRedis(): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    await redis.flushdb();
  } finally {
    await redis.quit();
  }
}

/** Removes every recurring scheduler the way an operator (or a lost key) would, straight in the queue store. */
async function removeSchedulers(backend: "redis" | "postgres", databaseUrl: string): Promise<number> {
  if (backend === "redis") {
    await flushRedis();
    return -1;
  }
  const direct = createQueueBackend({ postgres: { connectionString: databaseUrl }, prefix: "samverka_jobs", logger: silentLogger });
  const queue = direct.openQueue(RECURRING_QUEUE, {});
  try {
    const schedulers = await queue.getJobSchedulers();
    for (const s of schedulers) await queue.removeJobScheduler(s.key);
    return schedulers.length;
  } finally {
    await queue.close();
    await direct.close();
  }
}

async function readyz(url: string): Promise<{ status: number; body: { status: string; checks: Record<string, boolean>; reasons?: string[] } }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, boolean>; reasons?: string[] } };
}

describe.each(["postgres", "redis"] as const)("operating the queues on the %s backend", (backend) => {
  let database: TestDatabase;
  let clock: ManualClock;
  let server: SlackServer;
  let web: RunningApp | undefined;

  beforeAll(async () => {
    if (backend === "redis") await flushRedis();
    database = await createTestDatabase();
    database.pool.on("error", () => undefined);
    clock = createManualClock("2026-12-03T12:00:00Z");
    server = await startSlackServer({ databaseUrl: database.url, clock, env: { ...ADMIN, ...(backend === "redis" ? { REDIS_URL: redisUrl } : {}) } });
  }, 60_000);

  afterAll(async () => {
    await web?.close();
    await server?.close();
    await database?.drop();
    if (backend === "redis") await flushRedis();
  });

  it("refuses /admin/queues without the credentials, or with wrong ones", async () => {
    const bare = await fetch(`${server.app.url}/admin/queues`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get("www-authenticate")).toContain("Basic");
    expect((await fetch(`${server.app.url}/admin/queues/api/queues`, { headers: basic("drift", "fel-losenord-xyz") })).status).toBe(401);
    expect((await fetch(`${server.app.url}/admin/queues/api/queues`, { headers: basic("root", ADMIN.SAMVERKA_ADMIN_PASSWORD) })).status).toBe(401);
  });

  it("lists every queue, read-only, with the credentials", async () => {
    const headers = basic(ADMIN.SAMVERKA_ADMIN_USER, ADMIN.SAMVERKA_ADMIN_PASSWORD);
    const page = await fetch(`${server.app.url}/admin/queues`, { headers });
    expect(page.status).toBe(200);
    const html = await page.text();
    // The page's own script loads, behind the same credentials.
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${server.app.url}/admin/queues/${script}`)).status).toBe(401);
    expect((await fetch(`${server.app.url}/admin/queues/${script}`, { headers })).status).toBe(200);
    const api = await fetch(`${server.app.url}/admin/queues/api/queues?activeQueue=recurring&status=delayed&page=1`, { headers });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string; readOnlyMode: boolean; counts: Record<string, number>; jobs: { name: string }[] }[] };
    expect(queues.map((q) => q.name).sort()).toEqual(["outbox", "recurring", "reminders"]);
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
    // The recurring queue's next ticks wait as delayed jobs, one per scheduler.
    const recurring = queues.find((q) => q.name === "recurring")!;
    expect(recurring.counts.delayed).toBeGreaterThan(0);
    expect(recurring.jobs.length).toBe(recurring.counts.delayed);
    // The store's own figures: Redis INFO, or PostgreSQL's version and connections on the PostgreSQL backend.
    const stats = await fetch(`${server.app.url}/admin/queues/api/redis/stats`, { headers });
    expect(await stats.json()).toMatchObject({ backend: backend === "redis" ? "redis" : "postgres", version: expect.any(String) as unknown });
    const { schedulers } = (await (await fetch(`${server.app.url}/admin/queues/api/job-schedulers`, { headers })).json()) as { schedulers: { id: string }[] };
    expect(schedulers.map((s) => s.id)).toEqual(expect.arrayContaining(["meetings.daily", "alerts.cold-night-forecast", "slack.housekeeping"]));
    const pause = await fetch(`${server.app.url}/admin/queues/api/queues/outbox/pause`, { method: "PUT", headers });
    expect(pause.status).toBe(405);
  });

  it("answers /readyz 503 while the recurring schedulers are gone, and 200 after the sweep re-created them", async () => {
    expect(await readyz(server.app.url!)).toMatchObject({ status: 200, body: { status: "ready" } });
    const removed = await removeSchedulers(backend, database.url);
    if (backend === "postgres") expect(removed).toBeGreaterThan(0);

    const broken = await readyz(server.app.url!);
    expect(broken.status).toBe(503);
    expect(broken.body.checks).toEqual({ database: true, jobs: true, schedulers: false, sweep: true });
    expect(broken.body.reasons).toEqual([expect.stringContaining("recurring job schedulers are missing")]);

    expect(await server.app.sweep()).toBe(true);
    expect(await readyz(server.app.url!)).toMatchObject({ status: 200, body: { checks: { schedulers: true } } });
  });

  it("tells the truth in a web-only process too: its /readyz checks the schedulers the workers keep (and /metrics is on its own port)", async () => {
    const config = loadConfig({
      DATABASE_URL: database.url,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "silent",
      SAMVERKA_METRICS_PORT: "0",
      ...(backend === "redis" ? { REDIS_URL: redisUrl } : {}),
    });
    web = await startApp(config, { role: "web", clock, logger: silentLogger, seedExample: false, playground: false });
    expect((await readyz(web.url!)).status).toBe(200);
    // With SAMVERKA_METRICS_PORT, /metrics is served there only.
    expect(web.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(`${web.url}/metrics`)).status).toBe(404);
    const scraped = await fetch(web.metricsUrl!);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^samverka_queue_jobs\{queue="outbox",state="waiting"\} \d+$/m);
    await removeSchedulers(backend, database.url);
    expect(await readyz(web.url!)).toMatchObject({ status: 503, body: { checks: { schedulers: false } } });
    expect(await web.sweep()).toBe(false);
    expect(await server.app.sweep()).toBe(true);
    expect((await readyz(web.url!)).status).toBe(200);
  });

  it("answers 503 when no sweep completed for 45 s, and 200 once one does", async () => {
    expect(await server.app.sweep()).toBe(true);
    clock.advance(46_000);
    expect(await readyz(server.app.url!)).toMatchObject({
      status: 503,
      body: { checks: { sweep: false }, reasons: [expect.stringContaining("no worker completed the reconcile sweep")] },
    });
    expect(await server.app.sweep()).toBe(true);
    expect((await readyz(server.app.url!)).status).toBe(200);
  });
});
