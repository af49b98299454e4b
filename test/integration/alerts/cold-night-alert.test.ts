import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coldNightFiguresForPeriod, countColdNightsSince } from "../../../src/alerts/index.ts";
import { ALERT_CHANNELS, createAlertsWorld, latestCard, type AlertsWorld } from "./alerts-world.ts";

let w: AlertsWorld;
beforeAll(async () => {
  // 16.00 in Stockholm (CET) on a December afternoon.
  w = await createAlertsWorld({ start: "2026-12-03T15:00:00Z" });
});
afterAll(async () => {
  await w.close();
});

const slackCard = () => latestCard(w.chats.slack, `slack:${ALERT_CHANNELS.slack}`);
const teamsCard = () => latestCard(w.chats.teams, `teams:${ALERT_CHANNELS.teams}`);
const lastButtons = (texts: { calls: typeof w.chats.slack.calls }, userId: string) => {
  const dm = texts.calls.filter((c) => c.op === "direct" && c.userId === userId).at(-1);
  if (dm?.op !== "direct") throw new Error(`no direct message to ${userId}`);
  return dm.message.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
};
const statusOf = async (alertId: string) =>
  (await w.t.db.selectFrom("cold_night_alerts").where("id", "=", alertId).select("status").executeTakeFirstOrThrow()).status;
const pendingKeys = async () => (await w.t.db.selectFrom("reminders").where("status", "=", "pending").select("key").orderBy("key").execute()).map((r) => r.key);

