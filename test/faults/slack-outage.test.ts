/**
 * Fault 4: Slack misbehaves for a stretch — every call answered HTTP 429 with Retry-After, or HTTP 500, or
 * HTTP 200 `{ ok: false, error: "internal_error" }` — while a cold night is declared and reminders fall due.
 * Afterwards every message is delivered exactly once: each prompt, each card, the declarer's answer and each
 * reminder. One window per kind, each on a fresh database and bot, the three at the same time.
 *
 * The windows are the 60 s by default (FAULTS_WINDOW_MS=30000 runs shorter ones while iterating): longer than
 * the Slack client's own retries (5, backing off from 0.5 s), so every message fails several of the outbox's
 * row-driven attempts (backoff 1, 2, 4, 8, 16 s…) and is carried across the outage by its row; the three windows run
 * at the same time, so the file takes about two minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultKind } from "../helpers/slack-fake-api.ts";
import { countReminderDeliveries, insertActionItemReminders, reminderFigures, type ActionItemReminders } from "./harness/action-items.ts";
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
} from "./harness/cold-night-check.ts";
import { mapLimit } from "./harness/concurrent.ts";
import { faultRuns, type FaultRun } from "./harness/fault-runs.ts";
import { REDIS_DB } from "./harness/fault-world.ts";
import { printTable } from "./harness/report.ts";
import { slashCommand, type IngressResult } from "./harness/slack-ingress.ts";

const WINDOW_MS = Number(process.env.FAULTS_WINDOW_MS ?? 60_000);
/** After the window closes, this long to deliver everything that piled up. */
const DRAIN_CAP_MS = 90_000;
const REMINDERS = 20;

const FAULTS: { name: string; fault: FaultKind }[] = [
  { name: "HTTP 429, Retry-After 5 s", fault: { kind: "ratelimited", retryAfterSeconds: 5 } },
  { name: "HTTP 500", fault: { kind: "server_error" } },
  { name: "HTTP 200 ok:false internal_error", fault: { kind: "internal_error" } },
];

/** One window's run and what it came to. */
interface Outage extends FaultRun {
  name: string;
  fault: FaultKind;
  reminders: ActionItemReminders;
  night: string;
  bot?: BotProcess;
  answer?: IngressResult;
  atWindowEnd?: string;
  settled?: { ended: string; ms: number };
  figures?: ColdNightFigures;
  delivered?: ReturnType<typeof reminderFigures>;
}

describe(`Slack refusing every call for ${WINDOW_MS / 1000} s`, () => {
  const runs = faultRuns();
  const outages: Outage[] = [];

  // The three windows run side by side (a database, a fake and a Redis index each): most of a window is waiting.
  beforeAll(async () => {
    for (const [i, { name, fault }] of FAULTS.entries()) {
      outages.push({ ...(await runs.open({ redisDb: REDIS_DB.outage[i]! })), name, fault, reminders: { items: [] }, night: nightToDeclare() });
    }
    await mapLimit(outages, 2, async (o) => {
      o.bot = await startBot({ role: "start", env: o.env, name: `outage-${o.fault.kind}` });
      // Bolt looks the bot up once (auth.test) and keeps it; a real outage would find it looked up long ago.
      for (let n = 0; n < 100 && o.fake.calls("auth.test").length === 0; n++) await sleep(50);
    });
    // Reminders fall due a third of the way into the window. Written as rows only: the sweep (every 15 s, for
    // rows due within two minutes) queues them, as it would rows whose jobs were lost.
    const windowOpensAt = Date.now() + 2000;
    for (const o of outages)
      o.reminders = await insertActionItemReminders(o.database.db, { count: REMINDERS, batch: "outage", dueAt: () => new Date(windowOpensAt + WINDOW_MS / 3) });
    await sleep(windowOpensAt - Date.now());

    await Promise.all(
      outages.map(async (o) => {
        const { db } = o.database;
        o.fake.faultWindow(o.fault, WINDOW_MS);
        await sleep(1000);
        o.answer = await slashCommand(o.bot!.url, o.fake, FIXTURE.declarer, `kallnatt ${o.night} -11`, FIXTURE.mainChannel);
        await sleep(windowOpensAt + WINDOW_MS - Date.now());
        o.atWindowEnd = `${verdictOf(await readColdNight(db, o.fake, o.night))}, ${reminderFigures(countReminderDeliveries(o.fake, o.reminders)).once}/${REMINDERS} reminders`;
        o.settled = await waitUntilSettled({
          db,
          fake: o.fake,
          done: async () =>
            verdictOf(await readColdNight(db, o.fake, o.night)) === "complete" && reminderFigures(countReminderDeliveries(o.fake, o.reminders)).lost === 0,
          capMs: DRAIN_CAP_MS,
          stallMs: 60_000,
          quietMs: 3000,
          endWhenIdle: true,
        });
        o.figures = await readColdNight(db, o.fake, o.night);
        o.delivered = reminderFigures(countReminderDeliveries(o.fake, o.reminders));
      }),
    );
    printTable(
      `Fault 4 — Slack outage windows of ${WINDOW_MS / 1000} s (redis jobs)`,
      outages.map((o) => ({
        fault: o.name,
        command: o.answer?.status ?? o.answer?.error ?? "?",
        refused: [...o.fake.faulted().entries()].map(([m, n]) => `${m} ${n}`).join(", ") || "0",
        "at window end": o.atWindowEnd ?? "?",
        "settled after window": `${(o.settled!.ms / 1000).toFixed(1)} s (${o.settled!.ended})`,
        "cold night": verdictOf(o.figures!),
        ...summarise(o.figures!),
        reminders: `${o.delivered!.once}/${o.delivered!.total} once`,
        "reminders lost": o.delivered!.lost,
        "reminders doubled": o.delivered!.doubled,
      })),
    );
  }, 6 * 60_000);

  afterAll(() => runs.close());

  it.each(FAULTS.map((f) => f.name))("%s: every message delivered exactly once afterwards", (name) => {
    const o = outages.find((x) => x.name === name)!;
    expect(o.bot!.alive(), `the bot died:\n${o.bot!.logTail()}`).toBe(true);
    expect(o.answer?.status, "the command itself does not need Slack's Web API to be acknowledged").toBe(200);
    expect(doubled(o.figures!), "cold-night messages sent more than once").toEqual([]);
    expect(verdictOf(o.figures!), `after the window: ${missing(o.figures!).join("; ")}`).toBe("complete");
    expect(o.delivered!.lostLabels, "reminders never delivered").toEqual([]);
    expect(o.delivered!.doubledLabels, "reminders delivered more than once").toEqual([]);
  });
});
