import type { Kysely } from "kysely";

// A report can be started before it opens (its answers wait in `queued_*` until it opens, unless the partnership
// allows early submission), and the administration can request one outside the cycle (`requested_by`, who hears
// about it when it is overdue).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("reports")
    .addColumn("queued_answers", "jsonb")
    .addColumn("queued_by", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("queued_via", "text")
    .addColumn("queued_at", "timestamptz")
    .addColumn("requested_by", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("reports")
    .dropColumn("queued_answers")
    .dropColumn("queued_by")
    .dropColumn("queued_via")
    .dropColumn("queued_at")
    .dropColumn("requested_by")
    .execute();
}
