import type { Kysely } from "kysely";

// The request (inbox delivery) that declared a cold night: handled again after a crash, it finds its own night and
// says nothing more, instead of telling the declarer their night is "already declared".
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cold_night_alerts").addColumn("declared_request", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cold_night_alerts").dropColumn("declared_request").execute();
}
