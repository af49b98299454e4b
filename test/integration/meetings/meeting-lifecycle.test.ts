import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText } from "../../helpers/recording-chat.ts";
import { findMeeting, listMeetings, type Meeting } from "../../../src/meetings/meeting.repository.ts";
import { createMeetingTestbed, parseCalendar, PEOPLE, type MeetingTestbed, submitMoveForm, planTestbedMeetings } from "./meeting-testbed.ts";

let tb: MeetingTestbed;
let first: Meeting;
let second: Meeting;

const reminderRow = (key: string) => tb.db.db.selectFrom("reminders").selectAll().where("key", "=", key).executeTakeFirstOrThrow();
const files = () => tb.chat.calls.flatMap((c) => (c.op === "file" ? [c] : []));
const posts = () => tb.chat.calls.flatMap((c) => (c.op === "post" ? [c] : []));

beforeAll(async () => {
  tb = await createMeetingTestbed();
  const plan = await planTestbedMeetings(tb);
  [first, second] = plan.meetings as [Meeting, Meeting];
});
afterAll(async () => {
  await tb.close();
});

describe("a styrgrupp meeting from invitation to action item", () => {
  it("plans on the second Tuesday at 13.00 local and schedules every reminder under a deterministic key", async () => {
    expect(first.startsAt.toISOString()).toBe("2026-10-13T11:00:00.000Z");
    expect(second.startsAt.toISOString()).toBe("2026-12-08T12:00:00.000Z");
    const keys = (await tb.db.db.selectFrom("reminders").select("key").where("key", "like", `meeting:${first.id}:%`).execute()).map((r) => r.key).sort();
    expect(keys).toEqual(["agenda-request", "agenda-send", "day-before", "hour-before", "invite", "minutes-request"].map((k) => `meeting:${first.id}:${k}`));
    expect((await reminderRow(`meeting:${first.id}:hour-before`)).due_at.toISOString()).toBe("2026-10-13T10:00:00.000Z");
  });

  it("posts the invitation in the channel and to each member, with a calendar file that ical.js reads", async () => {
    await tb.fire(`meeting:${first.id}:invite`);
    const channel = posts().find((p) => p.conversation === "slack:CSTYR")!;
    expect(messageText(channel.message)).toContain("Kallelse: Styrgruppen");
    expect(messageText(channel.message)).toContain("Kommer: 0 · Kommer inte: 0 · Skickar ersättare: 0 · Inte svarat: 3");
    expect(tb.chat.directTextsTo(PEOPLE.cecilia)[0]).toContain("Invitation: Styrgruppen");
    expect(tb.chat.directTextsTo(PEOPLE.david)).toEqual([]);
    const ics = files().map((f) => parseCalendar(f.file.content));
    expect(ics).toHaveLength(4);
    expect(new Set(ics.map((c) => `${c.method} ${c.uid} ${c.sequence}`))).toEqual(new Set([`REQUEST meeting-${first.id}@samverka 0`]));
    expect(ics[0]!.start.toISOString()).toBe(first.startsAt.toISOString());
    // Every member is an ATTENDEE, by e-mail where the file gives one, so Outlook files it as an invitation to them.
    expect(ics[0]!.attendees).toEqual([
      "Anna Ordförande <CHAIR> mailto:anna.ordforande@stockholm.se",
      "Cecilia Sekreterare <REQ-PARTICIPANT> mailto:cecilia@eu-sthlm.samverka.invalid",
      "Bo Ledamot <REQ-PARTICIPANT> mailto:bo@eu-sthlm.samverka.invalid",
    ]);
    expect((await findMeeting(tb.db.db, first.id))!.status).toBe("invited");
  });

  it("does not invite twice when the invitation reminder is delivered again", async () => {
    const before = tb.chat.calls.length;
    const row = await reminderRow(`meeting:${first.id}:invite`);
    await tb.db.db.updateTable("reminders").set({ status: "pending" }).where("id", "=", row.id).execute();
    await tb.fire(`meeting:${first.id}:invite`);
    expect(tb.chat.calls.length).toBe(before);
  });

  it("updates the tally in place on every copy when members answer", async () => {
    tb.chat.calls.length = 0;
    const { replies } = await tb.send("bo", { type: "action", conversation: "slack:dm-UBO", actionId: "meeting.rsvp.yes", value: first.id });
    await tb.send("cecilia", { type: "action", conversation: "slack:CSTYR", actionId: "meeting.rsvp.substitute", value: first.id });
    expect(messageText(replies.whispers[0]!)).toContain("Ditt svar: Kommer");
    const updates = tb.chat.calls.flatMap((c) => (c.op === "update" ? [c] : []));
    const last = updates.filter((u) => u.ref.startsWith("slack:CSTYR/")).at(-1)!;
    expect(messageText(last.message)).toContain("Kommer: 1 · Kommer inte: 0 · Skickar ersättare: 1 · Inte svarat: 1");
    expect(new Set(updates.map((u) => u.ref)).size).toBe(4);
  });

  it("refuses an answer from someone outside the group", async () => {
    const { replies } = await tb.send("david", { type: "action", conversation: "slack:dm-UDAVID", actionId: "meeting.rsvp.yes", value: first.id });
    expect(messageText(replies.whispers[0]!)).toContain("inte medlem");
  });

  it("asks for agenda items, takes one by command and refuses a personnummer", async () => {
    tb.chat.calls.length = 0;
    await tb.fire(`meeting:${first.id}:agenda-request`);
    expect(tb.chat.directTextsTo(PEOPLE.bo)[0]).toContain("Punkter till dagordningen");
    const refused = await tb.send("bo", { type: "message", conversation: "slack:dm-UBO", text: "agenda Ärende om 19811218-9876", direct: true });
    expect(messageText(refused.replies.whispers[0]!)).toContain("personnummer");
    const added = await tb.send("bo", { type: "message", conversation: "slack:dm-UBO", text: "agenda Budget 2027", direct: true });
    expect(messageText(added.replies.said[0]!)).toContain("Punkten är tillagd");
    expect(added.replies.whispers).toEqual([]);
    const form = await tb.send("anna", { type: "action", conversation: "slack:dm-UANNA", actionId: "meeting.agenda-add", value: first.id });
    expect(form.replies.forms[0]!.formId).toBe("meeting.agenda");
    const submitted = await tb.send("anna", {
      type: "form",
      conversation: "slack:dm-UANNA",
      formId: "meeting.agenda",
      state: form.replies.forms[0]!.state,
      values: { text: "Lokalfrågan" },
    });
    expect(submitted.result).toMatchObject({ ok: true });
  });

  it("sends the agenda with standing items and the proposed items, and updates it in place when an item comes late", async () => {
    tb.chat.calls.length = 0;
    await tb.fire(`meeting:${first.id}:agenda-send`);
    const agenda = posts().find((p) => p.conversation === "slack:CSTYR")!;
    const text = messageText(agenda.message);
    expect(text).toContain("Dagordning: Styrgruppen");
    expect(text).toContain("Öppna åtgärdspunkter: 0");
    expect(text).toContain("Budget 2027 (Bo Ledamot)");
    expect(text).toContain("Lokalfrågan (Anna Ordförande)");
    expect(tb.chat.directTextsTo(PEOPLE.bo).some((t) => t.includes("Dagordning"))).toBe(true);
    await tb.send("bo", { type: "message", conversation: "slack:dm-UBO", text: "agenda Sent inkommen punkt", direct: true });
    const updated = tb.chat.calls.flatMap((c) => (c.op === "update" && c.ref === agenda.ref ? [c] : []));
    expect(messageText(updated.at(-1)!.message)).toContain("Sent inkommen punkt");
  });

  it("reminds the day before and an hour before, skipping members who will not come", async () => {
    tb.chat.calls.length = 0;
    await tb.fire(`meeting:${first.id}:day-before`);
    await tb.fire(`meeting:${first.id}:hour-before`);
    expect(tb.chat.directTextsTo(PEOPLE.bo).map((t) => t.split("\n")[0])).toEqual([
      "Påminnelse: i morgon Styrgruppen kl. 13.00",
      "Påminnelse: om en timme Styrgruppen kl. 13.00",
    ]);
    expect(tb.chat.directTextsTo(PEOPLE.cecilia)).toEqual([]);
  });

  it("asks the secretary for minutes and stores decisions and an action item; uncovered items carry over", async () => {
    tb.chat.calls.length = 0;
    await tb.fire(`meeting:${first.id}:minutes-request`);
    expect(tb.chat.directTextsTo(PEOPLE.cecilia)[0]).toContain("Minutes: Styrgruppen");
    expect(tb.chat.directTextsTo(PEOPLE.bo)).toEqual([]);
    const refusedFor = await tb.send("bo", { type: "action", conversation: "slack:dm-UBO", actionId: "meeting.minutes", value: first.id });
    expect(messageText(refusedFor.replies.whispers[0]!)).toContain("sekreterare");
    const opened = await tb.send("cecilia", { type: "action", conversation: "slack:dm-UCECILIA", actionId: "meeting.minutes", value: first.id });
    const form = opened.replies.forms[0]!;
    const covered = form.fields
      .find((f) => f.id === "covered")!
      .choices!.filter((c) => c.label !== "Lokalfrågan")
      .map((c) => c.value);
    const bad = await tb.send("cecilia", {
      type: "form",
      conversation: "slack:dm-UCECILIA",
      formId: "meeting.minutes",
      state: form.state,
      values: { decisions: "Budgeten godkänns", covered, action1: "Ta fram lokalförslag", owner1: "", due1: "2026-10-30" },
    });
    expect(bad.result).toMatchObject({
      ok: false,
      errors: { owner1: "Action 1, Owner 1 and Due 1 go together: fill in Owner 1 too, or leave them all empty." },
    });
    const ok = await tb.send("cecilia", {
      type: "form",
      conversation: "slack:dm-UCECILIA",
      formId: "meeting.minutes",
      state: form.state,
      values: { decisions: "Budgeten godkänns\nNästa möte i december", covered, action1: "Ta fram lokalförslag", owner1: tb.ids.bo!, due1: "2026-10-30" },
    });
    expect(ok.result).toMatchObject({ ok: true });
    expect((await findMeeting(tb.db.db, first.id))!.status).toBe("held");
    expect(messageText(posts().find((p) => p.conversation === "slack:CSTYR")!.message)).toContain("Ta fram lokalförslag – Bo Ledamot, senast 2026-10-30");
    const again = await tb.send("cecilia", {
      type: "form",
      conversation: "slack:dm-UCECILIA",
      formId: "meeting.minutes",
      state: form.state,
      values: { decisions: "Dubblett" },
    });
    expect(again.result).toMatchObject({ ok: false });
    expect(await tb.db.db.selectFrom("meeting_decisions").select("text").where("meeting_id", "=", first.id).orderBy("position").execute()).toEqual([
      { text: "Budgeten godkänns" },
      { text: "Nästa möte i december" },
    ]);
  });

  it("reminds the owner of the action item on its due date, again a week later while open, and lets them mark it done", async () => {
    tb.chat.calls.length = 0;
    const item = await tb.db.db.selectFrom("action_items").selectAll().executeTakeFirstOrThrow();
    const row = await reminderRow(`action-item:${item.id}:due`);
    expect(row.due_at.toISOString()).toBe("2026-10-30T08:00:00.000Z");
    await tb.fire(`action-item:${item.id}:due`);
    const dm = tb.chat.calls.find((c) => c.op === "direct" && c.userId === PEOPLE.bo)!;
    expect(messageText(dm.op === "direct" ? dm.message : { text: "", blocks: [] })).toContain("Ta fram lokalförslag");
    const again = await reminderRow(`action-item:${item.id}:due`);
    expect([again.status, again.due_at.toISOString()]).toEqual(["pending", "2026-11-06T08:00:00.000Z"]);
    const done = await tb.send("bo", { type: "action", conversation: "slack:dm-UBO", actionId: "meeting.action-done", value: item.id });
    expect(messageText(done.replies.updates[0]!)).toContain("klar");
    expect((await tb.db.db.selectFrom("action_items").select("status").where("id", "=", item.id).executeTakeFirstOrThrow()).status).toBe("done");
    expect((await reminderRow(`action-item:${item.id}:due`)).status).toBe("cancelled");
  });

  it("moves the next meeting: the old reminders never fire, new ones do, and the calendar file raises SEQUENCE", async () => {
    await tb.fire(`meeting:${second.id}:invite`);
    tb.chat.calls.length = 0;
    const oldDayBefore = await reminderRow(`meeting:${second.id}:day-before`);
    const list = await tb.send("anna", { type: "command", conversation: "slack:dm-UANNA", text: "möten" });
    expect(
      list.replies.whispers[0]!.blocks.some((b) => b.type === "buttons" && b.buttons.some((x) => x.actionId === "meeting.move" && x.value === second.id)),
    ).toBe(true);
    const opened = await tb.send("anna", { type: "action", conversation: "slack:dm-UANNA", actionId: "meeting.move", value: second.id });
    const holiday = await submitMoveForm(tb, opened.replies.forms[0]!.state, "2026-12-24", "13:00");
    expect(holiday.result).toMatchObject({ ok: false, errors: { date: "Det är julafton." } });
    const moved = await submitMoveForm(tb, opened.replies.forms[0]!.state, "2026-12-15", "14:00");
    expect(moved.result).toMatchObject({ ok: true });
    const ics = files().map((f) => parseCalendar(f.file.content));
    expect(ics.length).toBeGreaterThan(0);
    expect(ics.every((c) => c.sequence === 1 && c.uid === `meeting-${second.id}@samverka` && c.method === "REQUEST")).toBe(true);
    expect(ics[0]!.start.toISOString()).toBe("2026-12-15T13:00:00.000Z");

    tb.chat.calls.length = 0;
    tb.clock.set(oldDayBefore.due_at);
    await tb.fireStale({ reminderId: oldDayBefore.id, dueAt: oldDayBefore.due_at });
    expect(tb.chat.calls).toEqual([]);
    const newDayBefore = await reminderRow(`meeting:${second.id}:day-before`);
    expect(newDayBefore.due_at.toISOString()).toBe("2026-12-14T13:00:00.000Z");
    await tb.fire(`meeting:${second.id}:day-before`);
    expect(tb.chat.directTextsTo(PEOPLE.bo)[0]).toContain("i morgon Styrgruppen kl. 14.00");
  });

  it("puts the uncovered item and open action items on the next agenda", async () => {
    await tb.db.db.updateTable("action_items").set({ status: "open" }).execute();
    tb.chat.calls.length = 0;
    const meeting = (await findMeeting(tb.db.db, second.id))!;
    await tb.db.db.updateTable("reminders").set({ status: "pending" }).where("key", "=", `meeting:${second.id}:agenda-send`).execute();
    tb.clock.set(new Date(meeting.startsAt.getTime() - 3 * 86_400_000));
    await tb.fire(`meeting:${second.id}:agenda-send`);
    const text = messageText(posts().find((p) => p.conversation === "slack:CSTYR")!.message);
    expect(text).toContain("Lokalfrågan (Anna Ordförande) (från ett tidigare möte)");
    expect(text).toContain("Öppna åtgärdspunkter: 1");
    expect(text).toContain("Ta fram lokalförslag – Bo Ledamot, senast 2026-10-30 (försenad)");
    expect(text).not.toContain("Budget 2027");
  });

  it("cancels a meeting with a warning about the cadence, METHOD:CANCEL and no reminders left", async () => {
    tb.chat.calls.length = 0;
    const [third] = await listMeetings(tb.db.db, tb.group.id, new Date("2027-01-01T00:00:00Z"), new Date("2027-03-31T00:00:00Z"));
    await tb.fire(`meeting:${third!.id}:invite`);
    const asked = await tb.send("anna", { type: "action", conversation: "slack:dm-UANNA", actionId: "meeting.cancel", value: third!.id });
    expect(messageText(asked.replies.whispers[0]!)).toContain("Varning");
    await tb.send("anna", { type: "action", conversation: "slack:dm-UANNA", actionId: "meeting.cancel-confirm", value: third!.id });
    const cancel = files()
      .map((f) => parseCalendar(f.file.content))
      .filter((c) => c.method === "CANCEL");
    expect(cancel.length).toBeGreaterThan(0);
    expect(cancel[0]).toMatchObject({ uid: `meeting-${third!.id}@samverka`, sequence: 1, status: "CANCELLED" });
    expect(cancel[0]!.attendees).toHaveLength(3);
    const pending = await tb.db.db
      .selectFrom("reminders")
      .select("key")
      .where("key", "like", `meeting:${third!.id}:%`)
      .where("status", "=", "pending")
      .execute();
    expect(pending).toEqual([]);
  });
});
