import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";
import { cancelReminders, upsertReminder } from "./reminder.repository.ts";
import type { ReminderJobRef, ReminderQueue, Reminders } from "./reminder.ts";

/** What scheduling reminders needs: the rows, the queue that delivers them on time, a clock and a log. */
export interface RemindersDeps {
  db: Db;
  queue: ReminderQueue;
  clock: Clock;
  logger: Logger;
}

/** Creates the `Reminders` service: the row is written first; a failed enqueue is healed by the reconcile sweep. */
export function createReminders(deps: RemindersDeps): Reminders {
  const { db, queue, clock } = deps;
  const logger = deps.logger.child({ component: "reminders" });

  // The row already holds the truth: a queue failure only delays delivery until the next sweep.
  const enqueue = async (job: ReminderJobRef): Promise<void> => {
    try {
      await queue.enqueue(job.reminderId, job.dueAt);
    } catch (error) {
      logger.warn({ err: error, reminderId: job.reminderId }, "could not queue the reminder; the reconcile sweep will queue it");
    }
  };

  // A left-over job would find its row moved or cancelled and do nothing, so removing it only keeps the queue tidy.
  const removeJobs = async (jobs: readonly ReminderJobRef[]): Promise<void> => {
    for (const job of jobs) {
      try {
        await queue.remove(job.reminderId, job.dueAt);
      } catch (error) {
        logger.debug({ err: error, reminderId: job.reminderId }, "could not remove the job; it will find its row closed");
      }
    }
  };

  const cancel = async (key: string, byPrefix: boolean): Promise<number> => {
    const cancelled = await cancelReminders(db, key, byPrefix, clock.now());
    await removeJobs(cancelled);
    return cancelled.length;
  };

  return {
    async schedule(spec, options = {}) {
      const { record, armed, movedFrom } = await upsertReminder(db, spec, clock.now(), options.rearm ?? false);
      if (movedFrom !== undefined) await removeJobs([{ reminderId: record.id, dueAt: movedFrom }]);
      if (armed) await enqueue({ reminderId: record.id, dueAt: record.dueAt });
      return record;
    },
    cancel: async (key) => (await cancel(key, false)) > 0,
    cancelByPrefix: (prefix) => cancel(prefix, true),
  };
}
