import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../src/db/database.ts";
import type { FileAttachment } from "../../../src/chat/message.ts";
import type { Clock } from "../../../src/shared/clock.ts";
import type { TeamsTables } from "../teams.tables.ts";

/** How long a download link in a Teams card works. */
export const FILE_LINK_DAYS = 30;
/** The path the adapter's router serves files under. */
export const FILE_PATH = "/api/teams/files";

/** Stores files behind unguessable, expiring tokens so a card can link to them. */
export interface FileLinks {
  /** Stores the file and returns its token. */
  store(file: FileAttachment): Promise<string>;
  /** The file for a token, or undefined when unknown or expired. */
  read(token: string): Promise<{ filename: string; mimeType: string; content: Buffer } | undefined>;
}

export function createFileLinks(db: Kysely<Database>, clock: Clock): FileLinks {
  const teamsDb = db.withTables<TeamsTables>();
  return {
    store: async (file) => {
      const token = randomBytes(32).toString("base64url");
      const expires = new Date(clock.now().getTime() + FILE_LINK_DAYS * 24 * 3600 * 1000);
      await teamsDb
        .insertInto("teams_files")
        .values({ token, filename: file.filename, mime_type: file.mimeType, content: file.content, expires_at: expires })
        .execute();
      // Expired files go as new ones arrive, so the table never grows without bound.
      await teamsDb.deleteFrom("teams_files").where("expires_at", "<", clock.now()).execute();
      return token;
    },
    read: async (token) => {
      const row = await teamsDb
        .selectFrom("teams_files")
        .select(["filename", "mime_type", "content"])
        .where("token", "=", token)
        .where("expires_at", ">", clock.now())
        .executeTakeFirst();
      return row === undefined ? undefined : { filename: row.filename, mimeType: row.mime_type, content: row.content };
    },
  };
}
