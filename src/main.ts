import { sql } from "kysely";
import { mountQueueDashboard, QUEUE_DASHBOARD_PATH } from "../adapters/admin/queue-dashboard.ts";
import { createHttpServer, type ReadinessCheck } from "../adapters/http/server.ts";
import { createSamverkaMetrics, metricsHandler, startMetricsServer } from "../adapters/metrics/index.ts";
import { createLogger } from "../adapters/logging/pino-logger.ts";
import { connectDatabase, type DatabaseHandle } from "../adapters/postgres/database.ts";
import { startEmbeddedPostgres } from "../adapters/postgres/embedded.ts";
import { decideTeamsAccess, describeTeamsAccess, isLocalDataDir, markLocalDataDir } from "../adapters/teams/auth.ts";
import { playgroundUsers, startPlayground } from "../adapters/teams/playground.ts";
import { refuseTeams } from "../adapters/teams/webhook/refuse.ts";
import { forgetSlackUsers } from "../adapters/slack/forget-users.ts";
import { forgetTeamsUsers } from "../adapters/teams/forget-users.ts";
import { createSmhiClient } from "../adapters/weather/smhi-client.ts";
import { createJobRuntime, type JobRuntime } from "../jobs/job-runtime.ts";
import { createAlertsFeature } from "./alerts/index.ts";
import type { Feature } from "./app/feature.ts";
import { releaseStartupMemory } from "./app/release-startup-memory.ts";
import { seedExampleIfEmpty } from "./app/seed-example.ts";
import { createSweep, SWEEP_STALE_MS, sweepIsFresh, type Sweep } from "./app/sweep.ts";
import { createUnitOfWork } from "./app/unit-of-work.ts";
import type { ChatPort, ConversationRef, Platform } from "./chat/chat-port.ts";
import { DEFAULT_RATE_LIMIT, withRateLimit } from "./chat/rate-limit.ts";
import { countInbound } from "./chat/count-inbound.ts";
import type { LocaleOf } from "./chat/inbound.ts";
import { createLanguageFeature } from "./chat/language-command.ts";
import { localeOfUser } from "./chat/member-locale.ts";
import { createChatRouter } from "./chat/router.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { createAgendaPort, createAgendaSources, createMeetingsFeature, MEETINGS_DAILY_TASK } from "./meetings/index.ts";
import { createInbox, purgeInbox, releaseStaleInboxClaims } from "./inbox/index.ts";
import { createFailureNoticeRenderer, createOutboxDelivery, createPacer, reconcileOutbox, releaseOnInstall } from "./outbox/index.ts";
import { createReminderProcessor, reconcileReminders } from "./reminders/index.ts";
import { createPrivacyFeature } from "./privacy/index.ts";
import { createReportsFeature } from "./reports/index.ts";
import { partnershipFiles } from "./partnership-sections.ts";
import { systemClock, type Clock } from "./shared/clock.ts";
import type { Logger } from "./shared/logger.ts";
import type { Metrics } from "./shared/metrics.ts";

// The CLI (src/cli.ts) reaches adapters only through the composition root.
export { createSlackManifestCommand } from "../adapters/slack/slack.cli.ts";
/** What each chat adapter keeps about platform users, forgotten when a member is erased. */
export const platformForgetters = [forgetSlackUsers, forgetTeamsUsers];

/**
 * Sized together: a process handles 8 deliveries at once, sends up to 20 outbox rows and runs 10 reminders; each
 * holds a connection only for its short queries (never across a platform call), so 15 connections serve them all
 * and a burst waits as inbox rows, not as work in memory.
 */
const INBOX_CONCURRENCY = 8;
const DATABASE_POOL_SIZE = 15;
const SWEEP_STALE_S = SWEEP_STALE_MS / 1000;
/** A handler, a send or a reminder that has been running this long belongs to a process that died. */
const STALE_CLAIM_MS = 45_000;
/** Finished inbox rows are kept this long: Slack retries an event for about an hour, Teams redelivers within minutes. */
const INBOX_MEMORY_MS = 2 * 24 * 60 * 60_000;

