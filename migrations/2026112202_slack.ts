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

  // Slack opens a modal only with a fresh trigger id; a form asked for without one (a typed DM, a reminder) is kept
  // here behind an "open the form" button, whose click brings the trigger id.
  await db.schema
    .createTable("slack_pending_forms")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("form", "jsonb", (c) => c.notNull())
    .addColumn("origin", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("slack_pending_forms").execute();
  await db.schema.dropTable("slack_events").execute();
}
