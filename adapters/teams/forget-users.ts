import type { Kysely } from "kysely";
import type { Database } from "../../src/db/database.ts";
import type { TeamsTables } from "./teams.tables.ts";

/** Forgets Teams users (by Bot Framework id or AAD object id): their id mapping and their personal chats' references. */
export async function forgetTeamsUsers(db: Kysely<Database>, userIds: readonly string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const teams = db.withTables<TeamsTables>();
  const users = await teams
    .deleteFrom("teams_users")
    .where((eb) => eb.or([eb("aad_object_id", "in", userIds), eb("user_id", "in", userIds)]))
    .executeTakeFirst();
  const chats = await teams
    .deleteFrom("teams_conversations")
    .where("conversation_type", "=", "personal")
    .where((eb) => eb.or([eb("user_id", "in", userIds), eb("aad_object_id", "in", userIds)]))
    .executeTakeFirst();
  return Number(users.numDeletedRows) + Number(chats.numDeletedRows);
}
