import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter, type SlackTables } from "../../../adapters/slack/index.ts";
import type { InboundEvent, InboundHandler } from "../../../src/chat/inbound.ts";
import { createReply } from "../../../src/chat/reply.ts";
import { textMessage, type FormView } from "../../../src/chat/message.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createSlackDriver, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type SlackDriver } from "../../helpers/slack-driver.ts";
import { startSlackFakeApi, type SlackFakeApi } from "../../helpers/slack-fake-api.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { createTestInbox } from "../../helpers/test-inbox.ts";

// The real Bolt and the adapter behind a small express app, with a handler written here: the chat core is not
// under test, the Slack edge is.
const form: FormView = {
  formId: "test.count",
  title: "Räkna",
  submitLabel: "Skicka",
  state: "row-42",
  fields: [
    { id: "antal", label: "Antal platser", kind: "number", required: true },
    { id: "datum", label: "Datum", kind: "date", required: false },
  ],
};

const handled: InboundEvent[] = [];
const handler: InboundHandler = {
  async handle(event, port) {
    handled.push(event);
    // The router's answers, by the chat layer's rule.
    const reply = createReply(port, "sv");
    if (event.type === "command" || event.type === "message") {
      if (event.text === "hjälp" || event.text === "hej") return void (await reply.say(textMessage(`Hjälp till ${event.user.userId}: ${event.text}`)));
      if (event.text === "privat") return void (await reply.whisper(textMessage("Bara för dig")));
      if (event.text === "privat knapp") {
        return reply.whisper({ text: "Bekräfta", blocks: [{ type: "buttons", buttons: [{ actionId: "test.answer", label: "Bekräfta", value: "ok" }] }] });
      }
      if (event.text === "formulär") return reply.openForm(form);
      if (event.text === "knappar") {
        await reply.say({
          text: "Kan ni öppna?",
          blocks: [
            {
              type: "buttons",
              buttons: [
                { actionId: "test.answer", label: "Ja", value: "yes" },
                { actionId: "test.answer", label: "Nej", value: "no" },
              ],
            },
          ],
        });
      }
      if (event.text === "krasch") throw new Error("boom");
    }
    if (event.type === "form" && event.formId === "test.slow") {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { ok: false, errors: { antal: "För sent men fel ändå." } };
    }
    if (event.type === "form" && event.values.antal === "0") return { ok: true, message: textMessage("Tack! Inga extra platser i natt.") };
    if (event.type === "form" && event.values.antal === "999") throw new Error("database gone");
    if (event.type === "action") await reply.updateSource(textMessage(`Svar: ${event.value}`));
    if (event.type === "form") {
      const antal = event.values.antal;
      if (typeof antal !== "string" || !/^\d+$/.test(antal)) return { ok: false, errors: { antal: "Skriv ett heltal, till exempel 12." } };
      return { ok: true };
    }
  },
};

let db: TestDatabase;
let fake: SlackFakeApi;
let adapter: SlackAdapter;
let server: Server;
let driver: SlackDriver;
const maja = { userId: "U0MAJA", name: "maja" };

/** A view_submission for a modal the fake recorded, with the antal field set. */
function submission(raw: unknown, values: { antal: string }) {
  const view = (raw as { view: { callback_id: string; private_metadata: string; title: unknown } }).view;
  return {
    type: "view_submission",
    team: { id: "T0SAMVERKA" },
    user: { id: maja.userId, name: maja.name },
    view: {
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      title: view.title,
      state: { values: { antal: { antal: { type: "number_input", value: values.antal } } } },
    },
  };
}

