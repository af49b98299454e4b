import type { AllMiddlewareArgs, AnyMiddlewareArgs } from "@slack/bolt";
import type { Kysely } from "kysely";
import type { Database } from "../../../src/db/database.ts";
import type { Logger } from "../../../src/shared/logger.ts";
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

/** For Socket Mode, where Bolt's own receiver acks: drops duplicate events before the core sees them. */
export function createDedupeMiddleware(deduper: EventDeduper, log: Logger) {
  return async ({ body, next }: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const envelope = body as { type?: unknown; event_id?: unknown };
    if (envelope.type === "event_callback" && typeof envelope.event_id === "string" && !(await deduper.claim(envelope.event_id))) {
      log.info({ eventId: envelope.event_id }, "slack event already handled; retry ignored");
      return;
    }
    await next();
  };
}
