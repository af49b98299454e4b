import type { ColumnType, Generated, JSONColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A form being filled in by one member, saved after every answer so it survives restarts and days of silence. */
export interface FormSessionTable {
  id: Generated<string>;
  partnership_id: string;
  member_id: string;
  /** The owner's key for what is being filled in, e.g. `report:<id>`. */
  subject: string;
  /** Prefix of the owner's action ids (`report.`): the summary's buttons come back to it. */
  action_prefix: string;
  /** A snapshot of the definition, so a template edited mid-conversation cannot break it. */
  definition: JSONColumnType<Record<string, unknown>>;
  title: JSONColumnType<{ sv: string; en: string }>;
  state: JSONColumnType<Record<string, unknown>>;
  status: "active" | "paused" | "completed" | "cancelled";
  /** Bumped on every save; a concurrent save of the same revision loses and retries. */
  revision: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A member's warned free text, remembered (as a hash) so sending it again unchanged confirms it. */
export interface FreeTextConfirmationTable {
  member_id: string;
  fingerprint: string;
  created_at: Timestamp;
}

export interface FormsTables {
  form_sessions: FormSessionTable;
  free_text_confirmations: FreeTextConfirmationTable;
}
