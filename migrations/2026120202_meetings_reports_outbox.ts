import { sql, type Kysely } from "kysely";

// A meeting's invitation and agenda are live cards now: their copies are outbox rows with the card's id, so the
// meeting no longer keeps where they were posted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("meetings").dropColumn("invitation_deliveries").dropColumn("agenda_deliveries").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("meetings")
    .addColumn("invitation_deliveries", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("agenda_deliveries", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}
