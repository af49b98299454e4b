import type { Transact } from "../app/unit-of-work.ts";
import type { Notifier } from "../chat/notifier.ts";
import type { Db } from "../db/database.ts";
import type { Reminders } from "../reminders/reminder.ts";
import type { Clock } from "../shared/clock.ts";
import type { LocalizedText } from "../forms/index.ts";
import type { Logger } from "../shared/logger.ts";
import type { ReportPrefillSources } from "./report-prefill.ts";

/** Puts an item on a group's agenda; idempotent by `key`. Wired to the meetings capability. */
export interface AgendaPort {
  /** Adds the item to the group's next meeting before `before`, once per key. */
  addItem(item: { partnershipId: string; groupId: string; key: string; title: LocalizedText; before: Date }): Promise<void>;
}

/** What the reports capability needs from the composition root. */
export interface ReportsDeps {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  reminders: Reminders;
  /** One transaction for a state change and everything it must send and schedule. */
  transact: Transact;
  logger: Logger;
  prefill?: ReportPrefillSources;
  agenda?: AgendaPort;
}
