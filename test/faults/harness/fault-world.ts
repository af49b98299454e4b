/**
 * The world one fault scenario runs in: a database with the partnership imported by the real CLI, a Redis DB
 * index of its own (or none: jobs in PostgreSQL), the loopback Slack fake, and the environment the bot gets.
 *
 * The partnership is imported once per suite run into a template database (global-setup.ts); every run clones it
 * (`create database … template …`), which takes a fraction of a second instead of a CLI start.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { inject } from "vitest";
import { connectDatabase, type DatabaseHandle } from "../../../adapters/postgres/database.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../../helpers/slack-driver.ts";
import type { SlackFakeApi } from "../../helpers/slack-fake-api.ts";
import { ADMIN_URL, TEST_REDIS_URL, uniqueName } from "../../helpers/test-database.ts";
import { childEnvironment } from "../../helpers/child-env.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
/** The fixture every scenario imports: four night shelters, two alert channels, Slack only. */
export const COLD_NIGHT_FIXTURE = path.join(ROOT, "test/fixtures/faults/cold-night-partnership.yaml");
/** The test's own connections carry this name, so a connection storm aimed at the bot spares them. */
export const TEST_APPLICATION_NAME = "samverka-faults";

/** Which job backend a run uses. */
export type Backend = "redis" | "postgres";

function databaseUrl(name: string, applicationName?: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  if (applicationName !== undefined) url.searchParams.set("application_name", applicationName);
  return url.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs `node src/cli.ts <args>` against a database and fails with its output if it does not exit 0. */
export async function runCli(args: string[], env: Record<string, string>): Promise<string> {
  const node = path.join(ROOT, "node_modules/.bin/node");
  const child = spawn(node, ["src/cli.ts", ...args], { cwd: ROOT, env: childEnvironment({ LOG_LEVEL: "warn", ...env }), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`samverka ${args.join(" ")} exited ${code}:\n${output}`);
  return output;
}

/** A database a run owns: the bot's DATABASE_URL, and a Kysely handle for the test's own reads. */
export interface RunDatabase extends DatabaseHandle {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** The imported partnership, ready to be cloned for each run; `drop` drops the clones this file made. */
export interface Template {
  name: string;
  clone(): Promise<RunDatabase>;
  drop(): Promise<void>;
}

/** Drops a database, whoever is still connected to it. */
export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}

/** Creates the template database: fresh, migrated and given the fixture by `samverka import` (once per suite run). */
export async function importTemplate(fixture = COLD_NIGHT_FIXTURE): Promise<string> {
  const name = uniqueName("samverka_faults_tpl");
  await admin((c) => c.query(`create database ${name}`));
  await runCli(["import", fixture], { DATABASE_URL: databaseUrl(name) });
  return name;
}

/** The suite's template (made by the global setup, see global-setup.ts), for cloning. */
export function openTemplate(name: string = inject("faultsTemplate")): Template {
  const clones: string[] = [];
  return {
    name,
    async clone() {
      const cloneName = uniqueName("samverka_faults");
      await admin((c) => c.query(`create database ${cloneName} template ${name}`));
      clones.push(cloneName);
      const handle = connectDatabase(databaseUrl(cloneName, TEST_APPLICATION_NAME), { max: 2 });
      return {
        ...handle,
        name: cloneName,
        url: databaseUrl(cloneName),
        drop: async () => {
          await handle.close().catch(() => undefined);
          await dropDatabase(cloneName);
        },
      };
    },
    async drop() {
      for (const clone of clones.splice(0)) await dropDatabase(clone);
    },
  };
}

/**
 * The fault suite's Redis DB indexes (2–15; npm test uses 0 with a prefix per file). The bot's queue prefix is
 * fixed, so every bot that runs at the same time as another needs an index of its own; FLUSHDB then touches
 * nothing else. Files run one after another, so only runs within one file must not share.
 */
export const REDIS_DB = { sigkill: [2, 3, 4, 5, 6, 7, 8], flush: 9, storm: 10, outage: [11, 12, 13], burst: 14, scaleOut: 15 } as const;

/** The REDIS_URL for a DB index. */
export function redisUrl(index: number): string {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = `/${index}`;
  return url.toString();
}

/** Empties one Redis DB index (jobs of an earlier run would otherwise point at dropped databases). */
export async function flushRedis(index: number): Promise<void> {
  const redis = new Redis(redisUrl(index), { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

/** The bot's environment for one run. */
export function botEnv(options: { database: RunDatabase; fake: SlackFakeApi; backend: Backend; redisDb: number; logLevel?: string }): Record<string, string> {
  return {
    DATABASE_URL: options.database.url,
    ...(options.backend === "redis" ? { REDIS_URL: redisUrl(options.redisDb) } : {}),
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: options.fake.apiUrl,
    // SMHI is asked for forecasts every 15 minutes; the fake answers nonsense and nothing leaves the machine.
    SMHI_BASE_URL: `${options.fake.url}/smhi`,
    LOG_LEVEL: options.logLevel ?? "info",
  };
}
