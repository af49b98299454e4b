import type { Generated, JSONColumnType } from "kysely";

/** A form waiting behind an "open the form" button until its user clicks it. */
export type SlackPendingFormsTable = {
  id: Generated<string>;
  user_id: string;
  form: JSONColumnType<Record<string, unknown>>;
  origin: JSONColumnType<Record<string, unknown>>;
  created_at: Generated<Date>;
};

/** The tables the Slack adapter owns (`migrations/2026112202_slack.ts`). */
// A type alias, not an interface: Kysely's withTables needs an index-compatible record type.
export type SlackTables = {
  slack_pending_forms: SlackPendingFormsTable;
};
