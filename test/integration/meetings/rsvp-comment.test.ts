/**
 * A comment to an answer to an invitation (issue 15, item 2): from the button on the thanks (a one-field form) or by
 * `kommentar …` in the conversation, with the same refusal of a personnummer and the same warning about a name; it is
 * shown where the answers are tallied, but only in the chair's, the secretary's and the organisers' copies; a changed
 * answer drops it, and erasing the member clears it while the answer stays counted; a month after the meeting it is
 * forgotten.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FormResult } from "../../../src/chat/inbound.ts";
import type { Message } from "../../../src/chat/message.ts";
import type { Meeting } from "../../../src/meetings/meeting.repository.ts";
import { createMeetingsFeature } from "../../../src/meetings/meetings.feature.ts";
import { eraseMember, exportMemberData } from "../../../src/privacy/index.ts";
import { messageText, type RecordedCall } from "../../helpers/recording-chat.ts";
import { createMeetingTestbed, PEOPLE, planTestbedMeetings, type MeetingTestbed } from "./meeting-testbed.ts";

let tb: MeetingTestbed;
let first: Meeting;
beforeAll(async () => {
  tb = await createMeetingTestbed();
  first = (await planTestbedMeetings(tb)).meetings[0]!;
  await tb.fire(`meeting:${first.id}:invite`);
});
afterAll(async () => {
  await tb.close();
});

const dm = (user: keyof typeof PEOPLE) => `slack:dm-${PEOPLE[user]}`;
/** The invitation as `user`'s own copy (or the channel's) reads now, after every redraw. */
function invitationOf(user: keyof typeof PEOPLE | "channel"): string {
  const first = tb.chat.calls.find((c): c is Extract<RecordedCall, { op: "post" | "direct" }> =>
    user === "channel"
      ? c.op === "post" && c.conversation === "slack:CSTYR" && messageText(c.message).includes("Kallelse")
      : c.op === "direct" && c.userId === PEOPLE[user],
  );
  if (first === undefined) throw new Error(`no invitation for ${user}`);
  const updates = tb.chat.calls.flatMap((c) => (c.op === "update" && c.ref === first.ref ? [c.message] : []));
  return messageText(updates.at(-1) ?? first.message);
}
const comment = async () =>
  (await tb.db.db.selectFrom("meeting_rsvps").select(["answer", "comment"]).where("member_id", "=", tb.ids.bo!).executeTakeFirst()) ?? undefined;
const submitComment = (user: keyof typeof PEOPLE, text: string) =>
  tb.send(user, { type: "form", conversation: dm(user), formId: "meeting.rsvp-comment", state: first.id, values: { comment: text } });
const errorsOf = (result: unknown) => ((result as FormResult).ok ? {} : (result as Extract<FormResult, { ok: false }>).errors);

