import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../../src/app/cli-command.ts";
import { createMeetingsDailyTask } from "../../../src/meetings/cadence-watchdog.ts";
import { createMeetingsPlanCommand } from "../../../src/meetings/meetings.cli.ts";
import { listMeetings } from "../../../src/meetings/meeting.repository.ts";
import { createReminderProcessor } from "../../../src/reminders/index.ts";
import { createReportsFeature } from "../../../src/reports/index.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { messageText } from "../../helpers/recording-chat.ts";
import { createMeetingTestbed, type MeetingTestbed } from "./meeting-testbed.ts";

let tb: MeetingTestbed;
beforeAll(async () => {
  tb = await createMeetingTestbed();
  // Like the Stockholm example's illustrative period: a contract year, extendable a year at a time by 1 February.
  await tb.db.db
    .updateTable("partnerships")
    .set({ period_start: "2026-05-01", period_end: "2027-04-30", extension_step_months: 12, extension_until: "2029-04-30", extension_deadline: "02-01" })
    .execute();
  await tb.db.db
    .insertInto("report_settings")
    .values({ partnership_id: "eu-sthlm", settings: JSON.stringify({ coordinator: "anna", cycles: [], extensionReminderDaysBefore: [60, 30, 7] }) })
    .execute();
});
afterAll(async () => {
  await tb.close();
});

const meetingDates = async () =>
  (await listMeetings(tb.db.db, tb.group.id, new Date("2026-01-01"), new Date("2031-01-01"))).map((m) => m.startsAt.toISOString().slice(0, 10));
const extensionRows = (deadline: string) =>
  tb.db.db.selectFrom("reminders").select(["key", "status"]).where("key", "like", `extension:eu-sthlm:${deadline}:%`).orderBy("key").execute();
const channelPosts = () => tb.chat.calls.flatMap((c) => (c.op === "post" && c.conversation === "slack:CSTYR" ? [messageText(c.message)] : []));
const whisper = (replies: { whispers: { text: string }[] }) => replies.whispers.map((w) => w.text).join("\n");

async function plan(args: string[]): Promise<{ out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { db: tb.db.db, clock: tb.clock, logger: silentLogger, out: (l) => out.push(l), err: (l) => err.push(l) };
  expect(await createMeetingsPlanCommand("sv").run(args, ctx)).toBe(0);
  return { out, err };
}

