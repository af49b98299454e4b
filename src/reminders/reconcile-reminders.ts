import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";
import { findPendingReminders, releaseStaleClaims } from "./reminder.repository.ts";
import type { ReminderJobRef, ReminderQueue } from "./reminder.ts";

/** A claim older than this belongs to a worker that died mid-handler; even a rate-limited fan-out is done well within it. */
const STALE_CLAIM_MS = 10 * 60_000;
/** Pending rows due within this window are (re)queued; it must exceed the sweep interval so nothing is late. */
const RECONCILE_HORIZON_MS = 60 * 60_000;
const PAGE_SIZE = 500;

/** What the sweep needs. */
export interface ReconcileDeps {
  db: Db;
  queue: ReminderQueue;
  clock: Clock;
  logger: Logger;
  staleClaimMs?: number;
  horizonMs?: number;
}

/** What one sweep did. */
export interface ReconcileResult {
  released: number;
  queued: number;
}

/**
 * Rebuilds the queue from the rows: returns stale claims to pending, then queues every pending reminder due
 * within the horizon under its deterministic job id, so a lost job is recreated and a queued one is left alone.
 */
export async function reconcileReminders(deps: ReconcileDeps): Promise<ReconcileResult> {
  const { db, queue, clock } = deps;
  const now = clock.now();
  const released = await releaseStaleClaims(db, new Date(now.getTime() - (deps.staleClaimMs ?? STALE_CLAIM_MS)), now);
  const until = new Date(now.getTime() + (deps.horizonMs ?? RECONCILE_HORIZON_MS));
  let queued = 0;
  let after: ReminderJobRef | undefined;
  for (;;) {
    const page = await findPendingReminders(db, until, PAGE_SIZE, after);
    if (page.length > 0) await queue.enqueueMany(page);
    queued += page.length;
    after = page.at(-1);
    if (page.length < PAGE_SIZE) break;
  }
  if (released > 0) deps.logger.warn({ released }, "returned reminders stuck in processing to pending");
  deps.logger.debug({ released, queued }, "reminders reconciled");
  return { released, queued };
}
