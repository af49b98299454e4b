/**
 * The unit of work and outbox delivery for integration tests that drive features without a job runtime: rows are
 * recorded exactly as in production and delivered by the real delivery processor, inline, right after the commit.
 * A delivery that queues another try (a retry, a refresh behind copies still on their way) is kept for `deliverDue`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createUnitOfWork, type UnitOfWork } from "../../src/app/unit-of-work.ts";
import type { ChatPort, Platform } from "../../src/chat/chat-port.ts";
import type { Db } from "../../src/db/database.ts";
import { createFailureNoticeRenderer, createOutboxDelivery, type OutboxJobRef, type OutboxQueue, type OutboxRenderer } from "../../src/outbox/index.ts";
import type { ReminderQueue } from "../../src/reminders/index.ts";
import type { Clock } from "../../src/shared/clock.ts";
import { silentLogger, type Logger } from "../../src/shared/logger.ts";

export interface InlineOutbox extends UnitOfWork {
  /** The queue deliveries run from: what is enqueued here is delivered inline (as the outbox worker would). */
  queue: OutboxQueue;
  /** Delivers every try that was queued for later (retries, refreshes), until none is left or `rounds` is reached. */
  deliverDue(rounds?: number): Promise<void>;
}

export function createInlineOutbox(options: {
  db: Db;
  chats: ReadonlyMap<Platform, ChatPort>;
  clock: Clock;
  reminderQueue: ReminderQueue;
  renderers?: readonly OutboxRenderer[];
  /** Where the delivery logs (silent by default). */
  logger?: Logger;
}): InlineOutbox {
  const later: OutboxJobRef[] = [];
  // Tries queued from inside a delivery (its retry, a refresh waiting for copies) wait for `deliverDue`.
  const delivering = new AsyncLocalStorage<true>();
  const queue = {
    async enqueueMany(jobs: readonly OutboxJobRef[]) {
      if (delivering.getStore() === true) {
        later.push(...jobs);
        return;
      }
      for (const job of jobs) await delivering.run(true, () => (deliver ??= createDelivery())(job));
    },
  };
  const noPacing = { wait: () => Promise.resolve() };
  // Made at the first delivery, so renderers a feature registers after this helper was created are known.
  let deliver: ReturnType<typeof createOutboxDelivery> | undefined;
  const createDelivery = () => createOutboxDelivery({
    db: options.db,
    chats: options.chats,
    renderers: [createFailureNoticeRenderer(options.db), ...(options.renderers ?? [])],
    queue,
    pacer: noPacing,
    clock: options.clock,
    logger: options.logger ?? silentLogger,
  });
  const work = createUnitOfWork({
    db: options.db,
    clock: options.clock,
    logger: silentLogger,
    reminderQueue: options.reminderQueue,
    outboxQueue: queue,
    platforms: () => new Set(options.chats.keys()),
  });
  return {
    ...work,
    queue,
    async deliverDue(rounds = 10) {
      for (let i = 0; i < rounds && later.length > 0; i++) await queue.enqueueMany(later.splice(0));
    },
  };
}
