/**
 * The meetings story every platform must pass, against the REAL server over HTTP (one file per platform):
 * invitation with a calendar file → RSVP tally updated in place → an agenda item added by a member → the agenda
 * delivered → the meeting moved (its old reminder never fires, the new one does) → minutes with an action item
 * → the action-item reminder.
 */
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import { createQueueBackend, type JobQueue, type QueueBackend } from "../../../jobs/queue-backend.ts";
import { REMINDER_QUEUE, reminderJobId } from "../../../jobs/reminder.jobs.ts";
import type { Platform } from "../../../src/chat/chat-port.ts";
import { type Meeting } from "../../../src/meetings/meeting.repository.ts";
import { listGroups } from "../../../src/meetings/meeting-group.repository.ts";
import { planGroupMeetings } from "../../../src/meetings/plan-meetings.ts";
import { findPendingReminders } from "../../../src/reminders/reminder.repository.ts";
import { createReminders } from "../../../src/reminders/index.ts";
import { createManualClock, type ManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import type { PlatformDriver, SentItem, TestUser } from "../../helpers/platform-driver.ts";
import { sentMarks, unsentCount, type SentMarks } from "../../helpers/sent-marks.ts";
import { seedStyrgrupp } from "../../integration/meetings/meeting-seed.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

/** A running server, the driver that plays its platform, and the calendar files it has sent so far. */
export interface RunningServer {
  driver: PlatformDriver;
  calendarFiles(): Promise<Buffer[]>;
  /** Teams only: the banners Action.Execute answers showed, oldest first. */
  banners?(): string[];
  /** Makes the next channel post find the app not in `channel` (Teams: a channel it was never added to already does). */
  refuseNextChannelPost(): void;
  /** The app is added to `channel`, as the platform tells it (Teams conversationUpdate, Slack member_joined_channel). */
  install(channel: string): Promise<void>;
  close(): Promise<void>;
}

/** How one platform starts the real server, who the people are, and where the group's channel is. */
export interface MeetingsPlatform {
  platform: Platform;
  users: { anna: TestUser; bo: TestUser; cecilia: TestUser };
  /** The group channel's platform id. */
  channel: string;
  /** The platform user id stored as the member's identity (the AAD object id in Teams). */
  identity(user: TestUser): string;
  /** Whether a sent item is in `user`'s direct conversation with the bot. */
  isDirectTo(item: SentItem, user: TestUser): boolean;
  start(databaseUrl: string, clock: ManualClock): Promise<RunningServer>;
}

/** A fresh database with the styrgrupp seeded, its members (and David, when given) known by their ids on `platform`. */
export async function createStyrgruppDatabase(
  platform: MeetingsPlatform,
  david?: TestUser,
): Promise<{ db: TestDatabase; ids: Record<string, string>; groupId: string }> {
  const db = await createTestDatabase();
  db.pool.on("error", () => undefined);
  const { anna, bo, cecilia } = platform.users;
  const identities = { anna: platform.identity(anna), bo: platform.identity(bo), cecilia: platform.identity(cecilia) };
  const seeded = await seedStyrgrupp(
    db.db,
    platform.platform,
    david === undefined ? identities : { ...identities, david: platform.identity(david) },
    platform.channel,
  );
  return { db, ...seeded };
}

/** The values a form card shows in its inputs, by field id. */
export function inputValues(item: SentItem): Record<string, string> {
  const values: Record<string, string> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    const el = node as Record<string, unknown>;
    if (typeof el.id === "string" && el.id.startsWith("field.") && typeof el.value === "string") values[el.id.replace(/^field\.(multi\.)?/, "")] = el.value;
    Object.values(el).forEach(visit);
  };
  visit(item.raw);
  return values;
}

/**
 * After a refused submission, the form to send again, and what it shows. Teams answers the invoke with the form drawn
 * again (what was typed, the errors on their fields); Slack keeps its modal open as it was (the server answers
 * `response_action: errors`), so there the same form is sent again and what was typed is Slack's to keep.
 */
export function refusedForm(platform: MeetingsPlatform, driver: PlatformDriver, form: SentItem): { form: SentItem; shows?: Record<string, string> } {
  if (platform.platform !== "teams") return { form };
  const redrawn = driver
    .sent()
    .filter((i) => i.kind === "invoke-response" && i.fields !== undefined)
    .at(-1);
  if (redrawn === undefined) throw new Error("Teams did not draw the refused form again");
  return { form: redrawn, shows: inputValues(redrawn) };
}

