import { sql, type Kysely } from "kysely";

// Migrations take Kysely<any> so they stay frozen in time, independent of app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meetings")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("group_id", "uuid", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("planned")
        .check(sql`status in ('planned', 'invited', 'moved', 'held', 'cancelled')`),
    )
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("planned_starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("sequence", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`sequence >= 0`),
    )
    .addColumn("invited_at", "timestamptz")
    .addColumn("agenda_sent_at", "timestamptz")
    .addColumn("minutes_at", "timestamptz")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("invitation_deliveries", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("agenda_deliveries", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("meetings_end_after_start", sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex("meetings_group_start").on("meetings").columns(["group_id", "starts_at"]).execute();

  await db.schema
    .createTable("meeting_rsvps")
    .addColumn("meeting_id", "uuid", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("answer", "text", (c) => c.notNull().check(sql`answer in ('yes', 'no', 'substitute')`))
    .addColumn("answered_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("meeting_rsvps_pk", ["meeting_id", "member_id"])
    .execute();

  await db.schema
    .createTable("agenda_items")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("group_id", "uuid", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("proposed_for_meeting_id", "uuid", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("proposed_by_member_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("text", "text", (c) => c.notNull().check(sql`length(text) between 1 and 500`))
    .addColumn("text_en", "text", (c) => c.check(sql`length(text_en) between 1 and 500`))
    .addColumn("source_key", "text")
    .addColumn("covered_in_meeting_id", "uuid", (c) => c.references("meetings.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("agenda_items_open").on("agenda_items").columns(["group_id", "covered_in_meeting_id"]).execute();
  // Items other capabilities add (e.g. the extension deadline) carry a key, so adding one twice is harmless.
  await db.schema.createIndex("agenda_items_source_key").on("agenda_items").columns(["group_id", "source_key"]).unique().execute();

  await db.schema
    .createTable("meeting_decisions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("meeting_id", "uuid", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull().check(sql`length(text) between 1 and 1000`))
    .addUniqueConstraint("meeting_decisions_position", ["meeting_id", "position"])
    .execute();

  await db.schema
    .createTable("action_items")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("group_id", "uuid", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("meeting_id", "uuid", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull().check(sql`length(text) between 1 and 500`))
    .addColumn("owner_member_id", "uuid", (c) => c.notNull().references("members.id"))
    .addColumn("due_date", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'done')`),
    )
    .addColumn("done_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("action_items_group_status").on("action_items").columns(["group_id", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["action_items", "meeting_decisions", "agenda_items", "meeting_rsvps", "meetings"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
