/**
 * Which meeting `agenda …` adds to: the one whose agenda is being collected. An extra meeting called a few days
 * after a regular one gets its own agenda request at once ("skriv agenda …"); an item written under it must land on
 * it, not on the regular meeting whose agenda is already out. Two agendas collected at once are asked about.
 */
import { describe, expect, it } from "vitest";
import { agendaSendTime } from "../../../src/meetings/reminder-times.ts";
import { listMeetings } from "../../../src/meetings/meeting.repository.ts";
import { PEOPLE, usePlannedTestbed } from "./meeting-testbed.ts";

const testbed = usePlannedTestbed();

const dm = (user: keyof typeof PEOPLE) => `slack:dm-${PEOPLE[user]}`;
const say = (user: keyof typeof PEOPLE, text: string) => testbed().send(user, { type: "message", conversation: dm(user), text, direct: true });
const itemsOf = async (meetingId: string) =>
  (await testbed().db.db.selectFrom("agenda_items").select("text").where("proposed_for_meeting_id", "=", meetingId).orderBy("created_at").execute()).map(
    (i) => i.text,
  );
const meetings = () => listMeetings(testbed().db.db, testbed().group.id, new Date("2026-01-01"), new Date("2028-01-01"), ["planned", "invited", "moved"]);

async function callExtraMeeting(day: string): Promise<void> {
  const form = (await say("anna", "nytt möte")).replies.forms[0]!;
  const initial = Object.fromEntries(form.fields.flatMap((f) => (typeof f.initial === "string" ? [[f.id, f.initial]] : [])));
  const called = await testbed().send("anna", {
    type: "form",
    conversation: dm("anna"),
    formId: form.formId,
    state: form.state,
    values: { ...initial, date: day, time: "15:00", duration: "60", location: "Sal 3", reason: "Vinterns extra platser" },
  });
  expect(called.result, JSON.stringify(called.result)).toMatchObject({ ok: true });
}
const dayAfter = (at: Date, days: number) => new Date(at.getTime() + days * 86_400_000).toISOString().slice(0, 10);

describe("agenda …", () => {
  it("adds to an extra meeting whose agenda is being collected, not to the earlier meeting whose agenda is already out", async () => {
    const regular = (await meetings())[0]!;
    // The regular meeting's agenda has gone out; the meeting itself is still ahead.
    testbed().clock.set(new Date(agendaSendTime(regular, testbed().group).getTime() + 60_000));
    expect(testbed().clock.now() < regular.startsAt).toBe(true);
    await callExtraMeeting(dayAfter(regular.startsAt, 7));
    const extra = (await meetings()).find((m) => m.origin === "extra")!;

    const added = await say("bo", "agenda Extra platser under jul");
    expect(added.replies.forms).toEqual([]);
    expect(await itemsOf(extra.id)).toEqual(["Extra platser under jul"]);
    expect(await itemsOf(regular.id)).toEqual([]);
  });

  it("asks which meeting when two agendas are being collected at once, with the text kept", async () => {
    const extra = (await meetings()).find((m) => m.origin === "extra")!;
    await callExtraMeeting(dayAfter(extra.startsAt, 1));
    const asked = await say("bo", "agenda Budget 2027");
    expect(asked.replies.forms.map((f) => f.fields.map((field) => field.id))).toEqual([["meeting", "text"]]);
    const [meeting, text] = asked.replies.forms[0]!.fields;
    expect(meeting!.choices?.length).toBe(2);
    expect(text!.initial).toBe("Budget 2027");
  });
});
