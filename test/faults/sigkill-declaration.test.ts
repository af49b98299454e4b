/**
 * Fault 1: the host dies while a cold night is being declared. `/samverka kallnatt` is sent signed to the real
 * bot (Slack answering each call in 150 ms), the whole process group is SIGKILLed 20–1000 ms later, the bot is
 * started again on the same database and queue store, and within 90 s the declaration must be complete — each
 * reachable staff member prompted exactly once, exactly one card per alert channel, every shelter's ladder and the
 * morning close as rows, the declarer told — with nothing sent twice. A kill that lands before the request was
 * recorded leaves the command without a 200 (Slack shows the person an error): then nothing at all is the right
 * outcome, never a part. On the Redis job backend and on the PostgreSQL one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSlackFakeApi, type SlackFakeApi } from "../helpers/slack-fake-api.ts";
import { killAllBots, sleep, startBot, type BotProcess } from "./harness/bot-process.ts";
import { doubled, FIXTURE, missing, nightToDeclare, readColdNight, summarise, verdictOf, waitUntilSettled } from "./harness/cold-night-check.ts";
import { botEnv, createTemplate, flushRedis, REDIS_DB, type Backend, type RunDatabase, type Template } from "./harness/fault-world.ts";
import { printTable } from "./harness/report.ts";
import { slashCommand } from "./harness/slack-ingress.ts";

const DELAYS_MS = [20, 50, 100, 200, 300, 500, 1000];
const SLACK_LATENCY_MS = 150;
/** Restart to settled: the bound. */
const CAP_MS = 90_000;
/** No new delivery for this long after the restart, and still incomplete: it will not complete (a sweep runs every 15 s). */
const STALL_MS = 25_000;

describe.each<Backend>(["redis", "postgres"])("SIGKILL during a cold-night declaration (%s jobs)", (backend) => {
  let template: Template;
  const rows: Record<string, string | number>[] = [];
  let database: RunDatabase | undefined;
  let fake: SlackFakeApi | undefined;

  beforeAll(async () => {
    template = await createTemplate();
  });
  afterEach(async () => {
    await killAllBots();
    await fake?.close();
    await database?.drop();
    fake = undefined;
    database = undefined;
  });
  afterAll(async () => {
    await killAllBots();
    printTable(`Fault 1 — SIGKILL after /samverka kallnatt, restart (${backend} jobs; Slack answers in ${SLACK_LATENCY_MS} ms)`, rows);
    await template?.drop();
  });

  it.each(DELAYS_MS)("kill %i ms after the command: complete after restart, or nothing if it was never acknowledged", async (delay) => {
    const db = (database = await template.clone());
    const slack = (fake = await startSlackFakeApi());
    slack.setLatency(SLACK_LATENCY_MS);
    if (backend === "redis") await flushRedis(REDIS_DB.sigkill);
    const env = botEnv({ database: db, fake: slack, backend, redisDb: REDIS_DB.sigkill });
    const name = `sigkill-${backend}-${delay}`;
    const first: BotProcess = await startBot({ role: "start", env, name });
    const night = nightToDeclare();

    const sent = Date.now();
    const request = slashCommand(first.url, slack, FIXTURE.declarer, `kallnatt ${night} -12`, FIXTURE.mainChannel);
    await sleep(Math.max(0, delay - (Date.now() - sent)));
    const killedAt = Date.now() - sent;
    await first.kill("SIGKILL");
    const answer = await request;
    const acknowledged = answer.status === 200;
    const atKill = verdictOf(await readColdNight(db.db, slack, night));

    const restarted = await startBot({ role: "start", env, name });
    const wait = await waitUntilSettled({
      db: db.db,
      fake: slack,
      done: async () => verdictOf(await readColdNight(db.db, slack, night)) === "complete",
      capMs: CAP_MS,
      stallMs: STALL_MS,
    });
    const figures = await readColdNight(db.db, slack, night);
    const verdict = verdictOf(figures);
    rows.push({
      "kill at": `${killedAt} ms`,
      command: answer.status ?? answer.error ?? "?",
      "at kill": atKill,
      after: verdict,
      "settled in": `${(wait.ms / 1000).toFixed(1)} s (${wait.ended})`,
      ...summarise(figures),
    });

    expect(restarted.alive(), `the restarted bot died:\n${restarted.logTail()}`).toBe(true);
    expect(doubled(figures), "messages sent more than once").toEqual([]);
    if (acknowledged) {
      expect(verdict, `Slack had its 200, so the declaration must complete; missing: ${missing(figures).join("; ")}`).toBe("complete");
    } else {
      expect(["complete", "nothing"], `no 200 (${answer.error ?? answer.status}): nothing or everything, never a part; missing: ${missing(figures).join("; ")}`).toContain(verdict);
    }
  });
});
