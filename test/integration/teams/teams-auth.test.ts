import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamsAdapter, decideTeamsAccess, isLoopbackHost, type TeamsTables } from "../../../adapters/teams/index.ts";
import { isLoopbackUrl } from "../../../adapters/teams/auth.ts";
import { requireLocalOrigin } from "../../../adapters/teams/webhook/request-guard.ts";
import type { InboundEvent, InboundHandler } from "../../../src/chat/inbound.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { startFakeConnector, type FakeConnector } from "../../helpers/teams-fake-connector.ts";
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

async function serve(router: express.Router): Promise<{ server: Server; url: string }> {
  const app = express();
  app.use(router);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages` };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("Teams request authentication", () => {
  let db: TestDatabase;
  let validated: { server: Server; url: string };
  let local: { server: Server; url: string };
  let connector: FakeConnector;
  const events: InboundEvent[] = [];
  const handler: InboundHandler = { handle: (event) => (events.push(event), Promise.resolve()) };
  const conversations = () => db.db.withTables<TeamsTables>().selectFrom("teams_conversations").selectAll().orderBy("conversation_id").execute();

  beforeAll(async () => {
    db = await createTestDatabase();
    connector = await startFakeConnector();
    const withCredentials = createTeamsAdapter({
      access: { mode: "validated", credentials },
      handler,
      inbox: createTestInbox(db.db),
      db: db.db,
      logger: silentLogger,
      host: "0.0.0.0",
    });
    await withCredentials.start();
    validated = await serve(withCredentials.router);
    const unauthenticated = createTeamsAdapter({
      access: { mode: "local", reason: "explicit" },
      handler,
      inbox: createTestInbox(db.db),
      db: db.db,
      logger: silentLogger,
      host: "127.0.0.1",
    });
    await unauthenticated.start();
    local = await serve(unauthenticated.router);
  });
  afterAll(async () => {
    for (const s of [validated?.server, local?.server]) {
      s?.closeAllConnections();
      await new Promise((resolve) => s?.close(resolve));
    }
    await connector?.close();
    await db?.drop();
  });

  it("refuses an unsigned activity with 401 when credentials are set, and stores no conversation reference from it", async () => {
    const res = await post(validated.url, activity);
    expect(res.status).toBe(401);
    expect(events).toHaveLength(0);
    expect(await conversations()).toEqual([]);
  });

  it("refuses an activity with a forged token when credentials are set, and stores nothing from it", async () => {
    const forged = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify({ aud: credentials.clientId, iss: "https://api.botframework.com", serviceurl: activity.serviceUrl })).toString("base64url")}.`;
    const res = await post(validated.url, activity, { authorization: `Bearer ${forged}` });
    expect(res.status).toBe(401);
    expect(events).toHaveLength(0);
    expect(await conversations()).toEqual([]);
  });

  it("never serves Teams unauthenticated unless asked for local use, and refuses the request for it with a PUBLIC_URL or on an open address", () => {
    const base = { credentials: undefined, host: "127.0.0.1", publicUrl: undefined, local: undefined, localDataDir: false };
    expect(decideTeamsAccess(base).mode).toBe("off");
    expect(decideTeamsAccess({ ...base, localDataDir: true }).mode).toBe("local");
    expect(decideTeamsAccess({ ...base, localDataDir: true, publicUrl: "https://samverka.example.se" }).mode).toBe("off");
    expect(decideTeamsAccess({ ...base, localDataDir: true, host: "0.0.0.0" }).mode).toBe("off");
    expect(decideTeamsAccess({ ...base, localDataDir: true, local: false }).mode).toBe("off");
    expect(decideTeamsAccess({ ...base, local: true }).mode).toBe("local");
    expect(() => decideTeamsAccess({ ...base, local: true, publicUrl: "https://samverka.example.se" })).toThrow(/PUBLIC_URL .* reachable from outside/);
    expect(() => decideTeamsAccess({ ...base, local: true, host: "0.0.0.0" })).toThrow(/HOST=127\.0\.0\.1/);
    expect(decideTeamsAccess({ ...base, local: true, publicUrl: "https://samverka.example.se", credentials }).mode).toBe("validated");
  });

  it("refuses an unauthenticated request that a proxy forwarded, or that came from another machine", async () => {
    for (const header of ["x-forwarded-for", "forwarded", "x-real-ip", "via"]) {
      const res = await post(local.url, { ...activity, serviceUrl: `${connector.url}/` }, { [header]: "203.0.113.7" });
      expect(res.status, header).toBe(403);
    }
    const refused: number[] = [];
    const res = { status: (code: number) => (refused.push(code), { json: () => undefined }) };
    for (const remoteAddress of ["10.0.0.5", "203.0.113.7", "::ffff:192.168.1.2", undefined]) {
      let passed = false;
      requireLocalOrigin(silentLogger)({ socket: { remoteAddress }, headers: {} } as never, res as never, () => (passed = true));
      expect(passed, String(remoteAddress)).toBe(false);
    }
    expect(refused).toEqual([403, 403, 403, 403]);
    expect(events).toHaveLength(0);
  });

  it("refuses an unauthenticated activity naming a Bot Connector beyond this machine, and stores nothing", async () => {
    for (const serviceUrl of ["https://attacker.example/", "http://10.0.0.5/", "http://user@127.0.0.1:9/"]) {
      const res = await post(local.url, { ...activity, serviceUrl });
      expect(res.status, serviceUrl).toBe(403);
    }
    expect(events).toHaveLength(0);
    expect(await conversations()).toEqual([]);
  });

  it("says once, in Samverka's own words, that local Teams is unauthenticated (the SDK's own warning is kept at debug)", async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_o: object | string, msg?: string) => void warnings.push(msg ?? ""), child: () => logger };
    const adapter = createTeamsAdapter({
      access: { mode: "local", reason: "explicit" },
      handler,
      inbox: createTestInbox(db.db),
      db: db.db,
      logger,
      host: "127.0.0.1",
    });
    await adapter.start();
    await adapter.start();
    expect(warnings).toEqual([expect.stringMatching(/accepts UNAUTHENTICATED requests for local use.*only from this machine \(127\.0\.0\.1\)/)]);
  });

  it("keeps a conversation at the connector it was first seen with, and a personal chat with its first user", async () => {
    const victim = {
      ...activity,
      id: "v1",
      from: { id: "29:victim", aadObjectId: "aad-victim" },
      conversation: { id: "a:victim", conversationType: "personal" },
      serviceUrl: `${connector.url}/`,
    };
    expect((await post(local.url, victim)).status).toBe(200);
    const other = await startFakeConnector();
    try {
      // The victim's own conversation, pointed at another (loopback) connector: refused.
      expect((await post(local.url, { ...victim, id: "v2", serviceUrl: `${other.url}/` })).status).toBe(403);
      // A new conversation claiming the victim's identity is answered (local use trusts who people say they are) but
      // does not become the victim's personal chat.
      expect(
        (
          await post(local.url, {
            ...victim,
            id: "m1",
            from: { id: "29:mallory", aadObjectId: "aad-victim" },
            conversation: { id: "a:mallory", conversationType: "personal" },
            serviceUrl: `${other.url}/`,
          })
        ).status,
      ).toBe(200);
    } finally {
      await other.close();
    }
    const rows = await conversations();
    expect(rows.map((r) => [r.conversation_id, r.service_url, r.user_id, r.aad_object_id])).toEqual([
      ["a:mallory", expect.stringContaining(new URL(rows[0]!.service_url).host), null, null],
      ["a:victim", `${connector.url}/`, "29:victim", "aad-victim"],
    ]);
    expect(rows[0]!.service_url).not.toBe(`${connector.url}/`);
    expect(await db.db.withTables<TeamsTables>().selectFrom("teams_users").selectAll().execute()).toMatchObject([
      { aad_object_id: "aad-victim", user_id: "29:victim" },
    ]);
  });

  it("takes a conversation at a new connector once its row is deleted (the Playground moved to another port)", async () => {
    const moving = {
      ...activity,
      id: "p1",
      from: { id: "29:pia" },
      conversation: { id: "a:pia", conversationType: "personal" },
      serviceUrl: `${connector.url}/`,
    };
    expect((await post(local.url, moving)).status).toBe(200);
    expect((await post(local.url, { ...moving, id: "p1b" })).status).toBe(200);
    const moved = await startFakeConnector();
    try {
      // What the adapter recalls of the conversation is not enough to refuse it: the table says it is gone.
      await db.db.withTables<TeamsTables>().deleteFrom("teams_conversations").where("conversation_id", "=", "a:pia").execute();
      expect((await post(local.url, { ...moving, id: "p2", serviceUrl: `${moved.url}/` })).status).toBe(200);
      expect((await conversations()).find((r) => r.conversation_id === "a:pia")?.service_url).toBe(`${moved.url}/`);
    } finally {
      await moved.close();
    }
  });

  it("refuses bodies that are not activities with 400 and oversized ones with 413, never 500", async () => {
    expect((await post(local.url, "{not json")).status).toBe(400);
    expect((await post(local.url, { type: "message" })).status).toBe(400);
    expect((await post(validated.url, [1, 2, 3])).status).toBe(400);
    const huge = { ...activity, serviceUrl: `${connector.url}/`, text: "x".repeat(300_000) };
    expect((await post(local.url, huge)).status).toBe(413);
    expect((await post(validated.url, huge)).status).toBe(413);
  });

  it("knows which listen addresses and connector URLs are loopback", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "::", "10.0.0.1", "samverka.example.se", "::ffff:10.0.0.1", "127.0.0.1.nip.io"].some(isLoopbackHost)).toBe(false);
    expect(["http://127.0.0.1:56150/", "http://localhost:3978", "http://[::1]:9/"].every(isLoopbackUrl)).toBe(true);
    expect(["https://smba.trafficmanager.net/emea/", "http://127.0.0.1.attacker.example/", "ftp://127.0.0.1/", "not a url"].some(isLoopbackUrl)).toBe(false);
  });
});
