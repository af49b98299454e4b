import type { Message } from "../../../src/chat/message.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countIncidentsSince, incidentFiguresForPeriod } from "../../../src/alerts/index.ts";
import type { FormView } from "../../../src/chat/message.ts";
import { messageText } from "../../helpers/recording-chat.ts";
import { ALERT_CHANNELS, createAlertsWorld, type AlertsWorld, type Person } from "./alerts-world.ts";

let w: AlertsWorld;
beforeAll(async () => {
  // 23.40 in Stockholm: a night shift.
  w = await createAlertsWorld({ start: "2026-12-03T22:40:00Z" });
});
afterAll(async () => {
  await w.close();
});

const DESCRIPTION = "En besökare hotade personal i entrén med en flaska. Personalen backade undan, polis tillkallades.";
const openForm = async (person: Person): Promise<FormView> => {
  const { forms } = await w.act(person, { type: "command", conversation: `slack:${ALERT_CHANNELS.slack}`, text: "hot formulär" });
  return forms[0]!;
};
const submit = (person: Person, form: FormView, values: Record<string, string>) =>
  w.act(person, { type: "form", conversation: `slack:${ALERT_CHANNELS.slack}`, formId: form.formId, state: form.state, values });
const valid = (activityId: string, extra: Record<string, string> = {}) => ({
  date: "2026-12-03",
  time: "23.35",
  activity: activityId,
  kind: "both",
  severity: "serious_incident",
  injuries: "minor",
  police: "called",
  support: "yes",
  description: DESCRIPTION,
  ...extra,
});
const lastDirect = (person: "sara" | "mConv" | "jour") => {
  const userId = { sara: "U_SARA", mConv: "U_MCONV", jour: "29:jour" }[person];
  const chat = person === "jour" ? w.chats.teams : w.chats.slack;
  const call = chat.calls.filter((c) => c.op === "direct" && c.userId === userId).at(-1);
  return call?.op === "direct" ? call.message : undefined;
};
const buttonsOf = (message: ReturnType<typeof lastDirect>) => message?.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])) ?? [];
const pendingIncidentKeys = async () =>
  (
    await w.t.db.selectFrom("reminders").where("status", "=", "pending").where("key", "like", "incident:%").select(["key", "due_at"]).orderBy("key").execute()
  ).map((r) => `${r.key.replace(/incident:[^:]+:/, "")}@${r.due_at.toISOString()}`);