describe("a comment to an answer", () => {
  it("is offered on the thanks, with a button that opens a one-field form", async () => {
    const { replies } = await tb.send("bo", { type: "action", conversation: dm("bo"), actionId: "meeting.rsvp.substitute", value: first.id });
    const thanks = replies.whispers[0]!;
    expect(messageText(thanks)).toContain("Ditt svar: Skickar ersättare");
    expect(messageText(thanks)).toContain("skriv `kommentar` och texten");
    const button = thanks.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []))[0]!;
    expect(button).toMatchObject({ actionId: "meeting.rsvp-comment", value: first.id });
    const opened = await tb.send("bo", { type: "action", conversation: dm("bo"), actionId: button.actionId, value: button.value });
    expect(opened.replies.forms[0]).toMatchObject({ formId: "meeting.rsvp-comment", state: first.id, fields: [{ id: "comment", maxLength: 200 }] });
  });

  it("refuses a personnummer and warns once about a name in the form, keeping what was typed", async () => {
    const refused = await submitComment("bo", "Ersättare har nr 811218-9876");
    expect(errorsOf(refused.result).comment).toContain("(811218-****)");
    expect((refused.result as { form: { fields: { initial?: string }[] } }).form.fields[0]!.initial).toBe("Ersättare har nr 811218-9876");
    const warned = await submitComment("bo", "Karin Ek från Convictus kommer i stället");
    expect(errorsOf(warned.result).comment).toContain("ett namn (Karin Ek)");
    expect(await comment()).toEqual({ answer: "substitute", comment: null });
    const saved = await submitComment("bo", "Karin Ek från Convictus kommer i stället");
    expect(messageText((saved.result as { message: Message }).message)).toContain("Kommentaren är sparad till ditt svar (Skickar ersättare)");
    expect(await comment()).toEqual({ answer: "substitute", comment: "Karin Ek från Convictus kommer i stället" });
  });

  it("is shown with the tally to the chair and the secretary only, not in the channel or other members' copies", async () => {
    const line = "Bo Ledamot (Skickar ersättare): Karin Ek från Convictus kommer i stället";
    expect(invitationOf("anna")).toContain(line);
    expect(invitationOf("cecilia")).toContain("Bo Ledamot (Sending a substitute): Karin Ek från Convictus kommer i stället");
    expect(invitationOf("channel")).toContain("Skickar ersättare: 1");
    expect(invitationOf("channel")).not.toContain("Karin");
    expect(invitationOf("bo")).not.toContain("Karin");
  });

  it("is taken in the conversation by `kommentar …` with the same refusals, for the latest answer", async () => {
    const say = (text: string) => tb.send("bo", { type: "message", conversation: dm("bo"), text, direct: true });
    expect(messageText((await say("kommentar Nr 811218-9876 kommer")).replies.whispers[0]!)).toContain("(811218-****)");
    expect(messageText((await say(`kommentar ${"x".repeat(201)}`)).replies.whispers[0]!)).toContain("201 tecken, högst 200");
    const saved = await say("kommentar Kommer själv, 15 minuter sent");
    expect(messageText(saved.replies.whispers[0]!)).toContain("Kommentaren är sparad");
    expect(await comment()).toEqual({ answer: "substitute", comment: "Kommer själv, 15 minuter sent" });
    expect(invitationOf("anna")).toContain("Bo Ledamot (Skickar ersättare): Kommer själv, 15 minuter sent");
    // Without text, the form, prefilled with the comment so far.
    expect((await say("kommentar")).replies.forms[0]!.fields[0]!.initial).toBe("Kommer själv, 15 minuter sent");
    const david = await tb.send("david", { type: "message", conversation: dm("david"), text: "kommentar Kommer", direct: true });
    expect(messageText(david.replies.whispers[0]!)).toContain("Svara först på kallelsen");
  });

  it("is dropped when the answer changes, since it was written to the other answer", async () => {
    await tb.send("bo", { type: "action", conversation: dm("bo"), actionId: "meeting.rsvp.substitute", value: first.id });
    expect((await comment())?.comment).toBe("Kommer själv, 15 minuter sent");
    await tb.send("bo", { type: "action", conversation: dm("bo"), actionId: "meeting.rsvp.yes", value: first.id });
    expect(await comment()).toEqual({ answer: "yes", comment: null });
    expect(invitationOf("anna")).not.toContain("Kommer själv");
  });

  it("is exported with the member's data, and cleared when the member is erased while the answer stays counted", async () => {
    await tb.send("bo", { type: "message", conversation: dm("bo"), text: "kommentar Kommer direkt från ett annat möte", direct: true });
    const data = await exportMemberData(tb.db.db, tb.ids.bo!);
    expect(data.meetingAnswers).toMatchObject([{ meetingId: first.id, answer: "yes", comment: "Kommer direkt från ett annat möte" }]);
    const { counts } = await eraseMember(tb.db.db, tb.ids.bo!, { now: tb.clock.now(), forget: [] });
    expect(counts.rsvpCommentsCleared).toBe(1);
    expect(await comment()).toEqual({ answer: "yes", comment: null });
  });

  it("is forgotten a month after the meeting, while the answer stays", async () => {
    await tb.send("cecilia", { type: "action", conversation: dm("cecilia"), actionId: "meeting.rsvp.no", value: first.id });
    await tb.send("cecilia", { type: "message", conversation: dm("cecilia"), text: "kommentar Semester den veckan", direct: true });
    const cecilia = async () =>
      tb.db.db.selectFrom("meeting_rsvps").select(["answer", "comment"]).where("member_id", "=", tb.ids.cecilia!).executeTakeFirstOrThrow();
    const purge = createMeetingsFeature(tb.deps).recurring!.find((t) => t.name === "meetings.purge-rsvp-comments")!;
    await purge.run(new Date(first.startsAt.getTime() + 29 * 86_400_000));
    expect(await cecilia()).toEqual({ answer: "no", comment: "Semester den veckan" });
    await purge.run(new Date(first.startsAt.getTime() + 31 * 86_400_000));
    expect(await cecilia()).toEqual({ answer: "no", comment: null });
  });
});
