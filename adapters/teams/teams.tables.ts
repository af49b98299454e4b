import type { ColumnType } from "kysely";

type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

/** Where a Teams conversation lives, remembered from inbound activities so the bot can write to it later. */
export type TeamsConversationTable = {
  /** The conversation id without a thread suffix (`;messageid=…`). */
  conversation_id: string;
  conversation_type: "personal" | "channel" | "groupChat";
  service_url: string;
  tenant_id: string | null;
  /** The bot's id in this conversation (`28:<app id>`). */
  bot_id: string;
  team_id: string | null;
  /** For personal chats: the user's Bot Framework id (`29:…`) and AAD object id. */
  user_id: string | null;
  aad_object_id: string | null;
  updated_at: UpdatedAt;
};

/** A Teams user's Bot Framework id by AAD object id, needed to open a 1:1 chat with them. */
export type TeamsUserTable = {
  aad_object_id: string;
  user_id: string;
  tenant_id: string | null;
  updated_at: UpdatedAt;
};

/** A file offered for download from a card: the random token is the only key, and it expires. */
export type TeamsFileTable = {
  token: string;
  filename: string;
  mime_type: string;
  content: Buffer;
  expires_at: Date;
  created_at: ColumnType<Date, Date | string | undefined, never>;
};

/** The tables the Teams adapter owns (`migrations/2026112203_teams.ts`). */
// A type alias, not an interface: Kysely's withTables needs an index-compatible record type.
export type TeamsTables = {
  teams_conversations: TeamsConversationTable;
  teams_users: TeamsUserTable;
  teams_files: TeamsFileTable;
};
