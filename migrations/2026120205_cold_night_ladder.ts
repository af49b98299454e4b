import { sql, type Kysely } from "kysely";

// The escalation ladder repeats until every shelter answers or samordning acknowledges the alert, and samordning can
// restart one shelter's ladder from a chosen rung: each shelter's run, where it started and from which step.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("cold_night_settings")
    .addColumn("escalation_repeat_from", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`escalation_repeat_from >= 1`),
    )
    .addColumn("escalation_repeat_minutes", "integer", (c) =>
      c
        .notNull()
        .defaultTo(30)
        .check(sql`escalation_repeat_minutes between 1 and 1440`),
    )
    .execute();
  await db.schema
    .alterTable("cold_night_alerts")
    .addColumn("acknowledged_by", "uuid", (c) => c.references("members.id"))
    .addColumn("acknowledged_at", "timestamptz")
    .execute();
  await db.schema
    .alterTable("cold_night_responses")
    .addColumn("ladder_run", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("ladder_from", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("ladder_base_at", "timestamptz")
    .addColumn("restarted_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("cold_night_responses")
    .dropColumn("ladder_run")
    .dropColumn("ladder_from")
    .dropColumn("ladder_base_at")
    .dropColumn("restarted_at")
    .execute();
  await db.schema.alterTable("cold_night_alerts").dropColumn("acknowledged_by").dropColumn("acknowledged_at").execute();
  await db.schema.alterTable("cold_night_settings").dropColumn("escalation_repeat_from").dropColumn("escalation_repeat_minutes").execute();
}
