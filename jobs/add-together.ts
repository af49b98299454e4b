import { createMicroBatch } from "../src/shared/micro-batch.ts";
import type { JobQueue } from "./queue-backend.ts";
import { withTimeout } from "./with-timeout.ts";

/** One job as `addBulk` takes it. */
export type BulkJob = Parameters<JobQueue["addBulk"]>[0][number];

/**
 * Adds jobs to `queue` together with the jobs other callers add at the same moment: units of work that commit
 * while an add is under way go in the next one, one round trip (on PostgreSQL one transaction) for all of them.
 * Each caller resolves once its own jobs are stored, or gets the add's error. The bound is on every add, so a
 * queue store that does not answer fails the waiting callers instead of holding all later ones behind it.
 */
export function addBulkTogether(queue: JobQueue, timeoutMs: number, what: string): (jobs: BulkJob[]) => Promise<void> {
  return createMicroBatch(async (batches: readonly BulkJob[][]) => {
    await withTimeout(queue.addBulk(batches.flat()), timeoutMs, what);
    return batches.map(() => undefined);
  });
}
