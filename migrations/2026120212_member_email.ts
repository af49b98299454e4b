import { sql, type Kysely } from "kysely";

// A member's work e-mail, when the partnership file gives one: meeting invitations name them as ATTENDEE by it, so
// Outlook and Google file the calendar file as an invitation to that person.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("members")
    .addColumn("email", "text", (c) => c.check(sql`email ~ '^[^@[:space:]]+@[^@[:space:]]+$'`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("members").dropColumn("email").execute();
}
