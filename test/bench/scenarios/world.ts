/**
 * The processes a scenario measures and the fakes they talk to: Samverka (startApp in its own process, on a fresh
 * database with bench partnerships imported) and the bare-library floors, each behind loopback platform fakes.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { startSlackFake, type SlackFake } from "../fakes/slack-fake.ts";
import { startTeamsFake, type TeamsFake } from "../fakes/teams-fake.ts";
import type { LimitOptions } from "../fakes/http-fake.ts";
import { benchRedisUrl } from "../lib/bench-redis.ts";
import { BENCH_SRC } from "../lib/paths.ts";
import { startTarget, type Target } from "../lib/processes.ts";
import { createBenchDatabase, SAMVERKA_QUEUE_PREFIX, type BenchDatabase } from "../seed/database.ts";
import { importPartnerships, type BenchPartnership } from "../seed/partnership.ts";
import { freePort } from "../../helpers/free-port.ts";
import { nodeFlagsOfStartScript } from "../../helpers/start-flags.ts";

export const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
const BOT_TOKEN = "xoxb-samverka-bench";

/** A measured process with the fakes it writes to. */
export interface World {
  target: Target;
  slack: SlackFake;
  teams: TeamsFake;
  /** Samverka only: its database. */
  databaseUrl?: string;
  close(): Promise<void>;
}

/** How a world is started. */
export interface WorldOptions {
  slackLimits?: LimitOptions;
  teamsLimits?: LimitOptions;
  /** Extra Node flags for the measured process (--cpu-prof …). */
  nodeArgs?: string[];
}


async function fakes(options: WorldOptions): Promise<{ slack: SlackFake; teams: TeamsFake }> {
  return { slack: await startSlackFake(options.slackLimits), teams: await startTeamsFake(options.teamsLimits) };
}

/** Deletes Samverka's queues from the run's own Redis, so a world does not inherit the jobs of the one before it. */
export async function emptyBenchRedis(): Promise<void> {
  const redis = new Redis(await benchRedisUrl());
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${SAMVERKA_QUEUE_PREFIX}:*`, "COUNT", 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    await redis.quit();
  }
}

/** Samverka on a fresh database holding `partnerships`, jobs on Redis or on BullMQ's PostgreSQL backend. */
export async function startSamverka(partnerships: BenchPartnership[], options: WorldOptions & { jobs: "redis" | "postgres"; seed?: (databaseUrl: string) => Promise<void> }): Promise<World> {
  const database: BenchDatabase = await createBenchDatabase();
  const { slack, teams } = await fakes(options);
  let target: Target | undefined;
  try {
    await importPartnerships(database.url, partnerships);
    await options.seed?.(database.url);
    if (options.jobs === "redis") await emptyBenchRedis();
    target = await startTarget("samverka", path.join(BENCH_SRC, "targets/samverka.ts"), {
      DATABASE_URL: database.url,
      ...(options.jobs === "redis" ? { REDIS_URL: await benchRedisUrl() } : {}),
      HOST: "127.0.0.1",
      // Teams without credentials serves only when asked for local use, as a local npm start does.
      SAMVERKA_TEAMS_LOCAL: "1",
      PORT: "0",
      LOG_LEVEL: "info",
      SAMVERKA_DATA_DIR: mkdtempSync(path.join(tmpdir(), "samverka-bench-data-")),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      // Nothing may leave the machine: the forecast client talks to a fake that knows nothing.
      SMHI_BASE_URL: slack.url,
      // Samverka runs with the V8 flags of `npm start`, as a city runs it; the floors are plain `node` apps.
    }, { nodeArgs: [...nodeFlagsOfStartScript(), ...(options.nodeArgs ?? [])] });
  } catch (error) {
    await Promise.allSettled([slack.close(), teams.close()]);
    await database.drop();
    throw error;
  }
  const running = target;
  return {
    target: running,
    slack,
    teams,
    databaseUrl: database.url,
    close: async () => {
      await running.stop();
      await Promise.allSettled([slack.close(), teams.close()]);
      await database.drop();
    },
  };
}

/** A bare-library floor: Bolt or the Teams SDK, acknowledging only or also answering each request once. */
export async function startFloor(kind: "bolt" | "teams", answer: boolean, options: WorldOptions = {}): Promise<World> {
  const { slack, teams } = await fakes(options);
  const script = path.join(BENCH_SRC, kind === "bolt" ? "targets/bare-bolt.ts" : "targets/bare-teams.ts");
  const target = await startTarget(`bare-${kind}${answer ? "-answering" : ""}`, script, {
    PORT: String(await freePort()),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    BENCH_ANSWER: answer ? "1" : "0",
  }, { ...(options.nodeArgs === undefined ? {} : { nodeArgs: options.nodeArgs }) });
  return {
    target,
    slack,
    teams,
    close: async () => {
      await target.stop();
      await Promise.allSettled([slack.close(), teams.close()]);
    },
  };
}

/** The endpoint a load of `kind` goes to on `world`. */
export function endpointOf(world: World, kind: "slack-command" | "slack-event" | "teams-message"): string {
  return `${world.target.url}${kind === "teams-message" ? "/api/messages" : "/slack/events"}`;
}