describe("an extra cold night from declaration to morning follow-up", () => {
  const DECLARED = "slack:T1:cmd-declare-1";
  let alertId: string;

  it("posts one card on both platforms and asks every night shelter's staff directly", async () => {
    const { whispers } = await w.act("sara", { type: "command", conversation: `slack:${ALERT_CHANNELS.slack}`, text: "kallnatt -9", delivery: DECLARED });

    // The declarer's reply is their own live copy of the card, not a snapshot whispered back.
    expect(whispers).toEqual([]);
    expect(w.directTo("sara").at(-1)).toContain("Extra kall natt är utlyst för natten mot fredag 4 december. Natthärbärgenas personal har fått frågan.");
    for (const card of [slackCard(), teamsCard()]) {
      expect(card?.text).toContain("Extra kall natt – natten mot fredag 4 december");
      expect(card?.text).toContain("Prognos −9 °C");
      expect(card?.text).toContain("Convictus natthärbärge: Inget svar än");
      expect(card?.text).toContain("Totalt 0 extra platser i natt.");
    }
    expect(w.directTo("sConv").join("\n")).toContain("Kan Convictus natthärbärge öppna extra platser den natten?");
    expect(w.directTo("sFa").join("\n")).toContain("Kan Frälsningsarméns härbärge öppna extra platser den natten?");
    expect(w.directTo("sNg").join("\n")).toContain("Kan Ny Gemenskaps nattcafé öppna extra platser den natten?");
    expect(w.directTo("dayStaff")).toEqual([]);
    alertId = (await w.t.db.selectFrom("cold_night_alerts").select("id").executeTakeFirstOrThrow()).id;
    // Each shelter's first ladder step and the morning close; each step schedules the next.
    expect(await pendingKeys()).toHaveLength(3 + 1);
    expect(await w.queuedJob(`coldnight:${alertId}:${w.activityIds["natt-convictus"]}:step-1-1`)).toBe(true);
  });

  it("says nothing more when the declaring request is handled again (a crash before its inbox row was marked done)", async () => {
    const sent = () => w.chats.slack.calls.length + w.chats.teams.calls.length;
    const before = sent();
    const { whispers } = await w.act("sara", { type: "command", conversation: `slack:${ALERT_CHANNELS.slack}`, text: "kallnatt -9", delivery: DECLARED });
    expect(whispers).toEqual([]);
    expect(sent()).toBe(before);
    expect(w.directTo("sara").join("\n")).not.toContain("redan utlyst");
  });

  it("points a second declaration of the same night to the existing alert, with a live copy of its card", async () => {
    const { whispers } = await w.act("cNg", { type: "command", conversation: `slack:${ALERT_CHANNELS.slack}`, text: "kallnatt i kväll" });
    expect(whispers).toEqual([]);
    const copy = w.chats.slack.calls.filter((c) => c.op === "direct" && c.userId === "U_CNG").at(-1);
    const message = copy?.op === "direct" ? copy.message : { text: "", blocks: [] };
    expect(message.blocks).toContainEqual({
      type: "text",
      text: "Extra kall natt är redan utlyst för natten mot fredag 4 december; så här ser det ut just nu.",
    });
    expect(message.blocks).toContainEqual({ type: "text", text: "Utlyst av Sara Samordning kl. 16.00. Prognos −9 °C." });
    // A coordinator may answer for their organisation's shelter, and only that one.
    const shown = message.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
    expect(shown.map((b) => [b.actionId, b.value.endsWith(w.activityIds["natt-ng"]!)])).toEqual([
      ["coldnight.open", true],
      ["coldnight.full", true],
      ["coldnight.cannot", true],
    ]);
    expect(await w.t.db.selectFrom("cold_night_alerts").select("id").execute()).toHaveLength(1);
  });

  it("updates the card in place on both platforms as two shelters answer, with a running total", async () => {
    const convictus = lastButtons(w.chats.slack, "U_SCONV");
    const open = convictus.find((b) => b.actionId === "coldnight.open")!;
    const { forms } = await w.act("sConv", { type: "action", conversation: "slack:dm-U_SCONV", actionId: open.actionId, value: open.value });
    expect(forms[0]?.fields.map((f) => f.id)).toEqual(["places", "women"]);

    const refused = await w.act("sConv", {
      type: "form",
      conversation: "slack:dm-U_SCONV",
      formId: forms[0]!.formId,
      state: forms[0]!.state,
      values: { places: "tolv" },
    });
    expect(refused.result).toMatchObject({ ok: false, errors: { places: "Det måste vara ett heltal, t.ex. 12." } });
    expect(refused.result && !refused.result.ok ? refused.result.form?.fields[0]?.initial : undefined).toBe("tolv");

    const accepted = await w.act("sConv", {
      type: "form",
      conversation: "slack:dm-U_SCONV",
      formId: forms[0]!.formId,
      state: forms[0]!.state,
      values: { places: "12" },
    });
    expect(accepted.result).toMatchObject({ ok: true });

    const full = lastButtons(w.chats.teams, "29:sfa").find((b) => b.actionId === "coldnight.full")!;
    await w.act("sFa", { type: "action", conversation: "teams:dm-29:sfa", actionId: full.actionId, value: full.value });

    for (const card of [slackCard(), teamsCard()]) {
      expect(card?.text).toContain("Convictus natthärbärge: Öppnar 12 extra platser (Sam Convictus)");
      expect(card?.text).toContain("Frälsningsarméns härbärge: Fullt (Siv Frälsningsarmén)");
      expect(card?.text).toContain("Totalt 12 extra platser i natt.");
    }
    // Declared in the alerts channel, the card is all that is posted there (a text would repeat it); answers update
    // the card, they post nothing there.
    expect(
      w.chats.slack.calls
        .filter((c) => c.op === "post" && c.conversation === `slack:${ALERT_CHANNELS.slack}`)
        .map((c) => (c.op === "post" ? c.message.text : "")),
    ).toEqual([expect.stringContaining("natten mot fredag 4 december")]);
    expect(await pendingKeys()).toEqual([`coldnight:${alertId}:${w.activityIds["natt-ng"]}:step-1-1`, `coldnight:${alertId}:auto-close`].sort());
    // Each step is a delayed BullMQ job under its row's deterministic id; answering removed the answered shelters' jobs.
    expect(await w.queuedJob(`coldnight:${alertId}:${w.activityIds["natt-ng"]}:step-1-1`)).toBe(true);
    expect(await w.queuedJob(`coldnight:${alertId}:${w.activityIds["natt-convictus"]}:step-1-1`)).toBe(false);
  });

  it("does not let one shelter's staff answer for another shelter", async () => {
    const ngButton = lastButtons(w.chats.teams, "29:sng").find((b) => b.actionId === "coldnight.cannot")!;
    const { whispers } = await w.act("sConv", { type: "action", conversation: "slack:dm-U_SCONV", actionId: ngButton.actionId, value: ngButton.value });
    expect(whispers[0]?.text).toBe("Bara personalen på Ny Gemenskaps nattcafé, dess samordnare eller samordningen kan svara för härbärget.");
    expect(slackCard()?.text).toContain("Ny Gemenskaps nattcafé: Inget svar än");
  });

  it("escalates the silent shelter to its staff, then its coordinator, then samordning and Socialjouren", async () => {
    const before = { sNg: w.directTo("sNg").length, cNg: w.directTo("cNg").length, sara: w.directTo("sara").length, jour: w.directTo("jour").length };
    w.clock.set("2026-12-03T15:14:59Z");
    expect(await w.runDue()).toBe(0);

    w.clock.set("2026-12-03T15:15:00Z");
    expect(await w.runDue()).toBe(1);
    expect(w.directTo("sNg").slice(before.sNg)).toEqual([expect.stringContaining("Påminnelse: Ny Gemenskaps nattcafé har inte svarat")]);
    expect(w.directTo("cNg")).toHaveLength(before.cNg);

    w.clock.set("2026-12-03T15:30:00Z");
    await w.runDue();
    expect(w.directTo("cNg").slice(before.cNg)).toEqual([
      expect.stringContaining("Ny Gemenskaps nattcafé har inte svarat på larmet om extra kall natt för natten mot fredag 4 december sedan kl. 16.00"),
    ]);
    expect(w.directTo("cConv")).toEqual([]);
    expect(w.directTo("sara")).toHaveLength(before.sara);

    w.clock.set("2026-12-03T15:45:00Z");
    await w.runDue();
    expect(w.directTo("sara").slice(before.sara)).toEqual([expect.stringContaining("Eskalering: Ny Gemenskaps nattcafé har fortfarande inte svarat")]);
    expect(w.directTo("jour").slice(before.jour)).toHaveLength(1);
  });

  it("stops the ladder once the shelter answers, even for a step that fires late", async () => {
    w.clock.set("2026-12-03T15:50:00Z");
    const open = lastButtons(w.chats.teams, "29:sng").find((b) => b.actionId === "coldnight.open")!;
    const { forms } = await w.act("sNg", { type: "action", conversation: "teams:dm-29:sng", actionId: open.actionId, value: open.value });
    await w.act("sNg", { type: "form", conversation: "teams:dm-29:sng", formId: forms[0]!.formId, state: forms[0]!.state, values: { places: "8" } });
    expect(teamsCard()?.text).toContain("Totalt 20 extra platser i natt.");

    const sent = w.chats.slack.calls.length + w.chats.teams.calls.length;
    const handler = w.feature.reminders!.find((h) => h.kind === "coldnight.escalate")!;
    const payload = { alertId, activityId: w.activityIds["natt-ng"], run: 1, position: 4 };
    await handler.run(
      { id: "x", key: "late", kind: "coldnight.escalate", partnershipId: w.partnershipId, dueAt: w.clock.now(), attempts: 1, payload },
      payload,
    );
    expect(w.chats.slack.calls.length + w.chats.teams.calls.length).toBe(sent);
  });

  it("refuses close from anyone but samordning, then closes and asks each shelter for figures in the morning", async () => {
    w.clock.set("2026-12-04T06:30:00Z");
    const refused = await w.act("sConv", { type: "command", conversation: `slack:${ALERT_CHANNELS.slack}`, text: "kallnatt stäng" });
    expect(refused.whispers[0]?.text).toBe("Bara samordningen kan avsluta larmet.");

    const { whispers } = await w.act("sara", { type: "command", conversation: `slack:${ALERT_CHANNELS.slack}`, text: "kallnatt stäng" });
    // Closed at 07.30 the morning after: the follow-up comes at the 09.00 close, today, not "tomorrow morning".
    expect(whispers[0]?.text).toBe(
      "Larmet om extra kall natt för natten mot fredag 4 december är avslutat. Härbärgena får frågan om uppföljning 2026-12-04 kl. 09.00.",
    );
    for (const card of [slackCard(), teamsCard()]) {
      expect(card?.text).toContain("Avslutad av Sara Samordning 2026-12-04 kl. 07.30.");
      expect(card?.text).not.toContain("Öppna extra platser");
    }
    expect(await w.runDue()).toBe(0);

    w.clock.set("2026-12-04T08:00:00Z");
    expect(await w.runDue()).toBe(3);
    expect(w.directTo("sConv").at(-1)).toContain("hur många extra platser användes på Convictus natthärbärge");

    const report = lastButtons(w.chats.slack, "U_SCONV").find((b) => b.actionId === "coldnight.followup")!;
    const { forms } = await w.act("sConv", { type: "action", conversation: "slack:dm-U_SCONV", actionId: report.actionId, value: report.value });
    const result = await w.act("sConv", {
      type: "form",
      conversation: "slack:dm-U_SCONV",
      formId: forms[0]!.formId,
      state: forms[0]!.state,
      values: { used: "11", away: "3" },
    });
    expect(result.result).toMatchObject({ ok: true });
    const row = await w.t.db
      .selectFrom("cold_night_responses")
      .where("activity_id", "=", w.activityIds["natt-convictus"]!)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ places_used: 11, turned_away: 3, followup_by: w.memberIds.sConv });
    expect(teamsCard()?.text).toContain("Uppföljning: 11 extra platser användes, 3 fick nej.");
  });

  it("asks the coordinators of the shelters whose figures are still missing four hours later", async () => {
    const before = { cConv: w.directTo("cConv").length, cFa: w.directTo("cFa").length, cNg: w.directTo("cNg").length };
    w.clock.set("2026-12-04T11:59:00Z");
    await w.runDue();
    expect(w.directTo("cFa")).toHaveLength(before.cFa);
    w.clock.set("2026-12-04T12:00:00Z");
    await w.runDue();
    expect(w.directTo("cFa").slice(before.cFa)).toEqual([
      expect.stringContaining("Frälsningsarméns härbärge har inte rapporterat uppföljningen av extra kall natt (natten mot fredag 4 december) än."),
    ]);
    expect(w.directTo("cNg").slice(before.cNg)).toHaveLength(1);
    // Convictus reported at 09.00: its coordinator is left alone.
    expect(w.directTo("cConv")).toHaveLength(before.cConv);
  });

  it("keeps an audit trail of who declared, answered, escalated, closed and followed up", async () => {
    const trail = await w.t.db
      .selectFrom("audit_events")
      .where("subject_id", "=", alertId)
      .select(["action", "actor_member_id"])
      .orderBy("at")
      .orderBy("id")
      .execute();
    const actions = trail.map((e) => e.action);
    expect(trail.find((e) => e.action === "coldnight.declared")?.actor_member_id).toBe(w.memberIds.sara);
    expect(actions.filter((a) => a === "coldnight.answered")).toHaveLength(3);
    expect(actions.filter((a) => a === "coldnight.escalated")).toHaveLength(3);
    expect(trail.find((e) => e.action === "coldnight.closed")?.actor_member_id).toBe(w.memberIds.sara);
    expect(actions).toContain("coldnight.followed_up");
  });

  it("feeds the night's figures to reports and the next agenda, per organisation", async () => {
    const figures = await coldNightFiguresForPeriod(w.t.db, w.partnershipId, "2026-12-01", "2026-12-31");
    expect(figures).toMatchObject({ nights: 1, extraPlacesOffered: 20, extraPlacesUsed: 11, turnedAway: 3, followUpsMissing: 2 });
    expect(figures.byOrganisation.map((o) => [o.organisationName, o.nightsOpened, o.extraPlacesOffered, o.extraPlacesUsed, o.turnedAway])).toEqual([
      ["Convictus", 1, 12, 11, 3],
      ["Frälsningsarmén", 0, 0, 0, 0],
      ["Ny Gemenskap", 1, 8, 0, 0],
    ]);
    expect(await countColdNightsSince(w.t.db, w.partnershipId, "2026-12-03")).toBe(1);
    // An instant counts by its local date: 00.30 on 4 December in Stockholm is after the night of the 3rd began.
    expect(await countColdNightsSince(w.t.db, w.partnershipId, new Date("2026-12-03T23:30:00Z"))).toBe(0);
    expect(await countColdNightsSince(w.t.db, w.partnershipId, new Date("2026-12-02T23:30:00Z"))).toBe(1);
  });
});

