/** A real inbox over a test database, its pump running, for adapter tests that start an adapter without startApp. */
import type { Db } from "../../src/db/database.ts";
import { createInbox, type RunningInbox } from "../../src/inbox/index.ts";
import { systemClock, type Clock } from "../../src/shared/clock.ts";
import { silentLogger } from "../../src/shared/logger.ts";

const running = new Set<RunningInbox>();

/** Creates and starts an inbox; `stopTestInboxes` stops every one this file started. */
export function createTestInbox(db: Db, clock: Clock = systemClock): RunningInbox {
  const inbox = createInbox({ db, clock, logger: silentLogger, concurrency: 8 });
  inbox.start();
  running.add(inbox);
  return inbox;
}

/** Stops the pumps before their database is dropped. */
export async function stopTestInboxes(): Promise<void> {
  await Promise.all([...running].map((i) => i.stop()));
  running.clear();
}
