import { sql, type Kysely } from "kysely";

// Teams can only be written to where the bot has been: each conversation's service URL, tenant and bot id are
// remembered from inbound activities so proactive messages (reminders, alerts) reach it later.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("teams_conversations")
    .addColumn("conversation_id", "text", (c) => c.primaryKey())
    .addColumn("conversation_type", "text", (c) => c.notNull().check(sql`conversation_type in ('personal', 'channel', 'groupChat')`))
    .addColumn("service_url", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text")
    .addColumn("bot_id", "text", (c) => c.notNull())
    .addColumn("team_id", "text")
    .addColumn("user_id", "text")
    .addColumn("aad_object_id", "text")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("teams_conversations_user").on("teams_conversations").column("user_id").execute();
  await db.schema.createIndex("teams_conversations_aad").on("teams_conversations").column("aad_object_id").execute();

  // A partnership file names Teams people by AAD object id; opening a 1:1 chat needs their Bot Framework id (29:…).
  await db.schema
    .createTable("teams_users")
    .addColumn("aad_object_id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Teams bots cannot attach a file to a channel without SharePoint; the card links to a capability URL instead.
  await db.schema
    .createTable("teams_files")
    .addColumn("token", "text", (c) => c.primaryKey())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("content", "bytea", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("teams_files").execute();
  await db.schema.dropTable("teams_users").execute();
  await db.schema.dropTable("teams_conversations").execute();
}
