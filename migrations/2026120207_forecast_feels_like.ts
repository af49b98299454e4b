import { sql, type Kysely } from "kysely";

// The forecast check can trigger on the feels-like temperature (air temperature and wind, the wind chill formula SMHI
// uses) and suggests a run of cold nights at once: each night's row records both temperatures and the run it is in.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("cold_night_settings")
    .addColumn("use_feels_like", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable("cold_night_forecasts")
    .addColumn("air_c", "real")
    .addColumn("feels_like_c", "real")
    .addColumn("run_start", "date")
    .addColumn("checked_at", "timestamptz")
    .execute();
  // The day's check of a night is now marked by `checked_at` (a night suggested the day before is still checked on the day).
  await db
    .updateTable("cold_night_forecasts")
    .set({ checked_at: sql`decided_at` })
    .where("outcome", "<>", "pending")
    .execute();
  await db.schema
    .createIndex("cold_night_forecasts_run")
    .on("cold_night_forecasts")
    .columns(["partnership_id", "run_start"])
    .where(sql.ref("run_start"), "is not", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("cold_night_forecasts_run").execute();
  await db.schema.alterTable("cold_night_forecasts").dropColumn("air_c").dropColumn("feels_like_c").dropColumn("run_start").dropColumn("checked_at").execute();
  await db.schema.alterTable("cold_night_settings").dropColumn("use_feels_like").execute();
}
