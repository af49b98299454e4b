/**
 * The REAL server with Slack and Teams serving the Stockholm example partnership exactly as
 * examples/stockholm-eu-medborgare.yaml describes it (its people, chat ids, channels and shelters), for end-to-end
 * tests of what a newcomer would see. A manual clock drives it, as in alerts-server.ts.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import type { Platform } from "../../../src/chat/chat-port.ts";
import type { Db } from "../../../src/db/database.ts";
import { importPartnership, parsePartnershipFile } from "../../../src/partnerships/index.ts";
import { createUnitOfWork, type UnitOfWork } from "../../../src/app/unit-of-work.ts";
import { findPendingReminders } from "../../../src/reminders/reminder.repository.ts";
import { createManualClock, type ManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import type { PlatformDriver, SentItem, TestUser } from "../../helpers/platform-driver.ts";
import { startSlackServer, type SlackServer } from "../../helpers/slack-server.ts";
import { createTeamsDriver, type TeamsDriver } from "../../helpers/teams-driver.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

const EXAMPLE = path.resolve(import.meta.dirname, "../../../examples/stockholm-eu-medborgare.yaml");
export const EXAMPLE_SLACK_ALERTS = "C0FAKEALERTS";
export const EXAMPLE_TEAMS_ALERTS = "19:fake-samverkansgrupp@thread.tacv2";

/** Members of the example the tests act as, with their primary chat identity from the file. */
export const EXAMPLE_PEOPLE = {
  samordning: { platform: "slack", user: { userId: "U0FAKESAMORD" } },
  convictusNatt: { platform: "slack", user: { userId: "U0FAKECONVNATT" } },
  fralsningsarmenNatt: { platform: "teams", user: { userId: "29:fake-fralsningsarmen-natt", name: "Natt Frälsningsarmén" } },
  stadsmissionenNatt: { platform: "teams", user: { userId: "29:fake-stadsmissionen-natt", name: "Natt Stadsmissionen" } },
  socialjouren: { platform: "teams", user: { userId: "29:fake-socialjouren", name: "Socialjouren" } },
  euTeametChef: { platform: "teams", user: { userId: "29:fake-eu-teamet-chef", name: "Karin Lindqvist" } },
} as const satisfies Record<string, { platform: Platform; user: TestUser }>;
export type ExamplePerson = keyof typeof EXAMPLE_PEOPLE;

export interface ExampleServer {
  db: Db;
  clock: ManualClock;
  slack: PlatformDriver & { dmChannel(user: TestUser): string };
  teams: TeamsDriver;
  work: UnitOfWork;
  driverOf(person: ExamplePerson): PlatformDriver;
  userOf(person: ExamplePerson): TestUser;
  /** Waits for a message to `person` (a new one or an update of one) containing `text`. */
  nextDirect(person: ExamplePerson, text: string): Promise<SentItem>;
  /** Waits for the alerts channel on `platform` to get a post or an update containing `text`. */
  card(platform: Platform, text: string): Promise<SentItem>;
  /** The latest version of a message the bot sent: its last in-place update, or the message itself. */
  latest(driver: PlatformDriver, first: SentItem): SentItem;
  deliverDue(): Promise<void>;
  close(): Promise<void>;
}

export async function startExampleServer(start: string): Promise<ExampleServer> {
  const t: TestDatabase = await createTestDatabase();
  t.pool.on("error", () => undefined);
  const clock = createManualClock(start);
  await importPartnership(t.db, parsePartnershipFile(await readFile(EXAMPLE, "utf8"), EXAMPLE), { clock });
  const slack: SlackServer = await startSlackServer({ databaseUrl: t.url, clock });
  const teams: TeamsDriver = await createTeamsDriver({ serverUrl: slack.app.url! });
  await teams.install({ conversation: EXAMPLE_TEAMS_ALERTS });
  for (const p of Object.values(EXAMPLE_PEOPLE)) if (p.platform === "teams") await teams.install({ user: p.user });
  const jobs: JobRuntime = createJobRuntime({ postgres: { connectionString: t.url }, clock, logger: silentLogger });
  const driverOf = (person: ExamplePerson): PlatformDriver => (EXAMPLE_PEOPLE[person].platform === "slack" ? slack.driver : teams);
  const isDirectTo = (person: ExamplePerson, item: SentItem): boolean => {
    const { platform, user } = EXAMPLE_PEOPLE[person];
    if (platform === "slack") return item.conversation === slack.driver.dmChannel(user) || item.userId === user.userId;
    return item.conversation === teams.personalChat(user) || item.userId === user.userId;
  };
  const sentAfter = async (driver: PlatformDriver, matches: (item: SentItem) => boolean): Promise<SentItem> => {
    await driver.waitFor(() => driver.sent().some(matches), 10_000);
    return driver.sent().findLast(matches)!;
  };
  return {
    db: t.db,
    clock,
    slack: slack.driver,
    teams,
    work: createUnitOfWork({
      db: t.db,
      clock,
      logger: silentLogger,
      reminderQueue: jobs.reminderQueue,
      outboxQueue: jobs.outboxQueue,
      platforms: () => new Set<Platform>(["slack", "teams"]),
    }),
    driverOf,
    userOf: (person) => EXAMPLE_PEOPLE[person].user,
    nextDirect: (person, text) => sentAfter(driverOf(person), (item) => isDirectTo(person, item) && item.text.includes(text)),
    card: (platform, text) => {
      const [driver, channel] = platform === "slack" ? [slack.driver, EXAMPLE_SLACK_ALERTS] : [teams, EXAMPLE_TEAMS_ALERTS];
      return sentAfter(driver, (item) => item.conversation === channel && (item.kind === "post" || item.kind === "update") && item.text.includes(text));
    },
    latest: (driver, first) =>
      driver
        .sent()
        .filter((i) => i.conversation === first.conversation && i.messageId === first.messageId && ["post", "direct", "update"].includes(i.kind))
        .at(-1) ?? first,
    async deliverDue() {
      for (let i = 0; i < 250; i++) {
        if ((await t.db.selectFrom("reminders").where("status", "=", "processing").select("id").executeTakeFirst()) === undefined) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const job of await findPendingReminders(t.db, clock.now(), 100)) {
        await jobs.reminderQueue.remove(job.reminderId, job.dueAt);
        await jobs.reminderQueue.enqueue(job.reminderId, job.dueAt);
      }
    },
    async close() {
      await jobs.close();
      await teams.close();
      await slack.close();
      await t.drop();
    },
  };
}
