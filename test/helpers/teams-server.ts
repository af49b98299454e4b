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
import type { RunningApp } from "../../src/main.ts";
import { createTeamsDriver, type TeamsDriver } from "./teams-driver.ts";
import { startTestApp, type TestServerOptions } from "./test-app.ts";

/** The running server and a driver for it (the driver owns the fake connector). */
export interface TeamsServer {
  app: RunningApp;
  driver: TeamsDriver;
  close(): Promise<void>;
}

/**
 * Starts the server; the database at `databaseUrl` is migrated by start-up and not seeded. A restart passes the
 * previous connector's port: Teams' Bot Connector stays where it was while the bot restarts, and the bot refuses an
 * unauthenticated activity that moves a known conversation to another connector.
 */
export async function startTeamsServer(options: TestServerOptions & { connectorPort?: number }): Promise<TeamsServer> {
  const { connectorPort, ...serverOptions } = options;
  const app = await startTestApp(serverOptions, {});
  const driver = await createTeamsDriver({ serverUrl: app.url, connectorPort });
  return {
    app,
    driver,
    close: async () => {
      await app.close();
      await driver.close();
    },
  };
}
