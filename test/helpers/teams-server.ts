/**
 * Starts the REAL Samverka server (startApp) without Teams credentials on 127.0.0.1, for Teams e2e tests.
 *
 *   const db = await createTestDatabase();
 *   const teams = await startTeamsServer({ databaseUrl: db.url });     // optionally features, clock, env
 *   await teams.driver.command({ userId: "29:maja", aadObjectId: "aad-maja" }, "hjälp");
 *   await teams.driver.waitFor((i) => i.text.includes("…"));
 *   await teams.close();                                                // server and fake connector; then db.drop()
 *
 * The driver's activities carry serviceUrl = its fake Bot Connector, so everything the bot sends lands there.
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
import { createTeamsDriver, type TeamsDriver } from "./teams-driver.ts";

/** The running server and a driver for it (the driver owns the fake connector). */
export interface TeamsServer {
  app: RunningApp;
  driver: TeamsDriver;
  close(): Promise<void>;
}

/** Starts the server; the database at `databaseUrl` is migrated by start-up and not seeded. */
export async function startTeamsServer(options: {
  databaseUrl: string;
  features?: readonly Feature[];
  clock?: Clock;
  logger?: Logger;
  env?: Record<string, string>;
}): Promise<TeamsServer> {
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    SAMVERKA_DATA_DIR: mkdtempSync(path.join(tmpdir(), "samverka-teams-")),
    ...options.env,
  });
  const app = await startApp(config, {
    logger: options.logger ?? silentLogger,
    seedExample: false,
    playground: false,
    ...(options.features === undefined ? {} : { features: options.features }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  if (app.url === undefined) {
    await app.close();
    throw new Error("startApp did not start the HTTP server");
  }
  const driver = await createTeamsDriver({ serverUrl: app.url });
  return {
    app,
    driver,
    close: async () => {
      await app.close();
      await driver.close();
    },
  };
}
