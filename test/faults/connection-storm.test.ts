/**
 * Fault 3: PostgreSQL drops the bot's connections again and again (every backend of its database terminated every
 * 50 ms for 3 s) while a cold night is declared. Afterwards the declaration is either complete (as after a
 * SIGKILL) or nothing was stored and the person was told the truth: no 200 (Slack shows an error) or an answer
 * that does not claim the night was declared. Never half an alert. The process stays up. On both job backends.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSlackFakeApi, type SlackFakeApi } from "../helpers/slack-fake-api.ts";
import { ADMIN_URL } from "../helpers/test-database.ts";
import { killAllBots, sleep, startBot } from "./harness/bot-process.ts";
import { doubled, FIXTURE, isAnswerTo, missing, nightToDeclare, readColdNight, summarise, verdictOf, waitUntilSettled } from "./harness/cold-night-check.ts";
import { botEnv, createTemplate, flushRedis, REDIS_DB, TEST_APPLICATION_NAME, type Backend, type RunDatabase, type Template } from "./harness/fault-world.ts";
import { printTable } from "./harness/report.ts";
import { slashCommand } from "./harness/slack-ingress.ts";

const STORM_MS = 3000;
const EVERY_MS = 50;
/** The command goes out this far into the storm, so it meets it from its first query on. */
const COMMAND_AT_MS = 100;

/** Terminates every backend of `database` except the test's own, every `EVERY_MS` for `STORM_MS`; returns how many. */
async function connectionStorm(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  let terminated = 0;
  try {
    const until = Date.now() + STORM_MS;
    while (Date.now() < until) {
      const res = await admin.query<{ ok: boolean }>(
        "select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and application_name <> $2",
        [database, TEST_APPLICATION_NAME],
      );
      terminated += res.rows.filter((r) => r.ok).length;
      await sleep(EVERY_MS);
    }
  } finally {
    await admin.end();
  }
  return terminated;
}

describe.each<Backend>(["redis", "postgres"])("a connection storm during a declaration (%s jobs)", (backend) => {
  let template: Template;
  let database: RunDatabase | undefined;
  let fake: SlackFakeApi | undefined;
  const rows: Record<string, string | number>[] = [];

  beforeAll(async () => {
    template = await createTemplate();
  });
  afterEach(async () => {
    await killAllBots();
    await fake?.close();
    await database?.drop();
  });
  afterAll(async () => {
    printTable(`Fault 3 — pg_terminate_backend every ${EVERY_MS} ms for ${STORM_MS / 1000} s during /samverka kallnatt (${backend} jobs)`, rows);
    await template?.drop();
  });

  it("leaves the declaration complete, or nothing stored and the person told the truth", async () => {
    const db = (database = await template.clone());
    const slack = (fake = await startSlackFakeApi());
    if (backend === "redis") await flushRedis(REDIS_DB.storm);
    const bot = await startBot({ role: "start", env: botEnv({ database: db, fake: slack, backend, redisDb: REDIS_DB.storm }), name: `storm-${backend}` });
    const night = nightToDeclare();

    const storm = connectionStorm(db.name);
    await sleep(COMMAND_AT_MS);
    const answer = await slashCommand(bot.url, slack, FIXTURE.declarer, `kallnatt ${night} -15`, FIXTURE.mainChannel);
    const terminated = await storm;
    const atStormEnd = verdictOf(await readColdNight(db.db, slack, night));

    const wait = await waitUntilSettled({
      db: db.db,
      fake: slack,
      done: async () => verdictOf(await readColdNight(db.db, slack, night)) === "complete",
      capMs: 90_000,
      stallMs: 25_000,
    });
    const figures = await readColdNight(db.db, slack, night);
    const verdict = verdictOf(figures);
    const toldDeclarer = slack.deliveries().filter((d) => isAnswerTo(d, FIXTURE.declarer));
    const claimsDeclared = toldDeclarer.some((d) => d.text.includes("är utlyst") || d.text.includes("redan utlyst"));
    rows.push({
      command: `${answer.status ?? answer.error} in ${answer.ms} ms`,
      "backends killed": terminated,
      "at storm end": atStormEnd,
      after: verdict,
      "settled in": `${(wait.ms / 1000).toFixed(1)} s (${wait.ended})`,
      ...summarise(figures),
      "declarer was told": toldDeclarer.map((d) => d.text.split("\n")[0]!.slice(0, 60)).join(" | ") || "–",
      "bot alive": bot.alive() ? "yes" : "no",
    });

    expect(bot.alive(), `the bot died in the storm:\n${bot.logTail()}`).toBe(true);
    expect(doubled(figures), "messages sent more than once").toEqual([]);
    expect(["complete", "nothing"], `half a declaration after the storm: ${missing(figures).join("; ")}`).toContain(verdict);
    if (verdict === "nothing") {
      expect(claimsDeclared, "nothing was stored, yet the declarer was told the night was declared").toBe(false);
      expect(answer.status !== 200 || toldDeclarer.length > 0, "nothing was stored, Slack had its 200, and the declarer was told nothing").toBe(true);
    }
  });
});
