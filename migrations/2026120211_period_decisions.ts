import { sql, type Kysely } from "kysely";

// The styrgrupp's decision on a period's extension, recorded in chat: the period moves (extended) or the
// agreement ends with it (ending). One decision per period end; a re-import of the file keeps it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("period_decisions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id").onDelete("cascade"))
    .addColumn("decision", "text", (c) => c.notNull().check(sql`decision in ('extended', 'ending')`))
    .addColumn("period_end_before", "date", (c) => c.notNull())
    .addColumn("period_end_after", "date", (c) => c.notNull())
    .addColumn("decided_by_member_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("decided_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint("period_decisions_order", sql`period_end_after >= period_end_before`)
    .addUniqueConstraint("period_decisions_once", ["partnership_id", "period_end_before"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("period_decisions").ifExists().execute();
}