describe("the agreement period", () => {
  it("samverka meetings plan plans nothing after the period's end, and says so once", async () => {
    tb.clock.set("2026-12-03T08:00:00Z");
    const { out, err } = await plan(["--partnership", "eu-sthlm", "--months", "24", "--json"]);
    const json = JSON.parse(out.join("\n")) as { periodEnd: string; meetings: { start: string }[] };
    expect(json.periodEnd).toBe("2027-04-30");
    expect(json.meetings.map((m) => m.start.slice(0, 10))).toEqual(["2026-12-08", "2027-02-09", "2027-04-13"]);
    expect(err).toEqual([expect.stringContaining("Avtalsperioden slutar 2027-04-30; inget planeras efter det.")]);
    expect(await meetingDates()).toEqual(["2026-12-08", "2027-02-09", "2027-04-13"]);
  });

  it("reminds the styrgrupp of the extension deadline with how to record the decision", async () => {
    const reports = createReportsFeature(tb.deps);
    await reports.recurring![0]!.run(tb.clock.now());
    expect((await extensionRows("2027-02-01")).map((r) => [r.key, r.status])).toEqual([
      ["extension:eu-sthlm:2027-02-01:days-30", "pending"],
      ["extension:eu-sthlm:2027-02-01:days-60", "pending"],
      ["extension:eu-sthlm:2027-02-01:days-7", "pending"],
    ]);
    const processReports = createReminderProcessor({ db: tb.db.db, handlers: reports.reminders ?? [], clock: tb.clock, logger: silentLogger });
    const first = await tb.db.db.selectFrom("reminders").selectAll().where("key", "=", "extension:eu-sthlm:2027-02-01:days-60").executeTakeFirstOrThrow();
    await processReports({ reminderId: first.id, dueAt: first.due_at });
    await tb.outbox.deliver();
    expect(channelPosts().at(-1)).toContain("`förlängning beviljad till ÅÅÅÅ-MM-DD` (längst till 2029-04-30) eller `förlängning avslutas`");
  });

  it("refuses the decision from someone who is neither the styrgrupp's chair nor an admin, and a date past what the file allows", async () => {
    const bo = await tb.send("bo", { type: "message", conversation: "slack:dm-UBO", text: "förlängning beviljad till 2028-04-30", direct: true });
    expect(whisper(bo.replies)).toContain("Bara styrgruppens ordförande eller partnerskapets administratörer");
    const tooFar = await tb.send("anna", { type: "message", conversation: "slack:dm-UANNA", text: "förlängning beviljad till 2030-04-30", direct: true });
    expect(whisper(tooFar.replies)).toContain("förlängas längst till 2029-04-30");
    const badDate = await tb.send("anna", { type: "message", conversation: "slack:dm-UANNA", text: "förlängning beviljad till 30 april", direct: true });
    expect(whisper(badDate.replies)).toContain("Skriv datumet som 2028-04-30");
    expect((await tb.db.db.selectFrom("partnerships").select("period_end").executeTakeFirstOrThrow()).period_end).toBe("2027-04-30");
  });

  it("recording the extension moves the period, plans the next period's meetings, stops the reminders and tells the group", async () => {
    tb.clock.set("2027-01-12T14:00:00Z");
    const { replies } = await tb.send("anna", { type: "message", conversation: "slack:dm-UANNA", text: "förlängning beviljad till 2028-04-30", direct: true });
    expect(whisper(replies)).toContain("avtalsperioden gäller nu till och med 2028-04-30");
    const partnership = await tb.db.db.selectFrom("partnerships").select(["period_end", "extension_until"]).executeTakeFirstOrThrow();
    expect(partnership).toEqual({ period_end: "2028-04-30", extension_until: "2029-04-30" });
    // The next period is planned a year ahead: June, August and October 2027 (July is blacked out for this group).
    expect(await meetingDates()).toEqual(["2026-12-08", "2027-02-09", "2027-04-13", "2027-06-08", "2027-08-10", "2027-10-12", "2027-12-14"]);
    // days-30 and days-7 never go out; days-60 had (above).
    expect((await extensionRows("2027-02-01")).map((r) => [r.key.split(":").at(-1), r.status])).toEqual([
      ["days-30", "cancelled"],
      ["days-60", "done"],
      ["days-7", "cancelled"],
    ]);
    expect(channelPosts().at(-1)).toContain("Partnerskap eu-sthlm: avtalet är förlängt till och med 2028-04-30");
    expect(channelPosts().at(-1)).toContain("Nästa skriftliga beslut om förlängning ska vara fattat senast 2028-02-01.");

    // The reports tick now asks about the new period's deadline, not the old one.
    const reports = createReportsFeature(tb.deps);
    tb.clock.set("2027-12-01T08:00:00Z");
    await reports.recurring![0]!.run(tb.clock.now());
    expect((await extensionRows("2028-02-01")).map((r) => r.status)).toEqual(["pending", "pending", "pending"]);
    expect((await extensionRows("2027-02-01")).map((r) => r.status)).toEqual(["cancelled", "done", "cancelled"]);

    const again = await tb.send("anna", { type: "message", conversation: "slack:dm-UANNA", text: "förlängning beviljad till 2028-04-30", direct: true });
    expect(whisper(again.replies)).toContain("måste ligga efter periodens nuvarande slut, 2028-04-30");
  });

  it("recording that the agreement ends sends the wind-down notice, plans nothing past the end and stops the reminders", async () => {
    tb.clock.set("2028-01-20T09:00:00Z");
    await createMeetingsDailyTask(tb.deps).run(tb.clock.now());
    await tb.outbox.deliver();
    expect((await meetingDates()).filter((d) => d >= "2028-01-01")).toEqual(["2028-02-08", "2028-04-11"]);
    const before = channelPosts().length;
    const { replies } = await tb.send("anna", { type: "message", conversation: "slack:dm-UANNA", text: "förlängning avslutas", direct: true });
    expect(whisper(replies)).toContain("avtalet avslutas när perioden slutar 2028-04-30");
    const notice = channelPosts().slice(before).join("\n");
    expect(notice).toContain("Partnerskap eu-sthlm avslutas 2028-04-30");
    expect(notice).toContain("Kvarvarande möten:");
    expect(notice).toMatch(/Styrgruppen\*\*: tisdag 2028-02-08 kl\. 13\.00/);
    expect((await extensionRows("2028-02-01")).map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(await tb.db.db.selectFrom("partnerships").select(["period_end", "extension_until"]).executeTakeFirstOrThrow()).toEqual({
      period_end: "2028-04-30",
      extension_until: "2028-04-30",
    });

    // A year on, the daily tick plans nothing after the end.
    await createMeetingsDailyTask(tb.deps).run(tb.clock.now());
    expect((await meetingDates()).filter((d) => d > "2028-04-30")).toEqual([]);
    const late = await tb.send("anna", { type: "message", conversation: "slack:dm-UANNA", text: "förlängning beviljad", direct: true });
    expect(whisper(late.replies)).toContain("redan registrerat: avtalet avslutas");
  });
});
