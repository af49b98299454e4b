import { createJobRuntime, type JobRuntime } from "../../jobs/job-runtime.ts";
import { createReminderProcessor, createReminders, reconcileReminders } from "../../src/reminders/index.ts";
import { systemClock } from "../../src/shared/clock.ts";
import { silentLogger } from "../../src/shared/logger.ts";
import type { TestDatabase } from "../helpers/test-database.ts";
import { createJobsTestbed, type BackendName } from "../integration/jobs/job-backends.ts";
import { percentile, timeMs, type Bench, type BenchResult } from "./bench.ts";
import { z } from "zod";

// Ten times the largest real wave (every shelter of a big city escalated at once). Escalation steps are
// minutes apart, so a few seconds of lateness in such a wave is harmless; a minute would not be.
const BURST = 500;
const SWEEP_ROWS = 5_000;
const TARGET_SCHEDULE_P95_MS = 50;
const TARGET_LATENESS_P95_MS = 10_000;
const TARGET_SWEEP_MS = 5_000;

/** A burst of reminders all due at the same moment (a cold night's escalation wave), end to end through the queue. */
async function measureBurst(backend: BackendName): Promise<BenchResult> {
  return withRuntime(backend, async (db, runtime) => {
    const lateness: number[] = [];
    const processReminder = createReminderProcessor({
      db: db.db,
      clock: systemClock,
      logger: silentLogger,
      handlers: [{ kind: "bench", payload: z.unknown(), run: async (r) => void lateness.push(Date.now() - r.dueAt.getTime()) }],
    });
    await runtime.startWorkers({ processReminder, deliverOutbox: () => Promise.resolve(), recurring: [] });
    const reminders = createReminders({ db: db.db, queue: runtime.reminderQueue, clock: systemClock, logger: silentLogger });
    const dueAt = new Date(Date.now() + 3_000);
    const scheduling: number[] = [];
    for (let i = 0; i < BURST; i++) {
      scheduling.push(await timeMs(() => reminders.schedule({ key: `bench:${i}`, kind: "bench", dueAt })));
    }
    while (lateness.length < BURST && Date.now() < dueAt.getTime() + 60_000) await new Promise((r) => setTimeout(r, 50));
    const scheduleP95 = percentile(scheduling, 95);
    const latenessP95 = percentile(lateness, 95);
    return {
      measured: `schedule p95 ${scheduleP95.toFixed(1)} ms; ${lateness.length}/${BURST} ran, lateness p50 ${percentile(lateness, 50)} ms, p95 ${latenessP95} ms`,
      ok: lateness.length === BURST && scheduleP95 < TARGET_SCHEDULE_P95_MS && latenessP95 < TARGET_LATENESS_P95_MS,
    };
  });
}

/** The reconcile sweep over many pending rows (after a Redis loss every one of them must be queued again). */
async function measureSweep(backend: BackendName): Promise<BenchResult> {
  return withRuntime(backend, async (db, runtime) => {
    const dueAt = new Date(Date.now() + 10 * 60_000);
    const rows = Array.from({ length: SWEEP_ROWS }, (_, i) => ({ key: `sweep:${i}`, kind: "bench", due_at: dueAt, payload: "{}", updated_at: new Date() }));
    for (let i = 0; i < rows.length; i += 1_000) await db.db.insertInto("reminders").values(rows.slice(i, i + 1_000)).execute();
    const reconcile = () => reconcileReminders({ db: db.db, queue: runtime.reminderQueue, clock: systemClock, logger: silentLogger });
    const first = await timeMs(reconcile);
    const again = await timeMs(reconcile);
    return {
      measured: `${SWEEP_ROWS} rows: first sweep ${first.toFixed(0)} ms, repeat sweep (all already queued) ${again.toFixed(0)} ms`,
      ok: first < TARGET_SWEEP_MS && again < TARGET_SWEEP_MS,
    };
  });
}

async function withRuntime(backend: BackendName, work: (db: TestDatabase, runtime: JobRuntime) => Promise<BenchResult>): Promise<BenchResult> {
  const testbed = await createJobsTestbed(backend);
  const runtime = createJobRuntime({ ...testbed.connection, logger: silentLogger });
  try {
    return await work(testbed.db, runtime);
  } finally {
    await runtime.close();
    await testbed.close();
  }
}

/** The job runtime's benches, on Redis and on PostgreSQL; add them to `benches` in run.ts. */
export const reminderBenches: Bench[] = (["redis", "postgres"] as const).flatMap((backend) => [
  {
    name: `reminders on ${backend}: a burst of ${BURST} due at once`,
    target: `schedule p95 < ${TARGET_SCHEDULE_P95_MS} ms, all run, lateness p95 < ${TARGET_LATENESS_P95_MS} ms`,
    run: () => measureBurst(backend),
  },
  {
    name: `reminders on ${backend}: reconcile sweep`,
    target: `a sweep over ${SWEEP_ROWS} pending rows < ${TARGET_SWEEP_MS} ms`,
    run: () => measureSweep(backend),
  },
]);
