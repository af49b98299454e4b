/**
 * Fault 2: Redis loses everything (FLUSHDB on the bot's own DB index) while the bot runs with pending reminder
 * rows, some falling due right after the flush. The rows are the truth: every reminder must still reach its
 * owner exactly once within 60 s of the flush, the declared cold night must not be sent again, and `/readyz`
 * must say 503 until the recurring schedulers are back (and 200 once they are).
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countReminderDeliveries, insertActionItemReminders, reminderFigures } from "./harness/action-items.ts";
import { sleep, startBot } from "./harness/bot-process.ts";
import { doubled, FIXTURE, missing, nightToDeclare, readColdNight, summarise, verdictOf, waitUntilSettled } from "./harness/cold-night-check.ts";
import { faultRuns, type FaultRun } from "./harness/fault-runs.ts";
import { flushRedis, REDIS_DB, redisUrl } from "./harness/fault-world.ts";
import { printTable } from "./harness/report.ts";
import { slashCommand } from "./harness/slack-ingress.ts";

/**
 * When the flush comes, counted from inserting the rows (the bot is up and the cold night declared by then: on two
 * busy cores starting the bot alone takes up to ~25 s).
 */
const FLUSH_AFTER_MS = 45_000;
/** Reminders fall due this long after the flush: at once, while the store is being rebuilt, and later. */
const DUE_AFTER_FLUSH_MS = [500, 5_000, 20_000];
const PER_WAVE = 10;
const DELIVERED_WITHIN_MS = 60_000;

/** Recurring job schedulers in a Redis DB index: members of BullMQ's `<prefix>:<queue>:repeat` sorted sets. */
async function countSchedulers(index: number): Promise<number> {
  const redis = new Redis(redisUrl(index), { maxRetriesPerRequest: 1 });
  try {
    let total = 0;
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", "*:repeat", "COUNT", 1000);
      cursor = next;
      for (const key of keys) if ((await redis.type(key)) === "zset") total += await redis.zcard(key);
    } while (cursor !== "0");
    return total;
  } finally {
    redis.disconnect();
  }
}

async function readyz(url: string): Promise<number | string> {
  try {
    const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(4000) });
    return res.status;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code ?? "error";
  }
}

