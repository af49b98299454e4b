import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText } from "../../helpers/recording-chat.ts";
import { createMeetingsDailyTask } from "../../../src/meetings/cadence-watchdog.ts";
import { listGroups } from "../../../src/meetings/meeting-group.repository.ts";
import { listMeetings } from "../../../src/meetings/meeting.repository.ts";
import { createMeetingTestbed, PEOPLE, type MeetingTestbed } from "./meeting-testbed.ts";

let tb: MeetingTestbed;
beforeAll(async () => {
  tb = await createMeetingTestbed();
  // The Bris samverkansgrupp: once per school term.
  await tb.db.db
    .updateTable("groups")
    .set({
      kind: "samverkansgrupp",
      cadence_kind: "term",
      cadence_months: null,
      meeting_settings: JSON.stringify({
        pattern: { weekday: "wednesday", week: 2, time: "15:00", durationMinutes: 90 },
        terms: [
          { from: "01-15", to: "06-10" },
          { from: "08-20", to: "12-15" },
        ],
      }),
    })
    .execute();
});
afterAll(async () => {
  await tb.close();
});

describe("a group that meets once per school term", () => {
  it("gets one meeting per term, warns before a cancellation leaves a term empty, and the watchdog says so", async () => {
    tb.clock.set("2026-08-01T07:00:00Z");
    const task = createMeetingsDailyTask(tb.deps);
    await task.run(tb.clock.now());
    const [group] = await listGroups(tb.db.db, "eu-sthlm");
    const meetings = await listMeetings(tb.db.db, group!.id, new Date("2026-01-01"), new Date("2028-01-01"));
    expect(meetings.map((m) => m.startsAt.toISOString())).toEqual(["2026-09-09T13:00:00.000Z", "2027-02-10T14:00:00.000Z"]);

    const asked = await tb.send("anna", { type: "action", conversation: "slack:dm-UANNA", actionId: "meeting.cancel", value: meetings[0]!.id });
    expect(messageText(asked.replies.whispers[0]!)).toContain("terminen 2026-08-20–2026-12-15 inget möte");
    await tb.send("anna", { type: "action", conversation: "slack:dm-UANNA", actionId: "meeting.cancel-confirm", value: meetings[0]!.id });

    tb.chat.calls.length = 0;
    tb.clock.set("2026-08-02T07:00:00Z");
    await task.run(tb.clock.now());
    await tb.outbox.deliver();
    expect(tb.chat.directTextsTo(PEOPLE.anna).join("\n")).toContain("har inget möte planerat under terminen 2026-08-20–2026-12-15");
  });
});
