import { sql, type Kysely } from "kysely";

// Slack retries an event it thinks we missed; the adapter records each event_id once, before handling it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("slack_events")
    .addColumn("event_id", "text", (c) => c.primaryKey())
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The adapter's daily housekeeping forgets event ids older than a day by this column.
  await db.schema.createIndex("slack_events_received_at").on("slack_events").column("received_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("slack_events").execute();
}
