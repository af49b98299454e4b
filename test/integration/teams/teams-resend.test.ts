/**
 * Teams cannot look for an earlier copy (the Bot Connector takes no idempotency key and lists no messages), so a
 * re-send of an outbox message, which Teams may already have shown, goes out again saying so, and which copy counts.
 * Real Teams SDK client against the loopback Bot Connector fake.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamsChat } from "../../../adapters/teams/chat/teams-chat.ts";
import { createConversationStore } from "../../../adapters/teams/conversation-store.ts";
import { textMessage } from "../../../src/chat/message.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { createTestTeamsChat } from "../../helpers/teams-chat.ts";
import { startFakeConnector, type FakeConnector } from "../../helpers/teams-fake-connector.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

const CHANNEL = "19:alerts@thread.tacv2";
let db: TestDatabase;
let connector: FakeConnector;
let chat: TeamsChat;

beforeAll(async () => {
  db = await createTestDatabase();
  connector = await startFakeConnector();
  const store = createConversationStore(db.db, systemClock);
  await store.remember({
    conversationId: CHANNEL,
    conversationType: "channel",
    serviceUrl: connector.url,
    tenantId: undefined,
    botId: "28:bot",
    teamId: "19:team",
    userId: undefined,
    aadObjectId: undefined,
  });
  chat = createTestTeamsChat(db.db, store);
});
afterAll(async () => {
  await connector.close();
  await db.drop();
});

const sentTexts = () => connector.calls.filter((c) => c.op === "send").map((c) => JSON.stringify(c.body));

describe("a re-send of an outbox message on Teams", () => {
  it("is marked as possibly repeated, and a first send is not", async () => {
    await chat.post(chat.channelRef(CHANNEL), textMessage("Extra kall natt"), { key: "coldnight:a1:card" });
    await chat.post(chat.channelRef(CHANNEL), textMessage("Extra kall natt"), { key: "coldnight:a1:card", resendSince: new Date() });
    const [first, again] = sentTexts();
    expect(first).toContain("Extra kall natt");
    expect(first).not.toContain("Skickat igen");
    expect(again).toContain("Extra kall natt");
    expect(again).toContain("Skickat igen efter ett avbrott hos Samverka. Har du redan fått det här meddelandet gäller det här.");
  });
});
