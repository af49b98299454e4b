import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import type { JobQueue } from "../../../jobs/queue-backend.ts";
import { REMINDER_QUEUE, reminderJobId } from "../../../jobs/reminder.jobs.ts";
import { createReminders, reconcileReminders, type ReminderRecord, type Reminders } from "../../../src/reminders/index.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import type { TestDatabase } from "../../helpers/test-database.ts";
import { BACKENDS, createJobsTestbed, type JobsTestbed } from "./job-backends.ts";

const inMs = (ms: number): Date => new Date(Date.now() + ms);

describe.each(BACKENDS)("scheduling reminders with the queue on $name", (backend) => {
  let testbed: JobsTestbed;
  let db: TestDatabase;
  let runtime: JobRuntime;
  let reminders: Reminders;
  let queue: JobQueue;

  const jobOf = (reminder: Pick<ReminderRecord, "id" | "dueAt">) => queue.getJob(reminderJobId({ reminderId: reminder.id, dueAt: reminder.dueAt }));
  const row = (key: string) => db.db.selectFrom("reminders").selectAll().where("key", "=", key).executeTakeFirstOrThrow();
  const setStatus = (key: string, status: "done" | "processing") =>
    db.db.updateTable("reminders").set({ status, claimed_at: new Date() }).where("key", "=", key).execute();

  beforeAll(async () => {
    testbed = await createJobsTestbed(backend.name);
    db = testbed.db;
    // No workers: these tests look at rows and queued jobs, not at delivery.
    runtime = createJobRuntime({ ...testbed.connection, logger: silentLogger });
    reminders = createReminders({ db: db.db, queue: runtime.reminderQueue, clock: systemClock, logger: silentLogger });
    queue = testbed.openQueue(REMINDER_QUEUE);
  });

  afterAll(async () => {
    await runtime?.close();
    await testbed?.close();
  });

  it("queues one delayed job carrying only the row id and due time", async () => {
    const dueAt = inMs(60_000);
    const reminder = await reminders.schedule({ key: "meeting:1:day-before", kind: "meeting.day-before", dueAt, payload: { meetingId: "1" } });

    const job = await jobOf(reminder);

    expect(job?.data).toEqual({ reminderId: reminder.id, dueAt: dueAt.toISOString() });
    expect(await job?.getState()).toBe("delayed");
    expect(await row("meeting:1:day-before")).toMatchObject({ status: "pending", payload: { meetingId: "1" }, attempts: 0 });
  });

  it("keeps one row and one job when the same reminder is scheduled twice", async () => {
    const spec = { key: "twice", kind: "k", dueAt: inMs(60_000) };
    const first = await reminders.schedule(spec);
    const second = await reminders.schedule(spec);

    const rows = await db.db.selectFrom("reminders").select("id").where("key", "=", "twice").execute();
    const delayed = await queue.getDelayed();

    expect(second.id).toBe(first.id);
    expect(rows).toHaveLength(1);
    expect(delayed.filter((j) => (j.data as { reminderId: string }).reminderId === first.id)).toHaveLength(1);
  });

  it("keeps one row when the same key is scheduled concurrently", async () => {
    const dueTimes = Array.from({ length: 8 }, (_, i) => inMs(60_000 + i * 1_000));
    const scheduled = await Promise.all(dueTimes.map((dueAt) => reminders.schedule({ key: "race", kind: "k", dueAt })));

    const rows = await db.db.selectFrom("reminders").selectAll().where("key", "=", "race").execute();

    expect(new Set(scheduled.map((r) => r.id)).size).toBe(1);
    expect(rows).toHaveLength(1);
    expect(dueTimes).toContainEqual(rows[0]?.due_at);
    expect(await jobOf({ id: rows[0]?.id ?? "", dueAt: rows[0]?.due_at ?? new Date(0) })).toBeDefined();
  });

  it("replaces the job when a reminder moves", async () => {
    const before = await reminders.schedule({ key: "move", kind: "k", dueAt: inMs(60_000) });
    const after = await reminders.schedule({ key: "move", kind: "k", dueAt: inMs(120_000) });

    expect(after.id).toBe(before.id);
    expect(await jobOf(before)).toBeUndefined();
    expect(await jobOf(after)).toBeDefined();
    expect((await row("move")).due_at).toEqual(after.dueAt);
  });

  it("cancels a reminder and removes its job; a second cancel finds nothing open", async () => {
    const reminder = await reminders.schedule({ key: "cancel-me", kind: "k", dueAt: inMs(60_000) });

    expect(await reminders.cancel("cancel-me")).toBe(true);
    expect(await reminders.cancel("cancel-me")).toBe(false);
    expect(await jobOf(reminder)).toBeUndefined();
    expect((await row("cancel-me")).status).toBe("cancelled");
  });

  it("cancels by a literal key prefix", async () => {
    const keys = ["coldnight:7:step-1", "coldnight:7:step-2", "coldnight:70:step-1", "coldnight:7x"];
    for (const key of keys) await reminders.schedule({ key, kind: "k", dueAt: inMs(60_000) });

    expect(await reminders.cancelByPrefix("coldnight:7_")).toBe(0);
    expect(await reminders.cancelByPrefix("coldnight:7:")).toBe(2);

    const statuses = await Promise.all(keys.map(async (key) => (await row(key)).status));
    expect(statuses).toEqual(["cancelled", "cancelled", "pending", "pending"]);
  });

  it("leaves a done reminder alone unless it is re-armed", async () => {
    const dueAt = inMs(60_000);
    await reminders.schedule({ key: "done", kind: "k", dueAt });
    await setStatus("done", "done");
    const kept = await reminders.schedule({ key: "done", kind: "k", dueAt: inMs(90_000) });

    expect((await row("done")).status).toBe("done");
    expect(kept.dueAt).toEqual(dueAt);

    const rearmed = await reminders.schedule({ key: "done", kind: "k", dueAt: inMs(90_000) }, { rearm: true });

    expect(await row("done")).toMatchObject({ status: "pending", attempts: 0, done_at: null });
    expect(await jobOf(rearmed)).toBeDefined();
  });

  it("arms a cancelled reminder again when it is scheduled", async () => {
    await reminders.schedule({ key: "again", kind: "k", dueAt: inMs(60_000) });
    await reminders.cancel("again");
    const again = await reminders.schedule({ key: "again", kind: "k", dueAt: inMs(60_000) });

    expect((await row("again")).status).toBe("pending");
    expect(await jobOf(again)).toBeDefined();
  });

  it("arms a running reminder at its new time when it moves, and keeps it running when it does not", async () => {
    const dueAt = inMs(60_000);
    await reminders.schedule({ key: "running", kind: "k", dueAt, payload: { v: 1 } });
    await setStatus("running", "processing");

    await reminders.schedule({ key: "running", kind: "k", dueAt, payload: { v: 2 } });
    expect(await row("running")).toMatchObject({ status: "processing", payload: { v: 2 } });

    const moved = await reminders.schedule({ key: "running", kind: "k", dueAt: inMs(90_000), payload: { v: 3 } });
    expect(await row("running")).toMatchObject({ status: "pending", payload: { v: 3 } });
    expect(await jobOf(moved)).toBeDefined();
  });

  it("keeps the row when the queue is unreachable, and the sweep queues it later", async () => {
    const unreachable = createJobRuntime({
      ...(backend.name === "redis" ? { redisUrl: "redis://127.0.0.1:1" } : { postgres: { connectionString: "postgres://postgres@127.0.0.1:1/none" } }),
      prefix: testbed.connection.prefix,
      logger: silentLogger,
    });
    try {
      const offline = createReminders({ db: db.db, queue: unreachable.reminderQueue, clock: systemClock, logger: silentLogger });
      const reminder = await offline.schedule({ key: "offline", kind: "k", dueAt: inMs(60_000) });

      expect(await unreachable.ping()).toBe(false);
      expect((await row("offline")).status).toBe("pending");
      expect(await jobOf(reminder)).toBeUndefined();

      await reconcileReminders({ db: db.db, queue: runtime.reminderQueue, clock: systemClock, logger: silentLogger, horizonMs: 120_000 });
      expect(await jobOf(reminder)).toBeDefined();
    } finally {
      await unreachable.close();
    }
  });
});
