import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter } from "../../../adapters/slack/index.ts";
import type { InboundEvent, InboundHandler } from "../../../src/chat/inbound.ts";
import { createReply } from "../../../src/chat/reply.ts";
import { textMessage } from "../../../src/chat/message.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { TEST_BOT_TOKEN } from "../../helpers/slack-driver.ts";
import { startSlackFakeApi, type SlackFakeApi } from "../../helpers/slack-fake-api.ts";
import { startSlackFakeSocket, type SlackFakeSocket } from "../../helpers/slack-fake-socket.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { createTestInbox } from "../../helpers/test-inbox.ts";

// With SLACK_APP_TOKEN the adapter connects out over Socket Mode (Bolt's own receiver) instead of serving HTTP.
const handled: InboundEvent[] = [];
const handler: InboundHandler = {
  async handle(event, port) {
    handled.push(event);
    if (event.type === "command" || event.type === "message") await createReply(port, "sv").say(textMessage(`Svar: ${event.text}`));
  },
};

let db: TestDatabase;
let socket: SlackFakeSocket;
let fake: SlackFakeApi;
let adapter: SlackAdapter;

beforeAll(async () => {
  db = await createTestDatabase();
  socket = await startSlackFakeSocket();
  fake = await startSlackFakeApi({ socketUrl: socket.url });
  adapter = createSlackAdapter({
    config: { botToken: TEST_BOT_TOKEN, appToken: "xapp-1-test", apiUrl: fake.apiUrl },
    handler,
    inbox: createTestInbox(db.db),
    db: db.db,
    logger: silentLogger,
  });
  await adapter.start();
  await socket.connected;
});

afterAll(async () => {
  await adapter?.stop();
  await socket?.close();
  await fake?.close();
  await db?.drop();
});

const envelope = (id: string, retry = 0) => ({
  envelope_id: id,
  type: "events_api",
  accepts_response_payload: false,
  retry_attempt: retry,
  retry_reason: retry === 0 ? "" : "timeout",
  payload: {
    type: "event_callback",
    team_id: "T0SAMVERKA",
    api_app_id: "A0SAMVERKA",
    event_id: "Ev0SOCKET1",
    event_time: 1_800_000_000,
    authorizations: [{ team_id: "T0SAMVERKA", user_id: fake.botUserId, is_bot: true }],
    event: { type: "message", channel: "D0MAJA", channel_type: "im", user: "U0MAJA", text: "hej", ts: "1800000000.000300" },
  },
});

describe("Slack adapter in Socket Mode", () => {
  it("serves no HTTP route and connects through apps.connections.open", () => {
    expect(adapter.router).toBeUndefined();
    expect(fake.calls("apps.connections.open")).toHaveLength(1);
  });

  it("acknowledges a slash command envelope and answers through the Web API", async () => {
    socket.send({
      envelope_id: "env-command",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: {
        command: "/samverka",
        text: "hjälp",
        team_id: "T0SAMVERKA",
        channel_id: "C0KANAL",
        user_id: "U0MAJA",
        user_name: "maja",
        trigger_id: "1.2.3",
        response_url: fake.createResponseUrl({ channel: "C0KANAL", userId: "U0MAJA" }),
      },
    });
    await socket.waitForAck("env-command");
    await expect.poll(() => fake.calls("chat.postMessage").map((c) => c.body.text)).toContain("Svar: hjälp");
  });

  it("handles an event once when Slack re-sends it with a retry attempt", async () => {
    socket.send(envelope("env-1"));
    await socket.waitForAck("env-1");
    socket.send(envelope("env-2", 1));
    await socket.waitForAck("env-2");
    socket.send({
      ...envelope("env-3"),
      payload: { ...envelope("env-3").payload, event_id: "Ev0SOCKET2", event: { ...envelope("env-3").payload.event, text: "sist" } },
    });
    await expect.poll(() => handled.filter((e) => e.type === "message").map((e) => (e.type === "message" ? e.text : ""))).toEqual(["hej", "sist"]);
  });
});
