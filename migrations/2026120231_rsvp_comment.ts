import { sql, type Kysely } from "kysely";

// A short comment to an answer to an invitation (who comes instead, arriving late), for the chair, the secretary and
// the organisers. Bounded like the text the form accepts; null when there is none.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("meeting_rsvps")
    .addColumn("comment", "text", (c) => c.check(sql`length(comment) between 1 and 200`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("meeting_rsvps").dropColumn("comment").execute();
}
