/**
 * Fault 4: Slack misbehaves for a stretch — every call answered HTTP 429 with Retry-After, or HTTP 500, or
 * HTTP 200 `{ ok: false, error: "internal_error" }` — while a cold night is declared and reminders fall due.
 * Afterwards every message is delivered exactly once: each prompt, each card, the declarer's answer and each
 * reminder. One window per kind, each on a fresh database and bot.
 *
 * The windows are 30 s by default (FAULTS_WINDOW_MS to change): the Slack client's own retries (5, backing off
 * from 0.5 s, ~15 s in all) are used up well inside that, so what carries a message across the window is the
 * bot's own row-driven retrying, which is what the 60 s windows test; three 60 s windows would add
 * 1.5 minutes to a suite that must stay well under 15.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSlackFakeApi, type FaultKind, type SlackFakeApi } from "../helpers/slack-fake-api.ts";
import { countReminderDeliveries, insertActionItemReminders, reminderFigures } from "./harness/action-items.ts";
import { killAllBots, sleep, startBot } from "./harness/bot-process.ts";
import { doubled, FIXTURE, missing, nightToDeclare, readColdNight, summarise, verdictOf, waitUntilSettled } from "./harness/cold-night-check.ts";
import { botEnv, createTemplate, flushRedis, REDIS_DB, type RunDatabase, type Template } from "./harness/fault-world.ts";
import { printTable } from "./harness/report.ts";
import { slashCommand } from "./harness/slack-ingress.ts";

const WINDOW_MS = Number(process.env.FAULTS_WINDOW_MS ?? 30_000);
/** After the window closes, this long to deliver everything that piled up. */
const DRAIN_CAP_MS = 90_000;
const REMINDERS = 20;

const FAULTS: { name: string; fault: FaultKind }[] = [
  { name: "HTTP 429, Retry-After 5 s", fault: { kind: "ratelimited", retryAfterSeconds: 5 } },
  { name: "HTTP 500", fault: { kind: "server_error" } },
  { name: "HTTP 200 ok:false internal_error", fault: { kind: "internal_error" } },
];

describe(`Slack refusing every call for ${WINDOW_MS / 1000} s`, () => {
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
    printTable(`Fault 4 — Slack outage windows of ${WINDOW_MS / 1000} s (redis jobs)`, rows);
    await template?.drop();
  });

  it.each(FAULTS)("$name: every message delivered exactly once afterwards", async ({ name, fault }) => {
    const db = (database = await template.clone());
    const slack = (fake = await startSlackFakeApi());
    await flushRedis(REDIS_DB.outage);
    // Reminders fall due a third of the way into the window (the bot is up long before).
    const windowOpensAt = Date.now() + 8_000;
    const reminders = await insertActionItemReminders(db.db, { count: REMINDERS, batch: "outage", dueAt: () => new Date(windowOpensAt + WINDOW_MS / 3) });
    const bot = await startBot({ role: "start", env: botEnv({ database: db, fake: slack, backend: "redis", redisDb: REDIS_DB.outage }), name: `outage-${fault.kind}` });
    // Bolt looks the bot up once (auth.test) and keeps it; a real outage would find it looked up long ago.
    for (let i = 0; i < 100 && slack.calls("auth.test").length === 0; i++) await sleep(50);
    expect(Date.now(), "the bot took too long to start").toBeLessThan(windowOpensAt);
    await sleep(windowOpensAt - Date.now());

    slack.faultWindow(fault, WINDOW_MS);
    await sleep(1000);
    const night = nightToDeclare();
    const answer = await slashCommand(bot.url, slack, FIXTURE.declarer, `kallnatt ${night} -11`, FIXTURE.mainChannel);
    await sleep(windowOpensAt + WINDOW_MS - Date.now());
    const atWindowEnd = { night: verdictOf(await readColdNight(db.db, slack, night)), reminders: reminderFigures(countReminderDeliveries(slack, reminders)) };

    const wait = await waitUntilSettled({
      db: db.db,
      fake: slack,
      done: async () => verdictOf(await readColdNight(db.db, slack, night)) === "complete" && reminderFigures(countReminderDeliveries(slack, reminders)).lost === 0,
      capMs: DRAIN_CAP_MS,
      stallMs: 45_000,
      quietMs: 3000,
    });
    const figures = await readColdNight(db.db, slack, night);
    const r = reminderFigures(countReminderDeliveries(slack, reminders));
    const refused = [...slack.faulted().entries()].map(([m, n]) => `${m} ${n}`).join(", ");
    rows.push({
      fault: name,
      command: answer.status ?? answer.error ?? "?",
      refused: refused || "0",
      "at window end": `${atWindowEnd.night}, ${atWindowEnd.reminders.once}/${REMINDERS} reminders`,
      "settled after window": `${(wait.ms / 1000).toFixed(1)} s (${wait.ended})`,
      "cold night": verdictOf(figures),
      ...summarise(figures),
      reminders: `${r.once}/${r.total} once`,
      "reminders lost": r.lost,
      "reminders doubled": r.doubled,
    });

    expect(bot.alive(), `the bot died:\n${bot.logTail()}`).toBe(true);
    expect(answer.status, "the command itself does not need Slack's Web API to be acknowledged").toBe(200);
    expect(doubled(figures), "cold-night messages sent more than once").toEqual([]);
    expect(verdictOf(figures), `after the window: ${missing(figures).join("; ")}`).toBe("complete");
    expect(r.lostLabels, "reminders never delivered").toEqual([]);
    expect(r.doubledLabels, "reminders delivered more than once").toEqual([]);
  });
});
