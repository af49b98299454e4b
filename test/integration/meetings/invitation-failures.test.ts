import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText } from "../../helpers/recording-chat.ts";
import { findMeeting, type Meeting } from "../../../src/meetings/meeting.repository.ts";
import { planGroupMeetings } from "../../../src/meetings/plan-meetings.ts";
import { createMeetingTestbed, PEOPLE, type MeetingTestbed } from "./meeting-testbed.ts";

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

const invitations = () => tb.chat.calls.filter((c) => (c.op === "post" || c.op === "direct") && messageText(c.message).includes("Kallelse"));

describe("an invitation when the platform fails", () => {
  it("is retried when the channel cannot be reached, and then sent once", async () => {
    const key = `meeting:${meeting.id}:invite`;
    tb.chat.failNext(1);
    await expect(tb.fire(key)).rejects.toMatchObject({ code: "platform_unavailable" });
    const row = await tb.db.db.selectFrom("reminders").select(["status", "attempts"]).where("key", "=", key).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "pending", attempts: 1 });
    expect((await findMeeting(tb.db.db, meeting.id))!.invitedAt).toBeNull();

    await tb.fire(key);
    expect(invitations().filter((c) => c.op === "post")).toHaveLength(1);
    expect((await findMeeting(tb.db.db, meeting.id))!.status).toBe("invited");
  });

  it("still reaches the other members when one direct message fails", async () => {
    const [next] = (await planGroupMeetings(tb.db.db, tb.group, { from: "2026-12-01", until: "2027-01-31" }, tb.clock.now(), { reminders: tb.deps.reminders })).meetings;
    tb.chat.calls.length = 0;
    // The channel post, its calendar file, then Anna's direct message fails.
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
    expect((await findMeeting(tb.db.db, next!.id))!.invitationDeliveries).toHaveLength(3);
  });
});
