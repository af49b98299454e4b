import { sql, type Kysely } from "kysely";

// Record first, then act: what comes in (inbox), what goes out (outbox), and when the sweep last ran.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("outbox")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("partnership_id", "text", (c) => c.references("partnerships.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('message', 'file', 'refresh')`))
    .addColumn("member_id", "uuid", (c) => c.references("members.id").onDelete("cascade"))
    .addColumn("platform", "text")
    .addColumn("conversation", "text")
    .addColumn("card", "text")
    .addColumn("content", "jsonb", (c) => c.notNull())
    .addColumn("file_content", "bytea")
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'processing', 'sent', 'failed', 'cancelled')`),
    )
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("claimed_at", "timestamptz")
    .addColumn("message_ref", "text")
    .addColumn("sent_platform", "text")
    .addColumn("sent_conversation", "text")
    .addColumn("sent_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("outbox_open_due").on("outbox").columns(["status", "due_at"]).execute();
  await db.schema.createIndex("outbox_card").on("outbox").column("card").where(sql.ref("card"), "is not", null).execute();

  await db.schema
    .createTable("inbox")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'processing', 'done', 'failed', 'expired')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("received_at", "timestamptz", (c) => c.notNull())
    .addColumn("claimed_at", "timestamptz")
    .addColumn("done_at", "timestamptz")
    .execute();
  await db.schema.createIndex("inbox_open").on("inbox").columns(["status", "received_at"]).execute();

  await db.schema
    .createTable("sweep_runs")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("completed_at", "timestamptz", (c) => c.notNull())
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();

  // A card's copies are outbox rows now (same `card`), so the alert no longer keeps where it was posted.
  await db.schema.alterTable("cold_night_alerts").dropColumn("card_deliveries").execute();

  // The inbox's unique keys replace the Slack-only event de-duplication.
  await db.schema.dropTable("slack_events").ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("cold_night_alerts")
    .addColumn("card_deliveries", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema.dropTable("sweep_runs").execute();
  await db.schema.dropTable("inbox").execute();
  await db.schema.dropTable("outbox").execute();
  await db.schema
    .createTable("slack_events")
    .addColumn("event_id", "text", (c) => c.primaryKey())
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
