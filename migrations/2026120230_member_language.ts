import type { Kysely } from "kysely";

// A member's own choice of language (`språk en` / `language sv`): `members.locale` holds it, and this column says
// when the member chose it, so importing the partnership file again keeps their choice instead of the file's locale.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("members").addColumn("locale_chosen_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("members").dropColumn("locale_chosen_at").execute();
}