/** Waits for what a step sent to `user` in their direct conversation with the bot. */
export function directWaits(platform: MeetingsPlatform, marks: SentMarks) {
  return (user: TestUser, text: string, mark: Set<string>) => marks.after(mark, (i) => platform.isDirectTo(i, user) && i.text.includes(text));
}

export function describeMeetingsStory(name: string, platform: MeetingsPlatform): void {
  describe(`meetings end to end on ${name}`, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let jobs: JobRuntime;
    let direct: QueueBackend;
    let queue: JobQueue;
    let meeting: Meeting;
    const ids: Record<string, string> = {};
    const clock = createManualClock("2026-09-20T07:00:00Z");
    const { anna, bo, cecilia } = platform.users;

    // The queue delivering what is due by the (manual) clock, as the server's workers would at that time.
    const deliverDue = async () => {
      for (const job of await findPendingReminders(db.db, clock.now(), 100)) {
        await jobs.reminderQueue.remove(job.reminderId, job.dueAt);
        await jobs.reminderQueue.enqueue(job.reminderId, job.dueAt);
      }
    };
    const reminderRow = (suffix: string) =>
      db.db.selectFrom("reminders").selectAll().where("key", "=", `meeting:${meeting.id}:${suffix}`).executeTakeFirstOrThrow();
    const at = async (suffix: string) => {
      clock.set((await reminderRow(suffix)).due_at);
      await deliverDue();
    };
    const marks = sentMarks(() => server.driver);
    const { snapshot, since, after } = marks;
    const unsent = () => unsentCount(db.db);
    const directTo = directWaits(platform, marks);
    const inChannel = (text: string, mark: Set<string>) => after(mark, (i) => i.conversation.includes(platform.channel) && i.text.includes(text));

    beforeAll(async () => {
      const seeded = await createStyrgruppDatabase(platform);
      db = seeded.db;
      Object.assign(ids, seeded.ids);
      server = await platform.start(db.url, clock);
      jobs = createJobRuntime({ postgres: { connectionString: db.url }, clock, logger: silentLogger });
      // The server's own queue, read directly, to see a job through to the end.
      direct = createQueueBackend({ postgres: { connectionString: db.url }, prefix: "samverka_jobs", logger: silentLogger });
      queue = direct.openQueue(REMINDER_QUEUE, {});
      const reminders = createReminders({ db: db.db, queue: jobs.reminderQueue, clock, logger: silentLogger });
      const [meetingGroup] = await listGroups(db.db, "eu-sthlm");
      const plan = await planGroupMeetings(db.db, meetingGroup!, { from: "2026-10-01", until: "2027-03-31" }, clock.now(), { reminders });
      meeting = plan.meetings[0]!;
    });
    afterAll(async () => {
      await queue?.close();
      await direct?.close();
      await jobs?.close();
      await server?.close();
      await db?.drop();
    });

    it("invites in the channel and directly, with a calendar file, and tallies the answers in place", async () => {
      expect(meeting.startsAt.toISOString()).toBe("2026-10-13T11:00:00.000Z");
      await at("invite");
      const posted = await inChannel("Kallelse: Styrgruppen", new Set());
      const invitation = await directTo(bo, "Kallelse: Styrgruppen", new Set());
      expect(posted.text).toContain("Inte svarat: 3");
      // Each copy's calendar file is its own delivery: it may land just after the message.
      await expect.poll(async () => (await server.calendarFiles()).length, { timeout: 15_000 }).toBeGreaterThan(0);
      const files = await server.calendarFiles();
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(files[0]!.toString("utf8")) as unknown[]).getFirstSubcomponent("vevent")!);
      expect([event.uid, event.sequence]).toEqual([`meeting-${meeting.id}@samverka`, 0]);

      const mark = snapshot();
      await server.driver.click(bo, invitation, "Kommer");
      await after(
        mark,
        (i) =>
          i.kind === "update" &&
          i.conversation.includes(platform.channel) &&
          i.text.includes("Kommer: 1 · Kommer inte: 0 · Skickar ersättare: 0 · Inte svarat: 2"),
      );
    });

    it("takes a comment to an answer from the thanks' button and by `kommentar`, and shows it only to the chair and the secretary", async () => {
      let mark = snapshot();
      const invitation = await directTo(bo, "Kallelse: Styrgruppen", new Set());
      await server.driver.click(bo, invitation, "Skickar ersättare");
      const thanks = await directTo(bo, "Ditt svar: Skickar ersättare", mark);
      expect(thanks.text).toMatch(/skriv \W*kommentar\W* och texten/);
      await server.driver.click(bo, thanks, "Kommentera");
      const form = await after(mark, (i) => i.kind === "form" && i.fields?.includes("comment") === true);
      const errors = await server.driver.submitForm(bo, form, { comment: "Ersättaren har nr 811218-9876" });
      expect(errors?.comment).toContain("(811218-****)");
      const refused = refusedForm(platform, server.driver, form);
      if (refused.shows !== undefined) expect(refused.shows.comment).toBe("Ersättaren har nr 811218-9876");
      expect(await db.db.selectFrom("meeting_rsvps").select("comment").where("member_id", "=", ids.bo!).executeTakeFirstOrThrow()).toEqual({ comment: null });

      mark = snapshot();
      expect(await server.driver.submitForm(bo, refused.form, { comment: "Kommer själv, 15 minuter sent" })).toBeUndefined();
      await after(
        mark,
        (i) => i.kind === "update" && platform.isDirectTo(i, anna) && i.text.includes("Bo Ledamot (Skickar ersättare): Kommer själv, 15 minuter sent"),
      );
      await after(mark, (i) => i.kind === "update" && platform.isDirectTo(i, cecilia) && i.text.includes("Bo Ledamot (Sending a substitute): Kommer själv"));
      await expect.poll(unsent, { timeout: 15_000 }).toBe(0);
      // Every copy is redrawn; the channel's and Bo's own show the tally only.
      const redrawn = since(mark).filter((i) => i.kind === "update");
      const channelCopy = redrawn.filter((i) => i.conversation.includes(platform.channel)).at(-1);
      expect(channelCopy?.text).toContain("Skickar ersättare: 1");
      expect(channelCopy?.text).not.toContain("Kommer själv");
      const boCopies = redrawn.filter((i) => platform.isDirectTo(i, bo));
      expect(boCopies.length).toBeGreaterThan(0);
      expect(boCopies.filter((i) => i.text.includes("Kommer själv"))).toEqual([]);

      // In the conversation: the same refusal, then stored and shown the same way.
      mark = snapshot();
      await server.driver.message(bo, "kommentar Ersättaren har nr 811218-9876");
      await directTo(bo, "(811218-****)", mark);
      await server.driver.message(bo, "kommentar Kommer själv, 20 minuter sent");
      await directTo(bo, "Kommentaren är sparad till ditt svar (Skickar ersättare)", mark);
      await after(
        mark,
        (i) => i.kind === "update" && platform.isDirectTo(i, anna) && i.text.includes("Bo Ledamot (Skickar ersättare): Kommer själv, 20 minuter sent"),
      );
    });

    it("takes an agenda item from a member and delivers the agenda with it", async () => {
      // The agenda goes out three days before the Tuesday meeting: not on that Saturday, on the Friday before it.
      expect((await reminderRow("agenda-send")).due_at.toISOString()).toBe("2026-10-09T07:00:00.000Z");
      // The request, ten days before, would be Saturday 3 October: it goes on Friday 2 October.
      expect((await reminderRow("agenda-request")).due_at.toISOString()).toBe("2026-10-02T07:00:00.000Z");
      await at("agenda-request");
      const asked = await directTo(cecilia, "Agenda items for Styrgruppen", new Set());
      expect(asked.text).toContain("agenda Budget 2027");
      expect(asked.text).toContain("The agenda goes out on Friday 2026-10-09.");
      expect(asked.text).not.toContain("@Samverka");
      // In the channel the bot hears only what is addressed to it, so the request says how.
      const inGroup = await inChannel("Punkter till dagordningen: Styrgruppen", new Set());
      expect(inGroup.text).toContain("@Samverka agenda Budget 2027");
      expect(inGroup.text).toContain("Dagordningen skickas ut fredag 2026-10-09.");
      let mark = snapshot();
      await server.driver.message(bo, "agenda Budget 2027");
      await directTo(bo, "Punkten är tillagd", mark);
      mark = snapshot();
      await at("agenda-send");
      const agenda = await inChannel("Dagordning: Styrgruppen", mark);
      expect(agenda.text).toContain("Budget 2027 (Bo Ledamot)");
      expect(agenda.text).toContain("Öppna åtgärdspunkter: 0");
      await directTo(anna, "Dagordning: Styrgruppen", mark);
    });

    it("moves the meeting: the old day-before reminder does not fire, the new one does", async () => {
      const oldDayBefore = await reminderRow("day-before");
      let mark = snapshot();
      await server.driver.command(anna, "möten");
      const list = await directTo(anna, "Kommande möten", mark);
      await server.driver.click(anna, list, "Flytta");
      const form = await after(mark, (i) => i.kind === "form");
      // A Saturday is refused on the date, and what was typed stays in the form to correct.
      const refusal = await server.driver.submitForm(anna, form, { date: "2026-10-17", time: "14:00" });
      expect(refusal?.date).toBe("Det är en lördag eller söndag.");
      const refused = refusedForm(platform, server.driver, form);
      if (refused.shows !== undefined) expect(refused.shows).toMatchObject({ date: "2026-10-17", time: "14:00" });
      const errors = await server.driver.submitForm(anna, refused.form, { date: "2026-10-14", time: "14:00" });
      expect(errors).toBeUndefined();
      await directTo(bo, "Mötet är flyttat", mark);
      await after(
        mark,
        (i) => i.kind === "update" && i.conversation.includes(platform.channel) && i.text.includes("Dagordning") && i.text.includes("onsdag 2026-10-14"),
      );
      const sequences = async () =>
        (await server.calendarFiles()).map(
          (f) => new ICAL.Event(new ICAL.Component(ICAL.parse(f.toString("utf8")) as unknown[]).getFirstSubcomponent("vevent")!).sequence,
        );
      await expect.poll(async () => Math.max(...(await sequences())), { timeout: 15_000 }).toBe(1);

      // The stale job (the row at its old due time) is delivered and runs to completion without sending anything,
      // counted from when every message the move caused (notices, redrawn copies) is out.
      await expect.poll(unsent, { timeout: 15_000 }).toBe(0);
      mark = snapshot();
      clock.set(oldDayBefore.due_at);
      await deliverDue();
      const stale = { reminderId: oldDayBefore.id, dueAt: oldDayBefore.due_at };
      await jobs.reminderQueue.enqueue(stale.reminderId, stale.dueAt);
      await expect.poll(() => queue.getJob(reminderJobId(stale)), { timeout: 15_000 }).toBeUndefined();
      expect(since(mark).filter((i) => platform.isDirectTo(i, bo))).toEqual([]);
      await at("day-before");
      const reminder = await directTo(bo, "Påminnelse: i morgon Styrgruppen", mark);
      expect(reminder.text).toContain("kl. 14.00");
      const dayBefore = since(mark).filter((i) => platform.isDirectTo(i, bo) && i.text.includes("i morgon"));
      expect(dayBefore).toHaveLength(1);
    });

    it("asks the secretary for minutes, stores an action item and reminds its owner when it is due", async () => {
      let mark = snapshot();
      await at("minutes-request");
      const request = await directTo(cecilia, "Minutes: Styrgruppen", mark);
      await server.driver.click(cecilia, request, "Write minutes");
      const form = await after(mark, (i) => i.kind === "form");
      // An action item without its owner is refused on the owner; a due date before the meeting on the date.
      const typed = {
        decisions: "Budgeten godkänns",
        action1: "Ta fram lokalförslag",
        due1: "2026-10-30",
        action2: "Boka lokal",
        owner2: ids.anna!,
        due2: "2026-10-01",
      };
      const refusal = await server.driver.submitForm(cecilia, form, typed);
      expect(refusal?.owner1).toBe("Action 1, Owner 1 and Due 1 go together: fill in Owner 1 too, or leave them all empty.");
      const refused = refusedForm(platform, server.driver, form);
      if (refused.shows !== undefined)
        expect(refused.shows).toMatchObject({ decisions: "Budgeten godkänns", action1: "Ta fram lokalförslag", due1: "2026-10-30", action2: "Boka lokal" });
      const dueBefore = await server.driver.submitForm(cecilia, refused.form, { ...typed, owner1: ids.bo! });
      expect(dueBefore).toEqual({ due2: "The date is before the meeting." });
      const errors = await server.driver.submitForm(cecilia, refusedForm(platform, server.driver, form).form, {
        decisions: "Budgeten godkänns",
        action1: "Ta fram lokalförslag",
        owner1: ids.bo!,
        due1: "2026-10-30",
        action2: "",
        owner2: "",
        due2: "",
      });
      expect(errors).toBeUndefined();
      await inChannel("Ta fram lokalförslag – Bo Ledamot, senast 2026-10-30", mark);
      const item = await db.db.selectFrom("action_items").selectAll().executeTakeFirstOrThrow();
      expect(item).toMatchObject({ text: "Ta fram lokalförslag", owner_member_id: ids.bo, due_date: "2026-10-30", status: "open" });

      mark = snapshot();
      clock.set("2026-10-30T08:00:00Z");
      await deliverDue();
      const due = await directTo(bo, "Åtgärdspunkt att göra senast 2026-10-30", mark);
      await server.driver.click(bo, due, "Klar");
      await after(mark, (i) => i.text.includes("markerad som klar"));
      expect((await db.db.selectFrom("action_items").select("status").executeTakeFirstOrThrow()).status).toBe("done");
    });
  });
}
