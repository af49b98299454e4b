/**
 * The reports story every platform must pass, against the REAL server over HTTP (one file per platform):
 * a coordinator is prompted, answers, gives an invalid number and is re-asked, pauses, the server is restarted,
 * resumes, edits an earlier answer and submits; reminders then reach only the organisation that has not
 * submitted, an overdue report escalates, and the one-view form stores the same report as the conversation.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import { createTestCoreDeps } from "../../helpers/core-deps.ts";
import type { Platform } from "../../../src/chat/chat-port.ts";
import { findPendingReminders } from "../../../src/reminders/reminder.repository.ts";
import { createReportsFeature } from "../../../src/reports/index.ts";
import { createManualClock, type ManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import type { PlatformDriver, SentItem, TestUser } from "../../helpers/platform-driver.ts";
import { keyOf, sentMarks, unsentCount } from "../../helpers/sent-marks.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { seedReportingPartnership } from "../../integration/reports/reports-seed.ts";

/** A running server and the driver that plays its platform. */
export interface RunningServer {
  driver: PlatformDriver;
  /** The bytes of a file the bot sent (Slack: uploaded to the fake; Teams: behind the card's download link). */
  fileBytes(item: SentItem): Promise<Buffer>;
  close(): Promise<void>;
}

/** How one platform starts the real server on a database, with a clock, and who the people are on it. */
export interface ReportsPlatform {
  platform: Platform;
  users: { anna: TestUser; bertil: TestUser; cecilia: TestUser; david: TestUser };
  /** The platform user id stored as the member's identity (the AAD object id in Teams). */
  identity(user: TestUser): string;
  start(databaseUrl: string, clock: ManualClock): Promise<RunningServer>;
  /** What must happen before the bot can write to people first (Teams: each installs the app in their personal chat). */
  prepare?(driver: PlatformDriver, users: TestUser[]): Promise<void>;
}

// With no cold nights or incidents recorded, the prefilled figures are 0 (questions 7 and 9–11, passed over by name)
// and the incident follow-up is not asked.
const ANSWERS = ["120", "40", "70", "10", "950", "hoppa över", "15", "35,5", "Lugn höst."];
const FORM_VALUES = {
  unique_visitors: "120",
  visitors_women: "40",
  visitors_men: "70",
  visitors_other: "10",
  nights_provided: "950",
  occupancy_percent: "",
  turned_away: "0",
  referrals: "15",
  cold_nights: "0",
  extra_places_used: "0",
  incidents: "0",
  volunteer_hours: "35.5",
  observations: "Lugn höst.",
};

