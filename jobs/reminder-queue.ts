import type { DefaultJobOptions } from "bullmq";
import type { ReminderJobRef, ReminderQueue } from "../src/reminders/reminder.ts";
import type { Clock } from "../src/shared/clock.ts";
import { addBulkTogether } from "./add-together.ts";
import type { JobQueue } from "./queue-backend.ts";
import { REMINDER_JOB, reminderJobId, toReminderJobData } from "./reminder.jobs.ts";
import { withTimeout } from "./with-timeout.ts";

const QUEUE_TIMEOUT_MS = 2_000;

/** How the queue retries a failing reminder before the reconcile sweep takes over. */
export interface RetryPolicy {
  attempts: number;
  /** The first backoff; each further retry waits twice as long. */
  backoffMs: number;
}

/** Five tries over about two and a half minutes: long enough to ride out a platform blip, short for a cold night. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 10_000 };

/**
 * Job options of the reminder queue. Finished jobs are removed: the row keeps the history, and a removed job is
 * what lets the reconcile sweep (or a re-armed reminder) add the same deterministic id again.
 */
export function reminderJobOptions(retry: RetryPolicy): DefaultJobOptions {
  return {
    attempts: retry.attempts,
    backoff: { type: "exponential", delay: retry.backoffMs },
    removeOnComplete: true,
    removeOnFail: true,
  };
}

/** The `ReminderQueue` port over a BullMQ queue: one delayed job per (row, due time) under a deterministic id. */
export function createReminderQueue(queue: JobQueue, clock: Clock): ReminderQueue {
  const toJob = (job: ReminderJobRef) => ({
    name: REMINDER_JOB,
    data: toReminderJobData(job),
    opts: { jobId: reminderJobId(job), delay: Math.max(0, job.dueAt.getTime() - clock.now().getTime()) },
  });
  const add = addBulkTogether(queue, QUEUE_TIMEOUT_MS, "add reminder jobs");
  return {
    async enqueue(reminderId, dueAt) {
      const job = toJob({ reminderId, dueAt });
      await withTimeout(queue.add(job.name, job.data, job.opts), QUEUE_TIMEOUT_MS, "add a reminder job");
    },
    async enqueueMany(jobs) {
      if (jobs.length > 0) await add(jobs.map(toJob));
    },
    async remove(reminderId, dueAt) {
      await withTimeout(queue.remove(reminderJobId({ reminderId, dueAt })), QUEUE_TIMEOUT_MS, "remove a reminder job");
    },
  };
}
