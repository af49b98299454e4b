import { sql, type Kysely } from "kysely";

// Migrations take Kysely<any> so they stay frozen in time, independent of app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("form_sessions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("action_prefix", "text", (c) => c.notNull())
    .addColumn("definition", "jsonb", (c) => c.notNull())
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("state", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'paused', 'completed', 'cancelled')`))
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  // One conversation at a time per member: a direct message must never be ambiguous.
  await db.schema.createIndex("form_sessions_one_active").on("form_sessions").column("member_id").unique().where(sql.ref("status"), "=", "active").execute();
  await db.schema.createIndex("form_sessions_subject").on("form_sessions").columns(["subject", "member_id"]).execute();

  await db.schema
    .createTable("reports")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("organisation_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("form", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("period_start", "date", (c) => c.notNull())
    .addColumn("period_end", "date", (c) => c.notNull())
    .addColumn("opens_at", "timestamptz", (c) => c.notNull())
    .addColumn("deadline_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("reports_unique", ["partnership_id", "organisation_id", "form", "period"])
    .addCheckConstraint("reports_period_order", sql`period_start <= period_end and opens_at < deadline_at`)
    .execute();

  await db.schema
    .createTable("report_versions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("report_id", "uuid", (c) => c.notNull().references("reports.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
    .addColumn("answers", "jsonb", (c) => c.notNull())
    .addColumn("definition", "jsonb", (c) => c.notNull())
    // Restrict, not cascade: the record of who reported what outlives a member leaving.
    .addColumn("submitted_by", "uuid", (c) => c.notNull().references("members.id"))
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull())
    .addColumn("via", "text", (c) => c.notNull().check(sql`via in ('chat', 'form')`))
    .addUniqueConstraint("report_versions_unique", ["report_id", "version"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["report_versions", "reports", "form_sessions"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
