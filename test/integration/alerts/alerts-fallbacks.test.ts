import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_CHANNELS, createAlertsWorld, latestCard, type AlertsWorld } from "./alerts-world.ts";

let w: AlertsWorld;
beforeAll(async () => {
  w = await createAlertsWorld({ start: "2026-12-10T16:00:00Z" });
  // Ny Gemenskap's only coordinator has left: the coordinator rung of its ladder reaches nobody.
  await w.t.db.updateTable("members").set({ active: false, deactivated_at: new Date() }).where("id", "=", w.memberIds.cNg).execute();
});
afterAll(async () => {
  await w.close();
});

describe("a cold night when parts of the chain fail", () => {
  it("declares even when no platform takes the card, and delivers the card once the platforms answer again", async () => {
    w.chats.slack.failNext(1);
    w.chats.teams.failNext(1);
    await w.act("sara", { type: "command", conversation: "slack:dm-U_SARA", text: "kallnatt -14" });
    expect(await w.t.db.selectFrom("cold_night_alerts").select("id").execute()).toHaveLength(1);
    expect(latestCard(w.chats.slack, `slack:${ALERT_CHANNELS.slack}`)).toBeUndefined();
    expect(w.directTo("sNg").join("\n")).toContain("Kan Ny Gemenskaps nattcafé öppna extra platser den natten?");

    // The refused card is an outbox row waiting for its retry, not a lost message.
    await w.runDue();
    for (const [chat, ref] of [
      [w.chats.slack, `slack:${ALERT_CHANNELS.slack}`],
      [w.chats.teams, `teams:${ALERT_CHANNELS.teams}`],
    ] as const) {
      expect(latestCard(chat, ref)?.text).toContain("Extra kall natt – natten mot fredag 11 december");
      expect(chat.calls.filter((c) => c.op === "post" && c.conversation === ref)).toHaveLength(1);
    }
  });

  it("goes straight to samordning and Socialjouren when a rung has nobody to reach", async () => {
    const before = w.directTo("sara").length;
    w.clock.set("2026-12-10T16:30:00Z");
    await w.runDue();
    const toSara = w.directTo("sara").slice(before);
    // Three shelters are silent; only Ny Gemenskap's coordinator rung is empty.
    expect(toSara).toEqual([expect.stringContaining("Eskalering: Ny Gemenskaps nattcafé")]);
    expect(w.directTo("jour").at(-1)).toContain("Eskalering: Ny Gemenskaps nattcafé");
    expect(w.directTo("cConv").at(-1)).toContain("Convictus natthärbärge har inte svarat");
  });

  it("takes a ladder step once even while every platform fails, and delivers its messages once when they answer", async () => {
    const before = w.directTo("sara").length;
    w.chats.slack.failNext(3);
    w.chats.teams.failNext(3);
    w.clock.set("2026-12-10T16:45:00Z");
    expect(await w.runDue()).toBe(3);
    const steps = await w.t.db.selectFrom("cold_night_responses").select("escalation_step").execute();
    expect(steps.map((r) => r.escalation_step)).toEqual([3, 3, 3]);
    // The failed sends were retried by the outbox; the three shelters' escalations reached samordning in one message, once.
    expect(w.directTo("sara").slice(before)).toEqual([
      expect.stringContaining("Eskalering: Convictus natthärbärge, Frälsningsarméns härbärge och Ny Gemenskaps nattcafé har fortfarande inte svarat"),
    ]);
    const retried = await w.t.db
      .selectFrom("outbox")
      .where("key", "like", "coldnight:%:escalation:%:samordning:member:%")
      .where("attempts", ">", 1)
      .select("id")
      .execute();
    expect(retried.length).toBeGreaterThan(0);
    // The runs' next steps (the ladder repeats every 30 minutes) are scheduled; nothing else is due yet.
    expect(await w.runDue()).toBe(0);
    const audit = await w.t.db
      .selectFrom("audit_events")
      .where("action", "=", "coldnight.escalated")
      .where(sql<boolean>`details->>'position' = '3'`)
      .select("id")
      .execute();
    expect(audit).toHaveLength(3);
  });

  it("ends with the right total on both platforms when three shelters answer at the same moment", async () => {
    const alertId = (await w.t.db.selectFrom("cold_night_alerts").select("id").executeTakeFirstOrThrow()).id;
    const value = (shelter: string) => `${alertId}:${w.activityIds[shelter]}`;
    const forms = await w.act("sConv", { type: "action", conversation: "slack:dm-U_SCONV", actionId: "coldnight.open", value: value("natt-convictus") });
    const form = forms.forms[0]!;
    await Promise.all([
      w.act("sConv", { type: "form", conversation: "slack:dm-U_SCONV", formId: form.formId, state: form.state, values: { places: "7" } }),
      w.act("sFa", { type: "action", conversation: "teams:dm-29:sfa", actionId: "coldnight.full", value: value("natt-fa") }),
      w.act("sara", { type: "form", conversation: "slack:dm-U_SARA", formId: form.formId, state: value("natt-ng"), values: { places: "4" } }),
    ]);
    for (const [chat, ref] of [
      [w.chats.slack, `slack:${ALERT_CHANNELS.slack}`],
      [w.chats.teams, `teams:${ALERT_CHANNELS.teams}`],
    ] as const) {
      expect(latestCard(chat, ref)?.text).toContain("Totalt 11 extra platser i natt.");
    }
  });

  it("answers a declare button with a forged value with an explanation, not a crash", async () => {
    const { whispers } = await w.act("sara", { type: "action", conversation: "slack:dm-U_SARA", actionId: "coldnight.declare", value: "igår|kallt" });
    expect(whispers[0]?.text).toContain("Jag förstår inte");
    expect(await w.t.db.selectFrom("cold_night_alerts").select("id").execute()).toHaveLength(1);
  });
});

