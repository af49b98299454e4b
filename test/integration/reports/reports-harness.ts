import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import type { Feature } from "../../../src/app/feature.ts";
import type { Transact } from "../../../src/app/unit-of-work.ts";
import type { Platform } from "../../../src/chat/chat-port.ts";
import type { Db } from "../../../src/db/database.ts";
import type { FormResult, InboundEvent, ReplyPort } from "../../../src/chat/inbound.ts";
import type { FormView } from "../../../src/chat/message.ts";
import { createChatRouter } from "../../../src/chat/router.ts";
import { findPendingReminders } from "../../../src/reminders/reminder.repository.ts";
import { createReminderProcessor, type Reminders } from "../../../src/reminders/index.ts";
import { createReportsFeature, type AgendaPort, type ReportPrefillSources } from "../../../src/reports/index.ts";
import { createManualClock, type ManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createRecordingChat, type RecordingChat } from "../../helpers/recording-chat.ts";
import { createTestCoreDeps } from "../../helpers/core-deps.ts";
import { createOutboxRunner, type OutboxRunner } from "../../helpers/inline-outbox.ts";
import { seedReportingPartnership } from "./reports-seed.ts";
import { createTestDatabase, uniqueName, type TestDatabase } from "../../helpers/test-database.ts";

/** What the test partnership's cold-night and incident records would say for every organisation. */
export const KNOWN_FIGURES: ReportPrefillSources = {
  coldNightFigures: async () => ({ coldNights: 4, extraPlacesUsed: 60, turnedAway: 12 }),
  incidentFigures: async () => ({ incidents: 2 }),
};

/** Convictus's answers to the 2026H2 follow-up, as stored: the figures of 7 and 9–11 are KNOWN_FIGURES'. */
export const CONVICTUS_ANSWERS = {
  unique_visitors: 120,
  visitors_women: 40,
  visitors_men: 70,
  visitors_other: 10,
  nights_provided: 950,
  occupancy_percent: null,
  turned_away: 12,
  referrals: 15,
  cold_nights: 4,
  extra_places_used: 60,
  incidents: 2,
  incidents_followed_up: true,
  volunteer_hours: 35.5,
  observations: "Lugn höst, fler kvinnor än förra året.",
};

/** Stored answers as a filled one-view form sends them: figures as typed, yes or no, an unanswered field empty. */
export function formValuesOf(answers: Record<string, number | boolean | string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(answers).map(([id, v]) => [id, v === null ? "" : typeof v === "boolean" ? (v ? "yes" : "no") : String(v)]));
}

/**
 * A partnership with two reporting organisations on Slack and Teams, real reminders, the unit of work and outbox
 * delivery, and a manual clock. What a step records is delivered right after it, as the outbox worker would.
 */
export interface ReportsHarness {
  db: TestDatabase;
  clock: ManualClock;
  chats: Map<Platform, RecordingChat>;
  reminders: Reminders;
  transact: Transact;
  outbox: OutboxRunner;
  members: Record<string, string>;
  organisations: Record<string, string>;
  /** Builds the bot from scratch on the same database: what a process restart leaves. `send` delivers what it recorded. */
  boot(): { feature: Feature; send(event: InboundEvent): Promise<{ result: FormResult | void; forms: FormView[] }> };
  /** Runs every reminder that is due by the clock, as the queue's worker would at that time, then delivers what they recorded. */
  runDue(): Promise<number>;
  close(): Promise<void>;
}

/** What the harness starts from: the seeded partnership `eu` unless `seed` brings another, and the clock's start. */
export interface HarnessOptions {
  agenda?: AgendaPort;
  start?: string;
  seed?: (db: Db) => Promise<{ members: Record<string, string>; organisations: Record<string, string> }>;
}

export async function createReportsHarness(options: HarnessOptions = {}): Promise<ReportsHarness> {
  const db = await createTestDatabase();
  db.pool.on("error", () => undefined);
  const clock = createManualClock(options.start ?? "2026-12-17T05:15:00Z");
  const chats = new Map<Platform, RecordingChat>([
    ["slack", createRecordingChat("slack")],
    ["teams", createRecordingChat("teams")],
  ]);
  const prefix = uniqueName("reports");
  // The queue lives in the test database (BullMQ's PostgreSQL backend), so it goes when the database is dropped.
  const runtime: JobRuntime = createJobRuntime({ postgres: { connectionString: db.url }, prefix, clock, logger: silentLogger });
  // The harness delivers the outbox itself (below).
  const core = createTestCoreDeps({ db: db.db, clock, reminderQueue: runtime.reminderQueue, platforms: () => new Set(chats.keys()) });
  const outbox = createOutboxRunner({ db: db.db, chats, renderers: [], clock });

  const seed =
    options.seed ??
    ((d: Db) =>
      seedReportingPartnership(d, {
        anna: { slack: "UANNA" },
        bertil: { teams: "29:bertil" },
        cecilia: { slack: "UCECILIA", teams: "29:cecilia" },
        david: { slack: "UDAVID" },
      }));
  const { members, organisations } = await seed(db.db);

  const boot: ReportsHarness["boot"] = () => {
    const feature = createReportsFeature({
      ...core,
      prefill: KNOWN_FIGURES,
      ...(options.agenda === undefined ? {} : { agenda: options.agenda }),
    });
    const router = createChatRouter({ db: db.db, chats: chats, features: [feature], logger: silentLogger, defaultLocale: "sv" });
    return {
      feature,
      async send(event) {
        const forms: FormView[] = [];
        const chat = chats.get(event.type === "installed" ? "slack" : event.user.platform)!;
        const userId = event.type === "installed" ? "" : event.user.userId;
        // Every answer in these tests is in the person's direct chat with the bot.
        const port: ReplyPort = {
          direct: true,
          post: (message) => chat.sendDirect(userId, message),
          showPrivately: undefined,
          sendDirect: (message) => chat.sendDirect(userId, message),
          updateSource: async (message) => void (await chat.sendDirect(userId, message)),
          openForm: async (form) => void forms.push(form),
        };
        const result = await router.handle(event, port);
        await outbox.deliver();
        return { result, forms };
      },
    };
  };

  return {
    db,
    clock,
    chats,
    reminders: core.reminders,
    transact: core.transact,
    outbox,
    members,
    organisations,
    boot,
    async runDue() {
      const process = createReminderProcessor({ db: db.db, handlers: boot().feature.reminders ?? [], clock, logger: silentLogger });
      const due = await findPendingReminders(db.db, clock.now(), 100);
      // A failing reminder is put back for a retry (or given up) by the processor; the queue would retry it later.
      for (const job of due) await process(job).catch(() => undefined);
      await outbox.deliver();
      return due.length;
    },
    async close() {
      await runtime.close();
      await db.drop();
    },
  };
}
