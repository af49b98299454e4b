import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";
import { cancelReminders, upsertReminders } from "./reminder.repository.ts";
import type { ReminderJobRef, ReminderQueue, Reminders } from "./reminder.ts";

/** What scheduling reminders with one executor needs; job changes are collected for after the commit. */
export interface ReminderWriterDeps {
  /** The caller's transaction (or the pool, for a single statement). */
  db: Db;
  clock: Clock;
  /** Jobs to queue once the rows are committed. */
  queued: ReminderJobRef[];
  /** Jobs that no longer point at a pending row; removing them only keeps the queue tidy. */
  removed: ReminderJobRef[];
}

/**
 * The `Reminders` service over one executor: rows are written now; the jobs that deliver them are collected and
 * queued by the unit of work after commit (a lost enqueue is healed by the sweep).
 */
export function createReminderWriter(deps: ReminderWriterDeps): Reminders {
  const { db, clock, queued, removed } = deps;
  const cancel = async (key: string, byPrefix: boolean): Promise<number> => {
    const cancelled = await cancelReminders(db, key, byPrefix, clock.now());
    removed.push(...cancelled);
    return cancelled.length;
  };
  const scheduleMany: Reminders["scheduleMany"] = async (specs, options = {}) => {
    const upserted = await upsertReminders(db, specs, clock.now(), options.rearm ?? false);
    for (const { record, armed, movedFrom } of upserted) {
      if (movedFrom !== undefined) removed.push({ reminderId: record.id, dueAt: movedFrom });
      if (armed) queued.push({ reminderId: record.id, dueAt: record.dueAt });
    }
    return upserted.map((u) => u.record);
  };
  return {
    schedule: async (spec, options) => (await scheduleMany([spec], options))[0]!,
    scheduleMany,
    cancel: async (key) => (await cancel(key, false)) > 0,
    cancelByPrefix: (prefix) => cancel(prefix, true),
  };
}

/** What scheduling reminders outside a unit of work needs: the rows, the queue that delivers them on time, a clock and a log. */
export interface RemindersDeps {
  db: Db;
  queue: ReminderQueue;
  clock: Clock;
  logger: Logger;
}

/** Queues what a writer collected; the rows already hold the truth, so a queue failure only delays until the sweep. */
export async function flushReminderJobs(
  queue: ReminderQueue,
  queued: readonly ReminderJobRef[],
  removed: readonly ReminderJobRef[],
  logger: Logger,
): Promise<void> {
  if (queued.length > 0) {
    await queue
      .enqueueMany(queued)
      .catch((error: unknown) => logger.warn({ err: error, reminders: queued.length }, "could not queue reminders; the sweep will queue them"));
  }
  for (const job of removed) {
    // A left-over job would find its row moved or cancelled and do nothing.
    await queue
      .remove(job.reminderId, job.dueAt)
      .catch((error: unknown) => logger.debug({ err: error, reminderId: job.reminderId }, "could not remove the job; it will find its row closed"));
  }
}

/** The `Reminders` service on its own (each call one statement or a short transaction, then its jobs). */
export function createReminders(deps: RemindersDeps): Reminders {
  const logger = deps.logger.child({ component: "reminders" });
  const run = async <T>(work: (reminders: Reminders) => Promise<T>): Promise<T> => {
    const queued: ReminderJobRef[] = [];
    const removed: ReminderJobRef[] = [];
    const result = await work(createReminderWriter({ db: deps.db, clock: deps.clock, queued, removed }));
    await flushReminderJobs(deps.queue, queued, removed, logger);
    return result;
  };
  return {
    schedule: (spec, options) => run((r) => r.schedule(spec, options)),
    scheduleMany: (specs, options) => run((r) => r.scheduleMany(specs, options)),
    cancel: (key) => run((r) => r.cancel(key)),
    cancelByPrefix: (prefix) => run((r) => r.cancelByPrefix(prefix)),
  };
}
