import { describe, expect, it } from "vitest";
import type { FormView, Message } from "../../../src/chat/message.ts";
import { createMeetingsDailyTask } from "../../../src/meetings/cadence-watchdog.ts";
import { cancelMeeting } from "../../../src/meetings/change-meeting.ts";
import { findMeeting, listMeetings, type Meeting } from "../../../src/meetings/meeting.repository.ts";
import { messageText } from "../../helpers/recording-chat.ts";
import { parseCalendar, PEOPLE, usePlannedTestbed } from "./meeting-testbed.ts";

const testbed = usePlannedTestbed();

const dm = (user: keyof typeof PEOPLE) => `slack:dm-${PEOPLE[user]}`;
const text = (m: Message) => messageText(m);
const files = () => testbed().chat.calls.flatMap((c) => (c.op === "file" ? [c] : []));
const channelPosts = () => testbed().chat.calls.flatMap((c) => (c.op === "post" && c.conversation === "slack:CSTYR" ? [c] : []));
const buttonsOf = (m: Message) => m.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
const allMeetings = () =>
  listMeetings(testbed().db.db, testbed().group.id, new Date("2026-01-01"), new Date("2031-01-01"), ["planned", "invited", "moved", "held", "cancelled"]);

async function openForm(user: keyof typeof PEOPLE, words: string): Promise<FormView> {
  const { replies } = await testbed().send(user, { type: "message", conversation: dm(user), text: words, direct: true });
  expect(replies.forms, replies.whispers.map(text).join("\n")).toHaveLength(1);
  return replies.forms[0]!;
}

async function submit(user: keyof typeof PEOPLE, form: FormView, values: Record<string, string>, delivery?: string) {
  const initial = Object.fromEntries(form.fields.flatMap((f) => (typeof f.initial === "string" ? [[f.id, f.initial]] : [])));
  return testbed().send(user, {
    type: "form",
    conversation: dm(user),
    formId: form.formId,
    state: form.state,
    values: { ...initial, ...values },
    ...(delivery === undefined ? {} : { delivery }),
  });
}

