import type { RecurringTask } from "../src/app/feature.ts";
import type { ProcessReminder } from "../src/reminders/process-reminder.ts";
import type { ReminderQueue } from "../src/reminders/reminder.ts";
import { systemClock, type Clock } from "../src/shared/clock.ts";
import { SamverkaError } from "../src/shared/errors.ts";
import type { Logger } from "../src/shared/logger.ts";
import { createRecurringJobProcessor, createReminderJobProcessor } from "./processors.ts";
import { createQueueBackend, type JobQueue, type JobWorker, type QueueBackendOptions } from "./queue-backend.ts";
import { indexRecurringTasks, syncRecurringSchedulers } from "./recurring-schedulers.ts";
import { RECURRING_QUEUE } from "./recurring.jobs.ts";
import { createReminderQueue, DEFAULT_RETRY, reminderJobOptions, type RetryPolicy } from "./reminder-queue.ts";
import { REMINDER_QUEUE } from "./reminder.jobs.ts";
import { withTimeout } from "./with-timeout.ts";

/** The reconcile sweep's own tick; every five minutes, well inside the reconcile horizon. */
const RECONCILE_TASK = "reminders.reconcile";
const RECONCILE_CRON = "*/5 * * * *";
const PING_TIMEOUT_MS = 2_000;

/** Where and how the job runtime runs. */
export interface JobRuntimeOptions {
  redisUrl?: string | undefined;
  postgres?: { connectionString: string; poolSize?: number } | undefined;
  /** The Redis key prefix, or the PostgreSQL schema, of every queue. */
  prefix?: string;
  clock?: Clock;
  logger: Logger;
  retry?: RetryPolicy;
  /** How many reminders one process runs at once; handlers mostly wait on chat APIs, so 10 by default. */
  concurrency?: number;
}

/** What the workers run. */
export interface WorkerSetup {
  processReminder: ProcessReminder;
  /** Rebuilds lost jobs from the rows; run at start and on its own tick. */
  reconcile: () => Promise<unknown>;
  recurring: readonly RecurringTask[];
}

/** BullMQ queues and workers for reminders and recurring ticks, on Redis or on PostgreSQL. */
export interface JobRuntime {
  readonly backend: "redis" | "postgres";
  /** The producer side; the web process needs only this. */
  readonly reminderQueue: ReminderQueue;
  /** Starts the workers, syncs the recurring schedulers and runs a first reconcile. */
  startWorkers(setup: WorkerSetup): Promise<void>;
  /** Whether the queue store answers, for /readyz. */
  ping(): Promise<boolean>;
  /** Lets running jobs finish, then closes every connection; safe to call twice. */
  close(): Promise<void>;
}

/** Creates the job runtime: Redis when `redisUrl` is set, otherwise BullMQ's PostgreSQL backend. */
export function createJobRuntime(options: JobRuntimeOptions): JobRuntime {
  const logger = options.logger.child({ component: "jobs" });
  const clock = options.clock ?? systemClock;
  const backendOptions: QueueBackendOptions = {
    redisUrl: options.redisUrl,
    postgres: options.postgres,
    prefix: options.prefix ?? "samverka_jobs",
    logger,
  };
  const backend = createQueueBackend(backendOptions);
  const reminders = watch(backend.openQueue(REMINDER_QUEUE, reminderJobOptions(options.retry ?? DEFAULT_RETRY)), logger);
  const queues: JobQueue[] = [reminders];
  const workers: JobWorker[] = [];
  let closing: Promise<void> | undefined;

  const startWorkers = async (setup: WorkerSetup): Promise<void> => {
    if (workers.length > 0) throw new SamverkaError("internal", "The job workers are already running in this process.");
    const reconcile = async (): Promise<void> => {
      await setup.reconcile();
    };
    const tasks = indexRecurringTasks([{ name: RECONCILE_TASK, cron: RECONCILE_CRON, run: reconcile }, ...setup.recurring]);
    const recurring = watch(backend.openQueue(RECURRING_QUEUE, {}), logger);
    queues.push(recurring);
    workers.push(
      watchWorker(backend.openWorker(REMINDER_QUEUE, createReminderJobProcessor(setup.processReminder), { concurrency: options.concurrency ?? 10 }), logger),
      // More than one, so a slow report task cannot hold back the reconcile tick in a single-worker deployment.
      watchWorker(backend.openWorker(RECURRING_QUEUE, createRecurringJobProcessor(tasks, clock), { concurrency: 3 }), logger),
    );
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    await syncRecurringSchedulers(recurring, tasks);
    try {
      await reconcile();
    } catch (error) {
      logger.error({ err: error }, "first reconcile failed; the next tick retries it");
    }
    logger.info({ backend: backend.kind, recurring: [...tasks.keys()] }, "job workers started");
  };

  const ping = async (): Promise<boolean> => {
    try {
      await withTimeout(reminders.isPaused(), PING_TIMEOUT_MS, "ping");
      return true;
    } catch {
      return false;
    }
  };

  const close = async (): Promise<void> => {
    // Workers first: close() waits for their running jobs, which may still enqueue reminders.
    await Promise.allSettled(workers.map((w) => w.close()));
    await Promise.allSettled(queues.map((q) => q.close()));
    await backend.close();
    logger.info("job runtime closed");
  };

  return {
    backend: backend.kind,
    reminderQueue: createReminderQueue(reminders, clock),
    startWorkers,
    ping,
    close: () => (closing ??= close()),
  };
}

function watch(queue: JobQueue, logger: Logger): JobQueue {
  queue.on("error", (error) => logger.error({ err: error, queue: queue.name }, "queue error"));
  return queue;
}

function watchWorker(worker: JobWorker, logger: Logger): JobWorker {
  worker.on("error", (error) => logger.error({ err: error, queue: worker.name }, "worker error"));
  worker.on("failed", (job, error) =>
    logger.warn({ err: error, queue: worker.name, jobId: job?.id, attempt: job?.attemptsMade }, "job failed"),
  );
  return worker;
}
