import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TeamsAdapter } from "../../../adapters/teams/index.ts";
import type { InboundEvent, InboundHandler } from "../../../src/chat/inbound.ts";
import { createReply } from "../../../src/chat/reply.ts";
import { textMessage } from "../../../src/chat/message.ts";
import { buildInvokeFromDocs, loadTeamsFixture } from "../../helpers/teams-fixtures.ts";
import { startTeamsAdapterServer, type TeamsAdapterServer } from "../../helpers/teams-adapter-server.ts";
import type { TeamsDriver } from "../../helpers/teams-driver.ts";

describe("recorded Teams payloads replayed through the real adapter over HTTP", () => {
  let world: TeamsAdapterServer;
  let driver: TeamsDriver;
  let adapter: TeamsAdapter;
  const events: InboundEvent[] = [];
  const handler: InboundHandler = {
    async handle(event, port) {
      events.push(event);
      const reply = createReply(port, "sv");
      if (event.type === "command" || event.type === "message") await reply.say(textMessage(`svar på ${event.text}`));
      if (event.type === "action") await reply.updateSource(textMessage(`valt ${event.value}`));
    },
  };
  // Replies go to the activity's serviceUrl: point the recorded ones at the fake connector.
  const replay = (fixture: Record<string, unknown>) => driver.post({ ...fixture, serviceUrl: `${driver.connector.url}/` });

  beforeAll(async () => {
    world = await startTeamsAdapterServer({ handler });
    ({ adapter, driver } = world);
  });
  afterAll(async () => {
    await world?.close();
  });
  beforeEach(() => {
    driver.clear();
    events.length = 0;
  });

  it("answers a recorded channel @mention in its thread", async () => {
    await replay(loadTeamsFixture("teams-message-channel-mention.json"));
    const answer = await driver.waitFor((i) => i.text.includes("svar på Hey"));
    expect(answer.conversation).toBe("19:d441d38c655c47a085215b2726e76927@thread.tacv2;messageid=1771290107407");
  });

  it("answers a recorded personal message in the personal chat", async () => {
    await replay(loadTeamsFixture("teams-message-personal.json"));
    const answer = await driver.waitFor((i) => i.text.includes("svar på Hey"));
    expect(answer.conversation).toMatch(/^a:17Ndit/);
  });

  it("stores the team from a recorded install so a proactive post reaches the channel", async () => {
    await replay(loadTeamsFixture("teams-conversation-update-members-added.json"));
    expect(events[0]).toMatchObject({ type: "installed", direct: false });
    await adapter.chat.post(adapter.chat.channelRef("19:d441d38c655c47a085215b2726e76927@thread.tacv2"), textMessage("kall natt"));
    const posted = await driver.waitFor((i) => i.text.includes("kall natt"));
    expect(posted).toMatchObject({ kind: "post", conversation: "19:d441d38c655c47a085215b2726e76927@thread.tacv2" });
  });

  it("answers the documented adaptiveCard/action invoke (completed, see teams-fixtures.ts) with the updated card", async () => {
    const invoke = buildInvokeFromDocs({ samverka: "action", actionId: "chat.choose", value: "beta" }, "chat.choose", "1:card");
    const { body } = await replay(invoke);
    expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(JSON.stringify(body)).toContain("valt beta");
    const update = await driver.waitFor((i) => i.kind === "update");
    expect(update.messageId).toBe("1:card");
  });

  it("acknowledges a recorded Action.Submit from a foreign card without calling the core", async () => {
    const { status } = await replay(loadTeamsFixture("teams-message-action-submit-value.json"));
    expect(status).toBe(200);
    expect(events).toEqual([]);
  });
});