describe("a report of threats and violence", () => {
  let incidentId: string;

  it("opens a form with the reporter's own shelter preselected and a warning against names", async () => {
    const form = await openForm("sConv");
    expect(form.fields.map((f) => f.id)).toEqual([
      "date",
      "time",
      "activity",
      "kind",
      "severity",
      "injuries",
      "police",
      "support",
      "staff_involved",
      "visitors_involved",
      "others_involved",
      "description",
    ]);
    expect(form.fields.find((f) => f.id === "activity")?.initial).toBe(w.activityIds["natt-convictus"]);
    expect(form.fields.find((f) => f.id === "description")?.help).toContain("aldrig namn eller personnummer");
    expect(form.fields.find((f) => f.id === "severity")?.choices?.map((c) => c.label)).toContain("Allvarligt tillbud");
  });

  it("refuses a description with a personnummer, explains why, keeps what was typed and stores nothing", async () => {
    const form = await openForm("sConv");
    const description = `${DESCRIPTION} Besökaren heter 811218-9876.`;
    const sentBefore = w.chats.slack.calls.length + w.chats.teams.calls.length;
    const { result } = await submit("sConv", form, valid(w.activityIds["natt-convictus"]!, { description }));

    const returned = result && !result.ok ? result.form : undefined;
    expect(result && !result.ok ? result.errors.description : undefined).toContain("personnummer eller samordningsnummer (811218-****)");
    expect(returned?.fields.find((f) => f.id === "description")?.initial).toBe(description);
    expect(returned?.fields.find((f) => f.id === "kind")?.initial).toBe("both");
    expect(await w.t.db.selectFrom("incidents").select("id").execute()).toEqual([]);
    expect(await w.t.db.selectFrom("audit_events").where("subject_type", "=", "incident").select("id").execute()).toEqual([]);
    expect(await pendingIncidentKeys()).toEqual([]);
    expect(w.chats.slack.calls.length + w.chats.teams.calls.length).toBe(sentBefore);
  });

  it("sends a valid report to samordning and the reporter's manager at once, and only a neutral notice to the channel", async () => {
    const form = await openForm("sConv");
    const { result } = await submit("sConv", form, valid(w.activityIds["natt-convictus"]!));
    expect(result && result.ok ? messageText(result.message!) : undefined).toBe(
      "Tack. Rapporten är sparad och skickas till Sara Samordning i samordningen och Maria Convictus hos din arbetsgivare.\n" +
        "Tack. Rapporten är sparad och skickas till Sara Samordning i samordningen och Maria Convictus hos din arbetsgivare.\nTa hand om dig; du ska få stöd.",
    );
    incidentId = (await w.t.db.selectFrom("incidents").select("id").executeTakeFirstOrThrow()).id;

    const toSara = messageText(lastDirect("sara")!);
    expect(toSara).toContain("Kvittera att du tagit emot den inom 30 minuter");
    expect(toSara).toContain("Tidpunkt: 2026-12-03 kl. 23.35");
    expect(toSara).toContain("Verksamhet: Convictus natthärbärge");
    expect(toSara).toContain("Allvarlighetsgrad: Allvarligt tillbud");
    expect(toSara).toContain(DESCRIPTION);
    expect(buttonsOf(lastDirect("sara")).map((b) => b.actionId)).toEqual(["incident.ack"]);

    const toManager = messageText(lastDirect("mConv")!);
    expect(toManager).toContain("Håll avlastningssamtal med personalen inom 24 timmar (senast 2026-12-04 kl. 23.40)");
    expect(buttonsOf(lastDirect("mConv")).map((b) => b.actionId)).toEqual(["incident.debrief-done", "incident.authority-done", "incident.police-reported"]);
    expect(w.directTo("cConv")).toEqual([]);
    expect(w.directTo("cNg")).toEqual([]);

    for (const [chat, ref] of [
      [w.chats.slack, `slack:${ALERT_CHANNELS.slack}`],
      [w.chats.teams, `teams:${ALERT_CHANNELS.teams}`],
    ] as const) {
      const posts = chat.calls.filter((c) => c.op === "post" && c.conversation === ref).map((c) => (c.op === "post" ? messageText(c.message) : ""));
      expect(posts).toEqual([
        "En händelse med hot eller våld har rapporterats. Samordningen och ansvarig chef har fått rapporten.\nEn händelse med hot eller våld har rapporterats. Samordningen och ansvarig chef har fått rapporten.",
      ]);
    }
    expect(await pendingIncidentKeys()).toEqual([
      "ack@2026-12-03T23:10:00.000Z",
      "authority-1@2026-12-03T22:40:00.000Z",
      "debrief@2026-12-04T18:40:00.000Z",
      "police@2026-12-04T22:40:00.000Z",
    ]);
  });

  it("reminds the manager at once to report the serious incident to Arbetsmiljöverket, then again at 08.00, not at night", async () => {
    expect(await w.runDue()).toBe(1);
    expect(messageText(lastDirect("mConv")!)).toContain("ska anmälas till Arbetsmiljöverket i dag");
    expect(await pendingIncidentKeys()).toContain("authority-2@2026-12-04T07:00:00.000Z");
  });

  it("escalates to Socialjouren when samordning has not acknowledged within 30 minutes, without the free text", async () => {
    w.clock.set("2026-12-03T23:09:59Z");
    expect(await w.runDue()).toBe(0);
    expect(w.directTo("jour")).toEqual([]);
    w.clock.set("2026-12-03T23:10:00Z");
    await w.runDue();
    const toJour = messageText(lastDirect("jour")!);
    expect(toJour).toContain("Eskalering: en rapport om hot och våld (2026-12-03 kl. 23.35) har inte kvitterats av samordningen inom 30 minuter.");
    expect(toJour).toContain("Behöver stöd: Ja");
    expect(toJour).not.toContain(DESCRIPTION);
    expect(toJour).not.toContain("Sam Convictus");
    expect(messageText(lastDirect("sara")!)).toContain("den har nu eskalerats till Socialjouren");
  });

  it("lets only samordning acknowledge, once", async () => {
    const refused = await w.act("jour", { type: "action", conversation: "teams:dm-29:jour", actionId: "incident.ack", value: incidentId });
    expect(refused.whispers[0]?.text).toBe("Bara samordningen kan kvittera rapporter om hot och våld.");
    const { whispers } = await w.act("sara", { type: "action", conversation: "slack:dm-U_SARA", actionId: "incident.ack", value: incidentId });
    expect(whispers[0]?.text).toBe("Kvitterat. Tack.");
    const again = await w.act("sara", { type: "action", conversation: "slack:dm-U_SARA", actionId: "incident.ack", value: incidentId });
    expect(again.whispers[0]?.text).toBe("Rapporten är redan kvitterad (2026-12-04 kl. 00.10).");
  });

  it("shows incident details only to samordning and admins", async () => {
    const manager = await w.act("mConv", { type: "command", conversation: "slack:dm-U_MCONV", text: "hot lista" });
    expect(manager.whispers[0]?.text).toBe("Bara samordningen och administratörer kan läsa rapporter om hot och våld.");
    const sara = await w.act("sara", { type: "command", conversation: "slack:dm-U_SARA", text: "hot lista" });
    const list = messageText(sara.whispers[0]!);
    expect(list).toContain("Typ: Både hot och våld");
    // A whisper is no outbox row the purge could take back, so the list never carries the free text.
    expect(list).not.toContain(DESCRIPTION);
    expect(list).toContain("Beskrivningarna visas inte här");
  });

  it("repeats the Arbetsmiljöverket reminder until the manager marks it done", async () => {
    w.clock.set("2026-12-04T07:00:00Z");
    await w.runDue();
    expect(messageText(lastDirect("mConv")!)).toContain("Arbetsmiljöverket");
    const done = buttonsOf(lastDirect("mConv")).find((b) => b.actionId === "incident.authority-done")!;
    const { whispers } = await w.act("mConv", { type: "action", conversation: "slack:dm-U_MCONV", actionId: done.actionId, value: done.value });
    expect(whispers[0]?.text).toBe("Uppföljningen är markerad som klar.");
    expect((await pendingIncidentKeys()).filter((k) => k.startsWith("authority"))).toEqual([]);
  });

  it("reminds about the avlastningssamtal before 24 hours and asks for the police-report status a day later", async () => {
    w.clock.set("2026-12-04T18:40:00Z");
    await w.runDue();
    expect(messageText(lastDirect("mConv")!)).toContain("Påminnelse: avlastningssamtal efter händelsen 2026-12-03 kl. 23.35 ska hållas inom 24 timmar");
    await w.act("mConv", { type: "action", conversation: "slack:dm-U_MCONV", actionId: "incident.debrief-done", value: incidentId });

    w.clock.set("2026-12-04T22:40:00Z");
    await w.runDue();
    expect(messageText(lastDirect("mConv")!)).toContain("Är en polisanmälan gjord?");
    await w.act("mConv", { type: "action", conversation: "slack:dm-U_MCONV", actionId: "incident.police-reported", value: incidentId });
    const row = await w.t.db.selectFrom("incidents").selectAll().executeTakeFirstOrThrow();
    expect(row.police).toBe("reported");
    expect(row.debrief_done_at).toEqual(new Date("2026-12-04T18:40:00Z"));
    expect(await pendingIncidentKeys()).toEqual([]);
  });

  it("does not escalate a report that samordning acknowledged in time", async () => {
    w.clock.set("2026-12-05T10:00:00Z");
    const form = await openForm("sFa");
    await submit(
      "sFa",
      form,
      valid(w.activityIds["natt-fa"]!, { date: "2026-12-05", time: "10.55", severity: "minor", injuries: "none", police: "none", support: "no" }),
    );
    const second = (await w.t.db.selectFrom("incidents").where("activity_id", "=", w.activityIds["natt-fa"]!).select("id").executeTakeFirstOrThrow()).id;
    const jourBefore = w.directTo("jour").length;
    w.clock.set("2026-12-05T10:20:00Z");
    await w.act("sara", { type: "action", conversation: "slack:dm-U_SARA", actionId: "incident.ack", value: second });
    w.clock.set("2026-12-05T10:30:00Z");
    await w.runDue();
    expect(w.directTo("jour")).toHaveLength(jourBefore);
    expect(await pendingIncidentKeys()).toEqual(["debrief@2026-12-06T06:00:00.000Z"]);
  });

  it("purges the free text after the retention period (365 days here) and keeps the anonymised counts", async () => {
    w.clock.set("2027-12-05T03:30:00Z");
    await w.feature.recurring!.find((r) => r.name === "alerts.incident-retention")!.run(w.clock.now());
    const rows = await w.t.db.selectFrom("incidents").select(["description", "purged_at"]).orderBy("occurred_at").execute();
    expect(rows[0]).toEqual({ description: null, purged_at: new Date("2027-12-05T03:30:00Z") });
    // The second report is younger than 365 days at this moment: it keeps its text until its own time comes.
    expect(rows[1]!.description).toBe(DESCRIPTION);

    // The stored messages lose the text too, and every delivered copy of the first report's details is replaced in chat.
    const stored = await w.t.db.selectFrom("outbox").select(["key", "content"]).where("key", "like", `incident:${incidentId}:%`).execute();
    expect(JSON.stringify(stored)).not.toContain(DESCRIPTION);
    await w.runDue();
    const replaced = [...w.chats.slack.calls, ...w.chats.teams.calls].filter(
      (c) => c.op === "update" && messageText(c.message).includes("Här stod en rapport om hot och våld"),
    );
    // Samordning and the manager got the report, Socialjouren the escalation's details.
    expect(replaced).toHaveLength(3);
    const audit = await w.t.db
      .selectFrom("audit_events")
      .select(["details"])
      .where("action", "=", "incident.purged")
      .where("subject_id", "=", incidentId)
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ copiesTakenBack: 3 });

    expect(await countIncidentsSince(w.t.db, w.partnershipId, new Date("2026-12-01T00:00:00Z"))).toBe(2);
    const figures = await incidentFiguresForPeriod(w.t.db, w.partnershipId, new Date("2026-12-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"));
    expect(figures).toMatchObject({
      total: 2,
      byKind: { both: 2, threat: 0, violence: 0 },
      bySeverity: { serious_incident: 1, minor: 1, moderate: 0 },
      reportableToAuthority: 1,
      policeReported: 1,
    });
    expect(figures.byOrganisation.map((o) => [o.organisationName, o.count])).toEqual([
      ["Convictus", 1],
      ["Frälsningsarmén", 1],
    ]);
  });

  it("tells the reporter who the report reaches and names who Samverka cannot reach, never claiming more", async () => {
    const report = async () => {
      const form = await openForm("sConv");
      const { result } = await submit(
        "sConv",
        form,
        valid(w.activityIds["natt-convictus"]!, { date: "2027-12-05", time: "03.00", severity: "minor", injuries: "none", police: "none" }),
      );
      return result && result.ok ? messageText(result.message!) : JSON.stringify(result);
    };
    await w.t.db.deleteFrom("member_identities").where("member_id", "=", w.memberIds.mConv).execute();
    const partly = await report();
    expect(partly).toContain("skickas till Sara Samordning i samordningen.");
    expect(partly).toContain("Samverka kan inte nå Maria Convictus hos din arbetsgivare. Ring Maria Convictus och berätta vad som hänt.");
    expect(partly).not.toContain("Maria Convictus hos din arbetsgivare och");
    // Names and roles without brackets, so a name that has its own (a duty phone) never nests them.
    expect(partly).not.toContain("(");
    const lastChannelPost = () => {
      const post = w.chats.slack.calls.filter((c) => c.op === "post" && c.conversation === `slack:${ALERT_CHANNELS.slack}`).at(-1);
      return post?.op === "post" ? post.message.text : undefined;
    };
    expect(lastChannelPost()).toBe("En händelse med hot eller våld har rapporterats. Samordningen har fått rapporten.");

    await w.t.db.deleteFrom("member_identities").where("member_id", "=", w.memberIds.sara).execute();
    const nobody = await report();
    expect(nobody).toContain("ingen i samordningen eller hos din arbetsgivare kan nås i Samverka. Ring samordningen nu");
    expect(nobody).toContain(
      "Samverka kan inte nå Sara Samordning i samordningen och Maria Convictus hos din arbetsgivare. Ring Sara Samordning och Maria Convictus och berätta vad som hänt.",
    );
    expect(nobody).not.toContain("skickas till");
    expect(lastChannelPost()).toBe("En händelse med hot eller våld har rapporterats.");
  });

  it("asks samordning to phone Socialjouren when the escalation cannot reach them, instead of saying it was escalated", async () => {
    await w.t.db
      .insertInto("member_identities")
      .values({ partnership_id: w.partnershipId, member_id: w.memberIds.sara, platform: "slack", platform_user_id: "U_SARA", position: 0 })
      .execute();
    await w.t.db.deleteFrom("member_identities").where("member_id", "=", w.memberIds.jour).execute();
    const form = await openForm("sConv");
    await submit(
      "sConv",
      form,
      valid(w.activityIds["natt-convictus"]!, { date: "2027-12-05", time: "04.10", severity: "minor", injuries: "none", police: "none" }),
    );
    w.clock.set("2027-12-05T04:10:00Z");
    await w.runDue();
    const toSara = messageText(lastDirect("sara")!);
    expect(toSara).toContain("Socialjouren kan inte nås i Samverka. Ring Socialjouren");
    expect(toSara).not.toContain("har nu eskalerats till Socialjouren");
  });

  it("warns once about a name in the description and takes it when sent again unchanged; records the people involved as counts", async () => {
    const described = "Johan Ekström hotade en volontär vid utdelningen.";
    const values = valid(w.activityIds["natt-convictus"]!, {
      date: "2027-12-05",
      time: "05.00",
      severity: "minor",
      injuries: "none",
      police: "none",
      description: described,
      staff_involved: "2",
      visitors_involved: "1",
    });
    const before = (await w.t.db.selectFrom("incidents").select("id").execute()).length;
    const first = await submit("sConv", await openForm("sConv"), values);
    const warning = first.result && !first.result.ok ? first.result.errors.description : undefined;
    expect(warning).toContain("Texten ser ut att innehålla ett namn (Johan Ekström)");
    expect(warning).toContain("Skicka igen utan ändringar");
    expect((await w.t.db.selectFrom("incidents").select("id").execute()).length).toBe(before);
    // The confirmation keeps a hash, never the text.
    expect(JSON.stringify(await w.t.db.selectFrom("free_text_confirmations").selectAll().execute())).not.toContain("Johan");

    const again = await submit("sConv", await openForm("sConv"), values);
    expect(again.result?.ok).toBe(true);
    const stored = await w.t.db
      .selectFrom("incidents")
      .select(["people_staff", "people_visitors", "people_other"])
      .orderBy("reported_at", "desc")
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ people_staff: 2, people_visitors: 1, people_other: null });
    expect(messageText(lastDirect("sara")!)).toContain("Inblandade: 2 personal, 1 besökare");

    const refused = await submit("sConv", await openForm("sConv"), { ...values, staff_involved: "många" });
    expect(refused.result && !refused.result.ok ? refused.result.errors.staff_involved : undefined).toMatch(/^Det måste vara ett (hel)?tal/);
  });

  describe("in the conversation, one question at a time", () => {
    const DM = "slack:dm-U_SCONV";
    // In the person's DM every answer is theirs alone: what the last message got back.
    let answered: Message[] = [];
    const say = async (text: string) => {
      const acted = await w.act("sConv", { type: "message", conversation: DM, text, direct: true });
      answered = acted.whispers;
      return acted;
    };
    const lastSaid = () => answered.map(messageText).join("\n");
    const incidents = async () => (await w.t.db.selectFrom("incidents").select("id").execute()).length;
    // 23.40 in Stockholm, after every night the tests above moved to.
    beforeAll(() => w.clock.set("2029-01-10T22:40:00Z"));

    it("asks each question with the defaults offered, refuses a personnummer like the form, a time in the future at the end, and files it once", async () => {
      const before = await incidents();
      await say("hot");
      // The date, the reporter's own shelter, no injuries and no police are taken as given and named; the time is asked.
      expect(lastSaid()).toContain("Fråga 2 av 12: Klockslag");
      expect(lastSaid()).toContain("2029-01-10");
      for (const answer of ["23.55", "3", "allvarligt tillbud", "ja", "2", "hoppa över", "hoppa över"]) await say(answer);
      expect(lastSaid()).toContain("Fråga 12 av 12: Kort beskrivning");
      await say(`${DESCRIPTION} Han heter 811218-9876.`);
      expect(lastSaid()).toContain("personnummer eller samordningsnummer (811218-****)");
      expect(lastSaid()).toContain("Fråga 12 av 12");
      await say(DESCRIPTION);
      expect(lastSaid()).toContain("Skicka in");
      // 23.55 is still ahead of 23.40: refused on the time, asked again, nothing filed.
      await say("skicka");
      expect(lastSaid()).toContain("Det svaret gick inte att spara: Tidpunkten ligger i framtiden.");
      expect(lastSaid()).toContain("Klockslag");
      expect(await incidents()).toBe(before);
      await say("23.30");
      expect(lastSaid()).toContain("Skicka in");
      await say("skicka");
      expect(lastSaid()).toContain("Tack. Rapporten är sparad och skickas till Sara Samordning i samordningen");
      expect(await incidents()).toBe(before + 1);
      const stored = await w.t.db.selectFrom("incidents").selectAll().orderBy("reported_at", "desc").executeTakeFirstOrThrow();
      expect(stored).toMatchObject({
        kind: "both",
        severity: "serious_incident",
        injuries: "none",
        police: "none",
        support_needed: true,
        people_staff: 2,
        people_visitors: null,
        description: DESCRIPTION,
      });
      expect(stored.occurred_at).toEqual(new Date("2029-01-10T22:30:00Z"));
    });

    it("files nothing twice: the draft is closed with the report, so a second press of Skicka in says so", async () => {
      const before = await incidents();
      await say("hot");
      const session = await w.t.db
        .selectFrom("form_sessions")
        .where("subject", "like", "incident:%")
        .where("status", "=", "active")
        .select("id")
        .executeTakeFirstOrThrow();
      for (const answer of ["23.00", "1", "1", "nej", "hoppa över", "hoppa över", "hoppa över", DESCRIPTION]) await say(answer);
      const press = () => w.act("sConv", { type: "action", conversation: DM, actionId: "incident.conversation.submit", value: session.id });
      await press();
      expect(await incidents()).toBe(before + 1);
      const second = await press();
      expect(messageText(second.whispers[0]!)).toContain("Den rapporten är redan skickad eller avbruten.");
      expect(await incidents()).toBe(before + 1);
    });

    it("says a cancelled report was not sent and is started again with hot, not with the reports' word", async () => {
      const before = await incidents();
      await say("hot");
      await say("23.10");
      await say("avbryt");
      expect(lastSaid()).toContain("Avbrutet. Rapporten om hot och våld skickades inte, och det du svarat är borttaget. Skriv **hot** för att börja om.");
      expect(lastSaid()).not.toContain("rapport för att");
      await say("hot");
      expect(lastSaid()).toContain("Fråga 2 av 12: Klockslag");
      expect(await incidents()).toBe(before);
    });
  });
});
