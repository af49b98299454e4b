import type { JobQueue } from "./queue-backend.ts";

/** The job states counted per queue. */
const STATES = ["waiting", "prioritized", "delayed", "active", "failed"] as const;

/** One queue as /metrics shows it: jobs per state, and how long the oldest job ready to run has waited. */
export interface QueueFigure {
  queue: string;
  jobs: Record<(typeof STATES)[number], number>;
  oldestWaitingSeconds: number;
}

/**
 * Measures one queue. A job is ready to run from its creation plus its delay (BullMQ keeps both, in its own wall
 * clock), so a delayed job that came due an hour ago and still waits is an hour old, not as old as when it was queued.
 */
export async function measureQueue(queue: JobQueue): Promise<QueueFigure> {
  const counts = await queue.getJobCounts(...STATES);
  const [oldest] = await queue.getJobs(["wait"], 0, 0, true);
  const readySince = oldest === undefined ? undefined : oldest.timestamp + (oldest.opts.delay ?? 0);
  return {
    queue: queue.name,
    jobs: Object.fromEntries(STATES.map((state) => [state, counts[state] ?? 0])) as QueueFigure["jobs"],
    oldestWaitingSeconds: readySince === undefined ? 0 : Math.max(0, Date.now() - readySince) / 1000,
  };
}
