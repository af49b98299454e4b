import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamsAdapter, isLoopbackHost } from "../../../adapters/teams/index.ts";
import type { InboundEvent, InboundHandler } from "../../../src/chat/inbound.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { createTestInbox } from "../../helpers/test-inbox.ts";

const credentials = { clientId: "11111111-2222-3333-4444-555555555555", clientSecret: "not-a-real-secret", tenantId: "a1b2c3d4-0000-0000-0000-000000000000" };

const activity = {
  type: "message",
  id: "1",
  channelId: "msteams",
  serviceUrl: "http://127.0.0.1:9/",
  from: { id: "29:mallory", aadObjectId: "aad-mallory" },
  recipient: { id: `28:${credentials.clientId}`, name: "Samverka" },
  conversation: { id: "a:mallory", conversationType: "personal" },
  text: "status",
};

describe("Teams request authentication", () => {
  let db: TestDatabase;
  let server: Server;
  let url: string;
  const events: InboundEvent[] = [];
  const handler: InboundHandler = { handle: (event) => (events.push(event), Promise.resolve()) };

  beforeAll(async () => {
    db = await createTestDatabase();
    const adapter = createTeamsAdapter({ credentials, handler, inbox: createTestInbox(db.db), db: db.db, logger: silentLogger, host: "0.0.0.0" });
    await adapter.start();
    const app = express();
    app.use(adapter.router);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await db?.drop();
  });

  it("refuses an unsigned activity with 401 when credentials are set", async () => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
    expect(events).toHaveLength(0);
  });

  it("refuses an activity with a forged token when credentials are set", async () => {
    const forged = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify({ aud: credentials.clientId, iss: "https://api.botframework.com" })).toString("base64url")}.`;
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${forged}` }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
    expect(events).toHaveLength(0);
  });

  it("will not start without credentials on an address other machines can reach, and says how to fix it", () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.10"]) {
      expect(() => createTeamsAdapter({ handler, inbox: createTestInbox(db.db), db: db.db, logger: silentLogger, host })).toThrow(/TEAMS_CLIENT_ID.*HOST=127\.0\.0\.1/s);
    }
  });

  it("accepts unauthenticated requests without credentials only on loopback, and says so at start-up", async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_o: object | string, msg?: string) => void warnings.push(msg ?? ""), child: () => logger };
    const adapter = createTeamsAdapter({ handler, inbox: createTestInbox(db.db), db: db.db, logger, host: "127.0.0.1" });
    await adapter.start();
    await adapter.start();
    // Samverka's own line, once; the Teams SDK's "dangerouslyAllowUnauthenticatedRequests" warning is kept at debug.
    expect(warnings).toEqual([expect.stringMatching(/accepts unauthenticated requests.*loopback address 127\.0\.0\.1/)]);
  });

  it("knows which listen addresses are loopback", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "::", "10.0.0.1", "samverka.example.se"].some(isLoopbackHost)).toBe(false);
  });
});
