import type { CoreDeps } from "../../src/app/feature.ts";
import { createUnitOfWork } from "../../src/app/unit-of-work.ts";
import type { Platform } from "../../src/chat/chat-port.ts";
import type { Db } from "../../src/db/database.ts";
import type { OutboxQueue } from "../../src/outbox/index.ts";
import type { ReminderQueue } from "../../src/reminders/index.ts";
import type { Clock } from "../../src/shared/clock.ts";
import { silentLogger, type Logger } from "../../src/shared/logger.ts";

/**
 * What a test's features run on, as the composition root (src/main.ts) hands it over: a unit of work over the
 * given queues, with the database, clock and logger. Without an outbox queue the test delivers the outbox itself,
 * so the outbox's jobs go nowhere.
 */
export function createTestCoreDeps(options: {
  db: Db;
  clock: Clock;
  reminderQueue: ReminderQueue;
  outboxQueue?: OutboxQueue;
  platforms: () => ReadonlySet<Platform>;
  logger?: Logger;
}): CoreDeps {
  const { db, clock, logger = silentLogger } = options;
  const outboxQueue = options.outboxQueue ?? { enqueueMany: () => Promise.resolve() };
  const work = createUnitOfWork({ db, clock, logger, reminderQueue: options.reminderQueue, outboxQueue, platforms: options.platforms });
  return { db, clock, logger, notifier: work.notifier, reminders: work.reminders, transact: work.transact };
}
