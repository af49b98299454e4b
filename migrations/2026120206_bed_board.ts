import { sql, type Kysely } from "kysely";

// The bed board: each night shelter's free places tonight as its staff report them (counts only, never a person),
// the extra women's places opened on a cold night, and who gets the board without asking and from what time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("shelter_nights")
    .addColumn("activity_id", "uuid", (c) => c.notNull().references("activities.id"))
    .addColumn("night", "date", (c) => c.notNull())
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("free_places", "integer", (c) => c.check(sql`free_places between 0 and 10000`))
    .addColumn("free_women", "integer", (c) => c.check(sql`free_women between 0 and 10000`))
    .addColumn("turned_away", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`turned_away between 0 and 10000`),
    )
    .addColumn("updated_by", "uuid", (c) => c.references("members.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("shelter_nights_pk", ["activity_id", "night"])
    .execute();
  await db.schema.createIndex("shelter_nights_partnership_night").on("shelter_nights").columns(["partnership_id", "night"]).execute();
  await db.schema
    .alterTable("cold_night_responses")
    .addColumn("extra_places_women", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("cold_night_responses")
    .addCheckConstraint("cold_night_responses_women", sql`extra_places_women between 0 and extra_places`)
    .execute();
  await db.schema
    .alterTable("cold_night_settings")
    .addColumn("bed_board_from", "text", (c) => c.notNull().defaultTo("21:00"))
    .addColumn("bed_board_roles", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{socialjouren}'`))
    .addColumn("bed_board_city_units", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cold_night_settings").dropColumn("bed_board_from").dropColumn("bed_board_roles").dropColumn("bed_board_city_units").execute();
  await db.schema.alterTable("cold_night_responses").dropColumn("extra_places_women").execute();
  await db.schema.dropTable("shelter_nights").execute();
}