export function describeReportsStory(name: string, platform: ReportsPlatform): void {
  describe(`reports end to end on ${name}`, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let jobs: JobRuntime;
    const clock = createManualClock("2026-12-17T07:00:00Z");
    const { anna, bertil, cecilia } = platform.users;

    // The daily tick as the server's cron would run it (it only writes rows; the server's workers act on them), and
    // the queue delivering what is due by the clock.
    const tick = async () => {
      const deps = createTestCoreDeps({ db: db.db, clock, reminderQueue: jobs.reminderQueue, outboxQueue: jobs.outboxQueue, platforms: () => new Set() });
      await createReportsFeature(deps).recurring![0]!.run(clock.now());
    };
    const deliverDue = async () => {
      for (const job of await findPendingReminders(db.db, clock.now(), 100)) {
        await jobs.reminderQueue.remove(job.reminderId, job.dueAt);
        await jobs.reminderQueue.enqueue(job.reminderId, job.dueAt);
      }
    };
    // What was sent before a step, so a wait looks only at what the step caused (drivers may not append in order).
    const { snapshot, since: sentSince } = sentMarks(() => server.driver);
    /** Waits for an item sent to `user` that contains `text` and was not there `before`. */
    const next = async (user: TestUser, text: string, before: Set<string> = new Set()): Promise<SentItem> => {
      const matches = (item: SentItem) => isFor(user, item) && item.text.includes(text) && !before.has(keyOf(item));
      return server.driver.waitFor(matches, 10_000);
    };
    // Slack DMs are known by their channel (D + the user id without U), Teams personal chats by their user.
    const isFor = (user: TestUser, item: SentItem) =>
      item.userId === user.userId || (item.userId === undefined && platform.platform === "slack" && item.conversation === `D${user.userId.replace(/^U/, "")}`);
    const answer = async (user: TestUser, text: string, expected: string): Promise<SentItem> => {
      const mark = snapshot();
      await server.driver.message(user, text);
      return next(user, expected, mark);
    };
    const unsent = () => unsentCount(db.db);
    const versions = (organisation: string) =>
      db.db
        .selectFrom("report_versions as v")
        .innerJoin("reports as r", "r.id", "v.report_id")
        .innerJoin("organisations as o", "o.id", "r.organisation_id")
        .selectAll("v")
        .where("o.key", "=", organisation)
        .orderBy("v.version")
        .execute();

    beforeAll(async () => {
      db = await createTestDatabase();
      db.pool.on("error", () => undefined);
      const ids = (u: TestUser) => ({ [platform.platform]: platform.identity(u) });
      await seedReportingPartnership(db.db, { anna: ids(anna), bertil: ids(bertil), cecilia: ids(cecilia), david: ids(platform.users.david) });
      server = await platform.start(db.url, clock);
      jobs = createJobRuntime({ postgres: { connectionString: db.url }, clock, logger: silentLogger });
    });
    afterAll(async () => {
      await jobs?.close();
      await server?.close();
      await db?.drop();
    });

    it("prompts, re-asks an invalid number, resumes after a restart, takes an edit and stores the submission", async () => {
      await platform.prepare?.(server.driver, Object.values(platform.users));
      await tick();
      await next(anna, "Fråga 1 av 13: Hur många unika besökare hade ni under perioden?");
      await next(bertil, "Uppföljning 2026H2 för Frälsningsarmén är öppen");
      for (const [i, text] of ANSWERS.slice(0, 3).entries()) await answer(anna, text, `Fråga ${i + 2} av 13`);
      await answer(anna, "elva", "det måste vara ett heltal, t.ex. 12.");
      await answer(anna, "10", "Fråga 5 av 13");
      await answer(anna, "paus", "Pausat. Allt du svarat är sparat.");

      await server.close();
      clock.set("2026-12-21T13:30:00Z");
      server = await platform.start(db.url, clock);
      // A new fake platform came up with the server: let it introduce itself (Teams' service URL) again.
      await platform.prepare?.(server.driver, Object.values(platform.users));
      await answer(anna, "fortsätt", "Fråga 5 av 13: Hur många övernattningar gav ni totalt?");
      await answer(anna, ANSWERS[4]!, "Fråga 6 av 13");
      await answer(anna, ANSWERS[5]!, "Fråga 7 är ifylld från larmen");
      await answer(anna, ANSWERS[6]!, "Fråga 9–11 är ifyllda från larmen");
      await answer(anna, ANSWERS[7]!, "Fråga 13 av 13");
      await answer(anna, ANSWERS.at(-1)!, "Sammanfattning: Uppföljning 2026H2 – Convictus");
      await answer(anna, "ändra 5", "Nuvarande svar: 950.");
      const summary = await answer(anna, "900", "Sammanfattning");
      expect(summary.text).toMatch(/Övernattningar\W+900/);
      const mark = snapshot();
      await server.driver.click(anna, summary, "Skicka in");
      await next(anna, "Tack! Uppföljning 2026H2 för Convictus är inskickad (version 1).", mark);
      const [v1] = await versions("convictus");
      expect(v1).toMatchObject({ version: 1, via: "chat" });
      expect(v1!.answers).toMatchObject({ unique_visitors: 120, visitors_other: 10, nights_provided: 900, occupancy_percent: null, volunteer_hours: 35.5 });
    });

    it("reminds only the organisation that has not submitted, and escalates it when overdue", async () => {
      const mark = snapshot();
      clock.set("2027-01-23T08:00:00Z");
      await tick();
      await deliverDue();
      await next(bertil, "Påminnelse: Uppföljning 2026H2 för Frälsningsarmén ska lämnas in senast 2027-01-30 (om 7 dagar).", mark);
      clock.set("2027-02-01T08:00:00Z");
      await deliverDue();
      await next(cecilia, "Frälsningsarmén har inte lämnat in Uppföljning 2026H2.", mark);
      await next(bertil, "är försenad", mark);
      // Nothing for Anna, counted once every recorded message is out (sending is asynchronous).
      await expect.poll(unsent, { timeout: 10_000 }).toBe(0);
      expect(sentSince(mark).filter((i) => isFor(anna, i))).toEqual([]);
    });

    it("stores the same report from the one-view form as from the conversation", async () => {
      const mark = snapshot();
      await server.driver.command(bertil, "rapport formulär");
      const form = await server.driver.waitFor((i) => i.kind === "form" && !mark.has(keyOf(i)), 10_000);
      expect(form.fields).toContain("visitors_women");
      const errors = await server.driver.submitForm(bertil, form, { ...FORM_VALUES, visitors_other: "11" });
      expect(errors?.unique_visitors).toContain("blir 121, men Unika besökare är 120");
      expect(await server.driver.submitForm(bertil, form, { ...FORM_VALUES, nights_provided: "900" })).toBeUndefined();
      const [fromForm] = await versions("fralsningsarmen");
      const [fromChat] = await versions("convictus");
      expect(fromForm!.via).toBe("form");
      expect(fromForm!.answers).toEqual(fromChat!.answers);
    });

    it("sends an admin the compilation as an xlsx file that reads back figure by figure", async () => {
      const mark = snapshot();
      await server.driver.message(cecilia, "rapport sammanställ 2026H2");
      await next(cecilia, "Sammanställning av Uppföljning 2026H2: 2 av 2 organisationer har lämnat in.", mark);
      const file = await server.driver.waitFor((i) => i.kind === "file" && !mark.has(keyOf(i)), 10_000);
      const workbook = new ExcelJS.Workbook();
      const bytes = await server.fileBytes(file);
      await workbook.xlsx.load(new Uint8Array(bytes).buffer);
      const rows = new Map<string, unknown[]>();
      workbook.getWorksheet("Sammanställning")!.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1);
        rows.set(String(values[0]), values.slice(1));
      });
      expect(rows.get("Uppgift")).toEqual(["Convictus", "Frälsningsarmén", "Totalt"]);
      expect(rows.get("Unika besökare")).toEqual([120, 120, 240]);
      expect(rows.get("Kvinnor")).toEqual([40, 40, 80]);
      expect(rows.get("Övernattningar")).toEqual([900, 900, 1800]);
      expect(rows.get("Volontärtimmar")).toEqual([35.5, 35.5, 71]);
    });

    it("opens a report the administration requests, and runs its reminders and escalation for those who have not submitted", async () => {
      clock.set("2027-05-10T08:00:00Z");
      let mark = snapshot();
      await server.driver.message(cecilia, "begär rapport månadsrapport 2027-04 senast 2027-05-20 fralsningsarmen");
      await next(cecilia, "Begäran skickad: Månadsrapport 2027-04 till Frälsningsarmén, sista dag 2027-05-20.", mark);
      await deliverDue();
      await next(bertil, "Månadsrapport 2027-04 för Frälsningsarmén är öppen (5 frågor). Sista dag att lämna in: 2027-05-20.", mark);
      await next(bertil, "Fråga 1 av 5: Hur många övernattningar gav ni?", mark);

      mark = snapshot();
      clock.set("2027-05-13T07:00:00Z");
      await deliverDue();
      await next(bertil, "Påminnelse: Månadsrapport 2027-04 för Frälsningsarmén ska lämnas in senast 2027-05-20 (om 7 dagar).", mark);
      clock.set("2027-05-22T07:00:00Z");
      await deliverDue();
      // Overdue: the one who asked hears it; Convictus was not asked and hears nothing.
      await next(cecilia, "Frälsningsarmén har inte lämnat in Månadsrapport 2027-04.", mark);
      await expect.poll(unsent, { timeout: 10_000 }).toBe(0);
      expect(sentSince(mark).filter((i) => isFor(anna, i))).toEqual([]);
    });

    it("lets a coordinator start the next report on a day when none is open; it is submitted when it opens", async () => {
      let mark = snapshot();
      await server.driver.message(anna, "rapport");
      const none = await next(anna, "Din organisation har inga öppna rapporter just nu. Nästa är Uppföljning 2027H1: den öppnar 2027-06-16 kl. 08.00", mark);
      expect(none.text).toContain("ska vara inne senast 2027-07-30");
      mark = snapshot();
      await server.driver.click(anna, none, "Börja nu");
      const opening = await next(anna, "Uppföljning 2027H1 för Convictus. Sista dag: 2027-07-30. 13 frågor, en i taget.", mark);
      expect(opening.text).toContain("Rapporten öppnar 2027-06-16 kl. 08.00.");
      expect(opening.text).toContain("Fråga 1 av 13");
      for (const text of ANSWERS.slice(0, -1)) await answer(anna, text, "Fråga");
      const summary = await answer(anna, ANSWERS.at(-1)!, "Sammanfattning: Uppföljning 2027H1 – Convictus");
      mark = snapshot();
      await server.driver.click(anna, summary, "Skicka in");
      await next(anna, "Den skickas in när rapporten öppnar 2027-06-16 kl. 08.00.", mark);
      const early = () =>
        db.db
          .selectFrom("report_versions as v")
          .innerJoin("reports as r", "r.id", "v.report_id")
          .select("v.version")
          .where("r.period", "=", "2027H1")
          .execute();
      expect(await early()).toEqual([]);

      // Back in to look, then cancel: the saved answers stay and still go in when the report opens; it says so.
      mark = snapshot();
      await server.driver.message(anna, "rapport");
      await next(anna, "Sammanfattning: Uppföljning 2027H1 – Convictus", mark);
      mark = snapshot();
      await server.driver.message(anna, "avbryt");
      const cancelled = await next(anna, "Avbrutet. Det du ändrat nu sparas inte, men Uppföljning 2027H1 för Convictus som du sparade", mark);
      expect(cancelled.text).toContain("ligger kvar och skickas in när rapporten öppnar 2027-06-16 kl. 08.00. Skriv rapport om du vill ändra den före dess.");
      expect(cancelled.text).not.toContain("Inget skickades in");

      mark = snapshot();
      clock.set("2027-06-16T06:00:00Z"); // 08.00 in Stockholm
      await deliverDue();
      await next(anna, "Uppföljning 2027H1 för Convictus har öppnat, och det du fyllde i i förväg är nu inskickat (version 1).", mark);
      expect(await early()).toEqual([{ version: 1 }]);
      // The old summary's button now says which version stands, rather than that the report is gone.
      mark = snapshot();
      await server.driver.click(anna, summary, "Skicka in");
      await next(anna, "Det som gäller är version 1 av Uppföljning 2027H1 för Convictus", mark);
    });
  });
}