/** The sweep every worker runs on its own timer: schedulers, reminders, outbox and inbox rebuilt from the rows. */
function createReconcileSweep(db: Db, jobs: JobRuntime, clock: Clock, logger: Logger): Sweep {
  return createSweep({
    db,
    clock,
    logger,
    steps: [
      { name: "schedulers", run: async () => ({ rebuilt: await jobs.repairSchedulers() }) },
      {
        name: "reminders",
        run: async () => {
          const r = await reconcileReminders({ db, queue: jobs.reminderQueue, clock, logger, staleClaimMs: STALE_CLAIM_MS, horizonMs: REMINDER_HORIZON_MS });
          return { rebuilt: r.released, ...r };
        },
      },
      {
        name: "outbox",
        run: async () => {
          const r = await reconcileOutbox({ db, queue: jobs.outboxQueue, clock });
          return { rebuilt: r.released, ...r };
        },
      },
      {
        name: "inbox",
        run: async (now) => {
          const released = await releaseStaleInboxClaims(db, new Date(now.getTime() - STALE_CLAIM_MS));
          const purged = await purgeInbox(db, new Date(now.getTime() - INBOX_MEMORY_MS));
          return { rebuilt: released, released, purged };
        },
      },
    ],
  });
}
/** The routes HTTP requests are counted by; anything else is counted as `unmatched`. */
const HTTP_ROUTES = ["/slack/events", "/api/messages", "/api/teams/files", "/healthz", "/readyz", "/metrics", QUEUE_DASHBOARD_PATH];
/** Reminders due this soon are (re)queued by each sweep; later ones were queued when scheduled and are re-queued as they near. */
const REMINDER_HORIZON_MS = 2 * 60_000;

/** Which parts of Samverka this process runs: both (npm start), only HTTP, or only the job workers. */
export type Role = "all" | "web" | "worker";

export interface StartOptions {
  role?: Role;
  clock?: Clock;
  logger?: Logger;
  /** Serve the Microsoft 365 Agents Playground when Teams has no credentials (default true). */
  playground?: boolean;
  /** Import the Stockholm example when the embedded database has no partnership yet (default true; never with DATABASE_URL). */
  seedExample?: boolean;
  /** Features added after the built-in ones (the chat contract tests plug a form feature in here). */
  features?: readonly Feature[];
}

export interface RunningApp {
  url: string | undefined;
  /** Where /metrics is served when SAMVERKA_METRICS_PORT is set. */
  metricsUrl: string | undefined;
  db: Db;
  /** Runs the reconcile sweep now (a worker's timer does every 15 s); false when this process runs none or another held it. */
  sweep(): Promise<boolean>;
  close(): Promise<void>;
}

/** Where the job queues live: Redis when configured, else BullMQ's PostgreSQL backend in our database. */
function jobRuntimeFor(config: Config, databaseUrl: string, clock: Clock, logger: Logger, metrics: Metrics) {
  return createJobRuntime(
    config.redisUrl !== undefined
      ? { redisUrl: config.redisUrl, clock, logger, metrics }
      : { postgres: { connectionString: databaseUrl }, clock, logger, metrics },
  );
}

/**
 * The database: DATABASE_URL, or the embedded PostgreSQL under the data directory. Migrated on open. `embedded` says
 * which, and `local` whether the embedded data directory was created by a local start (it is marked when created).
 */
export async function openDatabase(config: Config, logger: Logger): Promise<DatabaseHandle & { url: string; embedded: boolean; local: boolean }> {
  let url = config.databaseUrl;
  let stopEmbedded = (): Promise<void> => Promise.resolve();
  if (url === undefined) {
    const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, logger });
    url = embedded.url;
    stopEmbedded = () => embedded.stop();
    if (embedded.fresh) markLocalDataDir(config.dataDir);
  }
  const handle = connectDatabase(url, { logger, max: DATABASE_POOL_SIZE });
  const applied = await migrateToLatest(handle.db);
  if (applied.length > 0) logger.info({ applied }, "database migrated");
  return {
    ...handle,
    url,
    embedded: config.databaseUrl === undefined,
    local: config.databaseUrl === undefined && isLocalDataDir(config.dataDir),
    close: async () => {
      await handle.close();
      await stopEmbedded();
    },
  };
}

/** The logger for a config, unless the caller brings one; admin commands keep stdout for their output. */
export function loggerFor(config: Config, given?: Logger, options: { toStderr?: boolean } = {}): Logger {
  return given ?? createLogger({ level: config.logLevel, ...options });
}

