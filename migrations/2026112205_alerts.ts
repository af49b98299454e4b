import { sql, type Kysely } from "kysely";

// Migrations take Kysely<any> so they stay frozen in time, independent of app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cold_night_alerts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("night", "date", (c) => c.notNull())
    .addColumn("temperature_c", "real", (c) => c.check(sql`temperature_c between -70 and 30`))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'closed')`),
    )
    .addColumn("declared_by", "uuid", (c) => c.references("members.id"))
    .addColumn("declared_at", "timestamptz", (c) => c.notNull())
    .addColumn("closes_at", "timestamptz", (c) => c.notNull())
    .addColumn("closed_by", "uuid", (c) => c.references("members.id"))
    .addColumn("closed_at", "timestamptz")
    .addColumn("card_deliveries", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addUniqueConstraint("cold_night_alerts_night", ["partnership_id", "night"])
    .addCheckConstraint("cold_night_alerts_closed", sql`(status = 'closed') = (closed_at is not null)`)
    .execute();

  await db.schema
    .createTable("cold_night_responses")
    .addColumn("alert_id", "uuid", (c) => c.notNull().references("cold_night_alerts.id").onDelete("cascade"))
    .addColumn("activity_id", "uuid", (c) => c.notNull().references("activities.id"))
    .addColumn("organisation_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("answer", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`answer in ('pending', 'opening', 'full', 'cannot')`),
    )
    .addColumn("extra_places", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`extra_places between 0 and 1000`),
    )
    .addColumn("answered_by", "uuid", (c) => c.references("members.id"))
    .addColumn("answered_at", "timestamptz")
    .addColumn("escalation_step", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("places_used", "integer", (c) => c.check(sql`places_used between 0 and 1000`))
    .addColumn("turned_away", "integer", (c) => c.check(sql`turned_away between 0 and 10000`))
    .addColumn("followup_by", "uuid", (c) => c.references("members.id"))
    .addColumn("followup_at", "timestamptz")
    .addPrimaryKeyConstraint("cold_night_responses_pk", ["alert_id", "activity_id"])
    .addCheckConstraint("cold_night_responses_places", sql`(answer = 'opening') = (extra_places > 0)`)
    .execute();

  await db.schema
    .createTable("cold_night_forecasts")
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("night", "date", (c) => c.notNull())
    .addColumn("outcome", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`outcome in ('pending', 'suggested', 'not_cold', 'unavailable')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("minimum_c", "real")
    .addColumn("minimum_at", "timestamptz")
    .addColumn("threshold_c", "real")
    .addColumn("forecast_created_at", "timestamptz")
    .addColumn("decided_at", "timestamptz")
    .addPrimaryKeyConstraint("cold_night_forecasts_pk", ["partnership_id", "night"])
    .execute();

  await db.schema
    .createTable("incidents")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("reported_by", "uuid", (c) => c.references("members.id"))
    .addColumn("organisation_id", "uuid", (c) => c.references("organisations.id"))
    .addColumn("activity_id", "uuid", (c) => c.references("activities.id"))
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull())
    .addColumn("reported_at", "timestamptz", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('threat', 'violence', 'both')`))
    .addColumn("severity", "text", (c) => c.notNull().check(sql`severity in ('minor', 'moderate', 'serious_incident')`))
    .addColumn("injuries", "text", (c) => c.notNull().check(sql`injuries in ('none', 'minor', 'serious')`))
    .addColumn("police", "text", (c) => c.notNull().check(sql`police in ('none', 'called', 'reported')`))
    .addColumn("support_needed", "boolean", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.check(sql`length(description) <= 1000`))
    .addColumn("acknowledged_by", "uuid", (c) => c.references("members.id"))
    .addColumn("acknowledged_at", "timestamptz")
    .addColumn("escalated_at", "timestamptz")
    .addColumn("debrief_done_at", "timestamptz")
    .addColumn("authority_reported_at", "timestamptz")
    .addColumn("police_reported_at", "timestamptz")
    .addColumn("purged_at", "timestamptz")
    .addCheckConstraint("incidents_purged", sql`purged_at is null or description is null`)
    .execute();
  await db.schema.createIndex("incidents_partnership_time").on("incidents").columns(["partnership_id", "occurred_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["incidents", "cold_night_forecasts", "cold_night_responses", "cold_night_alerts"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
