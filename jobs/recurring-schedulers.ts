import type { RecurringTask } from "../src/app/feature.ts";
import { SamverkaError } from "../src/shared/errors.ts";
import type { JobQueue } from "./queue-backend.ts";
import { RECURRING_TIME_ZONE, type RecurringJobData } from "./recurring.jobs.ts";

/** A missed tick is retried a few times; the next tick comes anyway, so tasks must be safe to run again. */
const TICK_JOB_OPTIONS = { attempts: 3, backoff: { type: "exponential", delay: 5_000 }, removeOnComplete: true, removeOnFail: 100 };

/** Indexes tasks by name; a name is the scheduler id, so two tasks may not share one. */
export function indexRecurringTasks(tasks: readonly RecurringTask[]): Map<string, RecurringTask> {
  const byName = new Map<string, RecurringTask>();
  for (const task of tasks) {
    if (byName.has(task.name)) {
      throw new SamverkaError("internal", `Two recurring tasks are named "${task.name}"; give each task its own name.`);
    }
    byName.set(task.name, task);
  }
  return byName;
}

/**
 * Makes the queue's job schedulers match `tasks`: one scheduler per task, id = task name, cron in Europe/Stockholm.
 * Upserting is idempotent, so every worker process may do it; schedulers of tasks that no longer exist are removed.
 */
export async function syncRecurringSchedulers(queue: JobQueue, tasks: ReadonlyMap<string, RecurringTask>): Promise<void> {
  for (const task of tasks.values()) {
    const data: RecurringJobData = { task: task.name };
    await queue.upsertJobScheduler(task.name, { pattern: task.cron, tz: RECURRING_TIME_ZONE }, { name: task.name, data, opts: TICK_JOB_OPTIONS });
  }
  for (const scheduler of await queue.getJobSchedulers()) {
    if (!tasks.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
  }
}

/** The tasks whose scheduler the queue store does not have (lost in a Redis flush, say). */
export async function missingSchedulers(queue: JobQueue, tasks: ReadonlyMap<string, unknown>): Promise<string[]> {
  const present = new Set((await queue.getJobSchedulers()).map((s) => s.key));
  return [...tasks.keys()].filter((name) => !present.has(name));
}
