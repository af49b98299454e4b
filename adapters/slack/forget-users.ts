import type { Kysely } from "kysely";
import type { Database } from "../../src/db/database.ts";
import type { SlackTables } from "./slack.tables.ts";

/** Forgets Slack users: the forms kept behind an "open the form" button for them. */
export async function forgetSlackUsers(db: Kysely<Database>, userIds: readonly string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const result = await db.withTables<SlackTables>().deleteFrom("slack_pending_forms").where("user_id", "in", userIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}
