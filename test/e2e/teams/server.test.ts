import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedContractData } from "../chat-contract.ts";
import { startTeamsServer, type TeamsServer } from "../../helpers/teams-server.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

const CHANNEL = "19:server-alfa@thread.tacv2";
const users = {
  member: { userId: "29:maja", aadObjectId: "00000000-0000-0000-0000-00000000b001", name: "Maja Medlem" },
  admin: { userId: "29:ada", aadObjectId: "00000000-0000-0000-0000-00000000b002", name: "Ada Admin" },
  twoPartnerships: { userId: "29:tove", aadObjectId: "00000000-0000-0000-0000-00000000b003", name: "Tove Två" },
  stranger: { userId: "29:okand", aadObjectId: "00000000-0000-0000-0000-00000000b004", name: "Okänd" },
};

describe("Samverka's server speaking Teams", () => {
  let db: TestDatabase;
  let teams: TeamsServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedContractData(db.db, "teams", users, CHANNEL);
    teams = await startTeamsServer({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await teams?.close();
    await db?.drop();
  });
  beforeEach(() => teams.driver.clear());

  it("answers hjälp in a personal chat with the help card, at the connector named by serviceUrl", async () => {
    await teams.driver.message(users.member, "hjälp");
    const help = await teams.driver.waitFor((i) => i.text.includes("Samverka – det här kan jag"));
    expect(help).toMatchObject({ kind: "direct", conversation: teams.driver.personalChat(users.member) });
  });

  it("welcomes a person who installs the app in their personal chat, once", async () => {
    const newcomer = { userId: "29:newcomer", aadObjectId: "aad-newcomer", name: "Nina Ny" };
    await teams.driver.install({ user: newcomer });
    const welcome = await teams.driver.waitFor((i) => i.conversation === teams.driver.personalChat(newcomer));
    expect(welcome.text.length).toBeGreaterThan(0);
    // The Agents Playground announces the app again on every page load: no second welcome in a chat that has one.
    teams.driver.clear();
    await teams.driver.install({ user: newcomer });
    await teams.driver.message(newcomer, "hjälp");
    await teams.driver.waitFor((i) => i.conversation === teams.driver.personalChat(newcomer));
    expect(teams.driver.sent().filter((i) => i.conversation === teams.driver.personalChat(newcomer))).toHaveLength(1);
  });

  it("answers an outsider in a channel privately, in a 1:1 chat it opens with them", async () => {
    await teams.driver.install({ conversation: CHANNEL });
    await teams.driver.command(users.stranger, "status", { conversation: CHANNEL });
    const answer = await teams.driver.waitFor((i) => i.text.includes("inte med i något partnerskap"));
    expect(answer.kind).toBe("direct");
    const opened = teams.driver.connector.calls.find((c) => c.op === "create-conversation");
    expect(opened?.body).toMatchObject({ members: [{ id: users.stranger.userId }] });
  });
});
