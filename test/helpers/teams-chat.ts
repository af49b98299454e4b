import { Client as ApiClient } from "@microsoft/teams.api";
import { createFileLinks } from "../../adapters/teams/chat/file-links.ts";
import { createTeamsChat, type TeamsChat, type TeamsChatDeps } from "../../adapters/teams/chat/teams-chat.ts";
import type { ConversationStore } from "../../adapters/teams/conversation-store.ts";
import type { Db } from "../../src/db/database.ts";
import { systemClock } from "../../src/shared/clock.ts";

/** The Teams ChatPort with the real SDK client, writing wherever `store` says (a loopback connector fake), in Swedish. */
export function createTestTeamsChat(db: Db, store: ConversationStore, options: Partial<TeamsChatDeps> = {}): TeamsChat {
  return createTeamsChat({
    store,
    files: createFileLinks(db, systemClock),
    clientFor: (url) => new ApiClient(url),
    publicUrl: () => undefined,
    tenantId: undefined,
    locale: "sv",
    ...options,
  });
}
