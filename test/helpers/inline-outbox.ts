/**
 * Outbox delivery for integration tests that drive features without a job runtime, two ways over the one real
 * delivery processor (claim, send, store the ref, retry or fail; no pacing):
 * - `createInlineOutbox`: the unit of work, its rows delivered inline right after the commit; a delivery that queues
 *   another try (a retry, a refresh behind copies still on their way) is kept for `deliverDue`;
 * - `createOutboxRunner`: nothing delivered until the test says so, then every pending row due by the clock.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "kysely";
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
  // Made at the first delivery, so renderers a feature registers after this helper was created are known.
  let deliver: ReturnType<typeof createOutboxDelivery> | undefined;
  const createDelivery = () => createTestDelivery({ ...options, renderers: [createFailureNoticeRenderer(options.db), ...(options.renderers ?? [])], queue });
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

/** The outbox worker, run on demand: what use cases recorded reaches the (recording) platform when a test says so. */
export interface OutboxRunner {
  /**
   * Delivers every pending row due by the clock, and every pending card refresh without waiting out its debounce,
   * messages before refreshes; each row is tried at most once per call (a failed one waits for its retry time and
   * the next call). Returns how many rows it tried.
   */
  deliver(): Promise<number>;
}

/** Builds the runner over the real delivery; retries are found again by the next call from the row, as the sweep would. */
export function createOutboxRunner(options: {
  db: Db;
  chats: ReadonlyMap<Platform, ChatPort>;
  renderers: readonly OutboxRenderer[];
  clock: Clock;
  maxAttempts?: number;
}): OutboxRunner {
  const { db, clock } = options;
  const deliver = createTestDelivery({ ...options, queue: { enqueueMany: () => Promise.resolve() } });
  return {
    async deliver() {
      const tried = new Set<string>();
      for (;;) {
        const rows = await db
          .selectFrom("outbox")
          .select(["id", "due_at"])
          .where("status", "=", "pending")
          .where((eb) => eb.or([eb("due_at", "<=", clock.now()), eb("kind", "=", "refresh")]))
          .orderBy(sql`kind = 'refresh'`)
          .orderBy("due_at")
          .orderBy("id")
          .execute();
        const next = rows.filter((r) => !tried.has(r.id));
        if (next.length === 0) return tried.size;
        for (const row of next) {
          tried.add(row.id);
          await deliver({ outboxId: row.id, dueAt: row.due_at });
        }
      }
    },
  };
}

// The real delivery processor as both helpers run it: no pacing, a silent log unless one is given.
function createTestDelivery(options: {
  db: Db;
  chats: ReadonlyMap<Platform, ChatPort>;
  renderers: readonly OutboxRenderer[];
  queue: OutboxQueue;
  clock: Clock;
  logger?: Logger;
  maxAttempts?: number;
}) {
  return createOutboxDelivery({
    db: options.db,
    chats: options.chats,
    renderers: options.renderers,
    queue: options.queue,
    pacer: { pace: () => Promise.resolve() },
    clock: options.clock,
    logger: options.logger ?? silentLogger,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
}
