import type { Kysely } from "kysely";
import type { Database } from "../../../src/db/database.ts";
import type { SlackTables } from "../slack.tables.ts";

/** Remembers which Events API deliveries were accepted, in the database so restarts and replicas agree. */
export interface EventDeduper {
  /** Records `eventId`; true the first time, false for every later delivery (a Slack retry). */
  claim(eventId: string): Promise<boolean>;
  /** Forgets deliveries received before `before`; returns how many. */
  purge(before: Date): Promise<number>;
}

/** A deduper over the `slack_events` table (insert, on conflict do nothing). */
export function createEventDeduper(db: Kysely<Database>): EventDeduper {
  // The core's Database type stays free of adapter tables; the adapter widens its own view of the schema.
  const slackDb = db.withTables<SlackTables>();
  return {
    async claim(eventId) {
      const inserted = await slackDb
        .insertInto("slack_events")
        .values({ event_id: eventId })
        .onConflict((oc) => oc.column("event_id").doNothing())
        .returning("event_id")
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async purge(before) {
      const deleted = await slackDb.deleteFrom("slack_events").where("received_at", "<", before).executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },
  };
}
