import type { Kysely } from "kysely";

// Some partnerships' decisions name their organisations without numbers (Göteborg, seed 003; Bris, seed 004),
// and a number must never be invented, so it is optional; when given it must still be NNNNNN-NNNN.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organisations")
    .alterColumn("org_number", (c) => c.dropNotNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organisations")
    .alterColumn("org_number", (c) => c.setNotNull())
    .execute();
}
