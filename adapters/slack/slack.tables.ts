import type { Generated } from "kysely";

/** One Slack Events API delivery already accepted; retries with the same `event_id` are ignored. */
export type SlackEventsTable = {
  event_id: string;
  received_at: Generated<Date>;
};

/** The tables the Slack adapter owns (`migrations/2026112202_slack.ts`). */
// A type alias, not an interface: Kysely's withTables needs an index-compatible record type.
export type SlackTables = {
  slack_events: SlackEventsTable;
};
