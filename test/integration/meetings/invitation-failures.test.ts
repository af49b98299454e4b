import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText } from "../../helpers/recording-chat.ts";
import { findMeeting, type Meeting } from "../../../src/meetings/meeting.repository.ts";
import { planGroupMeetings } from "../../../src/meetings/plan-meetings.ts";
import { createMeetingTestbed, PEOPLE, recordingReply, type MeetingTestbed } from "./meeting-testbed.ts";

let tb: MeetingTestbed;
let meeting: Meeting;
beforeAll(async () => {
  tb = await createMeetingTestbed();
  const plan = await planGroupMeetings(tb.db.db, tb.group, { from: "2026-10-01", until: "2026-11-30" }, tb.clock.now(), { reminders: tb.deps.reminders });
  meeting = plan.meetings[0]!;
});
afterAll(async () => {
  await tb.close();
});

const invitations = () => tb.chat.calls.filter((c) => (c.op === "post" || c.op === "direct") && /Kallelse|Invitation/.test(messageText(c.message)));
const copiesOf = (meetingId: string) =>
  tb.db.db
    .selectFrom("outbox")
    .select(["key", "status", "attempts", "last_error"])
    .where("card", "=", `meeting:${meetingId}:invitation`)
    .where("kind", "=", "message")
    .orderBy("key")
    .execute();

describe("an invitation when the platform fails", () => {
  it("is recorded once; the channel post the platform refused is retried from its row and then sent once", async () => {
    const key = `meeting:${meeting.id}:invite`;
    const chat = tb.chat;
    const post = chat.post.bind(chat);
    let refused = false;
    chat.post = (conversation, message) => {
      if (refused) return post(conversation, message);
      refused = true;
      return Promise.reject(new Error("platform unavailable (test)"));
    };
    try {
      await tb.fire(key);
    } finally {
      chat.post = post;
    }
    // The reminder did its work (the meeting is invited) and is not run again: only the one copy waits for its retry.
    expect(await tb.db.db.selectFrom("reminders").select(["status", "attempts"]).where("key", "=", key).executeTakeFirstOrThrow()).toEqual({
      status: "done",
      attempts: 1,
    });
    expect((await findMeeting(tb.db.db, meeting.id))!.status).toBe("invited");
    expect(invitations().filter((c) => c.op === "post")).toHaveLength(0);
    expect(tb.chat.directTextsTo(PEOPLE.bo)[0]).toContain("Kallelse");
    const channel = (await copiesOf(meeting.id)).find((c) => c.key.includes(":channel:"))!;
    expect([channel.status, channel.attempts]).toEqual(["pending", 1]);
    expect(channel.last_error).toContain("platform unavailable");

    tb.clock.advance(5 * 60_000);
    await tb.outbox.deliver();
    await tb.fire(key);
    expect(invitations().filter((c) => c.op === "post")).toHaveLength(1);
    expect(invitations().filter((c) => c.op === "direct")).toHaveLength(3);
    expect((await copiesOf(meeting.id)).map((c) => c.status)).toEqual(["sent", "sent", "sent", "sent"]);
  });

  it("still reaches the other members when one direct message fails, and retries only that one", async () => {
    const [next] = (await planGroupMeetings(tb.db.db, tb.group, { from: "2026-12-01", until: "2027-01-31" }, tb.clock.now(), { reminders: tb.deps.reminders }))
      .meetings;
    tb.chat.calls.length = 0;
    const chat = tb.chat;
    const original = chat.sendDirect.bind(chat);
    let failed = false;
    chat.sendDirect = (userId, message) => {
      if (userId === PEOPLE.anna && !failed) {
        failed = true;
        return Promise.reject(new Error("user_not_found (test)"));
      }
      return original(userId, message);
    };
    try {
      await tb.fire(`meeting:${next!.id}:invite`);
    } finally {
      chat.sendDirect = original;
    }
    expect(tb.chat.directTextsTo(PEOPLE.bo)[0]).toContain("Kallelse");
    expect(tb.chat.directTextsTo(PEOPLE.cecilia)[0]).toContain("Invitation");
    expect(tb.chat.directTextsTo(PEOPLE.anna)).toEqual([]);
    const copies = await copiesOf(next!.id);
    expect(copies).toHaveLength(4);
    expect(copies.filter((c) => c.status === "sent")).toHaveLength(3);

    tb.clock.advance(5 * 60_000);
    await tb.outbox.deliver();
    expect(tb.chat.directTextsTo(PEOPLE.anna)).toHaveLength(1);
    expect(tb.chat.directTextsTo(PEOPLE.bo)).toHaveLength(1);
    expect(tb.chat.calls.filter((c) => c.op === "post")).toHaveLength(1);
  });
});

describe("an answer that comes before every copy of the invitation is out", () => {
  it("is on every copy, since each copy is drawn from the rows when it is sent", async () => {
    const [later] = (await planGroupMeetings(tb.db.db, tb.group, { from: "2027-02-01", until: "2027-03-31" }, tb.clock.now(), { reminders: tb.deps.reminders }))
      .meetings;
    const row = await tb.db.db.selectFrom("reminders").selectAll().where("key", "=", `meeting:${later!.id}:invite`).executeTakeFirstOrThrow();
    tb.clock.set(row.due_at);
    tb.chat.calls.length = 0;
    // Recorded, not yet sent: Bo answers from the first copy he sees before the others are delivered.
    await tb.processReminder({ reminderId: row.id, dueAt: row.due_at });
    expect(tb.chat.calls).toEqual([]);
    const bo = {
      type: "action" as const,
      user: { platform: "slack" as const, userId: PEOPLE.bo },
      conversation: "slack:dm-UBO",
      actionId: "meeting.rsvp.yes",
      value: later!.id,
    };
    await tb.router.handle(bo, recordingReply().port);
    await tb.outbox.deliver();
    const copies = tb.chat.calls.flatMap((c) => (c.op === "post" || c.op === "direct" ? [messageText(c.message)] : []));
    expect(copies).toHaveLength(4);
    expect(copies.filter((text) => text.includes("Kommer: 1 ·") || text.includes("Attending: 1 ·"))).toHaveLength(4);
  });
});

describe("a meeting reminder whose payload does not fit", () => {
  it("is given up at once, not retried, and sends nothing", async () => {
    const row = await tb.db.db
      .insertInto("reminders")
      .values({
        key: "meeting:not-a-meeting:invite",
        kind: "meeting.invite",
        partnership_id: "eu-sthlm",
        due_at: tb.clock.now(),
        payload: JSON.stringify({ meetingId: "not-a-meeting" }),
        last_error: null,
        claimed_at: null,
        done_at: null,
        updated_at: tb.clock.now(),
      })
      .returning(["id", "due_at"])
      .executeTakeFirstOrThrow();
    tb.chat.calls.length = 0;
    await expect(tb.fireStale({ reminderId: row.id, dueAt: row.due_at })).rejects.toMatchObject({ code: "invalid_input" });
    expect(await tb.db.db.selectFrom("reminders").select(["status", "attempts"]).where("id", "=", row.id).executeTakeFirstOrThrow()).toEqual({
      attempts: 1,
      status: "failed",
    });
    expect(tb.chat.calls).toEqual([]);
  });
});
