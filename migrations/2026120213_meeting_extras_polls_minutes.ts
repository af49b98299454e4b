import { sql, type Kysely } from "kysely";

// Extra meetings (called by a chair or coordinator, with a place and a reason), date polls whose chosen time
// becomes a meeting, and versioned minutes (an amendment keeps the earlier version).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("meetings")
    .addColumn("origin", "text", (c) =>
      c
        .notNull()
        .defaultTo("plan")
        .check(sql`origin in ('plan', 'extra', 'poll')`),
    )
    .addColumn("location", "text", (c) => c.check(sql`length(location) between 1 and 300`))
    .addColumn("reason", "text", (c) => c.check(sql`length(reason) between 1 and 500`))
    .addColumn("called_by_member_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    // The inbox row of the request that called it: handled again after a crash, the request finds its meeting.
    .addColumn("request_key", "text", (c) => c.unique())
    .execute();

  await db.schema
    .createTable("meeting_polls")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("group_id", "uuid", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("organiser_member_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("location", "text", (c) => c.check(sql`length(location) between 1 and 300`))
    .addColumn("reason", "text", (c) => c.check(sql`length(reason) between 1 and 500`))
    .addColumn("duration_minutes", "integer", (c) => c.notNull().check(sql`duration_minutes between 15 and 480`))
    .addColumn("deadline_at", "timestamptz", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'decided', 'cancelled')`),
    )
    .addColumn("meeting_id", "uuid", (c) => c.references("meetings.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("decided_at", "timestamptz")
    .addColumn("request_key", "text", (c) => c.unique())
    .execute();

  await db.schema
    .createTable("meeting_poll_options")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("poll_id", "uuid", (c) => c.notNull().references("meeting_polls.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().check(sql`position between 1 and 5`))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("meeting_poll_options_position", ["poll_id", "position"])
    .execute();

  await db.schema
    .createTable("meeting_poll_votes")
    .addColumn("option_id", "uuid", (c) => c.notNull().references("meeting_poll_options.id").onDelete("cascade"))
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("voted_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("meeting_poll_votes_pk", ["option_id", "member_id"])
    .execute();

  await db.schema
    .createTable("minutes_versions")
    .addColumn("meeting_id", "uuid", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
    .addColumn("decisions", "jsonb", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.check(sql`length(note) between 1 and 500`))
    .addColumn("recorded_by_member_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull())
    .addColumn("request_key", "text", (c) => c.unique())
    .addPrimaryKeyConstraint("minutes_versions_pk", ["meeting_id", "version"])
    .execute();
  // The minutes saved before versions existed become their version 1.
  await sql`
    insert into minutes_versions (meeting_id, version, decisions, recorded_at)
    select m.id, 1, coalesce((select jsonb_agg(d.text order by d.position) from meeting_decisions d where d.meeting_id = m.id), '[]'::jsonb), m.minutes_at
    from meetings m where m.minutes_at is not null
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["minutes_versions", "meeting_poll_votes", "meeting_poll_options", "meeting_polls"])
    await db.schema.dropTable(table).ifExists().execute();
  for (const column of ["request_key", "called_by_member_id", "reason", "location", "origin"])
    await db.schema.alterTable("meetings").dropColumn(column).execute();
}