/** Starts Samverka: database, chat adapters, features, HTTP server and job workers, per `role`. */
export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const role = options.role ?? "all";
  const clock = options.clock ?? systemClock;
  const logger = loggerFor(config, options.logger);
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.reverse()) await closer().catch((err: unknown) => logger.error({ err }, "error while shutting down"));
  };

  try {
    const database = await openDatabase(config, logger);
    closers.push(() => database.close());
    const { db } = database;
    const seeded = options.seedExample !== false && (await seedExampleIfEmpty(db, partnershipFiles, clock, logger, { embedded: database.embedded }));

    const prometheus = createSamverkaMetrics({ db, clock, queues: () => jobs.figures() });
    const metrics = prometheus.metrics;
    const jobs = jobRuntimeFor(config, database.url, clock, logger, metrics);
    closers.push(() => jobs.close());

    const chats = new Map<Platform, ChatPort>();
    const work = createUnitOfWork({
      db,
      clock,
      logger,
      reminderQueue: jobs.reminderQueue,
      outboxQueue: jobs.outboxQueue,
      platforms: () => new Set(chats.keys()),
    });
    const deps = { db, clock, notifier: work.notifier, reminders: work.reminders, transact: work.transact, logger };
    // Which channel of a partnership file a conversation is, asked of the adapters as they come (alerts and meetings).
    const channelIdOf = (platform: Platform, conversation: ConversationRef) => chats.get(platform)?.channelIdOf(conversation);
    const features: Feature[] = [
      createAlertsFeature({ ...deps, channelIdOf, forecast: createSmhiClient({ baseUrl: config.smhiBaseUrl }) }),
      createMeetingsFeature({
        ...deps,
        channelIdOf,
        agendaSources: createAgendaSources(db, clock),
        ...(config.calendarOrganizer === undefined ? {} : { calendarOrganizerEmail: config.calendarOrganizer }),
      }),
      createReportsFeature({ ...deps, agenda: createAgendaPort({ db, clock }) }),
      createPrivacyFeature({ db }),
      createLanguageFeature({ db, clock }),
      ...(options.features ?? []),
    ];
    // Each person is held to a human pace before anything reaches a feature (commands, messages, form submissions).
    const onInstalled = async (platform: Platform, channelId: string) =>
      void (await releaseOnInstall({ db, clock, logger, queue: jobs.outboxQueue }, platform, channelId));
    const chatRouter = createChatRouter({ db, chats, features, logger, defaultLocale: config.locale, onInstalled });
    const rate =
      config.rateLimit === undefined
        ? DEFAULT_RATE_LIMIT
        : config.rateLimit === null
          ? undefined
          : { burst: config.rateLimit.burst, refillMs: 60_000 / Math.max(1, config.rateLimit.perMinute) };
    const router = rate === undefined ? chatRouter : withRateLimit(chatRouter, { db, clock, logger, defaultLocale: config.locale, limit: rate });
    // Sized with the database pool (DATABASE_POOL_SIZE): a burst waits as inbox rows, not as work in memory.
    const inbox = createInbox({ db, clock, logger, concurrency: INBOX_CONCURRENCY });

    // The adapters' own words (Ja/Nej, Klart., failures) follow the person who acted, as the core's do.
    const localeOf: LocaleOf = (user) => localeOfUser(db, user, config.locale);
    // Each platform's SDK is loaded only by a process that serves that platform: Bolt, or the Teams SDK with MSAL.
    const slack =
      config.slack &&
      (await import("../adapters/slack/slack-adapter.ts")).createSlackAdapter({
        config: { ...config.slack, locale: config.locale },
        handler: countInbound(router, "slack", metrics),
        localeOf,
        db,
        logger,
        clock,
        inbox,
      });
    if (slack) chats.set("slack", slack.chat);
    // Never unauthenticated by accident: without credentials only when asked for local use (auth.ts says when).
    const teamsAccess = decideTeamsAccess({
      credentials: config.teams,
      host: config.host,
      publicUrl: config.publicUrl,
      local: config.teamsLocal,
      localDataDir: database.local,
    });
    // Local Teams talks to the Agents Playground (this process's, or the web process's for a worker): only its users can be written to.
    const playground = teamsAccess.mode === "local" && options.playground !== false;
    const teams =
      teamsAccess.mode === "off"
        ? undefined
        : (await import("../adapters/teams/teams-adapter.ts")).createTeamsAdapter({
            access: teamsAccess,
            handler: countInbound(router, "teams", metrics),
            db,
            logger,
            host: config.host,
            locale: config.locale,
            localeOf,
            clock,
            publicUrl: () => config.publicUrl ?? url,
            inbox,
            ...(playground ? { playgroundUsers: playgroundUsers() } : {}),
          });
    if (teams) {
      // The SDK sets up its Bot Connector client here; workers need it too, for proactive messages.
      await teams.start();
      closers.push(() => teams.stop());
      chats.set("teams", teams.chat);
    } else logger.warn({ host: config.host }, describeTeamsAccess(teamsAccess, config.host));

    inbox.start();
    closers.push(() => inbox.stop());
    const recurring = [...features.flatMap((f) => f.recurring ?? []), ...(slack ? slack.recurring : [])];
    let sweep: Sweep | undefined;
    if (role !== "web") {
      await jobs.startWorkers({
        processReminder: createReminderProcessor({ db, handlers: features.flatMap((f) => f.reminders ?? []), clock, logger, metrics }),
        deliverOutbox: createOutboxDelivery({
          db,
          chats,
          renderers: [createFailureNoticeRenderer(db), ...features.flatMap((f) => f.renderers ?? [])],
          queue: jobs.outboxQueue,
          pacer: createPacer(),
          clock,
          logger,
          metrics,
        }),
        recurring,
      });
      sweep = createReconcileSweep(db, jobs, clock, logger);
      await sweep.runOnce().catch((error: unknown) => logger.error({ err: error }, "first sweep failed; the next one retries it"));
      sweep.start();
      closers.push(() => sweep!.stop());
      logger.info({ backend: jobs.backend }, "job workers are running");
    }

    const checks: ReadinessCheck[] = [
      { name: "database", failure: "the database does not answer", check: async () => (await sql`select 1`.execute(db), true) },
      { name: "jobs", failure: "the job queue store (Redis or PostgreSQL) does not answer", check: () => jobs.ping() },
      {
        name: "schedulers",
        failure: "recurring job schedulers are missing (the queue store lost them); the sweep re-creates them",
        check: () => jobs.schedulersPresent(recurring.map((t) => t.name)),
      },
      { name: "sweep", failure: `no worker completed the reconcile sweep in the last ${SWEEP_STALE_S} s`, check: () => sweepIsFresh(db, clock.now()) },
    ];
    let url: string | undefined;
    const metricsServer = config.metricsPort === undefined ? undefined : await startMetricsServer(prometheus, config.host, config.metricsPort, logger);
    if (metricsServer) closers.push(() => metricsServer.close());
    if (role !== "worker") {
      const http = createHttpServer({ checks, logger, observe: prometheus.countRequests(HTTP_ROUTES) });
      if (!metricsServer) http.app.get("/metrics", metricsHandler(prometheus, logger));
      if (config.admin) await mountQueueDashboard(http.app, { credentials: config.admin, queues: jobs.queues() });
      if (slack) {
        if (slack.router) http.app.use("/slack/events", slack.router);
        await slack.start();
        closers.push(() => slack.stop());
      }
      http.app.use(teams ? teams.router : refuseTeams());
      const listening = await http.listen(config.host, config.port);
      closers.push(() => http.close());
      url = listening.url;
      logger.info({ url }, "Samverka is listening");
      if (playground) {
        const started = await startPlayground({
          botEndpoint: `${url}/api/messages`,
          port: config.playgroundPort,
          logger,
          logFile: `${config.dataDir}/m365agentsplayground.log`,
        });
        closers.push(() => started.stop());
        logger.info({ url: started.url }, `Chat with Samverka as a Teams user: open ${started.url} and write "hjälp"`);
      }
    }
    // The example's meetings are planned now, so the newcomer's first `möten` lists them instead of waiting for the
    // 06.00 tick: after the adapters and the playground's install, so their notices can reach the playground's users
    // (planned before it, they failed as "installed nowhere yet" and samordning's first sight was a list of them).
    if (seeded) for (const task of features.flatMap((f) => f.recurring ?? []).filter((t) => t.name === MEETINGS_DAILY_TASK)) await task.run(clock.now());
    // Idle, the process would otherwise keep ~30 MB of young-generation pages that only loading its modules needed.
    releaseStartupMemory();
    return { url, metricsUrl: metricsServer?.url, db, sweep: () => sweep?.runOnce() ?? Promise.resolve(false), close };
  } catch (error) {
    await close();
    throw error;
  }
}