/** The adapter mounted on a small express app, as the lead's server mounts it. */
async function startAdapter(formBudgetMs?: number): Promise<{ adapter: SlackAdapter; server: Server; driver: SlackDriver }> {
  const started = createSlackAdapter({
    config: { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: fake.apiUrl },
    handler,
    inbox: createTestInbox(db.db),
    db: db.db,
    logger: silentLogger,
    ...(formBudgetMs === undefined ? {} : { formBudgetMs }),
  });
  await started.start();
  const app = express();
  app.use("/slack/events", started.router!);
  const listening = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return {
    adapter: started,
    server: listening,
    driver: createSlackDriver({ serverUrl: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`, fake }),
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  fake = await startSlackFakeApi();
  ({ adapter, server, driver } = await startAdapter());
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await fake?.close();
  await db?.drop();
});

beforeEach(() => {
  handled.length = 0;
  fake.clear();
});

describe("Slack adapter over HTTP", () => {
  it("acknowledges a signed slash command with an empty 200 and answers through the Web API", async () => {
    await driver.command(maja, "hjälp");
    const posted = await driver.waitFor((i) => i.text.includes("Hjälp till U0MAJA: hjälp"));
    expect(posted.kind).toBe("direct");
    expect(handled[0]).toMatchObject({ type: "command", text: "hjälp", user: { platform: "slack", userId: "U0MAJA" }, conversation: "slack:D0MAJA" });
  });

  it("answers in the user's DM, with how to invite the bot, when the bot is not in the channel", async () => {
    fake.failNext("chat.postMessage", { error: "not_in_channel" });
    await driver.command(maja, "hjälp", { conversation: "C0ANNAN" });
    const answer = await driver.waitFor((i) => i.text.includes("Hjälp till U0MAJA: hjälp"));
    expect(answer).toMatchObject({ kind: "direct", conversation: "D0MAJA" });
    expect(answer.text).toContain("/invite @Samverka");
  });

  it("answers a whisper to a slash command through its response_url, ephemerally", async () => {
    await driver.command(maja, "privat", { conversation: "C0GENERAL" });
    const whisper = await driver.waitFor((i) => i.text.includes("Bara för dig"));
    expect(whisper).toMatchObject({ kind: "private", conversation: "C0GENERAL", userId: "U0MAJA" });
    expect(fake.calls("chat.postMessage")).toEqual([]);
  });

  it("refuses a request with a wrong signature with 401 and hands nothing to the core", async () => {
    const body = helpCommandBody(fake.createResponseUrl({ channel: "C0", userId: "U0" }));
    const res = await driver.post(body, { signature: "v0=0000000000000000000000000000000000000000000000000000000000000000" });
    expect(res.status).toBe(401);
    expect(handled).toEqual([]);
  });

  it("refuses a correctly signed request whose timestamp is more than 5 minutes old with 401", async () => {
    const body = helpCommandBody("http://127.0.0.1:9/x");
    const res = await driver.post(body, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(res.status).toBe(401);
    expect(handled).toEqual([]);
  });

  it("handles an event once when Slack delivers it again with X-Slack-Retry-Num", async () => {
    const dm = { type: "message", channel: "D0MAJA", channel_type: "im", user: "U0MAJA", text: "hej", ts: "1800000000.000100" };
    expect((await driver.event(dm, { eventId: "Ev0RETRY1" })).status).toBe(200);
    expect((await driver.event(dm, { eventId: "Ev0RETRY1", retryNum: 1 })).status).toBe(200);
    expect((await driver.event(dm, { eventId: "Ev0RETRY1", retryNum: 2 })).status).toBe(200);
    await driver.waitFor((i) => i.text.includes("Hjälp till U0MAJA: hej"));
    expect(handled).toHaveLength(1);
    expect(fake.calls("chat.postMessage")).toHaveLength(1);
    await expect.poll(() => db.db.selectFrom("inbox").where("key", "=", "slack:event:Ev0RETRY1").select("status").execute()).toEqual([{ status: "done" }]);
  });

  it("looks the bot's identity up once, not for every event", async () => {
    await driver.message(maja, "hej");
    await driver.message(maja, "hjälp");
    await driver.waitFor((i) => i.text.includes("Hjälp till U0MAJA: hjälp"));
    expect(fake.calls("auth.test").length).toBeLessThanOrEqual(1);
  });

  it("ignores the bot's own messages and edits in a DM", async () => {
    await driver.event({ type: "message", channel: "D0MAJA", channel_type: "im", bot_id: "B0SAMVERKA", text: "hej", ts: "1.2" });
    await driver.event({ type: "message", subtype: "message_changed", channel: "D0MAJA", channel_type: "im", ts: "1.3" });
    await driver.message(maja, "hej");
    await driver.waitFor((i) => i.text.includes("hej"));
    expect(handled).toHaveLength(1);
  });

  it("strips the bot mention from an app_mention and answers in the channel", async () => {
    await driver.message(maja, "hej", { conversation: "C0KANAL" });
    const answer = await driver.waitFor((i) => i.text.includes("Hjälp till U0MAJA: hej"));
    expect(answer).toMatchObject({ kind: "post", conversation: "C0KANAL" });
    expect(handled[0]).toMatchObject({ type: "message", direct: false, conversation: "slack:C0KANAL" });
  });

  it("updates the clicked message in place, telling apart buttons that share an actionId", async () => {
    await driver.command(maja, "knappar", { conversation: "C0KANAL" });
    const question = await driver.waitFor((i) => i.buttons.length === 2);
    expect(question.buttons.map((b) => b.actionId)).toEqual(["test.answer", "test.answer"]);
    await driver.click(maja, question, "Nej");
    const updated = await driver.waitFor((i) => i.kind === "update");
    expect(updated).toMatchObject({ conversation: "C0KANAL", messageId: question.messageId });
    expect(updated.text).toContain("Svar: no");
    expect(handled.at(-1)).toMatchObject({ type: "action", actionId: "test.answer", value: "no", message: `slack:C0KANAL:${question.messageId}` });
  });

  it("replaces an ephemeral message through its response_url when its button is clicked", async () => {
    await driver.command(maja, "privat knapp", { conversation: "C0KANAL" });
    const whisper = await driver.waitFor((i) => i.kind === "private" && i.buttons.length === 1);
    await driver.click(maja, whisper, "Bekräfta");
    const updated = await driver.waitFor((i) => i.kind === "update");
    expect(updated).toMatchObject({ messageId: whisper.messageId, userId: "U0MAJA" });
    expect(updated.text).toContain("Svar: ok");
    expect(fake.calls("chat.update")).toEqual([]);
  });

  it("opens a modal with the trigger and shows a refused value as an error on its field", async () => {
    await driver.command(maja, "formulär", { conversation: "C0KANAL" });
    const modal = await driver.waitFor((i) => i.kind === "form");
    expect(modal.fields).toEqual(["antal", "datum"]);
    expect(await driver.submitForm(maja, modal, { antal: "tolv" })).toEqual({ antal: "Skriv ett heltal, till exempel 12." });
    expect(handled.at(-1)).toMatchObject({ type: "form", formId: "test.count", state: "row-42", conversation: "slack:C0KANAL", values: { antal: "tolv" } });
    expect(await driver.submitForm(maja, modal, { antal: "12", datum: "2026-12-03" })).toBeUndefined();
    expect(handled.at(-1)).toMatchObject({ values: { antal: "12", datum: "2026-12-03" } });
  });

  it("replaces the modal with the confirmation the core returns for an accepted form", async () => {
    await driver.command(maja, "formulär", { conversation: "C0KANAL" });
    const modal = await driver.waitFor((i) => i.kind === "form");
    const res = await driver.post(new URLSearchParams({ payload: JSON.stringify(submission(modal.raw, { antal: "0" })) }).toString());
    const answer = JSON.parse(res.body) as { response_action: string; view: { type: string; title: { text: string }; close: { text: string } } };
    expect(answer.response_action).toBe("update");
    expect(answer.view).toMatchObject({ type: "modal", title: { text: "Räkna" }, close: { text: "Stäng" } });
    expect(JSON.stringify(answer.view)).toContain("Tack! Inga extra platser i natt.");
  });

  it("keeps the modal open with an error on its first field when handling the submission fails", async () => {
    await driver.command(maja, "formulär", { conversation: "C0KANAL" });
    const modal = await driver.waitFor((i) => i.kind === "form");
    const errors = await driver.submitForm(maja, modal, { antal: "999" });
    expect(Object.keys(errors ?? {})).toEqual(["antal"]);
    expect(errors?.antal).toContain("Något gick fel");
  });

  it("offers a button that opens the form when a typed direct message asks for one, since Slack needs a click for modals", async () => {
    await driver.message(maja, "formulär");
    const offer = await driver.waitFor((i) => i.buttons.some((b) => b.label === "Öppna formuläret"));
    expect(offer).toMatchObject({ kind: "direct", conversation: "D0MAJA" });
    expect(fake.calls("views.open")).toEqual([]);
    await driver.click(maja, offer, "Öppna formuläret");
    const modal = await driver.waitFor((i) => i.kind === "form");
    expect(modal.fields).toEqual(["antal", "datum"]);
    expect(await driver.submitForm(maja, modal, { antal: "tolv" })).toEqual({ antal: "Skriv ett heltal, till exempel 12." });
    expect(handled.at(-1)).toMatchObject({ type: "form", formId: "test.count", state: "row-42", conversation: "slack:D0MAJA" });
  });

  it("does not open someone else's offered form", async () => {
    await driver.message(maja, "formulär");
    const offer = await driver.waitFor((i) => i.buttons.some((b) => b.label === "Öppna formuläret"));
    await driver.click({ userId: "U0PER" }, offer, "Öppna formuläret");
    await driver.waitFor((i) => i.text.includes("Formuläret finns inte längre"));
    expect(fake.calls("views.open")).toEqual([]);
  });

  it("tells the user when handling fails, without a stack trace", async () => {
    await driver.command(maja, "krasch", { conversation: "C0KANAL" });
    const failure = await driver.waitFor((i) => i.kind === "private");
    expect(failure.text).toContain("Något gick fel");
    expect(failure.text).not.toContain("boom");
  });

  it("answers Slack's url_verification challenge on a signed request", async () => {
    const res = await driver.post(JSON.stringify({ type: "url_verification", token: "t", challenge: "c-123" }), { contentType: "application/json" });
    expect(JSON.parse(res.body)).toEqual({ challenge: "c-123" });
  });
});

describe("Slack adapter when the core is slow", () => {
  it("closes the modal within Slack's budget and tells the user privately that the submission was refused", async () => {
    const slow = await startAdapter(100);
    try {
      await slow.driver.command(maja, "formulär", { conversation: "C0KANAL" });
      const modal = await slow.driver.waitFor((i) => i.kind === "form");
      const raw = modal.raw as { view: { callback_id: string } };
      const slowModal = { ...modal, raw: { ...raw, view: { ...raw.view, callback_id: "test.slow" } } };
      expect(await slow.driver.submitForm(maja, slowModal, { antal: "1" })).toBeUndefined();
      const told = await slow.driver.waitFor((i) => i.kind === "private" && i.text.includes("För sent men fel ändå."));
      expect(told.text).toContain("Formuläret sparades inte");
    } finally {
      await new Promise((resolve) => slow.server.close(resolve));
    }
  });
});

describe("Slack housekeeping", () => {
  it("forgets unopened forms older than a day and keeps recent ones", async () => {
    const slackDb = db.db.withTables<SlackTables>();
    const forms = await slackDb
      .insertInto("slack_pending_forms")
      .values(
        ["2026-11-20T03:00:00Z", "2026-11-22T01:00:00Z"].map((at) => ({
          user_id: "U0MAJA",
          form: JSON.stringify(form),
          origin: JSON.stringify({ conversation: "slack:D0MAJA" }),
          created_at: new Date(at),
        })),
      )
      .returning("id")
      .execute();
    const [housekeeping] = adapter.recurring;
    await housekeeping!.run(new Date("2026-11-22T03:40:00Z"));
    const pending = await slackDb
      .selectFrom("slack_pending_forms")
      .where(
        "id",
        "in",
        forms.map((f) => f.id),
      )
      .select("id")
      .execute();
    expect(pending.map((r) => r.id)).toEqual([forms[1]!.id]);
  });
});

describe("Slack ChatPort over the Web API", () => {
  it("hands a 429 back to the outbox as retryable with Slack's Retry-After, sending nothing twice", async () => {
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    const error = await adapter.chat.post("slack:C0KANAL", textMessage("Kallt i natt")).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "platform_unavailable", retryable: true, retryAfterMs: 7000 });
    expect(fake.calls("chat.postMessage")).toHaveLength(1);
  });

  it("treats the ok:false errors Slack documents as transient as retryable", async () => {
    for (const transient of ["internal_error", "fatal_error", "ratelimited", "service_unavailable", "request_timeout"]) {
      fake.failNext("chat.postMessage", { error: transient });
      await expect(adapter.chat.post("slack:C0KANAL", textMessage("x"))).rejects.toMatchObject({ code: "platform_rejected", retryable: true });
    }
  });

  it("turns a refusal into a platform_rejected error that says how to fix it", async () => {
    fake.failNext("chat.postMessage", { error: "missing_scope" });
    const error = await adapter.chat.post("slack:C0KANAL", textMessage("x")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SamverkaError);
    expect(error).toMatchObject({ code: "platform_rejected", retryable: false });
    expect((error as Error).message).toContain("reinstall the app");
  });

  it("tells a channel the app is not in (an expected condition an admin fixes) from other refusals", async () => {
    for (const refusal of ["not_in_channel", "channel_not_found", "is_archived"]) {
      fake.failNext("chat.postMessage", { error: refusal });
      const error = await adapter.chat.post("slack:C0KANAL", textMessage("x")).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "not_installed", retryable: false });
    }
    fake.failNext("chat.postMessage", { error: "not_in_channel" });
    expect(((await adapter.chat.post("slack:C0KANAL", textMessage("x")).catch((e: unknown) => e)) as Error).message).toContain("/invite");
  });

  it("opens the direct conversation once and posts there", async () => {
    const first = await adapter.chat.sendDirect("U0PER", textMessage("Hej Per"));
    await adapter.chat.sendDirect("U0PER", textMessage("Hej igen"));
    expect(first).toMatch(/^slack:D0PER:\d+\.\d+$/);
    expect(fake.calls("conversations.open")).toHaveLength(1);
    expect(await adapter.chat.directConversation("U0PER")).toBe("slack:D0PER");
  });

  it("offers a form asked for without an interaction behind a button only its user sees", async () => {
    await driver.message(maja, "formulär", { conversation: "C0KANAL" });
    await driver.waitFor((i) => i.kind === "private");
    const [offer] = fake.calls("chat.postEphemeral");
    expect(offer!.body).toMatchObject({ channel: "C0KANAL", user: "U0MAJA" });
    expect(JSON.stringify(offer!.body.blocks)).toContain("Öppna formuläret");
  });

  it("answers a private answer to an @mention, which has no response_url, as an ephemeral message to that user", async () => {
    await driver.message(maja, "privat", { conversation: "C0KANAL" });
    await driver.waitFor((i) => i.text.includes("Bara för dig"));
    expect(fake.calls("chat.postEphemeral")[0]!.body).toMatchObject({ channel: "C0KANAL", user: "U0MAJA" });
    expect(fake.calls("chat.postMessage")).toEqual([]);
  });

  it("uploads a file through files.uploadV2: upload URL, bytes, completion in the channel", async () => {
    const content = Buffer.from("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    await adapter.chat.attachFile("slack:C0KANAL", { filename: "styrgrupp.ics", mimeType: "text/calendar", content, comment: "Nästa möte" });
    const [getUrl] = fake.calls("files.getUploadURLExternal");
    expect(getUrl!.body).toMatchObject({ filename: "styrgrupp.ics", length: String(content.length) });
    const fileId = String(getUrl!.answer.file_id);
    const uploaded = fake.uploads.get(fileId)!;
    expect(uploaded.includes(content)).toBe(true);
    expect(fake.calls("files.completeUploadExternal")[0]!.body).toMatchObject({
      channel_id: "C0KANAL",
      initial_comment: "Nästa möte",
      files: [{ id: fileId }],
    });
  });

  it("maps channel ids to refs and back, and refuses refs of another platform", () => {
    expect(adapter.chat.channelRef("C0KANAL")).toBe("slack:C0KANAL");
    expect(adapter.chat.channelIdOf("slack:C0KANAL")).toBe("C0KANAL");
    expect(adapter.chat.channelIdOf("teams:19:abc@thread.tacv2")).toBeUndefined();
  });
});

/** A `/samverka hjälp` slash command as Slack posts it, for the tests of what is refused before it is read. */
function helpCommandBody(responseUrl: string): string {
  return new URLSearchParams({
    command: "/samverka",
    text: "hjälp",
    team_id: "T0",
    channel_id: "C0",
    user_id: "U0",
    trigger_id: "1.2.3",
    response_url: responseUrl,
  }).toString();
}
