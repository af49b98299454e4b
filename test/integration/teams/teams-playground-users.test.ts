/**
 * The Agents Playground opens a 1:1 chat with anyone (201) but answers 500 to every message in it unless the person
 * is one of its users, so in Playground mode a direct message to anyone else is refused before the connector.
 * Real Teams SDK client against the loopback Bot Connector fake, with the users of the repository's playground file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamsChat } from "../../../adapters/teams/chat/teams-chat.ts";
import { createConversationStore, type ConversationStore } from "../../../adapters/teams/conversation-store.ts";
import { playgroundUsers } from "../../../adapters/teams/playground.ts";
import { textMessage } from "../../../src/chat/message.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { isRetryable } from "../../../src/outbox/retry-policy.ts";
import { createTestTeamsChat } from "../../helpers/teams-chat.ts";
import { startFakeConnector, type FakeConnector } from "../../helpers/teams-fake-connector.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let db: TestDatabase;
let connector: FakeConnector;
let store: ConversationStore;

const chatWith = (reachableUsers?: ReadonlySet<string>): TeamsChat => createTestTeamsChat(db.db, store, reachableUsers === undefined ? {} : { reachableUsers });

beforeAll(async () => {
  db = await createTestDatabase();
  connector = await startFakeConnector();
  store = createConversationStore(db.db, systemClock);
  // The playground's team, as installing Samverka there leaves it: a 1:1 chat can be opened through its connector.
  await store.remember({
    conversationId: "19:fake-samverkansgrupp@thread.tacv2",
    conversationType: "channel",
    serviceUrl: connector.url,
    tenantId: undefined,
    botId: "00000000-0000-0000-0000-00000000000011",
    teamId: "19:fake-samverkansgrupp@thread.tacv2",
    userId: undefined,
    aadObjectId: undefined,
  });
});
afterAll(async () => {
  await connector?.close();
  await db?.drop();
});

const callsFor = (memberId: string) => connector.calls.filter((c) => JSON.stringify(c.body).includes(memberId));

describe("direct messages in Agents Playground mode", () => {
  it("reads the current user and the five other users, by Teams id and AAD object id, from the playground file", () => {
    const users = playgroundUsers();
    expect(users).toContain("user-id-0");
    expect(users).toContain("00000000-0000-0000-0000-0000000000020");
    expect(users).toContain("29:fake-convictus-natt");
    expect(users).toContain("00000000-0000-0000-0000-0000000000022");
    expect(users.size).toBe(12);
  });

  it("refuses a member the playground does not have, without calling the connector, as a failure no retry can fix", async () => {
    const chat = chatWith(playgroundUsers());
    const before = connector.calls.length;
    const refused = await chat.sendDirect("29:fake-samordning", textMessage("Extra kall natt")).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SamverkaError);
    expect(refused).toMatchObject({ code: "not_installed", retryable: false });
    expect((refused as Error).message).toContain("Agents Playground");
    expect(isRetryable(refused)).toBe(false);
    expect(connector.calls.length).toBe(before);
  });

  it("still writes to the playground's users, named by Teams id or by AAD object id", async () => {
    const chat = chatWith(playgroundUsers());
    await chat.sendDirect("29:fake-convictus-natt", textMessage("Kan ni öppna extra platser?"));
    await chat.sendDirect("00000000-0000-0000-0000-0000000000020", textMessage("Extra kall natt är utlyst"));
    expect(callsFor("29:fake-convictus-natt").map((c) => c.op)).toEqual(["create-conversation"]);
    expect(callsFor("00000000-0000-0000-0000-0000000000020").map((c) => c.op)).toEqual(["create-conversation"]);
    expect(connector.calls.filter((c) => c.op === "send").map((c) => JSON.stringify(c.body))).toEqual([
      expect.stringContaining("Kan ni öppna extra platser?"),
      expect.stringContaining("Extra kall natt är utlyst"),
    ]);
  });

  it("leaves anyone reachable when the connector is not the playground", async () => {
    const before = connector.calls.length;
    await chatWith().sendDirect("29:fake-samordning", textMessage("Extra kall natt"));
    expect(connector.calls.slice(before).map((c) => c.op)).toEqual(["create-conversation", "send"]);
  });
});
