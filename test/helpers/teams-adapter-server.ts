/**
 * The Teams adapter alone on a loopback express server, with a fresh database and a driver: for adapter tests
 * whose InboundHandler is written in the test (e2e tests use teams-server.ts, the real Samverka server).
 *
 *   const world = await startTeamsAdapterServer({ handler });   // adapter options may be overridden
 *   await world.driver.message(user, "hej");
 *   await world.close();
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { createTeamsAdapter, type TeamsAdapter, type TeamsAdapterOptions } from "../../adapters/teams/index.ts";
import { silentLogger } from "../../src/shared/logger.ts";
import { createTeamsDriver, type TeamsDriver } from "./teams-driver.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";
import { createTestInbox, stopTestInboxes } from "./test-inbox.ts";

export interface TeamsAdapterServer {
  db: TestDatabase;
  adapter: TeamsAdapter;
  driver: TeamsDriver;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

export async function startTeamsAdapterServer(options: Partial<TeamsAdapterOptions> & Pick<TeamsAdapterOptions, "handler">): Promise<TeamsAdapterServer> {
  const db = await createTestDatabase();
  const adapter = createTeamsAdapter({
    db: db.db,
    logger: silentLogger,
    host: "127.0.0.1",
    access: { mode: "local", reason: "explicit" },
    inbox: createTestInbox(db.db),
    ...options,
  });
  await adapter.start();
  const app = express();
  app.use(adapter.router);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const driver = await createTeamsDriver({ serverUrl: url });
  return {
    db,
    adapter,
    driver,
    url,
    close: async () => {
      await driver.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await stopTestInboxes();
      await db.drop();
    },
  };
}