describe("an extra meeting", () => {
  it("is refused to a member who is neither chair nor coordinator, and the form refuses a weekend, a holiday and a day gone", async () => {
    const bo = await testbed().send("bo", { type: "message", conversation: dm("bo"), text: "nytt möte", direct: true });
    expect(bo.replies.forms).toEqual([]);
    expect(text(bo.replies.whispers[0]!)).toContain("Bara gruppens ordförande");
    const form = await openForm("anna", "nytt möte");
    // Anna calls the meetings of one group: the view carries it and does not ask.
    expect(form.fields.map((f) => f.id)).toEqual(["date", "time", "duration", "location", "reason"]);
    expect(form.state).toBe(testbed().group.id);
    expect(form.fields.find((f) => f.id === "time")!.initial).toBe("13.00");
    const weekend = await submit("anna", form, { date: "2026-10-10", time: "10:00" });
    expect(weekend.result).toMatchObject({ ok: false, errors: { date: "Det är en lördag eller söndag." } });
    const holiday = await submit("anna", form, { date: "2026-12-24", time: "10:00" });
    expect(holiday.result).toMatchObject({ ok: false, errors: { date: "Det är julafton." } });
    const past = await submit("anna", form, { date: "2026-09-29", time: "10:00" });
    expect(past.result).toMatchObject({ ok: false, errors: { date: "Det nya datumet har redan varit." } });
  });

  it("is read by the form engine: a time, a length and a personnummer are refused on their fields, and what was typed is kept", async () => {
    const form = await openForm("anna", "nytt möte");
    const typed = { date: "2026-10-06", time: "25.00", duration: "5", location: "Sal 3", reason: "Gäller 811218-9876" };
    const { result } = await submit("anna", form, typed);
    expect(result).toMatchObject({
      ok: false,
      errors: { time: "Det måste vara ett klockslag som 23.40.", duration: "Talet får inte vara mindre än 15." },
    });
    const errors = (result as { errors: Record<string, string> }).errors;
    expect(errors.reason).toContain("811218-****");
    const redrawn = (result as { form: FormView }).form;
    expect(Object.fromEntries(redrawn.fields.map((f) => [f.id, f.initial]))).toEqual(typed);
    expect(redrawn.errors).toEqual(errors);
    // Today's date with a time gone by is refused on the time.
    const later = await submit("anna", form, { date: "2026-10-01", time: "07.00" });
    expect(later.result).toMatchObject({ ok: false, errors: { time: "Den tiden har redan varit i dag." } });
    expect(await allMeetings()).not.toContainEqual(expect.objectContaining({ origin: "extra" }));
  });

  it("is stored, invited at once when its invitation is due, with place and reason in the invitation and the calendar file", async () => {
    const form = await openForm("anna", "nytt möte");
    testbed().chat.calls.length = 0;
    const values = { date: "2026-10-06", time: "15:00", duration: "60", location: "Socialförvaltningen, sal 3", reason: "Vinterns extra platser" };
    const { result } = await submit("anna", form, values, "inbox:teams:extra-1");
    expect(result).toMatchObject({ ok: true });
    // The same request handled again after a crash finds its meeting: one meeting, one invitation.
    const sent = testbed().chat.calls.length;
    await submit("anna", form, values, "inbox:teams:extra-1");
    expect(testbed().chat.calls.length).toBe(sent);
    expect((await allMeetings()).filter((m) => m.origin === "extra")).toHaveLength(1);
    expect(text((result as { message: Message }).message)).toContain("Mötet är inlagt: Styrgruppen tisdag 2026-10-06 kl. 15.00");
    const meeting = (await allMeetings()).find((m) => m.origin === "extra")!;
    expect(meeting).toMatchObject({ status: "invited", location: "Socialförvaltningen, sal 3", reason: "Vinterns extra platser" });
    expect(meeting.endsAt.getTime() - meeting.startsAt.getTime()).toBe(3_600_000);
    const invitation = text(channelPosts().at(-1)!.message);
    expect(invitation).toContain("Kallelse: Styrgruppen tisdag 2026-10-06 kl. 15.00");
    expect(invitation).toContain("Plats: Socialförvaltningen, sal 3");
    expect(invitation).toContain("Extra möte: Vinterns extra platser");
    expect(testbed().chat.directTextsTo(PEOPLE.bo).join("\n")).toContain("Kallelse: Styrgruppen tisdag 2026-10-06");
    const ics = parseCalendar(files()[0]!.file.content);
    expect(ics).toMatchObject({ method: "REQUEST", uid: `meeting-${meeting.id}@samverka`, location: "Socialförvaltningen, sal 3" });
    const reminders = await testbed()
      .db.db.selectFrom("reminders")
      .select(["key", "status"])
      .where("key", "like", `meeting:${meeting.id}:%`)
      .orderBy("key")
      .execute();
    expect(reminders.map((r) => r.key.split(":").at(-1))).toEqual(["agenda-request", "agenda-send", "day-before", "hour-before", "invite", "minutes-request"]);
  });

  it("opens from the watchdog's button, filled in with the group and a date that closes the gap", async () => {
    const december = (await allMeetings()).find((m) => m.startsAt.toISOString().startsWith("2026-12-08"))!;
    await cancelMeeting(testbed().deps, testbed().group, december);
    testbed().clock.set("2026-11-20T07:00:00Z");
    await createMeetingsDailyTask(testbed().deps).run(testbed().clock.now());
    await testbed().outbox.deliver();
    const warning = testbed().chat.calls.flatMap((c) =>
      c.op === "direct" && c.userId === PEOPLE.anna && text(c.message).includes("Mötesfrekvens") ? [c.message] : [],
    )[0]!;
    const [button] = buttonsOf(warning);
    // The planner's choice for the gap, other than the day the cancelled meeting was on.
    expect(button).toMatchObject({ actionId: "meeting.new", label: "Kalla till möte", value: `${testbed().group.id}|2026-12-09` });
    const { replies } = await testbed().send("anna", { type: "action", conversation: dm("anna"), actionId: button!.actionId, value: button!.value });
    expect(replies.forms[0]!.fields.find((f) => f.id === "date")!.initial).toBe("2026-12-09");
    expect(replies.forms[0]!.state).toBe(testbed().group.id);
  });
});

