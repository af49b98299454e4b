import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { messageText } from "../../helpers/recording-chat.ts";
import { createMeetingTestbed, PEOPLE, type MeetingTestbed } from "./meeting-testbed.ts";

let tb: MeetingTestbed;
const due = new Date("2026-10-30T08:00:00Z");
const weekOn = new Date("2026-11-06T08:00:00Z");

/** An open action item of `groupId` owned by `owner`, with its due reminder due at `due`; returns the reminder's job. */
async function dueItem(meetingId: string, groupId: string, owner: keyof typeof PEOPLE, text: string) {
  const item = await tb.db.db
    .insertInto("action_items")
    .values({ partnership_id: "eu-sthlm", group_id: groupId, meeting_id: meetingId, text, owner_member_id: tb.ids[owner]!, due_date: "2026-10-30" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const row = await tb.db.db
    .insertInto("reminders")
    .values({
      key: `action-item:${item.id}:due`,
      kind: "action-item.due",
      partnership_id: "eu-sthlm",
      due_at: due,
      payload: JSON.stringify({ actionItemId: item.id }),
      updated_at: due,
    })
    .returning(["id", "due_at"])
    .executeTakeFirstOrThrow();
  return { reminderId: row.id, dueAt: row.due_at };
}

beforeAll(async () => {
  tb = await createMeetingTestbed();
  tb.clock.set(due);
});
afterAll(async () => {
  await tb?.close();
});

describe("action items due at the same moment", () => {
  it("remind each owner once, and a reminder that cannot run fails alone while its batch is done, a repeated job doing nothing", async () => {
    const meeting = await tb.db.db
      .insertInto("meetings")
      .values({
        partnership_id: "eu-sthlm",
        group_id: tb.group.id,
        status: "held",
        starts_at: new Date("2026-10-13T11:00:00Z"),
        ends_at: new Date("2026-10-13T13:00:00Z"),
        planned_starts_at: new Date("2026-10-13T11:00:00Z"),
        updated_at: due,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // A group wound up since: its item's reminder cannot be sent (and is given up), whatever runs beside it.
    const closed = await tb.db.db
      .insertInto("groups")
      .values({
        partnership_id: "eu-sthlm",
        key: "nedlagd",
        kind: "arbetsgrupp",
        name: "Nedlagd",
        cadence_kind: "months",
        cadence_months: 3,
        meeting_settings: JSON.stringify({}),
        active: false,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const jobs = [
      await dueItem(meeting.id, tb.group.id, "anna", "Boka lokal"),
      await dueItem(meeting.id, tb.group.id, "bo", "Ta fram lokalförslag"),
      await dueItem(meeting.id, closed.id, "bo", "Avsluta gruppen"),
      await dueItem(meeting.id, tb.group.id, "cecilia", "Skriv protokollet"),
    ];
    tb.chat.calls.length = 0;

    // All at once, as a worker's slots take them, and the second job delivered twice.
    const outcomes = await Promise.allSettled([...jobs, jobs[1]!].map((job) => tb.processReminder(job)));
    await tb.outbox.deliver();

    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(SamverkaError);
    const dms = tb.chat.calls.flatMap((c) => (c.op === "direct" ? [`${c.userId}: ${messageText(c.message)}`] : []));
    expect(dms.sort()).toEqual(
      [
        expect.stringMatching(new RegExp(`^${PEOPLE.anna}: .*Boka lokal`, "s")),
        expect.stringMatching(new RegExp(`^${PEOPLE.bo}: .*Ta fram lokalförslag`, "s")),
        expect.stringMatching(new RegExp(`^${PEOPLE.cecilia}: .*Skriv protokollet`, "s")),
      ].sort(),
    );
    expect(dms).toHaveLength(3);
    const rows = await tb.db.db
      .selectFrom("reminders")
      .select(["id", "status", "due_at", "last_error"])
      .where(
        "id",
        "in",
        jobs.map((j) => j.reminderId),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(jobs.map((j) => [byId.get(j.reminderId)!.status, byId.get(j.reminderId)!.due_at])).toEqual([
      ["pending", weekOn],
      ["pending", weekOn],
      ["failed", due],
      ["pending", weekOn],
    ]);
    expect(byId.get(jobs[2]!.reminderId)!.last_error).toContain("no longer active");
  });
});
