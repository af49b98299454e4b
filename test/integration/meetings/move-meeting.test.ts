import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText } from "../../helpers/recording-chat.ts";
import { findMeeting, type Meeting } from "../../../src/meetings/meeting.repository.ts";
import { createMeetingTestbed, type MeetingTestbed, submitMoveForm, planTestbedMeetings } from "./meeting-testbed.ts";

let tb: MeetingTestbed;
let december: Meeting;
beforeAll(async () => {
  tb = await createMeetingTestbed();
  const plan = await planTestbedMeetings(tb);
  december = plan.meetings[1]!;
});
afterAll(async () => {
  await tb.close();
});

async function openMoveForm(user: "anna" | "bo") {
  return tb.send(user, { type: "action", conversation: `slack:dm-U${user.toUpperCase()}`, actionId: "meeting.move", value: december.id });
}

describe("moving a meeting", () => {
  it("is refused to a member who is neither the chair nor in one of the group's organiser roles, naming who may", async () => {
    const { replies } = await openMoveForm("bo");
    expect(replies.forms).toEqual([]);
    expect(replies.whispers[0]!.text).toBe(
      "Bara ordföranden i Styrgruppen eller administratör, samordnare och samordningsfunktionen kan flytta eller ställa in dess möten.",
    );
  });

  it("lets samordning move a meeting by default, and follows the partnership file's organiser roles when it names them", async () => {
    await tb.db.db
      .updateTable("members")
      .set({ roles: ["samordning"] })
      .where("id", "=", tb.ids.bo!)
      .execute();
    try {
      expect((await openMoveForm("bo")).replies.forms.map((f) => f.formId)).toEqual(["meeting.move"]);
      const settings = { ...tb.group.meetings, organiserRoles: ["admin"] };
      await tb.db.db
        .updateTable("groups")
        .set({ meeting_settings: JSON.stringify(settings) })
        .where("id", "=", tb.group.id)
        .execute();
      const refused = await openMoveForm("bo");
      expect(refused.replies.forms).toEqual([]);
      expect(refused.replies.whispers[0]!.text).toBe("Bara ordföranden i Styrgruppen eller administratör kan flytta eller ställa in dess möten.");
      // The chair always may.
      expect((await openMoveForm("anna")).replies.forms.map((f) => f.formId)).toEqual(["meeting.move"]);
    } finally {
      await tb.db.db.updateTable("members").set({ roles: [] }).where("id", "=", tb.ids.bo!).execute();
      await tb.db.db
        .updateTable("groups")
        .set({ meeting_settings: JSON.stringify(tb.group.meetings) })
        .where("id", "=", tb.group.id)
        .execute();
    }
  });

  it("keeps what was typed and says why, on the field, when the date or the time is not usable", async () => {
    const { replies } = await openMoveForm("anna");
    const form = replies.forms[0]!;
    // Opened with the meeting's own date and time, as the engine writes a time.
    expect(form.fields.map((f) => [f.id, f.initial])).toEqual([
      ["date", "2026-12-08"],
      ["time", "13.00"],
    ]);
    const result = await submitMoveForm(tb, form.state, "2026-12-25", "9.30");
    expect(result.result).toMatchObject({
      ok: false,
      errors: { date: "Det är juldagen." },
      form: {
        fields: [
          { id: "date", initial: "2026-12-25" },
          { id: "time", initial: "09.30" },
        ],
        errors: { date: "Det är juldagen." },
      },
    });
    // The engine's refusals, the same words as the conversation's; the text that could not be read stays in the form.
    const bad = await submitMoveForm(tb, form.state, "den 3 dec", "25:00");
    expect(bad.result).toMatchObject({
      ok: false,
      errors: { date: "Det måste vara ett datum som 2026-12-03.", time: "Det måste vara ett klockslag som 23.40." },
      form: {
        fields: [
          { id: "date", initial: "den 3 dec" },
          { id: "time", initial: "25:00" },
        ],
      },
    });
    // Earlier today is a time gone by: said on the time (the clock is 2026-10-01 09.00 in Stockholm).
    const earlier = await submitMoveForm(tb, form.state, "2026-10-01", "08:00");
    expect(earlier.result).toMatchObject({ ok: false, errors: { time: "Den tiden har redan varit i dag." } });
  });

  it("warns before a move that breaks the cadence, and moves only when confirmed", async () => {
    const { replies } = await openMoveForm("anna");
    const asked = await submitMoveForm(tb, replies.forms[0]!.state, "2027-01-19", "13:00");
    expect(asked.result).toMatchObject({ ok: true });
    const warning = asked.replies.whispers[0]!;
    expect(messageText(warning)).toContain("mer än 2 månader mellan mötena (2026-10-13 → 2027-01-19)");
    expect((await findMeeting(tb.db.db, december.id))!.startsAt).toEqual(december.startsAt);

    const confirm = warning.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])).find((b) => b.actionId === "meeting.move-confirm")!;
    const done = await tb.send("anna", { type: "action", conversation: "slack:dm-UANNA", actionId: confirm.actionId, value: confirm.value });
    expect(messageText(done.replies.updates[0]!)).toContain("flyttat till tisdag 2027-01-19 kl. 13.00");
    const moved = (await findMeeting(tb.db.db, december.id))!;
    expect(moved).toMatchObject({ status: "moved", sequence: 1, startsAt: new Date("2027-01-19T12:00:00Z") });
    const hourBefore = await tb.db.db
      .selectFrom("reminders")
      .select(["due_at", "payload"])
      .where("key", "=", `meeting:${december.id}:hour-before`)
      .executeTakeFirstOrThrow();
    expect(hourBefore.due_at.toISOString()).toBe("2027-01-19T11:00:00.000Z");
    expect(hourBefore.payload).toMatchObject({ startsAt: "2027-01-19T12:00:00.000Z" });
  });

  it("checks the date again when a confirmation is clicked", async () => {
    const before = (await findMeeting(tb.db.db, december.id))!;
    const { replies } = await tb.send("anna", {
      type: "action",
      conversation: "slack:dm-UANNA",
      actionId: "meeting.move-confirm",
      value: `${december.id}|2026-12-25T12:00:00.000Z`,
    });
    expect(replies.updates[0]!.text).toBe("Det är juldagen.");
    expect((await findMeeting(tb.db.db, december.id))!.startsAt).toEqual(before.startsAt);
  });

  it("moves without asking when the cadence still holds", async () => {
    const { replies } = await openMoveForm("anna");
    const result = await submitMoveForm(tb, replies.forms[0]!.state, "2026-12-15", "14:00");
    expect(result.result).toMatchObject({ ok: true, message: { text: "Styrgruppen är flyttat till tisdag 2026-12-15 kl. 14.00." } });
    expect((await findMeeting(tb.db.db, december.id))!.sequence).toBe(2);
  });
});
