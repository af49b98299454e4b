/**
 * The REAL server with Slack and Teams serving the alerts test partnership, for the operations tests (/metrics,
 * /admin/queues, /readyz). A manual clock drives the server; `deliverDue` hands every reminder due by it to the
 * server's queue as BullMQ would when its delay runs out; `work` records rows and jobs as a use case would.
 */
import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import { createUnitOfWork, type UnitOfWork } from "../../../src/app/unit-of-work.ts";
import type { Platform } from "../../../src/chat/chat-port.ts";
import { findPendingReminders } from "../../../src/reminders/reminder.repository.ts";
import { createManualClock, type ManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import type { SentItem, TestUser } from "../../helpers/platform-driver.ts";
import { startSlackServer, type SlackServer } from "../../helpers/slack-server.ts";
import { createTeamsDriver, type TeamsDriver } from "../../helpers/teams-driver.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { seedAlertsPartnership, type Person } from "../../integration/alerts/alerts-seed.ts";

export const PARTNERSHIP = "eu-stockholm";
export const SLACK_CHANNEL = "C0OPSALERTS";
export const TEAMS_CHANNEL = "19:ops-alerts@thread.tacv2";
const slackUser = (id: string): TestUser => ({ userId: id });
const teamsUser = (id: string): TestUser => ({ userId: `29:${id}`, aadObjectId: `aad-${id}`, name: id });

/** Samordning and one shelter on Slack, the other shelters and Socialjouren on Teams. */
export const USERS: Record<Person, { platform: Platform; user: TestUser }> = {
  sara: { platform: "slack", user: slackUser("U0SARA") },
  jour: { platform: "teams", user: teamsUser("jour") },
  cConv: { platform: "slack", user: slackUser("U0CCONV") },
  cFa: { platform: "teams", user: teamsUser("cfa") },
  cNg: { platform: "slack", user: slackUser("U0CNG") },
  sConv: { platform: "slack", user: slackUser("U0SCONV") },
  sFa: { platform: "teams", user: teamsUser("sfa") },
  sNg: { platform: "teams", user: teamsUser("sng") },
  mConv: { platform: "slack", user: slackUser("U0MCONV") },
  dayStaff: { platform: "slack", user: slackUser("U0DAY") },
};

/** The running world. */
export interface OpsWorld {
  database: TestDatabase;
  clock: ManualClock;
  slack: SlackServer;
  teams: TeamsDriver;
  url: string;
  work: UnitOfWork;
  deliverDue(): Promise<void>;
  /** Waits for something sent on `platform` that `matches`. */
  sent(platform: Platform, matches: (item: SentItem) => boolean): Promise<SentItem>;
  close(): Promise<void>;
}

/** Starts the world; `env` is added to the server's environment (e.g. the admin credentials, REDIS_URL). */
export async function startOpsWorld(start: string, env: Record<string, string> = {}): Promise<OpsWorld> {
  const database = await createTestDatabase();
  database.pool.on("error", () => undefined);
  const clock = createManualClock(start);
  const identities = Object.fromEntries(
    Object.entries(USERS).map(([key, u]) => [key, { platform: u.platform, id: u.platform === "teams" ? u.user.aadObjectId! : u.user.userId }]),
  ) as Record<Person, { platform: Platform; id: string }>;
  await seedAlertsPartnership(database.db, PARTNERSHIP, identities, { slack: SLACK_CHANNEL, teams: TEAMS_CHANNEL });
  const slack = await startSlackServer({ databaseUrl: database.url, clock, env });
  const teams = await createTeamsDriver({ serverUrl: slack.app.url! });
  await teams.install({ conversation: TEAMS_CHANNEL });
  for (const u of Object.values(USERS)) if (u.platform === "teams") await teams.install({ user: u.user });
  const redisUrl = env.REDIS_URL;
  // The same queues the server uses: its backend, its default namespace.
  const jobs: JobRuntime = createJobRuntime(
    redisUrl === undefined ? { postgres: { connectionString: database.url }, clock, logger: silentLogger } : { redisUrl, clock, logger: silentLogger },
  );
  const sent = async (platform: Platform, matches: (item: SentItem) => boolean): Promise<SentItem> => {
    const driver = platform === "slack" ? slack.driver : teams;
    await driver.waitFor(() => driver.sent().some(matches), 10_000);
    return driver.sent().find(matches)!;
  };
  return {
    database,
    clock,
    slack,
    teams,
    url: slack.app.url!,
    work: createUnitOfWork({
      db: database.db,
      clock,
      logger: silentLogger,
      reminderQueue: jobs.reminderQueue,
      outboxQueue: jobs.outboxQueue,
      platforms: () => new Set<Platform>(["slack", "teams"]),
    }),
    async deliverDue() {
      for (const job of await findPendingReminders(database.db, clock.now(), 100)) {
        await jobs.reminderQueue.remove(job.reminderId, job.dueAt);
        await jobs.reminderQueue.enqueue(job.reminderId, job.dueAt);
      }
    },
    sent,
    async close() {
      await jobs.close();
      await teams.close();
      await slack.close();
      await database.drop();
    },
  };
}

/** One sample of a Prometheus text exposition: the sum of every series of `name` whose labels include `labels`. */
export function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of exposition.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const have = new Map([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m): [string, string] => [m[1]!, m[2]!]));
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) total = (total ?? 0) + Number(match[3]);
  }
  return total;
}