describe("an incident reported by someone outside the organisations", () => {
  it("sends samordning the report once and the employer's follow-ups to samordning", async () => {
    const { forms } = await w.act("jour", { type: "command", conversation: "teams:dm-29:jour", text: "hot formulär" });
    const form = forms[0]!;
    const before = w.directTo("sara").length;
    const { result } = await w.act("jour", {
      type: "form",
      conversation: "teams:dm-29:jour",
      formId: form.formId,
      state: form.state,
      values: {
        date: "2026-12-10",
        time: "17.10",
        activity: w.activityIds["natt-ng"]!,
        kind: "violence",
        severity: "moderate",
        injuries: "serious",
        police: "reported",
        support: "yes",
        description: "En besökare slog en volontär.",
      },
    });
    expect(result).toMatchObject({ ok: true });
    expect(w.directTo("sara").slice(before)).toEqual([expect.stringContaining("Kvittera att du tagit emot den inom 30 minuter")]);
    await w.runDue();
    expect(w.directTo("sara").at(-1)).toContain("ska anmälas till Arbetsmiljöverket i dag");
    expect(w.directTo("cNg")).toEqual([]);
  });

  it("names the shelters whose staff could not be reached when declaring, instead of saying everyone was asked", async () => {
    await w.t.db.updateTable("members").set({ active: false, deactivated_at: new Date() }).where("id", "=", w.memberIds.sNg).execute();
    await w.act("sara", { type: "command", conversation: "slack:dm-U_SARA", text: "kallnatt i morgon -12" });
    expect(w.directTo("sara").at(-1)).toContain(
      "Extra kall natt är utlyst för natten mot lördag 12 december, men jag nådde ingen personal på Ny Gemenskaps nattcafé. Ring dem; övriga härbärgen har fått frågan.",
    );
    // Declared in the afternoon for tomorrow: the question names that night, not "i natt".
    expect(w.directTo("sConv").at(-1)).toContain(
      "har lyst ut extra kall natt för natten mot lördag 12 december. Kan Convictus natthärbärge öppna extra platser den natten?",
    );
  });

  it("keeps every shelter's prompt while every platform fails, and delivers each exactly once when they recover", async () => {
    w.chats.slack.failNext(50);
    w.chats.teams.failNext(50);
    const { whispers } = await w.act("sara", { type: "command", conversation: "slack:dm-U_SARA", text: "kallnatt 2026-12-12" });
    // The reply is an outbox row like the rest: it waits for the platforms too, rather than being lost.
    expect(whispers).toEqual([]);
    const alertId = (await w.t.db.selectFrom("cold_night_alerts").where("night", "=", "2026-12-12").select("id").executeTakeFirstOrThrow()).id;
    const prompts = () =>
      w.t.db.selectFrom("outbox").where("key", "like", `coldnight:${alertId}:%:prompt:%`).select(["status", "attempts", "message_ref"]).execute();
    const waiting = await prompts();
    expect(waiting.length).toBeGreaterThan(1);
    expect(waiting.every((p) => p.status === "pending")).toBe(true);
    w.chats.slack.failNext(0);
    w.chats.teams.failNext(0);
    await w.runDue();
    const sent = await prompts();
    expect(sent.map((p) => p.status)).toEqual(waiting.map(() => "sent"));
    // One platform message each: the message refs are all different, and each was tried again after the outage.
    expect(new Set(sent.map((p) => p.message_ref)).size).toBe(waiting.length);
    expect(sent.every((p) => p.attempts >= 2)).toBe(true);
  });

  it("says the follow-up is asked now when samordning closes a night after its morning close time", async () => {
    w.clock.set("2026-12-13T08:30:00Z");
    const { whispers } = await w.act("sara", { type: "command", conversation: "slack:dm-U_SARA", text: "kallnatt stäng 2026-12-12" });
    expect(whispers[0]?.text).toBe("Larmet om extra kall natt för natten mot söndag 13 december är avslutat. Härbärgena får frågan om uppföljning nu.");
  });
});
