/**
 * /readyz when what Samverka stands on is gone: a queue store that does not answer, and a database that no longer
 * exists. A web process (no workers to hang on the outage) keeps serving /healthz and says why it is not ready.
 */
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { startApp, type RunningApp } from "../../../src/main.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

const started: RunningApp[] = [];
const databases: TestDatabase[] = [];

async function startWeb(env: Record<string, string>): Promise<{ app: RunningApp; database: TestDatabase }> {
  const database = await createTestDatabase();
  database.pool.on("error", () => undefined);
  databases.push(database);
  const config = loadConfig({ DATABASE_URL: database.url, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", ...env });
  const app = await startApp(config, { role: "web", logger: silentLogger, seedExample: false, playground: false });
  started.push(app);
  return { app, database };
}

async function readyz(app: RunningApp): Promise<{ status: number; body: { checks: Record<string, boolean>; reasons?: string[] } }> {
  const res = await fetch(`${app.url}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks: Record<string, boolean>; reasons?: string[] } };
}

describe("/readyz during outages", () => {
  afterAll(async () => {
    for (const app of started) await app.close().catch(() => undefined);
    for (const database of databases) await database.drop().catch(() => undefined);
  });

  it("says the queue store does not answer when Redis is unreachable, while /healthz stays 200", async () => {
    const { app } = await startWeb({ REDIS_URL: "redis://127.0.0.1:1" });
    const { status, body } = await readyz(app);
    expect(status).toBe(503);
    expect(body.checks).toMatchObject({ database: true, jobs: false, schedulers: false });
    expect(body.reasons).toContain("the job queue store (Redis or PostgreSQL) does not answer");
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 30_000);

  it("says the database does not answer once it is gone", async () => {
    const { app, database } = await startWeb({});
    await database.drop();
    const { status, body } = await readyz(app);
    expect(status).toBe(503);
    expect(body.checks).toMatchObject({ database: false, sweep: false });
    expect(body.reasons).toContain("the database does not answer");
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 30_000);
});
