/**
 * Fault 3: PostgreSQL drops the bot's connections again and again (every backend of its database terminated every
 * 50 ms for 3 s) while a cold night is declared. Afterwards the declaration is either complete (as after a
 * SIGKILL) or nothing was stored and the person was told the truth: no 200 (Slack shows an error) or an answer
 * that does not claim the night was declared. Never half an alert. The process stays up. On both job backends,
 * side by side.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Delivery } from "../helpers/slack-fake-api.ts";
import { ADMIN_URL } from "../helpers/test-database.ts";
import { sleep, startBot, type BotProcess } from "./harness/bot-process.ts";
import {
  doubled,
  FIXTURE,
  isAnswerTo,
  missing,
  nightToDeclare,
  readColdNight,
  summarise,
  verdictOf,
  waitUntilSettled,
  type ColdNightFigures,
} from "./harness/cold-night-check.ts";
import { faultRuns, type FaultRun } from "./harness/fault-runs.ts";
import { REDIS_DB, TEST_APPLICATION_NAME, type Backend } from "./harness/fault-world.ts";
import { printTable } from "./harness/report.ts";
import { slashCommand, type IngressResult } from "./harness/slack-ingress.ts";

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

/** One backend's storm and what it came to. */
interface Storm extends FaultRun {
  backend: Backend;
  night: string;
  bot?: BotProcess;
  answer?: IngressResult;
  terminated?: number;
  atStormEnd?: string;
  settled?: { ended: string; ms: number };
  figures?: ColdNightFigures;
  told?: Delivery[];
  alive?: boolean;
}

const BACKENDS: Backend[] = ["redis", "postgres"];

describe("a connection storm during a declaration", () => {
  const runs = faultRuns();
  const storms: Storm[] = [];

  // Both backends at once, each storm aimed at its own database: most of a run is waiting for recovery.
  beforeAll(async () => {
    // Only the redis run uses the index, so the two can share it.
    for (const backend of BACKENDS) storms.push({ ...(await runs.open({ redisDb: REDIS_DB.storm, backend })), backend, night: nightToDeclare() });
    for (const s of storms) s.bot = await startBot({ role: "start", env: s.env, name: `storm-${s.backend}` });
    await Promise.all(
      storms.map(async (s) => {
        const { db } = s.database;
        const storm = connectionStorm(s.database.name);
        await sleep(COMMAND_AT_MS);
        s.answer = await slashCommand(s.bot!.url, s.fake, FIXTURE.declarer, `kallnatt ${s.night} -15`, FIXTURE.mainChannel);
        s.terminated = await storm;
        s.atStormEnd = verdictOf(await readColdNight(db, s.fake, s.night));
        s.settled = await waitUntilSettled({
          db,
          fake: s.fake,
          done: async () => verdictOf(await readColdNight(db, s.fake, s.night)) === "complete",
          endWhenIdle: true,
          capMs: 90_000,
          stallMs: 75_000,
        });
        s.figures = await readColdNight(db, s.fake, s.night);
        s.told = s.fake.deliveries().filter((d) => isAnswerTo(d, FIXTURE.declarer));
        s.alive = s.bot!.alive();
      }),
    );
    printTable(
      `Fault 3 — pg_terminate_backend every ${EVERY_MS} ms for ${STORM_MS / 1000} s during /samverka kallnatt`,
      storms.map((s) => ({
        jobs: s.backend,
        command: `${s.answer?.status ?? s.answer?.error} in ${s.answer?.ms} ms`,
        "backends killed": s.terminated ?? "?",
        "at storm end": s.atStormEnd ?? "?",
        after: verdictOf(s.figures!),
        "settled in": `${(s.settled!.ms / 1000).toFixed(1)} s (${s.settled!.ended})`,
        ...summarise(s.figures!),
        "the declarer read": s.told!.map((d) => d.text.split("\n")[0]!.slice(0, 60)).join(" | ") || "–",
        "bot alive": s.alive ? "yes" : "no",
      })),
    );
  }, 4 * 60_000);

  afterAll(() => runs.close());

  it.each(BACKENDS)("%s jobs: the declaration is complete, or nothing was stored and the person was told the truth", (backend) => {
    const s = storms.find((x) => x.backend === backend)!;
    const figures = s.figures!;
    const verdict = verdictOf(figures);
    const claimsDeclared = s.told!.some((d) => d.text.includes("är utlyst") || d.text.includes("redan utlyst"));
    expect(s.alive, `the bot died in the storm:\n${s.bot!.logTail()}`).toBe(true);
    expect(doubled(figures), "messages sent more than once").toEqual([]);
    expect(["complete", "nothing"], `half a declaration after the storm: ${missing(figures).join("; ")}`).toContain(verdict);
    if (verdict === "nothing") {
      expect(claimsDeclared, "nothing was stored, yet the declarer was told the night was declared").toBe(false);
      expect(s.answer?.status !== 200 || s.told!.length > 0, "nothing was stored, Slack had its 200, and the declarer was told nothing").toBe(true);
    }
  });
});
