/**
 * Scale-out: `samverka web` ×2 and `samverka worker` ×2 on one PostgreSQL and one Redis behave as one bot.
 * 200 reminders fall due (half before the workers start, half while they run) and two people declare the same
 * cold night at the same moment through the two web processes: every reminder reaches its owner once, the cold
 * night is declared once with each prompt and card once, and both declarers are answered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countReminderDeliveries, insertActionItemReminders, reminderFigures } from "./harness/action-items.ts";
import { startBot } from "./harness/bot-process.ts";
import {
  doubled,
  FIXTURE,
  isAnswerTo,
  missing,
  namesNight,
  nightToDeclare,
  readColdNight,
  summarise,
  verdictOf,
  waitUntilSettled,
} from "./harness/cold-night-check.ts";
import { faultRuns, type FaultRun } from "./harness/fault-runs.ts";
import { REDIS_DB } from "./harness/fault-world.ts";
import { printTable } from "./harness/report.ts";
import { slashCommand } from "./harness/slack-ingress.ts";

const REMINDERS = 200;

describe("2 × samverka web + 2 × samverka worker on one database and one Redis", () => {
  const runs = faultRuns();
  let run: FaultRun;
  beforeAll(async () => {
    run = await runs.open({ redisDb: REDIS_DB.scaleOut });
  });
  afterAll(() => runs.close());

  it("delivers 200 reminders and a cold night declared twice at once exactly once each", async () => {
    const { database, fake, env } = run;
    const now = Date.now();
    // Half are overdue when the workers start (both queue them at once), half fall due while both run.
    const reminders = await insertActionItemReminders(database.db, {
      count: REMINDERS,
      batch: "scale",
      dueAt: (i) => new Date(i % 2 === 0 ? now - 60_000 : now + 15_000),
    });
    const [web1, web2, worker1, worker2] = await Promise.all([
      startBot({ role: "web", env, name: "scale-web-1" }),
      startBot({ role: "web", env, name: "scale-web-2" }),
      startBot({ role: "worker", env, name: "scale-worker-1" }),
      startBot({ role: "worker", env, name: "scale-worker-2" }),
    ]);
    const started = Date.now();

    const night = nightToDeclare();
    const [first, second] = await Promise.all([
      slashCommand(web1.url, fake, FIXTURE.declarer, `kallnatt ${night} -14`, FIXTURE.mainChannel),
      slashCommand(web2.url, fake, FIXTURE.secondDeclarer, `kallnatt ${night} -14`, FIXTURE.mainChannel),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);

    const allReminders = () => reminderFigures(countReminderDeliveries(fake, reminders));
    const secondAnswered = () => fake.deliveries().some((d) => isAnswerTo(d, FIXTURE.secondDeclarer) && namesNight(d.text, night));
    const wait = await waitUntilSettled({
      db: database.db,
      fake,
      done: async () => {
        const r = allReminders();
        return r.lost === 0 && secondAnswered() && verdictOf(await readColdNight(database.db, fake, night)) === "complete";
      },
      capMs: 90_000,
      stallMs: 30_000,
    });
    const figures = await readColdNight(database.db, fake, night);
    const r = allReminders();
    printTable("Scale-out — 2 web + 2 worker, one PostgreSQL, one Redis", [
      {
        reminders: r.total,
        "delivered once": r.once,
        lost: r.lost,
        doubled: r.doubled,
        "cold night": verdictOf(figures),
        "second declarer told": secondAnswered() ? "yes" : "no",
        "settled after start": `${((Date.now() - started) / 1000).toFixed(1)} s (${wait.ended})`,
      },
    ]);
    printTable("Scale-out — the cold night declared through both web processes at once", [summarise(figures)]);

    for (const bot of [web1, web2, worker1, worker2]) expect(bot.alive(), `${bot.name} died:\n${bot.logTail()}`).toBe(true);
    expect(r.lostLabels, "reminders never delivered").toEqual([]);
    expect(r.doubledLabels, "reminders delivered more than once").toEqual([]);
    expect(figures.alerts, "one night, one alert").toBe(1);
    expect(doubled(figures), "cold-night messages sent more than once").toEqual([]);
    expect(verdictOf(figures), `missing: ${missing(figures).join("; ")}`).toBe("complete");
    expect(secondAnswered(), "the second declarer was not told the night was already declared").toBe(true);
  });
});
