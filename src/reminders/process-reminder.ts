import type { ReminderHandler } from "../app/feature.ts";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { SamverkaError, toSamverkaError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { noMetrics, type Metrics } from "../shared/metrics.ts";
import { createMicroBatch } from "../shared/micro-batch.ts";
import { claimReminders, settleClaim, settleDone } from "./reminder.repository.ts";
import type { ReminderJobRef } from "./reminder.ts";

/** How many claims a reminder gets before it is given up; counts retries across lost and rebuilt jobs too. */
export const DEFAULT_MAX_ATTEMPTS = 10;

/** What running due reminders needs. */
export interface ReminderProcessorDeps {
  db: Db;
  handlers: readonly ReminderHandler[];
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  maxAttempts?: number;
}

/** Runs the reminder a job points at, at most once per (row, due time). */
export type ProcessReminder = (job: ReminderJobRef) => Promise<void>;

/**
 * Creates the reminder processor. A stale or repeated job finds no pending row and does nothing. A retryable
 * failure puts the row back to pending and rethrows so the queue retries with backoff, up to `maxAttempts` claims;
 * a non-retryable one gives the reminder up (status failed, `last_error` kept) and throws a non-retryable error.
 */
export function createReminderProcessor(deps: ReminderProcessorDeps): ProcessReminder {
  const { db, clock } = deps;
  const logger = deps.logger.child({ component: "reminders" });
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const handlers = indexHandlers(deps.handlers);
  const metrics = deps.metrics ?? noMetrics;
  // Jobs running at once claim and finish together: one statement (and one commit) for many reminders.
  const claim = createMicroBatch((jobs: readonly ReminderJobRef[]) => claimReminders(db, jobs, clock.now()));
  const finish = createMicroBatch(async (jobs: readonly ReminderJobRef[]) => {
    await settleDone(db, jobs, clock.now());
    return jobs.map(() => undefined);
  });

  return async (job) => {
    const reminder = await claim(job);
    if (reminder === undefined) {
      logger.debug({ reminderId: job.reminderId, dueAt: job.dueAt }, "reminder no longer pending at this time; nothing to do");
      return;
    }
    // On every line about it; not a child logger per reminder, which costs more than the one line most of them get.
    const fields = { reminderId: reminder.id, key: reminder.key, kind: reminder.kind, attempt: reminder.attempts };
    // Lateness: how long after it was due (or written, if written after that) a reminder first ran. A retry's
    // delay is its backoff, not lateness.
    if (reminder.attempts === 1) {
      const since = Math.max(reminder.dueAt.getTime(), reminder.createdAt?.getTime() ?? 0);
      metrics.reminderLateness(reminder.kind, Math.max(0, clock.now().getTime() - since) / 1000);
    }
    const handler = handlers.get(reminder.kind);
    if (handler === undefined) {
      const error = `no reminder handler for kind "${reminder.kind}"`;
      await settleClaim(db, job, { status: "given_up", error }, clock.now());
      logger.error(fields, `${error}; the reminder is given up`);
      throw new SamverkaError("internal", `Reminder ${reminder.key} was given up: ${error}. Register a handler for its kind.`);
    }
    const payload = handler.payload.safeParse(reminder.payload);
    if (!payload.success) {
      const error = `its payload does not fit the ${reminder.kind} schema: ${payload.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`;
      await settleClaim(db, job, { status: "given_up", error }, clock.now());
      logger.error({ ...fields, issues: payload.error.issues }, `reminder ${reminder.key} is given up: ${error}`);
      throw new SamverkaError("invalid_input", `Reminder ${reminder.key} was given up: ${error}.`);
    }
    try {
      await handler.run(reminder, payload.data);
    } catch (thrown) {
      const error = toSamverkaError(thrown);
      // An error nobody classified (a database blip inside the handler) is retried: giving up a cold-night
      // escalation costs more than a few bounded retries of a bug.
      const retryable = thrown instanceof SamverkaError ? thrown.retryable : true;
      if (retryable && reminder.attempts < maxAttempts) {
        await settleClaim(db, job, { status: "retry", error: `${error.code}: ${error.message}` }, clock.now());
        logger.warn({ ...fields, err: error }, "reminder failed; it will be retried");
        throw thrown;
      }
      await settleClaim(db, job, { status: "given_up", error: `${error.code}: ${error.message}` }, clock.now());
      logger.error({ ...fields, err: error }, "reminder failed and is given up");
      throw new SamverkaError(error.code, `Reminder ${reminder.key} was given up: ${error.message}`, { cause: error });
    }
    await finish(job);
    logger.info(fields, "reminder done");
  };
}

function indexHandlers(handlers: readonly ReminderHandler[]): Map<string, ReminderHandler> {
  const byKind = new Map<string, ReminderHandler>();
  for (const handler of handlers) {
    if (byKind.has(handler.kind)) {
      throw new SamverkaError("internal", `Two reminder handlers claim the kind "${handler.kind}"; give each kind one handler.`);
    }
    byKind.set(handler.kind, handler);
  }
  return byKind;
}