describe("who may declare, and the morning close", () => {
  it("tells someone outside the declarer roles who can declare", async () => {
    const { whispers } = await w.act("mConv", { type: "command", conversation: "slack:dm-U_MCONV", text: "kallnatt" });
    expect(whispers[0]?.text).toBe("Du kan inte lysa ut extra kall natt. Det kan: samordningen, samordnare, härbärgespersonal.");
  });

  it("refuses a night that is already over", async () => {
    const { whispers } = await w.act("sara", { type: "command", conversation: "slack:dm-U_SARA", text: "kallnatt 2026-12-02" });
    expect(whispers[0]?.text).toBe("Det går inte att lysa ut natten mot torsdag 3 december: den är redan slut.");
  });

  it("closes an unclosed alert by itself at 09.00 the next morning and asks the shelters for their figures", async () => {
    w.clock.set("2026-12-04T15:00:00Z");
    await w.act("sFa", { type: "command", conversation: "teams:dm-29:sfa", text: "kallnatt -11" });
    const alert = await w.t.db.selectFrom("cold_night_alerts").where("night", "=", "2026-12-04").selectAll().executeTakeFirstOrThrow();
    expect(alert.closes_at).toEqual(new Date("2026-12-05T08:00:00Z"));

    w.clock.set("2026-12-05T07:59:00Z");
    await w.runDue();
    expect(await statusOf(alert.id)).toBe("open");

    w.clock.set("2026-12-05T08:00:00Z");
    await w.runDue();
    const closed = await w.t.db.selectFrom("cold_night_alerts").where("id", "=", alert.id).selectAll().executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ status: "closed", closed_by: null });
    expect(teamsCard()?.text).toContain("Extra kall natt – natten mot fredag 4 december");
    const posts = w.chats.teams.calls.filter((c) => c.op === "post" && c.conversation === `teams:${ALERT_CHANNELS.teams}`);
    expect(latestCard(w.chats.teams, `teams:${ALERT_CHANNELS.teams}`, posts.length - 1)?.text).toContain("Avslutades automatiskt 2026-12-05 kl. 09.00.");
    await w.runDue();
    expect(w.directTo("sFa").at(-1)).toContain("Uppföljning av extra kall natt (natten mot lördag 5 december)");
    const audit = await w.t.db
      .selectFrom("audit_events")
      .where("subject_id", "=", alert.id)
      .where("action", "=", "coldnight.closed")
      .select(["actor_member_id", "details"])
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_member_id: null, details: { automatic: true } });
  });

  it("closes at 09.00 local time on the morning the clocks go forward (28 March 2027)", async () => {
    w.clock.set("2027-03-27T19:00:00Z");
    await w.act("sara", { type: "command", conversation: "slack:dm-U_SARA", text: "kallnatt -8" });
    const alert = await w.t.db.selectFrom("cold_night_alerts").where("night", "=", "2027-03-27").selectAll().executeTakeFirstOrThrow();
    // 09.00 CEST is 07.00 UTC; the evening before was still CET.
    expect(alert.closes_at).toEqual(new Date("2027-03-28T07:00:00Z"));
    w.clock.set("2027-03-28T06:59:00Z");
    await w.runDue();
    expect(await statusOf(alert.id)).toBe("open");
    w.clock.set("2027-03-28T07:00:00Z");
    await w.runDue();
    expect(await statusOf(alert.id)).toBe("closed");
  });
});
