/**
 * A member's language, on every platform against the REAL server over HTTP (one file per platform): `språk` shows
 * the current language, `språk en` switches that member's replies to English, and a reminder the bot sends later on
 * its own (the meeting invitation, the day-before reminder) reaches them in English while the others read Swedish.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import type { Meeting } from "../../../src/meetings/meeting.repository.ts";
import { listGroups } from "../../../src/meetings/meeting-group.repository.ts";
import { planGroupMeetings } from "../../../src/meetings/plan-meetings.ts";
import { findPendingReminders } from "../../../src/reminders/reminder.repository.ts";
import { createReminders } from "../../../src/reminders/index.ts";
import { createManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import type { SentItem, TestUser } from "../../helpers/platform-driver.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { seedStyrgrupp } from "../../integration/meetings/meeting-seed.ts";
import type { MeetingsPlatform, RunningServer } from "../meetings/meetings-scenario.ts";

export function describeLanguageStory(name: string, platform: MeetingsPlatform): void {
  describe(`a member's own language on ${name}`, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let jobs: JobRuntime;
    let meeting: Meeting;
    const clock = createManualClock("2026-09-20T07:00:00Z");
    const { anna, bo } = platform.users;

    const at = async (suffix: string) => {
      const row = await db.db.selectFrom("reminders").selectAll().where("key", "=", `meeting:${meeting.id}:${suffix}`).executeTakeFirstOrThrow();
      clock.set(row.due_at);
      for (const job of await findPendingReminders(db.db, clock.now(), 100)) {
        await jobs.reminderQueue.remove(job.reminderId, job.dueAt);
        await jobs.reminderQueue.enqueue(job.reminderId, job.dueAt);
      }
    };
    const keyOf = (i: SentItem) => `${i.kind}|${i.conversation}|${i.messageId ?? ""}|${i.text}`;
    const snapshot = () => new Set(server.driver.sent().map(keyOf));
    const directTo = async (user: TestUser, text: string, mark: Set<string>, kind?: SentItem["kind"]): Promise<SentItem> => {
      const matches = (i: SentItem) => !mark.has(keyOf(i)) && platform.isDirectTo(i, user) && i.text.includes(text) && (kind === undefined || i.kind === kind);
      // Generous: on a loaded machine a reminder's several outbox rows (message, calendar file) take a while.
      await server.driver.waitFor(() => server.driver.sent().some(matches), 30_000);
      return server.driver.sent().find(matches)!;
    };

    beforeAll(async () => {
      db = await createTestDatabase();
      db.pool.on("error", () => undefined);
      await seedStyrgrupp(
        db.db,
        platform.platform,
        { anna: platform.identity(anna), bo: platform.identity(bo), cecilia: platform.identity(platform.users.cecilia) },
        platform.channel,
      );
      server = await platform.start(db.url, clock);
      jobs = createJobRuntime({ postgres: { connectionString: db.url }, clock, logger: silentLogger });
      const reminders = createReminders({ db: db.db, queue: jobs.reminderQueue, clock, logger: silentLogger });
      const [group] = await listGroups(db.db, "eu-sthlm");
      meeting = (await planGroupMeetings(db.db, group!, { from: "2026-10-01", until: "2027-03-31" }, clock.now(), { reminders })).meetings[0]!;
    });
    afterAll(async () => {
      await jobs?.close();
      await server?.close();
      await db?.drop();
    });

    it("shows the current language with a button for each, and `språk en` switches the member's replies to English", async () => {
      let mark = snapshot();
      await server.driver.message(bo, "språk");
      const current = await directTo(bo, "Jag skriver till dig på", mark);
      expect(current.buttons.map((b) => b.label)).toEqual(["Svenska", "English"]);

      mark = snapshot();
      await server.driver.message(bo, "språk en");
      await directTo(bo, "Done: I will write to you in English", mark);
      mark = snapshot();
      await server.driver.message(bo, "hjälp");
      const help = await directTo(bo, "Samverka – what I can do", mark);
      expect(help.text).not.toContain("det här kan jag");
      mark = snapshot();
      await server.driver.message(bo, "möten");
      await directTo(bo, "Upcoming meetings", mark);

      // Only Bo chose English: Anna still reads Swedish.
      mark = snapshot();
      await server.driver.message(anna, "möten");
      await directTo(anna, "Kommande möten", mark);
    }, 60_000);

    it("sends a later reminder in English to the member who chose it, and in Swedish to the others", async () => {
      let mark = snapshot();
      await at("invite");
      const invitation = await directTo(bo, "Invitation: Styrgruppen", mark);
      expect(invitation.buttons.map((b) => b.label)).toEqual(expect.arrayContaining(["Attending", "Not attending"]));
      const annas = await directTo(anna, "Kallelse: Styrgruppen", mark);
      expect(annas.buttons.map((b) => b.label)).toContain("Kommer");
      if (platform.platform === "teams") {
        // The calendar file's card is the adapter's own: its words follow each reader too.
        expect(JSON.stringify((await directTo(bo, "The link works for", mark, "file")).raw)).toContain('"title":"Download"');
        expect(JSON.stringify((await directTo(anna, "Länken fungerar", mark, "file")).raw)).toContain('"title":"Ladda ner"');
      }

      mark = snapshot();
      await at("day-before");
      await directTo(bo, "Reminder: tomorrow Styrgruppen", mark);
      await directTo(anna, "Påminnelse: i morgon Styrgruppen", mark);
    }, 120_000);

    it("switches back with the button, in place", async () => {
      let mark = snapshot();
      await server.driver.message(bo, "language");
      const current = await directTo(bo, "I write to you in", mark);
      mark = snapshot();
      await server.driver.click(bo, current, "Svenska");
      await server.driver.waitFor((i) => !mark.has(keyOf(i)) && i.kind === "update" && i.text.includes("jag skriver till dig på svenska"), 30_000);
      mark = snapshot();
      await server.driver.message(bo, "möten");
      await directTo(bo, "Kommande möten", mark);
    }, 60_000);
  });
}