describe("calling a meeting with several groups", () => {
  it("asks which group, starts on the first with its usual time and length, and calls the meeting of the group chosen", async () => {
    const { db } = testbed().db;
    const settings = { pattern: { weekday: "wednesday", week: 1, time: "10:00", durationMinutes: 60, everyMonths: 3 } };
    const other = await db
      .insertInto("groups")
      .values({
        partnership_id: "eu-sthlm",
        key: "arbetsgrupp",
        kind: "arbetsgrupp",
        name: "Arbetsgruppen",
        cadence_kind: "months",
        cadence_months: 3,
        meeting_settings: JSON.stringify(settings),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    try {
      const form = await openForm("anna", "nytt möte");
      expect(form.state).toBe("");
      const initial = Object.fromEntries(form.fields.map((f) => [f.id, f.initial]));
      expect(initial).toMatchObject({ group: other.id, time: "10.00", duration: "60" });
      const unchosen = await submit("anna", form, { group: "", date: "2027-03-10" });
      expect(unchosen.result).toMatchObject({ ok: false, errors: { group: "Frågan måste besvaras." } });
      const { result } = await submit("anna", form, { date: "2027-03-10" });
      expect(result).toMatchObject({ ok: true });
      const called = await db.selectFrom("meetings").select(["group_id", "starts_at"]).where("origin", "=", "extra").where("group_id", "=", other.id).execute();
      expect(called).toEqual([{ group_id: other.id, starts_at: new Date("2027-03-10T09:00:00Z") }]);
    } finally {
      await db.updateTable("groups").set({ active: false }).where("id", "=", other.id).execute();
    }
  });
});

describe("a date poll", () => {
  let pollCard: Message;
  let organiserCard: Message;

  it("is refused on the fields: a date without its time by the engine, then a time proposed twice, a weekend and a late deadline, keeping what was typed", async () => {
    testbed().clock.set("2027-01-04T08:00:00Z");
    const form = await openForm("anna", "möte förslag");
    expect(form.fields.find((f) => f.id === "time1")!.initial).toBe("13.00");
    expect(form.fields.find((f) => f.id === "deadline")!.initial).toBe("2027-01-07");
    const half = await submit("anna", form, { date1: "2027-01-19", date2: "2027-01-21", date4: "2027-01-26" });
    expect(half.result).toMatchObject({ ok: false, errors: { time4: "Datum 4 och Tid 4 hör ihop: fyll i Tid 4 också, eller lämna alla tomma." } });
    expect((half.result as { form: FormView }).form.fields.find((f) => f.id === "date4")!.initial).toBe("2027-01-26");
    const typed = { date1: "2027-01-19", time1: "13:00", date2: "2027-01-19", time2: "13.00", date3: "2027-01-23", time3: "10.00", deadline: "2027-01-20" };
    const { result } = await submit("anna", form, typed);
    expect(result).toMatchObject({
      ok: false,
      errors: {
        date2: "Den tiden finns redan med.",
        date3: "Det är en lördag eller söndag.",
        deadline: "Sista svarsdagen ska ligga efter i dag och före den första föreslagna tiden.",
      },
    });
    const redrawn = (result as { form: FormView }).form;
    expect(redrawn.fields.find((f) => f.id === "time1")!.initial).toBe("13.00");
    expect(redrawn.fields.find((f) => f.id === "date3")!.initial).toBe("2027-01-23");
    expect(await testbed().db.db.selectFrom("meeting_polls").select("id").execute()).toEqual([]);
  });

  it("sends the proposed times to the group with buttons, and the organiser a card to choose from", async () => {
    testbed().clock.set("2027-01-04T08:00:00Z");
    testbed().chat.calls.length = 0;
    const form = await openForm("anna", "möte förslag");
    const { result } = await submit("anna", form, {
      date1: "2027-01-19",
      time1: "13:00",
      date2: "2027-01-21",
      time2: "09:30",
      date3: "2027-01-26",
      time3: "13:00",
      deadline: "2027-01-08",
      reason: "Ny samordnare presenteras",
    });
    expect(result).toMatchObject({ ok: true });
    pollCard = channelPosts().at(-1)!.message;
    expect(text(pollCard)).toContain("Vilken tid passar? Styrgruppen");
    expect(buttonsOf(pollCard).map((b) => b.label)).toEqual([
      "1. tisdag 2027-01-19 kl. 13.00",
      "2. torsdag 2027-01-21 kl. 09.30",
      "3. tisdag 2027-01-26 kl. 13.00",
      "Ångra mina svar",
    ]);
    organiserCard = testbed().chat.calls.flatMap((c) =>
      c.op === "direct" && c.userId === PEOPLE.anna && text(c.message).includes("Välj mötestid") ? [c.message] : [],
    )[0]!;
    expect(buttonsOf(organiserCard).every((b) => b.actionId === "meeting.poll.choose")).toBe(true);
    expect(testbed().chat.directTextsTo(PEOPLE.cecilia).join("\n")).toContain("Which time suits you? Styrgruppen");
  });

  it("counts who can come on every copy, a click handled twice once, answers can be taken back, and only the organiser side may choose", async () => {
    const [first, second] = buttonsOf(pollCard);
    await testbed().send("bo", { type: "action", conversation: dm("bo"), actionId: second!.actionId, value: second!.value });
    await testbed().send("cecilia", { type: "action", conversation: dm("cecilia"), actionId: second!.actionId, value: second!.value });
    const bo = await testbed().send("bo", { type: "action", conversation: dm("bo"), actionId: first!.actionId, value: first!.value });
    expect(text(bo.replies.whispers[0]!)).toContain("Noterat: 1. tisdag 2027-01-19 kl. 13.00 passar dig.");
    // A click handled twice (a retried delivery) counts once.
    await testbed().send("bo", { type: "action", conversation: dm("bo"), actionId: first!.actionId, value: first!.value });
    // Copies are redrawn in no set order, each in its reader's language (Cecilia reads English): the last Swedish one.
    const swedish = testbed().chat.calls.flatMap((c) => (c.op === "update" && text(c.message).includes("passar") ? [c.message] : []));
    expect(text(swedish.at(-1)!)).toContain("1. tisdag 2027-01-19 kl. 13.00: 1 passar (Bo Ledamot)");
    const clear = buttonsOf(pollCard).find((b) => b.actionId === "meeting.poll.clear")!;
    const undo = await testbed().send("bo", { type: "action", conversation: dm("bo"), actionId: clear.actionId, value: clear.value });
    expect(text(undo.replies.whispers[0]!)).toContain("Dina svar är borttagna");
    await testbed().send("bo", { type: "action", conversation: dm("bo"), actionId: second!.actionId, value: second!.value });
    const updated = testbed()
      .chat.calls.flatMap((c) => (c.op === "update" && text(c.message).includes("passar") ? [text(c.message)] : []))
      .at(-1)!;
    expect(updated).toContain("2. torsdag 2027-01-21 kl. 09.30: 2 passar (Cecilia Sekreterare, Bo Ledamot)");
    expect(updated).toContain("1. tisdag 2027-01-19 kl. 13.00: 0 passar");
    const notOrganiser = await testbed().send("bo", { type: "action", conversation: dm("bo"), actionId: "meeting.poll.choose", value: second!.value });
    expect(text(notOrganiser.replies.whispers[0]!)).toContain("Bara den som skickade förslaget");
  });

  it("the chosen time becomes a meeting with its invitation, and the cards say it is decided", async () => {
    testbed().chat.calls.length = 0;
    const choose = buttonsOf(organiserCard)[1]!;
    const { replies } = await testbed().send("anna", { type: "action", conversation: dm("anna"), actionId: choose.actionId, value: choose.value });
    expect(text(replies.whispers[0]!)).toContain("Mötet är inlagt: Styrgruppen torsdag 2027-01-21 kl. 09.30");
    // Like any meeting of the group, it is invited 14 days before, at 09.00.
    expect(text(replies.whispers[0]!)).toContain("Kallelsen går ut 2027-01-07.");
    let meeting = (await allMeetings()).find((m) => m.origin === "poll")!;
    expect(meeting).toMatchObject({ status: "planned", reason: "Ny samordnare presenteras" });
    await testbed().fire(`meeting:${meeting.id}:invite`);
    meeting = (await findMeeting(testbed().db.db, meeting.id))!;
    expect(meeting.status).toBe("invited");
    expect(testbed().chat.directTextsTo(PEOPLE.bo).join("\n")).toContain("Kallelse: Styrgruppen torsdag 2027-01-21 kl. 09.30");
    expect(files().map((f) => parseCalendar(f.file.content).uid)).toContain(`meeting-${meeting.id}@samverka`);
    const redrawn = testbed().chat.calls.flatMap((c) => (c.op === "update" ? [c.message] : []));
    expect(redrawn.some((m) => text(m).includes("Mötestiden är bestämd: Styrgruppen") && buttonsOf(m).length === 0)).toBe(true);
    const late = await testbed().send("bo", { type: "action", conversation: dm("bo"), actionId: "meeting.poll.vote", value: choose.value });
    expect(text(late.replies.whispers[0]!)).toContain("redan avgjort");
  });

  it("at its deadline the most-voted time is taken, or, with no answers at all, no meeting is", async () => {
    const startPoll = async (dates: [string, string], deadline: string) => {
      const form = await openForm("anna", "möte förslag");
      await submit("anna", form, { date1: dates[0], time1: "10:00", date2: dates[1], time2: "10:00", deadline });
      return testbed().db.db.selectFrom("meeting_polls").select("id").orderBy("created_at", "desc").executeTakeFirstOrThrow();
    };
    const answered = await startPoll(["2027-02-16", "2027-02-17"], "2027-01-12");
    const options = await testbed()
      .db.db.selectFrom("meeting_poll_options")
      .select(["id", "position"])
      .where("poll_id", "=", answered.id)
      .orderBy("position")
      .execute();
    await testbed().send("cecilia", { type: "action", conversation: dm("cecilia"), actionId: "meeting.poll.vote", value: options[1]!.id });
    const silent = await startPoll(["2027-02-23", "2027-02-24"], "2027-01-12");
    await testbed().fire(`poll:${answered.id}:deadline`);
    await testbed().fire(`poll:${silent.id}:deadline`);
    const polls = await testbed()
      .db.db.selectFrom("meeting_polls")
      .select(["id", "status", "meeting_id"])
      .where("id", "in", [answered.id, silent.id])
      .execute();
    const decided = polls.find((p) => p.id === answered.id)!;
    expect(decided.status).toBe("decided");
    expect((await findMeeting(testbed().db.db, decided.meeting_id!))!.startsAt.toISOString()).toBe("2027-02-17T09:00:00.000Z");
    expect(polls.find((p) => p.id === silent.id)).toMatchObject({ status: "cancelled", meeting_id: null });
  });
});

describe("the decision register and amended minutes", () => {
  let held: Meeting;

  it("lists decisions by word and period, each under its meeting, with its minutes a click away", async () => {
    held = (await allMeetings()).find((m) => m.origin === "extra")!;
    testbed().clock.set("2026-10-06T15:00:00Z");
    const minutes = await testbed().send("cecilia", {
      type: "form",
      conversation: dm("cecilia"),
      formId: "meeting.minutes",
      state: held.id,
      values: { decisions: "Budgeten för vintern godkänns\n- Tio extra platser öppnas i Vinternatt" },
    });
    expect(minutes.result).toMatchObject({ ok: true });
    testbed().clock.set("2027-01-20T08:00:00Z");
    const found = await testbed().send("bo", { type: "message", conversation: dm("bo"), text: "beslut BUDGETEN", direct: true });
    const list = found.replies.whispers[0]!;
    expect(text(list)).toContain("Styrgruppen**: tisdag 2026-10-06 kl. 15.00");
    expect(text(list)).toContain("Budgeten för vintern godkänns");
    expect(text(list)).not.toContain("Tio extra platser");
    const none = await testbed().send("bo", { type: "message", conversation: dm("bo"), text: "beslut budget 2027", direct: true });
    expect(text(none.replies.whispers[0]!)).toContain("Inga beslut hittades");
    const both = await testbed().send("bo", { type: "message", conversation: dm("bo"), text: "beslut 2026-10", direct: true });
    expect(text(both.replies.whispers[0]!)).toContain("Tio extra platser öppnas i Vinternatt");
    const [show] = buttonsOf(list);
    const view = await testbed().send("bo", { type: "action", conversation: dm("bo"), actionId: show!.actionId, value: show!.value });
    expect(text(view.replies.whispers[0]!)).toContain("Version 1");
    expect(buttonsOf(view.replies.whispers[0]!)).toEqual([]);
  });

  it("lets the secretary amend them: a new version is kept beside the first and the group is told", async () => {
    const view = await testbed().send("cecilia", { type: "action", conversation: dm("cecilia"), actionId: "meeting.minutes-show", value: held.id });
    const amend = buttonsOf(view.replies.whispers[0]!)[0]!;
    const { replies } = await testbed().send("cecilia", { type: "action", conversation: dm("cecilia"), actionId: amend.actionId, value: amend.value });
    const form = replies.forms[0]!;
    expect(form.fields[0]!.initial).toBe("Budgeten för vintern godkänns\nTio extra platser öppnas i Vinternatt");
    const noNote = await submit("cecilia", form, { decisions: "Budgeten för vintern godkänns\nTolv extra platser öppnas i Vinternatt" });
    expect(noNote.result).toMatchObject({ ok: false, errors: { note: "This question must be answered." } });
    const personnummer = await submit("cecilia", form, { decisions: "Beslut om 19811218-9876", note: "Rättelse" });
    expect(personnummer.result).toMatchObject({ ok: false, errors: { decisions: expect.stringContaining("19811218-****") as string } });
    const kept = (personnummer.result as { form: FormView }).form;
    expect(kept.fields.map((f) => f.initial)).toEqual(["Beslut om 19811218-9876", "Rättelse"]);
    testbed().chat.calls.length = 0;
    const amended = { decisions: "Budgeten för vintern godkänns\nTolv extra platser öppnas i Vinternatt", note: "Fel antal platser i version 1" };
    const saved = await submit("cecilia", form, amended, "inbox:slack:amend-1");
    expect(saved.result).toMatchObject({ ok: true });
    expect((await submit("cecilia", form, amended, "inbox:slack:amend-1")).result).toMatchObject({
      ok: true,
      message: { text: expect.stringContaining("version 2") as string },
    });
    expect(text(channelPosts().at(-1)!.message)).toContain("Protokollet är ändrat: Styrgruppen tisdag 2026-10-06 kl. 15.00 (version 2)");
    expect(testbed().chat.directTextsTo(PEOPLE.bo).join("\n")).toContain("ändrad 2027-01-20 kl. 09.00 av Cecilia Sekreterare: Fel antal platser i version 1");
    const versions = await testbed()
      .db.db.selectFrom("minutes_versions")
      .select(["version", "decisions"])
      .where("meeting_id", "=", held.id)
      .orderBy("version")
      .execute();
    expect(versions.map((v) => v.decisions)).toEqual([
      ["Budgeten för vintern godkänns", "Tio extra platser öppnas i Vinternatt"],
      ["Budgeten för vintern godkänns", "Tolv extra platser öppnas i Vinternatt"],
    ]);
    const found = await testbed().send("bo", { type: "message", conversation: dm("bo"), text: "beslut platser", direct: true });
    expect(text(found.replies.whispers[0]!)).toContain("Tolv extra platser");
    expect(text(found.replies.whispers[0]!)).not.toContain("Tio extra platser");
  });
});
