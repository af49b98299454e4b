import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TeamsAdapter } from "../../../adapters/teams/index.ts";
import type { FormResult, InboundEvent, InboundHandler, ReplyPort } from "../../../src/chat/inbound.ts";
import { createReply } from "../../../src/chat/reply.ts";
import { textMessage, type FormView } from "../../../src/chat/message.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { startTeamsAdapterServer, type TeamsAdapterServer } from "../../helpers/teams-adapter-server.ts";
import { TEAMS_TEST_TENANT, type TeamsDriver } from "../../helpers/teams-driver.ts";

const CHANNEL = "19:adapter-test@thread.tacv2";
const maja = { userId: "29:maja", aadObjectId: "aad-maja", name: "Maja" };

const form: FormView = {
  formId: "test.places",
  title: "Extra platser",
  submitLabel: "Skicka",
  state: "s1",
  fields: [
    { id: "places", label: "Antal platser", kind: "number", required: true },
    { id: "note", label: "Kommentar", kind: "text", required: false },
  ],
};

/** The core stand-in: records events and answers the way features do. */
function createTestHandler(events: InboundEvent[]): InboundHandler {
  return {
    async handle(event: InboundEvent, port: ReplyPort): Promise<FormResult | void> {
      events.push(event);
      const reply = createReply(port, "sv");
      if (event.type === "message" || event.type === "command") {
        if (event.text === "formulär") return reply.openForm(form);
        if (event.text === "privat knapp") {
          await reply.say({ text: "Svara", blocks: [{ type: "buttons", buttons: [{ actionId: "test.private", label: "Mitt svar", value: "x" }] }] });
          return;
        }
        await reply.say({
          text: `Du skrev: ${event.text}`,
          blocks: [
            { type: "text", text: `Du skrev: ${event.text}` },
            { type: "buttons", buttons: [{ actionId: "test.pick", label: "Välj Beta", value: "beta" }] },
          ],
        });
        return;
      }
      if (event.type === "action" && event.actionId === "test.private") return reply.whisper(textMessage("Bara för dig"));
      if (event.type === "action") return reply.updateSource(textMessage(`Valt: ${event.value}`));
      if (event.type === "form") {
        const places = Number(event.values.places);
        if (!Number.isInteger(places) || places < 0) return { ok: false, errors: { places: "Ange ett heltal, 0 eller fler." } };
        return { ok: true, message: textMessage(`Sparat: ${places} platser`) };
      }
    },
  };
}