describe("Redis FLUSHDB while the bot runs with pending rows", () => {
  const runs = faultRuns();
  let run: FaultRun;
  beforeAll(async () => {
    run = await runs.open({ redisDb: REDIS_DB.flush });
  });
  afterAll(() => runs.close());

  it("delivers every pending reminder once within 60 s and says 503 on /readyz until the schedulers are rebuilt", async () => {
    const { database, fake, env } = run;
    const inserted = Date.now();
    const flushAt = inserted + FLUSH_AFTER_MS;
    const reminders = await insertActionItemReminders(database.db, {
      count: PER_WAVE * DUE_AFTER_FLUSH_MS.length,
      batch: "flush",
      dueAt: (i) => new Date(flushAt + DUE_AFTER_FLUSH_MS[Math.floor(i / PER_WAVE)]!),
    });
    const bot = await startBot({ role: "start", env, name: "flush" });

    // A declared cold night: its ladder and close are pending rows (not due for 15 minutes) whose jobs the flush takes.
    const night = nightToDeclare();
    const declared = await slashCommand(bot.url, fake, FIXTURE.declarer, `kallnatt ${night}`, FIXTURE.mainChannel);
    expect(declared.status).toBe(200);
    const before = await waitUntilSettled({
      db: database.db,
      fake,
      done: async () => verdictOf(await readColdNight(database.db, fake, night)) === "complete",
      capMs: 15_000,
      stallMs: 15_000,
    });
    const declaredFigures = await readColdNight(database.db, fake, night);
    expect(verdictOf(declaredFigures), `the declaration before the flush is incomplete (${before.ended}): ${missing(declaredFigures).join("; ")}`).toBe(
      "complete",
    );
    const schedulersBefore = await countSchedulers(REDIS_DB.flush);
    expect(Date.now(), "the bot took too long to start and declare; the flush would come after the first reminders").toBeLessThan(flushAt);
    await sleep(flushAt - Date.now());

    await flushRedis(REDIS_DB.flush);
    const flushedAt = Date.now();
    const probes: { at: number; status: number | string; schedulers: number }[] = [];
    let delivered: ReturnType<typeof reminderFigures>;
    let allDeliveredAt: number | undefined;
    while (Date.now() - flushedAt < DELIVERED_WITHIN_MS + 5_000) {
      probes.push({ at: Date.now() - flushedAt, status: await readyz(bot.url), schedulers: await countSchedulers(REDIS_DB.flush) });
      delivered = reminderFigures(countReminderDeliveries(fake, reminders));
      if (delivered.once + delivered.doubled === delivered.total && allDeliveredAt === undefined) allDeliveredAt = Date.now() - flushedAt;
      const readyAgain = probes.at(-1)!.status === 200 && probes.some((p) => p.status === 503);
      // Done when everything arrived, readiness came back, and a few quiet seconds passed to catch a late double.
      if (allDeliveredAt !== undefined && readyAgain && Date.now() - flushedAt > allDeliveredAt + 3_000) break;
      await sleep(250);
    }
    delivered = reminderFigures(countReminderDeliveries(fake, reminders));
    const afterFlush = await readColdNight(database.db, fake, night);
    const firstReady =
      probes.find((p) => p.status === 503) === undefined
        ? undefined
        : probes.find((p, i) => p.status === 200 && probes.slice(0, i).some((q) => q.status === 503));
    const transitions = probes
      .filter((p, i) => i === 0 || p.status !== probes[i - 1]!.status)
      .map((p) => `${(p.at / 1000).toFixed(1)} s: ${p.status} (${p.schedulers} schedulers)`);

    printTable("Fault 2 — Redis FLUSHDB with pending rows (redis jobs)", [
      {
        reminders: delivered.total,
        "delivered once": delivered.once,
        lost: delivered.lost,
        doubled: delivered.doubled,
        "all delivered after flush": allDeliveredAt === undefined ? "never" : `${(allDeliveredAt / 1000).toFixed(1)} s`,
        "schedulers before/after": `${schedulersBefore}/${probes.at(-1)?.schedulers ?? "?"}`,
        "readyz back to 200": firstReady === undefined ? "never (no 503 seen)" : `${(firstReady.at / 1000).toFixed(1)} s`,
        "cold night re-sent": doubled(afterFlush).join(" ") || "–",
      },
    ]);
    printTable(
      "Fault 2 — /readyz after the flush (status changes)",
      transitions.map((t) => ({ probe: t })),
    );
    printTable("Fault 2 — the cold night declared before the flush, afterwards", [summarise(afterFlush)]);

    expect(bot.alive(), `the bot died:\n${bot.logTail()}`).toBe(true);
    expect(delivered.lostLabels, "reminders never delivered within 60 s of the flush").toEqual([]);
    expect(delivered.doubledLabels, "reminders delivered more than once").toEqual([]);
    expect(doubled(afterFlush), "cold-night messages sent again after the flush").toEqual([]);
    expect(
      probes.some((p) => p.status === 503),
      "/readyz never said 503 after the flush, though the schedulers were gone",
    ).toBe(true);
    expect(probes.at(-1)?.status, "/readyz did not come back to 200").toBe(200);
    // Readiness may take a moment to notice (a probe in flight during the flush); after a second it must know.
    for (const p of probes.filter((q) => q.status === 200 && q.at > 1000)) {
      expect(p.schedulers, `/readyz said 200 at ${p.at} ms with ${p.schedulers} of ${schedulersBefore} schedulers`).toBeGreaterThanOrEqual(schedulersBefore);
    }
  });
});
