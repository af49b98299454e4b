import { sql, type Kysely } from "kysely";

// Migrations take Kysely<any> so they stay frozen in time, independent of app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("partnerships")
    .addColumn("id", "text", (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9][a-z0-9-]{1,62}$'`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("city", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("Europe/Stockholm"))
    .addColumn("locale", "text", (c) =>
      c
        .notNull()
        .defaultTo("sv")
        .check(sql`locale in ('sv', 'en')`),
    )
    .addColumn("period_start", "date", (c) => c.notNull())
    .addColumn("period_end", "date", (c) => c.notNull())
    .addColumn("extension_step_months", "integer", (c) => c.check(sql`extension_step_months between 1 and 60`))
    .addColumn("extension_until", "date")
    .addColumn("extension_deadline", "text", (c) => c.check(sql`extension_deadline ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("partnership_period_order", sql`period_end >= period_start`)
    .addCheckConstraint("partnership_extension_after_end", sql`extension_until is null or extension_until >= period_end`)
    .execute();

  await db.schema
    .createTable("organisations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("org_number", "text", (c) => c.notNull().check(sql`org_number ~ '^[0-9]{6}-[0-9]{4}$'`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addUniqueConstraint("organisations_key", ["partnership_id", "key"])
    .execute();

  await db.schema
    .createTable("city_units")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addUniqueConstraint("city_units_key", ["partnership_id", "key"])
    .execute();

  await db.schema
    .createTable("groups")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("cadence_kind", "text", (c) => c.notNull())
    .addColumn("cadence_months", "integer")
    .addColumn("meeting_settings", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addUniqueConstraint("groups_key", ["partnership_id", "key"])
    .addCheckConstraint(
      "groups_cadence",
      sql`(cadence_kind = 'months' and cadence_months between 1 and 12) or (cadence_kind = 'term' and cadence_months is null)`,
    )
    .execute();

  await db.schema
    .createTable("members")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("organisation_id", "uuid", (c) => c.references("organisations.id"))
    .addColumn("city_unit_id", "uuid", (c) => c.references("city_units.id"))
    .addColumn("locale", "text", (c) =>
      c
        .notNull()
        .defaultTo("sv")
        .check(sql`locale in ('sv', 'en')`),
    )
    .addColumn("roles", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("deactivated_at", "timestamptz")
    .addUniqueConstraint("members_key", ["partnership_id", "key"])
    .execute();

  await db.schema
    .createTable("member_identities")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("platform", "text", (c) => c.notNull().check(sql`platform in ('slack', 'teams')`))
    .addColumn("platform_user_id", "text", (c) => c.notNull().check(sql`length(platform_user_id) > 0`))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("member_identities_unique", ["partnership_id", "platform", "platform_user_id"])
    .execute();
  await db.schema.createIndex("member_identities_lookup").on("member_identities").columns(["platform", "platform_user_id"]).execute();

  await db.schema
    .createTable("group_members")
    .addColumn("group_id", "uuid", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("role", "text", (c) =>
      c
        .notNull()
        .defaultTo("member")
        .check(sql`role in ('member', 'chair', 'secretary')`),
    )
    .addPrimaryKeyConstraint("group_members_pk", ["group_id", "member_id"])
    .execute();

  await db.schema
    .createTable("channels")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("platform", "text", (c) => c.notNull().check(sql`platform in ('slack', 'teams')`))
    .addColumn("conversation", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('partnership', 'group', 'alerts')`))
    .addColumn("group_id", "uuid", (c) => c.references("groups.id").onDelete("cascade"))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addUniqueConstraint("channels_unique", ["partnership_id", "platform", "conversation", "purpose"])
    .addCheckConstraint("channels_group_purpose", sql`(purpose = 'group') = (group_id is not null)`)
    .execute();

  await db.schema
    .createTable("activities")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("organisation_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('night', 'day')`))
    .addColumn("places", "integer", (c) => c.notNull().check(sql`places >= 0`))
    .addColumn("places_women", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`places_women >= 0`),
    )
    .addColumn("nights_per_grant", "integer", (c) => c.check(sql`nights_per_grant > 0`))
    .addColumn("nights_per_grant_women", "integer", (c) => c.check(sql`nights_per_grant_women > 0`))
    .addColumn("karenstid_nights", "integer", (c) => c.check(sql`karenstid_nights >= 0`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addUniqueConstraint("activities_key", ["partnership_id", "key"])
    .addCheckConstraint("activities_women_within_places", sql`places_women <= places`)
    .execute();

  await db.schema
    .createTable("activity_staff")
    .addColumn("activity_id", "uuid", (c) => c.notNull().references("activities.id").onDelete("cascade"))
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("activity_staff_pk", ["activity_id", "member_id"])
    .execute();

  await db.schema
    .createTable("cold_night_settings")
    .addColumn("partnership_id", "text", (c) => c.primaryKey().references("partnerships.id").onDelete("cascade"))
    .addColumn("threshold_c", "real", (c) => c.notNull().check(sql`threshold_c between -60 and 20`))
    .addColumn("season_from", "text", (c) => c.notNull())
    .addColumn("season_to", "text", (c) => c.notNull())
    .addColumn("latitude", "double precision", (c) => c.notNull().check(sql`latitude between -90 and 90`))
    .addColumn("longitude", "double precision", (c) => c.notNull().check(sql`longitude between -180 and 180`))
    .addColumn("forecast_time", "text", (c) => c.notNull().defaultTo("14:00"))
    .addColumn("escalation_minutes", sql`integer[]`, (c) => c.notNull())
    .addColumn("declarer_roles", sql`text[]`, (c) => c.notNull())
    .addColumn("close_time", "text", (c) => c.notNull().defaultTo("09:00"))
    .execute();

  await db.schema
    .createTable("incident_settings")
    .addColumn("partnership_id", "text", (c) => c.primaryKey().references("partnerships.id").onDelete("cascade"))
    .addColumn("ack_minutes", "integer", (c) =>
      c
        .notNull()
        .defaultTo(30)
        .check(sql`ack_minutes between 1 and 1440`),
    )
    .addColumn("channel_notice", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("retention_days", "integer", (c) =>
      c
        .notNull()
        .defaultTo(730)
        .check(sql`retention_days between 30 and 3650`),
    )
    .execute();

  await db.schema
    .createTable("report_settings")
    .addColumn("partnership_id", "text", (c) => c.primaryKey().references("partnerships.id").onDelete("cascade"))
    .addColumn("settings", "jsonb", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("reminders")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("partnership_id", "text", (c) => c.references("partnerships.id").onDelete("cascade"))
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'processing', 'done', 'cancelled', 'failed')`),
    )
    .addColumn("payload", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("claimed_at", "timestamptz")
    .addColumn("done_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("reminders_pending_due").on("reminders").columns(["status", "due_at"]).execute();

  await db.schema
    .createTable("partnership_choices")
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("platform_user_id", "text", (c) => c.notNull())
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("chosen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("partnership_choices_pk", ["platform", "platform_user_id"])
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("actor_member_id", "uuid", (c) => c.references("members.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("audit_events_subject").on("audit_events").columns(["subject_type", "subject_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_events",
    "reminders",
    "partnership_choices",
    "report_settings",
    "incident_settings",
    "cold_night_settings",
    "activity_staff",
    "activities",
    "channels",
    "group_members",
    "member_identities",
    "members",
    "groups",
    "city_units",
    "organisations",
    "partnerships",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
