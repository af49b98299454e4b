/**
 * The runs of one fault file, each in a world of its own: a database cloned from the suite's template, a Slack
 * fake, an emptied Redis DB index and the bot's environment for them. A file opens one run per scenario it
 * measures and calls `close` in its afterAll:
 *
 *   const runs = faultRuns();
 *   beforeAll(async () => (run = await runs.open({ redisDb: REDIS_DB.flush })));
 *   afterAll(() => runs.close());
 */
import { startSlackFakeApi, type SlackFakeApi } from "../../helpers/slack-fake-api.ts";
import { killAllBots } from "./bot-process.ts";
import { botEnv, flushRedis, openTemplate, type Backend, type RunDatabase, type Template } from "./fault-world.ts";

/** One run's world. */
export interface FaultRun {
  database: RunDatabase;
  fake: SlackFakeApi;
  /** The environment a bot of this run starts with. */
  env: Record<string, string>;
}

/** What one file's runs are opened and closed by. */
export interface FaultRuns {
  /** A new world; the Redis index is emptied first when the run's jobs go through Redis (the default). */
  open(options: { redisDb: number; backend?: Backend; logLevel?: string }): Promise<FaultRun>;
  /** Stops every bot, closes every fake and drops every database this file made. */
  close(): Promise<void>;
}

/** The runs of one fault file (see the file's comment). */
export function faultRuns(): FaultRuns {
  let template: Template | undefined;
  const opened: FaultRun[] = [];
  return {
    async open({ redisDb, backend = "redis", logLevel }) {
      template ??= openTemplate();
      const database = await template.clone();
      const fake = await startSlackFakeApi();
      if (backend === "redis") await flushRedis(redisDb);
      const run = { database, fake, env: botEnv({ database, fake, backend, redisDb, ...(logLevel === undefined ? {} : { logLevel }) }) };
      opened.push(run);
      return run;
    },
    async close() {
      await killAllBots();
      for (const run of opened.splice(0)) {
        await run.fake.close();
        await run.database.drop();
      }
      await template?.drop();
    },
  };
}
