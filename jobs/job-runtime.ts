import type { RecurringTask } from "../src/app/feature.ts";
import type { DeliverOutbox } from "../src/outbox/deliver-outbox.ts";
import type { OutboxQueue } from "../src/outbox/outbox.ts";
import type { ProcessReminder } from "../src/reminders/process-reminder.ts";
import type { ReminderQueue } from "../src/reminders/reminder.ts";
import { systemClock, type Clock } from "../src/shared/clock.ts";
import { SamverkaError } from "../src/shared/errors.ts";
import type { Logger } from "../src/shared/logger.ts";
import { noMetrics, type Metrics } from "../src/shared/metrics.ts";
import { createOutboxQueue, OUTBOX_JOB_OPTIONS } from "./outbox-queue.ts";
import { OUTBOX_QUEUE } from "./outbox.jobs.ts";
import { createOutboxJobProcessor, createRecurringJobProcessor, createReminderJobProcessor } from "./processors.ts";
import { createQueueBackend, type JobQueue, type JobWorker, type QueueBackendOptions } from "./queue-backend.ts";
import { measureQueue, type QueueFigure } from "./queue-figures.ts";
import { indexRecurringTasks, missingSchedulers, syncRecurringSchedulers } from "./recurring-schedulers.ts";
import { RECURRING_QUEUE } from "./recurring.jobs.ts";
import { createReminderQueue, DEFAULT_RETRY, reminderJobOptions, type RetryPolicy } from "./reminder-queue.ts";
import { REMINDER_QUEUE } from "./reminder.jobs.ts";
import { withTimeout } from "./with-timeout.ts";

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
  /**
   * How many reminders one process runs at once, 50 by default: handlers write rows, and reminders running at once
   * are claimed, handled (where the handler takes them together) and settled as one batch, so this bounds the batch.
   */
  concurrency?: number;
  /** How many outbox rows one process sends at once; sends wait on the platforms, so 20 by default. */
  outboxConcurrency?: number;
  /** Where finished, failed and retried jobs are counted. */
  metrics?: Metrics;
}

/** What the workers run. */
export interface WorkerSetup {
  processReminder: ProcessReminder;
  deliverOutbox: DeliverOutbox;
  recurring: readonly RecurringTask[];
}

/** BullMQ queues and workers for reminders, outbox deliveries and recurring ticks, on Redis or on PostgreSQL. */
export interface JobRuntime {
  readonly backend: "redis" | "postgres";
  /** The producer sides; the web process needs only these. */
  readonly reminderQueue: ReminderQueue;
  readonly outboxQueue: OutboxQueue;
  /** Starts the workers and syncs the recurring schedulers. */
  startWorkers(setup: WorkerSetup): Promise<void>;
  /** Re-creates recurring schedulers the queue store lost (a Redis flush); returns how many it re-created. */
  repairSchedulers(): Promise<number>;
  /**
   * Whether every recurring scheduler exists, for /readyz. A process that runs the workers knows its tasks; one that
   * does not (the web role) checks the task names it is given, and with none is satisfied.
   */
  schedulersPresent(expected?: readonly string[]): Promise<boolean>;
  /** Every queue, for the queue dashboard (the recurring one is opened on first use in a process without workers). */
  queues(): JobQueue[];
  /** Jobs per state and the age of the oldest waiting job, per queue, for /metrics. */
  figures(): Promise<QueueFigure[]>;
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
  const outbox = watch(backend.openQueue(OUTBOX_QUEUE, OUTBOX_JOB_OPTIONS), logger);
  const queues: JobQueue[] = [reminders, outbox];
  const workers: JobWorker[] = [];
  const metrics = options.metrics ?? noMetrics;
  let recurringQueue: JobQueue | undefined;
  let recurring: { queue: JobQueue; tasks: ReadonlyMap<string, RecurringTask> } | undefined;
  let closing: Promise<void> | undefined;

  const openRecurringQueue = (): JobQueue => {
    if (recurringQueue === undefined) {
      recurringQueue = watch(backend.openQueue(RECURRING_QUEUE, {}), logger);
      queues.push(recurringQueue);
    }
    return recurringQueue;
  };

  const startWorkers = async (setup: WorkerSetup): Promise<void> => {
    if (workers.length > 0) throw new SamverkaError("internal", "The job workers are already running in this process.");
    const tasks = indexRecurringTasks(setup.recurring);
    const queue = openRecurringQueue();
    recurring = { queue, tasks };
    workers.push(
      watchWorker(
        backend.openWorker(REMINDER_QUEUE, createReminderJobProcessor(setup.processReminder), { concurrency: options.concurrency ?? 50 }),
        logger,
        metrics,
      ),
      watchWorker(
        backend.openWorker(OUTBOX_QUEUE, createOutboxJobProcessor(setup.deliverOutbox), { concurrency: options.outboxConcurrency ?? 20 }),
        logger,
        metrics,
      ),
      // More than one, so a slow report task cannot hold back the others in a single-worker deployment.
      watchWorker(backend.openWorker(RECURRING_QUEUE, createRecurringJobProcessor(tasks, clock), { concurrency: 3 }), logger, metrics),
    );
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    await syncRecurringSchedulers(queue, tasks);
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
    outboxQueue: createOutboxQueue(outbox, clock),
    startWorkers,
    async repairSchedulers() {
      if (recurring === undefined) return 0;
      const missing = await withTimeout(missingSchedulers(recurring.queue, recurring.tasks), PING_TIMEOUT_MS, "list the recurring schedulers");
      if (missing.length > 0) await syncRecurringSchedulers(recurring.queue, recurring.tasks);
      return missing.length;
    },
    async schedulersPresent(expected = []) {
      if (recurring === undefined && expected.length === 0) return true;
      const { queue, tasks } = recurring ?? { queue: openRecurringQueue(), tasks: new Map(expected.map((name) => [name, undefined])) };
      try {
        return (await withTimeout(missingSchedulers(queue, tasks), PING_TIMEOUT_MS, "list the recurring schedulers")).length === 0;
      } catch {
        return false;
      }
    },
    queues: () => (openRecurringQueue(), [...queues]),
    figures: () => Promise.all([...queues].map((q) => withTimeout(measureQueue(q), PING_TIMEOUT_MS, `measure queue ${q.name}`))),
    ping,
    close: () => (closing ??= close()),
  };
}

function watch(queue: JobQueue, logger: Logger): JobQueue {
  queue.on("error", (error) => logger.error({ err: error, queue: queue.name }, "queue error"));
  return queue;
}

function watchWorker(worker: JobWorker, logger: Logger, metrics: Metrics): JobWorker {
  worker.on("error", (error) => logger.error({ err: error, queue: worker.name }, "worker error"));
  worker.on("completed", () => metrics.jobSettled(worker.name, "processed"));
  worker.on("failed", (job, error) => {
    // BullMQ sets finishedOn only when the job failed for good; a job it will retry has none yet.
    metrics.jobSettled(worker.name, job?.finishedOn === undefined ? "retried" : "failed");
    // The processor logged the cause where it happened; this line only says what the queue does with the job.
    logger.warn({ reason: error.message, queue: worker.name, jobId: job?.id, attempt: job?.attemptsMade }, "job failed");
  });
  return worker;
}
