/**
 * Starts the REAL Samverka server (startApp) with Slack pointed at a loopback fake, for e2e tests.
 *
 *   const db = await createTestDatabase();
 *   const slack = await startSlackServer({ databaseUrl: db.url });            // optionally features, clock, env
 *   await slack.driver.command({ userId: "U0MAJA" }, "hjälp");
 *   await slack.driver.waitFor((i) => i.text.includes("…"));
 *   await slack.close();                                                        // server and fake; then db.drop()
 *
 * Jobs run on BullMQ's PostgreSQL backend inside the test database (no REDIS_URL), so test files stay isolated.
 */
import type { RunningApp } from "../../src/main.ts";
import { createSlackDriver, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type SlackDriver } from "./slack-driver.ts";
import { startSlackFakeApi, type SlackFakeApi } from "./slack-fake-api.ts";
import { startTestApp, type TestServerOptions } from "./test-app.ts";

/** The running server, the fake Web API it calls, and a driver for it. */
export interface SlackServer {
  app: RunningApp;
  fake: SlackFakeApi;
  driver: SlackDriver;
  close(): Promise<void>;
}

/** Starts fake and server; the database at `databaseUrl` is migrated by start-up and not seeded. */
export async function startSlackServer(options: TestServerOptions): Promise<SlackServer> {
  const fake = await startSlackFakeApi();
  let app: RunningApp & { url: string };
  try {
    app = await startTestApp(options, { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl });
  } catch (error) {
    await fake.close();
    throw error;
  }
  const driver = createSlackDriver({ serverUrl: app.url, fake, ...(options.clock === undefined ? {} : { clock: options.clock }) });
  return {
    app,
    fake,
    driver,
    close: async () => {
      await app.close();
      await fake.close();
    },
  };
}
