import { sql } from "kysely";
import type { ChatPort, Platform } from "../../../src/chat/chat-port.ts";
import type { Db } from "../../../src/db/database.ts";
import { createOutboxDelivery, type OutboxRenderer } from "../../../src/outbox/index.ts";
import type { Clock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";

/** The outbox worker, run on demand: what use cases recorded reaches the (recording) platform when a test says so. */
export interface OutboxRunner {
  /**
   * Delivers every pending row due by the clock, and every pending card refresh without waiting out its debounce,
   * messages before refreshes; each row is tried at most once per call (a failed one waits for its retry time and
   * the next call). Returns how many rows it tried.
   */
  deliver(): Promise<number>;
}

/** Builds the runner over the real delivery (claim, send, store the ref, retry or fail), with no pacing and no queue. */
export function createOutboxRunner(deps: {
  db: Db;
  chats: ReadonlyMap<Platform, ChatPort>;
  renderers: readonly OutboxRenderer[];
  clock: Clock;
  maxAttempts?: number;
}): OutboxRunner {
  const { db, clock } = deps;
  const deliver = createOutboxDelivery({
    db,
    chats: deps.chats,
    renderers: deps.renderers,
    // Retries are found again by the next call from the row, as the sweep would; nothing is queued.
    queue: { enqueueMany: () => Promise.resolve() },
    pacer: { pace: () => Promise.resolve() },
    clock,
    logger: silentLogger,
    ...(deps.maxAttempts === undefined ? {} : { maxAttempts: deps.maxAttempts }),
  });
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
