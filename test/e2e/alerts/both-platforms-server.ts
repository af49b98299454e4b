/**
 * The REAL server with Slack and Teams serving one partnership at once, for the alerts end-to-end tests; what the
 * partnership is (seeded rows, or an example file imported) is the caller's. A manual clock drives the server;
 * `deliverDue` hands every reminder due by it to the server's own queue, as BullMQ does when a delayed job's time
 * comes.
 */
import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import { createAlertsFeature, type ForecastSource } from "../../../src/alerts/index.ts";
import type { Feature } from "../../../src/app/feature.ts";
import type { Platform } from "../../../src/chat/chat-port.ts";
import type { Db } from "../../../src/db/database.ts";
import { findPendingReminders } from "../../../src/reminders/reminder.repository.ts";
import { createUnitOfWork, type UnitOfWork } from "../../../src/app/unit-of-work.ts";
import { createManualClock, type ManualClock } from "../../../src/shared/clock.ts";
import { silentLogger, type Logger } from "../../../src/shared/logger.ts";
import type { PlatformDriver, SentItem, TestUser } from "../../helpers/platform-driver.ts";
import type { SlackDriver } from "../../helpers/slack-driver.ts";
import type { SlackFakeApi } from "../../helpers/slack-fake-api.ts";
import { startSlackServer, type SlackServer } from "../../helpers/slack-server.ts";
import { createTeamsDriver, type TeamsDriver } from "../../helpers/teams-driver.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

/** A person the tests act as, on the platform they use. */
export interface PlatformPerson {
  platform: Platform;
  user: TestUser;
}

/** The running world and what the tests do with it; `P` names its people. */
export interface BothPlatformsServer<P extends string> {
  db: Db;
  clock: ManualClock;
  /** The server's base URL (/metrics, /readyz …). */
  url: string;
  slack: SlackDriver;
  teams: TeamsDriver;
  /** The fake Slack Web API, to program a refusal. */
  slackFake: SlackFakeApi;
  driverOf(person: P): PlatformDriver;
  userOf(person: P): TestUser;
  deliverDue(): Promise<void>;
  /** Rows and jobs on the server's queues, for running a recurring task's tick from the test as its cron would. */
  work: UnitOfWork;
  /** Forgets what both platforms were sent, so each phase looks only at what it caused. */
  forget(): void;
  /** Waits for something `driver` was sent that `matches`. */
  sentAfter(driver: PlatformDriver, matches: (item: SentItem) => boolean): Promise<SentItem>;
  /** Waits for a direct message to `person` containing `text`. */
  nextDirect(person: P, text: string): Promise<SentItem>;
  isDirectTo(person: P, item: SentItem): boolean;
  /** Waits for the alerts channel on `platform` to get a post or an update containing `text`. */
  card(platform: Platform, text: string): Promise<SentItem>;
  close(): Promise<void>;
}

/** What the world serves: its partnership, its people and alerts channels, and where it starts. */
export interface BothPlatformsOptions<P extends string> {
  /** The clock's start. */
  start: string;
  /** Writes the partnership into the fresh (migrated) database. */
  seed(db: Db, clock: ManualClock): Promise<unknown>;
  people: Record<P, PlatformPerson>;
  alertsChannels: Record<Platform, string>;
  /** The server's logger (silent unless a test reads its logs). */
  logger?: Logger;
  /** Which of several matching items a wait returns: the first (by default), or the newest (a test following one message's updates). */
  newest?: boolean;
}

export async function startBothPlatformsServer<P extends string>(options: BothPlatformsOptions<P>): Promise<BothPlatformsServer<P>> {
  const { people, alertsChannels } = options;
  const t: TestDatabase = await createTestDatabase();
  t.pool.on("error", () => undefined);
  const clock = createManualClock(options.start);
  await options.seed(t.db, clock);
  const slack: SlackServer = await startSlackServer({ databaseUrl: t.url, clock, ...(options.logger === undefined ? {} : { logger: options.logger }) });
  const teams: TeamsDriver = await createTeamsDriver({ serverUrl: slack.app.url! });
  // Teams only lets a bot write where it was installed: the alerts channel and each Teams user's personal chat.
  await teams.install({ conversation: alertsChannels.teams });
  for (const p of Object.values<PlatformPerson>(people)) if (p.platform === "teams") await teams.install({ user: p.user });
  const jobs: JobRuntime = createJobRuntime({ postgres: { connectionString: t.url }, clock, logger: silentLogger });

  const driverOf = (person: P): PlatformDriver => (people[person].platform === "slack" ? slack.driver : teams);
  // Slack DMs are known by their channel (D + the user id without U), Teams personal chats by their user.
  const isDirectTo = (person: P, item: SentItem): boolean => {
    const { platform, user } = people[person];
    if (platform === "slack") return item.conversation === slack.driver.dmChannel(user) || item.userId === user.userId;
    return item.conversation === teams.personalChat(user) || (item.userId !== undefined && [user.userId, user.aadObjectId].includes(item.userId));
  };
  const sentAfter = async (driver: PlatformDriver, matches: (item: SentItem) => boolean): Promise<SentItem> => {
    await driver.waitFor(() => driver.sent().some(matches), 10_000);
    return (options.newest === true ? driver.sent().findLast(matches) : driver.sent().find(matches))!;
  };
  return {
    db: t.db,
    clock,
    url: slack.app.url!,
    slack: slack.driver,
    teams,
    slackFake: slack.fake,
    driverOf,
    userOf: (person) => people[person].user,
    work: createUnitOfWork({
      db: t.db,
      clock,
      logger: silentLogger,
      reminderQueue: jobs.reminderQueue,
      outboxQueue: jobs.outboxQueue,
      platforms: () => new Set<Platform>(["slack", "teams"]),
    }),
    async deliverDue() {
      // A step still running queues its successor's job when it finishes, with a delay by the clock it read; wait
      // for it, or that job could land after this hand-over and keep its (real-time) delay.
      for (let i = 0; i < 250; i++) {
        const running = await t.db.selectFrom("reminders").where("status", "=", "processing").select("id").executeTakeFirst();
        if (running === undefined) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const job of await findPendingReminders(t.db, clock.now(), 100)) {
        await jobs.reminderQueue.remove(job.reminderId, job.dueAt);
        await jobs.reminderQueue.enqueue(job.reminderId, job.dueAt);
      }
    },
    forget() {
      slack.driver.clear();
      teams.clear();
    },
    sentAfter,
    isDirectTo,
    nextDirect: (person, text) => sentAfter(driverOf(person), (item) => isDirectTo(person, item) && item.text.includes(text)),
    card: (platform, text) => {
      const [driver, channel] = platform === "slack" ? [slack.driver, alertsChannels.slack] : [teams, alertsChannels.teams];
      return sentAfter(driver, (item) => item.conversation === channel && (item.kind === "post" || item.kind === "update") && item.text.includes(text));
    },
    async close() {
      await jobs.close();
      await teams.close();
      await slack.close();
      await t.drop();
    },
  };
}

/**
 * The alerts feature on the world's database and queues, for running a recurring task's tick from the test as its
 * cron would; without a forecast source, asking for one fails (the tick under test does not).
 */
export function alertsFeatureOf(w: BothPlatformsServer<string>, forecast?: ForecastSource): Feature {
  return createAlertsFeature({
    db: w.db,
    clock: w.clock,
    ...w.work,
    logger: silentLogger,
    // A tick comes from no conversation, so no channel is ever looked up.
    channelIdOf: () => undefined,
    forecast: forecast ?? { pointForecast: () => Promise.reject(new Error("no forecast in this test")) },
  });
}
