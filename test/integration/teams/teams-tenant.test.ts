import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileLinks } from "../../../adapters/teams/chat/file-links.ts";
import { createTeamsChat } from "../../../adapters/teams/chat/teams-chat.ts";
import { createConversationStore } from "../../../adapters/teams/conversation-store.ts";
import { dispatchActivity, type DispatchDeps } from "../../../adapters/teams/teams-dispatch.ts";
import type { InboundEvent } from "../../../src/chat/inbound.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { loadTeamsFixture } from "../../helpers/teams-fixtures.ts";
import { createTestInbox } from "../../helpers/test-inbox.ts";

// Past token validation (which needs Microsoft's keys, so it is tested as refusal in teams-auth.test.ts).
describe("Teams activities after token validation", () => {
  let db: TestDatabase;
  let deps: DispatchDeps;
  const events: InboundEvent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const store = createConversationStore(db.db, systemClock);
    const chat = createTeamsChat({
      store,
      files: createFileLinks(db.db, systemClock),
      clientFor: () => {
        throw new Error("this test sends nothing");
      },
      publicUrl: () => undefined,
      tenantId: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
      locale: "sv",
    });
    deps = {
      handler: { handle: (event) => (events.push(event), Promise.resolve()) },
      chat,
      inbox: createTestInbox(db.db),
      store,
      logger: silentLogger,
      locale: "sv",
      localeOf: () => Promise.resolve("sv"),
      tenantId: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
      rememberMode: "refresh",
      budget: { invokeMs: 4000 },
    };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("ignores an activity from another tenant without storing where it came from", async () => {
    const foreign = loadTeamsFixture("teams-conversation-update-members-added.json") as { channelData: object; conversation: object };
    const body = {
      ...foreign,
      channelData: { ...foreign.channelData, tenant: { id: "99999999-0000-0000-0000-000000000000" } },
      conversation: { ...foreign.conversation, tenantId: "99999999-0000-0000-0000-000000000000" },
    };
    expect(await dispatchActivity(body, deps)).toEqual({ status: 200 });
    expect(events).toEqual([]);
    expect(await deps.store.latest()).toBeUndefined();
  });

  it("takes an activity from the city's own tenant", async () => {
    await dispatchActivity(loadTeamsFixture("teams-conversation-update-members-added.json"), deps);
    expect(events).toMatchObject([{ type: "installed", direct: false }]);
    expect(await deps.store.latest()).toMatchObject({ tenantId: "a1b2c3d4-e5f6-7890-abcd-ef1234567890", botId: "28:11111111-2222-3333-4444-555555555555" });
  });
});
