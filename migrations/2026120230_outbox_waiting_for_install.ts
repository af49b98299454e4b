import { sql, type Kysely } from "kysely";

// A channel post the app cannot make yet (it has not been added to that channel) waits as `waiting` instead of
// failing after retries; it is released when the app is added there.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox drop constraint if exists outbox_status_check`.execute(db);
  await sql`alter table outbox add constraint outbox_status_check check (status in ('pending', 'processing', 'sent', 'failed', 'cancelled', 'waiting'))`.execute(
    db,
  );
  await db.schema.createIndex("outbox_waiting").on("outbox").columns(["platform", "conversation"]).where(sql.ref("status"), "=", "waiting").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("outbox_waiting").execute();
  await sql`update outbox set status = 'failed' where status = 'waiting'`.execute(db);
  await sql`alter table outbox drop constraint if exists outbox_status_check`.execute(db);
  await sql`alter table outbox add constraint outbox_status_check check (status in ('pending', 'processing', 'sent', 'failed', 'cancelled'))`.execute(db);
}
