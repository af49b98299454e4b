import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { findPendingOutbox, releaseStaleOutboxClaims } from "./outbox.repository.ts";
import type { OutboxJobRef, OutboxQueue } from "./outbox.ts";

/** A send that has been "processing" this long belongs to a worker that died; even a paced, retried send is done sooner. */
const STALE_CLAIM_MS = 45_000;
/** Pending rows due within this window are (re)queued; it exceeds the sweep interval so nothing waits for the next sweep. */
const HORIZON_MS = 10 * 60_000;
const PAGE_SIZE = 500;

/** What one outbox sweep did. */
export interface OutboxReconcileResult {
  released: number;
  queued: number;
}

/** Returns stale claims to pending, then queues every pending row due within the horizon under its deterministic job id. */
export async function reconcileOutbox(deps: { db: Db; queue: OutboxQueue; clock: Clock }): Promise<OutboxReconcileResult> {
  const now = deps.clock.now();
  const released = await releaseStaleOutboxClaims(deps.db, new Date(now.getTime() - STALE_CLAIM_MS), now);
  const until = new Date(now.getTime() + HORIZON_MS);
  let queued = 0;
  let after: OutboxJobRef | undefined;
  for (;;) {
    const page = await findPendingOutbox(deps.db, until, PAGE_SIZE, after);
    if (page.length > 0) await deps.queue.enqueueMany(page);
    queued += page.length;
    after = page.at(-1);
    if (page.length < PAGE_SIZE) break;
  }
  return { released, queued };
}
