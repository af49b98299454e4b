import type { Transact } from "../app/unit-of-work.ts";
import type { Notifier } from "../chat/notifier.ts";
import type { Db } from "../db/database.ts";
import type { Reminders } from "../reminders/reminder.ts";
import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";

/** What every alerts use case works with. */
export interface AlertsDeps {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  reminders: Reminders;
  /** One transaction for a state change and everything it must send and schedule. */
  transact: Transact;
  logger: Logger;
}
