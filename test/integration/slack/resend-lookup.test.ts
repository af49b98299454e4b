/**
 * The one window for a duplicate: Slack accepted chat.postMessage but the bot died (or timed out) before storing
 * the message's ts. Every outbox send carries its key as message metadata; a re-send first reads the
 * conversation's history with metadata and, when the key is there, returns that message instead of posting again.
 * Real WebClient against the loopback Slack fake, whose history behaves as Slack's.
 */
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPendingForms } from "../../../adapters/slack/chat/pending-forms.ts";
import { createSlackChat, type SlackChat } from "../../../adapters/slack/chat/slack-chat.ts";
import { textMessage } from "../../../src/chat/message.ts";
import { createCaptureLogger, type CaptureLogger } from "../../helpers/capture-logger.ts";
import { TEST_BOT_TOKEN } from "../../helpers/slack-driver.ts";
import { startSlackFakeApi, type SlackFakeApi } from "../../helpers/slack-fake-api.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let t: TestDatabase;
let fake: SlackFakeApi;
let chat: SlackChat;
let logger: CaptureLogger;
const card = textMessage("Extra kall natt");
const posts = () => fake.calls("chat.postMessage").filter((c) => c.answer.ok === true);

beforeAll(async () => {
  t = await createTestDatabase();
  fake = await startSlackFakeApi();
  logger = createCaptureLogger();
  const client = new WebClient(TEST_BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  chat = createSlackChat(client, "sv", createPendingForms(t.db), logger);
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});
beforeEach(() => fake.clear());

describe("a re-send of an outbox message on Slack", () => {
  it("finds the copy Slack already accepted under the row's key and posts nothing", async () => {
    const since = new Date();
    const first = await chat.post(chat.channelRef("CALERTS"), card, { key: "coldnight:a1:card:channel:slack:CALERTS" });
    // Later messages, more than one history page of them (200), must not hide it.
    for (let i = 0; i < 205; i++) await chat.post(chat.channelRef("CALERTS"), textMessage(`annat ${i}`), { key: `other:${i}` });
    const again = await chat.post(chat.channelRef("CALERTS"), card, { key: "coldnight:a1:card:channel:slack:CALERTS", resendSince: since });
    expect(again).toBe(first);
    expect(posts()).toHaveLength(206);
    expect(fake.calls("conversations.history").map((c) => c.body)).toMatchObject([
      { channel: "CALERTS", include_all_metadata: "true" },
      { channel: "CALERTS", include_all_metadata: "true", cursor: expect.any(String) as unknown },
    ]);
  });

  it("posts when the earlier try never landed, with the key as metadata", async () => {
    const since = new Date();
    await chat.post(chat.channelRef("CALERTS"), card, { key: "coldnight:a2:card:channel:slack:CALERTS", resendSince: since });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.body.metadata).toEqual({ event_type: "samverka_outbox", event_payload: { key: "coldnight:a2:card:channel:slack:CALERTS" } });
  });

  it("finds a direct message in the member's DM, where a post to their user id lands", async () => {
    const since = new Date();
    const first = await chat.sendDirect("U0ANNA", card, { key: "coldnight:a3:prompt:member:m1" });
    expect(await chat.sendDirect("U0ANNA", card, { key: "coldnight:a3:prompt:member:m1", resendSince: since })).toBe(first);
    expect(posts()).toHaveLength(1);
  });

  it("does not look on a first send", async () => {
    await chat.post(chat.channelRef("CALERTS"), card, { key: "coldnight:a4:card" });
    expect(fake.calls("conversations.history")).toEqual([]);
  });

  it("retries later when Slack cannot answer the lookup now, and posts (saying so in the log) when it refuses it for good", async () => {
    const key = "coldnight:a5:card";
    fake.failNext("conversations.history", { error: "internal_error" });
    await expect(chat.post(chat.channelRef("CALERTS"), card, { key, resendSince: new Date() })).rejects.toMatchObject({ retryable: true });
    expect(posts()).toHaveLength(0);
    fake.failNext("conversations.history", { error: "missing_scope" });
    await chat.post(chat.channelRef("CALERTS"), card, { key, resendSince: new Date() });
    expect(posts()).toHaveLength(1);
    expect(logger.messages("warn").join("\n")).toContain("could not look for an earlier copy");
  });
});
