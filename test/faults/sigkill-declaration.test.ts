/**
 * Fault 1: the host dies while a cold night is being declared. `/samverka kallnatt` is sent signed to the real
 * bot (Slack answering each call in 150 ms), the whole process group is SIGKILLed 20–1000 ms later, the bot is
 * started again on the same database and queue store, and within 90 s the declaration must be complete — each
 * reachable staff member prompted exactly once, exactly one card per alert channel, every shelter's ladder and the
 * morning close as rows, the declarer told — with nothing sent twice. A kill that lands before the request was
 * recorded leaves the command without a 200 (Slack shows the person an error): then nothing at all is the right
 * outcome, never a part.
 *
 * Recovery after a crash waits for the dead process's claims to go stale, so each run spends most of its time
 * waiting: the delays of a backend run side by side (a database, a Slack fake and a Redis index each), with only
 * the command-and-kill moments one after another so each kill lands when it should. Every delay runs on the Redis
 * job backend; the PostgreSQL backend keeps ~19 connections per bot, so on a PostgreSQL shared with other suites
 * (max_connections 100) it gets three delays, one early, one mid-send and one late.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startBot, type BotProcess } from "./harness/bot-process.ts";
import {
  doubled,
  FIXTURE,
  missing,
  nightToDeclare,
  readColdNight,
  summarise,
  verdictOf,
  waitUntilSettled,
  type ColdNightFigures,
  type Verdict,
} from "./harness/cold-night-check.ts";
import { mapLimit } from "./harness/concurrent.ts";
import { faultRuns, type FaultRun } from "./harness/fault-runs.ts";
import { REDIS_DB, type Backend } from "./harness/fault-world.ts";
import { printTable } from "./harness/report.ts";
import { slashCommand, type IngressResult } from "./harness/slack-ingress.ts";

const DELAYS_MS: Record<Backend, number[]> = { redis: [20, 50, 100, 200, 300, 500, 1000], postgres: [50, 300, 1000] };
const SLACK_LATENCY_MS = 150;
/** Restart to settled: the bound. */
const CAP_MS = 90_000;
/**
 * Still incomplete and nothing new for this long: it will not complete. Longer than a dead process's claim takes
 * to go stale (45 s) plus one sweep (15 s).
 */
const STALL_MS = 75_000;

/** One delay's run: its world, and what happened. */
interface Run extends FaultRun {
  delay: number;
  night: string;
  answer?: IngressResult;
  killedAt?: number;
  atKill?: Verdict;
  restarted?: BotProcess;
  settled?: { ended: string; ms: number };
  figures?: ColdNightFigures;
}

describe.each<Backend>(["redis", "postgres"])("SIGKILL during a cold-night declaration (%s jobs)", (backend) => {
  const worlds = faultRuns();
  const runs: Run[] = [];

  beforeAll(async () => {
    const phases: string[] = [];
    let phaseStart = Date.now();
    const phase = (name: string) => {
      phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
      phaseStart = Date.now();
    };
    const night = nightToDeclare();
    for (const [i, delay] of DELAYS_MS[backend].entries()) {
      const world = await worlds.open({ redisDb: REDIS_DB.sigkill[i]!, backend });
      world.fake.setLatency(SLACK_LATENCY_MS);
      runs.push({ ...world, delay, night });
    }
    const name = (run: Run) => `sigkill-${backend}-${run.delay}`;
    phase("import");
    const first = await mapLimit(runs, 2, (run) => startBot({ role: "start", env: run.env, name: name(run) }));
    phase("start");

    // One command and one kill at a time, so each kill lands at its delay on an otherwise idle machine.
    await sleep(1000);
    for (const [i, run] of runs.entries()) {
      const sent = Date.now();
      const request = slashCommand(first[i]!.url, run.fake, FIXTURE.declarer, `kallnatt ${run.night} -12`, FIXTURE.mainChannel);
      await sleep(Math.max(0, run.delay - (Date.now() - sent)));
      run.killedAt = Date.now() - sent;
      await first[i]!.kill("SIGKILL");
      run.answer = await request;
      run.atKill = verdictOf(await readColdNight(run.database.db, run.fake, run.night));
    }

    phase("command and kill");
    await mapLimit(runs, 2, async (run) => {
      run.restarted = await startBot({ role: "start", env: run.env, name: name(run) });
    });
    phase("restart");
    await Promise.all(
      runs.map(async (run) => {
        const { db } = run.database;
        run.settled = await waitUntilSettled({
          db,
          fake: run.fake,
          done: async () => verdictOf(await readColdNight(db, run.fake, run.night)) === "complete",
          endWhenIdle: true,
          capMs: CAP_MS,
          stallMs: STALL_MS,
        });
        run.figures = await readColdNight(db, run.fake, run.night);
      }),
    );
    phase("settle");
    printTable(
      `Fault 1 — SIGKILL after /samverka kallnatt, restart (${backend} jobs; Slack answers in ${SLACK_LATENCY_MS} ms; ${phases.join(", ")})`,
      runs.map((run) => ({
        "kill at": `${run.killedAt} ms`,
        command: run.answer?.status ?? run.answer?.error ?? "?",
        "at kill": run.atKill ?? "?",
        after: verdictOf(run.figures!),
        "settled after restart": `${(run.settled!.ms / 1000).toFixed(1)} s (${run.settled!.ended})`,
        ...summarise(run.figures!),
        // Re-sends of rows a dead process had claimed first look for the message by its key (conversations.history).
        "looked for earlier copy": run.fake.calls("conversations.history").length,
        "the declarer read": run.figures!.declarerTexts.map((t) => t.slice(0, 48)).join(" | ") || "–",
      })),
    );
  }, 8 * 60_000);

  afterAll(() => worlds.close());

  it.each(DELAYS_MS[backend])("kill %i ms after the command: complete after restart, or nothing if it was never acknowledged", (delay) => {
    const run = runs.find((r) => r.delay === delay)!;
    const figures = run.figures!;
    const verdict = verdictOf(figures);
    expect(run.restarted?.alive(), `the restarted bot died:\n${run.restarted?.logTail()}`).toBe(true);
    expect(doubled(figures), "messages sent more than once").toEqual([]);
    if (run.answer?.status === 200) {
      expect(verdict, `Slack had its 200, so the declaration must complete; missing: ${missing(figures).join("; ")}`).toBe("complete");
    } else {
      expect(
        ["complete", "nothing"],
        `no 200 (${run.answer?.error ?? run.answer?.status}): nothing or everything, never a part; missing: ${missing(figures).join("; ")}`,
      ).toContain(verdict);
    }
  });
});
