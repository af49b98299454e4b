import { sql, type Kysely } from "kysely";

// Trust at the edges (issue 13): a warned free text confirmed by sending it again, and the people involved in an
// incident as roles with counts, never as names.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("free_text_confirmations")
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    // A hash of where and what was written, never the text itself.
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("free_text_confirmations_pk", ["member_id", "fingerprint"])
    .execute();
  for (const column of ["people_staff", "people_visitors", "people_other"]) {
    await db.schema
      .alterTable("incidents")
      .addColumn(column, "integer", (c) => c.check(sql`${sql.ref(column)} >= 0`))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["people_staff", "people_visitors", "people_other"]) await db.schema.alterTable("incidents").dropColumn(column).execute();
  await db.schema.dropTable("free_text_confirmations").execute();
}
