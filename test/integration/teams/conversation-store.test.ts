import { describe, expect, it } from "vitest";
import { createConversationStore, type StoredConversation } from "../../../adapters/teams/conversation-store.ts";
import type { TeamsTables } from "../../../adapters/teams/teams.tables.ts";
import { createManualClock } from "../../../src/shared/clock.ts";
import { createTestDatabase } from "../../helpers/test-database.ts";

const chat: StoredConversation = {
  conversationId: "a:recall",
  conversationType: "personal",
  serviceUrl: "https://smba.trafficmanager.net/emea/",
  tenantId: "tenant",
  botId: "28:bot",
  teamId: undefined,
  userId: "29:recall",
  aadObjectId: undefined,
};

describe("the Teams conversation store", () => {
  it("recalls a reference without reading it for every activity, and reads it again once it wrote it or ten minutes passed", async () => {
    const db = await createTestDatabase();
    try {
      const clock = createManualClock("2026-12-02T12:00:00Z");
      const store = createConversationStore(db.db, clock);
      const moveRow = (serviceUrl: string) =>
        db.db
          .withTables<TeamsTables>()
          .updateTable("teams_conversations")
          .set({ service_url: serviceUrl })
          .where("conversation_id", "=", chat.conversationId)
          .execute();
      await store.remember(chat);
      expect((await store.recall(chat.conversationId))?.serviceUrl).toBe(chat.serviceUrl);
      // Another process moves it: this one keeps what it read, as it would have skipped an unchanged write anyway.
      await moveRow("https://smba.trafficmanager.net/amer/");
      expect((await store.recall(chat.conversationId))?.serviceUrl).toBe(chat.serviceUrl);
      expect((await store.find(chat.conversationId))?.serviceUrl).toBe("https://smba.trafficmanager.net/amer/");
      // What this process writes, it reads back.
      await store.remember({ ...chat, serviceUrl: "https://smba.trafficmanager.net/apac/" });
      expect((await store.recall(chat.conversationId))?.serviceUrl).toBe("https://smba.trafficmanager.net/apac/");
      await moveRow("https://smba.trafficmanager.net/emea/");
      clock.advance(10 * 60_000);
      expect((await store.recall(chat.conversationId))?.serviceUrl).toBe("https://smba.trafficmanager.net/emea/");
    } finally {
      await db.drop();
    }
  });
});
