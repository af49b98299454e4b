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
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Feature } from "../../src/app/feature.ts";
import { loadConfig } from "../../src/config.ts";
import { startApp, type RunningApp } from "../../src/main.ts";
import type { Clock } from "../../src/shared/clock.ts";
import { silentLogger, type Logger } from "../../src/shared/logger.ts";
import { createSlackDriver, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type SlackDriver } from "./slack-driver.ts";
import { startSlackFakeApi, type SlackFakeApi } from "./slack-fake-api.ts";

/** The running server, the fake Web API it calls, and a driver for it. */
export interface SlackServer {
  app: RunningApp;
  fake: SlackFakeApi;
  driver: SlackDriver;
  close(): Promise<void>;
}

/** Starts fake and server; the database at `databaseUrl` is migrated by start-up and not seeded. */
export async function startSlackServer(options: {
  databaseUrl: string;
  features?: readonly Feature[];
  clock?: Clock;
  logger?: Logger;
  env?: Record<string, string>;
}): Promise<SlackServer> {
  const fake = await startSlackFakeApi();
  let app: RunningApp;
  try {
    const config = loadConfig({
      DATABASE_URL: options.databaseUrl,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "silent",
      SAMVERKA_DATA_DIR: mkdtempSync(path.join(tmpdir(), "samverka-slack-")),
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      ...options.env,
    });
    app = await startApp(config, {
      logger: options.logger ?? silentLogger,
      seedExample: false,
      playground: false,
      ...(options.features === undefined ? {} : { features: options.features }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
  } catch (error) {
    await fake.close();
    throw error;
  }
  if (app.url === undefined) throw new Error("startApp did not start the HTTP server");
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