describe("Teams adapter over HTTP with the real Teams SDK", () => {
  let world: TeamsAdapterServer;
  let adapter: TeamsAdapter;
  let driver: TeamsDriver;
  let serverUrl: string;
  const events: InboundEvent[] = [];

  beforeAll(async () => {
    world = await startTeamsAdapterServer({ handler: createTestHandler(events), publicUrl: () => "https://samverka.example.se" });
    ({ adapter, driver, url: serverUrl } = world);
  });
  afterAll(async () => {
    await world?.close();
  });
  beforeEach(() => {
    driver.clear();
    events.length = 0;
  });

  it("answers a personal message at the loopback connector named by serviceUrl", async () => {
    await driver.message(maja, "hjälp");
    const answer = await driver.waitFor((i) => i.text.includes("Du skrev: hjälp"));
    expect(answer.conversation).toBe(driver.personalChat(maja));
    expect(answer.kind).toBe("direct");
    expect(events[0]).toMatchObject({ type: "message", direct: true, text: "hjälp", user: { platform: "teams", userId: "29:maja", aadObjectId: "aad-maja" } });
    // No credentials: the SDK sends no token to the connector.
    expect(driver.connector.calls.at(-1)?.authorization).toBeUndefined();
  });

  it("treats a channel message that @mentions the bot as a command, without the mention", async () => {
    await driver.command(maja, "status", { conversation: CHANNEL });
    await driver.waitFor((i) => i.text.includes("Du skrev: status") && i.conversation === CHANNEL);
    expect(events[0]).toMatchObject({ type: "command", text: "status", conversation: `teams:${CHANNEL}` });
  });

  it("answers an Action.Execute invoke with the updated card and updates the message in place", async () => {
    await driver.message(maja, "hej");
    const card = await driver.waitFor((i) => i.buttons.some((b) => b.label === "Välj Beta"));
    await driver.click(maja, card, "Välj Beta");
    const response = await driver.waitFor((i) => i.kind === "invoke-response");
    expect(response.text).toContain("Valt: beta");
    const update = await driver.waitFor((i) => i.kind === "update");
    expect(update.messageId).toBe(card.messageId);
    expect(events.at(-1)).toMatchObject({ type: "action", actionId: "test.pick", value: "beta", message: `teams:${card.conversation}|${card.messageId}` });
  });

  it("answers a press on a channel card privately: the answer in the person's 1:1 chat, where it went in the press's banner", async () => {
    await driver.install({ conversation: CHANNEL });
    await driver.command(maja, "privat knapp", { conversation: CHANNEL });
    const card = await driver.waitFor((i) => i.conversation === CHANNEL && i.buttons.some((b) => b.actionId === "test.private"));
    const execute = JSON.stringify(card.raw).match(/\{"type":"Action\.Execute"[^{}]*"data":\{[^{}]*\}[^{}]*\}/)?.[0];
    const action = JSON.parse(execute!) as { verb: string; data: object };
    driver.clear();
    const { body } = await driver.post({
      type: "invoke",
      name: "adaptiveCard/action",
      from: { id: maja.userId, aadObjectId: maja.aadObjectId },
      conversation: { id: CHANNEL, conversationType: "channel", isGroup: true },
      replyToId: card.messageId,
      value: { action: { type: "Action.Execute", verb: action.verb, data: action.data }, trigger: "manual" },
    });
    // Teams has no message only one person in a channel sees; the banner answering the press is theirs alone.
    expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "Jag svarade dig i vår chatt." });
    const answer = await driver.waitFor((i) => i.text.includes("Bara för dig"));
    expect(answer.kind).toBe("direct");
    expect(driver.sent().filter((i) => i.conversation === CHANNEL)).toEqual([]);
  });

  it("translates a legacy Action.Submit click (a message with value) into an action", async () => {
    await driver.message(maja, "hej");
    const card = await driver.waitFor((i) => i.buttons.length > 0);
    await driver.post({
      type: "message",
      from: { id: maja.userId, aadObjectId: maja.aadObjectId },
      conversation: { id: driver.personalChat(maja), conversationType: "personal" },
      replyToId: card.messageId,
      value: { samverka: "action", actionId: "test.pick", value: "alfa" },
    });
    const update = await driver.waitFor((i) => i.kind === "update" && i.text.includes("Valt: alfa"));
    expect(update.messageId).toBe(card.messageId);
  });

  it("shows a refused form again with the error on the field and what was entered", async () => {
    await driver.message(maja, "formulär");
    const opened = await driver.waitFor((i) => i.kind === "form");
    expect(opened.fields).toEqual(["places", "note"]);
    const errors = await driver.submitForm(maja, opened, { places: "-3", note: "kyrkan öppnar" });
    expect(errors).toEqual({ places: "Ange ett heltal, 0 eller fler." });
    const again = driver
      .sent()
      .filter((i) => i.kind === "invoke-response")
      .at(-1)!;
    expect(JSON.stringify(again.raw)).toContain("kyrkan öppnar");
    const accepted = await driver.submitForm(maja, again, { places: "12" });
    expect(accepted).toBeUndefined();
    expect(driver.sent().at(-1)?.text).toContain("Sparat: 12 platser");
  });

  it("reaches a stored channel proactively after the app was installed there", async () => {
    await driver.install({ conversation: CHANNEL });
    expect(events.at(-1)).toMatchObject({ type: "installed", direct: false, conversation: `teams:${CHANNEL}` });
    const ref = await adapter.chat.post(`teams:${CHANNEL}`, textMessage("Kall natt i natt"));
    const posted = await driver.waitFor((i) => i.text.includes("Kall natt i natt"));
    expect(posted.conversation).toBe(CHANNEL);
    await adapter.chat.update(ref, textMessage("Kall natt: 40 extra platser"));
    const updated = await driver.waitFor((i) => i.kind === "update");
    expect(updated.messageId).toBe(posted.messageId);
  });

  it("opens a 1:1 chat with the user's Bot Framework id when a member is addressed by AAD object id", async () => {
    await driver.command({ userId: "29:olle", aadObjectId: "aad-olle" }, "hej", { conversation: CHANNEL });
    await adapter.chat.sendDirect("aad-olle", textMessage("Påminnelse"));
    const direct = await driver.waitFor((i) => i.text.includes("Påminnelse"));
    const created = driver.connector.calls.find((c) => c.op === "create-conversation")!;
    expect(created.body).toMatchObject({ isGroup: false, members: [{ id: "29:olle" }], tenantId: TEAMS_TEST_TENANT, bot: { id: "28:samverka-test-bot" } });
    expect(direct.conversation).toBe(created.conversationId);
    // The chat is remembered: a second message does not open another one.
    await adapter.chat.sendDirect("aad-olle", textMessage("Igen"));
    await driver.waitFor((i) => i.text.includes("Igen"));
    expect(driver.connector.calls.filter((c) => c.op === "create-conversation")).toHaveLength(1);
  });

  it("retries a throttled send and reports a connector outage as retryable", async () => {
    driver.connector.failNext(429, 2);
    await adapter.chat.post(`teams:${CHANNEL}`, textMessage("Efter 429"));
    await driver.waitFor((i) => i.text.includes("Efter 429"));
    expect(driver.connector.failures()).toBeGreaterThanOrEqual(2);
    driver.connector.failNext(500, 1);
    const failure = await adapter.chat.post(`teams:${CHANNEL}`, textMessage("Efter 500")).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SamverkaError);
    expect(failure).toMatchObject({ code: "platform_unavailable", retryable: true });
  });

  it("reports a conversation the app was removed from (403, 404) as not installed, not retryable", async () => {
    for (const status of [403, 404]) {
      driver.connector.failNext(status, 1);
      const failure = await adapter.chat.post(`teams:${CHANNEL}`, textMessage("Borttagen")).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: "not_installed", retryable: false });
      expect((failure as Error).message).toContain("Add the app to the team or chat again");
    }
  });

  it("refuses to write to a conversation it has never seen, saying how to fix it", async () => {
    await expect(adapter.chat.post("teams:19:unknown@thread.tacv2", textMessage("x"))).rejects.toMatchObject({ code: "not_installed" });
  });

  it("posts a file as a card linking to an expiring download served by the adapter", async () => {
    await adapter.chat.attachFile(`teams:${CHANNEL}`, {
      filename: "mote.ics",
      mimeType: "text/calendar",
      content: Buffer.from("BEGIN:VCALENDAR"),
      comment: "Styrgruppens möte",
    });
    const file = await driver.waitFor((i) => i.kind === "file");
    const link = JSON.stringify(file.raw).match(/https:\/\/samverka\.example\.se(\/api\/teams\/files\/[^"]+)/)?.[1];
    expect(link).toBeDefined();
    const res = await fetch(`${serverUrl}${link}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("BEGIN:VCALENDAR");
    const missing = await fetch(`${serverUrl}/api/teams/files/nope/mote.ics`);
    expect(missing.status).toBe(404);
  });
});
