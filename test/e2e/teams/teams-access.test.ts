/**
 * Unauthenticated Teams is never one reverse proxy away from the internet (issue 13, item 1), on the REAL server:
 * a forged loopback activity cannot redirect another member's prompts; with PUBLIC_URL set and no credentials, or on
 * an open address, /api/messages is refused; asking for local use with a PUBLIC_URL stops the start with the reason.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { startApp } from "../../../src/main.ts";
import { createCaptureLogger } from "../../helpers/capture-logger.ts";
import type { TeamsTables } from "../../../adapters/teams/index.ts";
import { startTeamsServer } from "../../helpers/teams-server.ts";
import type { TeamsDriver } from "../../helpers/teams-driver.ts";
import { startFakeConnector, type FakeConnector } from "../../helpers/teams-fake-connector.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { SLACK_CHANNEL, TEAMS_CHANNEL, startAlertsServer, type AlertsServer } from "../alerts/alerts-server.ts";

/** A member's message in their personal chat, as Teams delivers it. */
const TEAMS_ACTIVITY = {
  type: "message",
  id: "f:1",
  text: "status",
  channelId: "msteams",
  from: { id: "29:maja", aadObjectId: "aad-maja" },
  recipient: { id: "28:bot" },
  conversation: { id: "a:maja", conversationType: "personal" },
};

describe("a forged activity from this machine against unauthenticated (local) Teams", () => {
  let w: AlertsServer;
  let attacker: FakeConnector;
  let teams: TeamsDriver;
  const victim = () => w.userOf("sFa");
  beforeAll(async () => {
    w = await startAlertsServer("2026-12-03T15:00:00Z");
    teams = w.teams;
    attacker = await startFakeConnector();
  });
  afterAll(async () => {
    await attacker?.close();
    await w?.close();
  });

  it("cannot move the victim's chat, a channel, or any conversation to another connector", async () => {
    const forge = (activity: Record<string, unknown>) => teams.post({ type: "message", text: "hjälp", textFormat: "plain", ...activity });
    const victimChat = { id: teams.personalChat(victim()), conversationType: "personal" };
    const from = { id: victim().userId, aadObjectId: victim().aadObjectId, name: "sfa" };
    await expect(forge({ from, conversation: victimChat, serviceUrl: `${attacker.url}/` })).rejects.toThrow(/answered 403/);
    await expect(forge({ from, conversation: { id: TEAMS_CHANNEL, conversationType: "channel" }, serviceUrl: `${attacker.url}/` })).rejects.toThrow(
      /answered 403/,
    );
    await expect(forge({ from, conversation: victimChat, serviceUrl: "https://attacker.example/" })).rejects.toThrow(/answered 403/);
    // A new chat claiming the victim's identity is answered there (local use trusts the name it is given)...
    await forge({
      from: { id: "29:mallory", aadObjectId: victim().aadObjectId, name: "mallory" },
      conversation: { id: "a:mallory", conversationType: "personal" },
      serviceUrl: `${attacker.url}/`,
    });
    // The answer follows the acknowledgement: wait for it, so the next test sees nothing of this one.
    await expect.poll(() => attacker.calls.length).toBeGreaterThan(0);
    expect(attacker.calls.every((c) => c.conversationId === "a:mallory")).toBe(true);
  });

  it("still delivers the victim's cold-night prompt, and the channel card, where they were first seen", async () => {
    attacker.calls.length = 0;
    await w.slack.command(w.userOf("sara"), "kallnatt -9", { conversation: SLACK_CHANNEL });
    const prompt = await w.nextDirect("sFa", "Kan Frälsningsarméns härbärge öppna extra platser den natten?");
    expect(prompt.conversation).toBe(teams.personalChat(victim()));
    await w.card("teams", "Extra kall natt – natten mot fredag 4 december");
    // ...but it does not become where the victim's messages go.
    expect(attacker.calls).toEqual([]);
  });
});

describe("Teams without credentials where others can reach the server", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const activity = (serviceUrl: string) => ({ ...TEAMS_ACTIVITY, serviceUrl });

  for (const [what, env] of [
    ["PUBLIC_URL is set", { PUBLIC_URL: "https://samverka.example.se", SAMVERKA_TEAMS_LOCAL: "" }],
    ["the server listens on every interface", { HOST: "0.0.0.0", SAMVERKA_TEAMS_LOCAL: "" }],
  ] as const) {
    it(`refuses /api/messages when ${what}, and stores and sends nothing`, async () => {
      const open = await startTeamsServer({ databaseUrl: db.url, env });
      try {
        const port = new URL(open.app.url!).port;
        const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(activity(`${open.driver.connector.url}/`)),
        });
        expect(res.status).toBe(401);
        expect(open.driver.connector.calls).toEqual([]);
        expect(await db.db.withTables<TeamsTables>().selectFrom("teams_conversations").selectAll().execute()).toEqual([]);
        expect(await db.db.selectFrom("inbox").selectAll().execute()).toEqual([]);
      } finally {
        await open.close();
      }
    });
  }

  it("will not start when local use is asked for together with a PUBLIC_URL, and says why", async () => {
    await expect(startTeamsServer({ databaseUrl: db.url, env: { PUBLIC_URL: "https://samverka.example.se", SAMVERKA_TEAMS_LOCAL: "1" } })).rejects.toThrow(
      /SAMVERKA_TEAMS_LOCAL=1 serves Teams without authentication, but PUBLIC_URL/,
    );
  });
});

describe("a local data directory (made by `npm start`) once the server is reachable from outside", () => {
  let dataDir: string;
  let pgPort: number;
  let connector: FakeConnector;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "samverka-local-open-"));
    // mkdtemp makes a 0700 folder; as root the embedded server runs as the postgres user, which must reach it.
    await chmod(dataDir, 0o755);
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    pgPort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await connector?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves Teams unauthenticated on the fresh directory, and refuses /api/messages there with a PUBLIC_URL or on an open address", async () => {
    const activity = { ...TEAMS_ACTIVITY, serviceUrl: `${connector.url}/` };
    for (const [env, status] of [
      [{}, 200],
      [{ PUBLIC_URL: "https://samverka.example.se" }, 401],
      [{ HOST: "0.0.0.0" }, 401],
    ] as const) {
      const logger = createCaptureLogger();
      const config = loadConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        SAMVERKA_DATA_DIR: dataDir,
        SAMVERKA_EMBEDDED_PG_PORT: String(pgPort),
        LOG_LEVEL: "silent",
        ...env,
      });
      const app = await startApp(config, { logger, playground: false, seedExample: false });
      try {
        const port = new URL(app.url!).port;
        const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(activity),
        });
        expect(res.status, JSON.stringify(env)).toBe(status);
        if (status === 401) expect(logger.messages("warn").join("\n")).toMatch(/Teams is off .*(PUBLIC_URL is set|reachable from other machines)/);
      } finally {
        await app.close();
      }
    }
  }, 120_000);
});
