/**
 * An extra cold night end to end on the REAL server, with Slack and Teams on the same partnership at once:
 * declare → every shelter's staff prompted → two shelters answer (one on each platform) and the card's total
 * updates in place on both → the third escalates step by step at the configured times → it answers and the ladder
 * stops → close → the morning follow-up is recorded. A manual clock drives the server; due reminders are handed
 * to the server's own queue as BullMQ would when their delay runs out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SentItem } from "../../helpers/platform-driver.ts";
import type { Person } from "../../integration/alerts/alerts-seed.ts";
import { SLACK_CHANNEL, startAlertsServer, TEAMS_CHANNEL, type AlertsServer } from "./alerts-server.ts";

describe("an extra cold night end to end on Slack and Teams", () => {
  let w: AlertsServer;
  beforeAll(async () => {
    w = await startAlertsServer("2026-12-03T15:00:00Z");
    // Staff at 15, coordinator at 30, samordning at 45 minutes; then coordinator and samordning again every 20 minutes.
    await w.db.updateTable("cold_night_settings").set({ escalation_repeat_from: 2, escalation_repeat_minutes: 20 }).execute();
  });
  afterAll(async () => {
    await w?.close();
  });

  const answerOpening = async (person: Person, prompt: SentItem, places: string) => {
    const driver = w.driverOf(person);
    await driver.click(w.userOf(person), prompt, "Öppna extra platser");
    const form = await w.sentAfter(driver, (item) => (item.fields ?? []).includes("places"));
    expect(await driver.submitForm(w.userOf(person), form, { places })).toBeUndefined();
  };

  it("declares once and prompts every shelter's staff on their own platform", async () => {
    await w.slack.command(w.userOf("sara"), "kallnatt -9", { conversation: SLACK_CHANNEL });
    // Declared in the alerts channel, the card there is the news: no text repeating it.
    await w.card("slack", "Extra kall natt – natten mot fredag 4 december");
    await w.card("teams", "Extra kall natt – natten mot fredag 4 december");
    await w.nextDirect("sConv", "Kan Convictus natthärbärge öppna extra platser den natten?");
    await w.nextDirect("sFa", "Kan Frälsningsarméns härbärge öppna extra platser den natten?");
    await w.nextDirect("sNg", "Kan Ny Gemenskaps nattcafé öppna extra platser den natten?");
    await w.nextDirect("sara", "Extra kall natt är utlyst för natten mot fredag 4 december");
    expect(w.slack.sent().filter((i) => w.isDirectTo("dayStaff", i))).toEqual([]);
    expect(
      w.slack
        .sent()
        .filter((i) => i.conversation === SLACK_CHANNEL)
        .map((i) => i.text),
    ).toEqual([expect.stringContaining("Extra kall natt – natten mot fredag 4 december")]);
  });

  it("updates the same card on both platforms as a Slack shelter and a Teams shelter answer", async () => {
    const convictus = await w.nextDirect("sConv", "Kan Convictus natthärbärge");
    const fa = await w.nextDirect("sFa", "Kan Frälsningsarméns härbärge");
    w.forget();
    await answerOpening("sConv", convictus, "12");
    await w.card("slack", "Totalt 12 extra platser i natt.");
    await w.card("teams", "Totalt 12 extra platser i natt.");

    // The manual clock stands still: move it, so this refresh is not queued under the same job id as the last one.
    w.clock.set("2026-12-03T15:00:05Z");
    await w.teams.click(w.userOf("sFa"), fa, "Fullt");
    const slackCard = await w.card("slack", "Fullt (Siv Frälsningsarmén)");
    const teamsCard = await w.card("teams", "Fullt (Siv Frälsningsarmén)");
    for (const item of [slackCard, teamsCard]) {
      expect(item.kind).toBe("update");
      expect(item.text).toContain("Öppnar 12 extra platser (Sam Convictus)");
    }
    expect(w.slack.sent().filter((i) => i.conversation === SLACK_CHANNEL && i.kind === "post")).toEqual([]);
  });

  it("escalates the silent shelter at 15, 30 and 45 minutes, keeps escalating past the last rung, then stops when it answers", async () => {
    w.forget();
    w.clock.set("2026-12-03T15:15:00Z");
    await w.deliverDue();
    const reminder = await w.nextDirect("sNg", "Påminnelse: Ny Gemenskaps nattcafé har inte svarat");

    w.clock.set("2026-12-03T15:30:00Z");
    await w.deliverDue();
    await w.nextDirect("cNg", "Ny Gemenskaps nattcafé har inte svarat");

    w.clock.set("2026-12-03T15:45:00Z");
    await w.deliverDue();
    await w.nextDirect("sara", "Eskalering: Ny Gemenskaps nattcafé");
    await w.nextDirect("jour", "Eskalering: Ny Gemenskaps nattcafé");

    // Past the last rung the ladder repeats from step 2 every 20 minutes: the coordinator (Slack), then samordning and Socialjouren (Slack, Teams).
    w.forget();
    w.clock.set("2026-12-03T16:05:00Z");
    await w.deliverDue();
    await w.nextDirect("cNg", "Ny Gemenskaps nattcafé har inte svarat");
    w.clock.set("2026-12-03T16:25:00Z");
    await w.deliverDue();
    await w.nextDirect("sara", "Eskalering: Ny Gemenskaps nattcafé");
    await w.nextDirect("jour", "Eskalering: Ny Gemenskaps nattcafé");

    w.forget();
    await answerOpening("sNg", reminder, "8");
    await w.card("slack", "Totalt 20 extra platser i natt.");
    await w.card("teams", "Totalt 20 extra platser i natt.");
    const ladder = await w.db.selectFrom("reminders").where("status", "=", "pending").where("key", "like", "coldnight:%:step-%").select("key").execute();
    expect(ladder).toEqual([]);
    // Nothing more reaches anyone on the ladder once it answered, on either platform.
    w.forget();
    for (const at of ["2026-12-03T16:45:00Z", "2026-12-03T17:05:00Z"]) {
      w.clock.set(at);
      await w.deliverDue();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...w.slack.sent(), ...w.teams.sent()].filter((i) => i.kind === "direct")).toEqual([]);
  });

  it("closes, then asks each shelter in the morning and records the figures", async () => {
    w.forget();
    w.clock.set("2026-12-04T07:30:00Z");
    await w.slack.command(w.userOf("sara"), "kallnatt stäng", { conversation: SLACK_CHANNEL });
    await w.card("slack", "Avslutad av Sara Samordning");
    await w.card("teams", "Avslutad av Sara Samordning");

    w.clock.set("2026-12-04T08:00:00Z");
    await w.deliverDue();
    const ask = await w.nextDirect("sConv", "hur många extra platser användes på Convictus natthärbärge");
    await w.nextDirect("sFa", "hur många extra platser användes på Frälsningsarméns härbärge");
    await w.slack.click(w.userOf("sConv"), ask, "Rapportera");
    const form = await w.sentAfter(w.slack, (item) => (item.fields ?? []).includes("used"));
    expect(await w.slack.submitForm(w.userOf("sConv"), form, { used: "11", away: "3" })).toBeUndefined();
    await w.card("teams", "Uppföljning: 11 extra platser användes, 3 fick nej.");
    const row = await w.db
      .selectFrom("cold_night_responses as r")
      .innerJoin("activities as a", "a.id", "r.activity_id")
      .where("a.key", "=", "natt-convictus")
      .select(["r.places_used", "r.turned_away"])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ places_used: 11, turned_away: 3 });
  });

  it("after samordning acknowledges, reminds only the silent shelters' staff, quietly, until samordning restarts one from a rung", async () => {
    w.forget();
    w.clock.set("2026-12-04T15:00:00Z");
    await w.teams.command(w.userOf("sFa"), "kallnatt -11", { conversation: TEAMS_CHANNEL });
    // Declared in the Teams alerts channel, the card there is the news: no text repeating it.
    await w.card("teams", "Extra kall natt – natten mot lördag 5 december");
    await w.nextDirect("sNg", "extra kall natt för natten mot lördag 5 december. Kan Ny Gemenskaps nattcafé öppna extra platser");
    // The declarer staffs a shelter: their own copy of the card carries its buttons, instead of a second message.
    const fa = await w.nextDirect("sFa", "Extra kall natt är utlyst för natten mot lördag 5 december");
    expect(w.teams.sent().filter((i) => i.conversation === TEAMS_CHANNEL && i.text.startsWith("Extra kall natt är utlyst"))).toEqual([]);
    await w.teams.click(w.userOf("sFa"), fa, "Fullt");
    const conv = await w.nextDirect("sConv", "extra kall natt för natten mot lördag 5 december. Kan Convictus natthärbärge öppna extra platser");
    await w.slack.click(w.userOf("sConv"), conv, "Kan inte");
    for (const at of ["2026-12-04T15:15:00Z", "2026-12-04T15:30:00Z", "2026-12-04T15:45:00Z"]) {
      w.clock.set(at);
      await w.deliverDue();
    }
    const escalation = await w.nextDirect("sara", "Eskalering: Ny Gemenskaps nattcafé");
    await w.slack.click(w.userOf("sara"), escalation, "Kvittera larmet");
    await w.card("teams", "Kvitterat av Sara Samordning kl. 16.45");

    w.forget();
    for (const at of ["2026-12-04T16:05:00Z", "2026-12-04T16:25:00Z"]) {
      w.clock.set(at);
      await w.deliverDue();
    }
    await w.nextDirect("sNg", "skriv antalet extra platser här, när ni kan");
    await new Promise((resolve) => setTimeout(resolve, 500));
    // New messages, that is: their copies of the card are updated in place (acknowledged), which does not ping.
    for (const person of ["cNg", "sara", "jour"] as const)
      expect(
        w
          .driverOf(person)
          .sent()
          .filter((i) => i.kind === "direct" && w.isDirectTo(person, i)),
      ).toEqual([]);

    await w.slack.click(w.userOf("sara"), escalation, "Starta om eskaleringen");
    const form = await w.sentAfter(w.slack, (item) => (item.fields ?? []).includes("step"));
    expect(
      await w.slack.submitForm(w.userOf("sara"), form, {
        shelter: (await w.db.selectFrom("activities").where("key", "=", "natt-ng").select("id").executeTakeFirstOrThrow()).id,
        step: "2",
      }),
    ).toBeUndefined();
    await w.deliverDue();
    await w.nextDirect("cNg", "Ny Gemenskaps nattcafé har inte svarat");
    w.clock.set("2026-12-04T16:45:00Z");
    await w.deliverDue();
    await w.nextDirect("jour", "Eskalering: Ny Gemenskaps nattcafé");
  });

  it("says the declaration in a channel the card does not go to, on both platforms, since nothing else there shows it", async () => {
    w.forget();
    await w.slack.command(w.userOf("sara"), "kallnatt 2026-12-07 -8", { conversation: "C0ELSEWHERE" });
    const slackSaid = await w.sentAfter(
      w.slack,
      (i) => i.conversation === "C0ELSEWHERE" && i.text.startsWith("Extra kall natt är utlyst för natten mot tisdag 8 december."),
    );
    expect(slackSaid.kind).toBe("post");
    await w.card("slack", "Extra kall natt – natten mot tisdag 8 december");

    await w.teams.install({ conversation: "19:elsewhere@thread.tacv2" });
    await w.teams.command(w.userOf("sFa"), "kallnatt 2026-12-08 -8", { conversation: "19:elsewhere@thread.tacv2" });
    const teamsSaid = await w.sentAfter(
      w.teams,
      (i) => i.conversation === "19:elsewhere@thread.tacv2" && i.text.startsWith("Extra kall natt är utlyst för natten mot onsdag 9 december."),
    );
    expect(teamsSaid.kind).toBe("post");
    await w.card("teams", "Extra kall natt – natten mot onsdag 9 december");
  });
});
