import type { Job, Processor } from "bullmq";
import type { RecurringTask } from "../src/app/feature.ts";
import type { ProcessReminder } from "../src/reminders/process-reminder.ts";
import type { Clock } from "../src/shared/clock.ts";
import { SamverkaError } from "../src/shared/errors.ts";
import type { DeliverOutbox } from "../src/outbox/deliver-outbox.ts";
import { parseOutboxJobData } from "./outbox.jobs.ts";
import { recurringJobSchema } from "./recurring.jobs.ts";
import { bullmq } from "./queue-backend.ts";
import { parseReminderJobData } from "./reminder.jobs.ts";

const { UnrecoverableError } = bullmq;

/** Maps a failure to what BullMQ understands: a non-retryable `SamverkaError` must not be retried. */
export function toJobError(error: unknown): unknown {
  if (error instanceof SamverkaError && !error.retryable) {
    return new UnrecoverableError(`${error.code}: ${error.message}`);
  }
  return error;
}

async function runMapped(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw toJobError(error);
  }
}

/** The reminder worker's processor: parse the payload, run the one use case, map its errors. */
export function createReminderJobProcessor(processReminder: ProcessReminder): Processor {
  return async (job: Job) => {
    const ref = parseReminderJobData(job.data);
    if (ref === undefined) throw new UnrecoverableError(`Reminder job ${job.id ?? "?"} has an invalid payload.`);
    await runMapped(() => processReminder(ref));
  };
}

/** The outbox worker's processor: parse the payload, deliver the one row. */
export function createOutboxJobProcessor(deliver: DeliverOutbox): Processor {
  return async (job: Job) => {
    const ref = parseOutboxJobData(job.data);
    if (ref === undefined) throw new UnrecoverableError(`Outbox job ${job.id ?? "?"} has an invalid payload.`);
    await runMapped(() => deliver(ref));
  };
}

/** The recurring worker's processor: run the named task at the current time. */
export function createRecurringJobProcessor(tasks: ReadonlyMap<string, RecurringTask>, clock: Clock): Processor {
  return async (job: Job) => {
    const parsed = recurringJobSchema.safeParse(job.data);
    const task = parsed.success ? tasks.get(parsed.data.task) : undefined;
    if (task === undefined) throw new UnrecoverableError(`No recurring task for job ${job.id ?? "?"}; its scheduler is stale.`);
    await runMapped(() => task.run(clock.now()));
  };
}
