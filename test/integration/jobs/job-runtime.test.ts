import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import type { JobQueue } from "../../../jobs/queue-backend.ts";
import { REMINDER_QUEUE, reminderJobId } from "../../../jobs/reminder.jobs.ts";
import type { ReminderHandler } from "../../../src/app/feature.ts";
import {
  createReminderProcessor,
  createReminders,
  reconcileReminders,
  type ReminderJobRef,
  type ReminderRecord,
  type Reminders,
} from "../../../src/reminders/index.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { noMetrics } from "../../../src/shared/metrics.ts";
import type { TestDatabase } from "../../helpers/test-database.ts";
import { BACKENDS, createJobsTestbed, type JobsTestbed } from "./job-backends.ts";
import { waitFor } from "./wait-for.ts";
import { z } from "zod";

const inMs = (ms: number): Date => new Date(Date.now() + ms);

describe.each(BACKENDS)("the job runtime on $name", (backend) => {
  let testbed: JobsTestbed;
  let db: TestDatabase;
  let runtime: JobRuntime;
  let reminders: Reminders;
  let directQueue: JobQueue;
  // What the handlers did (the acts), and which jobs reached the processor (the deliveries).
  const acts: { reminder: ReminderRecord; at: Date }[] = [];
  const deliveries: ReminderJobRef[] = [];
  const flakyFailures = new Map<string, number>();
  const ticks: Date[] = [];
  // What the runtime counted: how each job attempt ended, per queue.
  const settled: string[] = [];
  const countOf = (entry: string) => settled.filter((s) => s === entry).length;

  const anyPayload = z.record(z.string(), z.unknown());
  const handlers: ReminderHandler[] = [
    { kind: "test.record", payload: anyPayload, run: async (reminder) => void acts.push({ reminder, at: new Date() }) },
    {
      kind: "test.flaky",
      payload: anyPayload,
      run: async (reminder) => {
        const failures = flakyFailures.get(reminder.key) ?? 0;
        if (failures < 2) {
          flakyFailures.set(reminder.key, failures + 1);
          throw new SamverkaError("platform_unavailable", "Slack is down", { retryable: true });
        }
        acts.push({ reminder, at: new Date() });
      },
    },
    {
      kind: "test.rejected",
      payload: anyPayload,
      run: () => Promise.reject(new SamverkaError("platform_rejected", "channel_not_found")),
    },
    {
      kind: "test.broken",
      payload: anyPayload,
      run: () => Promise.reject(new Error("connection terminated unexpectedly")),
    },
    {
      kind: "test.slow",
      payload: anyPayload,
      run: async (reminder) => {
        await sleep(400);
        acts.push({ reminder, at: new Date() });
      },
    },
  ];

  const actsFor = (key: string) => acts.filter((a) => a.reminder.key === key);
  const deliveriesOf = (job: ReminderJobRef) => deliveries.filter((d) => d.reminderId === job.reminderId && d.dueAt.getTime() === job.dueAt.getTime()).length;
  const row = (key: string) => db.db.selectFrom("reminders").selectAll().where("key", "=", key).executeTakeFirstOrThrow();
  const rowWithStatus = async (key: string, status: string) => {
    const r = await row(key);
    return r.status === status ? r : undefined;
  };
  const reconcile = () => reconcileReminders({ db: db.db, queue: runtime.reminderQueue, clock: systemClock, logger: silentLogger });

  beforeAll(async () => {
    testbed = await createJobsTestbed(backend.name);
    db = testbed.db;
    runtime = createJobRuntime({
      ...testbed.connection,
      logger: silentLogger,
      retry: { attempts: 5, backoffMs: 100 },
      metrics: { ...noMetrics, jobSettled: (queue, outcome) => void settled.push(`${queue} ${outcome}`) },
    });
    directQueue = testbed.openQueue(REMINDER_QUEUE);
    const processReminder = createReminderProcessor({ db: db.db, handlers, clock: systemClock, logger: silentLogger, maxAttempts: 3 });
    await runtime.startWorkers({
      processReminder: async (job) => {
        deliveries.push(job);
        await processReminder(job);
      },
      deliverOutbox: () => Promise.resolve(),
      recurring: [{ name: "test.every-second", cron: "* * * * * *", run: async (now) => void ticks.push(now) }],
    });
    reminders = createReminders({ db: db.db, queue: runtime.reminderQueue, clock: systemClock, logger: silentLogger });
  });

  afterAll(async () => {
    await runtime?.close();
    await testbed?.close();
  });

  it("refuses two reminder handlers for one kind", () => {
    const twice = [handlers[0], handlers[0]].filter((h) => h !== undefined);
    expect(() => createReminderProcessor({ db: db.db, handlers: twice, clock: systemClock, logger: silentLogger })).toThrow(/test\.record/);
  });

  it("answers a readiness ping", async () => {
    expect(await runtime.ping()).toBe(true);
  });

  it("runs a delayed reminder once it falls due, not before", async () => {
    const dueAt = inMs(400);
    const scheduled = await reminders.schedule({ key: "delayed", kind: "test.record", dueAt, payload: { meeting: "m1" } });

    expect((await row("delayed")).status).toBe("pending");
    const done = await waitFor("the reminder to be done", () => rowWithStatus("delayed", "done"));

    expect(actsFor("delayed")).toHaveLength(1);
    expect(actsFor("delayed")[0]?.at.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(actsFor("delayed")[0]?.reminder).toMatchObject({ id: scheduled.id, payload: { meeting: "m1" }, attempts: 1 });
    expect(done.done_at).not.toBeNull();
  });

  it("acts once when the same job is delivered twice", async () => {
    const scheduled = await reminders.schedule({ key: "twice", kind: "test.record", dueAt: inMs(100) });
    const job = { reminderId: scheduled.id, dueAt: scheduled.dueAt };
    await waitFor("the first delivery to finish", () => rowWithStatus("twice", "done"));
    // Until the finished job leaves the queue, adding its id again is a no-op rather than a second delivery.
    await waitFor("the finished job to leave the queue", async () => ((await directQueue.getJob(reminderJobId(job))) === undefined ? true : undefined));

    await runtime.reminderQueue.enqueue(job.reminderId, job.dueAt);
    await waitFor("the second delivery", () => (deliveriesOf(job) === 2 ? true : undefined));

    expect(actsFor("twice")).toHaveLength(1);
    expect(await row("twice")).toMatchObject({ status: "done", attempts: 1 });
  });

  it("fires a moved reminder at its new time, and its old job does nothing", async () => {
    const first = await reminders.schedule({ key: "moved", kind: "test.record", dueAt: inMs(300) });
    const moved = await reminders.schedule({ key: "moved", kind: "test.record", dueAt: inMs(600) });
    // As if removing the old job had failed: it is delivered anyway.
    const oldJob = { reminderId: first.id, dueAt: first.dueAt };
    await runtime.reminderQueue.enqueue(oldJob.reminderId, oldJob.dueAt);

    await waitFor("the old job to be delivered", () => (deliveriesOf(oldJob) === 1 ? true : undefined));
    await waitFor("the moved reminder to be done", () => rowWithStatus("moved", "done"));

    expect(moved.id).toBe(first.id);
    expect(actsFor("moved").map((a) => a.reminder.dueAt)).toEqual([moved.dueAt]);
  });

  it("never fires a cancelled reminder, even when its job is still delivered", async () => {
    const scheduled = await reminders.schedule({ key: "cancelled", kind: "test.record", dueAt: inMs(1_000) });
    expect(await reminders.cancel("cancelled")).toBe(true);
    const job = { reminderId: scheduled.id, dueAt: scheduled.dueAt };
    expect(await directQueue.getJob(reminderJobId(job))).toBeUndefined();

    await runtime.reminderQueue.enqueue(job.reminderId, job.dueAt);
    await waitFor("the job to be delivered", () => (deliveriesOf(job) === 1 ? true : undefined));

    expect(actsFor("cancelled")).toHaveLength(0);
    expect((await row("cancelled")).status).toBe("cancelled");
  });

  it("rebuilds a job lost from the queue from its row, and it fires once", async () => {
    const scheduled = await reminders.schedule({ key: "lost", kind: "test.record", dueAt: inMs(300) });
    const jobId = reminderJobId({ reminderId: scheduled.id, dueAt: scheduled.dueAt });
    expect(await directQueue.remove(jobId)).toBe(1);
    expect(await directQueue.getJob(jobId)).toBeUndefined();

    const result = await reconcile();
    expect(result.queued).toBeGreaterThanOrEqual(1);
    await reconcile();
    await waitFor("the rebuilt reminder to be done", () => rowWithStatus("lost", "done"));

    expect(actsFor("lost")).toHaveLength(1);
    expect(deliveriesOf({ reminderId: scheduled.id, dueAt: scheduled.dueAt })).toBe(1);
  });

  it("retries a handler that fails with a retryable error, then acts once, and counts the retries", async () => {
    const [retried, processed] = [countOf("reminders retried"), countOf("reminders processed")];
    await reminders.schedule({ key: "flaky", kind: "test.flaky", dueAt: inMs(50) });

    const done = await waitFor("the flaky reminder to be done", () => rowWithStatus("flaky", "done"));

    expect(actsFor("flaky")).toHaveLength(1);
    expect(done.attempts).toBe(3);
    expect(done.last_error).toBeNull();
    await waitFor("the job to be counted as processed", () => (countOf("reminders processed") > processed ? true : undefined));
    expect(countOf("reminders retried") - retried).toBe(2);
  });

  it("gives up a reminder whose handler fails for good, without retrying it", async () => {
    const failed = countOf("reminders failed");
    await reminders.schedule({ key: "rejected", kind: "test.rejected", dueAt: inMs(50) });

    const given = await waitFor("the reminder to be given up", () => rowWithStatus("rejected", "failed"));

    expect(given.attempts).toBe(1);
    await waitFor("the job to be counted as failed", () => (countOf("reminders failed") === failed + 1 ? true : undefined));
    expect(given.last_error).toBe("platform_rejected: channel_not_found");
  });

  it("retries an unexplained failure up to the attempt limit, then gives the reminder up", async () => {
    const scheduled = await reminders.schedule({ key: "broken", kind: "test.broken", dueAt: inMs(50) });
    const jobId = reminderJobId({ reminderId: scheduled.id, dueAt: scheduled.dueAt });

    const given = await waitFor("the reminder to be given up", () => rowWithStatus("broken", "failed"));
    await waitFor("the failed job to leave the queue", async () => ((await directQueue.getJob(jobId)) === undefined ? true : undefined));

    expect(given.attempts).toBe(3);
    expect(given.last_error).toBe("internal: connection terminated unexpectedly");
    expect(deliveriesOf({ reminderId: scheduled.id, dueAt: scheduled.dueAt })).toBe(3);
  });

  it("gives up a reminder of an unknown kind instead of retrying it", async () => {
    const scheduled = await reminders.schedule({ key: "unknown", kind: "test.nobody", dueAt: inMs(50) });
    const jobId = reminderJobId({ reminderId: scheduled.id, dueAt: scheduled.dueAt });

    const given = await waitFor("the reminder to be given up", () => rowWithStatus("unknown", "failed"));
    await waitFor("the failed job to leave the queue", async () => ((await directQueue.getJob(jobId)) === undefined ? true : undefined));
    await reconcile();

    expect(given.attempts).toBe(1);
    expect(given.last_error).toContain('no reminder handler for kind "test.nobody"');
    expect(await directQueue.getJob(jobId)).toBeUndefined();
    expect((await row("unknown")).status).toBe("failed");
  });

  it("runs a reminder again whose worker died mid-handler, once the claim is stale", async () => {
    const scheduled = await reminders.schedule({ key: "crashed", kind: "test.record", dueAt: inMs(60_000) });
    await db.db
      .updateTable("reminders")
      .set({ status: "processing", claimed_at: new Date(Date.now() - 20 * 60_000), due_at: new Date(Date.now() - 60_000) })
      .where("id", "=", scheduled.id)
      .execute();

    const result = await reconcile();
    await waitFor("the released reminder to be done", () => rowWithStatus("crashed", "done"));

    expect(result.released).toBe(1);
    expect(actsFor("crashed")).toHaveLength(1);
  });

  it("runs a reminder that a separate web process scheduled", async () => {
    const web = createJobRuntime({ ...testbed.connection, logger: silentLogger });
    try {
      const fromWeb = createReminders({ db: db.db, queue: web.reminderQueue, clock: systemClock, logger: silentLogger });
      await fromWeb.schedule({ key: "from-web", kind: "test.record", dueAt: inMs(100) });

      await waitFor("the worker to run it", () => rowWithStatus("from-web", "done"));
      expect(actsFor("from-web")).toHaveLength(1);
    } finally {
      await web.close();
    }
  });

  it("runs recurring tasks on their cron schedule", async () => {
    const since = new Date();
    await waitFor("two ticks", () => (ticks.filter((t) => t >= since).length >= 2 ? true : undefined));
  });

  it("lets a running reminder finish when it closes", async () => {
    await reminders.schedule({ key: "slow", kind: "test.slow", dueAt: inMs(0) });
    await waitFor("the slow reminder to start", () => rowWithStatus("slow", "processing"));

    await runtime.close();

    expect((await row("slow")).status).toBe("done");
    expect(actsFor("slow")).toHaveLength(1);
  });
});
