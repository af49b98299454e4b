import type { DefaultJobOptions } from "bullmq";
import type { OutboxQueue } from "../src/outbox/outbox.ts";
import type { Clock } from "../src/shared/clock.ts";
import { OUTBOX_JOB, outboxJobId, toOutboxJobData } from "./outbox.jobs.ts";
import { addBulkTogether } from "./add-together.ts";
import type { JobQueue } from "./queue-backend.ts";

const QUEUE_TIMEOUT_MS = 2_000;

/**
 * Job options of the outbox queue: one attempt per job, because retries are the row's (backoff and Retry-After live
 * there). Finished jobs are removed, so the sweep can add the same id again if the row is still pending.
 */
export const OUTBOX_JOB_OPTIONS: DefaultJobOptions = { attempts: 1, removeOnComplete: true, removeOnFail: true };

/** The `OutboxQueue` port over a BullMQ queue. */
export function createOutboxQueue(queue: JobQueue, clock: Clock): OutboxQueue {
  const add = addBulkTogether(queue, QUEUE_TIMEOUT_MS, "add outbox jobs");
  return {
    async enqueueMany(jobs) {
      if (jobs.length === 0) return;
      const now = clock.now().getTime();
      await add(
        jobs.map((job) => ({
          name: OUTBOX_JOB,
          data: toOutboxJobData(job),
          opts: { jobId: outboxJobId(job), delay: Math.max(0, job.dueAt.getTime() - now) },
        })),
      );
    },
  };
}
